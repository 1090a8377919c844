"""How many questions the adaptive `ask` needs, and whether it ends where asking everything
would, on the public cases.

For every case of the ranking benchmark (tests/cases/*.json) a patient is simulated: the
case's regions at "Where does it hurt?", then yes to a question about one of the case's items
and no to every other (the red flags included). A second run answers 20% of the questions
"not sure" (the same ones each run: a fixed seed). The *full-information* ranking is what
asking every question on the fixed list would give: the case's items present and every other
symptom absent. Printed: the questions asked on average and at most, how often the
interview's leader is the full-information leader (top-1 agreement; the interview's top
group holding it counts as agreement too, shown apart), and how often the case's expected
muscle is in the interview's top 3.

Targets: top-1 agreement >= 90%, expected muscle in the top 3 >= 95%, at most a third of the
fixed list's questions on average and never more than 12.

Which questions go "not sure" is chance: `--seeds N` repeats the 20% run with N other sets
of them and prints each run's top-1 agreement, so one lucky set is not taken for the rule.

    uv run python benchmarks/ask_length.py [--seeds N]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from glutealtp.ask.answers import Reply
from glutealtp.ask.interview import MAX_ASKED, Interview
from glutealtp.catalog import CatalogIndex, load_catalog
from glutealtp.ranking.rank import rank
from glutealtp.ranking.results import Query, Ranking
from tests.case_files import Case, load_cases


def full(index: CatalogIndex, case: Case) -> Ranking:
    """Every question of the fixed list answered: the case's items yes, the rest no."""
    others = tuple(
        s for s, e in index.symptoms.items() if s not in case.symptoms and not e.red_flag
    )
    query = Query(tuple(sorted(case.regions)), tuple(sorted(case.symptoms)), others)
    return rank(index, query)


def interview(index: CatalogIndex, case: Case, unsure: float, seed: int) -> tuple[Ranking, int]:
    """The adaptive interview, answered as the case's patient would."""
    rng = random.Random(seed)
    talk = Interview(index, tuple(case.regions))
    asked = 0
    while (question := talk.next()) is not None:
        if not question.red_flag:
            asked += 1
        said = case.symptoms if question.kind == "symptom" else case.regions
        if not question.red_flag and rng.random() < unsure:
            reply = Reply.unsure
        else:
            reply = Reply.yes if question.id in said else Reply.no
        talk.answer(question, reply)
    query = talk.query
    return (rank(index, query) if query else rank(index, Query(case.regions, ()))), asked


def seeds(index: CatalogIndex, cases: list[Case], runs: int) -> None:
    """Top-1 agreement of the 20% "not sure" run for `runs` other sets of unsure answers."""
    truths = [full(index, case).results for case in cases]
    rates = []
    for run in range(1, runs + 1):
        agree = 0
        for k, case in enumerate(cases):
            results = interview(index, case, 0.2, seed=k + 1000 * run)[0].results
            agree += bool(results and truths[k]) and results[0].muscle == truths[k][0].muscle
        rates.append(agree / len(cases))
        print(f"20% not sure, other unsure answers ({run}): top-1 {rates[-1]:.0%}")
    print(f"mean over the {runs} other sets: top-1 {sum(rates) / runs:.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=0, help="repeat the 20%% run N more times")
    args = parser.parse_args()
    index = load_catalog()
    cases = load_cases()
    fixed = sum(not e.red_flag for e in index.symptoms.values())
    print(f"{len(cases)} cases; the fixed list asks {fixed} questions (and the red flags)")
    head = f"{'answers':<16} {'questions':>9} {'most':>5} {'top-1':>8} {'in group':>9} {'top-3':>8}"
    print(head)
    for label, unsure in (("yes/no", 0.0), ("20% not sure", 0.2)):
        asked = most = top1 = grouped = top3 = 0
        for k, case in enumerate(cases):
            ranking, n = interview(index, case, unsure, seed=k)
            truth = full(index, case).results
            asked += n
            most = max(most, n)
            results = ranking.results
            if results and truth:
                top1 += results[0].muscle == truth[0].muscle
                grouped += truth[0].muscle in {r.muscle for r in results if r.rank == 1}
            ranks = {r.muscle: r.rank for r in results}
            top3 += ranks.get(case.headline, 99) <= 3
        n_cases = len(cases)
        print(
            f"{label:<16} {asked / n_cases:>9.1f} {most:>5} {top1 / n_cases:>8.0%}"
            f" {grouped / n_cases:>9.0%} {top3 / n_cases:>8.0%}"
        )
        print(f"{'':<16} {asked / n_cases / fixed:>9.2f} of the fixed list (target <= 0.33)")
    print(f"never more than {MAX_ASKED} questions after the red flags")
    if args.seeds:
        seeds(index, cases, args.seeds)


if __name__ == "__main__":
    main()
