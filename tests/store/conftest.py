"""Fixtures of the store tests: every store test runs on SQLite and on PostgreSQL.

PostgreSQL comes from ``PADPLANNER_TEST_PG`` (``.ci/postgres.sh`` starts one); each test gets
its own schema. Without it the PostgreSQL cases skip, except with ``CI=true``, where a missing
PostgreSQL is a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from storehelp import AMAL, NOW

from padplanner.clientfile import load_client
from padplanner.model import Client


def pg_base_url() -> str | None:
    url = os.environ.get("PADPLANNER_TEST_PG", "").strip()
    if url:
        return url
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("CI=true but PADPLANNER_TEST_PG is not set: PostgreSQL is required in CI")
    return None


def with_schema(url: str, schema: str) -> str:
    from sqlalchemy.engine import make_url

    return (
        make_url(url)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )


@contextmanager
def fresh_pg_schema() -> Iterator[str]:
    base = pg_base_url()
    if base is None:
        pytest.skip("PADPLANNER_TEST_PG is not set (run .ci/postgres.sh)")
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield with_schema(base, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL on a fresh, empty schema (dropped afterwards)."""
    with fresh_pg_schema() as url:
        yield url


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_store(request, tmp_path_factory, planner):
    """One store per backend for a whole module of tests that must not change anything.

    It holds Amal with her first plan (revision 1).
    """
    from padplanner.store import open_store

    with ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'caseload.db'}"
        else:
            url = stack.enter_context(fresh_pg_schema())
        opened = open_store(url, actor="tester", clock=lambda: NOW)
        stack.callback(opened.close)
        amal = load_client(AMAL)
        opened.add_person(amal, "j.jansen")
        opened.save_plan(amal.id, planner.plan(amal), "j.jansen", "intake", 0)
        yield opened


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'caseload.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request) -> str:
    """The URL of an empty database, once per backend."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def clock() -> Callable[[], datetime]:
    return lambda: NOW


@pytest.fixture
def store(db_url: str, clock):
    from padplanner.store import open_store

    opened = open_store(db_url, actor="tester", clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def amal() -> Client:
    return load_client(AMAL)


@pytest.fixture
def planned(store, amal, planner):
    """Amal in the store with her first plan (revision 1)."""
    store.add_person(amal, "j.jansen")
    store.save_plan(amal.id, planner.plan(amal), "j.jansen", "intake", 0)
    return amal
