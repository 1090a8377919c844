"""Shell completion: region, symptom and muscle names from the catalog, synonyms included."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glutealtp.catalog import CatalogIndex
from glutealtp.cli.completion import candidates, kebab
from glutealtp.text import fold
from glutealtp.vocabulary import Kind

from .helpers import BUNDLED, ROOT, run_glutealtp

EXAMPLE = ROOT / "docs" / "example-dataset.json"


def values(index: CatalogIndex, kind: Kind, typed: str) -> list[str]:
    return [value for value, _ in candidates(index, kind, typed)]


def test_regions_complete_by_id_and_synonym(index: CatalogIndex) -> None:
    assert values(index, "region", "bu") == ["buttock", "bum", "bums", "butt", "buttocks"]
    assert "lower-back" in values(index, "region", "lower")
    assert "si-joint" in values(index, "region", "SI")
    assert "sacroiliac-joint" in values(index, "region", "sacroiliac j")
    assert values(index, "region", "elbow") == []


def test_help_names_the_entry(index: CatalogIndex) -> None:
    found = dict(candidates(index, "region", "lumb"))
    assert set(found) == {"lumbago", "lumbar", "lumbar-region"}
    assert set(found.values()) == {"Low back (low-back)"}
    assert dict(candidates(index, "muscle", "piri"))["piriformis"] == "Piriformis"


def test_nothing_typed_offers_the_ids_only(index: CatalogIndex) -> None:
    for kind in ("region", "symptom", "muscle"):
        assert values(index, kind, "") == sorted(index.entries(kind))


def test_ids_come_before_synonyms(index: CatalogIndex) -> None:
    found = values(index, "muscle", "g")
    assert found[:4] == ["gluteus-maximus", "gluteus-medius", "gluteus-minimus", "gracilis"]
    assert found.index("glute-max") > found.index("gracilis")
    assert values(index, "muscle", "ql") == ["ql"]


def test_candidates_need_no_quoting(index: CatalogIndex) -> None:
    # "can't stand" would need quoting in every shell; "cannot stand" is offered instead
    assert values(index, "symptom", "can") == ["cannot-stand", "cannot-stand-up-straight"]
    for kind in ("region", "symptom", "muscle"):
        for value in values(index, kind, "a") + values(index, kind, "s"):
            assert " " not in value and "'" not in value and value == value.lower()


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["region", "symptom", "muscle"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz- ", max_size=4),
)
def test_every_candidate_resolves_to_what_it_names(kind: Kind, typed: str) -> None:
    index = BUNDLED
    for value, help_text in candidates(index, kind, typed):
        ident = index.resolve(kind, value)
        assert kebab(value).startswith(kebab(typed))
        assert help_text == index.entries(kind)[ident].name or help_text.endswith(f"({ident})")


@given(st.text(alphabet="aB_- \t\u00df", max_size=8))
def test_kebab_is_the_form_names_are_matched_in(typed: str) -> None:
    """What is typed is compared in the name look-up's form; a trailing separator stays."""
    word = kebab(typed)
    assert word.rstrip("-").replace("-", " ") == fold(typed)
    assert word.endswith("-") == (fold(typed) != "" and fold(typed[-1]) == "")


# --- Through the shells' protocol, as a real process --------------------------------------------


def complete(shell: str, words: str, **env: str) -> str:
    """Ask `glutealtp` for completions the way the installed bash/zsh/fish script does."""
    protocol = {
        "bash": {"COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)},
        "zsh": {"_TYPER_COMPLETE_ARGS": words},
        "fish": {"_TYPER_COMPLETE_ARGS": words, "_TYPER_COMPLETE_FISH_ACTION": "get-args"},
    }[shell]
    proc = run_glutealtp(env={**protocol, **env, "_GLUTEALTP_COMPLETE": f"complete_{shell}"})
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    return proc.stdout


def test_bash_completes_region_names() -> None:
    assert complete("bash", "glutealtp which --region sa").split() == [
        "sacrum",
        "sacral",
        "sacral-area",
        "sacral-region",
        "sacro-iliac",
        "sacroiliac",
        "sacroiliac-joint",
    ]


def test_zsh_and_fish_complete_with_descriptions() -> None:
    zsh = complete("zsh", "glutealtp show gm")
    assert '"gmax":"Gluteus maximus (gluteus-maximus)"' in zsh
    fish = complete("fish", "glutealtp which -s sneez")
    assert "sneezing\tWorse with sneezing or coughing (sneezing-coughing)" in fish.splitlines()


def test_completion_uses_the_dataset_given() -> None:
    assert "low-back" in complete("bash", "glutealtp which -r lo").split()
    words = f"glutealtp which --data {EXAMPLE} --region lo"
    assert complete("bash", words).split() == []  # the example has no low back
    assert complete("bash", "glutealtp which -r sa", GLUTEALTP_DATA=str(EXAMPLE)).split()[:1] == [
        "sacrum"
    ]
    assert complete("bash", "glutealtp which -r hi", GLUTEALTP_DATA="/nonexistent").split() == []


@pytest.mark.parametrize("shell", ["bash"])
def test_install_completion_writes_the_script(tmp_path: Path, shell: str) -> None:
    """Run from the shell itself, as a user would; typer detects which one it is."""
    proc = subprocess.run(
        [shell, "-c", f"{sys.executable} -m glutealtp --install-completion"],
        env={**os.environ, "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    script = (tmp_path / ".bash_completions" / "glutealtp.sh").read_text(encoding="utf-8")
    assert "_GLUTEALTP_COMPLETE=complete_bash" in script
    assert "glutealtp.sh" in (tmp_path / ".bashrc").read_text(encoding="utf-8")
