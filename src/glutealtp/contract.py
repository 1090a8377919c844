"""The output contract: pydantic models of every JSON document and JSON Lines record printed.

They are derived from the declarations the output is built from, not written a second time:
the result records in `results` (NamedTuples), the documents and records in `output/` and
`batch/records` (TypedDicts). `model_of` turns one into a strict pydantic model; only the
field descriptions and bounds below are added here. `glutealtp schema output` publishes
their JSON Schema, and the test suite validates real output of every command against them
(strict, unknown fields forbidden). Bump `SCHEMA_VERSION` on any incompatible change; adding
a field is compatible. Imported only by `schema output` and the tests: it costs pydantic.
"""

from __future__ import annotations

import functools
import operator
import types
from collections.abc import Iterable, Mapping
from typing import (
    Annotated,
    Any,
    Literal,
    NamedTuple,
    TypeVar,
    Union,
    get_args,
    get_origin,
    get_type_hints,
    is_typeddict,
)

from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic.fields import FieldInfo

from glutealtp.batch import records as batch
from glutealtp.batch.cases import Failure
from glutealtp.catalog import raw
from glutealtp.catalog.dataset import Catalog
from glutealtp.catalog.entries import Support, SymptomSupport
from glutealtp.catalog.model import Muscle as DatasetMuscle
from glutealtp.output import lists, muscle, ranking, validation
from glutealtp.ranking import results
from glutealtp.ranking.results import SCHEMA_VERSION

_literal: Any = Literal  # mypy takes literal values only; the version is another module's
Version: Any = Annotated[
    _literal[SCHEMA_VERSION],
    Field(description="Version of this contract; changes only on a breaking change."),
]


