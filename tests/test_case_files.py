"""Format checks for the sourced ranking cases in tests/cases/ (not their ranking results)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from .case_files import load_cases, raw_cases

MUSCLES = frozenset(
    {
        "quadratus-lumborum",
        "gluteus-maximus",
        "gluteus-medius",
        "gluteus-minimus",
        "piriformis",
        "iliopsoas",
        "iliocostalis-lumborum",
        "iliocostalis-thoracis",
        "longissimus-thoracis",
        "multifidi",
        "rectus-abdominis",
        "tensor-fasciae-latae",
        "vastus-lateralis",
        "adductor-longus-brevis",
        "adductor-magnus",
        "pectineus",
        "gracilis",
        "external-oblique",
        "semitendinosus-semimembranosus",
        "biceps-femoris",
        "levator-ani",
        "coccygeus",
        "sphincter-ani",
        "obturator-internus",
        "short-lateral-rotators",
        "soleus",
    }
)
REGIONS = frozenset(
    {
        "gluteal-region",
        "buttock",
        "si-joint",
        "sacrum",
        "tailbone",
        "sits-bone",
        "low-back",
        "hip",
        "groin",
        "genitals",
        "abdomen",
        "lower-abdomen",
        "flank",
        "pelvis",
        "inside-pelvis",
        "pelvic-floor",
        "anal-region",
        "leg",
        "thigh",
        "front-of-thigh",
        "inner-thigh",
        "outer-thigh",
        "back-of-thigh",
        "knee",
        "back-of-knee",
        "calf",
        "back-of-leg",
        "side-of-leg",
        "side-of-hip",
        "front-of-hip",
        "back-of-hip",
    }
)
SYMPTOMS = frozenset(
    {
        "sitting",
        "slouched-sitting",
        "tailbone-pressure",
        "walking",
        "lying-on-painful-side",
        "upright",
        "lightning-pain-standing",
        "sneezing-coughing",
        "deep-one-sided-ache",
        "moving",
        "lying-down",
        "unable-to-stand",
        "sciatica",
        "leg-numbness",
        "leg-swelling",
        "sexual-dysfunction",
        "rising-from-chair",
        "crossed-legs",
        "painful-bowel-movements",
        "painful-intercourse",
        "locking-kneecap",
        "sit-ups",
        "menstrual-pain",
        "hard-to-stand-straight",
        "stairs",
    }
)
# Warnings, never evidence: no case may use them.
RED_FLAGS = frozenset({"bladder-bowel-loss", "saddle-numbness", "progressive-leg-weakness"})
GROUPS = {
    "article.json": "article",
    "area-lists.json": "area-list",
    "patterns.json": "pattern",
    "review.json": "review",
}

REQUIRED = frozenset({"id", "group", "regions", "symptoms", "expect", "within", "note"})
OPTIONAL = frozenset({"above"})
SOURCE_FIELDS = frozenset({"title", "author", "url", "quote"})
KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
URL = re.compile(r"https?://\S+")
FORBIDDEN = ("seed", "shared/", "sheet")

RAW = raw_cases()


def case_id(item: tuple[str, dict[str, Any]]) -> str:
    file, obj = item
    ident = obj.get("id")
    return ident if isinstance(ident, str) else f"{file}:{RAW.index(item)}"


def strings(value: object) -> list[str]:
    """Every string anywhere in a JSON value, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *strings(v)]]
    return []


def id_list(obj: dict[str, Any], field: str, vocabulary: frozenset[str]) -> list[str]:
    items = obj[field]
    assert isinstance(items, list), f"{field} must be a list"
    assert all(isinstance(i, str) for i in items), f"{field} must hold strings"
    unknown = sorted(set(items) - vocabulary)
    assert not unknown, f"{field}: not in the vocabulary: {unknown}"
    assert len(set(items)) == len(items), f"{field} repeats an id"
    return items


@pytest.mark.parametrize("item", RAW, ids=[case_id(i) for i in RAW])
def test_case_format(item: tuple[str, dict[str, Any]]) -> None:
    file, obj = item
    keys = set(obj)
    missing = REQUIRED - keys
    assert not missing, f"missing fields: {sorted(missing)}"
    assert ("source" in keys) != ("sources" in keys), "give exactly one of source / sources"
    unknown = keys - REQUIRED - OPTIONAL - {"source", "sources"}
    assert not unknown, f"unknown fields: {sorted(unknown)}"

    assert isinstance(obj["id"], str) and KEBAB.fullmatch(obj["id"]), "id must be kebab-case"
    assert obj["group"] == GROUPS.get(file), f"group {obj['group']!r} does not belong in {file}"

    assert not RED_FLAGS & set(strings(obj["symptoms"])), "red flags are warnings, never evidence"
    regions = id_list(obj, "regions", REGIONS)
    symptoms = id_list(obj, "symptoms", SYMPTOMS)
    assert regions or symptoms, "a case needs at least one region or symptom"

    expect = id_list(obj, "expect", MUSCLES)
    assert expect, "expect needs at least one muscle"
    within = obj["within"]
    assert isinstance(within, int) and not isinstance(within, bool), "within must be an integer"
    assert len(expect) <= within <= len(MUSCLES), "need len(expect) <= within <= catalog size"

    above = obj.get("above", [])
    assert isinstance(above, list), "above must be a list"
    assert "above" not in obj or above, "leave out an empty above"
    for pair in above:
        assert isinstance(pair, list) and len(pair) == 2, f"above pair {pair!r} must be [a, b]"
        assert set(pair) <= MUSCLES, f"above pair {pair!r} uses an unknown muscle"
        assert pair[0] != pair[1], f"above pair {pair!r} compares a muscle with itself"

    sources = obj["sources"] if "sources" in obj else [obj["source"]]
    assert isinstance(sources, list) and sources, "sources must be a non-empty list"
    for source in sources:
        assert isinstance(source, dict) and set(source) == SOURCE_FIELDS, (
            f"a source has exactly {sorted(SOURCE_FIELDS)}"
        )
        for field in SOURCE_FIELDS:
            value = source[field]
            assert isinstance(value, str) and value.strip(), f"source {field} must be non-empty"
        assert URL.fullmatch(source["url"]), f"source url {source['url']!r} is not http(s)"

    assert isinstance(obj["note"], str) and obj["note"].strip(), "note must be non-empty"
    for text in strings(obj):
        for word in FORBIDDEN:
            assert word not in text.lower(), f"text mentions {word!r}: {text[:60]!r}"


def test_ids_are_unique_across_files() -> None:
    counts = Counter(obj.get("id") for _, obj in RAW)
    assert not [i for i, n in counts.items() if n > 1]


def test_every_case_file_is_known() -> None:
    assert {file for file, _ in RAW} == set(GROUPS)


def test_enough_cases() -> None:
    groups = Counter(obj.get("group") for _, obj in RAW)
    assert len(RAW) >= 60
    assert groups["article"] >= 25


def test_loader_reads_every_case() -> None:
    cases = load_cases()
    assert [c.id for c in cases] == [obj["id"] for _, obj in RAW]
    assert all(c.sources and c.headline == c.expect[0] for c in cases)
