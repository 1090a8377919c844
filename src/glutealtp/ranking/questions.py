"""The next best question: which unreported region or symptom would best tell the leading
muscles apart, by its expected information gain and how much surer of the leader it would
make the ranking.

Worked out from the catalog and the ranking alone, never written per muscle:

- the *leaders* are the results of the top near-tie group and the next `RUNNERS_UP`
  results (at most `MAX_LEADERS`): the muscles a question should separate;
- their odds (a result's score ^ the number of items reported) make a distribution over
  them; its entropy says how unsure the ranking is of its leader;
- each region and symptom not yet reported, present or absent, that one of the leaders'
  facts names (red flags aside: they are asked on their own) is tried both ways: the
  query is ranked again as if the answer were yes (the item reported) and as if it were
  no (the item absent), among the leaders only;
- the chance of a yes is the leaders' likelihoods of the item, weighed by their odds;
- an item's value is its expected information gain (the entropy now, less the expected
  entropy after the answer) plus `LEAD_WEIGHT` times the expected rise of the largest share
  (the chance that the muscle then leading is the source: the value of the answer for the
  one decision the screen shows). A question that separates the leaders has a high value
  whichever way it is answered; one that all leaders explain alike, or none does, has none.
  The second term gives its due to a rare symptom that would settle the lead: entropy alone
  weighs a likely "no" that shaves every leader a little above it;
- at most `MAX_QUESTIONS` are kept, the most valuable first.

The ranking is *settled* when no single answer, yes or no, would change which muscles lead
(the top group): then there is no question to ask, and the tool says so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from glutealtp.catalog.index import CatalogIndex
from glutealtp.ranking.items import region_item, symptom_item
from glutealtp.ranking.rank import rank
from glutealtp.ranking.results import NextQuestion, Query, Ranking, Result
from glutealtp.ranking.tries import Scored, Tries, top_group
from glutealtp.text import at_place, lower_first
from glutealtp.vocabulary import Kind

RUNNERS_UP = 3
"""Results after the top group that still count as leaders."""
MAX_LEADERS = 10
MAX_QUESTIONS = 3
MIN_GAIN = 0.015
"""An item's value (`LEAD_WEIGHT`) below which a question tells nothing worth asking while
one muscle leads."""
LEAD_WEIGHT = 1.0
"""How much the expected rise of the leading share counts beside the information gain (in
nats): equal parts. A model parameter, not a clinical fact: with it, the interview's leader
agrees with the full questionnaire's more often on the public cases, with no more questions
(benchmarks/ask_length.py)."""
TIE_GAIN = 0.002
"""The same, while several muscles share the lead: a near-tie is worth a question that
separates it even a little."""


def min_gain(ranking: Ranking) -> float:
    """The least information a question must be expected to give to be worth asking."""
    tied = sum(r.rank == 1 for r in ranking.results) > 1
    return TIE_GAIN if tied else MIN_GAIN


class Trial(NamedTuple):
    """An unreported item tried both ways."""

    kind: Kind
    id: str
    gain: float
    """The item's value: expected information gain over the leaders (in nats), plus the
    expected rise of the leading share (`LEAD_WEIGHT`)."""
    yes: float
    """The chance of a yes, from the leaders' likelihoods."""
    favours: tuple[str, ...]
    """The leaders a yes raises (their share of the odds grows), most likely first."""
    over: tuple[str, ...]
    """The leaders it lowers, most likely now first."""
    confirms: bool
    """A yes meets a "confirms" rule of the first muscle it favours."""
    changes_top: bool
    """A yes or a no would change which muscles lead."""


def leaders(ranking: Ranking) -> tuple[Result, ...]:
    """The results worth telling apart: the top group and the next few after it."""
    results = ranking.results
    if not results:
        return ()
    top = sum(r.rank == 1 for r in results)
    return results[: min(MAX_LEADERS, top + RUNNERS_UP)]


def _items(ranking: Ranking) -> int:
    """How many present items the scores are a mean over (red flags are not)."""
    return max(1, len(ranking.query.regions) + len(ranking.query.symptoms))


def odds(results: Sequence[Result | Scored], n: int) -> dict[str, float]:
    """Each result's share of the leaders' odds (score ^ n), normalised to sum to 1."""
    logs = {r.muscle: n * math.log(r.score) if r.score > 0 else -math.inf for r in results}
    top = max(logs.values(), default=-math.inf)
    if top == -math.inf:
        return dict.fromkeys(logs, 1.0 / len(logs)) if logs else {}
    weights = {m: math.exp(v - top) for m, v in logs.items()}
    total = sum(weights.values())
    return {m: w / total for m, w in weights.items()}


def entropy(shares: Iterable[float]) -> float:
    return -sum(p * math.log(p) for p in shares if p > 0)


def candidates(
    index: CatalogIndex,
    query: Query,
    kinds: Iterable[Kind] = ("region", "symptom"),
    near: Iterable[str] | None = None,
) -> Iterable[tuple[Kind, str]]:
    """The items a question could be about: every region and symptom not reported (nor
    answered no), but a region the reported ones are already part of, and a red flag (asked
    about on its own).

    With `near` (muscle ids), only the items one of those muscles' facts names: its regions
    and the regions they are part of, and its symptoms.
    """
    covered = frozenset().union(*(index.ancestors(q) for q in query.regions))
    answered = frozenset(query.absent)
    regions: Iterable[str] = index.regions
    symptoms: Iterable[str] = index.symptoms
    if near is not None:
        muscles = [index.muscles[m] for m in near]
        regions = dict.fromkeys(a for m in muscles for r in m.regions for a in index.ancestors(r))
        symptoms = dict.fromkeys(s for m in muscles for s in m.symptoms)
    if "region" in kinds:
        for region in regions:
            if region not in covered and region not in answered:
                yield "region", region
    if "symptom" not in kinds:
        return
    for symptom in symptoms:
        entry = index.symptoms[symptom]
        if symptom not in query.symptoms and symptom not in answered and not entry.red_flag:
            yield "symptom", symptom


