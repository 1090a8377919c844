"""Shared fixtures: the bundled dataset in its forms, a CLI runner, a plain environment."""

from __future__ import annotations

import contextlib
import copy
import io
import sys
from collections.abc import Callable, Iterator, Mapping
from typing import IO, Any, cast
from unittest import mock

import pytest
import typer
import typer.testing
from typer.testing import CliRunner, Result

from glutealtp import commands
from glutealtp.catalog import CatalogIndex
from glutealtp.catalog.dataset import Catalog
from glutealtp.catalog.load import load_catalog, validate
from glutealtp.cli.app import app, command

from .helpers import BUNDLED, Replies, dataset


@pytest.fixture(scope="session")
def raw() -> dict[str, Any]:
    return dataset()


@pytest.fixture
def raw_copy(raw: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(raw)


@pytest.fixture(scope="session")
def model(raw: dict[str, Any]) -> Catalog:
    return validate(raw, "bundled dataset")


@pytest.fixture(scope="session")
def index() -> CatalogIndex:
    return BUNDLED


@pytest.fixture(autouse=True, scope="session")
def _bundled_catalog_read_once() -> Iterator[None]:
    """A command run in this process opens the bundled catalog as a process does once: read
    and indexed once for the whole session (`helpers.BUNDLED`), not again for every run. A
    dataset named by --data or $GLUTEALTP_DATA is read and validated each time."""

    def load(path: str | None = None) -> CatalogIndex:
        return BUNDLED if path is None else load_catalog(path)

    with mock.patch.object(commands, "load_catalog", load):  # as commands.py imported it
        yield


Invoke = Callable[..., Result]


class _Runner(CliRunner):
    """typer's runner, whose standard input may also be `Replies`: answers typed when asked.
    It runs the click command the console script runs (`app.command()`, built once), not one
    typer builds anew for each run."""

    def invoke(self, app: typer.Typer, *args: Any, **kwargs: Any) -> Result:
        with mock.patch.object(typer.testing, "_get_command", return_value=command()):
            return super().invoke(app, *args, **kwargs)

    @contextlib.contextmanager
    def isolation(
        self,
        input: str | bytes | None = None,
        env: Mapping[str, str | None] | None = None,
        color: bool = False,
    ) -> Iterator[tuple[io.BytesIO, io.BytesIO, io.BytesIO]]:
        replies = input if isinstance(input, Replies) else None
        with super().isolation(None if replies else input, env, color) as streams:
            if replies is not None:
                sys.stdin = io.TextIOWrapper(io.BufferedReader(replies), encoding=self.charset)
            yield streams


@pytest.fixture
def invoke() -> Invoke:
    runner = _Runner()

    def run(
        *args: str, input: str | IO[bytes] | None = None, env: dict[str, str] | None = None
    ) -> Result:
        # `Replies` goes past typer's `str | bytes` to `_Runner.isolation`
        return runner.invoke(app, list(args), input=cast(str | None, input), env=env)

    return run


@pytest.fixture
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """For output checked character by character: no colour, width or tty from outside."""
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "GLUTEALTP_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
