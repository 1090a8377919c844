"""The dataset's `scoring` block: the ranking's model parameters, kept with the data so a
clinic can tune them, with the bounds the model needs (pydantic models, as `model`)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Annotated, get_args

from pydantic import Field, model_validator

from glutealtp.catalog.model import Frozen
from glutealtp.vocabulary import Activity, RelationKind, RuleKind, Tier

LEAST = 0.001
"""The least a likelihood or a weight may be: products of a few of them stay far from the
smallest float, and their logarithms (and the scores, the press factors, the odds the next
question weighs) finite. Below it a value would mean "never", which no fact here says."""
Weight = Annotated[float, Field(ge=LEAST, le=1)]
Share = Annotated[float, Field(ge=0, le=1)]
"""0 means "none": the share is then never taken."""
Probability = Annotated[float, Field(ge=LEAST, lt=1)]
"""A likelihood: at least `LEAST` (every item is possible) and below 1 (its absence is
possible)."""


class FitWords(Frozen):
    """The score at or above which a result's fit is called strong, or moderate."""

    strong: Annotated[float, Field(gt=0, le=100)]
    moderate: Annotated[float, Field(gt=0, le=100)]

    @model_validator(mode="after")
    def _ordered(self) -> FitWords:
        if self.moderate >= self.strong:
            raise ValueError("moderate must be below strong")
        return self


class Likelihood(Frozen):
    """How likely a person with an active trigger point in the muscle is to report an item,
    by the kind of fact that links them (model parameters, not clinical facts: see
    docs/ranking.md). A zone's or statement's level is further scaled by its activity and,
    when one independent source states it, by `single_source`."""

    essential: Probability
    spillover: Probability
    statement: Probability
    """A muscle-level statement that names a region but no trigger point."""
    condition: Probability
    """Through a condition it may mimic or cause (an entrapment); counts only where no muscle
    in the catalog refers to the item directly."""
    signature_symptom: Probability
    symptom_link: Probability
    symptom_condition: Probability
    """A symptom through a condition the muscle may mimic or cause; counts only where no
    muscle is linked to the symptom directly."""
    region_leak: Probability
    """A region none of the muscle's facts names: pain there from another cause."""
    symptom_leak: Probability
    """A symptom none of its facts names: the sources list symptoms less fully than zones."""

    @model_validator(mode="after")
    def _ordered(self) -> Likelihood:
        order = (
            ("essential", self.essential),
            ("spillover", self.spillover),
            ("statement", self.statement),
            ("condition", self.condition),
            ("region_leak", self.region_leak),
        )
        for (high, a), (low, b) in itertools.pairwise(order):
            if b >= a:
                raise ValueError(f"{low} must be below {high}")
        if not self.essential >= self.signature_symptom >= self.symptom_link:
            raise ValueError("need essential >= signature_symptom >= symptom_link")
        if not self.symptom_link >= self.symptom_condition > self.symptom_leak:
            raise ValueError("need symptom_link >= symptom_condition > symptom_leak")
        return self


class AnswerLikelihood(Frozen):
    """How likely each answer to pressing a trigger point is (they need not sum to 1: "not
    sure" takes the rest)."""

    familiar: Probability
    tender: Probability
    none: Probability


class PressLikelihood(Frozen):
    """A model parameter, not a clinical fact: how likely each answer to pressing a trigger
    point is when its muscle is the source of the pain (`own`: pressing it mostly brings on
    the familiar pain) and when another muscle is (`other`: mostly nothing, or tenderness
    only, as at a latent point). Their ratio is how far an answer moves the point's muscle."""

    own: AnswerLikelihood = AnswerLikelihood(familiar=0.7, tender=0.25, none=0.05)
    other: AnswerLikelihood = AnswerLikelihood(familiar=0.05, tender=0.35, none=0.6)


class Scoring(Frozen):
    """The ranking's model parameters, kept with the data so a clinic can tune them.

    The bounds are what the model needs: every likelihood in [0.001, 1) and every weight in
    [0.001, 1] (`LEAST`), so every product and logarithm is finite; a near-tie ratio of at
    least 1. Every score is then finite and between 0 and 100, for every valid dataset
    (docs/ranking.md); one that rounds to 0 is no match.
    """

    likelihood: Likelihood
    activity: dict[Activity, Weight]
    single_source: Weight
    """Scales a fact (zone, statement, symptom link) that one independent source states."""
    symptom_budget: Annotated[float, Field(ge=0.01, le=100)]
    """How many of the symptoms the sources link to a muscle (its typical complaint aside)
    a person with its trigger points is expected to report: each link's likelihood is at
    most this share of the muscle's links, so a muscle the sources give many symptoms is not
    counted out by a "no" to each of them."""
    pattern_activities: Annotated[list[Activity], Field(min_length=1)]
    """The activities whose trigger points' essential zones make a muscle's main pattern."""
    rule_strength: dict[RuleKind, Weight]
    """What a met rule raises the items it names to, at least, as a share of the best an
    item of its kind can be (an essential zone for a region, a signature symptom for a
    symptom)."""
    related_share: dict[RelationKind, Share]
    """How much of a related muscle's likelihood for a reported item a muscle takes, when
    the relation applies (its symptoms reported): a satellite trigger point comes with its
    key one's pain. 0: the relation shares nothing."""
    unreported_area: Share
    """How far an area (a top-level region) holding a main zone of the muscle, when the
    person reported pain elsewhere but said nothing of it, counts as absent: 0 not at all,
    1 as if they had said no."""
    commonness: dict[Tier, Weight]
    """How strongly an area list's naming of a muscle counts, by where it names it."""
    commonness_boost: Annotated[float, Field(ge=0, le=4)]
    """The most the area lists can raise (or a scoped list lower) an item's term: a factor
    between 1 / (1 + boost) and 1 + boost."""
    near_tie: Annotated[float, Field(ge=1, le=1000)]
    """Results whose odds against the first of their group are below this ratio share its
    rank: they fit about equally well."""
    fit_words: FitWords
    press: PressLikelihood = PressLikelihood()
    """How an answer to pressing a trigger point counts (`check`, `which --pressed`)."""

    @model_validator(mode="after")
    def _complete(self) -> Scoring:
        tables: tuple[tuple[str, Iterable[str], tuple[str, ...]], ...] = (
            ("activity", self.activity, get_args(Activity)),
            ("rule_strength", self.rule_strength, get_args(RuleKind)),
            ("related_share", self.related_share, get_args(RelationKind)),
            ("commonness", self.commonness, get_args(Tier)),
        )
        for name, table, keys in tables:
            missing = sorted(set(keys) - set(table))
            if missing:
                raise ValueError(f"{name} lacks {', '.join(missing)}")
        return self
