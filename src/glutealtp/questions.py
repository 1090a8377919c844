"""The next best question: which unreported region or symptom would best tell the leading
muscles apart.

Worked out from the catalog and the ranking alone, never written per muscle:

- each region and symptom not yet reported (red flags aside; nor a region the reported ones
  are part of) that one of the best `NEAR` results explains is tried as if the answer were
  yes: the query is ranked again with it;
- the *contenders* are the best result, every result within `LEAD_MARGIN` points of it (at
  most `MAX_LEADERS`), and any muscle that explains something reported and that a single
  yes would put first;
- the muscles an item *favours* are the contenders that explain it: a yes can only move
  each of them ahead of every contender that does not (their score ratio grows, even when
  both scores fall because one more item is reported);
- its value is how much a yes would move the best favoured contender ahead of the best of
  the others (the change in their score ratio, on a log scale), times how plausible that
  contender is now (its score against the best), and less for each further contender it
  favours, so an answer that helps one leading muscle and not the others comes first;
- at most `MAX_QUESTIONS` are kept, each naming a different muscle first where it can.

The top result is *settled* when no single yes could put first another muscle that explains
what was reported (a yes to an unrelated region may put first a muscle that explains only
that region, which tells nothing about the complaint): then there is no question to ask, and
the tool says so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

from glutealtp.catalog.index import CatalogIndex
from glutealtp.rank import rank, rank_among
from glutealtp.results import NextQuestion, Query, Ranking, Result
from glutealtp.vocabulary import Kind

LEAD_MARGIN = 15.0
"""Score points behind the best result within which a muscle still leads."""
MAX_LEADERS = 4
MAX_QUESTIONS = 3
SHARED = 0.25
"""How much less an answer is worth for each further contender it favours."""
NEAR = 15
"""Only items one of the best this many results explains are tried, and a yes is scored for
those results and the muscles that explain the item: a muscle further down that does not
could not come first on one answer, and a catalog of thousands stays quick."""
FLOOR = 1.0
"""The score a muscle that is not ranked counts as, in a score ratio."""


class _Trial(NamedTuple):
    kind: Kind
    id: str
    value: float
    favours: tuple[str, ...]
    over: tuple[str, ...]
    confirms: bool
    changes_top: bool


def leaders(ranking: Ranking) -> tuple[Result, ...]:
    """The results close enough to the best to be worth telling apart."""
    if not ranking.results:
        return ()
    best = ranking.results[0].score
    close = [r for r in ranking.results if r.score >= best - LEAD_MARGIN]
    return tuple(close[:MAX_LEADERS])


def candidates(
    index: CatalogIndex,
    query: Query,
    kinds: Iterable[Kind] = ("region", "symptom"),
    near: Iterable[str] | None = None,
) -> Iterable[tuple[Kind, str]]:
    """The items a question could be about: every region and symptom not reported, but a
    region the reported ones are already part of, and a red flag (asked about on its own).

    With `near` (muscle ids), only the items one of those muscles explains: the regions its
    facts name and the regions they are part of, and its symptoms.
    """
    covered = frozenset().union(*(index.ancestors(q) for q in query.regions))
    regions: Iterable[str] = index.regions
    symptoms: Iterable[str] = index.symptoms
    if near is not None:
        muscles = [index.muscles[m] for m in near]
        regions = dict.fromkeys(a for m in muscles for r in m.regions for a in index.ancestors(r))
        symptoms = dict.fromkeys(s for m in muscles for s in m.symptoms)
    if "region" in kinds:
        for region in regions:
            if region not in covered:
                yield "region", region
    if "symptom" not in kinds:
        return
    for symptom in symptoms:
        entry = index.symptoms[symptom]
        if symptom not in query.symptoms and not entry.red_flag:
            yield "symptom", symptom


def suggest(
    index: CatalogIndex,
    query: Query,
    ranking: Ranking | None = None,
    skip: Iterable[str] = (),
    kinds: Iterable[Kind] = ("region", "symptom"),
    limit: int = MAX_QUESTIONS,
) -> tuple[tuple[NextQuestion, ...], bool]:
    """The next questions for `query` (its full ranking may be passed in), and whether the
    top result is settled. `skip` names items already asked about; `kinds` says whether
    regions, symptoms or both may be asked about; `limit` how many questions to give."""
    ranking = ranking if ranking is not None else rank(index, query)
    if not ranking.results:
        return (), False
    skipped = frozenset(skip)
    before = {r.muscle: r.score for r in ranking.results}
    top = ranking.results[0]
    trials = []
    near = [r.muscle for r in ranking.results[:NEAR]]
    near_set = frozenset(near)
    for kind, ident in candidates(index, query, tuple(kinds), near):
        if ident in skipped:
            continue
        among = near_set.union(index.referring(ident) if kind == "region" else index.linked(ident))
        after = rank_among(index, _plus(query, kind, ident), among).results
        scores = {r.muscle: r.score for r in after}
        first = after[0]
        changes = (
            first.muscle != top.muscle
            and first.muscle in before
            and first.score != scores.get(top.muscle)
        )
        trials.append((kind, ident, scores, after[0].muscle if changes else None, after))
    if not any(new_top for *_, new_top, _ in trials):
        return (), True
    # Who could lead: the leaders, and any muscle of the ranking a single yes would put first.
    contenders = list(
        dict.fromkeys([r.muscle for r in leaders(ranking)] + [m for *_, m, _ in trials if m])
    )
    scored = [
        t
        for kind, ident, scores, new_top, after in trials
        if (t := _trial(kind, ident, before, contenders, scores, after, new_top)) is not None
    ]
    chosen: list[_Trial] = []
    heads: set[str] = set()
    ordered = sorted((t for t in scored if t.value > 0), key=lambda t: (-t.value, t.kind, t.id))
    for t in ordered:
        if t.favours[0] not in heads:
            chosen.append(t)
            heads.add(t.favours[0])
    chosen += [t for t in ordered if t not in chosen]
    return tuple(_question(index, t) for t in chosen[:limit]), False


def _plus(query: Query, kind: Kind, ident: str) -> Query:
    if kind == "region":
        return Query(tuple(sorted((*query.regions, ident))), query.symptoms)
    return Query(query.regions, tuple(sorted((*query.symptoms, ident))))


def _trial(
    kind: Kind,
    ident: str,
    before: dict[str, float],
    contenders: list[str],
    scores: dict[str, float],
    after: tuple[Result, ...],
    new_top: str | None,
) -> _Trial | None:
    """What a yes to one item would do to the contenders; None when none explains it.

    A yes favours the contenders that explain the item: against every contender that does
    not, its score ratio can only grow (the ranking's monotony), even when both scores fall
    because one more item is reported.
    """
    explaining = {
        r.muscle
        for r in after
        if ident in (r.regions_explained if kind == "region" else {e.id for e in r.symptoms})
    }
    raised = sorted((m for m in contenders if m in explaining), key=lambda m: -scores[m])
    if not raised:
        return None
    others = tuple(
        sorted((m for m in contenders if m not in explaining), key=lambda m: -before.get(m, 0.0))
    )
    if not others:
        return _Trial(kind, ident, 0.0, tuple(raised), (), False, new_top is not None)
    head, rival = raised[0], others[0]
    # How much a yes moves the favoured muscle ahead of its rival (their score ratio, which
    # a yes can only widen), times how plausible that muscle is now; shared with fewer other
    # contenders, the better.
    gain = math.log(_ratio(scores, head, rival)) - math.log(_ratio(before, head, rival))
    plausible = before.get(head, 0.0) / max(before.values())
    value = plausible * gain / (1 + SHARED * (len(raised) - 1))
    met = next((r for r in after if r.muscle == head), None)
    confirms = met is not None and any(rule.kind == "confirms" for rule in met.rules_met)
    return _Trial(kind, ident, value, tuple(raised), others, confirms, new_top is not None)


def _ratio(scores: dict[str, float], head: str, rival: str) -> float:
    """head : rival, with a floor so that a muscle not ranked counts as far behind."""
    return max(scores.get(head, 0.0), FLOOR) / max(scores.get(rival, 0.0), FLOOR)


def _lower(name: str) -> str:
    """A name inside a sentence: "Sacroiliac (SI) joint" -> "sacroiliac (SI) joint"."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _question(index: CatalogIndex, t: _Trial) -> NextQuestion:
    name, ask = question_for(index, t.kind, t.id)
    favoured = _lower(index.muscles[t.favours[0]].name)
    verb = "point strongly to" if t.confirms else "point to"
    over = f" over {_lower(index.muscles[t.over[0]].name)}" if t.over else ""
    sentence = f"{ask} That would {verb} {favoured}{over}."
    return NextQuestion(t.kind, t.id, name, t.favours, t.over, ask, sentence)


def question_for(index: CatalogIndex, kind: Kind, ident: str) -> tuple[str, str]:
    """An item's name, and the question that asks about it in plain words."""
    if kind == "region":
        name = index.regions[ident].name
        return name, f"Pain at the {_lower(name)} too?"
    entry = index.symptoms[ident]
    return entry.name, entry.question


def with_next_questions(
    index: CatalogIndex,
    ranking: Ranking,
    skip: Iterable[str] = (),
    kinds: Iterable[Kind] = ("region", "symptom"),
) -> Ranking:
    """The ranking with its next questions (and whether its top result is settled) filled in;
    `ranking` must be the full ranking of its query (no `top`). `skip` and `kinds` are as
    for `suggest`: what was already asked, and what may be asked about."""
    questions, settled = suggest(index, ranking.query, ranking, skip, tuple(kinds))
    return ranking._replace(next_questions=questions, settled=settled)
