"""How many questions the adaptive `ask` needs, against the fixed list, on the public cases.

For every case of the ranking benchmark (tests/cases/*.json), `ask` is simulated with the
answers the case implies: the case's regions at "Where does it hurt?", then yes to a
question about one of the case's symptoms and no to every other (the red flags included).
The fixed list asks every symptom question and the three red flags; the adaptive interview
asks the red flags, then the next best question each time (`glutealtp.ask.interview`).
Printed: the questions asked on average by each, and how often the case's headline muscle
ends first (top-1) and in the top 3, and how often the whole case passes. Target: the
adaptive top-1 and top-3 as often as the fixed list's, with at most a third of its questions.

    uv run python benchmarks/ask_length.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from glutealtp.ask.answers import Reply
from glutealtp.ask.interview import Interview
from glutealtp.catalog import CatalogIndex, load_catalog
from glutealtp.rank import rank
from glutealtp.results import Query
from tests.case_files import Case, evaluate, load_cases


def fixed(index: CatalogIndex, case: Case) -> tuple[Query, int]:
    """Every symptom question and the red flags: yes exactly to the case's symptoms."""
    asked = len(index.symptoms)
    return Query(tuple(sorted(case.regions)), tuple(sorted(case.symptoms))), asked


def adaptive(index: CatalogIndex, case: Case) -> tuple[Query, int]:
    interview = Interview(index, tuple(case.regions))
    asked = 0
    while (question := interview.next()) is not None:
        asked += 1
        said = case.symptoms if question.kind == "symptom" else case.regions
        interview.answer(question, Reply.yes if question.id in said else Reply.no)
    return interview.query or Query((), ()), asked


def main() -> None:
    index = load_catalog()
    cases = load_cases()
    print(f"{len(cases)} cases ({sum(bool(c.symptoms) for c in cases)} with symptoms)")
    print(f"{'':<10} {'questions':>10} {'top-1':>7} {'top-3':>7} {'pass':>7}")
    totals = {}
    for name, simulate in (("fixed", fixed), ("adaptive", adaptive)):
        asked = top1 = top3 = passed = 0
        for case in cases:
            query, n = simulate(index, case)
            asked += n
            ranked = [r.muscle for r in rank(index, query).results]
            ranks = {r.muscle: r.rank for r in rank(index, query).results}
            at = ranks.get(case.headline, 99)
            top1 += at == 1
            top3 += at <= 3
            passed += (
                evaluate(index, case._replace(symptoms=query.symptoms)).passed if ranked else 0
            )
        totals[name] = asked / len(cases)
        print(f"{name:<10} {asked / len(cases):>10.1f} {top1:>7} {top3:>7} {passed:>7}")
    print(f"adaptive asks {totals['adaptive'] / totals['fixed']:.2f} of the fixed list's questions")


if __name__ == "__main__":
    main()
