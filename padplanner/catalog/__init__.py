"""Module catalogues: TOML files → a validated, compiled :class:`Catalog` (with its graph)."""

from padplanner.catalog.catalog import Catalog, Competency
from padplanner.catalog.load import load_catalog, national_catalog_dir

__all__ = ["Catalog", "Competency", "load_catalog", "national_catalog_dir"]
