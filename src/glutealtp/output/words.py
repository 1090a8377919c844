"""The ranking in plain words: what a muscle explains, why, and what to check next.

Pure functions from the catalog and a ranking to sentences, shared by the terminal, the CSV
and the handout, so that every medium says the same thing in the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from glutealtp.catalog.entries import Support, SymptomSupport
from glutealtp.catalog.index import CatalogIndex
from glutealtp.ranking.notices import URGENT as URGENT  # the red-flag box title, re-exported
from glutealtp.ranking.results import AlsoCheck, Evidence, Ranking, Result
from glutealtp.text import at_place
from glutealtp.text import lower_first as lower_first  # where the output layer finds it
from glutealtp.vocabulary import RelationKind

if TYPE_CHECKING:
    from glutealtp.catalog import raw  # its TypedDicts cost a cold `which` 1.7 ms

RELATIONS: dict[RelationKind, str] = {
    "co-occurs-with": "often active together with {}",
    "has-satellite": "can set off trigger points in {}",
    "satellite-of": "often gets trigger points from {}",
    "treated-together": "usually treated together with {}",
}
"""How an "also check" relation reads, with the related muscle's name."""

URGENT_UNSURE = "RED FLAG? Not sure: have it checked promptly"
"""The title of the box a red flag the person was unsure of is shown in."""
CLINICIAN = (
    "For your clinician: the muscles below may explain the rest of the pain. They do not "
    "explain the red-flag symptom above: have that checked first."
)
UNSURE_RED_FLAG = (
    "If you are not sure, have it checked promptly by a doctor or urgent-care service."
)


def join_and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_WHOLE = re.compile(r"\s+of the (?:whole )?(?:muscle|group)\b", flags=re.I)
"""A name's "of the muscle": after "its", the muscle is said already."""
_PART = re.compile(r"\bof the part\s+", flags=re.I)
_OF_NAMED = re.compile(r"^(trigger points?) of (?!the\b)(.+)$", flags=re.I)
""""Trigger points of longus and brevis": the part's name goes first."""


def trigger_point_words(name: str | None) -> str:
    """A trigger point as a sentence names it, after "of": "its inside trigger point", "its
    other trigger points" (not "its other trigger points of the muscle"), "its trigger points
    behind the hip", "its longus and brevis trigger points"."""
    if not name:
        return "its trigger points"
    short = re.sub(r"\s*\([^)]*\)", "", name).strip()
    short = _PART.sub("", _WHOLE.sub("", short)).strip()
    named = _OF_NAMED.match(short)
    if named:
        short = f"{named.group(2)} {named.group(1).lower()}"
    return "its " + lower_first(short)


def region_name(index: CatalogIndex, region: str) -> str:
    entry = index.regions.get(region)
    return lower_first(entry.name) if entry else region


def symptom_name(index: CatalogIndex, symptom: str) -> str:
    entry = index.symptoms.get(symptom)
    return lower_first(entry.name) if entry else symptom


def condition_name(index: CatalogIndex, condition: str) -> str:
    entry = index.conditions.get(condition)
    return lower_first(entry["name"]) if entry else condition


def _condition_link(index: CatalogIndex, muscle: str, condition: str) -> str:
    conditions = index.muscle_record(muscle)["conditions"]
    links = [c["link"] for c in conditions if c["condition"] == condition]
    return "a condition it can mimic" if links[:1] == ["mimics"] else "a condition it can cause"


def why(index: CatalogIndex, muscle: str, item: str, fact: Support | SymptomSupport) -> str:
    """One fact behind a match, in words: "main zone of its inside trigger point"."""
    if isinstance(fact, SymptomSupport):
        if fact.via_condition:
            name = condition_name(index, fact.via_condition)
            return f"only through {name}, {_condition_link(index, muscle, fact.via_condition)}"
        return "its typical complaint" if fact.signature else "the sources link it to this"
    where = "" if fact.region == item else f" ({at_place(region_name(index, fact.region))})"
    if fact.kind == "zone":
        zone = "main zone" if fact.extent == "essential" else "spillover zone"
        return f"{zone} of {trigger_point_words(fact.trigger_point_name)}{where}"
    if fact.kind == "statement":
        who = "a source says" if fact.single_source else "the sources say"
        return f"{who} it refers pain there{where}"
    name = condition_name(index, fact.condition or "")
    link = _condition_link(index, muscle, fact.condition or "")
    return f"only through {name}, {link}{where}"


