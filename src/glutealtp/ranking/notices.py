"""What a ranking says first: the red flags reported (seek care before anything else), the
advice a reported symptom carries (have numbness down the leg assessed), then the regions
and symptoms no muscle in the catalog explains."""

from __future__ import annotations

from collections.abc import Iterable

from glutealtp.catalog.entries import SymptomEntry
from glutealtp.catalog.index import CatalogIndex
from glutealtp.ranking.results import Query, RankingWarning
from glutealtp.text import fold

RED_FLAG = "RED FLAG: "
"""How a red-flag warning's message begins."""
URGENT = "RED FLAG: seek urgent care first"
"""The title of the box a red flag is shown in, on every screen and page."""


def red_flags_among(index: CatalogIndex, symptoms: Iterable[object]) -> tuple[RankingWarning, ...]:
    """The red-flag warnings of the names among `symptoms` that name a red flag, whatever
    else they hold (unknown names, or not strings): a query refused for another reason
    must not hide a red flag."""
    names = index.names("symptom")
    found = (names.get(fold(s)) for s in symptoms if type(s) is str)
    return tuple(
        _red_flag(index.symptoms[s])
        for s in dict.fromkeys(f for f in found if f is not None)
        if index.symptoms[s].red_flag
    )


def _red_flag(s: SymptomEntry) -> RankingWarning:
    return RankingWarning("red-flag", s.id, f"{RED_FLAG}{s.name}. {s.advice or ''}".strip())


def notices(
    index: CatalogIndex,
    query: Query,
    unexplained_regions: tuple[str, ...],
    unexplained_symptoms: tuple[str, ...],
) -> tuple[RankingWarning, ...]:
    """A ranking's warnings: red flags first, then the regions and symptoms no muscle
    explains."""
    reported = [index.symptoms[s] for s in query.symptoms]
    red_flags = [s for s in reported if s.red_flag]
    assess = [s for s in reported if s.advice and not s.red_flag]
    if not red_flags and not assess and not unexplained_regions and not unexplained_symptoms:
        return ()
    return (
        *(_red_flag(s) for s in red_flags),
        *(RankingWarning("assess", s.id, s.advice or "") for s in assess),
        *(
            RankingWarning(
                "unexplained-region",
                q,
                f"No muscle in the catalog refers pain to {index.regions[q].name}.",
            )
            for q in unexplained_regions
        ),
        *(
            RankingWarning(
                "unexplained-symptom",
                s,
                f"No muscle in the catalog is linked to {index.symptoms[s].name.lower()}.",
            )
            for s in unexplained_symptoms
        ),
    )
