"""What a ranking answers, as typed records: the Python API's results and the JSON's shape.

`to_plain` turns any of them into JSON values by field name, so these declarations are also
the output contract: `contract` derives the published JSON Schema from them, and
`SCHEMA_VERSION` is its version.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles every string
# annotation, which cost a cold `which` about half a millisecond per module like this one.

from typing import Any, Final, Generic, NamedTuple, TypeVar

from glutealtp.catalog.entries import Support, SymptomSupport
from glutealtp.vocabulary import (
    AgainstKind,
    FitWord,
    Kind,
    PressAnswer,
    RelationKind,
    RuleKind,
    Side,
    WarningKind,
)

SCHEMA_VERSION: Final = 2
"""Version of the JSON output contract; bumped on any incompatible change."""


class PointAnswer(NamedTuple):
    """A trigger point pressed and what pressing it brought on."""

    trigger_point: str
    answer: PressAnswer


class Query(NamedTuple):
    """The normalised question: sorted, de-duplicated ids, and the side of the body."""

    regions: tuple[str, ...]
    symptoms: tuple[str, ...]
    absent: tuple[str, ...] = ()
    """The regions and symptoms the person does not have (region and symptom ids never
    coincide)."""
    side: Side | None = None
    """The person's side the pain is on (`--side`), when given: recorded with the query and
    drawn on the map; the ranking is the same for either side."""
    pressed: tuple[PointAnswer, ...] = ()
    """The trigger points pressed (by id, sorted) and what pressing each brought on."""


class Pressed(NamedTuple):
    """A pressed trigger point of the muscle and how its answer moved it."""

    trigger_point: str
    name: str
    """The trigger point's name ("Outside (lateral) trigger point")."""
    answer: PressAnswer
    factor: float
    """How much likelier the answer is when this muscle is the source than when another
    is: above 1 it raises the muscle (its familiar pain: confirmed), below 1 it lowers it."""


S = TypeVar("S", Support, SymptomSupport)


class Evidence(NamedTuple, Generic[S]):
    """How one reported item counts for one muscle, and which catalog facts say so.

    `likelihood`: how likely the muscle's trigger points make the item (for a present item,
    with its facts' cover of the region and the chance of another cause); `commonness`: how
    commonly the references' area lists name the muscle for pain there (a factor, 1 when no
    list does); `coverage`: the share of the reported region its facts name.
    """

    id: str
    name: str
    likelihood: float
    via: tuple[S, ...]
    commonness: float = 1.0
    coverage: float = 1.0
    through: str | None = None
    """The related muscle whose likelihood it shares here (a satellite comes with its key
    trigger point's pain), when that is how it explains the item."""


class RuleMet(NamedTuple):
    """A clinical rule whose regions and symptoms were all reported; `multiplier` is how much
    the rule alone lifts the score."""

    id: str
    kind: RuleKind
    statement: str
    multiplier: float


class AlsoCheck(NamedTuple):
    """A muscle related to a result; `applies` is false when its symptoms were not reported."""

    muscle: str
    name: str
    relation: RelationKind
    when_symptoms: tuple[str, ...]
    applies: bool
    note: str | None


class Against(NamedTuple):
    """What counts against a muscle: an item the person does not have that its trigger
    points would likely give (`absent-region`, `absent-symptom`), or an area of its main
    pattern the person said nothing of while reporting pain elsewhere (`unreported-area`)."""

    kind: AgainstKind
    id: str
    name: str
    likelihood: float
    """How likely the muscle's trigger points make the item."""
    factor: float
    """What it multiplies the muscle's odds by (below 1)."""


class ScoreParts(NamedTuple):
    """score = 100 x likelihood x commonness x against_factor / scale (rounded, at most 100):
    each part is a geometric mean per present item, so scores of queries of any size compare;
    `against_factor` is what the result's `against` items multiply it by; `scale` makes the
    best an item can be 100: an essential zone of a muscle the lists name most strongly, for
    a region; a signature symptom, for a symptom."""

    likelihood: float
    commonness: float
    against_factor: float
    scale: float


