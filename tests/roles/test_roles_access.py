"""Every role sees exactly what it should, through padplanner and through raw SQL (psql)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError

from padplanner.errors import InputError
from padplanner.store import ContactHeld

PERSON_TABLES = ("people", "revisions", "events", "decisions")


def raw_ids(deployment, short: str, table: str = "people") -> list[str]:
    column = "id" if table == "people" else "person_id"
    engine = deployment.raw(short)
    try:
        with engine.connect() as conn:
            return sorted(set(conn.execute(text(f"SELECT {column} FROM {table}")).scalars()))
    finally:
        engine.dispose()


def refused(deployment, short: str, sql: str) -> str:
    """The database's refusal of ``sql`` for that login (the test fails if it is allowed)."""
    engine = deployment.raw(short)
    try:
        with pytest.raises(DBAPIError) as caught, engine.begin() as conn:
            conn.execute(text(sql))
        return str(caught.value.orig)
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("short", "expected"),
    [
        ("anna", ["p-a1"]),
        ("bert", ["p-a2"]),
        ("cees", ["p-b1"]),
        ("lead", ["p-a1", "p-a2", "p-a3"]),
        ("lead_b", ["p-b1"]),
    ],
)
def test_caseworkers_see_exactly_their_caseload(deployment, as_user, short, expected):
    store = as_user(short)
    assert store.access.mode == "shared" and store.access.user == deployment.login(short)
    assert sorted(r.id for r in store.list_people()) == expected
    assert store.count_people() == len(expected)
    for table in PERSON_TABLES:  # psql shows the same, table by table
        assert raw_ids(deployment, short, table) == expected, table
    hidden = sorted({"p-a1", "p-a2", "p-a3", "p-b1"} - set(expected))
    for person in hidden:  # not even its existence through padplanner
        with pytest.raises(InputError, match="no such person"):
            store.get_person(person)
        with pytest.raises(InputError, match="no such person"):
            store.revisions(person)


@pytest.mark.parametrize("short", ["ana", "adm", "aud"])
def test_analysts_admins_and_auditors_read_no_person_data(deployment, short):
    for table in PERSON_TABLES:
        said = refused(deployment, short, f"SELECT * FROM {table}")
        assert "permission denied" in said
    for column in ("name", "bsn", "birth_date", "notes"):
        assert "permission denied" in refused(deployment, short, f"SELECT {column} FROM people")


def test_an_analyst_reads_the_pseudonymised_research_snapshot_and_aggregates(deployment, as_user):
    with deployment.store() as owner:
        owner.refresh()  # the owner builds the snapshot (daily, with the caseload summary)
    analyst = as_user("ana")
    rows = analyst.research_rows()
    assert len(rows) == 4
    flat = " ".join(str(v) for row in rows for v in row.values())
    for secret in ("Person p-a1", "p-a1", "249566758"):
        assert secret not in flat
    engine = deployment.raw("ana")
    with engine.connect() as conn:
        counts = conn.execute(text("SELECT sum(people) FROM research_counts")).scalar()
    engine.dispose()
    assert counts is None  # groups under 5 people are left out
    from padplanner.store.histories import research_histories

    histories = research_histories(analyst, analyst.actor)  # what evaluate and calibrate read
    assert sorted(h.pid for h in histories) == sorted(r["pid"] for r in rows)
    counsellor = as_user("anna")
    with pytest.raises(InputError, match="refuses"):
        counsellor.research_rows()
    assert "permission denied" in refused(deployment, "anna", "SELECT * FROM research")


def test_only_the_auditor_reads_the_logs(deployment):
    for short in ("anna", "lead", "ana", "adm"):
        for log in ("audit", "access_log"):
            assert "permission denied" in refused(deployment, short, f"SELECT * FROM {log}")
    engine = deployment.raw("aud")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit")).scalar() > 0
    engine.dispose()
    assert "permission denied" in refused(
        deployment,
        "aud",
        "INSERT INTO audit (at, actor, action, detail) VALUES (now(), 'x', 'x', '')",
    )


@pytest.mark.parametrize("short", ["anna", "lead", "ana", "adm", "aud"])
@pytest.mark.parametrize("log", ["audit", "access_log"])
def test_no_role_alters_or_deletes_a_log_row(deployment, short, log):
    for sql in (f"UPDATE {log} SET actor = 'x'", f"DELETE FROM {log}", f"TRUNCATE {log}"):
        said = refused(deployment, short, sql)
        assert "permission denied" in said or "append-only" in said, said


def test_even_the_owner_cannot_alter_a_log_row(deployment):
    with deployment.store() as owner:
        owner.look("p-a1", "show")  # a row for the row triggers to guard
        for log in ("audit", "access_log"):
            for sql in (f"UPDATE {log} SET actor = 'x'", f"DELETE FROM {log}", f"TRUNCATE {log}"):
                with pytest.raises(DBAPIError, match="append-only"), owner.write() as conn:
                    conn.execute(text(sql))


