"""Loading, indexing and name look-up."""

from __future__ import annotations

import json
import marshal
import subprocess
import sys
from pathlib import Path
from typing import Any, get_type_hints

import pytest
from pydantic import BaseModel

from glutealtp.catalog import bundle, load, raw
from glutealtp.catalog import model as model_module
from glutealtp.catalog import scoring as scoring_module
from glutealtp.catalog.dataset import Catalog
from glutealtp.catalog.index import CatalogIndex, UnknownName
from glutealtp.catalog.load import MAX_DATA_BYTES, CatalogError, bundled_bytes, load_catalog
from glutealtp.output.muscle import without_none

from .helpers import DATA_FILE, write_dataset


def test_the_bundled_catalog_is_the_authored_one_validated() -> None:
    """The package ships data/muscles.json in its canonical form; regenerate it after an edit."""
    assert bundled_bytes() == bundle.canonical(DATA_FILE.read_bytes()), (
        f"src/glutealtp/data/{bundle.BUNDLED.name} is stale: run `{bundle.COMMAND}`"
    )


def test_the_quick_copy_of_the_bundled_catalog_holds_the_same_values() -> None:
    """A cold command reads the marshal copy: it must hold what the JSON dump holds."""
    assert bundle.QUICK.read_bytes() == bundle.quick(bundled_bytes()), (
        f"src/glutealtp/data/{bundle.QUICK.name} is stale: run `{bundle.COMMAND}`"
    )
    assert load.quick_data(str(bundle.QUICK)) == json.loads(bundled_bytes())


@pytest.mark.parametrize(
    "content", [b"", b"not marshal at all", b"\xff" * 40, marshal.dumps([1, 2, 3])]
)
def test_an_unreadable_quick_copy_falls_back_to_the_json_dump(
    tmp_path: Path, content: bytes
) -> None:
    """A marshal copy this Python cannot read (or that holds no dataset) is passed over."""
    path = tmp_path / "catalog.marshal"
    path.write_bytes(content)
    assert load.quick_data(str(path)) is None
    assert load.quick_data(str(tmp_path / "missing.marshal")) is None


def test_the_bundled_index_equals_the_index_of_the_validated_file() -> None:
    """The bundled catalog skips validation at run time; that must not change what is used."""
    bundled, validated = load_catalog(), load_catalog(DATA_FILE)
    assert bundled.muscles == validated.muscles
    assert bundled.regions == validated.regions
    assert bundled.symptoms == validated.symptoms
    assert bundled.sources == validated.sources and bundled.conditions == validated.conditions
    assert all(bundled.muscle_record(m) == validated.muscle_record(m) for m in bundled.muscles)


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
    assert index.descendants("hip") == {"hip", "side-of-hip", "front-of-hip", "back-of-hip"}


def test_a_region_with_two_parents_is_inside_both(index: CatalogIndex) -> None:
    """The bundled back of the thigh is part of the thigh and of the back of the leg."""
    assert index.descendants("back-of-leg") == {
        "back-of-leg",
        "back-of-thigh",
        "back-of-knee",
        "calf",
    }
    assert index.descendants("thigh") == {
        "thigh",
        "front-of-thigh",
        "inner-thigh",
        "outer-thigh",
        "back-of-thigh",
    }
    assert index.ancestors("back-of-thigh") == {"back-of-thigh", "thigh", "back-of-leg", "leg"}


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
        load_catalog(write_dataset(tmp_path, content))
    assert len(info.value.problems) == 1
    assert message in info.value.problems[0]


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    index = load_catalog(write_dataset(tmp_path, b"\xef\xbb\xbf" + DATA_FILE.read_bytes()))
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
    path = write_dataset(tmp_path, raw_copy)
    index = load_catalog(path)
    assert index.muscles["quadratus-lumborum"].name == "Quadratus lumborum (clinic edition)"
    assert index.origin == path


# --- The validated dump: one shape, declared for the type checker in `raw` ------------------------


def _pydantic_models() -> dict[str, type[BaseModel]]:
    """The data model: the records of `catalog.model` and `catalog.scoring`, and the
    catalog that holds them."""
    return {
        **{
            name: cls
            for module in (model_module, scoring_module)
            for name, cls in vars(module).items()
            if isinstance(cls, type)
            and issubclass(cls, BaseModel)
            and cls.__module__ == module.__name__
            and cls.model_fields
        },
        "Catalog": Catalog,
    }


def test_the_raw_records_have_exactly_the_models_fields() -> None:
    models = _pydantic_models()
    records = {
        name: cls
        for name, cls in vars(raw).items()
        if isinstance(cls, type) and cls.__module__ == raw.__name__
    }
    assert set(records) == set(models)
    for name, cls in models.items():
        assert set(get_type_hints(records[name])) == set(cls.model_fields), name


def test_the_dump_has_every_key_of_the_raw_records(model: Catalog) -> None:
    """Defaults are filled in: the index reads every key without `.get`."""
    dump = load.dump(model)

    def check(value: Any, cls: type[BaseModel]) -> None:
        assert set(value) == set(cls.model_fields), cls.__name__

    check(dump, Catalog)
    for m in dump["muscles"]:
        check(m, model_module.Muscle)
        for tp in m["trigger_points"]:
            check(tp, model_module.TriggerPoint)
            for zone in tp["zones"]:
                check(zone, model_module.ReferralZone)


def test_show_prints_the_muscle_as_the_dataset_holds_it(
    index: CatalogIndex, model: Catalog
) -> None:
    """`show -f json` drops the defaults the file left out, as pydantic's exclude_none did."""
    for muscle in model.muscles:
        record = without_none(index.muscle_record(muscle.id))
        assert record == muscle.model_dump(mode="json", exclude_none=True)


@pytest.mark.parametrize(
    "argv",
    [["which", "-r", "hip"], ["show", "piriformis"], ["show", "QL", "-f", "json"], ["regions"]],
)
def test_the_bundled_catalog_is_used_without_pydantic(argv: list[str]) -> None:
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write(f'pydantic={\"pydantic\" in sys.modules}'))\n"
        "from glutealtp.__main__ import main\n"
        f"main({argv!r})\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.endswith("pydantic=False"), proc.stderr


def test_descendants_are_the_regions_that_have_it_as_an_ancestor(index: CatalogIndex) -> None:
    """Below and above agree, also_part_of included, whatever order they are asked in."""
    for region in reversed(list(index.regions)):
        assert index.descendants(region) == {
            r for r in index.regions if region in index.ancestors(r)
        }
