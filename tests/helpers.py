"""Helpers the test files share."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from glutealtp.catalog.index import CatalogIndex
from glutealtp.catalog.load import index_dataset


def index_of(data: Mapping[str, Any]) -> CatalogIndex:
    """A dataset (a modified copy of the bundled one, say) indexed as `--data` would index it."""
    return index_dataset(data, "test dataset")
