"""Entry point for `glutealtp` and `python -m glutealtp`."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; a plain `which` takes the fast path, which never imports typer."""
    args = sys.argv[1:] if argv is None else argv
    try:
        from glutealtp.fastpath import try_which

        code = try_which(args)
        if code is None:
            from glutealtp.cli import app

            app(args=args, prog_name="glutealtp")
            return
    except BrokenPipeError:
        from glutealtp.shell import quiet_broken_pipe

        code = quiet_broken_pipe()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        code = 130
    sys.exit(code)


if __name__ == "__main__":
    main()
