"""The adaptive questionnaire behind `glutealtp ask`: which question to ask next, no I/O.

After "Where does it hurt?", the three red-flag questions come first, always, and then the
plain meaning of a word that could also name a red flag ("numbness"). Then each
question is the next best one for what has been answered so far (`questions.suggest`): the
symptom that would best tell the leading muscles apart (where it hurts has just been asked).
It stops when no remaining question could change the top result, or after `MAX_ASKED`
questions. "Not sure" leaves the item out and moves on; what was never asked is listed at the
end, so the person can add it with `which`.
"""

from __future__ import annotations

from typing import NamedTuple

from glutealtp.ask.answers import Reply
from glutealtp.catalog.index import CatalogIndex
from glutealtp.questions import suggest
from glutealtp.rank import make_query, rank
from glutealtp.results import Query
from glutealtp.vocabulary import Kind

MAX_ASKED = 9
"""Questions asked after the red flags, at most."""


class Asked(NamedTuple):
    """One question of the interview: what it is about, its words, and why it is asked."""

    kind: Kind
    id: str
    text: str
    red_flag: bool
    why: str = ""
    """What a yes would tell ("That would point strongly to piriformis over gluteus minimus.")."""
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
        self.limit = limit
        self.answers: list[tuple[Asked, Reply]] = []
        self.settled = False
        """True once no remaining question could change the top result."""
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
    def query(self) -> Query | None:
        """What has been reported so far (None while nothing has)."""
        if not self.regions and not self.symptoms:
            return None
        return make_query(self.index, self.regions, self.symptoms)

    def next(self) -> Asked | None:
        """The next question, or None when the interview is over."""
        asked = {a.id for a, _ in self.answers}
        for flag in self._up_front:
            if flag.id not in asked:
                return flag
        adaptive = [a for a, _ in self.answers if not a.red_flag and a.id not in self._first]
        query = self.query
        if len(adaptive) >= self.limit:
            return None
        if query is None:
            return self._opening(asked)
        # Where it hurts has just been asked: the questions are about how it behaves.
        ranking = rank(self.index, query)
        questions, self.settled = suggest(self.index, query, ranking, asked, ("symptom",), limit=1)
        if not questions:
            return None
        best = questions[0]
        why = best.sentence[len(best.question) :].strip()
        return Asked(best.kind, best.id, best.question, False, why, best.favours[0])

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
        """Record a reply: a yes adds the item to what was reported; no and not sure do not."""
        self.answers.append((question, reply))
        if reply is Reply.yes:
            (self.regions if question.kind == "region" else self.symptoms).append(question.id)

    def unsure(self) -> list[Asked]:
        return [a for a, r in self.answers if r is Reply.unsure]

    def skipped(self) -> list[str]:
        """The ids of the symptoms never asked about (what `which -s` takes): they would not
        have changed the ranking's top (or the interview stopped)."""
        asked = {a.id for a, _ in self.answers}
        said = set(self.symptoms)
        return [
            s.id
            for s in self.index.symptoms.values()
            if not s.red_flag and s.id not in asked and s.id not in said
        ]