class Out(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


Versioned = create_model("Versioned", __base__=Out, schema_version=(Version, ...))
Envelope = create_model(
    "Envelope",
    __base__=Versioned,
    __doc__="What every document with a disclaimer carries: the version first, the disclaimer "
    "last.",
    disclaimer=(str, Field(description="glutealtp informs; it does not diagnose.")),
)
PointsToFormat = create_model(
    "PointsToFormat",
    __base__=Versioned,
    __doc__="`data validate` records carry, in place of the disclaimer, where the format is told.",
    disclaimer=(str, Field(description="Here: where the dataset format is described.")),
)


NAMES: dict[Any, str] = {
    Support: "RegionSupport",
    results.Evidence[Support]: "RegionEvidence",
    results.Evidence[SymptomSupport]: "SymptomEvidence",
    results.RankingWarning: "Warning",
    Failure: "BatchFailure",
}
"""Derived models named otherwise than their declaration."""

EXISTING: dict[Any, type[BaseModel]] = {raw.Muscle: DatasetMuscle}
"""Declarations whose model already exists: `show` prints a muscle as the dataset holds it."""

_HEAD = {
    "line": Field(ge=1, description="The input line number, from 1."),
    "id": Field(description="The case's `id` as given, if it could be read; else null."),
}
_PROBLEM = {"path": Field(description="JSON path of the fault, e.g. $.muscles[0].id.")}
FIELDS: dict[Any, dict[str, FieldInfo]] = {
    results.RankingWarning: {"id": Field(description="The symptom or region id.")},
    results.Evidence: {
        "commonness": Field(
            description="How commonly the references name the muscle for this region (a "
            "factor, 1 when no list does)."
        ),
    },
    results.Query: {
        "side": Field(description="The person's side the pain is on (`--side`), if given."),
    },
    results.Result: {
        "rank": Field(ge=1, description="Equal scores share a rank."),
        "muscle": Field(description="The muscle id."),
        "regions_explained": Field(description="The reported regions (ids) it explains."),
        "regions_reported": Field(ge=0, description="How many regions were reported."),
        "symptoms_explained": Field(description="The reported symptoms (ids) it explains."),
        "region_evidence": Field(description="Why it explains each region: a record each."),
        "symptom_evidence": Field(description="Why it explains each symptom: a record each."),
        "score": Field(
            ge=0,
            le=100,
            description="0-100: how well the muscle explains what was reported; not a probability.",
        ),
        "fit": Field(description="The score in a word: strong, moderate or weak."),
        "tied": Field(description="It fits about as well as another result, and shares its rank."),
        "only_for": Field(description="Reported items no other muscle in the catalog explains."),
    },
    Support: {
        "kind": Field(
            description="A trigger point's referral zone, a muscle-level statement, or a condition."
        ),
        "region": Field(
            description="The region the fact names: the reported one, one inside it, or a wider "
            "one it is part of."
        ),
        "single_source": Field(description="Only one independent source states the fact."),
    },
    SymptomSupport: {"signature": Field(description="The muscle's typical complaint.")},
    results.Ranking: {
        "warnings": Field(description="Red flags first."),
        "results": Field(description="Best first; `--top` shortens it."),
        "total_matches": Field(description="How many muscles explain something, before --top."),
    },
    muscle.ZoneRecord: {
        "activity": Field(description="The zone's own activity, else its trigger point's.")
    },
    muscle.TriggerPointRecord: {
        "count": Field(description="How many points the entry stands for, if known."),
        "essential_zones": Field(description="Region ids."),
        "spillover_zones": Field(description="Region ids."),
    },
    lists.MuscleItem: {
        "synonyms": Field(description="Other names it is known by (the dataset's `aliases`)."),
        "regions": Field(description="Regions the muscle refers pain to."),
    },
    lists.RegionItem: {
        "parent": Field(description="The region it is part of, if any."),
        "referrers": Field(
            description="The muscles that refer pain here, as `which -r` ranks them."
        ),
    },
    muscle.MuscleDocument: {
        "muscle": Field(description="The muscle id."),
        "entry": Field(description="The muscle as the dataset holds it (`schema data`)."),
    },
    batch.OkHead: _HEAD,
    batch.ErrorRecord: _HEAD,
    Failure: {"path": Field(description="JSON path of the fault within the case, if one.")},
    validation.Problem: _PROBLEM,
    validation.ProblemLine: {
        **_PROBLEM,
        "valid": Field(description="True on the one line of a valid dataset."),
    },
}
"""What the published schema says about some fields, beyond their type."""


def model_of(
    *sources: Any,
    name: str | None = None,
    doc: str | None = None,
    base: type[Out] = Out,
    only: Iterable[str] | None = None,
    replace: Mapping[str, Any] | None = None,
) -> type[Out]:
    """A strict model of the fields of `sources` (NamedTuples or TypedDicts, in order).

    Nested records become their own derived models, tuples become lists, and `base` (an
    envelope) supplies the fields it declares. `only` keeps some fields, in its order;
    `replace` gives some a different type.
    """
    hints: dict[str, Any] = {}
    fields: dict[str, FieldInfo] = {}
    for source in sources:
        hints.update(_hints(source))
        fields.update(FIELDS.get(get_origin(source) or source, {}))
    if only is not None:
        hints = {f: hints[f] for f in only}
    unknown = set(replace or {}) - set(hints)
    if unknown:
        raise ValueError(f"no such fields to replace: {sorted(unknown)}")
    hints.update(replace or {})
    definitions: dict[str, Any] = {
        field: (_out(hint), fields.get(field, ...))
        for field, hint in hints.items()
        if field not in base.model_fields
    }
    first = sources[0]
    return create_model(
        name or NAMES.get(first) or (get_origin(first) or first).__name__,
        __base__=base,
        __doc__=doc or _doc(get_origin(first) or first),
        __module__=__name__,
        **definitions,
    )


def _hints(source: Any) -> dict[str, Any]:
    """The declared field types, with a generic record's parameters filled in."""
    origin = get_origin(source) or source
    hints = get_type_hints(origin)
    parameters = getattr(origin, "__parameters__", ())
    if parameters:
        given = dict(zip(parameters, get_args(source), strict=True))
        hints = {k: _fill(v, given) for k, v in hints.items()}
    return hints


def _fill(hint: Any, given: Mapping[Any, Any]) -> Any:
    if isinstance(hint, TypeVar):
        return given[hint]
    origin, args = get_origin(hint), get_args(hint)
    if origin is tuple:
        return tuple[tuple(_fill(a, given) for a in args)]  # type: ignore[misc]
    return hint


def _doc(declaration: Any) -> str | None:
    """A declaration's docstring; a NamedTuple's generated one ("Query(regions, ...)") is none."""
    text = getattr(declaration, "__doc__", None)
    return None if not text or text.startswith(f"{declaration.__name__}(") else text


@functools.cache
def _derived(declaration: Any) -> type[BaseModel]:
    return EXISTING.get(declaration) or model_of(declaration)


def _out(hint: Any) -> Any:
    """The model-side type of a declared field type."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (tuple, list):
        return list[_out(args[0])]  # type: ignore[misc]
    if origin in (Union, types.UnionType):
        return functools.reduce(operator.or_, (_out(a) for a in args))
    if _is_record(origin or hint):
        return _derived(hint)
    return hint


def _is_record(cls: Any) -> bool:
    return isinstance(cls, type) and (is_typeddict(cls) or hasattr(cls, "_fields"))


BriefResult = model_of(
    results.Result,
    name="BriefResult",
    only=batch.BRIEF_RESULT_FIELDS,
    doc="A result in a batch record: a `which` result without the evidence behind each item "
    "(`region_evidence`, `symptom_evidence`), what counts `against` it, `only_for` and the "
    "score's `parts`.",
)
ExplainedResult = model_of(
    results.Result,
    name="ExplainedResult",
    doc="A result in a `batch --explain` record: a `which` result, whole.",
)

Ranking = model_of(results.Ranking, base=Envelope, doc="`which --format json`.")
RankingRecord = model_of(
    results.Result,
    ranking.WithWarnings,
    name="RankingRecord",
    base=Envelope,
    doc="`which --format jsonl`: one line per result, each with the warnings.",
)
NoMatchRecord = model_of(ranking.NoMatchLine, name="NoMatchRecord", base=Envelope)
ShowMuscle = model_of(muscle.MuscleDocument, name="ShowMuscle", base=Envelope)
TriggerPointRecord = model_of(muscle.TriggerPointRecord, base=Envelope)
MuscleList = model_of(lists.MuscleList, base=Envelope)
MuscleRecord = model_of(
    lists.MuscleItem, name="MuscleRecord", base=Envelope, doc="`muscles --format jsonl`."
)
RegionList = model_of(lists.RegionList, base=Envelope)
RegionRecord = model_of(
    lists.RegionItem, name="RegionRecord", base=Envelope, doc="`regions --format jsonl`."
)
SymptomList = model_of(lists.SymptomList, base=Envelope)
SymptomRecord = model_of(
    lists.SymptomItem, name="SymptomRecord", base=Envelope, doc="`symptoms --format jsonl`."
)
BatchOk = model_of(
    batch.OkHead,
    results.Ranking,
    name="BatchOk",
    base=Envelope,
    only=[*get_type_hints(batch.OkHead), *batch.RANKING_FIELDS],
    replace={"results": list[BriefResult] | list[ExplainedResult]},  # type: ignore[valid-type]
    doc="`batch`: a case that was ranked. Apart from `line`, `id` and `status`, the fields are "
    "those of `which --format json` for the same regions and symptoms.",
)
BatchError = model_of(batch.ErrorRecord, name="BatchError", base=Versioned)
Validation = model_of(validation.Validation, base=Versioned)
ProblemRecord = model_of(validation.ProblemLine, name="ProblemRecord", base=PointsToFormat)
Warning = _derived(results.RankingWarning)

OUTPUTS: dict[str, type[BaseModel]] = {
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


class Sheet(NamedTuple):
    """A command's CSV: its rows are the JSON Lines `records` (one of them a row) flattened
    by `columns` (`output.csvfmt`), then the screen's `words` columns."""

    records: tuple[type[BaseModel], ...]
    columns: tuple[tuple[str, ...], ...]
    words: tuple[str, ...] = ()


SHEETS: dict[str, Sheet] = {
    "which": Sheet((RankingRecord,), ranking.SHEET_COLUMNS, ranking.SHEET_WORDS),
    "show": Sheet((TriggerPointRecord,), muscle.SHEET_COLUMNS),
    "muscles": Sheet((MuscleRecord,), lists.MUSCLE_COLUMNS),
    "regions": Sheet((RegionRecord,), lists.REGION_COLUMNS),
    "symptoms": Sheet((SymptomRecord,), lists.SYMPTOM_COLUMNS),
    "batch": Sheet((BatchOk, BatchError), batch.CSV_PATHS),
    "data-validate": Sheet((ProblemRecord,), validation.SHEET_COLUMNS),
}
"""Every CSV glutealtp prints, by command: the one declaration its header and its JSON
fields both come from."""


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
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Catalog.model_json_schema(),
    }
