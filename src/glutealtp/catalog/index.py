"""The catalog indexed for ranking and look-up (`build.build_index` makes one).

Ids, names and the region hierarchy, each muscle's weighed evidence, the area lists behind
the commonness prior, and the validated records that pictures and `show` print.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from glutealtp.catalog.entries import (
    AreaListEntry,
    MuscleEntry,
    Named,
    RegionEntry,
    Support,
    SymptomEntry,
    SymptomSupport,
    strongest_first,
)
from glutealtp.errors import GlutealtpError
from glutealtp.text import fold, name_key, side_of
from glutealtp.vocabulary import Kind, RelationKind, Tier

if TYPE_CHECKING:
    from glutealtp.catalog import raw


class UnknownName(GlutealtpError, LookupError):
    """A region, symptom or muscle name that the catalog does not know.

    `brief` is the message without the list of valid names: where that list would repeat
    on every line (batch records).
    """

    def __init__(
        self,
        kind: Kind,
        text: str,
        suggestions: list[str],
        valid: list[str],
        label: str | None = None,
        sided: bool = False,
        several: bool = False,
    ) -> None:
        self.kind = kind
        self.text = text
        self.suggestions = suggestions
        self.valid = valid
        named = (" and " if several else " or ").join(repr(s) for s in suggestions)
        hint = f"; did you mean {named}?" if suggestions else ""
        if several:  # "buttock and hip": each a name of its own
            hint = f"; name one {label or kind} at a time: {named}"
        if sided:  # "left buttock": the side is no part of a region's name
            hint += " (a side, left or right, is given apart)"
        self.brief = f"unknown {label or kind} {text!r}{hint}"
        self.code = (
            "unknown-item" if label else "unknown-region" if kind == "region" else "unknown-symptom"
        )
        super().__init__(f"{self.brief} (valid: {', '.join(valid)})")


class Scoring(NamedTuple):
    """The query-time parameters of the dataset's `scoring` block (the rest is in the
    entries: each fact's likelihood)."""

    region_leak: float
    symptom_leak: float
    related_share: Mapping[RelationKind, float]
    unreported_area: float
    commonness: Mapping[Tier, float]
    commonness_boost: float
    near_tie: float
    fit_strong: float
    fit_moderate: float
    region_top: float
    """The most likely a region can be: an essential zone (with the leak)."""
    symptom_top: float
    """The most likely a symptom can be: a signature symptom (with the leak)."""
    scale: float
    """What a perfect region term is divided by, so that scores run from 0 to 100: the
    region's top likelihood times the largest commonness factor."""
    symptom_scale: float
    """The same for a symptom: its top likelihood."""
    press_own: Mapping[str, float] = {}
    """How likely each answer to pressing a trigger point is when its muscle is the source
    (`scoring.press.own`); empty: pressing is not modelled."""
    press_other: Mapping[str, float] = {}
    """The same when another muscle is (`scoring.press.other`)."""


