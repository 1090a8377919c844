"""The dataset contract: pydantic models of regions, symptoms, muscles and trigger points.

Every clinical fact carries `sources` (ids into `Catalog.sources`). The `Catalog`
validator checks cross-references, uniqueness, the region hierarchy and synonym
clashes, and reports each fault with its JSON path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from glutealtp.text import fold
from glutealtp.vocabulary import (
    Activity,
    AreaListKind,
    ConditionLink,
    Extent,
    MarkerView,
    RelationKind,
    RuleKind,
    SourceKind,
)

MAX_REGION_DEPTH = 16
"""Deepest region hierarchy accepted (the bundled one is 2 levels deep)."""

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Label = Annotated[str, StringConstraints(min_length=1, max_length=200)]
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
    trigger-point reference page), `dataset` (a public data file), `ontology` (UBERON / FMA)
    or `guidance` (a public clinical guide, such as the red-flag advice).
    `author` is who wrote it, a person or an organisation: one author's several sites share
    it, so sources are counted as independent by author. A `weak` source (template copy with
    no named source) never counts as an independent one.
    """

    id: Id
    kind: SourceKind
    title: Label
    author: Label
    site: Label | None = None
    url: Url
    follows: Label | None = None
    """The book the work says it follows (Travell & Simons, say)."""
    published: Label | None = None
    weak: bool = False
    note: Text | None = None


class Sourced(Frozen):
    """A fact with its provenance and, where a value had to be chosen, the assumption made."""

    sources: SourceRefs
    note: Text | None = None
    assumption: Text | None = None


class Note(Sourced):
    """A general clinical statement that belongs to no single muscle."""

    id: Id
    text: Text


class Region(Sourced):
    """A body region a person can report pain in."""

    id: Id
    name: Label
    synonyms: list[Label] = []
    parent: Id | None = None
    also_part_of: list[Id] = []
    """Further regions this one is part of (the back of the thigh: the thigh and the back of
    the leg); reporting any of them covers it too."""
    definition: Text | None = None
    xrefs: list[Xref] = []


class Symptom(Sourced):
    """How the pain behaves, or a warning sign; `red_flag` symptoms carry urgent advice."""

    id: Id
    name: Label
    question: Label
    synonyms: list[Label] = []
    red_flag: bool = False
    advice: Text | None = None

    @model_validator(mode="after")
    def _red_flag_has_advice(self) -> Symptom:
        if self.red_flag and not self.advice:
            raise ValueError("a red-flag symptom needs advice")
        return self


class Condition(Sourced):
    """A named diagnosis that trigger-point pain may mimic or cause."""

    id: Id
    name: Label
    synonyms: list[Label] = []


class ReferralZone(Sourced):
    """Where a trigger point sends pain, and how reliably (essential) or not (spillover)."""

    region: Id
    extent: Extent
    activity: Activity | None = None


class Marker(Frozen):
    """Where the body map draws a trigger point: a schematic drawing position, not a
    clinical fact (the trigger point's `location` says where it is).

    `x` and `y` are fractions of the view's width and height: x from the picture's left
    edge (the midline is 0.5), y from the cut above the waist (0) to the one above the
    knees (1). Drawn on the person's right side: x > 0.5 from the back, x < 0.5 from the front.
    """

    view: MarkerView
    x: float = Field(ge=0, le=1)
    y: float = Field(ge=0, le=1)


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


class RegionStatement(Sourced):
    """A muscle-level referral claim that names regions but no particular trigger point."""

    regions: list[Id] = Field(min_length=1)
    exclusive: bool = False
    activity: Activity = "common"


class SymptomLink(Sourced):
    """The muscle's trigger points are known to give this symptom."""

    symptom: Id


class Relation(Sourced):
    """Another muscle to check too; `symptoms` narrows when the relation applies."""

    muscle: Id
    kind: RelationKind
    symptoms: list[Id] = []


class Rule(Sourced):
    """A clinical rule: when every region and symptom listed is reported, the muscle gains."""

    id: Id
    kind: RuleKind
    regions: list[Id] = []
    symptoms: list[Id] = []
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
    regions: list[Id] = []
    symptoms: list[Id] = []


