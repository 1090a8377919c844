"""The validated dataset as plain JSON: the shape the index is built from.

`Catalog.model_validate(..., strict=True).model_dump(mode="json")` gives exactly this, with
every key present (defaults filled in). The bundled catalog is stored in that form, so it is
indexed at run time without pydantic; a user's dataset is validated and dumped the same way.
These `TypedDict`s exist for the type checker only; a test holds their keys equal to the
pydantic models' fields. Use them qualified (`raw.Muscle`): the names are the models' names.
"""

from __future__ import annotations

from typing import Literal, TypedDict

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
    Tier,
)


class Source(TypedDict):
    id: str
    kind: SourceKind
    title: str
    author: str
    site: str | None
    url: str | None
    publisher: str | None
    year: int | None
    follows: str | None
    published: str | None
    weak: bool
    note: str | None


class Dispute(TypedDict):
    sources: list[str]
    text: str


class Sourced(TypedDict):
    sources: list[str]
    note: str | None
    assumption: str | None
    disputed_by: list[Dispute]


class Note(Sourced):
    id: str
    text: str


class Region(Sourced):
    id: str
    name: str
    synonyms: list[str]
    parent: str | None
    also_part_of: list[str]
    definition: str | None
    xrefs: list[str]
    made_of_parts: bool


class Symptom(Sourced):
    id: str
    name: str
    question: str
    synonyms: list[str]
    red_flag: bool
    advice: str | None
    locates: bool


class Condition(Sourced):
    id: str
    name: str
    synonyms: list[str]


class ReferralZone(Sourced):
    region: str
    extent: Extent
    activity: Activity | None
    basis: ExtentBasis | None


class Marker(TypedDict):
    view: MarkerView
    x: float
    y: float
    schematic: bool


class Palpation(TypedDict):
    who: PressWho
    who_sources: list[str]
    find: str | None
    find_sources: list[str]
    press: str | None
    press_sources: list[str]
    note: str | None


class TriggerPoint(Sourced):
    id: str
    name: str
    location: str
    count: int | None
    activity: Activity
    zones: list[ReferralZone]
    marker: Marker | None
    palpation: Palpation | None


class RegionStatement(Sourced):
    regions: list[str]
    exclusive: bool
    activity: Activity


class SymptomLink(Sourced):
    symptom: str
    signature: bool


class Relation(Sourced):
    muscle: str
    kind: RelationKind
    symptoms: list[str]


class Rule(Sourced):
    id: str
    kind: RuleKind
    regions: list[str]
    symptoms: list[str]
    statement: str


class ConditionRef(Sourced):
    condition: str
    link: ConditionLink
    regions: list[str]
    symptoms: list[str]


class Aggravator(Sourced):
    activity: str


class Muscle(Sourced):
    id: str
    name: str
    aliases: list[str]
    location: str
    attachments: str | None
    function: str
    xrefs: list[str]
    max_trigger_points: int | None
    trigger_points: list[TriggerPoint]
    refers_to: list[RegionStatement]
    symptoms: list[SymptomLink]
    aggravating: list[Aggravator]
    conditions: list[ConditionRef]
    related: list[Relation]
    rules: list[Rule]


class AreaList(Sourced):
    id: str
    kind: AreaListKind
    regions: list[str]
    primary: list[str]
    secondary: list[str]
    statement: str
    omitted: list[str]
    among: list[str]


class FitWords(TypedDict):
    strong: float
    moderate: float


class Likelihood(TypedDict):
    essential: float
    spillover: float
    statement: float
    condition: float
    signature_symptom: float
    symptom_link: float
    symptom_condition: float
    region_leak: float
    symptom_leak: float


class AnswerLikelihood(TypedDict):
    familiar: float
    tender: float
    none: float


class PressLikelihood(TypedDict):
    own: AnswerLikelihood
    other: AnswerLikelihood


class Scoring(TypedDict):
    likelihood: Likelihood
    activity: dict[Activity, float]
    single_source: float
    symptom_budget: float
    pattern_activities: list[Activity]
    rule_strength: dict[RuleKind, float]
    related_share: dict[RelationKind, float]
    unreported_area: float
    commonness: dict[Tier, float]
    commonness_boost: float
    near_tie: float
    fit_words: FitWords
    press: PressLikelihood


class Catalog(TypedDict):
    schema_version: Literal[2]
    name: str
    disclaimer: str
    sources: list[Source]
    notes: list[Note]
    press_safety: list[Note]
    press_criteria: list[Note]
    regions: list[Region]
    symptoms: list[Symptom]
    conditions: list[Condition]
    muscles: list[Muscle]
    area_lists: list[AreaList]
    scoring: Scoring
