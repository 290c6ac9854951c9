"""Malformed or hostile input gets a clear error and changes nothing."""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from storehelp import counts

from padplanner.errors import InputError
from padplanner.store import ContactHeld, Decision, ExamResult, HoursAttended
from padplanner.store.validation import event_from_dict

SQL = "Robert'); DROP TABLE people;--"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "A" * 5000}, "name", "at most 2,000 characters"),
        ({"name": "Amal\x00Haddad"}, "name", "control characters"),
        ({"notes": "ok\x1b[2Jcleared"}, "notes", "control characters"),
        ({"bsn": "123456789"}, "bsn", "elfproef"),
        ({"bsn": "24956675"}, "bsn", "elfproef"),
        ({"id": SQL}, "id", "not a valid id"),
        ({"id": "x" * 65}, "id", "not a valid id"),
        ({"term_start": date(1900, 1, 1)}, "term_start", "out of range"),
        ({"birth_date": date(1850, 1, 1)}, "birth_date", "age of"),
        ({"municipality": "'; DELETE FROM audit;--"}, "municipality", "CBS"),
        ({"weekly_hours": 10_000}, "weekly_hours", "between 1 and 60"),
    ],
)
def test_bad_intakes_are_refused_and_nothing_changes(module_store, amal, changes, field, message):
    store, planned = module_store, amal
    before = counts(store)
    bad = attrs.evolve(planned, **{"id": "new-1", **changes})
    with pytest.raises(InputError) as caught:
        store.add_person(bad, "j")
    assert any(p.path == field and message in p.message for p in caught.value.problems)
    assert counts(store) == before


def test_sql_looking_text_is_stored_as_text(store, amal):
    client = attrs.evolve(amal, name=SQL, notes="1; SELECT * FROM people WHERE '1'='1")
    store.add_person(client, "j")
    assert store.get_person(amal.id).name == SQL
    assert store.count_people() == 1
    assert [r.name for r in store.list_people(search="drop table")] == [SQL]
    assert store.list_people(search="' OR '1'='1") == []


@pytest.mark.parametrize(
    ("event", "field"),
    [
        (HoursAttended(date(2025, 10, 6), "nt2-a0-a1", 1e9), "hours"),
        (HoursAttended(date(2025, 10, 6), "nt2-a0-a1", -3), "hours"),
        (HoursAttended(date(2025, 10, 6), SQL, 3), "module"),
        (HoursAttended(date(2201, 1, 1), "nt2-a0-a1", 3), "on"),
        (HoursAttended(date(1999, 12, 31), "nt2-a0-a1", 3), "on"),
        (ExamResult(date(2025, 10, 6), "dancing", 2), "skill"),
        (ContactHeld(date(2025, 10, 6), note="x" * 2001), "note"),
        (ContactHeld(date(2025, 10, 6), note="bell\x07"), "note"),
        (ContactHeld(date(2025, 10, 6), topic="gossip"), "topic"),
    ],
)
def test_bad_events_are_refused_and_nothing_changes(module_store, amal, event, field):
    store, planned = module_store, amal
    before = counts(store)
    with pytest.raises(InputError) as caught:
        store.record_event(planned.id, event, "j")
    assert [p.path for p in caught.value.problems] == [field]
    assert counts(store) == before


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "hours", "on": "2025-13-01", "module": "nt2-a0-a1", "hours": 1},
        {"kind": "hours", "on": "2025-10-01", "module": "nt2-a0-a1", "hours": "1; DROP"},
        {"kind": "hours", "on": "2025-10-01", "module": "nt2-a0-a1", "hours": 1, "bsn": "x"},
        {"kind": "DROP TABLE events"},
        ["not", "a", "table"],
    ],
)
def test_bad_event_data_names_the_problem(data):
    with pytest.raises(InputError) as caught:
        event_from_dict(data, "event.json")
    assert all(p.file == "event.json" and p.message for p in caught.value.problems)


@pytest.mark.parametrize("author", ["", "   ", "x" * 101, "j\njansen", "j\x00", "\x1b]0;pwned\x07"])
def test_bad_authors_are_refused(module_store, amal, planner, author):
    store, planned = module_store, amal
    before = counts(store)
    with pytest.raises(InputError, match="author"):
        store.record_event(planned.id, ContactHeld(date(2025, 10, 6)), author)
    with pytest.raises(InputError, match="author"):
        store.save_plan(planned.id, planner.plan(planned), author, "x", 1)
    with pytest.raises(InputError, match="author"):
        store.forget(planned.id, author)
    assert counts(store) == before
    assert store.get_person(planned.id).name == planned.name


def test_bad_decisions_and_reasons_are_refused(module_store, amal, planner):
    store, planned = module_store, amal
    before = counts(store)
    for decision in (
        Decision("route", "z", "r" * 2001),
        Decision("route", "z", "because\x00"),
        Decision("delete", "people", "because"),
        Decision("remove", SQL, "because"),
    ):
        with pytest.raises(InputError):
            store.decide(planned.id, decision, "j")
    with pytest.raises(InputError, match="reason"):
        store.save_plan(planned.id, planner.plan(planned), "j", "x" * 3000, 1)
    assert counts(store) == before


def test_bad_list_arguments_are_refused(module_store):
    store = module_store
    for kwargs in (
        {"search": "x" * 201},
        {"order_by": "name; DROP TABLE people"},
        {"limit": -1},
        {"limit": 10**9},
        {"offset": -5},
        {"phase": "sleeping"},
    ):
        with pytest.raises(InputError):
            store.list_people(**kwargs)
