"""How many presses the `check` exam needs, and whether it ends on the right muscle, on the
public cases.

For every case of the ranking benchmark (tests/cases/*.json) whose expected muscle has a
trigger point a person may press (`palpation.who` is `self`, with a sourced location), an
exam is simulated in self mode: the case's regions and symptoms reported, then "familiar"
for each pressed point of the expected muscle and "none" for every other. A second run
answers 20% of the presses "not sure" (the same ones each run: a fixed seed); as in the
dialogue, a point answered "not sure" is offered once more when no other is left. Printed:
presses on average and at most, and how often the expected muscle is first after the exam
(rank 1, alone).

Targets: first in 100% of those cases with at most 3 presses on average; with 20% "not
sure", first in >= 95%.

    uv run python benchmarks/check_length.py
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from glutealtp.catalog import CatalogIndex, load_catalog
from glutealtp.ranking.exam import next_to_press
from glutealtp.ranking.presses import points
from glutealtp.ranking.rank import make_query, rank
from glutealtp.ranking.results import PointAnswer, Ranking
from glutealtp.vocabulary import PressAnswer
from tests.case_files import Case, load_cases


def exam(index: CatalogIndex, case: Case, unsure: float, seed: int) -> tuple[Ranking, int]:
    """The exam, answered as the case's patient would; the ranking after it and the presses."""
    rng = random.Random(seed)
    query = make_query(index, case.regions, case.symptoms)
    ranking = rank(index, query)
    unsure_of: dict[str, int] = {}
    presses = 0
    while (choice := next_to_press(index, ranking, "self", frozenset(), unsure_of)) is not None:
        presses += 1
        point = choice.point
        if rng.random() < unsure:
            unsure_of[point.id] = unsure_of.get(point.id, 0) + 1
            continue
        answer: PressAnswer = "familiar" if point.muscle == case.headline else "none"
        pressed = tuple(sorted((*query.pressed, PointAnswer(point.id, answer))))
        query = query._replace(pressed=pressed)
        ranking = rank(index, query)
    return ranking, presses


def main() -> None:
    index = load_catalog()
    pressable = {p.muscle for p in points(index).values() if p.who == "self"}
    cases = [c for c in load_cases() if c.headline in pressable]
    print(f"{len(cases)} cases whose expected muscle has a point a person may press")
    print(f"{'answers':<16} {'presses':>8} {'most':>5} {'first':>8}")
    for label, unsure, target in (("yes/no", 0.0, 1.0), ("20% not sure", 0.2, 0.95)):
        total = most = first = 0
        missed = []
        for k, case in enumerate(cases):
            ranking, n = exam(index, case, unsure, seed=k)
            total += n
            most = max(most, n)
            top = [r.muscle for r in ranking.results if r.rank == 1]
            if top == [case.headline]:
                first += 1
            else:
                missed.append(case.id)
        share = first / len(cases)
        verdict = "ok" if share >= target else f"BELOW target {target:.0%}"
        print(f"{label:<16} {total / len(cases):8.1f} {most:5d} {share:8.0%}  {verdict}")
        if missed:
            print(f"  not first: {', '.join(missed[:12])}{' ...' if len(missed) > 12 else ''}")
    print("target: at most 3 presses on average (yes/no run)")


if __name__ == "__main__":
    main()
