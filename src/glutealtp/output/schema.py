"""The output contract: pydantic models of every JSON document and JSON Lines record printed.

`glutealtp schema output` publishes their JSON Schema. The test suite validates real output
of every command against these models (strict, unknown fields forbidden), so the published
schema cannot drift from what is printed. Bump `rank.SCHEMA_VERSION` on any incompatible
change; adding a field is compatible.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from glutealtp.catalog.model import Muscle as DatasetMuscle
from glutealtp.output.document import SCHEMA_VERSION
from glutealtp.vocabulary import Activity, Extent, RelationKind, RuleKind

Version = Annotated[
    Literal[1], Field(description="Version of this contract; changes only on a breaking change.")
]
Disclaimer = Annotated[str, Field(description="glutealtp informs; it does not diagnose.")]


class Out(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Query(Out):
    """The normalised question: region and symptom ids, sorted, without duplicates."""

    regions: list[str]
    symptoms: list[str]


class Warning(Out):
    """Shown first: a red flag (seek urgent care), or an item no muscle explains."""

    kind: Literal["red-flag", "unexplained-region", "unexplained-symptom"]
    id: str = Field(description="The symptom or region id.")
    message: str


class RegionSupport(Out):
    """One catalog fact linking a muscle to a reported region."""

    weight: float
    kind: Literal["zone", "statement", "condition"] = Field(
        description="A trigger point's referral zone, a muscle-level statement, or a condition."
    )
    region: str = Field(description="The region the fact names (the reported one or inside it).")
    trigger_point: str | None
    trigger_point_name: str | None
    extent: Extent | None
    activity: Activity | None
    condition: str | None


class SymptomSupport(Out):
    """A muscle's link to a reported symptom, direct or through a condition."""

    weight: float
    symptom: str
    via_condition: str | None
    note: str | None


class RegionEvidence(Out):
    """How a reported region counts for a muscle: its strongest support, and all of them."""

    id: str
    name: str
    strength: float = Field(description="0-1: the strongest support's weight.")
    specificity: float = Field(description="1 + ln(muscles / muscles explaining the item).")
    via: list[RegionSupport]


class SymptomEvidence(Out):
    """How a reported symptom counts for a muscle."""

    id: str
    name: str
    strength: float
    specificity: float
    via: list[SymptomSupport]


class RuleMet(Out):
    id: str
    kind: RuleKind
    statement: str
    multiplier: float


class AlsoCheck(Out):
    """A related muscle; `applies` is false when the relation's symptoms were not reported."""

    muscle: str
    name: str
    relation: RelationKind
    when_symptoms: list[str]
    applies: bool
    note: str | None


class ScoreParts(Out):
    """score = 100 x evidence x pattern_fit x rule_multiplier (rounded)."""

    evidence: float
    pattern_fit: float
    rule_multiplier: float


class Result(Out):
    """One ranked muscle and the reasons for its place."""

    rank: int = Field(ge=1)
    muscle: str = Field(description="The muscle id.")
    name: str
    score: float = Field(description="Ranks muscles against each other; not a probability.")
    regions_explained: list[str]
    regions_reported: int
    regions: list[RegionEvidence]
    symptoms: list[SymptomEvidence]
    rules_met: list[RuleMet]
    also_check: list[AlsoCheck]
    parts: ScoreParts


class Ranking(Out):
    """`which --format json`."""

    schema_version: Version
    query: Query
    warnings: list[Warning] = Field(description="Red flags first.")
    results: list[Result] = Field(description="Best first; `--top` shortens it.")
    total_matches: int = Field(description="How many muscles explain something, before --top.")
    unexplained_regions: list[str]
    unexplained_symptoms: list[str]
    disclaimer: Disclaimer


class RankingRecord(Result):
    """`which --format jsonl`: one line per result, each with the warnings."""

    schema_version: Version
    warnings: list[Warning]
    disclaimer: Disclaimer


class NoMatchRecord(Out):
    """`which --format jsonl` when no muscle matches: a single line that still carries the
    warnings (a red flag must reach the reader); `rank` and `muscle` are null."""

    schema_version: Version
    rank: None
    muscle: None
    warnings: list[Warning]
    disclaimer: Disclaimer


class ShowMuscle(Out):
    """`show MUSCLE --format json`: the muscle as the dataset holds it (see `schema data`)."""

    schema_version: Version
    muscle: DatasetMuscle
    disclaimer: Disclaimer


class ZoneRecord(Out):
    region: str
    extent: Extent
    activity: Activity = Field(description="The zone's own activity, else its trigger point's.")


class TriggerPointRecord(Out):
    """`show MUSCLE --format jsonl`: one line per trigger point."""

    schema_version: Version
    muscle: str
    trigger_point: str
    name: str
    count: int | None = Field(description="How many points the entry stands for, if known.")
    location: str
    activity: Activity
    essential_zones: list[str] = Field(description="Region ids.")
    spillover_zones: list[str] = Field(description="Region ids.")
    zones: list[ZoneRecord]
    disclaimer: Disclaimer


class MuscleItem(Out):
    id: str
    name: str
    aliases: list[str]
    regions: list[str] = Field(description="Regions the muscle refers pain to.")


class Referrer(Out):
    muscle: str
    strength: float
    because: str


