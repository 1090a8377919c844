"""Load a dataset: the bundled one as shipped, or a user's file, validated strictly first.

The only module that reads a dataset file. The bundled catalog ships as its validated dump
(`data/catalog.json`, made by `bundle`), so a cold command indexes it without importing
pydantic; and as the same dump in Python's marshal format (`data/catalog.marshal`), which a
cold command reads without importing json, in half the time (JSON when this Python cannot
read it). A user's dataset (`--data`, $GLUTEALTP_DATA) is decoded, validated in strict mode
(a number written as a string, or a boolean as a word, is an error with its JSON path),
dumped the same way and indexed by the same code.
"""

from __future__ import annotations

import codecs
import marshal
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

from glutealtp.catalog.build import build_index
from glutealtp.catalog.index import CatalogIndex
from glutealtp.errors import GlutealtpError

if TYPE_CHECKING:  # the dump's TypedDicts cost imports, not needed at run time
    from pathlib import Path

    from glutealtp.catalog import raw
    from glutealtp.catalog.dataset import Catalog

MAX_DATA_BYTES = 10 * 1024 * 1024
"""Largest dataset file accepted; the bundled one is about 45 KB."""

BUNDLED_FILE = "catalog.json"
"""The bundled catalog's dump, inside the package's `data` directory."""
QUICK_FILE = "catalog.marshal"
"""The same dump in marshal's format (version `MARSHAL_VERSION`), beside it."""
MARSHAL_VERSION = 4
"""The marshal format written: read by every Python from 3.4."""


class CatalogError(GlutealtpError):
    """A dataset could not be read or is invalid; `problems` holds one line per fault."""

    code = "invalid-dataset"

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        first = problems[0] if problems else "invalid dataset"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{source}: {first}{more}")


def bundled_bytes() -> bytes:
    """The bundled catalog's dump as shipped inside the package.

    Read straight from beside this package when it is on disk (importing
    importlib.resources costs a cold `which` about 8 ms); through it otherwise (a zip).
    """
    here = os.path.dirname(os.path.dirname(__file__))
    try:
        with open(os.path.join(here, "data", BUNDLED_FILE), "rb") as fh:
            return fh.read()
    except OSError:
        from importlib.resources import files

        return files("glutealtp").joinpath("data", BUNDLED_FILE).read_bytes()


def quick_data(path: str) -> raw.Catalog | None:
    """The bundled dump from its marshal copy at `path`; None when it cannot be read (no
    such file, a zip install, a format this Python does not read)."""
    try:
        with open(path, "rb") as fh:
            data = marshal.loads(fh.read())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return cast("raw.Catalog", data) if isinstance(data, dict) else None


def load_catalog(path: str | Path | None = None) -> CatalogIndex:
    """Index the bundled dataset, or validate and index the one at `path`."""
    if path is None:
        here = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", QUICK_FILE)
        data = quick_data(here)
        if data is None:
            import json

            data = cast("raw.Catalog", json.loads(bundled_bytes()))
        return build_index(data)
    if isinstance(path, str) and not path.strip():
        raise CatalogError(
            repr(path),
            ["is an empty path, not a dataset file (pass no path for the bundled dataset)"],
        )
    source = str(path)
    return index_dataset(read_json(_read_file(path, source), source), source)


def index_dataset(data: Mapping[str, Any], source: str) -> CatalogIndex:
    """Validate a decoded dataset strictly, dump it, and index the dump."""
    return build_index(dump(validate(data, source)), origin=source)


def dump(model: Catalog) -> raw.Catalog:
    """The validated dataset as plain JSON values, every key present: the index's input."""
    return cast("raw.Catalog", model.model_dump(mode="json"))


def _read_file(path: str | Path, source: str) -> bytes:
    from pathlib import Path

    try:
        p = Path(path)
        if p.is_dir():
            raise CatalogError(source, ["is a directory, not a dataset file"])
        with p.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_DATA_BYTES:
                raise CatalogError(source, [_too_big(size)])
            return fh.read(MAX_DATA_BYTES + 1)
    except FileNotFoundError:
        raise CatalogError(source, ["no such file"]) from None
    except PermissionError:
        raise CatalogError(source, ["permission denied"]) from None
    except OSError as exc:
        raise CatalogError(source, [exc.strerror or str(exc)]) from None
    except ValueError as exc:  # a path with a NUL byte in it
        raise CatalogError(source, [str(exc)]) from None


def _too_big(size: int | None) -> str:
    said = f"is {size:,} bytes" if size else f"has more than {MAX_DATA_BYTES:,} bytes"
    return f"file {said}; the limit is {MAX_DATA_BYTES:,} bytes (10 MB)"


def _int(text: str) -> int | float:
    """A JSON integer; past Python's digit limit, an infinite float that validation rejects."""
    try:
        return int(text)
    except ValueError:
        return float(text)


def read_json(raw_bytes: bytes, source: str) -> dict[str, Any]:
    """Decode a dataset file, naming the byte, line or column of any fault."""
    import json  # here, not above: the bundled catalog is read without it

    if len(raw_bytes) > MAX_DATA_BYTES:
        raise CatalogError(source, [_too_big(None)])
    bom = len(codecs.BOM_UTF8) if raw_bytes.startswith(codecs.BOM_UTF8) else 0
    try:
        text = raw_bytes[bom:].decode("utf-8")
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


def validate(data: Mapping[str, Any], source: str) -> Catalog:
    """Validate a decoded dataset in strict mode, listing every fault by JSON path.

    Strict: `"1"` is no number, `"false"` no boolean and `true` no count; a JSON integer
    is still a valid number where a fraction is expected (pydantic's strict float takes it).
    """
    from pydantic import ValidationError

    from glutealtp.catalog.dataset import Catalog

    try:
        return Catalog.model_validate(data, strict=True)
    except ValidationError as exc:
        problems: list[str] = []
        for err in exc.errors(include_url=False):
            if err["type"] == "catalog_consistency":
                ctx = err.get("ctx") or {}
                problems.extend(f"$.{p}" for p in ctx.get("problems", ()))
            else:
                problems.append(f"{json_path(err['loc'])}: {err['msg']}")
        raise CatalogError(source, problems) from None
