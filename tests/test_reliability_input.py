"""Reliability round 2, input that costs: what the report's D6 and D8 broke (no timing here:
the benchmarks `batch_memory.py` and `ask_answers.py` give the figures).

- D6: `batch` remembered every spelling that resolved, whatever its length ("hip" and a
  million spaces): 3,000 such lines took 3 GB. The name caches are bounded in bytes, and a
  long spelling is never kept.
- D8: `ask`'s answer splitter backtracked over every space of a run: 30 KB took 43 s. It now
  sees single spaces only, and an answer over `MAX_ANSWER` characters is asked again.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pytest
from rich.prompt import InvalidResponse

from glutealtp.ask import answers, prompts
from glutealtp.batch import Batch, LineReader
from glutealtp.batch.cases import NAME_CACHE_BYTES, NAME_CACHE_LONGEST
from glutealtp.bodymap.picture import region_numbers
from glutealtp.catalog import CatalogIndex
from glutealtp.output.richfmt import console

from .helpers import GLUTEALTP, Stream, process_env, run_main

# --- D6 --------------------------------------------------------------------------------------


def padded(name: str, n: int, size: int, field: str = "regions") -> bytes:
    """The report's gen_pad.py: `name` then size + i spaces on line i."""
    return b"".join(
        f'{{"{field}":["{name}'.encode() + b" " * (size + i) + b'"]}\n' for i in range(n)
    )


def test_d6_long_spellings_resolve_but_are_never_remembered(index: CatalogIndex) -> None:
    job = Batch(index)
    lines = padded("hip", 40, 100_000) + padded("sitting", 40, 100_000, "symptoms")
    outcomes = list(job.run(LineReader(io.BytesIO(lines))))
    assert len(outcomes) == 80 and all(o.ok for o in outcomes)
    assert job.names.regions == {} and job.names.symptoms == {}


