"""Hypothesis strategies of broken datasets: mutations of the bundled one, each with its check.

Mutation kinds (MUTATIONS): delete a required field, change a type, add an unknown field,
point an id at nothing, duplicate an id, make a cycle in the region hierarchy, use a name or
synonym twice, truncate the file, insert bytes that are not UTF-8, and prefix a UTF-8 BOM to
any of those. Each `Mutation` carries the file's bytes and a check of the exact problems
`load_catalog` must report. The sites to mutate are found by walking the dataset model.
"""

from __future__ import annotations

import json
import re
import types
from collections.abc import Callable, Iterator
from typing import Annotated, Any, NamedTuple, Union, get_args, get_origin

from hypothesis import strategies as st
from pydantic import BaseModel

from glutealtp.catalog.dataset import Catalog
from glutealtp.catalog.load import json_path
from glutealtp.text import fold

from ..helpers import DATA_FILE

PRISTINE = DATA_FILE.read_text(encoding="utf-8")
BOM = b"\xef\xbb\xbf"
Path_ = tuple[str | int, ...]


def fresh() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(PRISTINE)
    return data


def get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


# --- Where things are in the dataset ------------------------------------------------------------


def submodel(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model a field holds, and whether it holds a list of them."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return submodel(get_args(annotation)[0])
    if origin is list:
        inner, _ = submodel(get_args(annotation)[0])
        return inner, inner is not None
    if origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            found = submodel(arg)
            if found[0] is not None:
                return found
        return None, False
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


def objects(
    data: dict[str, Any], cls: type[BaseModel] = Catalog, path: Path_ = ()
) -> Iterator[tuple[Path_, type[BaseModel]]]:
    """Every JSON object in the dataset, with the model that validates it."""
    yield path, cls
    for name, field in cls.model_fields.items():
        if name not in data:
            continue
        sub, many = submodel(field.annotation)
        if sub is None:
            continue
        if many:
            for i, item in enumerate(data[name]):
                yield from objects(item, sub, (*path, name, i))
        else:
            yield from objects(data[name], sub, (*path, name))


def values(data: Any, path: Path_ = ()) -> Iterator[Path_]:
    """Every value below the root: objects, lists and leaves."""
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, item in items:
        yield (*path, key)
        if isinstance(item, dict | list):
            yield from values(item, (*path, key))


PRISTINE_DATA = fresh()
OBJECTS = list(objects(PRISTINE_DATA))
REQUIRED = [
    (path, name)
    for path, cls in OBJECTS
    for name, field in cls.model_fields.items()
    if field.is_required() and name in get(PRISTINE_DATA, path)
]
VALUES = list(values(PRISTINE_DATA))

REF_KIND = {
    "parent": "region",
    "region": "region",
    "regions": "region",
    "symptom": "symptom",
    "symptoms": "symptom",
    "condition": "condition",
    "muscle": "muscle",
    "sources": "source",
}
REFERENCES = [
    (path, name, index)
    for path, _cls in OBJECTS
    for name in REF_KIND
    if isinstance(ref := get(PRISTINE_DATA, path).get(name), str | list)
    for index in ([None] if isinstance(ref, str) else range(len(ref)))
    if index is None or isinstance(ref[index], str)
]


def ids_of(kind: str, data: dict[str, Any]) -> list[Path_]:
    """Where each object of a kind that has an id is, in the dataset."""
    if kind == "trigger point":
        return [
            ("muscles", i, "trigger_points", j)
            for i, m in enumerate(data["muscles"])
            for j, _ in enumerate(m.get("trigger_points", []))
        ]
    if kind == "rule":
        return [
            ("muscles", i, "rules", j)
            for i, m in enumerate(data["muscles"])
            for j, _ in enumerate(m.get("rules", []))
        ]
    key = {"source": "sources", "note": "notes", "condition": "conditions"}.get(kind, kind + "s")
    return [(key, i) for i, _ in enumerate(data.get(key, []))]


UNIQUE_KINDS = [
    "source",
    "region",
    "symptom",
    "condition",
    "muscle",
    "note",
    "trigger point",
    "rule",
]


# --- Mutations ------------------------------------------------------------------------------


class Mutation(NamedTuple):
    kind: str
    content: bytes
    check: Callable[[list[str]], None]


def exactly(expected: str) -> Callable[[list[str]], None]:
    """The check of a mutation whose one and only problem is known in full."""

    def check(problems: list[str]) -> None:
        assert problems == [expected]

    return check


def dump(data: dict[str, Any]) -> bytes:
    return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")


def loc(path: Path_) -> str:
    return json_path(path)


@st.composite
def delete_required(draw: st.DrawFn) -> Mutation:
    path, name = draw(st.sampled_from(REQUIRED))
    data = fresh()
    del get(data, path)[name]
    expected = f"{loc((*path, name))}: Field required"

    return Mutation("delete a required field", dump(data), exactly(expected))


WRONG: dict[type, list[Any]] = {
    bool: [[], {}, "maybe", 2],
    int: ["abc", [], {}],
    float: ["abc", [], {}],
    str: [123, [], {}, True],
    list: ["x", 1, {}, True],
    dict: ["x", 1, [], True],
    type(None): [[], {}],
}


@st.composite
def change_type(draw: st.DrawFn) -> Mutation:
    path = draw(st.sampled_from(VALUES))
    data = fresh()
    parent, key = get(data, path[:-1]), path[-1]
    old = parent[key]
    parent[key] = draw(st.sampled_from(WRONG[type(old)]))
    prefix = loc(path)

    def check(problems: list[str]) -> None:
        assert problems, "a wrongly typed value was accepted"
        for problem in problems:
            assert problem.startswith(prefix), (prefix, problems)

    return Mutation("change a type", dump(data), check)


@st.composite
def unknown_field(draw: st.DrawFn) -> Mutation:
    path, _cls = draw(st.sampled_from(OBJECTS))
    name = draw(st.from_regex(r"[a-z_]{1,12}", fullmatch=True))
    data = fresh()
    node = get(data, path)
    if name in node or name in _cls.model_fields:
        name = "zz_" + name
    node[name] = draw(st.sampled_from([1, "x", [], {}, None]))
    expected = f"{loc((*path, name))}: Extra inputs are not permitted"

    return Mutation("add an unknown field", dump(data), exactly(expected))


@st.composite
def dangling(draw: st.DrawFn) -> Mutation:
    path, name, index = draw(st.sampled_from(REFERENCES))
    target = "nowhere-" + draw(st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True))
    data = fresh()
    node = get(data, path)
    where: Path_ = (*path, name)
    if index is None:
        node[name] = target
    else:
        node[name][index] = target
        where = (*where, index)
    expected = f"{loc(where)}: unknown {REF_KIND[name]} id {target!r}"

    return Mutation("point an id at nothing", dump(data), exactly(expected))


