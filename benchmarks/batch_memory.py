"""Peak memory (max RSS) of `batch` on input made to defeat its caches; limit: 100 MiB.

Usage: python benchmarks/batch_memory.py [--report-lines N] [--quick]

The reliability report's D6 inputs ("hip" followed by a different, long run of spaces on
every line: each spelling resolves, and each was once remembered), then other inputs that
aim at a cache or a buffer: many distinct short spellings, one 1 MiB line of small JSON
values, and the report's mixed file of N lines (1,000,000 in the report; --report-lines),
as JSON Lines from a file and as CSV from stdin. Input is generated into the child's stdin
as it reads, so the 3 GB D6 input never touches the disk. Each row is the child's own peak
(VmHWM, as in peak_memory.py) against the limit; `python -c pass` is the baseline.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from peak_memory import ENV, PROBE

LIMIT_MIB = 100.0
ROOT = Path(__file__).resolve().parents[1]

Lines = Callable[[], Iterator[bytes]]


def peak_mib(args: list[str], lines: Lines | None = None, stdin_path: Path | None = None) -> float:
    """Run glutealtp with `args` (none: bare Python), fed `lines` or the file; its peak RSS."""
    with stdin_path.open("rb") if stdin_path else open(os.devnull, "rb") as source:
        proc = subprocess.Popen(
            [sys.executable, "-c", PROBE, *args],
            stdin=subprocess.PIPE if lines else source,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=ENV,
        )
        feeder = threading.Thread(target=_feed, args=(proc.stdin, lines)) if lines else None
        if feeder:
            feeder.start()
        assert proc.stderr is not None
        err = proc.stderr.read()
        proc.wait()
        if feeder:
            feeder.join()
    return int(err.rsplit(b"PEAK_KIB=", 1)[1].split()[0]) / 1024


def _feed(stdin: IO[bytes], lines: Lines) -> None:
    try:
        for line in lines():
            stdin.write(line)
    except BrokenPipeError:
        pass
    finally:
        with contextlib.suppress(BrokenPipeError):
            stdin.close()


def padded(name: str, n: int, size: int, field: str = "regions") -> Lines:
    """The report's gen_pad.py: `name` then size + i spaces, on line i."""
    head, tail = f'{{"{field}":["{name}'.encode(), b'"]}\n'
    return lambda: (head + b" " * (size + i) + tail for i in range(n))


def distinct_short(n: int) -> Lines:
    """Short spellings that all resolve and almost never repeat: case and separators."""

    def lines() -> Iterator[bytes]:
        rnd = random.Random(7)
        for i in range(n):
            word = "".join(c.upper() if rnd.random() < 0.5 else c for c in "lower back")
            word = word.replace(" ", " " * (1 + i % 40) + "-" * (i // 40 % 5))
            yield json.dumps({"regions": [word, "hip" + " " * (i % 200)]}).encode() + b"\n"

    return lines


def big_queries(n: int) -> Lines:
    """Cases of 8 or more regions and 5 or more symptoms, each new: the views of such a
    query are large and seldom met again, so none is kept."""
    data = json.loads((ROOT / "data" / "muscles.json").read_text(encoding="utf-8"))
    regions = [r["id"] for r in data["regions"]]
    symptoms = [s["id"] for s in data["symptoms"] if not s.get("red_flag")]

    def lines() -> Iterator[bytes]:
        rnd = random.Random(9)
        for _ in range(n):
            case = {
                "regions": rnd.sample(regions, rnd.randint(8, len(regions))),
                "symptoms": rnd.sample(symptoms, rnd.randint(5, len(symptoms))),
            }
            yield json.dumps(case).encode() + b"\n"

    return lines


def one_big_line(item: bytes) -> Lines:
    count = (1024 * 1024 - 20) // (len(item) + 1)
    return lambda: iter([b'{"regions":[' + b",".join([item] * count) + b"]}\n"])


def write_report_file(path: Path, lines: int) -> None:
    """The report's 1,000,000-line file: 97% cases, 1% unknown, 1% invalid JSON, 1% empty."""
    rnd = random.Random(5)
    data = json.loads((ROOT / "data" / "muscles.json").read_text(encoding="utf-8"))
    regs = [n for r in data["regions"] for n in [r["id"], r["name"], *r.get("synonyms", [])]]
    syms = [n for s in data["symptoms"] for n in [s["id"], s["name"], *s.get("synonyms", [])]]
    with path.open("w") as f:
        for i in range(lines):
            k = rnd.random()
            if k < 0.97:
                case = {
                    "id": f"p-{i}",
                    "regions": rnd.sample(regs, rnd.randint(1, 3)),
                    "symptoms": rnd.sample(syms, rnd.randint(0, 3)),
                }
                f.write(json.dumps(case) + "\n")
            elif k < 0.98:
                f.write(f'{{"id": {i}, "regions": ["elbow"]}}\n')
            elif k < 0.99:
                f.write("not json\n")
            else:
                f.write("\n")


def row(name: str, mib: float) -> None:
    verdict = "ok" if mib < LIMIT_MIB else "OVER"
    print(f"{name:58s}: {mib:6.1f} MiB = {mib / LIMIT_MIB:4.2f}x the limit  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--report-lines", type=int, default=200_000)
    parser.add_argument("--quick", action="store_true", help="300 (not 3,000) 1 MB lines")
    args = parser.parse_args()
    if not Path("/proc/self/status").exists():
        sys.exit("batch_memory.py reads /proc/self/status (VmHWM): it runs on Linux only")
    big = 300 if args.quick else 3_000
    print(f"{'baseline: python -c pass':58s}: {peak_mib([]):6.1f} MiB")
    inputs: dict[str, Lines] = {
        "D6: 1,000 lines, 'hip' + 10.. spaces": padded("hip", 1_000, 10),
        f"D6: {big:,} lines, 'hip' + 1,000,000.. spaces": padded("hip", big, 1_000_000),
        f"D6: {big:,} lines, 'sitting' + 1,000,000.. spaces (symptoms)": padded(
            "sitting", big, 1_000_000, "symptoms"
        ),
        "200,000 distinct short spellings": distinct_short(200_000),
        "a 1 MiB line of 350,000 {} (wrong type)": one_big_line(b"{}"),
        "a 1 MiB line of 210,000 'hip' names": one_big_line(b'"hip"'),
        "20,000 new cases of 8+ regions and 5+ symptoms": big_queries(20_000),
    }
    for name, lines in inputs.items():
        row(name, peak_mib(["batch", "-"], lines))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.jsonl"
        write_report_file(path, args.report_lines)
        n = f"{args.report_lines:,}"
        row(f"the report's {n}-line file, JSON Lines from the file", peak_mib(["batch", str(path)]))
        row(
            f"the report's {n}-line file, CSV from stdin",
            peak_mib(["batch", "-", "-f", "csv"], stdin_path=path),
        )


if __name__ == "__main__":
    main()
