"""Load, validate and query a large synthetic catalog (1,000 muscles x 5 trigger points x 200
regions by default): targets load + validate <= 0.5 s and one query <= 5 ms.

Usage: python benchmarks/synthetic_catalog.py [--muscles N] [--trigger-points N] [--regions N]
       [--runs N] [--keep PATH]

The catalog is made up (deterministic, seeded) and clinically meaningless: it exists only to
measure how the code scales. Times are medians; ratios are against each target.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

from timing import median_time

ROOT = Path(__file__).resolve().parents[1]
TARGET_LOAD_S = 0.5
TARGET_QUERY_S = 0.005
ACTIVITIES = ["primary", "common", "chronic", "very-chronic"]


def generate(
    muscles: int = 1000, trigger_points: int = 5, regions: int = 200, seed: int = 1
) -> dict[str, Any]:
    """A valid synthetic dataset: a two-level region tree, symptoms, conditions and muscles."""
    rnd = random.Random(seed)
    src = ["synthetic"]
    groups = max(1, regions // 10)
    region_ids = [f"r{i:04d}" for i in range(regions)]
    region_list = [
        {
            "id": rid,
            "name": f"Region {i}",
            "synonyms": [f"area {i}", f"zone {i}"],
            "sources": src,
            **({"parent": f"r{(i % groups):04d}"} if i >= groups else {}),
        }
        for i, rid in enumerate(region_ids)
    ]
    symptom_ids = [f"s{i:03d}" for i in range(max(5, regions // 4))]
    symptom_list = [
        {
            "id": sid,
            "name": f"Symptom {i}",
            "question": f"Does symptom {i} happen?",
            "synonyms": [f"sym {i}"],
            "sources": src,
            **({"red_flag": True, "advice": "Seek urgent care."} if i < 2 else {}),
        }
        for i, sid in enumerate(symptom_ids)
    ]
    condition_ids = [f"c{i:03d}" for i in range(20)]
    condition_list = [
        {"id": cid, "name": f"Condition {i}", "sources": src} for i, cid in enumerate(condition_ids)
    ]
    muscle_ids = [f"m{i:05d}" for i in range(muscles)]
    muscle_list = []
    for i, mid in enumerate(muscle_ids):
        tps: list[dict[str, Any]] = [
            {
                "id": f"{mid}-tp{j}",
                "name": f"Trigger point {j}",
                "location": f"Part {j} of muscle {i}.",
                "activity": rnd.choice(ACTIVITIES),
                "sources": src,
                "zones": [
                    {"region": rnd.choice(region_ids), "extent": extent, "sources": src}
                    for extent in ("essential", "spillover", "spillover")
                ],
            }
            for j in range(trigger_points)
        ]
        others = rnd.sample([m for m in muscle_ids if m != mid], k=min(2, muscles - 1))
        muscle_list.append(
            {
                "id": mid,
                "name": f"Muscle {i}",
                "aliases": [f"mus {i}"],
                "location": f"Somewhere {i}.",
                "function": f"Does thing {i}.",
                "sources": src,
                "trigger_points": tps,
                "refers_to": [{"regions": rnd.sample(region_ids, 2), "sources": src}],
                "symptoms": [
                    {"symptom": s, "sources": src} for s in rnd.sample(symptom_ids[2:], 3)
                ],
                "conditions": [
                    {
                        "condition": rnd.choice(condition_ids),
                        "link": "may-cause",
                        "regions": [rnd.choice(region_ids)],
                        "symptoms": [rnd.choice(symptom_ids[2:])],
                        "sources": src,
                    }
                ],
                "related": [
                    {"muscle": o, "kind": "co-occurs-with", "sources": src} for o in others
                ],
                "rules": [
                    {
                        "id": f"{mid}-rule",
                        "kind": "suggests",
                        "regions": [tps[0]["zones"][0]["region"]],
                        "statement": "Synthetic rule.",
                        "sources": src,
                    }
                ],
            }
        )
    bundled = json.loads((ROOT / "data" / "muscles.json").read_text(encoding="utf-8"))
    return {
        "schema_version": 1,
        "name": "synthetic benchmark catalog (not clinical data)",
        "disclaimer": bundled["disclaimer"],
        "sources": [
            {
                "id": "synthetic",
                "kind": "dataset",
                "title": "Synthetic",
                "author": "glutealtp benchmarks",
                "url": "https://example.org/synthetic",
            }
        ],
        "regions": region_list,
        "symptoms": symptom_list,
        "conditions": condition_list,
        "muscles": muscle_list,
        "scoring": bundled["scoring"],
    }


def ranked_json(index: Any, query: Any) -> str:
    """A query answered all the way to its JSON text."""
    from glutealtp import rank

    return json.dumps(rank(index, query).to_dict())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--muscles", type=int, default=1000)
    parser.add_argument("--trigger-points", type=int, default=5)
    parser.add_argument("--regions", type=int, default=200)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", metavar="PATH", help="also write the catalog here")
    args = parser.parse_args()

    import glutealtp.catalog.model  # noqa: F401  (import cost is start-up, measured by cold_start.py)
    from glutealtp import load_catalog, make_query, rank

    data = generate(args.muscles, args.trigger_points, args.regions)
    text = json.dumps(data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "synthetic.json"
        path.write_text(text, encoding="utf-8")
        print(
            f"catalog: {args.muscles} muscles x {args.trigger_points} trigger points x "
            f"{args.regions} regions, {len(text) / 1e6:.1f} MB"
        )
        load = median_time(lambda: load_catalog(path), args.runs)
        print(
            f"load + validate + index   : {load * 1000:8.1f} ms  = {load / TARGET_LOAD_S:5.2f}x "
            f"the {TARGET_LOAD_S * 1000:.0f} ms target"
        )
        index = load_catalog(path)
        rnd = random.Random(7)
        regions = list(index.regions)
        symptoms = [s for s in index.symptoms if not index.symptoms[s].red_flag]
        queries = [
            (rnd.sample(regions, rnd.randint(1, 3)), rnd.sample(symptoms, rnd.randint(0, 2)))
            for _ in range(25)
        ]
        # Every query runs on the loaded index as `which` would: the first query on a region
        # pays for indexing it, so each query is timed once, on a freshly loaded catalog.
        firsts, warms, fulls = [], [], []
        for regs, syms in queries:
            fresh = load_catalog(path)
            q = make_query(fresh, regs, syms)
            gc.collect()  # the previous iteration's catalog is garbage: not this query's cost
            start = time.perf_counter()
            rank(fresh, q)
            firsts.append(time.perf_counter() - start)
            warms.append(median_time(partial(rank, fresh, q), 3))
            fulls.append(median_time(partial(ranked_json, fresh, q), 3))
        for label, times in (
            ("one query, cold index    ", firsts),
            ("one query, warm index    ", warms),
            ("query + JSON, warm index ", fulls),
        ):
            t = statistics.median(times)
            print(
                f"{label}: {t * 1000:8.2f} ms  = {t / TARGET_QUERY_S:5.2f}x the "
                f"{TARGET_QUERY_S * 1000:.0f} ms target (median of {len(times)}, "
                f"worst {max(times) * 1000:.2f} ms)"
            )
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cmd = [sys.executable, "-m", "glutealtp", "which", "-r", regions[0], "-f", "json"]
        cmd += ["--data", str(path)]
        subprocess.run(cmd, capture_output=True, check=False, env=env)
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, check=False, env=env)
        wall = time.perf_counter() - start
        print(
            f"cold `which --data` (whole process, incl. imports): {wall * 1000:.0f} ms, "
            f"exit {proc.returncode}"
        )


if __name__ == "__main__":
    main()
