"""Erasure that sticks: gone from the file, registered, made again by a restore, the audit
log kept whole; and the backups that still hold a person are named."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import attrs
import pytest
from sqlalchemy import select, text

from padplanner.store import ContactHeld, HoursAttended, open_store
from padplanner.store.connect import make_engine
from padplanner.store.migrations import migrate
from padplanner.store.pseudonyms import pseudonym, research_key
from padplanner.store.restore import restore
from padplanner.store.schema import erasures

NAME = "Quirijntje Zwanenburg-Odekerken"
BSN = "123456782"
NOTE = "mentioned a brother in Tilburg"


@pytest.fixture
def quirijntje(amal):
    return attrs.evolve(amal, id="q-1", name=NAME, bsn=BSN, notes=NOTE)


def traces(url: str) -> list[str]:
    """Which of the person's data is still anywhere in the SQLite files (database and
    sidecars), read as raw bytes."""
    database = Path(url.removeprefix("sqlite:///"))
    found = []
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = Path(f"{database}{suffix}")
        if not path.exists():
            continue
        data = path.read_bytes()
        for needle in (NAME, NAME.lower(), "zwanenburg", BSN, NOTE):
            if needle.encode() in data:
                found.append(f"{needle!r} in {path.name}")
    return found


def busy_history(store, person, planner) -> None:
    """A person with a plan, progress and several rewrites of their row."""
    store.add_person(person, "j")
    store.save_plan(person.id, planner.plan(person), "j", "intake", 0)
    for day in range(3, 9):
        store.record_event(person.id, HoursAttended(date(2025, 11, day), "nt2-a0-a1", 3), "j")
    store.record_event(person.id, ContactHeld(date(2025, 11, 10), note=NOTE), "j")
    store.update_person(attrs.evolve(person, notes=NOTE + "; and a sister"), "j", "typo")


def test_forget_leaves_no_trace_in_the_file_while_others_keep_it_open(
    sqlite_url, quirijntje, planner
):
    store = open_store(sqlite_url)
    busy_history(store, quirijntje, planner)
    other = open_store(sqlite_url)  # a colleague's session, with a connection open
    assert other.list_people(search="zwanenburg")
    raw = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))  # and another, idle
    raw.execute("SELECT count(*) FROM people").fetchone()
    assert traces(sqlite_url)
    with store.read() as conn:  # on every connection, whatever the SQLite build's default
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    done = store.forget(quirijntje.id, "j")
    assert done.file_clean is True
    assert traces(sqlite_url) == []
    assert other.get_person(quirijntje.id).name is None
    raw.close()
    other.close()
    store.close()


def test_forget_says_when_a_reading_session_keeps_the_old_pages(
    sqlite_url, quirijntje, planner, monkeypatch
):
    from padplanner.store import connect

    monkeypatch.setattr(connect, "CHECKPOINT_WAIT_MS", 100)
    store = open_store(sqlite_url)
    busy_history(store, quirijntje, planner)
    reader = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM people").fetchone()  # a read in progress
    assert store.forget(quirijntje.id, "j").file_clean is False
    reader.execute("COMMIT")
    reader.close()
    assert store.forget(quirijntje.id, "j").file_clean is True
    assert traces(sqlite_url) == []
    store.close()


def test_a_database_written_without_secure_delete_is_rewritten_at_its_first_erasure(
    sqlite_url, quirijntje, planner
):
    # a database of an earlier version, on a SQLite that leaves deleted data in free space
    # (secure_delete is off by default in SQLite; some builds switch it on)
    engine = make_engine(sqlite_url)
    migrate(engine, 4)
    engine.dispose()
    path = sqlite_url.removeprefix("sqlite:///")
    store = open_store(sqlite_url)
    busy_history(store, quirijntje, planner)
    store.close()
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA secure_delete=OFF")
    for n in range(1, 6):  # rewrites that leave copies of the old rows behind
        raw.execute("UPDATE people SET notes = notes || ? WHERE id = 'q-1'", ("." * 300 * n,))
    raw.execute("DELETE FROM schema_version WHERE version >= 5")
    raw.execute("DROP TABLE erasures")
    raw.execute("DROP TABLE backups")
    for table in ("shares", "users", "teams", "access_log", "research"):  # version 6
        raw.execute(f"DROP TABLE {table}")
    for index in ("ix_people_team", "ix_people_counsellor", "ix_audit_actor"):
        raw.execute(f"DROP INDEX {index}")
    raw.execute("ALTER TABLE people DROP COLUMN team")
    raw.execute("ALTER TABLE people DROP COLUMN counsellor")
    raw.execute("DROP INDEX ix_people_on_time")  # version 7
    raw.execute("ALTER TABLE people DROP COLUMN on_time")
    for table in ("revisions", "events", "decisions"):  # version 8
        raw.execute(f"ALTER TABLE {table} DROP COLUMN team")
        raw.execute(f"ALTER TABLE {table} DROP COLUMN counsellor")
    for column in ("own_goals", "own_wishes", "own_worries"):  # version 9
        raw.execute(f"ALTER TABLE people DROP COLUMN {column}")
    raw.execute("DELETE FROM meta WHERE key = 'vacuum_before_erasure'")
    raw.close()
    store = open_store(sqlite_url)  # migrates to the current version again
    with store.read() as conn:
        marks = conn.execute(text("SELECT value FROM meta WHERE key = 'vacuum_before_erasure'"))
        assert marks.scalar() == "1"
    store.forget(quirijntje.id, "j")
    assert traces(sqlite_url) == []
    with store.read() as conn:
        marks = conn.execute(text("SELECT value FROM meta WHERE key = 'vacuum_before_erasure'"))
        assert marks.scalar() is None
    store.close()


def test_the_register_holds_a_pseudonym_and_nothing_else(store, quirijntje, planner):
    busy_history(store, quirijntje, planner)
    done = store.forget(quirijntje.id, "j")
    with store.read() as conn:
        rows = conn.execute(select(erasures)).all()
    assert [r.pseudonym for r in rows] == [pseudonym(research_key(store), "q-1")]
    assert done.pseudonym == rows[0].pseudonym
    flat = " ".join(str(v) for r in rows for v in r)
    for private in ("q-1", NAME, BSN, "Zwanenburg"):
        assert private not in flat
    store.forget(quirijntje.id, "j")  # twice: still one entry
    with store.read() as conn:
        assert len(conn.execute(select(erasures)).all()) == 1


def audit_rows(store) -> list[tuple]:
    return [(a.id, a.action, a.person_id, a.detail) for a in reversed(store.audit(limit=10**6))]


def test_a_restore_erases_again_and_keeps_the_audit_log_whole(
    store, quirijntje, amal, planner, tmp_path
):
    busy_history(store, quirijntje, planner)
    store.add_person(amal, "j")
    backup = tmp_path / "monday.db"
    store.backup(backup)
    store.forget(quirijntje.id, "j")
    store.record_event(amal.id, ContactHeld(date(2025, 12, 1)), "j")  # after the backup
    before = audit_rows(store)
    done = restore(backup, store.url, force=True, actor="admin")
    assert (done.people, done.erased_again, done.appended) == (2, 1, 0)
    person = store.get_person(quirijntje.id)
    assert person.name is None and person.bsn is None and person.notes is None
    assert store.get_person(amal.id).name == "Amal Haddad"
    assert [e.event.note for e in store.events(quirijntje.id)][-1] is None
    after = audit_rows(store)
    assert after[: len(before)] == before  # nothing lost, no id reused
    new = after[len(before) :]
    assert [(a, p, d) for _, a, p, d in new[:2]] == [
        ("forget", "q-1", "erasure re-applied after a restore"),
        ("restore", None, "restored 2 people from a backup; 1 erasure(s) made again"),
    ]
    ids = [row[0] for row in after]
    assert ids == sorted(set(ids))
    store.record_event(amal.id, ContactHeld(date(2025, 12, 2)), "j")
    assert store.audit(limit=1)[0].id > ids[-1]
    assert store.check() == []
    if store.dialect == "sqlite":
        assert traces(store.url) == []
    # a second restore finds the person erased already: nothing to do again
    assert restore(backup, store.url, force=True).erased_again == 1  # the backup holds them
    assert store.get_person(quirijntje.id).name is None


def test_a_restore_into_a_new_database_takes_the_backups_log_and_register(
    store, quirijntje, amal, planner, tmp_path
):
    busy_history(store, quirijntje, planner)
    store.add_person(amal, "j")
    store.forget(quirijntje.id, "j")
    backup = tmp_path / "monday.db"
    store.backup(backup)
    fresh = f"sqlite:///{tmp_path / 'new.db'}"
    done = restore(backup, fresh)
    copy = open_store(fresh)
    try:
        assert done.people == 2 and done.erased_again == 0
        kept = audit_rows(store)[:-1]  # the backup's own row is not in the backup
        assert audit_rows(copy)[: len(kept)] == kept  # same ids, same rows
        assert audit_rows(copy)[-1][1] == "restore"
        assert research_key(copy) == research_key(store)
        with copy.read() as conn:
            names = [r.pseudonym for r in conn.execute(select(erasures))]
        assert names == [pseudonym(research_key(store), "q-1")]
    finally:
        copy.close()


def test_a_backup_of_another_database_appends_its_log(store, quirijntje, amal, planner, tmp_path):
    elsewhere = open_store(f"sqlite:///{tmp_path / 'elsewhere.db'}")
    elsewhere.add_person(amal, "k")
    backup = tmp_path / "elsewhere-backup.db"
    elsewhere.backup(backup)
    theirs = audit_rows(elsewhere)[:-1]
    elsewhere.close()
    busy_history(store, quirijntje, planner)
    store.forget(quirijntje.id, "j")
    ours = audit_rows(store)
    done = restore(backup, store.url, force=True)
    assert done.appended == len(theirs)
    after = audit_rows(store)
    assert after[: len(ours)] == ours
    assert [r[1:] for r in after[len(ours) : len(ours) + len(theirs)]] == [r[1:] for r in theirs]
    assert after[-1][1] == "restore"
    assert not store.has_person(quirijntje.id)
    with store.read() as conn:  # the register still knows the erasure
        assert [r.pseudonym for r in conn.execute(select(erasures))] == [
            pseudonym(research_key(store), "q-1")
        ]


def test_forget_names_the_backups_that_still_hold_the_person(
    store, quirijntje, amal, planner, tmp_path
):
    busy_history(store, quirijntje, planner)
    store.add_person(amal, "j")
    store.backup(tmp_path / "monday.db")
    store.backup(tmp_path / "tuesday.db")
    (tmp_path / "tuesday.db").unlink()  # expired
    store.forget(quirijntje.id, "j")
    store.backup(tmp_path / "wednesday.db")  # made after the erasure
    assert [Path(b.path).name for b in store.forget(amal.id, "j").backups] == [
        "monday.db",
        "wednesday.db",
    ]
    # the person erased first: only the backup made before
    done = store.forget(quirijntje.id, "j")
    assert [Path(b.path).name for b in done.backups] == ["monday.db"]
    assert done.backups[0].actor == store.actor


def test_person_forget_says_what_backups_keep(cli, tmp_path, amal):
    from storehelp import AMAL

    url = f"sqlite:///{tmp_path / 'caseload.db'}"
    assert cli("person", "add", AMAL, "--db", url)[0] == 0
    assert cli("db", "backup", tmp_path / "monday.db", "--db", url)[0] == 0
    code, out, err = cli("person", "forget", amal.id, "--yes", "--db", url)
    assert code == 0, err
    assert "1 back-up bevat de gegevens van deze persoon nog:" in out
    assert str(tmp_path / "monday.db") in out
    assert not re.search(r"\d{4}-\d\d-\d\d", out)  # when it was written, as Dutch writes dates
    assert re.search(
        r" \d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|"
        r"september|oktober|november|december) \d{4} \d\d:\d\d UTC",
        out,
    ), out
    assert "Back-ups bewaren persoonsgegevens tot ze worden verwijderd of verlopen" in out
