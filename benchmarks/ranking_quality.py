"""How the ranking does on the public benchmark of sourced cases (tests/cases/*.json).

Prints, per group of cases and in all: how many pass (every expected muscle within its
rank, every ordering held), how often the headline muscle is first (top-1 agreement; a
near-tie group shares rank 1) and first alone (no other muscle in its group), and in the top
3 (top-3 agreement); then the agreement with the references' area lists: for each list and
region, the share of the list's primary muscles that `which -r REGION` ranks within as many
places as the list names them (and within twice as many), and the same for the secondary
ones after the primary. Targets: every article case passes, at least 95% of all cases have
their headline muscle in the top 3, and at least 80% of the lists' primary muscles are
within k.

    uv run python benchmarks/ranking_quality.py [--failures]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from glutealtp.catalog import CatalogIndex, load_catalog
from glutealtp.ranking.rank import rank
from glutealtp.ranking.results import Query
from tests.case_files import Outcome, evaluate, load_cases


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "-"


def report_cases(outcomes: list[Outcome]) -> tuple[float, float]:
    """The table of cases; returns the article pass rate and the all-cases top-3 share."""
    groups = sorted({o.case.group for o in outcomes})
    head = ("pass", "top-1", "top-1 alone", "top-3")
    print(f"{'group':<12} {'cases':>5}  " + "  ".join(f"{h:>12}" for h in head))
    rates = {}
    for group in [*groups, "all"]:
        chosen = [o for o in outcomes if group in ("all", o.case.group)]
        passed = sum(o.passed for o in chosen)
        top1 = sum(o.headline_rank == 1 for o in chosen)
        alone = sum(o.headline_rank == 1 and not o.headline_tied for o in chosen)
        top3 = sum((o.headline_rank or 99) <= 3 for o in chosen)
        n = len(chosen)
        shares = "  ".join(f"{_share(x, n):>12}" for x in (passed, top1, alone, top3))
        print(f"{group:<12} {n:>5}  {shares}")
        rates[group] = (passed / n if n else 1.0, top3 / n if n else 1.0)
    return rates.get("article", (1.0, 1.0))[0], rates["all"][1]


def report_lists(index: CatalogIndex) -> float:
    """Agreement with each area list's tiers, region by region (a near-tie group shares its
    rank); returns the primary muscles' share within k."""
    hits = {"primary": [0, 0, 0], "secondary": [0, 0, 0]}  # within k, within 2k, of
    for area in index.area_lists:
        primary = [m for m, tier in area.tiers.items() if tier != "secondary"]
        secondary = [m for m, tier in area.tiers.items() if tier == "secondary"]
        for region in area.regions:
            places = {r.muscle: r.rank for r in rank(index, Query((region,), ())).results}
            for tier, muscles, before in (
                ("primary", primary, 0),
                ("secondary", secondary, len(primary)),
            ):
                k = before + len(muscles)
                for m in muscles:
                    at = places.get(m, 999)
                    hits[tier][0] += at <= k
                    hits[tier][1] += at <= 2 * k
                    hits[tier][2] += 1
    for tier, (k, k2, n) in hits.items():
        print(f"area lists, {tier:<9}: within k {_share(k, n)}, within 2k {_share(k2, n)}")
    k, _, n = hits["primary"]
    return k / n if n else 1.0


def main() -> None:
    index = load_catalog()
    outcomes = [evaluate(index, case) for case in load_cases()]
    article, top3 = report_cases(outcomes)
    within = report_lists(index)
    print(
        f"targets: article {article:.0%} (100%), top-3 {top3:.0%} (95%), "
        f"lists within k {within:.0%} (80%)"
    )
    if "--failures" in sys.argv:
        for o in outcomes:
            if not o.passed:
                print(f"fails: {o.case.id}: {o.ranks} (within {o.case.within})")


if __name__ == "__main__":
    main()
