"""The repository on SQLite and PostgreSQL: people, revisions, events, decisions, audit."""

from __future__ import annotations

import json
import os
import stat
from datetime import date

import attrs
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from storehelp import NOW, TODAY

from padplanner.errors import InputError
from padplanner.model import Level, Plan
from padplanner.store import (
    ContactHeld,
    Decision,
    ExamResult,
    HoursAttended,
    StaleRevision,
    UnknownPerson,
    open_store,
)
from padplanner.store.connect import sqlite_path


def test_add_and_get_a_person(store, amal):
    assert store.add_person(amal, "j.jansen") == amal.id
    assert store.get_person(amal.id) == amal
    assert store.has_person(amal.id) and not store.has_person("nobody")
    with pytest.raises(InputError, match="already in the database"):
        store.add_person(amal, "j.jansen")
    with pytest.raises(UnknownPerson):
        store.get_person("nobody")


def test_personal_fields_are_kept_out_of_the_intake_json(store, amal):
    store.add_person(amal, "j.jansen")
    with store.read() as conn:
        row = conn.execute(text("SELECT intake, name, bsn FROM people")).one()
    intake = json.loads(row.intake)
    assert not {"name", "bsn", "birth_date", "notes"} & set(intake)
    assert (row.name, row.bsn) == (amal.name, amal.bsn)


def test_save_plan_numbers_revisions_and_keeps_them(store, amal, planner):
    store.add_person(amal, "j.jansen")
    assert store.latest_plan(amal.id) is None
    first = planner.plan(amal)
    assert store.save_plan(amal.id, first, "j.jansen", "intake", 0) == 1
    later = planner.plan(amal, at=date(2025, 12, 1))
    assert store.save_plan(amal.id, later, "k.de.vries", "new start", 1) == 2
    number, plan = store.latest_plan(amal.id)
    assert number == 2 and plan == Plan.from_json(later.to_json())
    saved = store.revisions(amal.id)
    assert [r.revision for r in saved] == [1, 2]
    assert [r.author for r in saved] == ["j.jansen", "k.de.vries"]
    assert saved[0].reason == "intake" and saved[0].created_at == NOW
    assert saved[0].plan.to_json() == first.to_json()
    assert store.revision(amal.id, 1).checksum == saved[0].checksum


def test_a_stale_save_is_refused_and_names_who_saved_in_between(store, planned, planner):
    plan = planner.plan(planned, at=date(2025, 11, 1))
    store.save_plan(planned.id, plan, "k.de.vries", "more hours", 1)
    with pytest.raises(StaleRevision) as caught:
        store.save_plan(planned.id, plan, "j.jansen", "my edit", 1)
    message = str(caught.value)
    assert "revision 2 by k.de.vries at 5 January 2026 09:30:00 UTC" in message
    assert "Nothing was saved" in message
    assert [r.revision for r in store.revisions(planned.id)] == [1, 2]
    with pytest.raises(StaleRevision, match="does not exist"):
        store.save_plan(planned.id, plan, "j.jansen", "x", 7)


def test_save_plan_checks_its_input(store, planned, planner):
    plan = planner.plan(planned)
    with pytest.raises(InputError, match="not this person"):
        store.save_plan(planned.id, attrs.evolve(plan, client="other"), "a", "x", 1)
    with pytest.raises(InputError, match="reason"):
        store.save_plan(planned.id, plan, "j.jansen", "   ", 1)
    with pytest.raises(InputError, match="author"):
        store.save_plan(planned.id, plan, "j\x1bjansen", "x", 1)
    with pytest.raises(UnknownPerson):
        store.save_plan("nobody", attrs.evolve(plan, client="nobody"), "a", "x", 0)


def test_the_caseload_row_follows_the_latest_revision(store, planned):
    (row,) = store.list_people()
    _, plan = store.latest_plan(planned.id)
    assert row.id == planned.id and row.name == planned.name
    assert row.revision == 1 and row.route == plan.route.id
    assert row.deadline == plan.deadline and row.slack_weeks == plan.slack_weeks
    assert row.next_milestone_date >= TODAY