class Aggravator(Sourced):
    """An activity that overloads the muscle or makes its pain worse."""

    activity: Label


class Muscle(Sourced):
    """A muscle, its trigger points, and everything the sources say about it."""

    id: Id
    name: Label
    aliases: list[Label] = []
    location: Text
    attachments: Text | None = None
    function: Text
    xrefs: list[Xref] = []
    max_trigger_points: int | None = Field(default=None, ge=1, le=20)
    trigger_points: list[TriggerPoint] = []
    refers_to: list[RegionStatement] = []
    symptoms: list[SymptomLink] = []
    aggravating: list[Aggravator] = []
    conditions: list[ConditionRef] = []
    related: list[Relation] = []
    rules: list[Rule] = []


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
    secondary: list[Id] = []
    statement: Text
    omitted: list[Label] = []


class Scoring(Frozen):
    """The ranking's weights, kept with the data so a clinic can tune them."""

    extent: dict[Extent, Annotated[float, Field(gt=0, le=1)]]
    activity: dict[Activity, Annotated[float, Field(gt=0, le=1)]]
    muscle_level: Annotated[float, Field(gt=0, le=1)]
    condition: Annotated[float, Field(gt=0, le=1)]
    symptom_link: Annotated[float, Field(gt=0, le=1)]
    symptom_via_condition: Annotated[float, Field(gt=0, le=1)]
    pattern_activities: Annotated[list[Activity], Field(min_length=1)]
    pattern_fit_floor: Annotated[float, Field(ge=0, le=1)]
    rule_multiplier: dict[RuleKind, Annotated[float, Field(ge=1, le=5)]]

    @model_validator(mode="after")
    def _complete(self) -> Scoring:
        for name, table, keys in (
            ("extent", self.extent, get_args(Extent)),
            ("activity", self.activity, get_args(Activity)),
            ("rule_multiplier", self.rule_multiplier, get_args(RuleKind)),
        ):
            missing = sorted(set(keys) - set(table))
            if missing:
                raise ValueError(f"{name} lacks {', '.join(missing)}")
        return self


class Catalog(Frozen):
    """The whole dataset; its validator checks everything that spans two objects."""

    schema_version: Literal[1] = 1
    name: Label
    disclaimer: Text
    sources: list[Source] = Field(min_length=1)
    notes: list[Note] = []
    regions: list[Region] = Field(min_length=1)
    symptoms: list[Symptom] = []
    conditions: list[Condition] = []
    muscles: list[Muscle] = Field(min_length=1)
    area_lists: list[AreaList] = []
    scoring: Scoring

    @model_validator(mode="after")
    def _cross_references(self) -> Catalog:
        problems = list(_problems(self))
        if problems:
            raise PydanticCustomError(
                "catalog_consistency",
                "{count} consistency problem(s): {details}",
                {"count": len(problems), "details": "; ".join(problems), "problems": problems},
            )
        return self


def _unique(kind: str, items: Iterable[tuple[str, str]]) -> Iterator[str]:
    seen: dict[str, str] = {}
    for path, ident in items:
        if ident in seen:
            yield f"{path}.id: duplicate {kind} id {ident!r} (first at {seen[ident]})"
        else:
            seen[ident] = path


