"""The built wheel carries its data and runs from any directory."""

from __future__ import annotations

import os
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


OFFLINE_FAILURES = ("offline", "network", "not found in the cache", "no such file", "connect")


@pytest.mark.skipif(shutil.which("uv") is None, reason="needs uv, as the README's install does")
def test_uv_tool_install_puts_glutealtp_on_path(tmp_path: Path) -> None:
    """The README's everyday install, `uv tool install .`, into a tool directory of its own,
    from uv's cache only (`--offline`): skipped, not failed, where the cache cannot serve it."""
    bin_dir = tmp_path / "bin"
    env = {
        **os.environ,
        "UV_TOOL_DIR": str(tmp_path / "tools"),
        "UV_TOOL_BIN_DIR": str(bin_dir),
        "UV_OFFLINE": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    install = subprocess.run(
        ["uv", "tool", "install", "--offline", "--quiet", str(ROOT)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if install.returncode != 0 and any(w in install.stderr.lower() for w in OFFLINE_FAILURES):
        pytest.skip(f"uv cannot install offline here: {install.stderr.strip()[:200]}")
    assert install.returncode == 0, install.stderr
    exe = bin_dir / "glutealtp"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = subprocess.run(
        [str(exe), "which", "-r", "hip", "--top", "1"],
        cwd=elsewhere,
        env={**env, "PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout.startswith("Pain reported: hip.")
    assert "It is not a diagnosis" in " ".join(run.stdout.split())
