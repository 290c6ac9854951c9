"""Fixtures of the adoption tests (import, agenda, monitor, the person's own voice).

The database fixtures are the store tests' own (``tests/store/conftest.py``), so everything
that writes runs on SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STORE_TESTS = HERE.parent / "store"
if str(STORE_TESTS) not in sys.path:
    sys.path.insert(0, str(STORE_TESTS))

_spec = importlib.util.spec_from_file_location("store_test_fixtures", STORE_TESTS / "conftest.py")
assert _spec is not None and _spec.loader is not None
_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixtures)

pg_url = _fixtures.pg_url
sqlite_url = _fixtures.sqlite_url
db_url = _fixtures.db_url
clock = _fixtures.clock
store = _fixtures.store
