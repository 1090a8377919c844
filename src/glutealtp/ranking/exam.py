"""Which trigger point to press next, much as `ask` chooses its questions: the one whose
answer is expected to tell the leading muscles apart best (expected information gain over
their odds), among the points of the leading muscles that the person (or a clinician) may
press; none once the leader is clear."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from glutealtp.catalog.index import CatalogIndex
from glutealtp.ranking.presses import ANSWERS, PressPoint, factor, owners, points
from glutealtp.ranking.questions import entropy, leaders, odds
from glutealtp.ranking.rank import rank_among
from glutealtp.ranking.results import Ranking
from glutealtp.vocabulary import PressWho

MAX_PRESSES = 6
"""The most points one exam presses: a model parameter, as `ask`'s question budget is."""
CLEAR_LEAD = 4.0
"""The odds ratio at which the leader is clear and the exam stops (as `ask` stops)."""
MIN_GAIN = 0.01
"""Expected information gain (nats) below which a press is not worth asking for."""


def to_press(
    index: CatalogIndex,
    ranking: Ranking,
    who: PressWho = "self",
    skip: frozenset[str] = frozenset(),
) -> list[PressPoint]:
    """The points the exam may press now: those of the leading muscles (the top group and
    the next two), not pressed yet, that `who` may press (a person never a clinician's)."""
    lead = [r.muscle for r in leaders(ranking)[: sum(r.rank == 1 for r in ranking.results) + 2]]
    done = {p for p, _ in ranking.query.pressed} | skip
    allowed = ("self",) if who == "self" else ("self", "clinician")
    by_muscle: dict[str, list[PressPoint]] = {}
    for p in points(index).values():
        if p.id not in done and p.who in allowed:
            by_muscle.setdefault(p.muscle, []).append(p)
    return [p for m in lead for p in by_muscle.get(m, [])]


class Choice(NamedTuple):
    point: PressPoint
    gain: float


def current_odds(index: CatalogIndex, ranking: Ranking, among: list[str]) -> dict[str, float]:
    """The leaders' odds after the presses so far: their odds on what was reported (not
    capped at a score of 100), each times its muscle's press factors, normalised."""
    query = ranking.query
    n = max(1, len(query.regions) + sum(not index.symptoms[s].red_flag for s in query.symptoms))
    base = odds(rank_among(index, query._replace(pressed=()), among).results, n)
    moved = dict(base)
    owner = owners(index)
    for point, answer in query.pressed:
        muscle = owner[point]
        if muscle in moved:
            moved = _moved(moved, muscle, factor(index, answer))
    return moved


def _moved(shares: dict[str, float], muscle: str, by: float) -> dict[str, float]:
    """The shares with one muscle's multiplied by `by`, normalised again."""
    weights = {m: w * by if m == muscle else w for m, w in shares.items()}
    total = sum(weights.values())
    return {m: w / total for m, w in weights.items()} if total > 0 else shares


def next_press(
    index: CatalogIndex,
    ranking: Ranking,
    who: PressWho = "self",
    skip: frozenset[str] = frozenset(),
) -> Choice | None:
    """The point whose answer is expected to tell the leaders apart best; None when the
    leader is clear, no point is left, or none is worth pressing."""
    lead = leaders(ranking)
    if not lead or len(ranking.query.pressed) >= MAX_PRESSES:
        return None
    top = [r for r in lead if r.rank == 1]
    if len(top) == 1 and any(p.answer == "familiar" for p in top[0].pressed):
        return None  # confirmed, and no other muscle as likely
    among = [r.muscle for r in lead]
    before = current_odds(index, ranking, among)
    ordered = sorted(before.values(), reverse=True)
    if len(ordered) < 2 or ordered[0] >= CLEAR_LEAD * ordered[1]:
        return None
    now = entropy(before.values())
    sc = index.scoring
    best: Choice | None = None
    for point in to_press(index, ranking, who, skip):
        chance = {
            a: sum(
                before[m] * (sc.press_own[a] if m == point.muscle else sc.press_other[a])
                for m in among
            )
            for a in ANSWERS
        }
        total = sum(chance.values())
        expected = 0.0
        for a in ANSWERS:
            after = _moved(before, point.muscle, factor(index, a))
            expected += chance[a] / total * entropy(after.values())
        gain = now - expected
        if gain > MIN_GAIN and (best is None or gain > best.gain + 1e-12):
            best = Choice(point, gain)
    return best


def next_to_press(
    index: CatalogIndex,
    ranking: Ranking,
    who: PressWho,
    skipped: frozenset[str],
    unsure: Mapping[str, int],
) -> Choice | None:
    """`next_press`, past the points skipped and those answered "not sure"; a point answered
    "not sure" once is offered again when no other point is left (a second press often
    tells), never a third time."""
    once = frozenset(p for p, times in unsure.items() if times >= 1)
    twice = frozenset(p for p, times in unsure.items() if times >= 2)
    return next_press(index, ranking, who, skipped | once) or next_press(
        index, ranking, who, skipped | twice
    )
