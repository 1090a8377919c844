"""Reading one case from a line, and resolving its names: every fault a `Failure`.

A case is one JSON object: `{"id": "p-17", "regions": ["buttock"], "symptoms": [],
"absent": ["hip"], "side": "left"}`, with names spelled any way `which` accepts, each field
at most once. `parse_case` checks the
object, `NameResolver` the names; either raises `LineError`, whose failure becomes the
line's error record.
"""

from __future__ import annotations

import json
import sys
from json.encoder import encode_basestring
from typing import Any, Literal, NamedTuple, TypeVar

from glutealtp.batch.lines import MAX_LINE_BYTES, TooLong
from glutealtp.catalog.index import CatalogIndex, UnknownName
from glutealtp.ranking.presses import BadPress
from glutealtp.ranking.presses import resolve as resolve_pressed
from glutealtp.ranking.rank import Contradiction, EmptyQuery, contradiction
from glutealtp.ranking.results import PointAnswer, Query
from glutealtp.vocabulary import FailureCode, Kind, Side

CASE_FIELDS = frozenset({"id", "regions", "symptoms", "absent", "side", "pressed"})
T = TypeVar("T")
"""What a name cache keeps of a spelling: its id, or what to say when it names nothing."""

NAME_CACHE_ENTRIES = 65_536
NAME_CACHE_BYTES = 4 * 1024 * 1024
"""Spellings remembered per kind: at most this many, taking at most this many bytes, so
memory stays flat whatever the input."""
NAME_CACHE_LONGEST = 256
"""A longer spelling is resolved each time it comes, never remembered: a name may be 1 MiB
long and still resolve ("hip" and a million spaces), and cases repeat short spellings."""

CaseId = str | int | None
QueryKey = tuple[
    tuple[str, ...], tuple[str, ...], tuple[str, ...], Side | None, tuple[PointAnswer, ...]
]
"""A case's normalised query: sorted, distinct region ids, symptom ids and absent ids, its
side, and the trigger points pressed with their answers (sorted)."""


