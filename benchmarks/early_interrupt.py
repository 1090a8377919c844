"""Ctrl-C in the first milliseconds of `glutealtp which -r hip` (the report's D11 script).

Usage: python benchmarks/early_interrupt.py [--tries N]

SIGINT 10-39 ms after the start, N times (300 in the report, which saw about 130 tracebacks
naming a glutealtp frame before the fix). Counts how each run ended: exit 130 (glutealtp's
guard was up), killed by the signal or a traceback with no glutealtp frame (Python was still
starting: no program can guard that), finished before the signal, or a traceback naming a
glutealtp frame (the defect; the target is 0).
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


def outcome(code: int, err: str) -> str:
    if "Traceback" in err and GLUTEALTP_FRAME.search(err):
        return "traceback naming a glutealtp frame"
    if code == 130:
        return "exit 130 (the guard)"
    if code == -signal.SIGINT or "Traceback" in err:
        return "Python still starting (killed, or its own traceback)"
    return f"exit {code} (finished first)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tries", type=int, default=300)
    args = parser.parse_args()
    script = Path(sys.executable).parent / "glutealtp"
    exe = str(script) if script.exists() else shutil.which("glutealtp") or "glutealtp"
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
        seen[outcome(proc.returncode, err)] += 1
    bad = seen["traceback naming a glutealtp frame"]
    print(f"{args.tries} tries, SIGINT 10-39 ms after the start:")
    for name, count in seen.most_common():
        print(f"  {name:55s}: {count:4d}")
    print(f"tracebacks naming glutealtp: {bad} of {args.tries} (target 0)")


if __name__ == "__main__":
    main()
