"""The dataset contract: pydantic models of regions, symptoms, muscles and trigger points.

Every clinical fact carries `sources` (ids into `Catalog.sources`). The whole dataset,
`Catalog`, and the checks that span its objects are in `dataset`. Datasets are validated in
strict mode (`load.validate`): a number written as a string is an error.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from glutealtp.text import one_line
from glutealtp.vocabulary import (
    Activity,
    AreaListKind,
    ConditionLink,
    Extent,
    ExtentBasis,
    MarkerView,
    PressWho,
    RelationKind,
    RuleKind,
    SourceKind,
)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000), AfterValidator(one_line)]
Label = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(one_line)]
SourceRefs = Annotated[list[Id], Field(min_length=1)]
Xref = Annotated[str, StringConstraints(pattern=r"^(UBERON|FMA):\d+$")]
"""An ontology cross-reference: an UBERON or FMA id."""
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+$", max_length=500)]


class Frozen(BaseModel):
    """Reference data: immutable, and unknown fields are an error, not a silent drop."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(Frozen):
    """A public work a fact comes from, cited by title, author or site, and URL.

    `kind`: `article` (the clinician's article the catalog started from), `reference` (a
    trigger-point reference page), `book` (cited by author, title, publisher and year; a
    URL only where the publisher gives one), `dataset` (a public data file), `ontology`
    (UBERON / FMA) or `guidance` (a public clinical guide, such as the red-flag advice).
    `author` is who wrote it, a person or an organisation: one author's several sites share
    it, so sources are counted as independent by author. A `weak` source (template copy with
    no named source) never counts as an independent one.
    """

    id: Id
    kind: SourceKind
    title: Label
    author: Label
    site: Label | None = None
    url: Url | None = None
    publisher: Label | None = None
    year: Annotated[int, Field(ge=1800, le=2100)] | None = None
    follows: Label | None = None
    """The book the work says it follows (Travell & Simons, say)."""
    published: Label | None = None
    weak: bool = False
    note: Text | None = None

    @model_validator(mode="after")
    def _citable(self) -> Source:
        if self.kind == "book" and (self.publisher is None or self.year is None):
            raise ValueError("a book needs its publisher and year")
        if self.kind != "book" and self.url is None:
            raise ValueError("a source other than a book needs its url")
        return self


class Dispute(Frozen):
    """What other sources say against a fact: both are kept, and `show` gives both."""

    sources: Annotated[list[Id], Field(min_length=1)]
    text: Text


class Sourced(Frozen):
    """A fact with its provenance and, where a value had to be chosen, the assumption made."""

    sources: SourceRefs
    note: Text | None = None
    assumption: Text | None = None
    disputed_by: list[Dispute] = Field(default_factory=list)


class Note(Sourced):
    """A general clinical statement that belongs to no single muscle."""

    id: Id
    text: Text


class Region(Sourced):
    """A body region a person can report pain in."""

    id: Id
    name: Label
    synonyms: list[Label] = Field(default_factory=list)
    parent: Id | None = None
    also_part_of: Annotated[list[Id], Field(max_length=4)] = Field(default_factory=list)
    """Further regions this one is part of (the back of the thigh: the thigh and the back of
    the leg); reporting any of them covers it too."""
    definition: Text | None = None
    xrefs: list[Xref] = Field(default_factory=list)
    made_of_parts: bool = False
    """Its parts (the regions part of it) make up all of it: a fact on one part covers its
    share of them. Otherwise the rest of it counts as one more part no fact names."""


class Symptom(Sourced):
    """How the pain behaves, or a warning sign; `red_flag` symptoms carry urgent advice, and
    another symptom may carry advice too (numbness down the leg: have a nerve assessed).
    `locates` says the symptom tells where it is felt ("down the leg"): a muscle that
    explains it explains a reported place."""

    id: Id
    name: Label
    question: Label
    synonyms: list[Label] = Field(default_factory=list)
    red_flag: bool = False
    advice: Text | None = None
    locates: bool = False

    @model_validator(mode="after")
    def _red_flag_has_advice(self) -> Symptom:
        if self.red_flag and not self.advice:
            raise ValueError("a red-flag symptom needs advice")
        return self


class Condition(Sourced):
    """A named diagnosis that trigger-point pain may mimic or cause."""

    id: Id
    name: Label
    synonyms: list[Label] = Field(default_factory=list)


class ReferralZone(Sourced):
    """Where a trigger point sends pain, and how reliably (essential) or not (spillover);
    `basis` says why (checked against the extent and the sources when given)."""

    region: Id
    extent: Extent
    activity: Activity | None = None
    basis: ExtentBasis | None = None


