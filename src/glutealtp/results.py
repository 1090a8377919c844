"""What a ranking answers, as typed records: the Python API's results and the JSON's shape.

`to_plain` turns any of them into JSON values by field name, so these declarations are also
the output contract: `output/schema.py` derives the published JSON Schema from them.
"""

from __future__ import annotations

from typing import Any, Generic, NamedTuple, TypeVar

from glutealtp.catalog.entries import Support, SymptomSupport
from glutealtp.output.document import SCHEMA_VERSION, to_plain
from glutealtp.vocabulary import FitWord, Kind, RelationKind, RuleKind, WarningKind


class Query(NamedTuple):
    """The normalised question: sorted, de-duplicated ids."""

    regions: tuple[str, ...]
    symptoms: tuple[str, ...]


S = TypeVar("S", Support, SymptomSupport)


class Evidence(NamedTuple, Generic[S]):
    """How one reported item counts for one muscle, and which catalog facts say so.

    The item counts `strength x commonness` in the muscle's evidence: how strongly its
    strongest fact explains the item, and how commonly the references name the muscle as a
    cause of pain there. `specificity` says how distinctive the item is.
    """

    id: str
    name: str
    strength: float
    specificity: float
    via: tuple[S, ...]
    commonness: float = 1.0


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


class ScoreParts(NamedTuple):
    """score = 100 x evidence x pattern_fit x rule_multiplier (rounded), at most 100."""

    evidence: float
    pattern_fit: float
    rule_multiplier: float


class Result(NamedTuple):
    """One ranked muscle with the reasons for its place."""

    rank: int
    muscle: str
    name: str
    score: float
    regions_explained: tuple[str, ...]
    regions_reported: int
    regions: tuple[Evidence[Support], ...]
    symptoms: tuple[Evidence[SymptomSupport], ...]
    rules_met: tuple[RuleMet, ...]
    also_check: tuple[AlsoCheck, ...]
    parts: ScoreParts
    fit: FitWord = "weak"
    tied: bool = False
    """Another result has the same score, and so the same rank."""
    only_for: tuple[str, ...] = ()
    """The reported regions and symptoms no other muscle in the catalog explains."""


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
