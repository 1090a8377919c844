"""The facts the catalog takes from the reference fact sheets, the article and the facts-v3
research: one table, tests/reference_facts.json (a fact a line), and the checks that hold
the bundled dataset to it.

The expected values are written in the table, not read back from the data: a fact lost or
changed in data/muscles.json fails a test. A fact is single-source when its non-weak sources
share one author. Each zone row gives its extent and its basis (docs/data.md, "Essential or
spillover"). A `why` field says why a fact is as it is, where the table alone does not.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from glutealtp.catalog import CatalogIndex
from glutealtp.catalog.dataset import Catalog
from glutealtp.catalog.index import UnknownName
from glutealtp.catalog.load import bundled_bytes
from glutealtp.catalog.model import Muscle, ReferralZone, Sourced, TriggerPoint

from .helpers import muscle

Fact = dict[str, Any]

TABLE = Path(__file__).with_name("reference_facts.json")
FACTS: list[Fact] = json.loads(TABLE.read_text(encoding="utf-8"))["facts"]
"""The table: every fact, in the order of the file."""

NEW_MUSCLES = sorted(next(f for f in FACTS if f["kind"] == "muscles")["new"])
"""The 21 muscles the reference fact sheets added to the article's five."""


def ids(values: list[str]) -> set[str]:
    return set(values)


# ================================================================================================
# THE CHECKS
# ================================================================================================


def trigger_point(model: Catalog, ident: str) -> TriggerPoint:
    return next(t for m in model.muscles for t in m.trigger_points if t.id == ident)


def zone(model: Catalog, tp: str, region: str) -> ReferralZone:
    return next(z for z in trigger_point(model, tp).zones if z.region == region)


def authors(model: Catalog, fact: Sourced) -> set[str]:
    """The independent sources of a fact: the authors of its non-weak sources."""
    by_id = {s.id: s for s in model.sources}
    return {by_id[s].author for s in fact.sources if not by_id[s].weak}


def single_source(model: Catalog, fact: Sourced) -> bool:
    return len(authors(model, fact)) <= 1


def muscle_zones(m: Muscle) -> set[str]:
    return {z.region for t in m.trigger_points for z in t.zones}


def link(model: Catalog, ident: str, symptom: str) -> Sourced:
    return next(s for s in muscle(model, ident).symptoms if s.symptom == symptom)


def _at(model: Catalog, at: list[str]) -> str:
    """The text a `text` fact looks at: (kind, id[, region], field)."""
    kind, *path, field = at
    if kind == "zone":
        obj: Any = zone(model, path[0], path[1])
    elif kind == "tp":
        obj = trigger_point(model, path[0])
    elif kind == "muscle":
        obj = muscle(model, path[0])
    elif kind == "area":
        obj = next(a for a in model.area_lists if a.id == path[0])
    else:
        raise AssertionError(f"unknown place {kind!r}")
    text = getattr(obj, field)
    assert isinstance(text, str), at
    return text


def _muscles(_model: Catalog, index: CatalogIndex, f: Fact) -> None:
    assert set(index.muscles) == ids(f["article"]) | ids(f["new"])
    assert len(f["new"]) == f["new_count"]