def test_events_are_recorded_and_drive_the_current_state(store, planned):
    store.record_event(planned.id, HoursAttended(date(2025, 10, 6), "nt2-a0-a1", 12), "j")
    store.record_event(planned.id, ExamResult(date(2025, 12, 1), "reading", Level.A2), "j")
    store.record_event(planned.id, ContactHeld(date(2025, 12, 2), note="went well"), "j")
    recorded = store.events(planned.id)
    assert [e.event.kind for e in recorded] == ["hours", "exam", "contact"]
    assert recorded[2].event.note == "went well" and recorded[0].author == "j"
    now = store.current_client(planned.id)
    assert now.levels.reading == Level.A2
    assert now.progress.hours_done == {"nt2-a0-a1": 12.0}
    assert store.current_client(planned.id, at=date(2025, 11, 1)).levels.reading == Level.A1
    assert store.get_person(planned.id) == planned  # the intake itself never changes
    (row,) = store.list_people()
    assert row.last_contact == date(2025, 12, 2)


def test_decisions_need_a_reason_and_remember_the_previous_route(store, planned):
    with pytest.raises(InputError, match="reason"):
        store.decide(planned.id, Decision("route", "z", ""), "j")
    with pytest.raises(InputError, match="not a route"):
        store.decide(planned.id, Decision("route", "x", "because"), "j")
    store.decide(planned.id, Decision("route", "z", "LBT low, intake agrees"), "j")
    (recorded,) = store.decisions(planned.id)
    assert recorded.decision.previous == "b1" and recorded.author == "j"
    assert store.current_client(planned.id).route.choice == "z"


def test_the_audit_log_is_append_only_and_never_holds_the_bsn(store, planned):
    store.get_person(planned.id)  # reads log nothing by themselves: looks are logged
    store.look(planned.id, "show")
    store.record_event(planned.id, ContactHeld(date(2025, 12, 2)), "j.jansen")
    entries = store.audit(person_id=planned.id)
    assert [e.action for e in entries][::-1] == ["create", "revision", "event"]
    (look,) = store.accesses(person_id=planned.id)
    assert (look.action, look.actor) == ("show", "tester")  # looks: the store's actor
    assert all(planned.bsn not in e.detail and planned.name not in e.detail for e in entries)
    with store.read() as conn:
        dump = " ".join(str(v) for row in conn.execute(text("SELECT * FROM audit")) for v in row)
    assert planned.bsn not in dump
    for sql in ("UPDATE audit SET actor = 'x'", "DELETE FROM audit"):
        with pytest.raises(DBAPIError, match="append-only"), store.write() as conn:
            conn.execute(text(sql))
    for sql in ("UPDATE access_log SET actor = 'x'", "DELETE FROM access_log"):
        with pytest.raises(DBAPIError, match="append-only"), store.write() as conn:
            conn.execute(text(sql))
    assert len(store.audit(person_id=planned.id)) == 3
    assert len(store.accesses(person_id=planned.id)) == 1


