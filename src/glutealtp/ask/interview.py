"""The adaptive questionnaire behind `glutealtp ask`: which question to ask next, no I/O.

After "Where does it hurt?", the three red-flag questions come first, always, and then the
plain meaning of a word that could also name a red flag ("numbness"). A red flag answered
yes stops the questions about how the pain behaves (unless a clinician chooses to go on):
urgent care comes first. Then each question is the one of most value (`questions.trials`:
expected information gain over the leading muscles, and how much surer of the leader the
answer is expected to make the ranking): a question about how the
pain behaves, or, when none would tell the leaders apart, about another place. Every
answer is evidence: yes adds the item, no adds it as absent, "not sure" adds nothing.

It stops when the leader is clear (its odds at least `CLEAR_LEAD` times the runner-up's),
when no answer could change which muscles lead, or after `MAX_ASKED` questions; never on a
near-tie that a question could still separate, within the budget.
"""

from __future__ import annotations

import math
from typing import Literal, NamedTuple

from glutealtp.ask.answers import Reply
from glutealtp.catalog.index import CatalogIndex
from glutealtp.ranking.questions import Trial, min_gain, question_for, trials
from glutealtp.ranking.rank import make_query, rank
from glutealtp.ranking.results import Query, Ranking
from glutealtp.vocabulary import Kind

MAX_ASKED = 12
"""Questions asked after the red flags, at most."""
CLEAR_LEAD = 4.0
"""The odds ratio of the leader to the runner-up at which the leader is clear and the
questions stop: "substantial" evidence on Jeffreys' scale (Kass and Raftery, "Bayes Factors",
Journal of the American Statistical Association 90(430), 1995: 3.2 to 10). A model
parameter, not a clinical fact."""

Stop = Literal["clear", "settled", "budget", "red-flag"]
"""Why the questions stopped: the leader is clear, no answer could change the leaders, the
budget is spent, or a red flag was answered yes."""


class Asked(NamedTuple):
    """One question of the interview: what it is about, its words, and why it is asked."""

    kind: Kind
    id: str
    text: str
    red_flag: bool
    why: str = ""
    """What a yes would tell ("A yes would point to piriformis over gluteus minimus.")."""
    why_for: str = ""
    """The muscle a yes would point to first."""


class Interview:
    """One person's answers so far, and the question to ask next."""

    def __init__(
        self,
        index: CatalogIndex,
        regions: tuple[str, ...] = (),
        symptoms: tuple[str, ...] = (),
        limit: int = MAX_ASKED,
        first: tuple[str, ...] = (),
    ) -> None:
        """`first` are symptoms asked right after the red flags, whatever the ranking: the
        plain meaning of an ambiguous word ("numbness": down the leg, or the saddle area)."""
        self.index = index
        self.regions = list(regions)
        self.symptoms = list(symptoms)
        self.absent: list[str] = []
        self.limit = limit
        self.answers: list[tuple[Asked, Reply]] = []
        self.stopped: Stop | None = None
        """Why the questions about how it behaves ended (None while they go on)."""
        self.go_on = False
        """Set when the person chose to go on after a red flag (a clinician, say)."""
        said = set(symptoms)
        self._up_front = [
            Asked("symptom", s.id, s.question, True)
            for s in index.symptoms.values()
            if s.red_flag and s.id not in said
        ]
        self._first = frozenset(first)
        self._up_front += [
            Asked("symptom", s, index.symptoms[s].question, False)
            for s in dict.fromkeys(first)
            if s not in said and not index.symptoms[s].red_flag
        ]

    @property
    def settled(self) -> bool:
        """Whether the questions stopped because the ranking could not change or was clear."""
        return self.stopped in ("clear", "settled")

    @property
    def red_flag(self) -> bool:
        """Whether a red flag was reported or answered yes."""
        return any(self.index.symptoms[s].red_flag for s in self.symptoms)

    @property
    def query(self) -> Query | None:
        """What has been reported so far (None while nothing has)."""
        if not self.regions and not self.symptoms:
            return None
        return make_query(self.index, self.regions, self.symptoms, self.absent)

    def asked(self) -> set[str]:
        return {a.id for a, _ in self.answers}

    def next(self) -> Asked | None:
        """The next question, or None when the interview is over."""
        asked = self.asked()
        for flag in self._up_front:
            if flag.red_flag and flag.id not in asked:
                return flag
        if self.red_flag and not self.go_on:
            self.stopped = "red-flag"
            return None
        for plain in self._up_front:
            if plain.id not in asked:
                return plain
        adaptive = [a for a, _ in self.answers if not a.red_flag and a.id not in self._first]
        if len(adaptive) >= self.limit:
            self.stopped = "budget"
            return None
        query = self.query
        if query is None:
            return self._opening(asked)
        ranking = rank(self.index, query)
        if clear(ranking):
            self.stopped = "clear"
            return None
        best = self._best(query, ranking, asked)
        if best is None:
            self.stopped = "settled"
            return None
        name, text = question_for(self.index, best.kind, best.id, query.regions)
        del name
        muscle = self.index.muscles[best.favours[0]].name if best.favours else ""
        over = self.index.muscles[best.over[0]].name if best.over else ""
        why = f"A yes would point to {muscle.lower()}" + (f" over {over.lower()}." if over else ".")
        return Asked(best.kind, best.id, text, False, why if muscle else "", muscle)

    def _best(self, query: Query, ranking: Ranking, asked: set[str]) -> Trial | None:
        """The most informative question about how the pain behaves (where it hurts was
        asked on the map, where the person named every place at once)."""
        kinds: tuple[Kind, ...] = ("symptom",)
        found = trials(self.index, query, ranking, asked, kinds)
        useful = [t for t in found if t.gain > min_gain(ranking)]
        return useful[0] if useful else None

    def _opening(self, asked: set[str]) -> Asked | None:
        """With nothing reported yet there is no ranking to separate: ask first about the
        symptom the most muscles give, so that a yes narrows the catalog the most."""
        left = [
            s
            for s in self.index.symptoms.values()
            if not s.red_flag and s.id not in asked and self.index.linked(s.id)
        ]
        if not left:
            return None
        best = max(left, key=lambda s: len(self.index.linked(s.id)))
        return Asked("symptom", best.id, best.question, False)

    def answer(self, question: Asked, reply: Reply) -> None:
        """Record a reply: yes adds the item, no adds it as absent, not sure adds nothing."""
        self.answers.append((question, reply))
        if reply is Reply.yes:
            (self.regions if question.kind == "region" else self.symptoms).append(question.id)
        elif reply is Reply.no:
            self.absent.append(question.id)

    def unsure(self) -> list[Asked]:
        return [a for a, r in self.answers if r is Reply.unsure]


def clear(ranking: Ranking) -> bool:
    """Whether the leader is clear: alone at the top, with odds at least `CLEAR_LEAD` times
    the runner-up's (or no runner-up)."""
    results = ranking.results
    if not results or (len(results) > 1 and results[1].rank == 1):
        return False
    if len(results) == 1:
        return True
    n = max(1, len(ranking.query.regions) + len(ranking.query.symptoms))
    first, second = results[0].score, results[1].score
    if second <= 0:
        return True
    return n * math.log(first / second) >= math.log(CLEAR_LEAD)
