"""Peak memory (max RSS) of cold glutealtp processes; target: a cold `which` <= 40 MiB.

Usage: python benchmarks/peak_memory.py [--lines N]

Each command runs in its own child process, which reports its own peak resident set size
(VmHWM, Linux) as it exits. `python -c pass` is the baseline. The batch
rows show that batch memory stays flat as its input grows (it streams).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

TARGET_MIB = 40.0
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


# The child reports its own peak (VmHWM): a fork's rusage would also count the parent's pages,
# which the child shares until it execs.
PROBE = (
    "import atexit, sys\n"
    "def report():\n"
    "    peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')]\n"
    "    sys.stderr.write('\\nPEAK_KIB=' + peak[0].split()[1] + '\\n')\n"
    "atexit.register(report)\n"
    "sys.argv = ['glutealtp', *sys.argv[1:]]\n"
    "if len(sys.argv) > 1:\n"
    "    from glutealtp.__main__ import main\n"
    "    main()\n"
)


def max_rss_mib(args: list[str], stdin_path: Path | None = None) -> tuple[float, int]:
    """Run glutealtp with `args` (none: bare Python) once; its peak RSS in MiB and exit code."""
    with stdin_path.open("rb") if stdin_path else open(os.devnull, "rb") as stdin:
        proc = subprocess.run(
            [sys.executable, "-c", PROBE, *args],
            stdin=stdin,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=ENV,
            check=False,
        )
    kib = int(proc.stderr.rsplit(b"PEAK_KIB=", 1)[1].split()[0])
    return kib / 1024, proc.returncode


def write_cases(path: Path, lines: int, varied: bool) -> None:
    """Cases that repeat a few presentations, or (`varied`) nearly all different ones."""
    from glutealtp import load_catalog

    index = load_catalog()
    rnd = random.Random(3)
    regions = sorted(index.regions) if varied else ["buttock", "hip", "si-joint", "low-back"]
    symptoms = sorted(index.symptoms) if varied else ["sitting", "walking", "sciatica"]
    most = 4 if varied else 2
    with path.open("w", encoding="utf-8") as fh:
        for i in range(lines):
            case = {
                "id": f"p-{i}",
                "regions": rnd.sample(regions, rnd.randint(1, most)),
                "symptoms": rnd.sample(symptoms, rnd.randint(0, most)),
            }
            fh.write(json.dumps(case) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=200_000, help="lines in the large batch")
    args = parser.parse_args()
    if not Path("/proc/self/status").exists():
        sys.exit("peak_memory.py reads /proc/self/status (VmHWM): it runs on Linux only")
    base, _ = max_rss_mib([])
    print(f"{'baseline: python -c pass':36s}: {base:6.1f} MiB")
    bundled = str(Path(__file__).resolve().parents[1] / "data" / "muscles.json")
    rows = {
        "which (table)": ["which", "-r", "buttock", "-r", "hip"],
        "which --format json": ["which", "-r", "buttock", "-r", "hip", "-f", "json"],
        "which --data (validates, typer)": ["which", "-r", "hip", "--data", bundled],
        "show piriformis (quick path)": ["show", "piriformis"],
        "regions --data (validates, typer)": ["regions", "--data", bundled],
    }
    for name, argv in rows.items():
        mib, code = max_rss_mib(argv)
        cold_which = name in ("which (table)", "which --format json")
        target = (
            f" = {mib / TARGET_MIB:4.2f}x the {TARGET_MIB:.0f} MiB target" if cold_which else ""
        )
        print(f"{name:36s}: {mib:6.1f} MiB, {mib / base:4.1f}x baseline{target} (exit {code})")
    print("batch (memory stays flat as the input grows; the caches are bounded):")
    with tempfile.TemporaryDirectory() as tmp:
        for varied in (False, True):
            for lines in (1_000, args.lines):
                cases = Path(tmp) / f"cases-{lines}-{varied}.jsonl"
                write_cases(cases, lines, varied)
                kind = "varied" if varied else "repeating"
                for source, argv, stdin in (
                    ("file", ["batch", str(cases)], None),
                    ("stdin", ["batch", "-"], cases),
                ):
                    mib, code = max_rss_mib(argv, stdin_path=stdin)
                    label = f"  {lines:,} {kind} cases ({source})"
                    print(f"{label:36s}: {mib:6.1f} MiB (exit {code})")


if __name__ == "__main__":
    main()
