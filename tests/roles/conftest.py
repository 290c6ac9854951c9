"""A shared PostgreSQL deployment for the roles tests: a fresh schema, group roles with a
prefix unique to this run, two teams and a user of every role, all dropped afterwards.

PostgreSQL comes from ``PADPLANNER_TEST_PG`` (its login must be a superuser or have
CREATEROLE); without it these tests skip, except with ``CI=true``, where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import attrs
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from padplanner.clientfile import load_client
from padplanner.store import ContactHeld, Decision

ROOT = Path(__file__).resolve().parents[2]
AMAL = ROOT / "examples" / "clients" / "amal.toml"
NOW = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
TODAY = NOW.date()


def pg_base_url() -> str | None:
    url = os.environ.get("PADPLANNER_TEST_PG", "").strip()
    if url:
        return url
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("CI=true but PADPLANNER_TEST_PG is not set: PostgreSQL is required in CI")
    return None


@attrs.frozen
class Deployment:
    """A schema with roles set up; ``url(user)`` connects as one of its logins."""

    base: str
    schema: str
    prefix: str
    users: dict[str, str]  # short name -> login

    def url(self, login: str | None = None) -> str:
        parsed = make_url(self.base).update_query_dict({"options": f"-csearch_path={self.schema}"})
        if login is not None:
            parsed = parsed.set(username=login, password=None)
        return parsed.render_as_string(hide_password=False)

    def login(self, short: str) -> str:
        return self.users[short]

    def store(self, short: str | None = None):
        from padplanner.store import open_store

        return open_store(self.url(None if short is None else self.login(short)), clock=lambda: NOW)

    def raw(self, short: str) -> Iterator:
        """A plain SQLAlchemy engine as that login: what psql would see."""
        return create_engine(self.url(self.login(short)))


# short name -> (role, team)
USERS = {
    "anna": ("counsellor", "team-a"),
    "bert": ("counsellor", "team-a"),
    "lead": ("teamlead", "team-a"),
    "cees": ("counsellor", "team-b"),
    "lead_b": ("teamlead", "team-b"),
    "ana": ("analyst", None),
    "adm": ("admin", None),
    "aud": ("auditor", None),
}
# person -> (team, counsellor short name or None)
PEOPLE = {
    "p-a1": ("team-a", "anna"),
    "p-a2": ("team-a", "bert"),
    "p-a3": ("team-a", None),
    "p-b1": ("team-b", "cees"),
}


def drop_roles(base: str, prefix: str) -> None:
    admin = create_engine(base)
    with admin.begin() as conn:
        names = conn.execute(
            text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p ORDER BY rolname DESC"),
            {"p": f"{prefix}%"},
        ).scalars()
        for name in list(names):
            conn.execute(text(f'DROP OWNED BY "{name}"'))  # its grants in this database
            conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
    admin.dispose()


@pytest.fixture(scope="module")
def deployment(planner) -> Iterator[Deployment]:
    """Roles set up by the owner, teams a and b, a user of every role, four people planned."""
    base = pg_base_url()
    if base is None:
        pytest.skip("PADPLANNER_TEST_PG is not set (run .ci/postgres.sh)")
    tag = uuid.uuid4().hex[:8]
    schema, prefix = f"t_{tag}", f"ppt{tag}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    users = {short: f"{prefix}_{short}" for short in USERS}
    found = Deployment(base, schema, prefix, users)
    try:
        with found.store() as owner:
            owner.setup_roles(prefix)
            owner.add_team("team-a", "Team A")
            owner.add_team("team-b", "Team B")
            for short, (role, team) in USERS.items():
                owner.add_user(users[short], role, team)
            amal = load_client(AMAL)
            for person, (team, counsellor) in PEOPLE.items():
                client = attrs.evolve(amal, id=person, name=f"Person {person}")
                login = users[counsellor] if counsellor else None
                owner.add_person(client, "intake", team=team, counsellor=login)
                owner.save_plan(person, planner.plan(client), "intake", "intake", 0)
                owner.record_event(person, ContactHeld(date(2025, 10, 1)), "intake")
                owner.decide(person, Decision("route", "b1", "the advice"), "intake")
        yield found
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
        drop_roles(base, prefix)


@pytest.fixture
def as_user(deployment) -> Iterator[Callable]:
    """``as_user("anna")`` opens the store as that login (closed afterwards)."""
    opened = []

    def open_as(short: str):
        store = deployment.store(short)
        opened.append(store)
        return store

    yield open_as
    for store in opened:
        store.close()


__all__ = ["NOW", "TODAY", "date"]


@pytest.fixture
def amal():
    return load_client(AMAL)