def trials(
    index: CatalogIndex,
    query: Query,
    ranking: Ranking,
    skip: Iterable[str] = (),
    kinds: Iterable[Kind] = ("region", "symptom"),
) -> list[Trial]:
    """Every candidate item tried both ways, most valuable first (ties by kind and id)."""
    lead = leaders(ranking)
    if len(lead) < 2:
        return []
    among = [r.muscle for r in lead]
    n = _items(ranking)
    before = odds(lead, n)
    now = entropy(before.values())
    heads = frozenset(r.muscle for r in lead if r.rank == 1)
    skipped = frozenset(skip)
    tries = Tries(index, query, among)
    out = []
    for kind, ident in candidates(index, query, tuple(kinds), among):
        if ident in skipped:
            continue
        likely = _likelihoods(index, kind, ident, among)
        p_yes = sum(before[m] * likely[m] for m in among)
        yes, n_yes = tries.scores(kind, ident, present=True)
        no, n_no = tries.scores(kind, ident, present=False)
        after_yes, after_no = odds(yes, n + 1), odds(no, n)
        gain = now - p_yes * entropy(after_yes.values()) - (1 - p_yes) * entropy(after_no.values())
        surest = p_yes * max(after_yes.values(), default=0.0) + (1 - p_yes) * max(
            after_no.values(), default=0.0
        )
        gain += LEAD_WEIGHT * (surest - max(before.values()))
        rising = sorted(
            (m for m in among if after_yes.get(m, 0.0) > before[m]),
            key=lambda m: -after_yes.get(m, 0.0),
        )
        falling = sorted((m for m in among if m not in rising), key=lambda m: -before[m])
        confirms = bool(rising) and any(
            rule.kind == "confirms" for r in yes if r.muscle == rising[0] for rule in r.rules
        )
        changes = top_group(index, yes, n_yes) != heads or top_group(index, no, n_no) != heads
        out.append(
            Trial(kind, ident, gain, p_yes, tuple(rising), tuple(falling), confirms, changes)
        )
    out.sort(key=lambda t: (-t.gain, t.kind, t.id))
    return out


def _likelihoods(
    index: CatalogIndex, kind: Kind, ident: str, among: Sequence[str]
) -> dict[str, float]:
    """Each muscle's likelihood of the item (the leak for one whose facts do not name it)."""
    if kind == "region":
        item = region_item(index, ident)
        leak = index.scoring.region_leak
    else:
        item = symptom_item(index, ident)
        leak = index.scoring.symptom_leak
    terms = item.terms
    return {m: terms[m][0].likelihood if m in terms else leak for m in among}


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
    tried = trials(index, query, ranking, skip, kinds)
    settled = not any(t.changes_top for t in tried)
    worth = _distinct(index, [t for t in tried if t.gain > min_gain(ranking) and t.favours])
    if settled and sum(r.rank == 1 for r in ranking.results) == 1:
        return (), True
    questions = tuple(_question(index, t, query.regions) for t in worth[:limit])
    return questions, settled and not worth


def _distinct(index: CatalogIndex, tried: list[Trial]) -> list[Trial]:
    """The trials without a region that holds, or lies in, one already kept: "the hip" and
    "the side of the hip" ask much the same."""
    kept: list[Trial] = []
    for t in tried:
        if t.kind == "region" and any(
            k.kind == "region" and (k.id in index.ancestors(t.id) or t.id in index.ancestors(k.id))
            for k in kept
        ):
            continue
        kept.append(t)
    return kept


def _question(index: CatalogIndex, t: Trial, reported: Iterable[str]) -> NextQuestion:
    name, ask = question_for(index, t.kind, t.id, reported)
    favoured = lower_first(index.muscles[t.favours[0]].name)
    verb = "point strongly to" if t.confirms else "point to"
    over = f" over {lower_first(index.muscles[t.over[0]].name)}" if t.over else ""
    sentence = f"{ask} A yes would {verb} {favoured}{over}."
    return NextQuestion(t.kind, t.id, name, t.favours, t.over, ask, sentence)


def question_for(
    index: CatalogIndex, kind: Kind, ident: str, reported: Iterable[str] = ()
) -> tuple[str, str]:
    """An item's name, and the question that asks about it in plain words: a region part of
    one `reported` is asked about as part of that pain ("Does it include the calf?"), not
    as more pain ("Pain at the calf too?")."""
    if kind == "region":
        name = lower_first(index.regions[ident].name)
        # The closest reported region it is part of: "leg" holds "thigh", which holds it.
        wider = max(
            (r for r in reported if r != ident and r in index.ancestors(ident)),
            key=lambda r: len(index.ancestors(r)),
            default=None,
        )
        if wider is None:
            return index.regions[ident].name, f"Pain {at_place(name)} too?"
        whole = at_place(lower_first(index.regions[wider].name))
        reach = f"reach {name}" if name.startswith("inside ") else f"include the {name}"
        return index.regions[ident].name, f"Does the pain {whole} {reach}?"
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
