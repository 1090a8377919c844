"""The closed vocabularies of the dataset and the output, as `Literal` types.

Plain typing, no pydantic: the dataset model, the index, the ranking and the output
contract all name the same words from here.
"""

from __future__ import annotations

from typing import Literal

Extent = Literal["essential", "spillover"]
"""How reliably a trigger point sends pain to a zone."""
ExtentBasis = Literal["named-main", "named-spillover", "sources"]
"""Why a zone has its extent (docs/data.md, "Essential or spillover"): a source calls it
the main zone, or a spillover one; or, where no source says, how many independent sources
name it (two or more: essential; one: spillover)."""
Activity = Literal["primary", "common", "chronic", "very-chronic"]
"""How often a trigger point is active."""
RelationKind = Literal["co-occurs-with", "has-satellite", "satellite-of", "treated-together"]
RuleKind = Literal["confirms", "suggests"]
ConditionLink = Literal["mimics", "may-cause"]
SourceKind = Literal["article", "reference", "book", "dataset", "ontology", "guidance"]
MarkerView = Literal["back", "front"]
AreaListKind = Literal["tiers", "most-common"]
Tier = Literal["most-common", "primary", "secondary"]
"""Where an area list names a muscle: among the most commonly involved, or in a tier."""
FitWord = Literal["strong", "moderate", "weak"]
"""How well a muscle explains what was reported, in one word."""

Side = Literal["left", "right"]
"""The person's side of the body (`--side`, a batch case's `side`): part of the query."""
SIDES: tuple[Side, ...] = ("left", "right")

Kind = Literal["region", "symptom", "muscle"]
"""What a name can name."""
SupportKind = Literal["zone", "statement", "condition"]
"""A trigger point's referral zone, a muscle-level statement, or a condition."""
AgainstKind = Literal["absent-region", "absent-symptom", "unreported-area"]
"""What counts against a muscle: see `results.Against`."""
WarningKind = Literal["red-flag", "assess", "unexplained-region", "unexplained-symptom"]
"""A red flag (seek urgent care), advice to have a symptom assessed (numbness down the leg:
a nerve), or an item no muscle explains."""
FailureCode = Literal[
    "line-too-long",
    "invalid-utf8",
    "empty-line",
    "invalid-json",
    "not-an-object",
    "invalid-id",
    "duplicate-field",
    "unknown-field",
    "invalid-side",
    "wrong-type",
    "ambiguous-symptom",
    "unknown-region",
    "unknown-symptom",
    "unknown-item",
    "contradiction",
    "empty-query",
    "invalid-dataset",
    "output-refused",
]
"""Why an input was refused: a batch line that gave no ranking, or a command's input (the
last two: a dataset that is not valid, an output file that cannot be written)."""

PressWho = Literal["self", "clinician"]
"""Who may press a trigger point to confirm it: the person themselves, or a clinician only
(points inside the pelvis, beside the leg's main artery and nerve, or that a source reserves
for a professional)."""
PressAnswer = Literal["familiar", "tender", "none"]
"""What pressing a trigger point brought on: the person's familiar pain (it is active),
tenderness only (latent), or nothing."""
