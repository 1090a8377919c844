"""Load a dataset, validate it, and index it for ranking and look-up.

The bundled dataset is validated by the test suite and at build time, so at run
time it is indexed straight from JSON without importing pydantic: that keeps a
cold `which` fast. A user's dataset (`--data`) is always validated first.
"""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from glutealtp.text import fold
from glutealtp.vocabulary import Kind, SupportKind

if TYPE_CHECKING:
    from pathlib import Path

    from glutealtp.catalog.model import Catalog, Muscle

MAX_DATA_BYTES = 10 * 1024 * 1024
"""Largest dataset file accepted; the bundled one is about 45 KB."""


class CatalogError(Exception):
    """A dataset could not be read or is invalid; `problems` holds one line per fault."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        first = problems[0] if problems else "invalid dataset"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{source}: {first}{more}")


class UnknownName(LookupError):
    """A region, symptom or muscle name that the catalog does not know.

    `brief` is the message without the list of valid names: where that list would repeat
    on every line (batch records).
    """

    def __init__(self, kind: Kind, text: str, suggestions: list[str], valid: list[str]) -> None:
        self.kind = kind
        self.text = text
        self.suggestions = suggestions
        self.valid = valid
        hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        self.brief = f"unknown {kind} {text!r}{hint}"
        super().__init__(f"{self.brief} (valid: {', '.join(valid)})")


class Support(NamedTuple):
    """One piece of catalog evidence that a muscle refers pain to a region."""

    weight: float
    kind: SupportKind
    region: str
    trigger_point: str | None = None
    trigger_point_name: str | None = None
    extent: str | None = None
    activity: str | None = None
    condition: str | None = None


class SymptomSupport(NamedTuple):
    """A muscle's link to a symptom, direct or through a condition it may cause."""

    weight: float
    symptom: str
    via_condition: str | None = None
    note: str | None = None


class RuleEntry(NamedTuple):
    id: str
    kind: str
    regions: tuple[str, ...]
    symptoms: tuple[str, ...]
    statement: str
    multiplier: float


class RelationEntry(NamedTuple):
    muscle: str
    kind: str
    symptoms: tuple[str, ...]
    note: str | None


class Named(Protocol):
    """A region, symptom or muscle as people see it."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def synonyms(self) -> tuple[str, ...]: ...


class RegionEntry(NamedTuple):
    id: str
    name: str
    synonyms: tuple[str, ...]
    parent: str | None
    also_part_of: tuple[str, ...] = ()

    @property
    def parents(self) -> tuple[str, ...]:
        """Every region this one is directly part of, its main parent first."""
        return ((self.parent,) if self.parent else ()) + self.also_part_of


class SymptomEntry(NamedTuple):
    id: str
    name: str
    synonyms: tuple[str, ...]
    question: str
    red_flag: bool
    advice: str | None


class MuscleEntry(NamedTuple):
    """A muscle's evidence, pre-weighted: region -> supports, symptom -> links."""

    id: str
    name: str
    synonyms: tuple[str, ...]
    regions: Mapping[str, tuple[Support, ...]]
    symptoms: Mapping[str, tuple[SymptomSupport, ...]]
    essential: frozenset[str]
    rules: tuple[RuleEntry, ...]
    related: tuple[RelationEntry, ...]


