"""Forgetting a person, the research dataset, and backups on both backends."""

from __future__ import annotations

import json
from datetime import date

import attrs
import pytest
from sqlalchemy import text

from padplanner.engine.adjust import Adjustments
from padplanner.errors import InputError
from padplanner.model.client import RouteChoice
from padplanner.store import ContactHeld, Decision, HoursAttended, open_store
from padplanner.store.pseudonyms import pseudonym, research_key
from padplanner.store.research import RESEARCH_FIELDS, age_band
from padplanner.store.restore import restore

SECRET = "confided: sleeps badly since the crossing"


@pytest.fixture
def storied(store, amal, planner):
    """Amal with free texts everywhere: notes, a route reason, event notes, decisions."""
    amal = attrs.evolve(amal, notes=SECRET, route=RouteChoice("b1", f"counsellor: {SECRET}"))
    store.add_person(amal, "j.jansen")
    adjust = Adjustments(remove={"values-series": SECRET})
    store.save_plan(amal.id, planner.plan(amal, adjust=adjust), "j", SECRET, 0, adjust)
    store.record_event(amal.id, ContactHeld(date(2025, 11, 3), note=SECRET), "j")
    store.record_event(amal.id, HoursAttended(date(2025, 11, 4), "nt2-a0-a1", 6), "j")
    store.decide(amal.id, Decision("remove", "knm", SECRET), "j")
    return amal


def _everything(store) -> str:
    with store.read() as conn:
        parts = []
        for table in ("people", "revisions", "events", "decisions", "audit"):
            for row in conn.execute(text(f"SELECT * FROM {table}")):
                parts.extend(str(v) for v in row)
    return " ".join(parts)


def test_forget_erases_every_personal_field_and_free_text(store, storied):
    dump = _everything(store)
    assert SECRET in dump and storied.bsn in dump and "Amal" in dump
    store.forget(storied.id, "j.jansen")
    dump = _everything(store)
    for gone in (SECRET, storied.bsn, "Amal", "Haddad", "1996-05-14"):
        assert gone not in dump, gone
    person = store.get_person(storied.id)
    assert person.name is None and person.bsn is None and person.notes is None
    assert person.birth_date == date(1996, 7, 1)  # the year is kept for age bands
    assert person.route.reason == "[erased]"
    assert store.check() == []  # checksums were recomputed
    revision = store.revisions(storied.id)[0]
    assert revision.reason == "[erased]"
    assert revision.adjustments == {"remove": {"values-series": "[erased]"}}
    assert [e.event.note for e in store.events(storied.id)] == [None, None]
    assert store.current_client(storied.id).progress.hours_done == {"nt2-a0-a1": 6.0}
    assert store.audit(action="forget")[0].person_id == storied.id
    assert store.list_people()[0].name is None


def test_the_research_dataset_is_pseudonymous(store, storied, planner, make_client):
    other = make_client(id="p-2", name="Zoë Nguyễn", bsn="111222333")
    store.add_person(other, "j")
    store.forget(storied.id, "j")
    rows = store.research_rows()
    assert len(rows) == 2
    assert all(tuple(row) == RESEARCH_FIELDS for row in rows)
    flat = json.dumps(rows, ensure_ascii=False)
    for private in (storied.id, "p-2", "Zoë", "111222333", storied.bsn, "1996", SECRET):
        assert private not in flat, private
    by_pid = {row["pid"]: row for row in rows}
    mine = by_pid[pseudonym(research_key(store), storied.id)]
    assert mine["age_band"] == "28-34" and mine["forgotten"] is True
    assert mine["hours_attended"] == 6 and mine["route"] == "b1" and mine["revisions"] == 1
    assert [r["pid"] for r in store.research_rows()] == [r["pid"] for r in rows]  # stable
    assert store.accesses()[0].detail == "research dataset: 2 people"
    assert store.accesses()[0].action == "export" and store.accesses()[0].person_id is None


def test_pseudonyms_depend_on_the_key():
    assert pseudonym(b"a" * 32, "demo-0001") != pseudonym(b"b" * 32, "demo-0001")
    assert len(pseudonym(b"a" * 32, "x")) == 20


@pytest.mark.parametrize(
    ("age", "band"), [(17, "<18"), (18, "18-22"), (27, "23-27"), (28, "28-34"), (70, "65+")]
)
def test_age_bands(age, band):
    assert age_band(age) == band


def test_backup_and_restore_across_backends(store, planned, tmp_path, pg_url, sqlite_url):
    store.record_event(planned.id, ContactHeld(date(2025, 11, 3)), "j")
    backup = tmp_path / "copy.db"
    store.backup(backup)
    for target in (pg_url, f"sqlite:///{tmp_path / 'target.db'}"):
        if target == store.url:
            continue
        assert restore(backup, target).people == 1
        copy = open_store(target)
        assert copy.get_person(planned.id) == planned
        assert [r.checksum for r in copy.revisions(planned.id)] == [
            r.checksum for r in store.revisions(planned.id)
        ]
        assert [e.event for e in copy.events(planned.id)] == [
            e.event for e in store.events(planned.id)
        ]
        assert copy.check() == []
        copy.record_event(planned.id, ContactHeld(date(2025, 12, 1)), "j")  # ids continue
        with pytest.raises(InputError, match="holds 1 people"):
            restore(backup, target)
        copy.close()
