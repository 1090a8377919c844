"""glutealtp: which muscle's trigger points refer this buttock, hip or low-back pain?"""

from glutealtp.catalog.index import CatalogIndex, UnknownName
from glutealtp.catalog.load import CatalogError, load_catalog
from glutealtp.rank import EmptyQuery, make_query, rank
from glutealtp.results import Query, Ranking, Result

__version__ = "0.1.0"

__all__ = [
    "CatalogError",
    "CatalogIndex",
    "EmptyQuery",
    "Query",
    "Ranking",
    "Result",
    "UnknownName",
    "__version__",
    "load_catalog",
    "make_query",
    "rank",
]