class CatalogIndex:
    """A dataset indexed for ranking: ids, names, the hierarchy and per-muscle evidence,
    plus the validated records that pictures and `show` print."""

    def __init__(
        self,
        *,
        name: str,
        disclaimer: str,
        regions: Mapping[str, RegionEntry],
        symptoms: Mapping[str, SymptomEntry],
        muscles: Mapping[str, MuscleEntry],
        area_lists: tuple[AreaListEntry, ...],
        scoring: Scoring,
        records: Mapping[str, raw.Muscle],
        sources: Mapping[str, raw.Source],
        conditions: Mapping[str, raw.Condition],
        origin: str = "bundled",
        press_safety: tuple[raw.Note, ...] = (),
        press_criteria: tuple[raw.Note, ...] = (),
    ) -> None:
        self.name = name
        self.disclaimer = disclaimer
        self.regions = regions
        self.symptoms = symptoms
        self.muscles = muscles
        self.area_lists = area_lists
        self.scoring = scoring
        self.sources = sources
        """Every source by id, in dataset order."""
        self.conditions = conditions
        """Every condition by id, in dataset order."""
        self.origin = origin
        self.press_safety = press_safety
        """What to tell a person before the first press, each line with its sources."""
        self.press_criteria = press_criteria
        """What a clinician checks at a pressed point (the consensus criteria)."""
        self._records = records
        self._names: dict[Kind, dict[str, str]] = {}
        self._ancestors: dict[str, frozenset[str]] = {}
        self._roots: dict[str, frozenset[str]] = {}
        self._descendants: dict[str, frozenset[str]] = {}
        self._children: dict[str, list[str]] | None = None
        self._postings: dict[str, list[str]] | None = None
        self._named: frozenset[str] | None = None  # the regions some fact names
        self._order: dict[str, int] | None = None
        self._referring: dict[str, dict[str, tuple[Support, ...]]] = {}
        self._linked: dict[str, dict[str, tuple[SymptomSupport, ...]]] = {}
        self._keys: dict[str, dict[str, str]] = {}

    def muscle_record(self, muscle: str) -> raw.Muscle:
        """Everything the dataset says about one muscle, by id (as validated, defaults filled)."""
        return self._records[muscle]

    def ancestors(self, region: str) -> frozenset[str]:
        """The region and every region it is part of (memoised; validation keeps it small)."""
        found = self._ancestors.get(region)
        if found is None:
            parents = [p for p in self.regions[region].parents if p in self.regions]
            # Parents first, iteratively: a deep hierarchy never recurses deeply.
            pending = [p for p in parents if p not in self._ancestors and p != region]
            while pending:
                nxt = pending[-1]
                above = [
                    p
                    for p in self.regions[nxt].parents
                    if p in self.regions and p not in self._ancestors and p != nxt
                ]
                if above:
                    pending.extend(above)
                    continue
                pending.pop()
                self._ancestors[nxt] = frozenset((nxt,)).union(
                    *(self._ancestors[p] for p in self.regions[nxt].parents if p in self.regions)
                )
            found = self._ancestors[region] = frozenset((region,)).union(
                *(self._ancestors[p] for p in parents)
            )
        return found

    def roots(self, region: str) -> frozenset[str]:
        """The top-level regions (areas) the region lies in: itself when it has no parent."""
        found = self._roots.get(region)
        if found is None:
            found = self._roots[region] = frozenset(
                a for a in self.ancestors(region) if not self.regions[a].parents
            )
        return found

    def descendants(self, region: str) -> frozenset[str]:
        """The region and every region below it in the hierarchy (memoised).

        Each region's set is the union of its children's, children first and iteratively:
        asked for every region of a wide hierarchy, the cost grows with the size of the sets.
        """
        found = self._descendants.get(region)
        if found is not None:
            return found
        children = self._children_of()
        pending = [region]
        while pending:
            node = pending[-1]
            below = [c for c in children.get(node, ()) if c not in self._descendants]
            if below:
                pending.extend(below)
                continue
            pending.pop()
            if node not in self._descendants:
                self._descendants[node] = frozenset((node,)).union(
                    *(self._descendants[c] for c in children.get(node, ()))
                )
        return self._descendants[region]

    def children(self, region: str) -> list[str]:
        """The regions directly part of `region`."""
        return self._children_of().get(region, [])

    def _children_of(self) -> dict[str, list[str]]:
        if self._children is None:
            self._children = {}
            for r in self.regions.values():
                for p in r.parents:
                    if p in self.regions and p != r.id:
                        self._children.setdefault(p, []).append(r.id)
        return self._children

    def _muscles_at(self, region: str) -> list[str]:
        """The muscles with a fact naming `region` itself, in catalog order."""
        if self._postings is None:
            self._postings = {}
            for m in self.muscles.values():
                for r in m.regions:
                    self._postings.setdefault(r, []).append(m.id)
            self._named = frozenset(self._postings)
        return self._postings.get(region, [])

    def named_regions(self) -> frozenset[str]:
        """The regions some muscle's fact names."""
        self._muscles_at("")  # builds the postings
        return self._named or frozenset()

    def muscles_naming(self, region: str) -> list[str]:
        """The muscles with a fact naming `region` itself, in catalog order."""
        return self._muscles_at(region)

    def referring(self, region: str) -> Mapping[str, tuple[Support, ...]]:
        """Muscle id -> every fact it has on `region`, a region inside it or a wider region it
        is part of, strongest first, in catalog order (memoised): the muscles a report of
        the region concerns. How much each fact explains is the ranking's to weigh."""
        found = self._referring.get(region)
        if found is not None:
            return found
        supports: dict[str, list[Support]] = {}
        named = self.named_regions()
        postings = self._postings or {}
        near = named.intersection(self.descendants(region)) | named.intersection(
            self.ancestors(region)
        )
        for at in near:
            for muscle in postings[at]:
                supports.setdefault(muscle, []).extend(self.muscles[muscle].regions[at])
        found = {m: strongest_first(supports[m]) for m in self.in_catalog_order(supports)}
        self._referring[region] = found
        return found

    def in_catalog_order(self, muscles: Iterable[str]) -> list[str]:
        """Muscle ids in the dataset's order, in time proportional to how many are given."""
        if self._order is None:
            self._order = {m: i for i, m in enumerate(self.muscles)}
        return sorted(muscles, key=self._order.__getitem__)

    def linked(self, symptom: str) -> Mapping[str, tuple[SymptomSupport, ...]]:
        """Muscle id -> its links to `symptom`, strongest first; only linked muscles (memoised)."""
        found = self._linked.get(symptom)
        if found is None:
            found = self._linked[symptom] = {
                m.id: links for m in self.muscles.values() if (links := m.symptoms.get(symptom))
            }
        return found

    def entries(self, kind: Kind) -> Mapping[str, Named]:
        if kind == "region":
            return self.regions
        if kind == "symptom":
            return self.symptoms
        return self.muscles

    def names(self, kind: Kind) -> dict[str, str]:
        """Every accepted spelling (folded) of `kind`, mapped to its id."""
        if kind not in self._names:
            table: dict[str, str] = {}
            for entry in self.entries(kind).values():
                for name in (entry.id, entry.name, *entry.synonyms):
                    table.setdefault(fold(name), entry.id)
            self._names[kind] = table
        return self._names[kind]

    def ambiguous_red_flag(self, text: str) -> tuple[str, str] | None:
        """(symptom, red flag) when `text` names a symptom that is no red flag but is also a
        word of a red flag's name or synonyms ("numbness": leg numbness, or saddle numbness)."""
        word = fold(text)
        symptom = self.names("symptom").get(word)
        if symptom is None or self.symptoms[symptom].red_flag or not word:
            return None
        for flag in self.symptoms.values():
            if flag.red_flag and any(
                f" {word} " in f" {fold(name)} " for name in (flag.name, *flag.synonyms)
            ):
                return symptom, flag.id
        return None

    def ambiguity(self, text: str) -> str | None:
        """Why `text` is refused as a symptom, naming both meanings (None when it is not
        ambiguous): the red flag is never guessed away, and never assumed."""
        found = self.ambiguous_red_flag(text)
        if found is None:
            return None
        plain, flag = (self.symptoms[s] for s in found)
        return (
            f"{text!r} could mean {plain.id} ({plain.name.lower()}) or {flag.id} "
            f"({flag.name.lower()}, a red flag: seek urgent care); give the one you mean"
        )

    def resolve_item(self, text: str) -> str:
        """The region or symptom id that `text` names (a name that could be either is the
        region's: validation keeps their ids apart, and names rarely meet)."""
        folded = fold(text)
        kinds: tuple[Kind, ...] = ("region", "symptom")
        for kind in kinds:
            ident = self.names(kind).get(folded)
            if ident is not None:
                return ident
        import difflib

        names = {**self.names("symptom"), **self.names("region")}
        close = difflib.get_close_matches(folded, list(names), n=3, cutoff=0.6)
        suggestions = list(dict.fromkeys(names[c] for c in close))
        valid = sorted({*self.regions, *self.symptoms})
        raise UnknownName("region", text, suggestions, valid, "region or symptom")

    def resolve(self, kind: Kind, text: str) -> str:
        """The id that `text` names (an id, name, alias or synonym, in any case)."""
        ident = self.names(kind).get(fold(text))
        if ident is not None:
            return ident
        import difflib

        names = self.names(kind)
        # "my lower back on the left side": the name a person's filler words wrap comes first.
        plain = " ".join(text.split())  # single spaces: the patterns below stay linear
        side, rest = side_of(plain) if kind == "region" else (None, plain)
        wrapped = self._keyed(kind).get(name_key(rest)) if kind == "region" else None
        close = difflib.get_close_matches(fold(text), list(names), n=3, cutoff=0.6)
        suggestions = list(
            dict.fromkeys([*([wrapped] if wrapped else []), *(names[c] for c in close)])
        )
        sided = side is not None or rest != plain  # one side, or both
        several = self._several(kind, rest)
        raise UnknownName(
            kind,
            text,
            several or suggestions,
            sorted(self.entries(kind)),
            sided=sided,
            several=bool(several),
        )

    def _several(self, kind: Kind, text: str) -> list[str]:
        """The ids of a list of names given as one ("buttock and hip", "buttock, hip"), when
        every piece names one; else none."""
        import re

        pieces = [p for p in re.split(r"\s*(?:[,;/&+]|\band\b)\s*", text) if p.strip()]
        if len(pieces) < 2:
            return []
        names, keyed = self.names(kind), self._keyed(kind)
        found = [names.get(fold(p)) or keyed.get(name_key(p)) for p in pieces]
        return [f for f in dict.fromkeys(found) if f] if all(found) else []

    def _keyed(self, kind: Kind) -> dict[str, str]:
        """Each name's key without filler words (`text.name_key`) -> its id, where only one
        thing has that key (memoised)."""
        if kind not in self._keys:
            table: dict[str, str] = {}
            clashes: set[str] = set()
            for entry in self.entries(kind).values():
                for name in (entry.id, entry.name, *entry.synonyms):
                    key = name_key(name)
                    if table.setdefault(key, entry.id) != entry.id:
                        clashes.add(key)
            self._keys[kind] = {k: v for k, v in table.items() if k and k not in clashes}
        return self._keys[kind]