def _problems(cat: Catalog) -> Iterator[str]:
    source_ids = {s.id for s in cat.sources}
    region_ids = {r.id for r in cat.regions}
    symptom_ids = {s.id for s in cat.symptoms}
    condition_ids = {c.id for c in cat.conditions}
    muscle_ids = {m.id for m in cat.muscles}

    yield from _unique("source", ((f"sources[{i}]", s.id) for i, s in enumerate(cat.sources)))
    yield from _unique("region", ((f"regions[{i}]", r.id) for i, r in enumerate(cat.regions)))
    yield from _unique("symptom", ((f"symptoms[{i}]", s.id) for i, s in enumerate(cat.symptoms)))
    yield from _unique(
        "condition", ((f"conditions[{i}]", c.id) for i, c in enumerate(cat.conditions))
    )
    yield from _unique("muscle", ((f"muscles[{i}]", m.id) for i, m in enumerate(cat.muscles)))
    yield from _unique("note", ((f"notes[{i}]", n.id) for i, n in enumerate(cat.notes)))
    yield from _unique(
        "area list", ((f"area_lists[{i}]", a.id) for i, a in enumerate(cat.area_lists))
    )
    yield from _unique(
        "rule",
        (
            (f"muscles[{i}].rules[{j}]", r.id)
            for i, m in enumerate(cat.muscles)
            for j, r in enumerate(m.rules)
        ),
    )
    yield from _unique(
        "trigger point",
        (
            (f"muscles[{i}].trigger_points[{j}]", t.id)
            for i, m in enumerate(cat.muscles)
            for j, t in enumerate(m.trigger_points)
        ),
    )

    def ref(path: str, value: str, known: set[str], kind: str) -> Iterator[str]:
        if value not in known:
            yield f"{path}: unknown {kind} id {value!r}"

    def sourced(path: str, fact: Sourced) -> Iterator[str]:
        for k, s in enumerate(fact.sources):
            yield from ref(f"{path}.sources[{k}]", s, source_ids, "source")

    for i, r in enumerate(cat.regions):
        yield from sourced(f"regions[{i}]", r)
        if r.parent is not None:
            yield from ref(f"regions[{i}].parent", r.parent, region_ids, "region")
        for k, other in enumerate(r.also_part_of):
            yield from ref(f"regions[{i}].also_part_of[{k}]", other, region_ids, "region")
    yield from _cycles(cat)
    for i, a in enumerate(cat.area_lists):
        ap = f"area_lists[{i}]"
        yield from sourced(ap, a)
        for k, reg in enumerate(a.regions):
            yield from ref(f"{ap}.regions[{k}]", reg, region_ids, "region")
        seen_muscles: set[str] = set()
        for tier in ("primary", "secondary"):
            for k, mus in enumerate(getattr(a, tier)):
                yield from ref(f"{ap}.{tier}[{k}]", mus, muscle_ids, "muscle")
                if mus in seen_muscles:
                    yield f"{ap}.{tier}[{k}]: muscle {mus!r} is listed twice"
                seen_muscles.add(mus)
    for i, note in enumerate(cat.notes):
        yield from sourced(f"notes[{i}]", note)
    for i, s in enumerate(cat.symptoms):
        yield from sourced(f"symptoms[{i}]", s)
    for i, c in enumerate(cat.conditions):
        yield from sourced(f"conditions[{i}]", c)

    for i, m in enumerate(cat.muscles):
        p = f"muscles[{i}]"
        yield from sourced(p, m)
        for j, agg in enumerate(m.aggravating):
            yield from sourced(f"{p}.aggravating[{j}]", agg)
        for j, t in enumerate(m.trigger_points):
            yield from sourced(f"{p}.trigger_points[{j}]", t)
            for k, z in enumerate(t.zones):
                zp = f"{p}.trigger_points[{j}].zones[{k}]"
                yield from sourced(zp, z)
                yield from ref(f"{zp}.region", z.region, region_ids, "region")
        for j, st in enumerate(m.refers_to):
            yield from sourced(f"{p}.refers_to[{j}]", st)
            for k, reg in enumerate(st.regions):
                yield from ref(f"{p}.refers_to[{j}].regions[{k}]", reg, region_ids, "region")
        for j, link in enumerate(m.symptoms):
            yield from sourced(f"{p}.symptoms[{j}]", link)
            yield from ref(f"{p}.symptoms[{j}].symptom", link.symptom, symptom_ids, "symptom")
        for j, cref in enumerate(m.conditions):
            cp = f"{p}.conditions[{j}]"
            yield from sourced(cp, cref)
            yield from ref(f"{cp}.condition", cref.condition, condition_ids, "condition")
            for k, reg in enumerate(cref.regions):
                yield from ref(f"{cp}.regions[{k}]", reg, region_ids, "region")
            for k, sym in enumerate(cref.symptoms):
                yield from ref(f"{cp}.symptoms[{k}]", sym, symptom_ids, "symptom")
        for j, rel in enumerate(m.related):
            rp = f"{p}.related[{j}]"
            yield from sourced(rp, rel)
            yield from ref(f"{rp}.muscle", rel.muscle, muscle_ids, "muscle")
            if rel.muscle == m.id:
                yield f"{rp}.muscle: a muscle cannot be related to itself"
            for k, sym in enumerate(rel.symptoms):
                yield from ref(f"{rp}.symptoms[{k}]", sym, symptom_ids, "symptom")
        for j, rule in enumerate(m.rules):
            rp = f"{p}.rules[{j}]"
            yield from sourced(rp, rule)
            for k, reg in enumerate(rule.regions):
                yield from ref(f"{rp}.regions[{k}]", reg, region_ids, "region")
            for k, sym in enumerate(rule.symptoms):
                yield from ref(f"{rp}.symptoms[{k}]", sym, symptom_ids, "symptom")
    yield from _name_clashes(cat)


