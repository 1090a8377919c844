"""What pressing a trigger point says, and which point to press next.

A clinician confirms a trigger point by pressing it: the person's familiar pain marks it
active, tenderness alone latent, nothing counts against it (the Delphi consensus,
Fernández-de-las-Peñas and Dommerholt, Pain Medicine 2018). Each answer moves the point's
muscle by how much likelier it is when that muscle is the source of the pain than when
another is (`scoring.press`, a model parameter): the factor multiplies the muscle's odds,
so its score (a mean over the present items) moves by the factor ^ (1 / items).

Which point to press next is `exam`'s.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple, get_args

from glutealtp.catalog.index import CatalogIndex, UnknownName
from glutealtp.errors import GlutealtpError
from glutealtp.ranking.memo import View
from glutealtp.ranking.results import PointAnswer, Pressed, Query, Result
from glutealtp.ranking.score import fit_word
from glutealtp.text import fold
from glutealtp.vocabulary import PressAnswer, PressWho

ANSWERS: tuple[PressAnswer, ...] = get_args(PressAnswer)


class PressPoint(NamedTuple):
    """A trigger point the exam may ask the person (or clinician) to press."""

    id: str
    muscle: str
    muscle_name: str
    name: str
    who: PressWho
    find: str
    press: str | None
    sources: tuple[str, ...]
    """The ids of the sources of where to find it and how to press it."""


class BadPress(GlutealtpError, ValueError):
    """A press answer that is not one of familiar, tender or none, or a point pressed twice
    with different answers."""

    code = "contradiction"


def points(index: CatalogIndex) -> dict[str, PressPoint]:
    """Every trigger point with palpation guidance the exam can use, by id, in data order:
    a `self` one has a sourced location; a `clinician` one may have none (the clinician
    knows the approach)."""
    found: dict[str, PressPoint] = {}
    for muscle, entry in index.muscles.items():
        for tp in index.muscle_record(muscle)["trigger_points"]:
            p = tp.get("palpation")
            if p is None:
                continue
            sources = tuple(dict.fromkeys([*p["find_sources"], *p["press_sources"]]))
            found[tp["id"]] = PressPoint(
                tp["id"],
                muscle,
                entry.name,
                tp["name"],
                p["who"],
                p["find"] or "",
                p["press"],
                sources,
            )
    return found


def owners(index: CatalogIndex) -> dict[str, str]:
    """Every trigger point's muscle, by trigger-point id."""
    return {
        tp["id"]: muscle
        for muscle in index.muscles
        for tp in index.muscle_record(muscle)["trigger_points"]
    }


def resolve(index: CatalogIndex, given: Iterable[tuple[str, str]]) -> tuple[PointAnswer, ...]:
    """The pressed points as the query keeps them: ids (any case), each once, sorted.
    Raises `UnknownName` (with the closest ids) and `BadPress`."""
    known = owners(index)
    folded = {fold(t): t for t in known}
    out: dict[str, PressAnswer] = {}
    for name, answer in given:
        ident = folded.get(fold(name))
        if ident is None:
            import difflib

            close = difflib.get_close_matches(fold(name), list(folded), n=3, cutoff=0.6)
            suggestions = [folded[c] for c in close]
            raise UnknownName("muscle", name, suggestions, sorted(known), label="trigger point")
        word = answer.strip().lower()
        if word not in ANSWERS:
            raise BadPress(
                f"pressing {ident!r}: answer {answer!r} is not one of {', '.join(ANSWERS)}",
                code="wrong-type",
            )
        if out.get(ident, word) != word:
            raise BadPress(f"{ident!r} is given as pressed twice, with different answers")
        out[ident] = word
    return tuple(PointAnswer(p, a) for p, a in sorted(out.items()))


def factor(index: CatalogIndex, answer: PressAnswer) -> float:
    """How much an answer multiplies the odds of the pressed point's muscle."""
    sc = index.scoring
    return sc.press_own[answer] / sc.press_other[answer]


def pressed_by_muscle(index: CatalogIndex, query: Query) -> dict[str, list[Pressed]]:
    """The query's pressed points, with their factors, by the muscle they belong to."""
    owner = owners(index)
    names = {
        tp["id"]: tp["name"]
        for m in {owner[p] for p, _ in query.pressed}
        for tp in index.muscle_record(m)["trigger_points"]
    }
    mine: dict[str, list[Pressed]] = {}
    for point, answer in query.pressed:
        f = factor(index, answer)
        mine.setdefault(owner[point], []).append(Pressed(point, names[point], answer, round(f, 4)))
    return mine


def moved(score: float, pressed: Sequence[Pressed], n: int) -> float:
    """A score moved by the presses of its muscle's points (uncapped: 0 means no match)."""
    log = sum(math.log(p.factor) for p in pressed)
    return round(score * math.exp(log / max(n, 1)), 1)


def apply(index: CatalogIndex, query: Query, views: list[View], n: int) -> list[View]:
    """The views with each pressed point's answer applied to its muscle's result."""
    if not query.pressed:
        return views
    mine = pressed_by_muscle(index, query)
    out = []
    for v in views:
        pressed = mine.get(v.muscle)
        if not pressed:
            out.append(v)
            continue
        to = moved(v.result.score, pressed, n)
        if to <= 0.0:  # pressed out of the running: no match, as any score of 0
            continue
        score = min(100.0, to)
        result = v.result._replace(score=score, fit=fit_word(index, score), pressed=tuple(pressed))
        # Ordered (and near-ties judged) by the moved score: a confirmed muscle past 100 is
        # shown at 100 but still stands apart from one just under it.
        out.append(View(-to, v.muscle, result))
    return out


def confirmed(result: Result) -> tuple[Pressed, ...]:
    """The presses that confirm the result's muscle: its familiar pain brought on."""
    return tuple(p for p in result.pressed if p.answer == "familiar")


def pressed_words(results: Sequence[Result]) -> list[str]:
    """One line per pressed point, in words: "piriformis, outside trigger point: familiar pain"."""
    said = {"familiar": "the familiar pain", "tender": "tender only", "none": "nothing"}
    return [f"{r.name}, {p.name}: {said[p.answer]}" for r in results for p in r.pressed]