def _author(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    by_id = {s.id: s for s in model.sources}
    assert {by_id[s].author for s in f["sources"]} == {f["author"]}


def _weak(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    assert {s.id for s in model.sources if s.weak} == ids(f["sources"])


def _guidance(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    assert {s.id for s in model.sources if s.kind == "guidance"} == ids(f["sources"])


def _source(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    s = next(s for s in model.sources if s.id == f["id"])
    if "source_kind" in f:
        assert s.kind == f["source_kind"]
    for field in ("title", "author", "site", "url", "publisher", "year", "published", "weak"):
        if field in f:
            assert getattr(s, field) == f[field], field
    for words in f.get("note_has", []):
        assert s.note is not None and words in s.note
    if "follows_has" in f:
        assert s.follows is not None and f["follows_has"] in s.follows


def _rule(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    rule = next(r for r in muscle(model, f["muscle"]).rules if r.symptoms == f["symptoms"])
    assert rule.statement == f["statement"]


def _note(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    note = next(n for n in model.notes if n.id == f["id"])
    assert set(note.sources) == ids(f["sources"])
    assert all(words in note.text for words in f["has"])


def _region(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    r = next(r for r in model.regions if r.id == f["id"])
    assert (r.parent, r.also_part_of) == (f["parent"], f["also"])
    if "name" in f:
        assert r.name == f["name"]
        assert set(r.sources) == ids(f["sources"])
        assert r.definition is not None and f["definition_has"] in r.definition


def _region_order(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    assert [r.id for r in model.regions[: len(f["first"])]] == f["first"]


def _region_xrefs(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    r = next(r for r in model.regions if r.id == f["id"])
    assert r.xrefs == f["xrefs"]
    if f["xrefs"]:
        assert "ontology-ids" in r.sources
    else:
        assert r.note is not None and ("no" in r.note.lower())


def _region_name(_model: Catalog, index: CatalogIndex, f: Fact) -> None:
    assert index.resolve("region", f["name"]) == f["region"]


def _symptom(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    s = next(s for s in model.symptoms if s.id == f["id"])
    assert set(s.sources) == ids(f["sources"])
    assert len(authors(model, s)) >= 2
    assert s.question.endswith("?") and not s.red_flag


def _symptom_text(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    s = next(s for s in model.symptoms if s.id == f["id"])
    assert s.name == f["name"]
    assert f["question_has"] in s.question


def _no_symptom(_model: Catalog, index: CatalogIndex, f: Fact) -> None:
    assert f["id"] not in index.symptoms


def _symptom_name(_model: Catalog, index: CatalogIndex, f: Fact) -> None:
    assert index.resolve("symptom", f["name"]) == f["symptom"]


def _condition(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    c = next(c for c in model.conditions if c.id == f["id"])
    assert set(c.sources) == ids(f["sources"])


def _condition_link(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    ref = next(c for c in muscle(model, f["muscle"]).conditions if c.condition == f["condition"])
    assert ref.link == f["link"]
    assert set(ref.sources) == ids(f["sources"])
    for field in ("regions", "symptoms"):
        if field in f:
            assert getattr(ref, field) == f[field], field


def _zone(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    z = zone(model, f["tp"], f["region"])
    assert (z.extent, z.basis) == (f["extent"], f["basis"])
    assert set(z.sources) == ids(f["sources"])
    assert single_source(model, z) is f["single"]


def _no_zone(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    assert f["region"] not in muscle_zones(muscle(model, f["muscle"]))


def _text(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    text = _at(model, f["at"])
    for words in f["has"]:
        assert words in text, words
    for words in f.get("lacks", []):
        assert words not in text, words


def _tp(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    t = trigger_point(model, f["id"])
    for field in ("count", "activity", "name"):
        if field in f:
            assert getattr(t, field) == f[field], field
    for words in f.get("assumption_has", []):
        assert t.assumption is not None and words in t.assumption


def _link(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    fact = link(model, f["muscle"], f["symptom"])
    assert set(fact.sources) == ids(f["sources"])
    if "single" in f:
        assert single_source(model, fact) is f["single"]
    if "authors" in f:
        assert authors(model, fact) == ids(f["authors"])
    disputes = {s for d in fact.disputed_by for s in d.sources}
    assert disputes == ids(f.get("disputed_by", []))
    for words in f.get("dispute_has", []):
        assert any(words in d.text for d in fact.disputed_by), words


def _no_link(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    assert f["symptom"] not in {s.symptom for s in muscle(model, f["muscle"]).symptoms}


def _aggravators(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    agg = muscle(model, f["muscle"]).aggravating
    activities = [a.activity for a in agg]
    if "exactly" in f:
        assert activities == f["exactly"]
    for activity in f.get("includes", []):
        assert activity in activities
    if "all_sources" in f:
        assert all(a.sources == f["all_sources"] for a in agg)


def _statement(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    found = [
        st
        for st in muscle(model, f["muscle"]).refers_to
        if st.regions == f["regions"] and set(st.sources) == ids(f["sources"])
    ]
    assert found, (f["regions"], f["sources"])


def _relations(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    got = {(r.muscle, r.kind, tuple(r.sources)) for r in muscle(model, f["muscle"]).related}
    assert got == {(m, kind, tuple(sources)) for m, kind, sources in f["exactly"]}


def _muscle_name(_model: Catalog, index: CatalogIndex, f: Fact) -> None:
    assert index.resolve("muscle", f["name"]) == f["muscle"]


def _not_muscle_name(_model: Catalog, index: CatalogIndex, f: Fact) -> None:
    with pytest.raises(UnknownName):
        index.resolve("muscle", f["name"])


def _muscle_xrefs(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    m = muscle(model, f["id"])
    assert m.xrefs == f["xrefs"]
    assert ("ontology-ids" in m.sources) is bool(f["xrefs"])


def _anatomy(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    m = muscle(model, f["muscle"])
    assert f["source"] in m.sources
    assert f["where"] in m.location and f["does"] in m.function


def _area_list(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    a = next(a for a in model.area_lists if a.id == f["id"])
    got = (a.kind, a.regions, a.primary, a.secondary, a.among, a.sources)
    want = (f["list_kind"], f["regions"], f["primary"], f["secondary"], f["among"], f["sources"])
    assert got == want
    assert a.statement


def _no_area_list(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    assert f["id"] not in {a.id for a in model.area_lists}


def _area_omitted(model: Catalog, _index: CatalogIndex, f: Fact) -> None:
    a = next(a for a in model.area_lists if a.id == f["id"])
    assert any(o.startswith(f["omitted"]) for o in a.omitted)


CHECKS: dict[str, Callable[[Catalog, CatalogIndex, Fact], None]] = {
    "muscles": _muscles,
    "author": _author,
    "weak": _weak,
    "guidance": _guidance,
    "source": _source,
    "rule": _rule,
    "note": _note,
    "region": _region,
    "region-order": _region_order,
    "region-xrefs": _region_xrefs,
    "region-name": _region_name,
    "symptom": _symptom,
    "symptom-text": _symptom_text,
    "no-symptom": _no_symptom,
    "symptom-name": _symptom_name,
    "condition": _condition,
    "condition-link": _condition_link,
    "zone": _zone,
    "no-zone": _no_zone,
    "text": _text,
    "tp": _tp,
    "link": _link,
    "no-link": _no_link,
    "aggravators": _aggravators,
    "statement": _statement,
    "relations": _relations,
    "muscle-name": _muscle_name,
    "not-muscle-name": _not_muscle_name,
    "muscle-xrefs": _muscle_xrefs,
    "anatomy": _anatomy,
    "area-list": _area_list,
    "no-area-list": _no_area_list,
    "area-omitted": _area_omitted,
}


def _fact_id(f: Fact) -> str:
    keys = ("id", "tp", "muscle", "name", "region", "symptom", "condition", "at", "author")
    parts = [
        "-".join(f[k]) if isinstance(f[k], list) else str(f[k])
        for k in keys
        if k in f and isinstance(f[k], (str, list))
    ]
    return "-".join([f["kind"], *parts])[:120]


def of_kind(*kinds: str) -> list[Fact]:
    return [f for f in FACTS if f["kind"] in kinds]


# ================================================================================================
# THE TESTS
# ================================================================================================


def test_every_fact_has_a_check() -> None:
    assert {f["kind"] for f in FACTS} == set(CHECKS)


@pytest.mark.parametrize("fact", FACTS, ids=_fact_id)
def test_fact(model: Catalog, index: CatalogIndex, fact: Fact) -> None:
    CHECKS[fact["kind"]](model, index, fact)


def test_the_table_holds_every_zone_and_every_area_list(model: Catalog) -> None:
    """Nothing left out, nothing added: a zone or list the table lacks fails here."""
    rows = {(f["tp"], f["region"]) for f in of_kind("zone")}
    got = {(t.id, z.region) for m in model.muscles for t in m.trigger_points for z in t.zones}
    assert got == rows
    assert len(rows) == len(of_kind("zone"))
    assert [a.id for a in model.area_lists] == [f["id"] for f in of_kind("area-list")]


# --- What holds for every zone, source and string --------------------------------------------

LABELS = re.compile(
    r"main|primar|strong|essential|typical|most intense|cent(?:re|er)|"
    r"spill ?over|diffuse|lesser extent|occasional|sometimes|can extend|can also spread|"
    r"may also extend",
    re.IGNORECASE,
)
"""The words a source labels a zone with (docs/data.md, "Essential or spillover")."""


def test_every_zone_has_a_basis_and_a_named_one_quotes_its_label(model: Catalog) -> None:
    for m in model.muscles:
        for t in m.trigger_points:
            for z in t.zones:
                assert z.basis is not None, (t.id, z.region)
                if z.basis != "sources":
                    assert z.note is not None and LABELS.search(z.note), (t.id, z.region)


def test_the_bundled_zones_all_have_a_basis() -> None:
    bundled = json.loads(bundled_bytes())
    for m in bundled["muscles"]:
        for t in m["trigger_points"]:
            for z in t["zones"]:
                assert z["basis"] in {"named-main", "named-spillover", "sources"}, (
                    t["id"],
                    z["region"],
                )


def test_no_source_points_to_a_copy_of_a_book(model: Catalog) -> None:
    """Books are cited as books: no GitHub copy, no word of how a text was read."""
    for s in model.sources:
        text = " ".join(x for x in (s.title, s.site, s.url, s.note) if x)
        if s.id != "ontology-ids":  # the Uberon project's own repository
            assert "github" not in text.lower(), s.id
        assert "extracted" not in text.lower() and "ebook" not in text.lower(), s.id


def test_a_book_has_its_publisher_and_year_and_a_page_its_address(model: Catalog) -> None:
    for s in model.sources:
        if s.kind == "book":
            assert s.publisher and s.year and s.url is None, s.id
        else:
            assert s.url is not None and re.match(r"^https?://\S+$", s.url), s.id


def _cited(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key in ("sources", "who_sources", "find_sources", "press_sources"):
            if isinstance(data.get(key), list):
                yield from data[key]
        for value in data.values():
            yield from _cited(value)
    elif isinstance(data, list):
        for item in data:
            yield from _cited(item)


def test_every_source_is_cited_somewhere(raw: dict[str, Any]) -> None:
    cited = set(_cited({k: v for k, v in raw.items() if k != "sources"}))
    assert {s["id"] for s in raw["sources"]} == cited


def test_a_weak_source_never_puts_a_zone_in_alone_or_as_the_second_of_two(
    model: Catalog,
) -> None:
    weak = {s.id for s in model.sources if s.weak}
    for m in model.muscles:
        for t in m.trigger_points:
            for z in t.zones:
                if set(z.sources) & weak:
                    assert len(authors(model, z)) >= 2, (t.id, z.region)


def _strings(data: Any, path: str = "$") -> Iterator[tuple[str, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in ("url", "id", "sources"):
                yield from _strings(value, f"{path}.{key}")
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _strings(item, f"{path}[{i}]")
    elif isinstance(data, str):
        yield path, data


def test_no_string_speaks_of_the_project_or_in_the_first_person(raw: dict[str, Any]) -> None:
    for path, text in _strings(raw):
        assert not re.search(r"seed|shared/|sheet", text, re.IGNORECASE), path
        assert not re.search(r"(^|\W)(I|my|My)(\W|$)", text), path


def test_tier_lists_state_no_order(model: Catalog) -> None:
    for a in model.area_lists:
        if a.kind == "tiers":
            assert a.note is not None and "no order" in a.note, a.id


@pytest.mark.parametrize("ident", NEW_MUSCLES)
def test_new_trigger_points_are_drawn_and_their_activity_is_an_assumption(
    model: Catalog, ident: str
) -> None:
    """Where each is drawn, and which are schematic, is checked with the body map. The
    sources do not say how often a point is active: 'common' is the neutral default, but for
    the rare soleus point (a fact of the table)."""
    for t in muscle(model, ident).trigger_points:
        assert t.marker is not None, t.id
        assert t.assumption, t.id
        if t.id != "soleus-si-joint":
            assert t.activity == "common", t.id
            assert "neutral default" in t.assumption, t.id