def test_the_database_writes_who_and_when_in_the_logs(deployment, as_user):
    anna = as_user("anna")
    engine = deployment.raw("anna")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO access_log (at, actor, action, person_id, detail) "
                "VALUES ('2000-01-01', :other, 'show', 'p-a1', 'forged')"
            ),
            {"other": deployment.login("lead")},
        )
    engine.dispose()
    anna.look("p-a1", "show")
    with deployment.store() as owner:
        forged, honest = owner.accesses(person_id="p-a1")[:2][::-1]
    assert forged.actor == deployment.login("anna") and forged.at.year > 2000
    assert honest.actor == deployment.login("anna")


def test_a_counsellor_cannot_reassign_or_add_into_another_caseload(deployment, as_user, amal):
    said = refused(deployment, "anna", "UPDATE people SET counsellor = current_user")
    assert "permission denied" in said
    engine = deployment.raw("anna")
    with engine.begin() as conn:  # another's person is not even there to change
        changed = conn.execute(text("UPDATE people SET notes = 'x' WHERE id = 'p-b1'")).rowcount
    engine.dispose()
    assert changed == 0
    anna = as_user("anna")
    with pytest.raises(InputError, match="refuses"):
        anna.add_person(amal, team="team-b")
    with pytest.raises(InputError, match="no such person"):
        anna.record_event("p-b1", ContactHeld(date(2025, 12, 1)))


def test_a_counsellor_adds_into_their_own_caseload(deployment, as_user, amal, planner):
    import attrs

    anna = as_user("anna")
    client = attrs.evolve(amal, id="p-new")
    anna.add_person(client)
    anna.save_plan("p-new", planner.plan(client), "x", "intake", 0)
    assert "p-new" in {r.id for r in anna.list_people()}
    assert "p-new" not in {r.id for r in as_user("cees").list_people()}
    assert "p-new" in {r.id for r in as_user("lead").list_people()}


def test_a_disabled_user_cannot_connect(deployment, as_user):
    with deployment.store() as owner:
        owner.add_user(f"{deployment.prefix}_gone", "counsellor", "team-a")
        owner.disable_user(f"{deployment.prefix}_gone")
        assert [e.action for e in owner.audit(action="user.disable")] == ["user.disable"]
    from sqlalchemy import create_engine

    engine = create_engine(deployment.url(f"{deployment.prefix}_gone"))
    with pytest.raises(OperationalError, match="not permitted to log in"):
        engine.connect()
    engine.dispose()


def test_teamleads_reassign_and_counsellors_share_recorded(deployment, as_user):
    lead, anna, bert = as_user("lead"), as_user("anna"), as_user("bert")
    before = {r.id for r in anna.list_people()}
    lead.assign("p-a3", counsellor=deployment.login("anna"))
    assert {r.id for r in anna.list_people()} == before | {"p-a3"}
    bert.share("p-a2", deployment.login("anna"))
    assert {r.id for r in anna.list_people()} == before | {"p-a2", "p-a3"}
    assert raw_ids(deployment, "anna", "revisions") == sorted(before | {"p-a2", "p-a3"})
    bert.unshare("p-a2", deployment.login("anna"))
    assert {r.id for r in anna.list_people()} == before | {"p-a3"}
    lead.assign("p-a3", team="team-b")  # handed over to another team: gone from team a
    assert "p-a3" not in {r.id for r in lead.list_people()}
    assert "p-a3" in {r.id for r in as_user("lead_b").list_people()}
    with pytest.raises(InputError, match=r"refuses|no such person"):
        anna.assign("p-a1", counsellor=deployment.login("bert"))
    with deployment.store() as owner:
        log = [(e.action, e.person_id, e.actor) for e in owner.audit()][::-1]
    assert ("assign", "p-a3", deployment.login("lead")) in log
    assert ("share", "p-a2", deployment.login("bert")) in log
    assert ("unshare", "p-a2", deployment.login("bert")) in log


def test_role_changes_are_logged_and_take_effect(deployment, as_user):
    name = f"{deployment.prefix}_dora"
    with deployment.store() as owner:
        owner.add_user(name, "counsellor", "team-a")
    admin = as_user("adm")
    admin.set_role(name, "teamlead")
    dora = admin.__class__  # noqa: F841 - the store class, to open as dora below
    from padplanner.store import open_store

    with open_store(deployment.url(name)) as store:
        assert store.access.role == "teamlead"
        assert {"p-a1", "p-a2"} <= {r.id for r in store.list_people()}
    with deployment.store() as owner:
        entries = owner.audit(action="user.role")
    assert entries[0].actor == deployment.login("adm")
    assert "counsellor -> teamlead" in entries[0].detail
    with pytest.raises(InputError, match="your own"):
        admin.set_role(deployment.login("adm"), "teamlead", "team-a")
    with pytest.raises(InputError, match="refuses"):
        as_user("lead").set_role(name, "admin")


def test_disabling_a_user_cuts_off_a_session_already_open(deployment):
    from sqlalchemy import create_engine

    name = f"{deployment.prefix}_open"
    with deployment.store() as owner:
        owner.add_user(name, "teamlead", "team-a")
    engine = create_engine(deployment.url(name))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM people")).scalar() > 0
        conn.commit()
        with deployment.store() as owner:
            owner.disable_user(name)
        # without its group the login loses even the schema: nothing is there any more
        with pytest.raises(DBAPIError, match=r"permission denied|does not exist"):
            conn.execute(text("SELECT count(*) FROM people"))
    engine.dispose()