def _cycles(cat: Catalog) -> Iterator[str]:
    """Each loop in the region hierarchy once, and a hierarchy deeper than MAX_REGION_DEPTH.

    A region may be part of several others (`parent` and `also_part_of`), so the hierarchy is
    a graph; one depth-first pass with memoised depths keeps a 10 MB dataset of nested
    regions as cheap as a flat one, and the depth limit keeps every chain short.
    """
    index = {r.id: i for i, r in enumerate(cat.regions)}
    parents = {
        r.id: [p for p in ([r.parent] if r.parent else []) + r.also_part_of if p in index]
        for r in cat.regions
    }
    depth: dict[str, int] = {}
    on_path: dict[str, int] = {}
    too_deep = False
    for start in parents:
        if start in depth:
            continue
        path: list[str] = [start]
        on_path[start] = 0
        pending: list[list[str]] = [list(parents[start])]
        while path:
            if pending[-1]:
                nxt = pending[-1].pop()
                if nxt in on_path:
                    loop = path[on_path[nxt] :]
                    key = min(loop)
                    shown = (
                        loop
                        if len(loop) <= 6
                        else [*loop[:5], f"... ({len(loop) - 6} more)", loop[-1]]
                    )
                    chain = " -> ".join([*shown, nxt])
                    yield f"regions[{index[key]}].parent: the region hierarchy has a cycle: {chain}"
                    depth.update(dict.fromkeys(loop, 0))
                    continue
                if nxt in depth:
                    continue
                on_path[nxt] = len(path)
                path.append(nxt)
                pending.append(list(parents[nxt]))
                continue
            node = path.pop()
            pending.pop()
            del on_path[node]
            if node not in depth:
                level = 1 + max((depth.get(p, 0) for p in parents[node]), default=0)
                depth[node] = level
                if level > MAX_REGION_DEPTH and not too_deep:
                    too_deep = True
                    yield (
                        f"regions[{index[node]}].parent: the region hierarchy is more than"
                        f" {MAX_REGION_DEPTH} levels deep"
                    )


def _name_clashes(cat: Catalog) -> Iterator[str]:
    """A name, alias or synonym must pick out one thing within its kind."""
    groups: list[tuple[str, list[tuple[str, str, list[str]]]]] = [
        (
            "regions",
            [
                (f"regions[{i}]", r.id, [r.id, r.name, *r.synonyms])
                for i, r in enumerate(cat.regions)
            ],
        ),
        (
            "symptoms",
            [
                (f"symptoms[{i}]", s.id, [s.id, s.name, *s.synonyms])
                for i, s in enumerate(cat.symptoms)
            ],
        ),
        (
            "muscles",
            [
                (f"muscles[{i}]", m.id, [m.id, m.name, *m.aliases])
                for i, m in enumerate(cat.muscles)
            ],
        ),
    ]
    for _kind, entries in groups:
        owner: dict[str, str] = {}
        for path, ident, names in entries:
            for k, name in enumerate(names):
                key = fold(name)
                other = owner.setdefault(key, ident)
                if other != ident:
                    field = "id" if k == 0 else ("name" if k == 1 else f"synonyms[{k - 2}]")
                    if _kind == "muscles" and k >= 2:
                        field = f"aliases[{k - 2}]"
                    yield f"{path}.{field}: {name!r} already names {other!r}"
