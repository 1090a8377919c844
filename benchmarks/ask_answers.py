"""How long `ask` takes over a long answer (the report's D8), against `python -c pass`.

Usage: python benchmarks/ask_answers.py [--runs N]

The report's answer: "buttock", a run of spaces, "x" (30 KB once took 43 s: the answer
splitter backtracked over every space). Two figures, each against `python -c pass` measured
in the same run:
- `ask` as a process, fed the answer through a pipe (GLUTEALTP_INTERACTIVE=1), to the end of
  its input; next to it the same run with the answer "buttock", so what the answer itself
  costs shows. An answer over `answers.MAX_ANSWER` characters is refused (and read past in
  constant memory), so these stay flat;
- `answers.parse_regions` in this process on the whole answer, which is not capped: linear.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from timing import median_time

from glutealtp import load_catalog
from glutealtp.ask import answers
from glutealtp.bodymap.picture import region_numbers

ENV = {**os.environ, "GLUTEALTP_INTERACTIVE": "1"}
ENV.pop("PYTHONDONTWRITEBYTECODE", None)
SIZES = {"30 KB": 30_000, "1 MB": 1_000_000}


def answer(spaces: int) -> str:
    return "buttock" + " " * spaces + "x"


def ask(stdin: bytes) -> None:
    subprocess.run(
        [sys.executable, "-m", "glutealtp", "ask"],
        input=stdin,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
        check=False,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    runs = args.runs
    base = median_time(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs)
    print(f"{'baseline: python -c pass':44s}: {base * 1000:8.1f} ms")
    short = median_time(lambda: ask(b"buttock\n"), runs)
    print(f"{'ask, answer: buttock':44s}: {short * 1000:8.1f} ms = {short / base:6.1f}x baseline")
    for label, spaces in SIZES.items():
        stdin = (answer(spaces) + "\n").encode()
        t = median_time(lambda stdin=stdin: ask(stdin), runs)  # type: ignore[misc]
        name = f"ask, answer: {label} (buttock, spaces, x)"
        print(f"{name:44s}: {t * 1000:8.1f} ms = {t / base:6.1f}x baseline")
    index = load_catalog()
    numbers = region_numbers(index)
    for label, spaces in SIZES.items():
        text = answer(spaces)
        t = median_time(lambda text=text: answers.parse_regions(index, text, numbers), runs)  # type: ignore[misc]
        name = f"parse_regions on the {label} answer"
        print(f"{name:44s}: {t * 1000:8.1f} ms = {t / base:6.2f}x baseline")


if __name__ == "__main__":
    main()