def explains(index: CatalogIndex, result: Result) -> list[str]:
    """What a muscle explains, a line per reported item ("buttock: main zone of ..."), then
    what counts against it."""
    lines = []
    for e in result.region_evidence:
        part = " (covers part of it)" if e.coverage < 1.0 else ""
        lines.append(f"{region_name(index, e.id)}: {_strongest(index, result.muscle, e)}{part}")
    for s in result.symptom_evidence:
        lines.append(f"{symptom_name(index, s.id)}: {_strongest(index, result.muscle, s)}")
    for rule in result.rules_met:
        # A rule that lifts nothing (its zones already count in full) is said to, not hidden.
        adds = "" if rule.multiplier > 1.0 else "; its zones already count it in full"
        lines.append(f"rule met ({rule.kind}{adds}): {rule.statement}")
    lines += pressed_lines(result)
    only = [_item_name(index, i) for i in result.only_for]
    if only:
        lines.append(f"the only muscle in the catalog for {join_and(only)}")
    lines += against(index, result)
    return lines


PRESS_WORDS = {
    "familiar": "confirmed by pressure: pressing {} brought on the familiar pain",
    "tender": "pressed: {} was tender only, not the familiar pain (latent)",
    "none": "against it: pressing {} brought on nothing",
}
"""How an answer to pressing one of the muscle's trigger points reads."""


def pressed_lines(result: Result) -> list[str]:
    """The muscle's pressed trigger points and their answers, in words."""
    return [PRESS_WORDS[p.answer].format(trigger_point_words(p.name)) for p in result.pressed]


def against(index: CatalogIndex, result: Result) -> list[str]:
    """What counts against a muscle, in words: an item the person does not have that its
    trigger points would likely give, or a main zone of it they did not mention."""
    lines = []
    for a in result.against:
        if a.kind == "unreported-area":
            lines.append(
                f"not reported, but it usually also hurts {at_place(region_name(index, a.id))}"
            )
        elif a.kind == "absent-region":
            lines.append(f"against it: no pain {at_place(region_name(index, a.id))}")
        else:
            lines.append(f"against it: said no to {symptom_name(index, a.id)}")
    return lines


def _strongest(
    index: CatalogIndex, muscle: str, e: Evidence[Support] | Evidence[SymptomSupport]
) -> str:
    if not e.via:
        return "linked"
    text = why(index, muscle, e.id, e.via[0])
    disputes = disputed(index, muscle, e.via[0])
    return f"{text}; disputed: {' '.join(disputes)}" if disputes else text


def disputed(index: CatalogIndex, muscle: str, fact: Support | SymptomSupport) -> list[str]:
    """What sources say against the fact behind a match, where the dataset keeps a
    disagreement (coccyx.org against Dr. Perry on gluteus maximus and sitting): shown where
    the fact is used, not only by `show`."""
    record = index.muscle_record(muscle)
    facts: list[raw.Sourced]
    if isinstance(fact, SymptomSupport):
        if fact.via_condition:
            return []
        facts = [link for link in record["symptoms"] if link["symptom"] == fact.symptom]
    elif fact.kind == "statement":
        facts = [st for st in record["refers_to"] if fact.region in st["regions"]]
    else:
        facts = [
            z
            for tp in record["trigger_points"]
            if tp["id"] == fact.trigger_point
            for z in tp["zones"]
            if z["region"] == fact.region and fact.kind == "zone"
        ]
    return [d["text"] for f in facts for d in f["disputed_by"]]


