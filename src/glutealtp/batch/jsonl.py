"""The JSON Lines writer of `batch`: each record that of `which --format json` plus the
line's `line`, `id` and `status`, assembled from JSON written once per catalog string,
record and muscle view (`rank.View`), so that a new query costs little more than its
ranking.

Not a JSON library (orjson, msgspec): measured on `which -r buttock -r hip -s sitting`, orjson
takes 23 us to write one record whole (400 us with the records made into dicts), while this
writer reuses each view's JSON and writes a repeated query in about 8 us a line; the typical
batch target (100,000 cases/s) leaves 10 us."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from json.encoder import encode_basestring
from operator import itemgetter
from typing import Any, Literal, NamedTuple, cast, get_args, get_origin, get_type_hints

from glutealtp.batch.cases import CaseId, Failure
from glutealtp.batch.records import (
    BRIEF_RESULT_FIELDS,
    RANKING_FIELDS,
    ErrorRecord,
    OkHead,
    record_fields,
)
from glutealtp.catalog.index import CatalogIndex
from glutealtp.output.jsonfmt import dumps
from glutealtp.ranking.memo import RankCache, View, memo_of
from glutealtp.ranking.rank import Ranked
from glutealtp.ranking.results import (
    SCHEMA_VERSION,
    Against,
    AlsoCheck,
    AlsoLinked,
    NextQuestion,
    Ranking,
    RankingWarning,
    Result,
    RuleMet,
    to_plain,
)
from glutealtp.vocabulary import Side

_HEAD_FIELDS = {"schema_version": int, **get_type_hints(OkHead)}
_OK = (
    "{"
    + ",".join(f'"{k}":{"%d" if h is int else "%b"}' for k, h in _HEAD_FIELDS.items())
    + ",%b}\n"
).encode()
"""An ok record: the head's fields (numbers as such, the rest as JSON bytes), then the body."""


Encoder = Callable[[Any], str] | None
"""How one field is written: through a function, or (None) as a number by `%d` or `%r`."""


