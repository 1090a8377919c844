"""glutealtp: which muscle's trigger points refer this buttock, hip or low-back pain?

The API is loaded on first use (PEP 562): importing the package imports nothing, not even
`typing`, so the console script's Ctrl-C guard is up before any of glutealtp is imported.
"""

import sys

try:
    TYPE_CHECKING = False
    if TYPE_CHECKING:
        from glutealtp.catalog.index import CatalogIndex, UnknownName
        from glutealtp.catalog.load import CatalogError, load_catalog
        from glutealtp.ranking.questions import with_next_questions
        from glutealtp.ranking.rank import Contradiction, EmptyQuery, make_query, rank
        from glutealtp.ranking.results import NextQuestion, Query, Ranking, Result

    __version__ = "0.1.0"

    _HOMES = {
        "CatalogError": "glutealtp.catalog.load",
        "CatalogIndex": "glutealtp.catalog.index",
        "Contradiction": "glutealtp.ranking.rank",
        "EmptyQuery": "glutealtp.ranking.rank",
        "NextQuestion": "glutealtp.ranking.results",
        "Query": "glutealtp.ranking.results",
        "Ranking": "glutealtp.ranking.results",
        "Result": "glutealtp.ranking.results",
        "UnknownName": "glutealtp.catalog.index",
        "load_catalog": "glutealtp.catalog.load",
        "make_query": "glutealtp.ranking.rank",
        "rank": "glutealtp.ranking.rank",
        "with_next_questions": "glutealtp.ranking.questions",
    }

    __all__ = [
        "CatalogError",
        "CatalogIndex",
        "Contradiction",
        "EmptyQuery",
        "NextQuestion",
        "Query",
        "Ranking",
        "Result",
        "UnknownName",
        "__version__",
        "load_catalog",
        "make_query",
        "rank",
        "with_next_questions",
    ]

    def __getattr__(name: str) -> object:
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module 'glutealtp' has no attribute {name!r}")
        value = getattr(__import__(home, fromlist=[name]), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_HOMES})

    def main(argv: list[str] | None = None) -> None:
        """The console script's entry (`glutealtp = "glutealtp:main"`): the launcher imports
        this one module, whose guard is up as soon as it runs, and the command line's entry
        (`__main__.main`) is imported and called under it: a Ctrl-C before its own guard is
        up ends as that one ends a run (130, a blank line). Imported by name, as the API is
        (`__getattr__`): the package looks nothing up until it is asked to."""
        try:
            __import__("glutealtp.__main__", fromlist=["main"]).main(argv)
        except KeyboardInterrupt:
            sys.stderr.write("\n")
            raise SystemExit(130) from None

except KeyboardInterrupt:
    # Ctrl-C while a command starts: it ends as the command would (130, one blank line),
    # never with a traceback through this file. A program importing glutealtp gets its
    # KeyboardInterrupt.
    if sys.argv[:1] == ["-m"] or sys.argv[0].endswith(("glutealtp", "glutealtp.exe")):
        sys.stderr.write("\n")
        raise SystemExit(130) from None
    raise