class RegionItem(Out):
    id: str
    name: str
    synonyms: list[str]
    parent: str | None
    also_part_of: list[str]
    muscles: list[Referrer] = Field(description="Muscles that refer pain here, strongest first.")


class SymptomItem(Out):
    id: str
    name: str
    question: str
    synonyms: list[str]
    red_flag: bool
    advice: str | None
    muscles: list[str]


class MuscleList(Out):
    """`muscles --format json`."""

    schema_version: Version
    muscles: list[MuscleItem]
    disclaimer: Disclaimer


class RegionList(Out):
    """`regions --format json`: the pain guide."""

    schema_version: Version
    regions: list[RegionItem]
    disclaimer: Disclaimer


class SymptomList(Out):
    """`symptoms --format json`."""

    schema_version: Version
    symptoms: list[SymptomItem]
    disclaimer: Disclaimer


class MuscleRecord(MuscleItem):
    """`muscles --format jsonl`."""

    schema_version: Version
    disclaimer: Disclaimer


class RegionRecord(RegionItem):
    """`regions --format jsonl`."""

    schema_version: Version
    disclaimer: Disclaimer


class SymptomRecord(SymptomItem):
    """`symptoms --format jsonl`."""

    schema_version: Version
    disclaimer: Disclaimer


class BriefResult(Out):
    """A result in a batch record: a `which` result without the evidence behind each item
    (`regions`, `symptoms`) and the score's `parts`, plus `symptoms_explained`."""

    rank: int = Field(ge=1)
    muscle: str
    name: str
    score: float
    regions_explained: list[str]
    regions_reported: int
    rules_met: list[RuleMet]
    also_check: list[AlsoCheck]
    symptoms_explained: list[str] = Field(description="Reported symptoms this muscle explains.")


class ExplainedResult(Result):
    """A result in a `batch --explain` record: a `which` result plus `symptoms_explained`."""

    symptoms_explained: list[str]


class BatchOk(Out):
    """`batch`: a case that was ranked. Apart from `line`, `id` and `status`, the fields are
    those of `which --format json` for the same regions and symptoms."""

    schema_version: Version
    line: int = Field(ge=1, description="The input line number, from 1.")
    id: str | int | None = Field(description="The case's `id`, as given.")
    status: Literal["ok"]
    query: Query
    warnings: list[Warning]
    results: list[BriefResult] | list[ExplainedResult]
    total_matches: int
    unexplained_regions: list[str]
    unexplained_symptoms: list[str]
    disclaimer: Disclaimer


class BatchFailure(Out):
    code: Literal[
        "line-too-long",
        "invalid-utf8",
        "empty-line",
        "invalid-json",
        "not-an-object",
        "invalid-id",
        "unknown-field",
        "wrong-type",
        "unknown-region",
        "unknown-symptom",
        "empty-query",
    ]
    message: str
    path: str | None = Field(description="JSON path of the fault within the case, if one.")


class BatchError(Out):
    """`batch`: a line that is no valid case; processing goes on with the next line."""

    schema_version: Version
    line: int = Field(ge=1)
    id: str | int | None = Field(description="The case's `id` if it could be read, else null.")
    status: Literal["error"]
    error: BatchFailure


class Problem(Out):
    path: str | None = Field(description="JSON path of the fault, e.g. $.muscles[0].id.")
    message: str


class Validation(Out):
    """`data validate PATH --format json`."""

    schema_version: Version
    dataset: str
    valid: bool
    problems: list[Problem]


class ProblemRecord(Problem):
    """`data validate PATH --format jsonl`: one line per problem."""

    schema_version: Version
    dataset: str
    disclaimer: str = Field(description="Here: where the dataset format is described.")


OUTPUTS: dict[str, type[Out]] = {
    "which": Ranking,
    "which-jsonl": RankingRecord,
    "which-jsonl-no-match": NoMatchRecord,
    "show": ShowMuscle,
    "show-jsonl": TriggerPointRecord,
    "muscles": MuscleList,
    "muscles-jsonl": MuscleRecord,
    "regions": RegionList,
    "regions-jsonl": RegionRecord,
    "symptoms": SymptomList,
    "symptoms-jsonl": SymptomRecord,
    "batch-ok": BatchOk,
    "batch-error": BatchError,
    "data-validate": Validation,
    "data-validate-jsonl": ProblemRecord,
}
"""Every document and record glutealtp prints as JSON, by command (and format)."""


def output_schema() -> dict[str, Any]:
    """One JSON Schema for all output: `anyOf` the documents, each defined under `$defs`."""
    from pydantic.json_schema import models_json_schema

    models = list(OUTPUTS.values())
    _, defs = models_json_schema([(m, "validation") for m in models])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"glutealtp output, schema_version {SCHEMA_VERSION}",
        "description": "Every JSON document and JSON Lines record glutealtp prints; each "
        "definition's description names the command and format that prints it.",
        "anyOf": [{"$ref": f"#/$defs/{m.__name__}"} for m in models],
        **defs,
    }


def data_schema() -> dict[str, Any]:
    """The JSON Schema of a dataset (`--data`, `data validate`), from the dataset model."""
    from glutealtp.catalog.model import Catalog

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Catalog.model_json_schema(),
    }
