"""The built wheel carries its data and runs from any directory."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("uv") is None, reason="needs uv to build and install the wheel")
def test_wheel_installs_and_runs_from_another_directory(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        ["uv", "build", "--wheel", "-q", "-o", str(dist), str(ROOT)], check=True, cwd=ROOT
    )
    [wheel] = dist.glob("glutealtp-*.whl")
    venv = tmp_path / "venv"
    subprocess.run(["uv", "venv", "-q", str(venv)], check=True)
    subprocess.run(
        ["uv", "pip", "install", "-q", "--python", str(venv / "bin" / "python"), str(wheel)],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    exe = venv / "bin" / "glutealtp"
    which = subprocess.run(
        [str(exe), "which", "--region", "buttock", "--region", "hip", "--format", "json"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert which.returncode == 0, which.stderr
    assert '"muscle": "piriformis"' in which.stdout
    version = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "glutealtp", "--version"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.startswith("glutealtp ")
    show = subprocess.run([str(exe), "show", "gmin"], cwd=elsewhere, capture_output=True, text=True)
    assert show.returncode == 0 and "Anterior trigger points" in show.stdout
