"""Both append-only logs survive a restore whole: the change log and the access log (every
look at a person's file) stay continuous and complete, whether the backup was taken from the
same database or from another one, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import attrs

from padplanner.store import open_store
from padplanner.store.restore import restore


def looks(store) -> list[tuple]:
    """The access log, oldest first: (id, at, actor, action, person, detail)."""
    return [attrs.astuple(e) for e in reversed(store.accesses(limit=10**6))]


def elsewhere_backup(tmp_path, amal, quirijntje):
    """A backup of another database, whose access log holds three looks by two people."""
    at = iter(datetime(2025, 9, 1, 9, m, tzinfo=UTC) for m in range(60))
    other = open_store(f"sqlite:///{tmp_path / 'elsewhere.db'}", clock=lambda: next(at))
    try:
        other.add_person(amal, "k")
        other.add_person(quirijntje, "k")
        for person, action, who in (
            (amal.id, "show", "k.de.vries"),
            (quirijntje.id, "document", "k.de.vries"),
            (amal.id, "export", "m.bakker"),
        ):
            other.actor = who
            other.look(person, action, f"{action} of {person}")
        backup = tmp_path / "elsewhere-backup.db"
        other.backup(backup)
        return backup, looks(other)
    finally:
        other.close()


def test_a_backup_of_another_database_appends_its_access_log(store, amal, tmp_path):
    quirijntje = attrs.evolve(amal, id="q-1", name="Quirijntje Zwanenburg")
    backup, theirs = elsewhere_backup(tmp_path, amal, quirijntje)
    store.add_person(quirijntje, "j")
    store.look(quirijntje.id, "open", "the plan")
    store.look(None, "cohort", "12 people")
    ours = looks(store)
    done = restore(backup, store.url, force=True)
    assert done.looks_appended == len(theirs) == 3
    after = looks(store)
    assert after[: len(ours)] == ours  # our own looks stay, with their ids
    appended = after[len(ours) :]
    assert [row[1:] for row in appended] == [row[1:] for row in theirs]  # who, when, what
    ids = [row[0] for row in after]
    assert ids == sorted(set(ids))  # new ids after ours, none reused
    store.look(amal.id, "show")
    assert looks(store)[-1][0] > ids[-1]
    assert store.check() == []


def test_a_backup_of_this_database_keeps_its_access_log_as_it_is(store, amal, tmp_path):
    store.add_person(amal, "j")
    store.look(amal.id, "show")
    store.look(amal.id, "document", "pip")
    backup = tmp_path / "monday.db"
    store.backup(backup)
    store.look(amal.id, "export", "after the backup")
    before = looks(store)
    done = restore(backup, store.url, force=True)
    assert done.looks_appended == 0
    assert looks(store) == before  # the look after the backup is not lost, none doubled


def test_a_restore_into_a_new_database_takes_the_backups_access_log(db_url, amal, tmp_path, clock):
    quirijntje = attrs.evolve(amal, id="q-1", name="Quirijntje Zwanenburg")
    backup, theirs = elsewhere_backup(tmp_path, amal, quirijntje)
    done = restore(backup, db_url)
    copy = open_store(db_url, clock=clock)
    try:
        assert done.looks_appended == 3
        assert [row[1:] for row in looks(copy)] == [row[1:] for row in theirs]
        # the change log is carried beside it, each log on its own
        assert done.appended == len(copy.audit(limit=100)) - 1  # all but the restore row
    finally:
        copy.close()
