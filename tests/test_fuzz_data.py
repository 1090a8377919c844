"""Hypothesis mutations of the bundled dataset: every broken file gets one clear line and exit 2.

Mutation kinds (MUTATIONS): delete a required field, change a type, add an unknown field,
point an id at nothing, duplicate an id, make a cycle in the region hierarchy, use a name or
synonym twice, truncate the file, insert bytes that are not UTF-8, and prefix a UTF-8 BOM to
any of those. Each example checks the exact problem through `load_catalog` (the JSON path, or
the byte or line and column for a file that is not JSON at all) and then runs the CLI on the
same file: exit 2, nothing on stdout, one line on stderr that carries that problem. Empty
files, a BOM, other encodings, oversized files (100 MB) and huge or deep values are examples.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glutealtp.catalog.hierarchy import MAX_REGION_DEPTH
from glutealtp.catalog.load import MAX_DATA_BYTES, CatalogError, load_catalog

from .helpers import run_glutealtp, run_main
from .strategies.dataset_mutations import (
    BOM,
    MUTATIONS,
    PRISTINE,
    PRISTINE_DATA,
    RAW,
    REF_KIND,
    REFERENCES,
    REQUIRED,
    UNIQUE_KINDS,
    Mutation,
    dump,
    fresh,
    ids_of,
)

REGULAR_EXAMPLES = 12
SLOW_EXAMPLES = 400

# --- Checking one broken file -------------------------------------------------------------------


def cli_line(path: Path, *argv: str) -> str:
    run = run_main(
        [*argv, "--data", str(path)] if argv else ["which", "-r", "hip", "--data", str(path)]
    )
    assert run.crash is None, run.crash
    assert (run.code, run.stdout) == (2, ""), run
    assert run.stderr.count("\n") == 1, run.stderr
    assert run.stderr.startswith(f"glutealtp: error: {path}: "), run.stderr
    return run.stderr


def verify(m: Mutation, path: Path) -> None:
    path.write_bytes(m.content)
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    problems = info.value.problems
    m.check(problems)
    line = cli_line(path)
    assert " ".join(problems[0].split()) in line, (problems[0], line)
    if len(problems) > 1:
        assert f"(and {len(problems) - 1} more)" in line
    run = run_main(["data", "validate", str(path)])
    assert run.code == 2 and run.stderr == line, (run, line)
    where = problems[0].split(":")[0]
    assert where in run.stdout


def exercise(strategy: st.SearchStrategy[Mutation], path: Path, examples: int) -> int:
    count = 0

    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        **({"database": None} if examples > REGULAR_EXAMPLES else {}),  # type: ignore[arg-type]
    )
    @given(strategy)
    def one(m: Mutation) -> None:
        nonlocal count
        verify(m, path)
        count += 1

    one()
    return count


@pytest.mark.parametrize("kind", sorted(MUTATIONS))
def test_mutated_dataset_gives_one_clear_error(kind: str, tmp_path: Path) -> None:
    assert exercise(MUTATIONS[kind], tmp_path / "data.json", REGULAR_EXAMPLES) > 0


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(MUTATIONS))
def test_mutated_dataset_many(kind: str, tmp_path: Path) -> None:
    count = exercise(MUTATIONS[kind], tmp_path / "data.json", SLOW_EXAMPLES)
    print(f"\ndata mutations {kind}: {count} examples")
    assert count >= SLOW_EXAMPLES


def test_the_mutation_sites_cover_the_model() -> None:
    """Guard the generators: they must find every kind of site, or they test nothing."""
    assert {name for _, name in REQUIRED} >= {"id", "name", "sources", "zones", "scoring"}
    assert {name for _, name, _ in REFERENCES} == set(REF_KIND)
    assert all(len(ids_of(kind, PRISTINE_DATA)) > 1 for kind in UNIQUE_KINDS if kind != "note")


# --- Whole-file cases -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b" \n\t\r\n", "file is empty"),
        (BOM, "file is empty"),
        (BOM + b"\n  ", "file is empty"),
        (BOM + BOM + RAW, "line 1, column 1: invalid JSON: Unexpected UTF-8 BOM"),
        (b"\xff\xfe" + PRISTINE.encode("utf-16-le"), "byte 0: not valid UTF-8"),
        (PRISTINE.encode("utf-16"), "byte 0: not valid UTF-8"),
        (b"\x00" * 10, "line 1, column 1: invalid JSON"),
        (b"null", "$: the dataset must be a JSON object"),
        (b'"x"', "$: the dataset must be a JSON object"),
        (b"{}", "$.name: Field required"),
        (b"[" * 100_000, "JSON is nested too deeply"),
        (b'{"a": 1} {"b": 2}', "line 1, column 10: invalid JSON: Extra data"),
        (b'{"name": NaN}', "$.name: Input should be a valid string"),
        (b'{"name": "x", "name": 1}', "$.name: Input should be a valid string"),
        (b'{"schema_version": ' + b"9" * 5000 + b"}", "$.schema_version: Input should be 2"),
    ],
)
def test_whole_file_cases(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(content)
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    assert info.value.problems[0].startswith(message), info.value.problems
    assert message in cli_line(path)


def test_a_bom_before_a_valid_dataset_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(BOM + RAW)
    assert run_main(["which", "-r", "hip", "--data", str(path)]).code == 0


def test_a_100_mb_file_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:
        fh.write(RAW[:-2] + b", " + b" " * 1000)
        fh.truncate(100 * 1024 * 1024)
    line = cli_line(path)
    assert f"file is 104,857,600 bytes; the limit is {MAX_DATA_BYTES:,} bytes (10 MB)" in line


def test_a_file_just_over_the_limit_is_refused_and_one_at_it_is_read(tmp_path: Path) -> None:
    at = tmp_path / "at.json"
    at.write_bytes(RAW.rstrip() + b" " * (MAX_DATA_BYTES - len(RAW.rstrip())))
    assert at.stat().st_size == MAX_DATA_BYTES
    assert run_main(["which", "-r", "hip", "--data", str(at)]).code == 0
    over = tmp_path / "over.json"
    over.write_bytes(at.read_bytes() + b" ")
    assert "the limit is" in cli_line(over)


def test_an_endless_stream_is_cut_at_the_limit() -> None:
    """/dev/zero has no size to check first: the read stops just past the limit."""
    proc = run_glutealtp("which", "-r", "hip", "--data", "/dev/zero")
    assert proc.returncode == 2
    assert proc.stderr == (
        f"glutealtp: error: /dev/zero: file has more than {MAX_DATA_BYTES:,} bytes;"
        f" the limit is {MAX_DATA_BYTES:,} bytes (10 MB)\n"
    )


def test_a_deep_hierarchy_is_refused_quickly(tmp_path: Path) -> None:
    """A chain of 5,000 nested regions once took minutes to validate (cubic); now one pass."""
    data = fresh()
    src = data["regions"][0]["sources"]
    data["regions"] += [
        {"id": f"r{i}", "name": f"R{i}", "sources": src, **({"parent": f"r{i - 1}"} if i else {})}
        for i in range(5_000)
    ]
    path = tmp_path / "deep.json"
    path.write_bytes(dump(data))
    first_too_deep = len(PRISTINE_DATA["regions"]) + MAX_REGION_DEPTH
    assert (
        f"$.regions[{first_too_deep}].parent: the region hierarchy is more than"
        f" {MAX_REGION_DEPTH} levels deep"
    ) in cli_line(path)


def test_a_long_cycle_is_named_briefly(tmp_path: Path) -> None:
    data = fresh()
    src = data["regions"][0]["sources"]
    n = 2_000
    data["regions"] += [
        {"id": f"r{i}", "name": f"R{i}", "sources": src, "parent": f"r{(i + 1) % n}"}
        for i in range(n)
    ]
    path = tmp_path / "loop.json"
    path.write_bytes(dump(data))
    line = cli_line(path)
    assert "the region hierarchy has a cycle: r0 -> r1 -> r2 -> r3 -> r4 -> ... (1994 more)" in line
    assert len(line) < 300


def test_a_name_with_the_separator_in_it_is_reported_whole(tmp_path: Path) -> None:
    """Consistency problems were once joined with '; ' and split again."""
    data = fresh()
    data["regions"][0].setdefault("synonyms", []).append("back; side")
    data["regions"][1].setdefault("synonyms", []).append("Back;  side")
    k = len(data["regions"][1]["synonyms"]) - 1
    path = tmp_path / "data.json"
    path.write_bytes(dump(data))
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    assert info.value.problems == [
        f"$.regions[1].synonyms[{k}]: 'Back;  side' already names 'gluteal-region'"
    ]
