"""Rebuild docs/example-dataset.json from the bundled data: two of its muscles (gluteus
maximus and piriformis) with every source, region, symptom and condition they name, copied
unchanged, and the red flags. Run it after the bundled data changes:

    uv run python docs/make_example.py
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MUSCLES = ("gluteus-maximus", "piriformis")


def _ids(value: Any, key: str) -> set[str]:
    """Every id held under `key` (a string or a list of them) anywhere in `value`."""
    found: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            if k == key and isinstance(v, str):
                found.add(v)
            elif k == key and isinstance(v, list) and all(isinstance(i, str) for i in v):
                found.update(v)
            else:
                found |= _ids(v, key)
    elif isinstance(value, list):
        for v in value:
            found |= _ids(v, key)
    return found


def example(data: dict[str, Any]) -> dict[str, Any]:
    """The example dataset cut from the bundled one."""
    muscles = [dict(m) for m in data["muscles"] if m["id"] in MUSCLES]
    for m in muscles:
        m["related"] = [r for r in m.get("related", []) if r["muscle"] in MUSCLES]
    regions = _ids(muscles, "region") | _ids(muscles, "regions")
    parents = {r["id"]: [r.get("parent"), *r.get("also_part_of", [])] for r in data["regions"]}
    pending = list(regions)
    while pending:
        for p in parents.get(pending.pop(), []):
            if p and p not in regions:
                regions.add(p)
                pending.append(p)
    symptoms = _ids(muscles, "symptom") | _ids(muscles, "symptoms")
    symptoms |= {s["id"] for s in data["symptoms"] if s.get("red_flag")}
    conditions = _ids(muscles, "condition")
    kept_regions = [r for r in data["regions"] if r["id"] in regions]
    kept_symptoms = [s for s in data["symptoms"] if s["id"] in symptoms]
    kept_conditions = [c for c in data["conditions"] if c["id"] in conditions]
    facts = [muscles, kept_regions, kept_symptoms, kept_conditions]
    keys = ("sources", "who_sources", "find_sources", "press_sources")
    cited = set().union(*(_ids(facts, key) for key in keys))
    return {
        "schema_version": data["schema_version"],
        "name": "Example dataset: gluteus maximus and piriformis, a subset of the bundled catalog",
        "disclaimer": data["disclaimer"],
        "sources": [s for s in data["sources"] if s["id"] in cited],
        "regions": kept_regions,
        "symptoms": kept_symptoms,
        "conditions": kept_conditions,
        "muscles": muscles,
        "scoring": data["scoring"],
    }


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    data = json.loads((ROOT / "data" / "muscles.json").read_text(encoding="utf-8"))
    out = ROOT / "docs" / "example-dataset.json"
    out.write_text(json.dumps(example(data), indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