def _item_name(index: CatalogIndex, item: str) -> str:
    return region_name(index, item) if item in index.regions else symptom_name(index, item)


def also_check(checks: Iterable[AlsoCheck]) -> list[str]:
    """The relations that apply to what was reported, in words, one phrase per relation:
    "often active together with adductor magnus, pectineus"."""
    grouped: dict[RelationKind, list[str]] = {}
    for a in checks:
        if a.applies:
            grouped.setdefault(a.relation, []).append(lower_first(a.name))
    return [RELATIONS[kind].format(", ".join(names)) for kind, names in grouped.items()]


def score_words(result: Result) -> str:
    return f"{result.score:.1f} {result.fit}"


def rank_words(result: Result) -> str:
    """The rank as shown: "=2" when it fits about as well as another result."""
    return f"={result.rank}" if result.tied else str(result.rank)


def would_confirm(index: CatalogIndex, ranking: Ranking, result: Result) -> str | None:
    """What else, reported, would meet one of the muscle's rules: "pain in the ... would
    confirm it"; None when no rule is left to meet."""
    met = {m.id for m in result.rules_met}
    reported = {*ranking.query.regions, *ranking.query.symptoms}
    best: tuple[int, list[str], str] | None = None
    for rule in index.muscles[result.muscle].rules:
        if rule.id in met:
            continue
        missing = [i for i in (*rule.regions, *rule.symptoms) if i not in reported]
        if not missing:
            continue
        key = (len(missing) + (rule.kind != "confirms"), missing, rule.kind)
        if best is None or key[0] < best[0]:
            best = key
    if best is None:
        return None
    _, missing, kind = best
    names = [_reported_as(index, i) for i in missing]
    verb = "would point strongly to it" if kind == "confirms" else "would support it"
    return f"{join_and(names)} {verb}"


def _reported_as(index: CatalogIndex, item: str) -> str:
    if item in index.regions:
        name = region_name(index, item)
        return f"pain {name}" if name.startswith("inside") else f"pain in the {name}"
    return symptom_name(index, item)


def summary_line(index: CatalogIndex, ranking: Ranking) -> str:
    """The ranking in one sentence: the best match, its fit, what it explains."""
    if not ranking.results:
        return "No muscle in the catalog explains what was reported."
    top = [r for r in ranking.results if r.rank == 1]
    best = top[0]
    items = [region_name(index, r) for r in best.regions_explained]
    items += [symptom_name(index, s) for s in best.symptoms_explained]
    if len(top) == 1 and best.tied:  # the others of its group were cut (--top)
        return f"{best.name} and others fit about equally well; more results show them."
    if len(top) > 1:
        same = all(_explained(r) == _explained(best) for r in top)
        what = f"; each explains {join_and(items)}" if same and items else ""
        if any(" and " in r.name for r in top):  # "and" inside a name: list them apart
            names = "; ".join(lower_first(r.name) for r in top)
            return f"These fit about equally well: {names}{what}."
        names = join_and([top[0].name, *(lower_first(r.name) for r in top[1:])])
        return f"{names} fit about equally well{what.replace('; each', ': each')}."
    what = join_and(items) or "what was reported"
    if not ranking.query.regions:  # how it behaves alone: no referral pattern to match
        return (
            f"Most linked to {what}: {best.name}. No place of pain was given: where it"
            " hurts is what ranks the muscles by the pain they refer."
        )
    line = f"Best match: {best.name}, {best.fit} fit: explains {what}"
    if any(p.answer == "familiar" for p in best.pressed):
        return f"{line}; confirmed by pressure (the familiar pain brought on)."
    confirm = would_confirm(index, ranking, best)
    return f"{line}; {confirm}." if confirm else f"{line}."


def _explained(result: Result) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return result.regions_explained, result.symptoms_explained


