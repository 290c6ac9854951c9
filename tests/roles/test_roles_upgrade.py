"""A shared deployment set up before the later migrations keeps working once upgraded.

``data/roles-schema6.sql`` is what ``padplanner db roles`` set up on a database at schema
version 6: its column grants on ``people`` do not name ``on_time`` (migration 7), and its
policies on revisions, events and decisions looked the person up (migration 8 copies team and
counsellor onto them). Upgrading (``padplanner db migrate``, or the owner opening the store)
must bring grants, policies and triggers up to date, so a counsellor can save a plan (which
writes ``on_time``) and every role sees what it saw before, no more.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import attrs
import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from padplanner.errors import InputError
from padplanner.store import ContactHeld, open_store
from padplanner.store.connect import make_engine
from padplanner.store.errors import UnknownPerson
from padplanner.store.migrations import HEAD, current_version, migrate
from padplanner.store.people import intake_columns
from padplanner.store.schema import meta, people

from .conftest import NOW, drop_roles, pg_base_url

OLD_ROLES = Path(__file__).parent / "data" / "roles-schema6.sql"


def url_of(base: str, schema: str, login: str | None = None) -> str:
    parsed = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    if login is not None:
        parsed = parsed.set(username=login, password=None)
    return parsed.render_as_string(hide_password=False)


@pytest.fixture
def old_deployment(amal):
    """A schema-6 database with the roles of that time, team a, a counsellor (anna), a
    counsellor of team b (cees), a team lead of team a, and two people of anna's."""
    base = pg_base_url()
    if base is None:
        pytest.skip("PADPLANNER_TEST_PG is not set (run .ci/postgres.sh)")
    tag = uuid.uuid4().hex[:8]
    schema, prefix = f"t_{tag}", f"ppu{tag}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = url_of(base, schema)
    engine = make_engine(url)
    try:
        assert migrate(engine, 6) == (0, 6)
        with engine.begin() as conn:
            owner = conn.exec_driver_sql("SELECT current_user").scalar()
            for line in OLD_ROLES.read_text().splitlines():
                if line and not line.startswith("--"):
                    statement = (
                        line.replace("@PREFIX@", prefix)
                        .replace("@SCHEMA@", schema)
                        .replace("@OWNER@", owner)
                    )
                    conn.exec_driver_sql(statement.replace("%", "%%"))
            conn.execute(meta.insert().values(key="roles", value=prefix))
            conn.exec_driver_sql(
                "INSERT INTO teams (id, name, created_at) VALUES "
                "('team-a', 'Team A', now()), ('team-b', 'Team B', now())"
            )
            logins = {}
            for short, role, team in (
                ("anna", "counsellor", "team-a"),
                ("cees", "counsellor", "team-b"),
                ("lead", "teamlead", "team-a"),
            ):
                logins[short] = f"{prefix}_{short}"
                conn.execute(
                    text("SELECT padplanner_user_add(:n, :r, :t)"),
                    {"n": logins[short], "r": role, "t": team},
                )
            for person in ("p-1", "p-2"):  # written by the padplanner of that time
                client = attrs.evolve(amal, id=person, name=f"Person {person}")
                columns = {
                    k: v for k, v in intake_columns(client).items() if not k.startswith("own_")
                }  # the own words came in schema 9
                conn.execute(
                    people.insert().values(
                        id=person,
                        **columns,
                        municipality=client.municipality,
                        created_at=NOW,
                        updated_at=NOW,
                        team="team-a",
                        counsellor=logins["anna"],
                    )
                )
        yield base, schema, prefix, logins
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
        drop_roles(base, prefix)