def test_d6_the_name_caches_are_bounded_in_bytes(index: CatalogIndex) -> None:
    """Spellings just short enough to be kept, all different: the cache starts afresh
    before its spellings take more than NAME_CACHE_BYTES."""
    job = Batch(index)
    kept = 0
    for chunk in range(4):
        lines = b"".join(
            b'{"regions":["hip'
            + b" " * (NAME_CACHE_LONGEST - 4 - i % 200)
            + b"-" * (i // 200)
            + b'"]}\n'
            for i in range(chunk * 6_000, (chunk + 1) * 6_000)
        )
        assert all(o.ok for o in job.run(LineReader(io.BytesIO(lines))))
        held = sum(sys.getsizeof(name) for name in job.names.regions)
        assert held <= NAME_CACHE_BYTES
        kept = max(kept, len(job.names.regions))
    assert kept > 1_000  # the cache does work


PEAK = (
    "import atexit, sys\n"
    "atexit.register(lambda: sys.stderr.write('PEAK_KIB=' + [l for l in "
    "open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1] + '\\n'))\n"
    "from glutealtp.__main__ import main\n"
    "sys.argv = ['glutealtp', 'batch', '-']\n"
    "main()\n"
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_d6_a_real_batch_of_1_mb_spellings_stays_under_100_mib() -> None:
    """200 distinct 1 MB spellings of `hip` (the report: 1,000 of 500 KB took 525 MB)."""
    proc = subprocess.run(
        [sys.executable, "-c", PEAK],
        input=padded("hip", 200, 1_000_000),
        capture_output=True,
        env=process_env(),
        check=False,
    )
    assert proc.returncode == 0 and proc.stdout.count(b'"status":"ok"') == 200, proc.stderr
    peak_kib = int(proc.stderr.rsplit(b"PEAK_KIB=", 1)[1].split()[0])
    assert peak_kib < 100 * 1024, f"{peak_kib / 1024:.0f} MiB"


# --- D8 --------------------------------------------------------------------------------------

REPORT_ANSWER = "buttock" + " " * 30_000 + "x"


def test_d8_the_splitter_never_sees_a_run_of_spaces(
    index: CatalogIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`_SPLIT`'s `\\s*` backtracked over every position of a whitespace run (quadratic);
    given single spaces, each `\\s*` has at most two lengths to try: linear."""
    seen: list[str] = []
    real = answers._SPLIT

    class Recording:
        def split(self, text: str) -> list[str]:
            seen.append(text)
            return real.split(text)

    monkeypatch.setattr(answers, "_SPLIT", Recording())
    numbers = region_numbers(index)
    for text in (REPORT_ANSWER, "hip \t\n and  \u3000 buttock,   x", "1\u2003\u20032 ,, ; /" * 500):
        answers.parse_regions(index, text, numbers)
    assert seen and not any(re.search(r"\s\s", text) for text in seen)
    found = answers.parse_regions(index, "lower   back  and\t hip , 3", numbers)
    assert {"low-back", "hip"} <= set(found.regions)


def test_d8_an_answer_over_the_cap_is_asked_again(index: CatalogIndex) -> None:
    prompt = prompts.RegionPrompt(index, console(Stream()))
    with pytest.raises(InvalidResponse) as info:
        prompt.process_response(REPORT_ANSWER)
    assert "too long" in str(info.value.message)
    assert prompt.process_response("buttock " + " " * (answers.MAX_ANSWER - 9)).regions == (
        "buttock",
    )
    reply = prompts.ReplyPrompt("Sitting?", console=console(Stream()))
    with pytest.raises(InvalidResponse):
        reply.process_response("y" + " " * answers.MAX_ANSWER)
    assert reply.process_response("y" + " " * (answers.MAX_ANSWER - 1)) is answers.Reply.yes


def test_d8_a_long_line_is_read_in_constant_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """At most MAX_ANSWER + 1 characters are kept; the rest of the line is read past."""
    stdin = Stream(("y" * 5_000_000 + "\nnext\n").encode())
    monkeypatch.setattr(sys, "stdin", stdin)
    screen = console(Stream())
    first = prompts.read_answer(screen, "?")
    assert len(first) == answers.MAX_ANSWER + 1
    assert prompts.read_answer(screen, "?") == "next"


def test_d8_ask_refuses_the_reports_answer_then_goes_on(index: CatalogIndex) -> None:
    stdin = (REPORT_ANSWER + "\nbuttock\n" + "n\n" * len(index.symptoms) + "\n").encode()
    run = run_main(["ask"], stdin=stdin, env={"GLUTEALTP_INTERACTIVE": "1"})
    assert run.crash is None and run.code == 0, run.stderr
    assert run.stdout.count("That answer is too long") == 1
    assert "Understood: Buttock\n" in run.stdout
    assert "What you were asked:" in run.stdout  # it went on to the end


def test_d8_a_real_ask_fed_a_1_mb_answer_ends_at_its_input() -> None:
    proc = subprocess.run(
        [*GLUTEALTP, "ask"],
        input=("buttock" + " " * 1_000_000 + "x\n").encode(),
        capture_output=True,
        env=process_env({"GLUTEALTP_INTERACTIVE": "1"}),
        timeout=60,
        check=False,
    )
    assert proc.returncode == 130 and b"Traceback" not in proc.stderr
    assert proc.stdout.count(b"That answer is too long") == 1


@pytest.mark.parametrize("field", ["regions", "symptoms"])
def test_an_unknown_name_with_a_long_run_of_spaces_is_refused_at_once(field: str) -> None:
    """The suggestions for an unknown name look for a side and for a list in it; over the
    name as typed, a run of spaces made one of those patterns backtrack quadratically (20,000
    spaces took 8 s). They read the name with single spaces: a real batch ends at once."""
    name = "a" + " " * 1_000_000 + "b"
    case = {"regions": ["hip"], field: [name]} if field == "symptoms" else {field: [name]}
    proc = subprocess.run(
        [*GLUTEALTP, "batch", "-"],
        input=json.dumps(case).encode(),
        capture_output=True,
        env=process_env(),
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    [record] = [json.loads(line) for line in proc.stdout.splitlines()]
    assert record["error"]["code"] == f"unknown-{field[:-1]}"
