"""Batch throughput over generated cases; target >= 100,000 cases/s in one process.

Usage: python benchmarks/batch_throughput.py [--cases N] [--runs N] [--explain]

Three workloads of N cases each (default 100,000), written to a temporary JSON Lines file.
Common complaints (buttock, low back, hip, sitting) are far more frequent than rare ones (a
Zipf-like skew, s=1); each name is spelled as its id, its name or a synonym, in random case;
ids are unique and 0.5% of the lines are malformed.

- typical: 1-2 regions and 0-1 symptom a case, like the issue's example; presentations
  recur, as they do in a clinic's export (about 1.5% of cases are new queries).
- varied: 1-4 regions and 0-3 symptoms a case (about 20% of cases are new queries).
- distinct: the worst case for the caches: every case a different query, ranked from scratch.

Each is timed in this process (catalog loaded, lines read from the file, records written to
/dev/null) and as a whole `glutealtp batch FILE > /dev/null` process (start-up included).
The baseline is a bare loop that reads the same file and `json.loads` each line.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from timing import median_time

TARGETS = {"typical": 100_000, "distinct": 20_000}
"""Cases/s the issues ask for: the repetitive workload, and every case a new query."""
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

# Most frequent first: how often people report each (rough order, for the skew only).
REGIONS = [
    "buttock",
    "low-back",
    "hip",
    "gluteal-region",
    "si-joint",
    "back-of-leg",
    "side-of-leg",
    "sacrum",
    "tailbone",
    "sits-bone",
    "groin",
    "genitals",
]
SYMPTOMS = [
    "sitting",
    "walking",
    "sciatica",
    "rising-from-chair",
    "lying-on-painful-side",
    "sneezing-coughing",
    "moving",
    "slouched-sitting",
    "deep-one-sided-ache",
    "leg-numbness",
    "crossed-legs",
    "lying-down",
    "upright",
    "tailbone-pressure",
    "lightning-pain-standing",
    "unable-to-stand",
    "leg-swelling",
    "sexual-dysfunction",
    "progressive-leg-weakness",
    "saddle-numbness",
    "bladder-bowel-loss",
]
BROKEN = ['{"id": "x", "regions": ["buttok"]}', "not json", "", '{"id": 1, "regions": "hip"}']


def spellings() -> dict[str, list[str]]:
    """Every way the bundled catalog accepts each id: id, name and synonyms."""
    from glutealtp import load_catalog

    index = load_catalog()
    out: dict[str, list[str]] = {}
    for kind in ("region", "symptom"):
        for entry in index.entries(kind).values():
            out[entry.id] = [entry.id, entry.name, *entry.synonyms]
    return out


def skewed_cases(
    n: int, regions: dict[int, int], symptoms: dict[int, int], seed: int = 11
) -> list[str]:
    """`n` lines; `regions` and `symptoms` weigh how many items a case reports."""
    rnd = random.Random(seed)
    names = spellings()

    def pick(items: list[str], counts: dict[int, int]) -> list[str]:
        k = rnd.choices(list(counts), list(counts.values()))[0]
        weights = [1 / (i + 1) for i in range(len(items))]
        chosen: set[str] = set()
        while len(chosen) < k:
            chosen.add(rnd.choices(items, weights)[0])
        return [spell(c) for c in chosen]

    def spell(item: str) -> str:
        text = rnd.choice(names[item])
        return rnd.choice([text, text.lower(), text.upper(), text.title()])

    lines = []
    for i in range(n):
        if rnd.random() < 0.005:
            lines.append(rnd.choice(BROKEN))
            continue
        case = {
            "id": f"case-{i:07d}",
            "regions": pick(REGIONS, regions),
            "symptoms": pick(SYMPTOMS, symptoms),
        }
        lines.append(json.dumps(case))
    return lines


def typical_cases(n: int) -> list[str]:
    return skewed_cases(n, {1: 60, 2: 40}, {0: 50, 1: 50})


def varied_cases(n: int) -> list[str]:
    return skewed_cases(n, {1: 40, 2: 35, 3: 20, 4: 5}, {0: 35, 1: 35, 2: 20, 3: 10})


def distinct_cases(n: int, seed: int = 12) -> list[str]:
    rnd = random.Random(seed)
    combos = (
        (list(r), list(s))
        for k in (1, 2, 3, 4)
        for r in itertools.combinations(REGIONS, k)
        for j in (0, 1, 2)
        for s in itertools.combinations(SYMPTOMS[:-3], j)
    )
    queries = list(itertools.islice(combos, n))
    rnd.shuffle(queries)
    return [
        json.dumps({"id": i, "regions": r, "symptoms": s})
        for i, (r, s) in enumerate(itertools.islice(itertools.cycle(queries), n))
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--explain", action="store_true", help="measure batch --explain")
    args = parser.parse_args()

    import glutealtp.batch as batch
    from glutealtp import load_catalog

    exe = Path(sys.executable).parent / "glutealtp"
    index = load_catalog()
    targets = ", ".join(f"{k} {v:,} cases/s" for k, v in TARGETS.items())
    print(f"targets: {targets}; {args.cases:,} cases per workload; median of {args.runs}")
    with tempfile.TemporaryDirectory() as tmp:
        workloads = {"typical": typical_cases, "varied": varied_cases, "distinct": distinct_cases}
        for name, make in workloads.items():
            path = Path(tmp) / f"{name}.jsonl"
            lines = make(args.cases)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")

            def baseline(path: Path = path) -> int:
                bad = 0
                with path.open("rb") as fh:
                    for line in fh:
                        try:
                            json.loads(line)
                        except ValueError:
                            bad += 1
                return bad

            def run(path: Path = path) -> batch.Summary:
                job = batch.Batch(index, explain=args.explain)
                with path.open("rb") as src, open(os.devnull, "wb") as sink:
                    return batch.stream(job, src, sink)

            base = median_time(baseline, args.runs)
            core = median_time(run, args.runs)
            summary = run()
            cmd = [str(exe), "batch", str(path), *(["--explain"] if args.explain else [])]

            def process(cmd: list[str] = cmd) -> None:
                subprocess.run(
                    cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, check=False
                )

            whole = median_time(process, max(1, args.runs - 1))
            distinct = _distinct_queries(index, lines)
            print(f"\n{name}: {summary.describe()}")
            print(
                f"  {distinct:,} distinct queries ({distinct / args.cases:.1%} of cases), "
                f"{path.stat().st_size / 1e6:.1f} MB in"
            )
            print(f"  baseline (read + json.loads)  : {args.cases / base:12,.0f} lines/s")
            for label, t in (
                ("batch, in process", core),
                ("glutealtp batch, whole process", whole),
            ):
                rate = args.cases / t
                versus = f"{rate / TARGETS[name]:4.2f}x target, " if name in TARGETS else ""
                print(
                    f"  {label:30s}: {rate:12,.0f} cases/s = {versus}{t / base:4.1f}x baseline time"
                )


def _distinct_queries(index: Any, lines: list[str]) -> int:
    from glutealtp import make_query

    queries = set()
    for line in lines:
        try:
            case = json.loads(line)
            queries.add(make_query(index, case.get("regions") or (), case.get("symptoms") or ()))
        except (ValueError, TypeError, AttributeError, LookupError):
            pass
    return len(queries)


if __name__ == "__main__":
    main()
