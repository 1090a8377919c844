"""A valid dataset with a wide region hierarchy must not make `regions` or `which` slow.

The generator is the reliability report's (D5): 15 nested regions, N leaves under the
deepest, and M muscles each referring to one leaf. The cost used to grow as muscles x
regions (`regions` took 354 s on the 4.2 MB shape); now each region's descendants and each
region's muscles are worked out once, so it grows with the size of the data. Target: any
dataset within the 10 MB limit loads, validates and answers `regions` in under 10 s.

    uv run python benchmarks/wide_hierarchy.py [--leaves N] [--muscles M]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 10.0


def generate(leaves: int, muscles: int) -> dict[str, Any]:
    bundled = json.loads((ROOT / "data" / "muscles.json").read_text(encoding="utf-8"))
    src = [bundled["sources"][0]["id"]]
    regions: list[dict[str, Any]] = [
        {"id": f"c{i}", "name": f"C{i}", "sources": src, **({"parent": f"c{i - 1}"} if i else {})}
        for i in range(15)
    ]
    regions += [
        {"id": f"l{i}", "name": f"L{i}", "sources": src, "parent": "c14"} for i in range(leaves)
    ]
    entries = [
        {
            "id": f"m{j}",
            "name": f"M{j}",
            "location": "x",
            "function": "x",
            "sources": src,
            "refers_to": [{"regions": [f"l{(j * 7919) % leaves}"], "sources": src}],
        }
        for j in range(muscles)
    ]
    return {
        "name": "wide",
        "disclaimer": "d",
        "sources": bundled["sources"],
        "regions": regions,
        "muscles": entries,
        "scoring": bundled["scoring"],
    }


def timed(args: list[str]) -> float:
    """Wall seconds of one `python -m glutealtp ...` as a user's machine runs it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "glutealtp", *args], check=True, stdout=subprocess.DEVNULL, env=env
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaves", type=int, default=60_000)
    parser.add_argument("--muscles", type=int, default=2_000)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "wide.json"
        path.write_text(json.dumps(generate(opts.leaves, opts.muscles), separators=(",", ":")))
        size = path.stat().st_size / 1e6
        print(f"{opts.leaves:,} leaves, {opts.muscles:,} muscles: {size:.1f} MB")
        data = ["--data", str(path)]
        for args in (
            ["data", "validate", str(path)],
            ["which", "-r", "c0", "--top", "1", *data],
            ["regions", "-f", "jsonl", *data],
        ):
            seconds = timed(args)
            verdict = "ok" if seconds < TARGET_S else "MISSED"
            label = " ".join(a for a in args if a not in data)
            print(
                f"  {label:<28}: {seconds:6.1f} s = {seconds / TARGET_S:.2f}x the target  {verdict}"
            )


if __name__ == "__main__":
    main()
