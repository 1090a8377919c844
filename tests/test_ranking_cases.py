"""The ranking against the public benchmark of sourced cases (tests/cases/*.json).

Every case is a test. A case the catalog cannot meet, because the sources it rests on
disagree with the sources the catalog encodes, is a strict expected failure with the
reason: if the ranking starts to meet it, the test says so. `benchmarks/ranking_quality.py`
prints the same figures.
"""

from __future__ import annotations

import pytest

from glutealtp.ranking.rank import rank
from glutealtp.ranking.results import Query

from .case_files import Case, evaluate, load_cases
from .helpers import BUNDLED

CASES = load_cases()

KNOWN = {
    "area-iliosacral-tp3d-tier": (
        "the TriggerPoints3D tier lists levator ani for iliosacral pain, but no referral source "
        "in the catalog gives levator ani the SI joint, so it is not ranked near the top"
    ),
    "area-sciatica-tp3d-tier": (
        "the tier lists gluteus maximus for sciatica; no referral source in the catalog links "
        "gluteus maximus to sciatica-like pain"
    ),
    "area-low-back-healthwise-three": (
        "healthwise names iliocostalis among the three commonest low-back muscles, but only "
        "one page gives its lumbar trigger point the low back, so by the data's rule that zone "
        "is spillover, while four or more pages give it to multifidi and rectus abdominis"
    ),
    "pattern-sits-bone-sitting-gmax-hamstrings": (
        "no source places the hamstrings' pain at the sits bone: their strong zone is the "
        "gluteal fold, coded as the buttock (clinical review T4), so for sits-bone pain only "
        "gluteus maximus is ranked"
    ),
}


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN[case.id])] if case.id in KNOWN else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case: Case) -> None:
    outcome = evaluate(BUNDLED, case)
    assert outcome.passed, (outcome.ranks, case.within, case.above, case.note)


def test_every_known_failure_names_a_case() -> None:
    assert set(KNOWN) <= {c.id for c in CASES}


def test_every_article_statement_holds() -> None:
    article = [c for c in CASES if c.group == "article"]
    assert article and not {c.id for c in article} & set(KNOWN)


def test_at_least_nineteen_in_twenty_headline_muscles_are_in_the_top_three() -> None:
    ranks = [evaluate(BUNDLED, c).headline_rank for c in CASES]
    assert sum((r or 99) <= 3 for r in ranks) >= 0.95 * len(CASES)


def test_the_area_lists_primary_muscles_are_mostly_within_as_many_places() -> None:
    """At least 80% of each list's primary muscles rank within k places for the regions the
    list names, k the number it names (a near-tie group shares its rank)."""
    hits = total = 0
    for area in BUNDLED.area_lists:
        primary = [m for m, tier in area.tiers.items() if tier != "secondary"]
        for region in area.regions:
            places = {r.muscle: r.rank for r in rank(BUNDLED, Query((region,), ())).results}
            hits += sum(places.get(m, 999) <= len(primary) for m in primary)
            total += len(primary)
    assert hits >= 0.8 * total