class Result(NamedTuple):
    """One ranked muscle with the reasons for its place."""

    rank: int
    muscle: str
    name: str
    score: float
    regions_explained: tuple[str, ...]
    """The reported regions (ids) the muscle explains."""
    regions_reported: int
    """How many regions were reported."""
    symptoms_explained: tuple[str, ...]
    """The reported symptoms (ids) the muscle explains."""
    region_evidence: tuple[Evidence[Support], ...]
    """Why it explains each region of `regions_explained`: the catalog facts, one record
    per region."""
    symptom_evidence: tuple[Evidence[SymptomSupport], ...]
    """Why it explains each symptom of `symptoms_explained`."""
    against: tuple[Against, ...]
    rules_met: tuple[RuleMet, ...]
    also_check: tuple[AlsoCheck, ...]
    parts: ScoreParts
    fit: FitWord = "weak"
    tied: bool = False
    """It fits about as well as another result (their odds are within the near-tie ratio),
    and shares that result's rank."""
    only_for: tuple[str, ...] = ()
    """The reported regions and symptoms no other muscle in the catalog explains."""
    pressed: tuple[Pressed, ...] = ()
    """Its trigger points pressed, with each answer; one answered "familiar" confirms it."""


class AlsoLinked(NamedTuple):
    """A muscle linked to what was reported that is not among the candidates: it explains
    none of the reported regions (only a symptom), or reaches them only through a condition
    while other muscles refer there directly."""

    muscle: str
    name: str
    region_evidence: tuple[Evidence[Support], ...]
    symptom_evidence: tuple[Evidence[SymptomSupport], ...]


class RankingWarning(NamedTuple):
    """Shown first: a red flag (seek urgent care), or an item no muscle explains."""

    kind: WarningKind
    id: str
    message: str


class NextQuestion(NamedTuple):
    """An unreported region or symptom whose answer would best separate the leading muscles."""

    kind: Kind
    """"region" or "symptom"."""
    id: str
    name: str
    favours: tuple[str, ...]
    """The contenders a "yes" would raise, best placed after it first."""
    over: tuple[str, ...]
    """The contenders it would not raise, best placed now first."""
    question: str
    """The question alone, as the guided questionnaire asks it."""
    sentence: str
    """The question and what a "yes" would tell, in plain words."""


class Ranking(NamedTuple):
    """The answer to a query: results best first, plus what no muscle explains."""

    query: Query
    warnings: tuple[RankingWarning, ...]
    results: tuple[Result, ...]
    total_matches: int
    unexplained_regions: tuple[str, ...]
    unexplained_symptoms: tuple[str, ...]
    disclaimer: str
    also_linked: tuple[AlsoLinked, ...] = ()
    next_questions: tuple[NextQuestion, ...] = ()
    """At most three questions that would best tell the leading muscles apart; empty when one
    muscle clearly leads (see `settled`)."""
    settled: bool = False
    """True when no single unreported answer would change the top result."""

    def to_dict(self) -> dict[str, Any]:
        """Exactly what `which --format json` prints."""
        plain = to_plain(self)
        assert isinstance(plain, dict)
        return {"schema_version": SCHEMA_VERSION, **plain}


_SCALARS = frozenset({str, int, float, bool, type(None)})


def to_plain(value: object) -> object:
    """Records as dicts and tuples as lists: the JSON shape of a result.

    Scalars are passed through without a call: this runs once per batch query, on
    hundreds of nested records.
    """
    if isinstance(value, tuple | list):
        fields = getattr(value, "_fields", None)
        if fields is not None:
            return {
                k: v if type(v) in _SCALARS else to_plain(v)
                for k, v in zip(fields, value, strict=True)
            }
        return [v if type(v) in _SCALARS else to_plain(v) for v in value]
    return value
