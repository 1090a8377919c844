"""Entry point for `glutealtp` and `python -m glutealtp`."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; a plain `which` takes the fast path, which never imports typer."""
    args = sys.argv[1:] if argv is None else argv
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115  (lives as long as the process)
    if sys.stdout is None:
        sys.stderr.write("glutealtp: error: standard output is closed\n")
        sys.exit(2)
    if sys.stdin is None:  # a closed stdin reads as empty input
        sys.stdin = open(os.devnull)  # noqa: SIM115
    # Bytes that are not text on stdin (a Latin-1 terminal, a binary pipe) read as U+FFFD, and
    # a character stdout cannot encode (PYTHONIOENCODING=ascii) prints as "?": never a crash.
    for stream in (sys.stdin, sys.stdout):
        if stream is not None and stream.errors == "strict":
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
    try:
        from glutealtp.cli.quick import try_which

        code = try_which(args)
        if code is None:
            from glutealtp.cli.app import app

            app(args=args, prog_name="glutealtp")
            return
    except BrokenPipeError:
        from glutealtp.cli.commands import quiet_broken_pipe

        code = quiet_broken_pipe()
    except OSError as exc:  # stdout on a full disk, say: every expected one is handled deeper
        from glutealtp.cli.commands import io_failure

        code = io_failure(exc)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        code = 130
    sys.exit(code)


if __name__ == "__main__":
    main()
