"""Output files: refused over existing ones, written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glutealtp.output.files import OutputError, write_atomic


def test_writes_and_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    write_atomic(target, "<svg/>")
    assert target.read_text() == "<svg/>"
    with pytest.raises(OutputError, match=r"already exists \(use --force to overwrite\)"):
        write_atomic(target, "other")
    assert target.read_text() == "<svg/>"
    write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"new"


def test_missing_directory_is_reported(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "x.svg", "x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only directories")
def test_read_only_directory_is_reported(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="not writable"):
            write_atomic(tmp_path / "x.svg", "x")
    finally:
        tmp_path.chmod(0o700)


def test_a_failed_write_leaves_no_partial_file(tmp_path: Path) -> None:

    target = tmp_path / "out.csv"
    with pytest.raises(TypeError):
        write_atomic(target, 42)  # type: ignore[arg-type]
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
