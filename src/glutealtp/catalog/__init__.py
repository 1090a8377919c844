"""The dataset: declared (`model`, `checks`), loaded (`load`, `bundle`) and indexed (`index`).

`raw` names the validated dump's shape for the type checker; `entries` the index's records.
"""

from glutealtp.catalog.index import CatalogIndex, UnknownName
from glutealtp.catalog.load import CatalogError, load_catalog

__all__ = ["CatalogError", "CatalogIndex", "UnknownName", "load_catalog"]