class CatalogIndex:
    """A dataset indexed for ranking: ids, names, the hierarchy and per-muscle evidence."""

    def __init__(
        self,
        *,
        name: str,
        disclaimer: str,
        regions: Mapping[str, RegionEntry],
        symptoms: Mapping[str, SymptomEntry],
        muscles: Mapping[str, MuscleEntry],
        pattern_fit_floor: float,
        data: Mapping[str, Any],
        origin: str = "bundled",
        model: Catalog | None = None,
    ) -> None:
        self.name = name
        self.disclaimer = disclaimer
        self.regions = regions
        self.symptoms = symptoms
        self.muscles = muscles
        self.pattern_fit_floor = pattern_fit_floor
        self.data = data
        self.origin = origin
        self._model = model
        self._names: dict[Kind, dict[str, str]] = {}
        self._children: dict[str, list[str]] | None = None
        self._descendants: dict[str, frozenset[str]] = {}
        self._referring: dict[str, dict[str, tuple[Support, ...]]] = {}
        self._linked: dict[str, dict[str, tuple[SymptomSupport, ...]]] = {}
        self.memo: dict[str, object] = {}
        """What modules working on this catalog derive once and keep, each under its name."""

    def descendants(self, region: str) -> frozenset[str]:
        """The region and every region below it in the hierarchy (memoised)."""
        found = self._descendants.get(region)
        if found is not None:
            return found
        if self._children is None:
            self._children = {}
            for r in self.regions.values():
                for parent in r.parents:
                    self._children.setdefault(parent, []).append(r.id)
        out = {region}
        frontier = [region]
        while frontier:
            for child in self._children.get(frontier.pop(), ()):
                if child not in out:
                    out.add(child)
                    frontier.append(child)
        found = self._descendants[region] = frozenset(out)
        return found

    def ancestors(self, region: str) -> frozenset[str]:
        """The region and every region it is part of."""
        out = {region}
        frontier = [region]
        while frontier:
            for parent in self.regions[frontier.pop()].parents:
                if parent not in out and parent in self.regions:
                    out.add(parent)
                    frontier.append(parent)
        return frozenset(out)

    def referring(self, region: str) -> Mapping[str, tuple[Support, ...]]:
        """Muscle id -> every support it has for `region` or a region inside it, strongest
        first; only muscles with some support, in catalog order (memoised)."""
        found = self._referring.get(region)
        if found is not None:
            return found
        within = self.descendants(region)
        found = {}
        for m in self.muscles.values():
            if not m.regions.keys().isdisjoint(within):
                found[m.id] = strongest_first(s for r in within for s in m.regions.get(r, ()))
        self._referring[region] = found
        return found

    def linked(self, symptom: str) -> Mapping[str, tuple[SymptomSupport, ...]]:
        """Muscle id -> its links to `symptom`, strongest first; only linked muscles (memoised)."""
        found = self._linked.get(symptom)
        if found is None:
            found = self._linked[symptom] = {
                m.id: links for m in self.muscles.values() if (links := m.symptoms.get(symptom))
            }
        return found

    def entries(self, kind: Kind) -> Mapping[str, Named]:
        if kind == "region":
            return self.regions
        if kind == "symptom":
            return self.symptoms
        return self.muscles

    def names(self, kind: Kind) -> dict[str, str]:
        """Every accepted spelling (folded) of `kind`, mapped to its id."""
        if kind not in self._names:
            table: dict[str, str] = {}
            for entry in self.entries(kind).values():
                for name in (entry.id, entry.name, *entry.synonyms):
                    table.setdefault(fold(name), entry.id)
            self._names[kind] = table
        return self._names[kind]

    def resolve(self, kind: Kind, text: str) -> str:
        """The id that `text` names (an id, name, alias or synonym, in any case)."""
        ident = self.names(kind).get(fold(text))
        if ident is not None:
            return ident
        import difflib

        names = self.names(kind)
        close = difflib.get_close_matches(fold(text), list(names), n=3, cutoff=0.6)
        suggestions = list(dict.fromkeys(names[c] for c in close))
        raise UnknownName(kind, text, suggestions, sorted(self.entries(kind)))

    def model(self) -> Catalog:
        """The full validated model, for commands that show everything about an entry.

        A user dataset keeps the model it was validated into; the bundled one (trusted, and
        indexed without pydantic for speed) is validated the first time it is asked for.
        """
        if self._model is None:
            from glutealtp.catalog.model import Catalog

            self._model = Catalog.model_validate(self.data)
        return self._model

    def muscle_model(self, muscle: str) -> Muscle:
        """One muscle's full model, by id."""
        return next(m for m in self.model().muscles if m.id == muscle)