class Marker(Frozen):
    """Where the body map draws a trigger point: a schematic drawing position, not a
    clinical fact (the trigger point's `location` says where it is).

    `x` is a fraction of the view's width, from the picture's left edge (the midline is
    0.5); `y` runs from the cut above the waist (0) to just above the knees (1) and on down
    the legs (the cut above the ankles is at about 1.52). Drawn on the person's right side:
    x > 0.5 from the back, x < 0.5 from the front. `schematic` says the sources do not
    place the point (they name only the muscle) or the marker stands for a group of points
    they do not tell apart: the map says "position schematic".
    """

    view: MarkerView
    x: float = Field(ge=0, le=1)
    y: float = Field(ge=0, le=2)
    schematic: bool = False


class Palpation(Frozen):
    """How to find and press one trigger point, each part with its sources.

    `find`: where to search, in landmarks a person can feel (bones, folds, finger-widths);
    `press`: how to press (position, pressure, how long); `who`: `self` (the person may press
    it) or `clinician` only. A `self` point needs a sourced `find`: the exam never asks a
    person to search without one.
    """

    who: PressWho
    who_sources: SourceRefs
    find: Text | None = None
    find_sources: list[Id] = Field(default_factory=list)
    press: Text | None = None
    press_sources: list[Id] = Field(default_factory=list)
    note: Text | None = None

    @model_validator(mode="after")
    def _sourced_parts(self) -> Palpation:
        if self.find is not None and not self.find_sources:
            raise ValueError("where to find the point needs its sources (find_sources)")
        if self.press is not None and not self.press_sources:
            raise ValueError("how to press the point needs its sources (press_sources)")
        if self.who == "self" and self.find is None:
            raise ValueError("a point a person presses themselves needs a sourced location")
        return self


class TriggerPoint(Sourced):
    """One trigger point, or a group the sources do not tell apart (`count` > 1).

    Without a `marker` it is listed under the body map but not drawn on it.
    """

    id: Id
    name: Label
    location: Text
    count: int | None = Field(default=None, ge=1, le=20)
    activity: Activity
    zones: list[ReferralZone] = Field(min_length=1)
    marker: Marker | None = None
    palpation: Palpation | None = None
    """How to find and press it; None where no source says in words a person can follow
    (the exam skips it)."""


class RegionStatement(Sourced):
    """A muscle-level referral claim that names regions but no particular trigger point."""

    regions: list[Id] = Field(min_length=1)
    exclusive: bool = False
    activity: Activity = "common"


class SymptomLink(Sourced):
    """The muscle's trigger points are known to give this symptom; a `signature` symptom is
    the one a source calls its typical complaint ("typically complain of pain while sitting")."""

    symptom: Id
    signature: bool = False


class Relation(Sourced):
    """Another muscle to check too; `symptoms` narrows when the relation applies."""

    muscle: Id
    kind: RelationKind
    symptoms: list[Id] = Field(default_factory=list)


class Rule(Sourced):
    """A clinical rule: when every region and symptom listed is reported, the muscle gains."""

    id: Id
    kind: RuleKind
    regions: list[Id] = Field(default_factory=list)
    symptoms: list[Id] = Field(default_factory=list)
    statement: Text

    @model_validator(mode="after")
    def _not_empty(self) -> Rule:
        if not self.regions and not self.symptoms:
            raise ValueError("a rule needs at least one region or symptom")
        return self


class ConditionRef(Sourced):
    """The muscle's pain may mimic, or its tension may cause, a named condition."""

    condition: Id
    link: ConditionLink
    regions: list[Id] = Field(default_factory=list)
    symptoms: list[Id] = Field(default_factory=list)


class Aggravator(Sourced):
    """An activity that overloads the muscle or makes its pain worse."""

    activity: Label


class Muscle(Sourced):
    """A muscle, its trigger points, and everything the sources say about it."""

    id: Id
    name: Label
    aliases: list[Label] = Field(default_factory=list)
    location: Text
    attachments: Text | None = None
    function: Text
    xrefs: list[Xref] = Field(default_factory=list)
    max_trigger_points: int | None = Field(default=None, ge=1, le=20)
    trigger_points: list[TriggerPoint] = Field(default_factory=list)
    refers_to: list[RegionStatement] = Field(default_factory=list)
    symptoms: list[SymptomLink] = Field(default_factory=list)
    aggravating: list[Aggravator] = Field(default_factory=list)
    conditions: list[ConditionRef] = Field(default_factory=list)
    related: list[Relation] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)


class AreaList(Sourced):
    """A reference's list of the muscles behind pain in one area.

    `tiers`: the primary and secondary muscles a pain guide lists for the area (a tier, not
    an order); `most-common`: the muscles a source calls the most commonly involved.
    `omitted` names listed muscles the catalog does not hold.
    """

    id: Id
    kind: AreaListKind
    regions: list[Id] = Field(min_length=1)
    primary: list[Id] = Field(min_length=1)
    secondary: list[Id] = Field(default_factory=list)
    statement: Text
    omitted: list[Label] = Field(default_factory=list)
    among: list[Id] = Field(default_factory=list)
    """The muscles the statement compares, when it compares a group ("the most common
    source among the quadriceps"): the list then only orders them among themselves. Empty:
    it compares every muscle."""