class JsonlRecords:
    """JSON Lines records. Without --explain a body is assembled from the JSON of its parts,
    field by field from the declared types of `Ranking` and `Result`: every string, warning,
    rule and related muscle comes from the catalog, so each is serialised once and kept (a
    memo bounded by the catalog's size), and so is each muscle's result per view of a query
    (`rank.View`) that the ranking keeps, all but its place. A test holds the result byte
    for byte equal to `dumps(record_fields(ranking, False))`."""

    MAX_LISTS = 16_384
    """Lists of ids whose JSON is kept before the memo starts over."""
    MAX_BEHINDS = 2_048
    """Members after the results whose JSON is kept before the memo starts over: a clinic's
    export has a few hundred (296 in the typical benchmark), and a batch of new queries,
    each of its own, would otherwise keep 16 MiB of them."""

    def __init__(self, index: CatalogIndex, explain: bool) -> None:
        self.explain = explain
        self._fragments: dict[object, str] = {}
        self._cache = memo_of(index)
        self._placeable: dict[int, tuple[bytes, bytes]] = {}
        """id(view) -> its result's JSON after its `rank`, before and after the value of its
        `tied`; each view is held in `_held`, so that no other object takes its id
        meanwhile. It starts over when the ranking's memo of views does
        (`RankCache.view_round`): the views it let go never come again."""
        self._held: list[View] = []
        self._round = self._cache.view_round
        self._heads: list[bytes] = [b""]
        self._id_lists: dict[tuple[str, ...], str] = {}
        hints = get_type_hints(Result)
        brief = BRIEF_RESULT_FIELDS
        cut = brief.index("tied")
        assert brief[0] == "rank" and cut > 0, "a result's JSON starts with its rank"
        between, after = ({f: hints[f] for f in part} for part in (brief[1:cut], brief[cut + 1 :]))
        self._between = self._writer(between, Result._fields, braces=False)
        self._after = self._writer(after, Result._fields, braces=False)
        hints = get_type_hints(Ranking)
        cut = RANKING_FIELDS.index("results")
        before, behind = ({f: hints[f] for f in part} for part in _around(RANKING_FIELDS, cut))
        assert before and behind, "a body has members around its results"
        self._before = self._writer(before, Ranking._fields, braces=False)
        self._behind = self._writer(behind, Ranking._fields, braces=False)
        self._behinds: dict[tuple[object, ...], bytes] = {}

    def header(self) -> bytes:
        return b""

    def body(self, ranked: Ranked) -> bytes:
        if self.explain:
            return dumps(record_fields(ranked.ranking(), True))[1:-1].encode("utf-8")
        outline = ranked.outline
        parts = self._results(ranked)
        parts[0] = self._before(outline).encode("utf-8") + parts[0]
        behind = self._behinds.get(outline[_BEHIND:])
        if behind is None:
            behind = self._behind_json(outline)
        parts[-1] += behind
        return b"".join(parts)

    def _behind_json(self, outline: Ranking) -> bytes:
        """The members after the results, memoised: they are mostly the same few."""
        if len(self._behinds) >= self.MAX_BEHINDS:
            self._behinds.clear()
        text = self._behinds[outline[_BEHIND:]] = b"," + self._behind(outline).encode("utf-8")
        return text

    def ok(self, lineno: int, case_id: CaseId, body: bytes) -> bytes:
        return _OK % (SCHEMA_VERSION, lineno, _json_id(case_id), b'"ok"', body)

    def error(
        self,
        lineno: int,
        case_id: CaseId,
        failure: Failure,
        warnings: tuple[RankingWarning, ...] = (),
    ) -> bytes:
        record = ErrorRecord(
            line=lineno, id=case_id, status="error", warnings=warnings, error=failure
        )
        plain = {
            "schema_version": SCHEMA_VERSION,
            **record,
            "warnings": [w._asdict() for w in warnings],
            "error": failure._asdict(),
        }
        return dumps(plain).encode("utf-8") + b"\n"

    def _results(self, ranked: Ranked) -> list[bytes]:
        """The `results` member, in parts to be joined: each view's JSON written once, its
        place put in per query."""
        shown = ranked.shown
        if not shown:
            return [b',"results":[', b"]"]
        if self._round != self._cache.view_round:
            self._round = self._cache.view_round
            self._placeable.clear()
            self._held.clear()
        if not ranked.kept:  # views of their own, let go after this query
            entries = list(map(self._view_json, shown))
        else:
            found = list(map(self._placeable.get, map(id, shown)))
            entries = (
                cast("list[tuple[bytes, bytes]]", found)
                if None not in found
                else [e or self._placeable_json(v) for v, e in zip(shown, found, strict=True)]
            )
        ranks, ties = ranked.places()
        heads = self._ranks(len(ranks))
        # Four parts a result: up to its rank, up to its `tied`, the flag, the rest.
        parts = [b""] * (4 * len(entries) + 2)
        parts[1:-1:4] = map(heads.__getitem__, ranks)
        parts[2:-1:4] = map(_BEFORE_TIED, entries)
        parts[3:-1:4] = map(_FLAGS.__getitem__, ties)
        parts[4:-1:4] = map(_AFTER_TIED, entries)
        parts[0] = b',"results":['
        parts[1] = parts[1][1:]  # no comma before the first
        parts[-1] = b"]"
        return parts

    def _ranks(self, n: int) -> list[bytes]:
        """The JSON of a result up to its rank, after a comma, by rank (from 1 to `n`)."""
        heads = self._heads
        while len(heads) <= n:
            heads.append(b',{"rank":%d' % len(heads))
        return heads

    def _placeable_json(self, view: View) -> tuple[bytes, bytes]:
        """`_view_json`, kept."""
        json = self._view_json(view)
        if len(self._held) >= 2 * RankCache.MAX_VIEWS:  # views of one round, and a few before
            self._placeable.clear()
            self._held.clear()
        self._held.append(view)
        self._placeable[id(view)] = json
        return json

    def _view_json(self, view: View) -> tuple[bytes, bytes]:
        """A view's result in JSON after its rank, around the value of its `tied`."""
        between, after = self._between(view.result), self._after(view.result)
        return f',{between},"tied":'.encode(), f",{after}}}".encode() if after else b"}"

    def _writer(
        self,
        hints: dict[str, Any],
        fields: tuple[str, ...],
        added: Mapping[str, Callable[[Any], str]] | None = None,
        braces: bool = True,
    ) -> Callable[[Any], str]:
        """The JSON of a record with these declared fields (`added` ones computed from the
        whole record; without `braces`, the members only), as one
        function generated once from the declaration, the way `collections.namedtuple`
        generates its methods: a new body is written per query."""
        if not hints:
            return _nothing
        namespace: dict[str, Any] = {}
        parts, args = [], []
        for k, (name, hint) in enumerate(hints.items()):
            encoder = (added or {}).get(name)
            value = "r" if encoder else f"r[{fields.index(name)}]"
            encoder = encoder or self._encoder(hint)
            if encoder is None:
                parts.append(f'"{name}":{"%d" if hint is int else "%r"}')
                args.append(value)
            else:
                namespace[f"e{k}"] = encoder
                parts.append(f'"{name}":%s')
                args.append(f"e{k}({value})")
        namespace["FRAME"] = "{" + ",".join(parts) + "}" if braces else ",".join(parts)
        exec(f"def write(r):\n    return FRAME % ({', '.join(args)},)\n", namespace)
        write: Callable[[Any], str] = namespace["write"]
        return write

    def _encoder(self, hint: object) -> Encoder:
        """Numbers as such; catalog strings and records through the memo; arrays of either;
        a record of the query (its `Query`) field by field."""
        if hint in (int, float):
            return None
        if hint is bool:
            return _json_bool
        if hint in (tuple[str, ...], list[str]):
            return self._ids
        if hint in (
            tuple[RuleMet, ...],
            tuple[AlsoCheck, ...],
            tuple[Against, ...],
            tuple[AlsoLinked, ...],
            tuple[RankingWarning, ...],
            tuple[NextQuestion, ...],
        ):
            return self._records
        if _records_of(hint):
            return self._records
        if hint is str or get_origin(hint) is Literal:
            return self._fragment
        if hint == Side | None:
            return self._optional
        if isinstance(hint, type) and issubclass(hint, tuple):
            return self._record(hint)
        raise TypeError(f"no fast JSON for {hint!r}")

    def _record(self, cls: type[tuple[Any, ...]]) -> Callable[[Any], str]:
        names: tuple[str, ...] = getattr(cls, "_fields")  # noqa: B009 (a NamedTuple class)
        return self._writer(get_type_hints(cls), names)

    def _fragment(self, value: object) -> str:
        """The JSON of a catalog string or record, memoised."""
        text = self._fragments.get(value)
        if text is None:
            text = self._fragments[value] = dumps(to_plain(value))
        return text

    def _optional(self, value: str | None) -> str:
        return "null" if value is None else self._fragment(value)

    def _ids(self, values: Iterable[str]) -> str:
        """A JSON array of ids; the query's tuples of them (a few hundred, asked many times
        over, for a catalog of a few dozen regions) are memoised."""
        if not values:
            return "[]"
        if type(values) is not tuple:
            return "[" + ",".join([self._fragment(v) for v in values]) + "]"
        text = self._id_lists.get(values)
        if text is None:
            if len(self._id_lists) >= self.MAX_LISTS:
                self._id_lists.clear()
            text = "[" + ",".join([self._fragment(v) for v in values]) + "]"
            self._id_lists[values] = text
        return text

    def _records(self, values: Iterable[NamedTuple]) -> str:
        if not values:
            return "[]"
        return "[" + ",".join([self._fragment(v) for v in values]) + "]"


_BEHIND = Ranking._fields.index("results") + 1
_BEFORE_TIED, _AFTER_TIED = itemgetter(0), itemgetter(1)
_FLAGS = (b"false", b"true")


def _around(fields: tuple[str, ...], cut: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields before and after the one at `cut`."""
    return fields[:cut], fields[cut + 1 :]


def _records_of(hint: object) -> bool:
    """Whether the declared type is a tuple of records (NamedTuples), as a query's
    `pressed` is: each record is written once and kept, as the listed ones are."""
    args = get_args(hint)
    return (
        get_origin(hint) is tuple
        and len(args) == 2
        and args[1] is Ellipsis
        and isinstance(args[0], type)
        and hasattr(args[0], "_fields")
    )


def _nothing(_record: object) -> str:
    return ""


def _json_bool(value: bool) -> str:
    return "true" if value else "false"


def _json_id(case_id: CaseId) -> bytes:
    if type(case_id) is str and case_id.isascii() and case_id.isprintable():
        text: str = encode_basestring(case_id)  # the common cases, fast
        return text.encode("ascii")
    if type(case_id) is int:
        return b"%d" % case_id
    return dumps(case_id).encode("utf-8")