def legend(index: CatalogIndex, ranking: Ranking) -> str:
    s = index.scoring
    tie = ""
    if any(r.tied for r in ranking.results):
        q = ranking.query
        n = max(1, len(q.regions) + sum(not index.symptoms[x].red_flag for x in q.symptoms))
        # The near-tie margin is on the odds of everything reported; a score is a mean per
        # item, so the margin on scores is its n-th root: said as a share a reader can check.
        share = round(100 / s.near_tie ** (1 / n))
        tie = (
            " =N: these fit about equally well and share a rank (each scores about"
            f" {share}% or more of the first of its group)."
        )
    return (
        "Score 0-100: how well the muscle's trigger points explain what was reported, and how "
        f"often the references name it for that pain (strong from {s.fit_strong:g}, moderate "
        f"from {s.fit_moderate:g}); not a probability.{tie}"
    )


def catalog_line(index: CatalogIndex) -> str:
    return (
        f"The catalog holds {len(index.muscles)} muscles; muscles outside it can refer pain "
        "there too."
    )


def reported(index: CatalogIndex, ranking: Ranking) -> str:
    """What was asked, by name: "Pain reported: buttock, hip. How it behaves: ..."."""
    q = ranking.query
    red = {s for s in q.symptoms if index.symptoms[s].red_flag}
    parts = []
    if q.regions:
        parts.append("Pain reported: " + join_and([region_name(index, r) for r in q.regions]))
    behaves = [symptom_name(index, s) for s in q.symptoms if s not in red]
    if behaves:
        parts.append("How it behaves: " + join_and(behaves))
    said_no = [
        _item_name(index, a)
        for a in q.absent
        if a in index.regions or not index.symptoms[a].red_flag
    ]
    if said_no:
        parts.append("Said no to: " + join_and(said_no))
    if red:
        parts.append("Red flag: " + join_and([symptom_name(index, s) for s in sorted(red)]))
    return ". ".join(parts) + "."


def also_linked(index: CatalogIndex, ranking: Ranking) -> list[str]:
    """The muscles linked to what was reported that are not ranked, in words: a heading and
    one line each ("piriformis: groin (only through piriformis syndrome, ...)")."""
    if not ranking.also_linked:
        return []
    lines = [
        "Also linked to what you reported, but not ranked (they explain none of the"
        " places reported, or reach them only through a condition):"
    ]
    for a in ranking.also_linked:
        evidence: list[Evidence[Support] | Evidence[SymptomSupport]] = [
            *a.region_evidence,
            *a.symptom_evidence,
        ]
        why = [f"{_item_name(index, e.id)} ({_strongest(index, a.muscle, e)})" for e in evidence]
        lines.append(f"- {lower_first(a.name)}: {'; '.join(why)}")
    return lines


def next_questions(ranking: Ranking) -> list[str]:
    """The lines about what would tell the leading muscles apart (empty when none apply)."""
    if ranking.next_questions:
        return [
            "Would help to tell them apart:",
            *(f"- {q.sentence}" for q in ranking.next_questions[:3]),
        ]
    if ranking.settled and ranking.results:
        return ["No single answer would put another of the matching muscles first."]
    return []


def muscle_names(index: CatalogIndex) -> tuple[str, ...]:
    """Every muscle's name: what a screen keeps on one line (`Document.whole`)."""
    return tuple(m.name for m in index.muscles.values())


def has_red_flag(ranking: Ranking) -> bool:
    return any(w.kind == "red-flag" for w in ranking.warnings)


def leading(ranking: Ranking, when: str = "now") -> str | None:
    """The leading muscles in one line ("Leading now, about equally: piriformis and
    gluteus minimus"), or None when nothing is ranked."""
    top = [r.name for r in ranking.results if r.rank == 1]
    if not top:
        return None
    listed = [top[0], *(lower_first(n) for n in top[1:])]
    # "and" inside a name ("Semitendinosus and semimembranosus"): list them apart.
    names = (
        "; ".join(listed) if len(top) > 1 and any(" and " in n for n in top) else join_and(listed)
    )
    return (
        f"Leading {when}: {names}" if len(top) == 1 else f"Leading {when}, about equally: {names}"
    )