@pytest.mark.parametrize("how", ["db migrate", "the owner opens the store"])
def test_an_upgraded_deployment_works_for_every_role(old_deployment, planner, cli, how):
    base, schema, _, logins = old_deployment
    owner_url = url_of(base, schema)
    anna_url = url_of(base, schema, logins["anna"])
    # before the upgrade a user's padplanner refuses the old schema (only the owner migrates)
    code, _, err = cli("person", "list", "--db", anna_url)
    assert code == 2 and "db migrate" in err
    if how == "db migrate":
        code, _, err = cli("db", "migrate", "--db", owner_url)
        assert code == 0, err
    else:
        open_store(owner_url).close()
    engine = make_engine(owner_url)
    with engine.connect() as conn:
        assert current_version(conn) == HEAD
    engine.dispose()
    with open_store(anna_url, clock=lambda: NOW) as anna:
        client = anna.current_client("p-1")
        plan = planner.plan(client)
        # saving refreshes the caseload columns, on_time among them (a column grant)
        anna.save_plan("p-1", plan, "anna", "first plan after the upgrade", 0)
        anna.record_event("p-1", ContactHeld(NOW.date()), "anna")
        # correcting the intake writes every column of it, the person's own words among them
        # (added by a later step than the roles were set up in)
        own = attrs.evolve(client, own_goals="Ik wil verpleegkundige worden")
        anna.update_person(own, "anna", "the person's own goal")
        assert anna.current_client("p-1").own_goals == "Ik wil verpleegkundige worden"
        assert [r.id for r in anna.list_people()] == ["p-1", "p-2"]
        row = anna.list_people()[0]
        assert row.revision == 1 and row.deadline == plan.deadline
        assert len(anna.revisions("p-1")) == 1 and len(anna.events("p-1")) == 1
    with open_store(url_of(base, schema, logins["lead"]), clock=lambda: NOW) as lead:
        assert lead.count_people() == 2
        with lead.read() as conn:  # the team's size from its index (rowsecurity.TOTAL)
            assert lead.counts_led_team(conn)
        assert len(lead.revisions("p-1")) == 1  # the copies of team and counsellor are set
    with open_store(url_of(base, schema, logins["cees"]), clock=lambda: NOW) as cees:
        assert cees.count_people() == 0
        with pytest.raises(UnknownPerson):
            cees.revisions("p-1")
    raw = create_engine(url_of(base, schema, logins["cees"]))
    try:
        with raw.connect() as conn:  # psql as cees: nothing of team a either
            assert conn.execute(select(people.c.id)).all() == []
            for table in ("revisions", "events"):
                assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0
    finally:
        raw.dispose()


def test_db_migrate_mends_a_deployment_an_older_padplanner_migrated(old_deployment, cli):
    """Migrated without its roles brought up to date (as the padplanner of that time did):
    nothing is left to migrate, and ``db migrate`` still mends the grants, as the owner
    only."""
    base, schema, prefix, logins = old_deployment
    owner_url = url_of(base, schema)
    anna_url = url_of(base, schema, logins["anna"])
    engine = make_engine(owner_url)
    try:
        assert migrate(engine) == (6, HEAD)  # the steps alone: the grants are still schema 6's
    finally:
        engine.dispose()
    with open_store(anna_url, clock=lambda: NOW) as anna, pytest.raises(InputError):
        anna.record_event("p-1", ContactHeld(NOW.date()), "anna")  # refreshes the caseload row
    code, out, err = cli("db", "migrate", "--db", anna_url)  # a user's run changes nothing
    assert code == 0, err
    assert "niets te doen" in out and "bijgewerkt" not in out
    code, out, err = cli("db", "migrate", "--db", owner_url)
    assert code == 0, err
    assert "niets te doen" in out
    assert f"rollen, rechten en beveiliging per rij bijgewerkt ({prefix}_*)" in out
    with open_store(anna_url, clock=lambda: NOW) as anna:
        anna.record_event("p-1", ContactHeld(NOW.date()), "anna")
        assert len(anna.events("p-1")) == 1


def test_db_roles_again_is_idempotent_on_an_upgraded_deployment(old_deployment, cli):
    base, schema, prefix, logins = old_deployment
    owner_url = url_of(base, schema)
    assert cli("db", "migrate", "--db", owner_url)[0] == 0
    for _ in range(2):
        code, _, err = cli("db", "roles", "--db", owner_url, "--prefix", prefix)
        assert code == 0, err
    with open_store(url_of(base, schema, logins["anna"]), clock=lambda: NOW) as anna:
        assert anna.count_people() == 2