def test_list_search_filter_sort_and_page(store, planner, make_client):
    names = ["Émile Öztürk", "Anna de Vries", "Zoë Nguyễn", "Bram Ozturk", "Lucía García"]
    for i, name in enumerate(names):
        client = make_client(
            id=f"p{i}",
            name=name,
            municipality="GM0034" if i % 2 else "GM0363",
            weekly_hours=8 + 4 * i,
        )
        store.add_person(client, "j")
        if i < 4:
            store.save_plan(client.id, planner.plan(client), "j", "intake", 0)
    by_name = [r.name for r in store.list_people()]
    assert by_name == sorted(names, key=lambda n: n.lower().replace("é", "e"))
    assert {r.name for r in store.list_people(search="ozturk")} == {
        "Émile Öztürk",
        "Bram Ozturk",
    }
    assert [r.name for r in store.list_people(search="NGUYEN")] == ["Zoë Nguyễn"]
    assert [r.id for r in store.list_people(search="p3")] == ["p3"]
    assert [r.id for r in store.list_people(search="P3")] == ["p3"]
    assert store.list_people(search="%") == [] and store.list_people(search="_") == []
    assert store.count_people(municipality="GM0034") == 2
    assert store.count_people() == 5
    assert store.count_people(search="o") == 3  # Öztürk, Zoë, Ozturk
    slack = [r.slack_weeks for r in store.list_people(order_by="slack")]
    assert slack[:4] == sorted(slack[:4]) and slack[4] is None  # no plan sorts last
    desc = store.list_people(order_by="slack", descending=True)
    assert [r.slack_weeks for r in desc][:4] == sorted(slack[:4], reverse=True)
    pages = [store.list_people(order_by="id", limit=2, offset=o) for o in (0, 2, 4)]
    assert [r.id for page in pages for r in page] == ["p0", "p1", "p2", "p3", "p4"]
    assert store.municipalities() == ["GM0034", "GM0363"]
    with pytest.raises(InputError, match="order_by"):
        store.list_people(order_by="bsn")
    with pytest.raises(InputError, match="risk"):
        store.list_people(risk="red")
    with pytest.raises(InputError, match="route"):
        store.count_people(route="fast")


def test_every_caseload_order_reads_a_page_from_an_index(sqlite_url):
    """A page in any order the caseload offers (both directions, a page deep in the list) is
    read from an index: SQLite does not sort the whole caseload for it."""
    from sqlalchemy.dialects import sqlite

    from padplanner.store.caseload import list_query
    from padplanner.store.records import CASE_ORDER

    store = open_store(sqlite_url)
    with store.engine.connect() as conn:
        for order in CASE_ORDER:
            for descending in (False, True):
                query = list_query("", None, None, None, None, order, descending, 40, 18_000)
                sql = str(
                    query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
                )
                steps = [row[3] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql))]
                assert not [s for s in steps if "TEMP B-TREE" in s], (order, descending, steps)
                assert any("USING INDEX" in s or "USING COVERING INDEX" in s for s in steps)
                conn.execute(query).all()  # and the query runs with its bound values
    store.close()


def test_on_sqlite_the_id_search_needs_no_lower_on_every_row(store, planned):
    """SQLite's LIKE already ignores the case of ASCII letters, so the search does not call
    ``lower()`` on every id; PostgreSQL's LIKE does not, so there it is ILIKE. Either way a
    search in the other case finds the person."""
    from padplanner.store.caseload import count_query

    sql = str(count_query("ab", None, None, None, None, like_ignores_case=True))
    assert "lower(" not in sql.lower()
    assert "lower(" in str(count_query("ab", None, None, None, None)).lower()
    assert [r.id for r in store.list_people(search=planned.id.upper())] == [planned.id]
    assert store.count_people(search=planned.id.upper()) == 1


def test_search_by_bsn(store, planned):
    assert [r.id for r in store.list_people(search=planned.bsn)] == [planned.id]


def test_update_person_corrects_the_intake(store, planned):
    fixed = attrs.evolve(planned, weekly_hours=20, name="Amal Haddád")
    with pytest.raises(InputError, match="reason"):
        store.update_person(fixed, "j", "")
    store.update_person(fixed, "j", "typing error at intake")
    assert store.get_person(planned.id) == fixed
    assert store.list_people(search="haddad")[0].name == "Amal Haddád"


def test_sqlite_file_is_private_and_in_wal_mode(sqlite_url):
    store = open_store(sqlite_url)
    path = sqlite_path(sqlite_url)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


