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
        from glutealtp.questions import with_next_questions
        from glutealtp.rank import EmptyQuery, make_query, rank
        from glutealtp.results import NextQuestion, Query, Ranking, Result

    __version__ = "0.1.0"

    _HOMES = {
        "CatalogError": "glutealtp.catalog.load",
        "CatalogIndex": "glutealtp.catalog.index",
        "EmptyQuery": "glutealtp.rank",
        "NextQuestion": "glutealtp.results",
        "Query": "glutealtp.results",
        "Ranking": "glutealtp.results",
        "Result": "glutealtp.results",
        "UnknownName": "glutealtp.catalog.index",
        "load_catalog": "glutealtp.catalog.load",
        "make_query": "glutealtp.rank",
        "rank": "glutealtp.rank",
        "with_next_questions": "glutealtp.questions",
    }

    __all__ = [
        "CatalogError",
        "CatalogIndex",
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

    class _Package(type(sys)):  # type: ignore[misc]
        """The package's module type (types.ModuleType, without importing `types`)."""

        def __setattr__(self, name: str, value: object) -> None:
            """`glutealtp.rank` is the function, as it always was, not the module of that name
            that the import system would bind here once it is imported."""
            if not (name in _HOMES and isinstance(value, type(sys))):
                super().__setattr__(name, value)

    sys.modules[__name__].__class__ = _Package
except KeyboardInterrupt:
    # Ctrl-C while a command starts: it ends as the command would (130, one blank line),
    # never with a traceback through this file. A program importing glutealtp gets its
    # KeyboardInterrupt.
    if sys.argv[:1] == ["-m"] or sys.argv[0].endswith(("glutealtp", "glutealtp.exe")):
        sys.stderr.write("\n")
        raise SystemExit(130) from None
    raise