class _Twice(dict[str, Any]):
    """A JSON object that names a field twice (`name`): the case is refused, where JSON
    would keep the last value silently."""

    name = ""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object; a `_Twice` when a field comes twice."""
    made = dict(pairs)
    if len(made) == len(pairs):
        return made
    twice = _Twice(made)
    seen: set[str] = set()
    for name, _ in pairs:
        if name in seen:
            twice.name = name
            break
        seen.add(name)
    return twice


_decode = json.JSONDecoder().decode
_decode_checked = json.JSONDecoder(object_pairs_hook=_object).decode
"""Decodes a line as `_decode` does, each object a `_Twice` when a field comes twice: a
line whose colons are more than its fields (a field twice, a nested object, a colon in a
string) is decoded again so (each field takes one colon, so no other line can repeat one)."""


class Failure(NamedTuple):
    """Why a line gave no ranking: a stable `code`, a sentence, and where in the case."""

    code: FailureCode
    message: str
    path: str | None = None


class LineError(Exception):
    """A line that is no valid case; `case_id` is its id when that could be read, and
    `symptoms` what its "symptoms" held (a red flag among them must still be shown)."""

    def __init__(self, failure: Failure, case_id: CaseId = None, symptoms: object = None) -> None:
        super().__init__(failure.message)
        self.failure = failure
        self.case_id = case_id
        self.symptoms = symptoms


Case = tuple[CaseId, list[Any], list[Any], list[Any], Side | None, dict[str, Any] | None]
"""A case as given (id, regions, symptoms, absent, side, pressed): its lists' items are
checked when resolved."""


def parse_case(lineno: int, line: bytes | TooLong) -> Case:
    """The case on input line `lineno` (1-based); raises `LineError` if it is no case."""
    if isinstance(line, TooLong):
        message = f"the line is {line.size:,} bytes; the limit is {MAX_LINE_BYTES:,}"
        raise LineError(Failure("line-too-long", message))
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        failure = Failure("invalid-utf8", f"byte {exc.start + 1} is not valid UTF-8")
        raise LineError(failure) from None
    if lineno == 1 and text.startswith("\ufeff"):
        text = text[1:]
    try:
        case = _decode(text)
        if type(case) is dict and text.count(":") != len(case):
            case = _decode_checked(text)
    except json.JSONDecodeError as exc:
        if not text or text.isspace():
            failure = Failure("empty-line", "the line is empty; a case is one JSON object")
        else:
            failure = Failure("invalid-json", f"invalid JSON at column {exc.colno}: {exc.msg}")
        raise LineError(failure) from None
    except ValueError as exc:  # an integer with more digits than Python converts
        raise LineError(Failure("invalid-json", f"invalid JSON: {exc}")) from None
    except RecursionError:
        raise LineError(Failure("invalid-json", "invalid JSON: nested too deeply")) from None
    if type(case) is _Twice:
        message = f"{case.name!r} is given twice; give each field once"
        case_id = case.get("id") if case.name != "id" else None
        failure = Failure("duplicate-field", message, _path(case.name))
        known = case_id if type(case_id) in (str, int) else None
        raise LineError(failure, known, case.get("symptoms"))
    if type(case) is not dict:
        kind = _json_kind(case)
        raise LineError(Failure("not-an-object", f"a case must be a JSON object, not {kind}"))
    case_id = case.get("id")
    named = case.get("symptoms")
    if type(case_id) is not str and type(case_id) is not int and "id" in case:
        message = f"'id' must be a string or an integer, not {_json_kind(case_id)}"
        raise LineError(Failure("invalid-id", message, "$.id"), symptoms=named)
    if not CASE_FIELDS.issuperset(case):
        name = next(k for k in case if k not in CASE_FIELDS)
        message = (
            f"unknown field {name!r}; a case has 'id', 'regions', 'symptoms', 'absent', 'side'"
            " and 'pressed'"
        )
        raise LineError(Failure("unknown-field", message, _path(name)), case_id, named)
    return (case_id, *_fields(case, case_id, named))


def _fields(
    case: dict[str, Any], case_id: CaseId, named: Any
) -> tuple[list[Any], list[Any], list[Any], Side | None, dict[str, Any] | None]:
    """A case's fields past its id, each of the type it must have; raises `LineError`."""
    side = case.get("side")
    if "side" in case and side != "left" and side != "right":
        shown = repr(side) if type(side) is str else _json_kind(side)
        message = f'\'side\' must be "left" or "right", not {shown}'
        raise LineError(Failure("invalid-side", message, "$.side"), case_id, named)
    regions = case.get("regions")
    symptoms = case.get("symptoms")
    absent = case.get("absent")
    for field, values in (("regions", regions), ("symptoms", symptoms), ("absent", absent)):
        if values is not None and type(values) is not list:
            message = f"'{field}' must be a list of strings, not {_json_kind(values)}"
            raise LineError(Failure("wrong-type", message, f"$.{field}"), case_id, named)
    pressed = case.get("pressed")
    if pressed is not None and type(pressed) is not dict:
        message = f"'pressed' must be an object of trigger point: answer, not {_json_kind(pressed)}"
        raise LineError(Failure("wrong-type", message, "$.pressed"), case_id, named)
    return regions or [], symptoms or [], absent or [], side, pressed