@st.composite
def duplicate(draw: st.DrawFn) -> Mutation:
    kind = draw(st.sampled_from([k for k in UNIQUE_KINDS if len(ids_of(k, PRISTINE_DATA)) > 1]))
    paths = ids_of(kind, PRISTINE_DATA)
    i, j = sorted(
        draw(st.lists(st.sampled_from(range(len(paths))), min_size=2, max_size=2, unique=True))
    )
    data = fresh()
    ident = get(data, paths[i])["id"]
    get(data, paths[j])["id"] = ident
    expected = f"{loc(paths[j])}.id: duplicate {kind} id {ident!r} (first at {loc(paths[i])[2:]})"

    def check(problems: list[str]) -> None:
        assert problems[0] == expected, problems

    return Mutation("duplicate an id", dump(data), check)


@st.composite
def cycle(draw: st.DrawFn) -> Mutation:
    data = fresh()
    regions = data["regions"]
    members = draw(
        st.lists(
            st.sampled_from(range(len(regions))), min_size=1, max_size=len(regions), unique=True
        )
    )
    for a, b in zip(members, [*members[1:], members[0]], strict=True):
        regions[a]["parent"] = regions[b]["id"]
        # A second parent (the back of the thigh is also part of the back of the leg) could close
        # a second loop; the mutation makes exactly one.
        regions[a].pop("also_part_of", None)
    ids = [regions[m]["id"] for m in members]
    first = min(ids)
    expected = f"$.regions[{members[ids.index(first)]}].parent: the region hierarchy has a cycle: "

    def check(problems: list[str]) -> None:
        assert len(problems) == 1 and problems[0].startswith(expected), (expected, problems)
        chain = problems[0][len(expected) :].split(" -> ")
        assert chain[0] == chain[-1]
        if len(ids) <= 6:
            assert sorted(chain[:-1]) == sorted(ids)

    return Mutation("make a cycle in the region hierarchy", dump(data), check)


def variants(name: str) -> st.SearchStrategy[str]:
    """Spellings that fold to the same name: other case, other separators."""
    words = fold(name).split(" ")
    return st.builds(
        lambda cases, seps: "".join(
            (w.upper() if up else w) + (sep if k < len(words) - 1 else "")
            for k, (w, up, sep) in enumerate(zip(words, cases, seps, strict=False))
        ),
        st.lists(st.booleans(), min_size=len(words), max_size=len(words)),
        st.lists(
            st.sampled_from([" ", "-", "_", "  ", " - "]), min_size=len(words), max_size=len(words)
        ),
    )