def bundled_bytes() -> bytes:
    """The dataset shipped inside the package.

    Read straight from beside this module when the package is on disk (importing
    importlib.resources costs a cold `which` about 8 ms); through it otherwise (a zip).
    """
    try:
        with open(
            os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "muscles.json"), "rb"
        ) as fh:
            return fh.read()
    except OSError:
        from importlib.resources import files

        return files("glutealtp").joinpath("data", "muscles.json").read_bytes()


def _too_big(size: int | None) -> str:
    said = f"is {size:,} bytes" if size else f"has more than {MAX_DATA_BYTES:,} bytes"
    return f"file {said}; the limit is {MAX_DATA_BYTES:,} bytes (10 MB)"


def _int(text: str) -> int | float:
    """A JSON integer; past Python's digit limit, an infinite float that validation rejects."""
    try:
        return int(text)
    except ValueError:
        return float(text)


def read_json(raw: bytes, source: str) -> dict[str, Any]:
    """Decode a dataset file, naming the byte, line or column of any fault."""
    if len(raw) > MAX_DATA_BYTES:
        raise CatalogError(source, [_too_big(None)])
    bom = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        text = raw[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogError(source, [f"byte {bom + exc.start}: not valid UTF-8"]) from None
    if not text.strip():
        raise CatalogError(source, ["file is empty"])
    try:
        data = json.loads(text, parse_int=_int)
    except json.JSONDecodeError as exc:
        raise CatalogError(
            source, [f"line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}"]
        ) from None
    except RecursionError:
        raise CatalogError(source, ["JSON is nested too deeply"]) from None
    if not isinstance(data, dict):
        raise CatalogError(source, ["$: the dataset must be a JSON object"])
    return data


def json_path(loc: Iterable[int | str]) -> str:
    """Turn a pydantic error location into a JSON path such as `$.muscles[0].id`."""
    out = "$"
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def validate(data: dict[str, Any], source: str) -> Catalog:
    """Validate a decoded dataset against the model, listing every fault by JSON path."""
    from pydantic import ValidationError

    from glutealtp.catalog.model import Catalog

    try:
        return Catalog.model_validate(data)
    except ValidationError as exc:
        problems: list[str] = []
        for err in exc.errors(include_url=False):
            if err["type"] == "catalog_consistency":
                ctx = err.get("ctx") or {}
                problems.extend(f"$.{p}" for p in ctx.get("problems", ()))
            else:
                problems.append(f"{json_path(err['loc'])}: {err['msg']}")
        raise CatalogError(source, problems) from None


def load_catalog(path: str | Path | None = None) -> CatalogIndex:
    """Load and index the bundled dataset, or validate and index the one at `path`."""
    if path is None:
        return build_index(read_json(bundled_bytes(), "bundled dataset"), origin="bundled")
    source = str(path)
    try:
        from pathlib import Path

        p = Path(path)
        if p.is_dir():
            raise CatalogError(source, ["is a directory, not a dataset file"])
        with p.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_DATA_BYTES:
                raise CatalogError(source, [_too_big(size)])
            raw = fh.read(MAX_DATA_BYTES + 1)
    except FileNotFoundError:
        raise CatalogError(source, ["no such file"]) from None
    except PermissionError:
        raise CatalogError(source, ["permission denied"]) from None
    except OSError as exc:
        raise CatalogError(source, [exc.strerror or str(exc)]) from None
    except ValueError as exc:  # a path with a NUL byte in it
        raise CatalogError(source, [str(exc)]) from None
    data = read_json(raw, source)
    model = validate(data, source)
    return build_index(data, origin=source, model=model)


def build_index(
    data: Mapping[str, Any], origin: str = "bundled", model: Catalog | None = None
) -> CatalogIndex:
    """Index a dataset that is already known to be valid."""
    scoring = data["scoring"]
    extent_w: dict[str, float] = scoring["extent"]
    activity_w: dict[str, float] = scoring["activity"]
    muscle_level = float(scoring["muscle_level"])
    condition_w = float(scoring["condition"])
    symptom_w = float(scoring["symptom_link"])
    pattern_activities = frozenset(scoring["pattern_activities"])
    via_condition = float(scoring["symptom_via_condition"])
    rule_mult: dict[str, float] = scoring["rule_multiplier"]

    regions = {
        r["id"]: RegionEntry(
            r["id"],
            r["name"],
            tuple(r.get("synonyms", ())),
            r.get("parent"),
            tuple(r.get("also_part_of", ())),
        )
        for r in data["regions"]
    }
    symptoms = {
        s["id"]: SymptomEntry(
            s["id"],
            s["name"],
            tuple(s.get("synonyms", ())),
            s["question"],
            bool(s.get("red_flag", False)),
            s.get("advice"),
        )
        for s in data.get("symptoms", ())
    }
    muscles: dict[str, MuscleEntry] = {}
    for m in data["muscles"]:
        support: dict[str, list[Support]] = {}
        essential: set[str] = set()
        for tp in m.get("trigger_points", ()):
            for zone in tp["zones"]:
                activity = zone.get("activity") or tp["activity"]
                weight = extent_w[zone["extent"]] * activity_w[activity]
                support.setdefault(zone["region"], []).append(
                    Support(
                        weight,
                        "zone",
                        zone["region"],
                        tp["id"],
                        tp["name"],
                        zone["extent"],
                        activity,
                    )
                )
                if zone["extent"] == "essential" and activity in pattern_activities:
                    essential.add(zone["region"])
        for st in m.get("refers_to", ()):
            activity = st.get("activity", "common")
            for region in st["regions"]:
                support.setdefault(region, []).append(
                    Support(muscle_level * activity_w[activity], "statement", region)
                )
        sym_support: dict[str, list[SymptomSupport]] = {}
        for link in m.get("symptoms", ()):
            sym_support.setdefault(link["symptom"], []).append(
                SymptomSupport(symptom_w, link["symptom"], None, link.get("note"))
            )
        for cref in m.get("conditions", ()):
            for region in cref.get("regions", ()):
                support.setdefault(region, []).append(
                    Support(condition_w, "condition", region, condition=cref["condition"])
                )
            for sym in cref.get("symptoms", ()):
                sym_support.setdefault(sym, []).append(
                    SymptomSupport(via_condition, sym, cref["condition"], cref.get("note"))
                )
        rules = tuple(
            RuleEntry(
                r["id"],
                r["kind"],
                tuple(r.get("regions", ())),
                tuple(r.get("symptoms", ())),
                r["statement"],
                float(rule_mult[r["kind"]]),
            )
            for r in m.get("rules", ())
        )
        related = tuple(
            RelationEntry(r["muscle"], r["kind"], tuple(r.get("symptoms", ())), r.get("note"))
            for r in m.get("related", ())
        )
        muscles[m["id"]] = MuscleEntry(
            m["id"],
            m["name"],
            tuple(m.get("aliases", ())),
            {k: strongest_first(v) for k, v in support.items()},
            {k: tuple(sorted(v, key=lambda s: -s.weight)) for k, v in sym_support.items()},
            frozenset(essential),
            rules,
            related,
        )
    return CatalogIndex(
        name=data["name"],
        disclaimer=data["disclaimer"],
        regions=regions,
        symptoms=symptoms,
        muscles=muscles,
        pattern_fit_floor=float(scoring["pattern_fit_floor"]),
        data=data,
        origin=origin,
        model=model,
    )


_KIND_ORDER = {"zone": 0, "statement": 1, "condition": 2}


def strongest_first(items: Iterable[Support]) -> tuple[Support, ...]:
    """Supports by weight; on a tie a trigger-point zone before a statement before a condition."""
    return tuple(
        sorted(
            items, key=lambda s: (-s.weight, _KIND_ORDER[s.kind], s.trigger_point or "", s.region)
        )
    )