class NameResolver:
    """What `make_query` makes of a case's names, as a plain tuple, with each distinct
    spelling resolved once: there are few, and cases repeat them."""

    _KINDS = ("region", "symptom", "absent")

    def __init__(self, index: CatalogIndex) -> None:
        self.index = index
        self.regions: dict[str, str] = {}
        self.symptoms: dict[str, str] = {}
        self.absent: dict[str, str] = {}
        self.unknown: dict[str, dict[str, tuple[str, str]]] = {k: {} for k in self._KINDS}
        """Spellings that name nothing, by kind, with the error that says so and the closest
        names (the kind named, and what to say): finding those is the slowest look-up, and an
        export repeats its typos."""
        self._sizes = {"region": 0, "symptom": 0, "absent": 0}
        """The bytes each cache's spellings take (`sys.getsizeof`)."""
        self._unknown_sizes = dict.fromkeys(self._sizes, 0)

    def query(self, case: Case) -> QueryKey:
        """The case's normalised query; raises `LineError`."""
        region_ids = self._resolve("region", case[1], self.regions)
        symptom_ids = self._resolve("symptom", case[2], self.symptoms)
        absent_ids = self._resolve("absent", case[3], self.absent) if case[3] else ()
        if not region_ids and not symptom_ids:
            raise LineError(Failure("empty-query", EmptyQuery.MESSAGE))
        if absent_ids:
            try:
                contradiction(self.index, Query(region_ids, symptom_ids, absent_ids))
            except Contradiction as exc:
                raise LineError(Failure("contradiction", str(exc), "$.absent")) from None
        return region_ids, symptom_ids, absent_ids, case[4], self._pressed(case[5])

    def _pressed(self, given: dict[str, Any] | None) -> tuple[PointAnswer, ...]:
        """The case's pressed points, checked as `which --pressed` checks them."""
        if not given:
            return ()
        for point, answer in given.items():
            if type(answer) is not str:
                message = f"'pressed' answers are strings; {point!r} has {_json_kind(answer)}"
                raise LineError(Failure("wrong-type", message, f"$.pressed{_path(point)[1:]}"))
        try:
            return resolve_pressed(self.index, given.items())
        except UnknownName as exc:
            raise LineError(Failure("unknown-item", exc.brief, "$.pressed")) from None
        except BadPress as exc:
            raise LineError(Failure(exc.code or "wrong-type", str(exc), "$.pressed")) from None

    def _resolve(
        self, kind: Kind | Literal["absent"], names: list[Any], known: dict[str, str]
    ) -> tuple[str, ...]:
        """The sorted, distinct ids the names resolve to; mostly dictionary look-ups."""
        try:
            if len(names) == 1:
                return (known[names[0]],)
            return tuple(sorted({known[name] for name in names}))
        except (KeyError, TypeError):  # a spelling not seen yet, or not a string
            pass
        field = "absent" if kind == "absent" else f"{kind}s"
        ids = set()
        for position, name in enumerate(names):
            if type(name) is not str:
                message = (
                    f"'{field}' must be a list of strings; item {position} is {_json_kind(name)}"
                )
                raise LineError(Failure("wrong-type", message, f"$.{field}[{position}]"))
            found = known.get(name)
            if found is None:
                unknown = self.unknown[kind]
                if name in unknown:
                    raise LineError(_unknown(*unknown[name], field, position))
                try:
                    found = (
                        self.index.resolve_item(name)
                        if kind == "absent"
                        else self.index.resolve(kind, name)
                    )
                except UnknownName as exc:
                    said = (exc.kind, exc.brief)
                    weight = sys.getsizeof(said) + sys.getsizeof(exc.brief)
                    self._remember(kind, unknown, name, said, self._unknown_sizes, weight)
                    raise LineError(_unknown(exc.kind, exc.brief, field, position)) from None
                why = self.index.ambiguity(name) if kind == "symptom" else None
                if why:  # never remembered: asked about again each time
                    failure = Failure("ambiguous-symptom", why, f"$.{field}[{position}]")
                    raise LineError(failure)
                self._remember(kind, known, name, found, self._sizes)
            ids.add(found)
        return tuple(sorted(ids))

    def _remember(
        self,
        kind: str,
        known: dict[str, T],
        name: str,
        found: T,
        sizes: dict[str, int],
        weight: int = 0,
    ) -> None:
        """Keep a spelling's answer, unless the spelling is long; a full cache starts again
        empty. `sizes` counts the bytes each kind's entries take: the spelling's, and
        `weight` for an answer of its own (an id is the catalog's, shared)."""
        if len(name) > NAME_CACHE_LONGEST:
            return
        size = sys.getsizeof(name) + weight
        if len(known) >= NAME_CACHE_ENTRIES or sizes[kind] + size > NAME_CACHE_BYTES:
            known.clear()
            sizes[kind] = 0
        known[name] = found
        sizes[kind] += size


def _unknown(kind: str, brief: str, field: str, position: int) -> Failure:
    """The failure of a name that names nothing of `kind`; `brief` says so."""
    code: FailureCode = (
        "unknown-item"
        if field == "absent"
        else "unknown-region"
        if kind == "region"
        else "unknown-symptom"
    )
    return Failure(code, brief, f"$.{field}[{position}]")


def _path(name: str) -> str:
    """The JSON path of a case's field."""
    return f"$.{name}" if name.isidentifier() else f"$[{encode_basestring(name)}]"


def _json_kind(value: object) -> str:
    kinds = {list: "an array", str: "a string", bool: "a boolean", float: "a number"}
    if value is None:
        return "null"
    return kinds.get(type(value), "a number" if type(value) is int else "an object")
