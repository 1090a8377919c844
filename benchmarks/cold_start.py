"""Cold start of `glutealtp which` against `python -c pass`, measured in the same run.

Usage: python benchmarks/cold_start.py [--runs N]
Prints the median wall time of each command and its ratio to the baseline (target <= 5x).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from timing import median_time

# Measure as an ordinary machine runs: with bytecode caches written and used.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_seconds(cmd: list[str], runs: int) -> float:
    """Median wall time of running `cmd`, after one warm-up run that writes bytecode caches."""

    def once() -> None:
        subprocess.run(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV
        )

    once()
    return median_time(once, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    script = Path(sys.executable).parent / "glutealtp"
    exe = str(script) if script.exists() else shutil.which("glutealtp") or "glutealtp"
    commands = {
        "which (table, piped)": [exe, "which", "--region", "buttock", "--region", "hip"],
        "which --format json": [exe, "which", "-r", "buttock", "-r", "hip", "--format", "json"],
        "which (typer path: --data)": [
            exe,
            "which",
            "-r",
            "buttock",
            "-r",
            "hip",
            "--data",
            _bundled(),
        ],
    }
    base = median_seconds([sys.executable, "-c", "pass"], args.runs)
    print(f"baseline  python -c pass: {base * 1000:7.1f} ms")
    for name, cmd in commands.items():
        t = median_seconds(cmd, args.runs)
        print(f"{name:28s}: {t * 1000:7.1f} ms  = {t / base:4.1f}x baseline")


def _bundled() -> str:
    return str(Path(__file__).resolve().parents[1] / "data" / "muscles.json")


if __name__ == "__main__":
    main()
