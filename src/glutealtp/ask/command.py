"""The `ask` command's body: check it can ask, where its handout goes, then run the
dialogue. `cli/` parses its options and calls this."""

from __future__ import annotations

from glutealtp import commands
from glutealtp.ask import dialogue
from glutealtp.bodymap.geometry import Side
from glutealtp.errors import GlutealtpError


def ask(
    data: str | None,
    *,
    explain: bool = False,
    output: str | None = None,
    force: bool = False,
    side: Side | None = None,
) -> int:
    """The guided questionnaire; its exit code (0 a muscle matched, 1 none, 130 stopped)."""
    from glutealtp.output.richfmt import console

    if not dialogue.can_ask():
        raise GlutealtpError(
            "ask needs a terminal to answer its questions; "
            "use `glutealtp which -r REGION -s SYMPTOM` instead"
        )
    if output:
        commands.check_output(output, force, kinds=("html",))
    index = commands.open_catalog(data)
    return dialogue.run(index, console(), explain=explain, output=output, force=force, side=side)
