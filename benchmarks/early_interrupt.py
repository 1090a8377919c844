"""Ctrl-C in the first milliseconds of `glutealtp which -r hip` (the report's D11 script).

Usage: python benchmarks/early_interrupt.py [--tries N] [--exe SCRIPT] [--show]

SIGINT 10-39 ms after the start, N times (300 in the report, which saw about 130 tracebacks
naming a glutealtp frame before the fix). Counts how each run ended: exit 130 (glutealtp's
guard was up); the residue no program can guard, split by where the signal landed: killed
before Python installs its SIGINT handler, a traceback from Python's own start-up (`site`,
`encodings`), or one at the console script's import line (the launcher pip or uv writes, while
the import system looks for the package, before any of its code runs); finished before the
signal; or a traceback naming a glutealtp frame (the defect; the target is 0).
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

GLUTEALTP_FRAME = re.compile(r'File "[^"]*glutealtp/[^"]*\.py"')
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


LAUNCHER_FRAME = re.compile(r'File "[^"]*/glutealtp", line \d+, in <module>')
"""The console script's own frame (the launcher pip or uv writes: `from ... import main`)."""


def outcome(code: int, err: str) -> str:
    if "Traceback" in err and GLUTEALTP_FRAME.search(err):
        return "traceback naming a glutealtp frame"
    if code == 130:
        return "exit 130 (the guard)"
    if "Traceback" in err and LAUNCHER_FRAME.search(err):
        return "traceback at the launcher's import line"
    if "Traceback" in err or err.strip() == "KeyboardInterrupt":  # the latter: in `site`
        return "traceback in Python's start-up (site, encodings)"
    if code == -signal.SIGINT:
        return "killed by SIGINT before Python's handler"
    return f"exit {code} (finished first)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tries", type=int, default=300)
    parser.add_argument("--exe", help="the console script to run (default: this venv's)")
    parser.add_argument(
        "--show", action="store_true", help="print the first traceback of each kind"
    )
    args = parser.parse_args()
    script = Path(sys.executable).parent / "glutealtp"
    exe = args.exe or (str(script) if script.exists() else shutil.which("glutealtp") or "glutealtp")
    seen: collections.Counter[str] = collections.Counter()
    for i in range(args.tries):
        proc = subprocess.Popen(
            [exe, "which", "-r", "hip"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=ENV,
        )
        time.sleep(0.010 + (i % 30) * 0.001)
        proc.send_signal(signal.SIGINT)
        err = proc.communicate()[1].decode("utf-8", "replace")
        kind = outcome(proc.returncode, err)
        if args.show and "Traceback" in err and kind not in seen:
            print(f"--- {kind}:\n{err}")
        seen[kind] += 1
    bad = seen["traceback naming a glutealtp frame"]
    print(f"{args.tries} tries, SIGINT 10-39 ms after the start:")
    for name, count in seen.most_common():
        print(f"  {name:55s}: {count:4d}")
    residue = sum(n for name, n in seen.items() if "launcher" in name or "start-up" in name)
    print(f"tracebacks naming glutealtp: {bad} of {args.tries} (target 0)")
    print(f"tracebacks before glutealtp runs (residue): {residue} of {args.tries}")


if __name__ == "__main__":
    main()
