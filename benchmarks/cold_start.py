"""Cold start of every everyday command against `python -c pass`, measured in the same run.

Usage: python benchmarks/cold_start.py [--runs N]
Prints the median wall time of each command and its ratio to the baseline. The targets: plain
`which` within 5x, every other everyday command on the bundled data within 10x; `--data`
validates the file (pydantic) and has no target. The commands are timed in turns, so a
noisy moment of the machine spreads over all of them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

# Measure as an ordinary machine runs: with bytecode caches written and used.
ENV = {
    k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "GLUTEALTP_DATA")
}
BUNDLED = str(Path(__file__).resolve().parents[1] / "data" / "muscles.json")
HIP = ["-r", "buttock", "-r", "hip"]

COMMANDS: dict[str, tuple[list[str], float | None]] = {
    "which": (["which", *HIP], 5),
    "which -f json": (["which", *HIP, "-f", "json"], 5),
    "which --explain": (["which", *HIP, "--explain"], 10),
    "which -f csv": (["which", *HIP, "-f", "csv"], 10),
    "show": (["show", "piriformis"], 10),
    "regions": (["regions"], 10),
    "muscles": (["muscles"], 10),
    "symptoms": (["symptoms"], 10),
    "map": (["map", "piriformis"], 10),
    "which --map": (["which", *HIP, "--map"], 10),
    "which --data (validates)": (["which", *HIP, "--data", BUNDLED], None),
}
"""Name: (arguments, target as a multiple of `python -c pass`, or None)."""


def once(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    script = Path(sys.executable).parent / "glutealtp"
    exe = str(script) if script.exists() else shutil.which("glutealtp") or "glutealtp"
    runs = {"python -c pass": [sys.executable, "-c", "pass"]}
    runs.update({name: [exe, *argv] for name, (argv, _) in COMMANDS.items()})
    for cmd in runs.values():
        once(cmd)  # warm up: bytecode caches written, files in the page cache
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.runs):
        for name, cmd in runs.items():
            times[name].append(once(cmd))
    base = statistics.median(times["python -c pass"])
    print(f"baseline  python -c pass: {base * 1000:7.1f} ms (median of {args.runs})")
    for name, (_, target) in COMMANDS.items():
        t = statistics.median(times[name])
        verdict = (
            ""
            if target is None
            else ("  ok" if t / base <= target else "  OVER") + (f" (target {target:g}x)")
        )
        print(f"{name:26s}: {t * 1000:7.1f} ms = {t / base:4.1f}x baseline{verdict}")


if __name__ == "__main__":
    main()
