"""Shared fixtures: the bundled dataset in its forms, a CLI runner, a plain environment."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from glutealtp.catalog import CatalogIndex, load_catalog
from glutealtp.catalog.load import validate
from glutealtp.catalog.model import Catalog
from glutealtp.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
DATA_FILE = ROOT / "data" / "muscles.json"


@pytest.fixture(scope="session")
def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def raw_copy(raw: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(raw)


@pytest.fixture(scope="session")
def model(raw: dict[str, Any]) -> Catalog:
    return validate(raw, "bundled dataset")


@pytest.fixture(scope="session")
def index() -> CatalogIndex:
    return load_catalog()


Invoke = Callable[..., Result]


@pytest.fixture
def invoke() -> Invoke:
    runner = CliRunner()

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, env=env)

    return run


@pytest.fixture
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """For output checked character by character: no colour, width or tty from outside."""
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "GLUTEALTP_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