NAMED = {"regions": "synonyms", "symptoms": "synonyms", "muscles": "aliases"}


@st.composite
def synonym_twice(draw: st.DrawFn) -> Mutation:
    kind = draw(st.sampled_from(sorted(NAMED)))
    field = NAMED[kind]
    data = fresh()
    entries = data[kind]
    a, b = draw(st.lists(st.sampled_from(range(len(entries))), min_size=2, max_size=2, unique=True))
    owner = entries[a]
    name = draw(st.sampled_from([owner["id"], owner["name"], *owner.get(field, [])]))
    spelling = draw(variants(name))
    entries[b].setdefault(field, []).append(spelling)
    k = len(entries[b][field]) - 1

    def check(problems: list[str]) -> None:
        assert problems and all("already names" in p for p in problems), problems
        if b > a:
            assert problems == [
                f"$.{kind}[{b}].{field}[{k}]: {spelling!r} already names {owner['id']!r}"
            ]
        else:  # the new synonym came first, so the original owner is the one reported
            assert all(p.startswith(f"$.{kind}[{a}].") for p in problems), problems
            assert all(p.endswith(f"already names {entries[b]['id']!r}") for p in problems)

    return Mutation("use a name or synonym twice", dump(data), check)


RAW = PRISTINE.encode("utf-8")
_LINE_COL = re.compile(r"^line (\d+), column (\d+): invalid JSON: \S")


def _char_start(n: int) -> int:
    """`n`, or the start of the UTF-8 character of RAW that byte `n` is inside of: a cut or
    an insertion there leaves every character of RAW whole (the data has a few non-ASCII)."""
    while 0 < n < len(RAW) and RAW[n] & 0xC0 == 0x80:
        n -= 1
    return n


@st.composite
def truncate(draw: st.DrawFn) -> Mutation:
    end = len(RAW.rstrip())
    n = _char_start(draw(st.integers(0, end - 1)))
    content = RAW[:n]
    lines = content.decode("utf-8").splitlines() or [""]

    def check(problems: list[str]) -> None:
        assert len(problems) == 1
        if not content.strip():
            assert problems == ["file is empty"]
            return
        found = _LINE_COL.match(problems[0])
        assert found, problems
        line, column = int(found[1]), int(found[2])
        assert 1 <= line <= len(lines) + 1 and column >= 1

    return Mutation("truncate the file", content, check)


BAD_UTF8 = [
    b"\xff",
    b"\xfe",
    b"\x80",
    b"\xc3(",
    b"\xc0\xaf",
    b"\xe2\x28\xa1",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xf8\x88\x80\x80\x80",
    "Gesäß".encode("latin-1"),
]


@st.composite
def not_utf8(draw: st.DrawFn) -> Mutation:
    at = _char_start(draw(st.integers(0, len(RAW))))
    bad = draw(st.sampled_from(BAD_UTF8))
    content = RAW[:at] + bad + RAW[at:]
    first = at + next(i for i in range(len(bad)) if bad[i] >= 0x80)

    def check(problems: list[str]) -> None:
        assert problems == [f"byte {first}: not valid UTF-8"]

    return Mutation("bytes that are not UTF-8", content, check)


BASIC = [
    delete_required(),
    change_type(),
    unknown_field(),
    dangling(),
    duplicate(),
    cycle(),
    synonym_twice(),
    truncate(),
    not_utf8(),
]


@st.composite
def with_bom(draw: st.DrawFn) -> Mutation:
    """Any mutation behind a UTF-8 BOM: the same problem, byte offsets counted from the BOM."""
    m = draw(st.one_of(BASIC))
    check = m.check
    if m.kind == "bytes that are not UTF-8":

        def check(problems: list[str]) -> None:
            number = int(re.match(r"byte (\d+)", problems[0])[1])  # type: ignore[index]
            m.check([f"byte {number - len(BOM)}: not valid UTF-8"])

    return Mutation(f"{m.kind}, after a BOM", BOM + m.content, check)


MUTATIONS: dict[str, st.SearchStrategy[Mutation]] = {
    "delete-required": BASIC[0],
    "change-type": BASIC[1],
    "unknown-field": BASIC[2],
    "dangling-id": BASIC[3],
    "duplicate-id": BASIC[4],
    "cycle": BASIC[5],
    "synonym-twice": BASIC[6],
    "truncate": BASIC[7],
    "not-utf8": BASIC[8],
    "bom-plus-any": with_bom(),
}
