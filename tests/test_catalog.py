"""Loading, indexing and name look-up."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from glutealtp.catalog import (
    MAX_DATA_BYTES,
    CatalogError,
    CatalogIndex,
    UnknownName,
    build_index,
    bundled_bytes,
    load_catalog,
)
from glutealtp.catalog.model import Catalog

from .conftest import DATA_FILE


def test_packaged_data_is_the_repository_file() -> None:
    assert bundled_bytes() == DATA_FILE.read_bytes()


def test_index_of_trusted_json_equals_index_of_validated_model(
    raw: dict[str, Any], model: Catalog
) -> None:
    """The fast path skips pydantic; it must not change what the engine sees."""
    trusted = build_index(raw)
    validated = build_index(model.model_dump(mode="json"))
    assert trusted.muscles == validated.muscles
    assert trusted.regions == validated.regions
    assert trusted.symptoms == validated.symptoms


@pytest.mark.parametrize(
    ("kind", "text", "ident"),
    [
        ("region", "SI joint", "si-joint"),
        ("region", "sacroiliac", "si-joint"),
        ("region", "LOWER BACK", "low-back"),
        ("region", "belt-line", "low-back"),
        ("region", "Tailbone", "tailbone"),
        ("region", "sits bone", "sits-bone"),
        ("region", "glutes", "buttock"),
        ("region", "  Hip  ", "hip"),
        ("region", "back_of_leg", "back-of-leg"),
        ("symptom", "Sneezing", "sneezing-coughing"),
        ("symptom", "lying on the painful side", "lying-on-painful-side"),
        ("muscle", "QL", "quadratus-lumborum"),
        ("muscle", "gmax", "gluteus-maximus"),
        ("muscle", "Piriformis", "piriformis"),
        ("muscle", "Gluteus Medius", "gluteus-medius"),
    ],
)
def test_resolve_accepts_ids_names_and_synonyms_in_any_case(
    index: CatalogIndex, kind: Any, text: str, ident: str
) -> None:
    assert index.resolve(kind, text) == ident


def test_unknown_name_suggests_and_lists_valid_values(index: CatalogIndex) -> None:
    with pytest.raises(UnknownName) as info:
        index.resolve("region", "buttok")
    assert info.value.suggestions == ["buttock"]
    assert "did you mean 'buttock'?" in str(info.value)
    assert "si-joint" in info.value.valid


def test_descendants_follow_the_hierarchy(index: CatalogIndex) -> None:
    assert index.descendants("gluteal-region") == {
        "gluteal-region",
        "buttock",
        "si-joint",
        "sacrum",
        "tailbone",
        "sits-bone",
    }
    assert index.descendants("hip") == {"hip"}


def test_a_region_with_two_parents_is_inside_both(raw_copy: dict[str, Any]) -> None:
    src = ["perry-gluteal-pain"]
    raw_copy["regions"] += [
        {"id": "thigh", "name": "Thigh", "sources": src},
        {
            "id": "back-of-thigh",
            "name": "Back of thigh",
            "parent": "thigh",
            "also_part_of": ["back-of-leg"],
            "sources": src,
        },
    ]
    index = build_index(raw_copy)
    assert index.descendants("back-of-leg") == {"back-of-leg", "back-of-thigh"}
    assert index.descendants("thigh") == {"thigh", "back-of-thigh"}
    assert index.ancestors("back-of-thigh") == {"back-of-thigh", "thigh", "back-of-leg"}


def write(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "data.json"
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"  \n", "file is empty"),
        (b'{"name": \xff}', "byte 9: not valid UTF-8"),
        (b'{"name": "x",\n "regions": [', "line 2, column 14: invalid JSON"),
        (b"[1, 2]", "$: the dataset must be a JSON object"),
        (b"[" * 100_000, "nested too deeply"),
    ],
)
def test_unreadable_files_give_one_clear_problem(
    tmp_path: Path, content: bytes, message: str
) -> None:
    with pytest.raises(CatalogError) as info:
        load_catalog(write(tmp_path, content))
    assert len(info.value.problems) == 1
    assert message in info.value.problems[0]


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    index = load_catalog(write(tmp_path, b"\xef\xbb\xbf" + DATA_FILE.read_bytes()))
    assert "piriformis" in index.muscles


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="no such file"):
        load_catalog(tmp_path / "absent.json")
    with pytest.raises(CatalogError, match="is a directory"):
        load_catalog(tmp_path)


def test_oversized_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as fh:
        fh.truncate(MAX_DATA_BYTES + 10)
    with pytest.raises(CatalogError, match="the limit is"):
        load_catalog(path)


def test_user_dataset_replaces_the_bundled_one(tmp_path: Path, raw_copy: dict[str, Any]) -> None:
    raw_copy["muscles"][0]["name"] = "Quadratus lumborum (clinic edition)"
    path = write(tmp_path, json.dumps(raw_copy).encode())
    index = load_catalog(path)
    assert index.muscles["quadratus-lumborum"].name == "Quadratus lumborum (clinic edition)"
    assert index.origin == str(path)