def test_default_url_is_in_the_user_data_folder(monkeypatch, tmp_path):
    from padplanner.store import connect

    monkeypatch.delenv("PADPLANNER_DB", raising=False)
    monkeypatch.setattr(connect, "data_dir", lambda: tmp_path / "data")
    url = connect.default_url()
    assert url == f"sqlite:///{tmp_path / 'data' / 'padplanner.db'}"
    store = open_store()
    assert stat.S_IMODE(os.stat(tmp_path / "data").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(tmp_path / "data" / "padplanner.db").st_mode) == 0o600
    store.close()
    monkeypatch.setenv("PADPLANNER_DB", "sqlite:///elsewhere.db")
    assert connect.default_url() == "sqlite:///elsewhere.db"


def test_bad_urls_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="not a database URL"):
        open_store("nonsense")
    with pytest.raises(InputError, match="not supported"):
        open_store("mysql://x@localhost/db")
    with pytest.raises(InputError, match="db init"):
        open_store(f"sqlite:///{tmp_path / 'missing.db'}", create=False)


def test_refresh_moves_the_caseload_to_a_new_day(store, planned, make_client, planner):
    store.record_event(planned.id, ContactHeld(date(2025, 12, 29)), "j")
    other = make_client(id="p-2")
    store.add_person(other, "j")
    assert store.list_people(search=planned.id)[0].risk != "contact"
    assert store.refresh(date(2026, 6, 1)) == 2
    row = store.list_people(search=planned.id)[0]
    assert "contact" in row.risk_flags
    _, plan = store.latest_plan(planned.id)
    assert row.next_milestone_date == min(
        m.date for m in plan.milestones if m.date >= date(2026, 6, 1)
    )
    assert store.list_people(search="p-2")[0].phase == "intake"


def test_current_clients_reads_many_and_logs_one_look_each(store, planned, make_client):
    store.add_person(make_client(id="p-2"), "j")
    store.record_event(planned.id, ExamResult(date(2025, 12, 1), "reading", Level.A2), "j")
    many = store.current_clients(["p-2", planned.id, "nobody"])
    assert list(many) == ["p-2", planned.id]
    assert many[planned.id] == store.current_client(planned.id)
    reads = [e.person_id for e in store.accesses() if e.action == "cohort"]
    assert sorted(reads) == sorted(["p-2", planned.id])  # one look each, none for reads


def test_a_search_of_a_few_letters_sorts_only_its_hits_and_finds_the_same_page(
    store, planner, monkeypatch
):
    """From three letters on, the search is filtered first and only its hits are sorted (a
    search with few hits no longer walks an order's index through the whole caseload); the
    pages are the same as the index's, in every order and direction."""
    from padplanner.store import caseload
    from padplanner.store.demo_fill import fill_demo
    from padplanner.store.records import CASE_ORDER

    fill_demo(store, 60, 3, planner=planner, progress=False)
    names = [row.name for row in store.list_people(limit=60)]
    probe = names[7].split()[0][:3]  # three letters of a first name: several hits
    pages = {
        (order, descending, search): [
            r.id
            for r in store.list_people(
                search, order_by=order, descending=descending, limit=5, offset=1
            )
        ]
        for order in CASE_ORDER
        for descending in (False, True)
        for search in (probe, "zzq")
    }
    assert any(pages.values()) and not any(p for (_o, _d, s), p in pages.items() if s == "zzq")
    monkeypatch.setattr(caseload, "SEARCH_FIRST", 1000)  # every search through the index
    for (order, descending, search), page in pages.items():
        again = store.list_people(search, order_by=order, descending=descending, limit=5, offset=1)
        assert [r.id for r in again] == page, (order, descending, search)


def test_on_sqlite_a_search_reads_the_search_index_not_the_whole_table(sqlite_url):
    from sqlalchemy.dialects import sqlite

    from padplanner.store.caseload import list_query

    store = open_store(sqlite_url)
    with store.engine.connect() as conn:
        query = list_query("ahmadoz", None, "behind", None, None, "deadline", True, 40, 0, True)
        sql = str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
        steps = [row[3] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql))]
        assert any("COVERING INDEX ix_people_name_key" in s for s in steps), steps
        assert "SCAN people" not in steps, steps
        conn.execute(query).all()
    store.close()
