"""Entry point for `glutealtp` and `python -m glutealtp`: the guard first, then the quick
path for an everyday call, else the typer app. Nothing is imported before the guard is up
(not even `__future__`: this module and the package's `__init__` run unguarded)."""

import sys

try:

    def main(argv: list[str] | None = None) -> None:
        """Run the CLI and exit with its code; every failure is one line, Ctrl-C is 130."""
        try:
            from glutealtp.cli.exits import run_guarded

            code = run_guarded(lambda: _run(sys.argv[1:] if argv is None else argv))
        except KeyboardInterrupt:  # before the guard was up, or while it was ending the run
            sys.stderr.write("\n")
            code = 130  # ExitCode.INTERRUPTED, which may not be imported yet
        sys.exit(code)

    def _run(args: list[str]) -> int:
        import os

        from glutealtp.cli.exits import say_error
        from glutealtp.errors import ExitCode

        if sys.stderr is None:
            sys.stderr = open(os.devnull, "w")  # noqa: SIM115  (lives as long as the process)
        if sys.stdout is None:
            say_error("standard output is closed")
            return ExitCode.BAD_INPUT
        if sys.stdin is None:  # a closed stdin reads as empty input
            sys.stdin = open(os.devnull)  # noqa: SIM115
        # Bytes that are not text on stdin (a Latin-1 terminal, a binary pipe) read as U+FFFD, and
        # a character stdout cannot encode (PYTHONIOENCODING=ascii, or the C locale with UTF-8
        # mode off) prints as "?": never a crash.
        from glutealtp.text import tolerate_unencodable

        for stream in (sys.stdin, sys.stdout, sys.stderr):
            tolerate_unencodable(stream)
        from glutealtp.cli import quick

        code = quick.try_run(args)
        if code is None:
            from glutealtp.cli import app

            code = app.run(args)
        return code

    if __name__ == "__main__":
        main()
except KeyboardInterrupt:  # while this file itself was being run: as in main
    sys.stderr.write("\n")
    raise SystemExit(130) from None
