"""The whole dataset (`Catalog`) and the checks that span its objects, each fault named by
its JSON path (without `$.`).

The `Catalog` validator runs them once every object is well-formed: ids unique within their
kind, every id referred to known, the region hierarchy sound (`hierarchy`), every zone's
extent agreeing with its basis, and no name, alias or synonym naming two things of one kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Literal, NamedTuple, Protocol

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from glutealtp.catalog.hierarchy import ancestry, cycles, parents_of, within
from glutealtp.catalog.model import (
    AreaList,
    Condition,
    ConditionRef,
    Frozen,
    Label,
    Muscle,
    Note,
    ReferralZone,
    Region,
    Relation,
    Rule,
    Source,
    Sourced,
    Symptom,
    Text,
    TriggerPoint,
)
from glutealtp.catalog.scoring import Scoring
from glutealtp.text import fold


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


class Known(NamedTuple):
    """The ids a dataset defines, by kind: what a reference may name; and each source's
    author (None for a weak source), to count independent sources."""

    sources: frozenset[str]
    regions: frozenset[str]
    symptoms: frozenset[str]
    conditions: frozenset[str]
    muscles: frozenset[str]
    authors: dict[str, str | None]

    def independent(self, sources: Iterable[str]) -> int:
        """How many independent (non-weak, distinct-author) sources are among `sources`."""
        return len({self.authors.get(s) for s in sources} - {None})


def problems(cat: Catalog) -> Iterator[str]:
    """Every cross-object fault of the dataset, in the order of the file; what rests on the
    references being sound (a rule explained by its muscle's facts) once they are."""
    found = list(_references(cat))
    yield from found
    if not found:
        yield from _rules_explained(cat)


def _references(cat: Catalog) -> Iterator[str]:
    """Ids unique and known, the hierarchy sound, names unambiguous."""
    hierarchy = list(cycles(cat.regions))
    if not hierarchy:
        hierarchy = ancestry(cat.regions)
    known = Known(
        frozenset(s.id for s in cat.sources),
        frozenset(r.id for r in cat.regions),
        frozenset(s.id for s in cat.symptoms),
        frozenset(c.id for c in cat.conditions),
        frozenset(m.id for m in cat.muscles),
        {s.id: None if s.weak else s.author for s in cat.sources},
    )
    yield from _duplicates(cat)
    for i, r in enumerate(cat.regions):
        yield from _sourced(f"regions[{i}]", r, known)
        if r.parent is not None:
            yield from _ref(f"regions[{i}].parent", r.parent, known.regions, "region")
        for k, other in enumerate(r.also_part_of):
            yield from _ref(f"regions[{i}].also_part_of[{k}]", other, known.regions, "region")
    yield from hierarchy
    for i, a in enumerate(cat.area_lists):
        yield from _area_list(f"area_lists[{i}]", a, known)
    lists = (
        ("notes", cat.notes),
        ("press_safety", cat.press_safety),
        ("press_criteria", cat.press_criteria),
        ("symptoms", cat.symptoms),
    )
    for kind, facts in lists:
        for i, fact in enumerate(facts):
            yield from _sourced(f"{kind}[{i}]", fact, known)
    for i, c in enumerate(cat.conditions):
        yield from _sourced(f"conditions[{i}]", c, known)
    for i, m in enumerate(cat.muscles):
        yield from _muscle(f"muscles[{i}]", m, known)
    yield from _name_clashes(cat)


def _unique(kind: str, items: Iterable[tuple[str, str]]) -> Iterator[str]:
    seen: dict[str, str] = {}
    for path, ident in items:
        if ident in seen:
            yield f"{path}.id: duplicate {kind} id {ident!r} (first at {seen[ident]})"
        else:
            seen[ident] = path


def _duplicates(cat: Catalog) -> Iterator[str]:
    """Ids unique within their kind; trigger points and rules across the whole dataset."""
    kinds: tuple[tuple[str, str, Sequence[_Identified]], ...] = (
        ("source", "sources", cat.sources),
        ("region", "regions", cat.regions),
        ("symptom", "symptoms", cat.symptoms),
        ("condition", "conditions", cat.conditions),
        ("muscle", "muscles", cat.muscles),
        ("note", "notes", cat.notes),
        ("press safety line", "press_safety", cat.press_safety),
        ("press criterion", "press_criteria", cat.press_criteria),
        ("area list", "area_lists", cat.area_lists),
    )
    for kind, key, items in kinds:
        yield from _unique(kind, ((f"{key}[{i}]", item.id) for i, item in enumerate(items)))
    regions = {r.id for r in cat.regions}
    for i, sym in enumerate(cat.symptoms):
        if sym.id in regions:
            yield (
                f"symptoms[{i}].id: {sym.id!r} is also a region's id; an id names one item,"
                " so that --absent can take either"
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


def _ref(path: str, value: str, known: frozenset[str], kind: str) -> Iterator[str]:
    if value not in known:
        yield f"{path}: unknown {kind} id {value!r}"


def _refs(path: str, values: Iterable[str], known: frozenset[str], kind: str) -> Iterator[str]:
    for k, value in enumerate(values):
        yield from _ref(f"{path}[{k}]", value, known, kind)


def _sourced(path: str, fact: Sourced, known: Known) -> Iterator[str]:
    yield from _refs(f"{path}.sources", fact.sources, known.sources, "source")
    for k, dispute in enumerate(fact.disputed_by):
        where = f"{path}.disputed_by[{k}].sources"
        yield from _refs(where, dispute.sources, known.sources, "source")


def _area_list(path: str, a: AreaList, known: Known) -> Iterator[str]:
    yield from _sourced(path, a, known)
    yield from _refs(f"{path}.regions", a.regions, known.regions, "region")
    seen: set[str] = set()
    for tier, muscles in (("primary", a.primary), ("secondary", a.secondary)):
        for k, muscle in enumerate(muscles):
            yield from _ref(f"{path}.{tier}[{k}]", muscle, known.muscles, "muscle")
            if muscle in seen:
                yield f"{path}.{tier}[{k}]: muscle {muscle!r} is listed twice"
            seen.add(muscle)
    yield from _refs(f"{path}.among", a.among, known.muscles, "muscle")
    if a.among:
        for muscle in sorted(seen - set(a.among)):
            yield f"{path}.among: names no {muscle!r}, which the list names"


def _muscle(path: str, m: Muscle, known: Known) -> Iterator[str]:
    yield from _sourced(path, m, known)
    if m.max_trigger_points is not None and len(m.trigger_points) > m.max_trigger_points:
        yield (
            f"{path}.max_trigger_points: {m.max_trigger_points} is fewer than the"
            f" {len(m.trigger_points)} trigger points listed"
        )
    for j, agg in enumerate(m.aggravating):
        yield from _sourced(f"{path}.aggravating[{j}]", agg, known)
    for j, t in enumerate(m.trigger_points):
        yield from _trigger_point(f"{path}.trigger_points[{j}]", t, known)
    for j, st in enumerate(m.refers_to):
        yield from _sourced(f"{path}.refers_to[{j}]", st, known)
        yield from _refs(f"{path}.refers_to[{j}].regions", st.regions, known.regions, "region")
    for j, link in enumerate(m.symptoms):
        yield from _sourced(f"{path}.symptoms[{j}]", link, known)
        yield from _ref(f"{path}.symptoms[{j}].symptom", link.symptom, known.symptoms, "symptom")
    for j, cref in enumerate(m.conditions):
        yield from _condition(f"{path}.conditions[{j}]", cref, known)
    for j, rel in enumerate(m.related):
        yield from _relation(f"{path}.related[{j}]", rel, m.id, known)
    for j, rule in enumerate(m.rules):
        yield from _rule(f"{path}.rules[{j}]", rule, known)


def _trigger_point(path: str, t: TriggerPoint, known: Known) -> Iterator[str]:
    yield from _sourced(path, t, known)
    if t.palpation is not None:
        p = t.palpation
        for part in ("who_sources", "find_sources", "press_sources"):
            yield from _refs(f"{path}.palpation.{part}", getattr(p, part), known.sources, "source")
    for k, z in enumerate(t.zones):
        yield from _sourced(f"{path}.zones[{k}]", z, known)
        yield from _ref(f"{path}.zones[{k}].region", z.region, known.regions, "region")
        yield from _basis(f"{path}.zones[{k}]", z, known)


def _basis(path: str, z: ReferralZone, known: Known) -> Iterator[str]:
    """A zone's extent agrees with its stated basis: named by a source as the main (or a
    spillover) zone, or counted (two or more independent sources: essential)."""
    if z.basis is None or not known.sources.issuperset(z.sources):
        return  # an unknown source is reported as such
    if z.basis == "sources":
        expected = "essential" if known.independent(z.sources) >= 2 else "spillover"
    else:
        expected = "essential" if z.basis == "named-main" else "spillover"
    if z.extent != expected:
        n = known.independent(z.sources)
        yield (
            f"{path}.extent: {z.extent!r} disagrees with its basis {z.basis!r}"
            f" ({n} independent source{'s' if n != 1 else ''}): expected {expected!r}"
        )


def _condition(path: str, cref: ConditionRef, known: Known) -> Iterator[str]:
    yield from _sourced(path, cref, known)
    yield from _ref(f"{path}.condition", cref.condition, known.conditions, "condition")
    yield from _refs(f"{path}.regions", cref.regions, known.regions, "region")
    yield from _refs(f"{path}.symptoms", cref.symptoms, known.symptoms, "symptom")


def _relation(path: str, rel: Relation, muscle: str, known: Known) -> Iterator[str]:
    yield from _sourced(path, rel, known)
    yield from _ref(f"{path}.muscle", rel.muscle, known.muscles, "muscle")
    if rel.muscle == muscle:
        yield f"{path}.muscle: a muscle cannot be related to itself"
    yield from _refs(f"{path}.symptoms", rel.symptoms, known.symptoms, "symptom")


def _rule(path: str, rule: Rule, known: Known) -> Iterator[str]:
    yield from _sourced(path, rule, known)
    yield from _refs(f"{path}.regions", rule.regions, known.regions, "region")
    yield from _refs(f"{path}.symptoms", rule.symptoms, known.symptoms, "symptom")


def _rules_explained(cat: Catalog) -> Iterator[str]:
    """A rule strengthens what its muscle's own facts explain, and red flags are never
    evidence: each rule region is one the muscle refers pain to (or holds one), each rule
    symptom one it is linked to, and none a red flag."""
    if not any(m.rules for m in cat.muscles):
        return
    parents = parents_of(cat.regions)
    red_flags = {s.id for s in cat.symptoms if s.red_flag}
    for i, m in enumerate(cat.muscles):
        if not m.rules:
            continue
        refers = {z.region for t in m.trigger_points for z in t.zones}
        refers.update(r for st in m.refers_to for r in st.regions)
        refers.update(r for c in m.conditions for r in c.regions)
        linked = {link.symptom for link in m.symptoms}
        linked.update(s for c in m.conditions for s in c.symptoms)
        for j, rule in enumerate(m.rules):
            path = f"muscles[{i}].rules[{j}]"
            for k, region in enumerate(rule.regions):
                if not any(region in within(r, parents) for r in refers):
                    yield (
                        f"{path}.regions[{k}]: {m.id} refers no pain to {region!r}; a rule can"
                        " only strengthen what the muscle's facts explain"
                    )
            for k, symptom in enumerate(rule.symptoms):
                if symptom in red_flags:
                    yield (
                        f"{path}.symptoms[{k}]: {symptom!r} is a red flag; red flags are"
                        " warnings, never evidence for a muscle"
                    )
                elif symptom not in linked:
                    yield (
                        f"{path}.symptoms[{k}]: {m.id} is not linked to {symptom!r}; a rule"
                        " can only strengthen what the muscle's facts explain"
                    )


def _name_clashes(cat: Catalog) -> Iterator[str]:
    """A name, alias or synonym must pick out one thing within its kind."""
    groups: list[tuple[str, list[tuple[str, str, list[str]]]]] = [
        (
            "synonyms",
            [
                (f"regions[{i}]", r.id, [r.id, r.name, *r.synonyms])
                for i, r in enumerate(cat.regions)
            ],
        ),
        (
            "synonyms",
            [
                (f"symptoms[{i}]", s.id, [s.id, s.name, *s.synonyms])
                for i, s in enumerate(cat.symptoms)
            ],
        ),
        (
            "aliases",
            [
                (f"muscles[{i}]", m.id, [m.id, m.name, *m.aliases])
                for i, m in enumerate(cat.muscles)
            ],
        ),
    ]
    for other_names, entries in groups:
        owner: dict[str, str] = {}
        for path, ident, names in entries:
            for k, name in enumerate(names):
                field = "id" if k == 0 else ("name" if k == 1 else f"{other_names}[{k - 2}]")
                folded = fold(name)
                if not folded:  # spaces, separators or invisible characters only
                    yield f"{path}.{field}: {name!r} shows no letter or digit to match"
                    continue
                other = owner.setdefault(folded, ident)
                if other != ident:
                    yield f"{path}.{field}: {name!r} already names {other!r}"


class Catalog(Frozen):
    """The whole dataset; its validator checks everything that spans two objects."""

    schema_version: Literal[2] = 2
    name: Label
    disclaimer: Text
    sources: list[Source] = Field(min_length=1)
    notes: list[Note] = Field(default_factory=list)
    press_safety: list[Note] = Field(default_factory=list)
    """What to tell a person before the first press (stop lines), each line with sources."""
    press_criteria: list[Note] = Field(default_factory=list)
    """What a clinician checks at a pressed point (the consensus criteria), with sources."""
    regions: list[Region] = Field(min_length=1)
    symptoms: list[Symptom] = Field(default_factory=list)
    conditions: list[Condition] = Field(default_factory=list)
    muscles: list[Muscle] = Field(min_length=1)
    area_lists: list[AreaList] = Field(default_factory=list)
    scoring: Scoring

    @model_validator(mode="after")
    def _cross_references(self) -> Catalog:
        found = list(problems(self))
        if found:
            raise PydanticCustomError(
                "catalog_consistency",
                "{count} consistency problem(s): {details}",
                {"count": len(found), "details": "; ".join(found), "problems": found},
            )
        return self
