"""Restoring a backup written by ``backup.py`` into a database, without undoing erasures or
losing audit rows.

``restore`` checks the file (integrity, schema version), works on a copy of it migrated to
the current schema, and refuses a database that holds people unless ``force`` is given. Then,
in one write transaction on the database:

- its people, revisions, events, decisions and settings are replaced by the backup's;
- every person in the erasure register is erased again if the backup still holds them, so an
  erasure made after the backup was taken sticks (each logged as ``forget``, "erasure
  re-applied after a restore"); the register keeps its entries and gains the backup's;
- both append-only logs, the change log (``audit``) and the access log (``access_log``), stay
  continuous and complete: the database's own log is kept, which already holds the backup's
  log when the backup was taken from this database (its first and last rows are there, with
  the same ids); the log of a backup from another database is appended after it, with new
  ids. Each log is judged on its own. No id is ever reused. A ``restore`` row ends the change
  log;
- the research key of the database is kept (it made the register's pseudonyms); the register
  of backups keeps its rows and gains the backup's.

On SQLite the write-ahead log is then checkpointed and truncated (see ``erasure.py``).
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import attrs
from sqlalchemy import Connection, Engine, func, select

from padplanner.errors import InputError, Problem
from padplanner.i18n import N_
from padplanner.store import erasure, pseudonyms
from padplanner.store.backup import BATCH, copy_rows
from padplanner.store.codec import utc
from padplanner.store.connect import WRITE, checkpoint, scratch_engine, sqlite_path
from padplanner.store.identity import ROLES_KEY
from padplanner.store.migrations import HEAD, migrate
from padplanner.store.opening import open_store
from padplanner.store.repository import Store
from padplanner.store.schema import (
    access_log,
    audit,
    backups,
    erasures,
    meta,
    metadata,
    people,
    teams,
)
from padplanner.store.summary import refresh_if_marked

REPLACED = ("people", "revisions", "events", "decisions", "shares")  # parents first
# settings of the database, not of the backup: the research key, the vacuum mark, the roles
KEPT = (pseudonyms.KEY, erasure.VACUUM_MARK, ROLES_KEY)
LOGS = (audit, access_log)  # append-only: kept, and a backup's from elsewhere appended
_LOGGED = ("at", "actor", "action", "person_id", "detail")


@attrs.frozen
class Restored:
    """What a restore did: people restored, erasures made again, rows of the change log and
    of the access log appended (from a backup of another database)."""

    people: int
    erased_again: int
    appended: int
    looks_appended: int = 0


def _verify_backup(path: Path) -> int:
    if not path.is_file():
        key = (
            N_("store.problem.file.missing")
            if not path.exists()
            else N_("store.problem.file.irregular")
        )
        raise InputError([Problem.worded(str(path), "", key)])
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "schema_version" not in tables or "people" not in tables:
                raise InputError([Problem.worded(str(path), "", "store.problem.backup.not")])
            version = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise InputError(
            [Problem.worded(str(path), "", "store.problem.backup.not_sqlite", error=str(exc))]
        ) from None
    if [r[0] for r in result] != ["ok"]:
        raise InputError([Problem.worded(str(path), "", "store.problem.backup.integrity")])
    if version > HEAD:
        raise InputError(
            [
                Problem.worded(
                    str(path), "", "store.problem.backup.newer", version=version, head=HEAD
                )
            ]
        )
    return version


def _working_copy(path: Path, copy: Path) -> Engine:
    """A copy of the backup at ``copy``, migrated to the current schema."""
    source = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        source.execute("VACUUM INTO ?", (str(copy),))
    finally:
        source.close()
    engine = scratch_engine(copy)
    migrate(engine)
    return engine


def _setting(conn: Connection, key: str) -> str | None:
    return conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar()


@attrs.frozen
class _Log:
    """A log of the backup: its first and last rows, (id, at, actor, ...), and its length."""

    ends: tuple[tuple, ...]
    rows: int


@attrs.frozen
class _Read:
    """What is read from the working copy before the write transaction (SQLite's locks do
    not let a second connection read the attached copy while the store writes)."""

    logs: dict[str, _Log]  # by table name
    key: str | None
    register: tuple[str, ...]
    backups: tuple[dict, ...]
    settings: tuple[dict, ...]


def _entry(row) -> tuple:
    return (row.id, utc(row.at), row.actor, row.action, row.person_id, row.detail)


def _ends(copy: Connection, log) -> _Log:
    low, high, rows = copy.execute(
        select(func.min(log.c.id), func.max(log.c.id), func.count(log.c.id))
    ).one()
    ends = tuple(
        _entry(copy.execute(select(log).where(log.c.id == i)).one())
        for i in sorted({low, high} - {None})
    )
    return _Log(ends, int(rows))


def _read(copy_engine: Engine) -> _Read:
    with copy_engine.connect() as copy:
        return _Read(
            logs={log.name: _ends(copy, log) for log in LOGS},
            key=_setting(copy, pseudonyms.KEY),
            register=tuple(n for (n,) in copy.execute(select(erasures.c.pseudonym))),
            backups=tuple(
                dict(r) for r in copy.execute(select(backups).order_by(backups.c.id)).mappings()
            ),
            settings=tuple(
                dict(r)
                for r in copy.execute(select(meta).where(meta.c.key.not_in(KEPT))).mappings()
            ),
        )


def _same_history(live: Connection, log, theirs: _Log) -> bool:
    """True when the backup's ``log`` is the start of the database's own: its first and
    last rows stand in the database's log with the same ids (the backup was taken from it)."""
    for entry in theirs.ends:
        found = live.execute(select(log).where(log.c.id == entry[0])).one_or_none()
        if found is None or _entry(found) != entry:
            return False
    return True


def _replace(live: Connection, copy_engine: Engine, theirs: _Read) -> None:
    """The backup's people, revisions, events, decisions, shares and settings instead of
    ours."""
    for name in reversed(REPLACED):
        live.execute(metadata.tables[name].delete())
    live.execute(meta.delete().where(meta.c.key.not_in(KEPT)))
    # the backup's teams that this database lacks join it (its own teams and users stay)
    if live.dialect.name == "sqlite":  # the working copy is attached as "backup"
        columns = ", ".join(c.name for c in teams.c)
        live.exec_driver_sql(
            f"INSERT OR IGNORE INTO main.teams ({columns}) SELECT {columns} FROM backup.teams"
        )
        for name in REPLACED:
            columns = ", ".join(c.name for c in metadata.tables[name].c)
            live.exec_driver_sql(
                f"INSERT INTO main.{name} ({columns}) SELECT {columns} FROM backup.{name}"
            )
    else:
        with copy_engine.connect() as copy:
            copy_rows(copy, live, ("teams", *REPLACED))
    if theirs.settings:
        live.execute(meta.insert(), list(theirs.settings))
    if theirs.key is not None and _setting(live, pseudonyms.KEY) is None:
        live.execute(meta.insert().values(key=pseudonyms.KEY, value=theirs.key))


def _erase_again(store: Store, live: Connection, theirs: _Read) -> list[str]:
    """Erase everyone in the register the backup still holds; register everyone it holds
    erased. Returns the ids erased again."""
    key = pseudonyms.key_in(live)
    register = erasure.registered(live)
    now = store.now()
    again = []
    names = []
    for row in live.execute(select(people)).all():
        name = pseudonyms.pseudonym(key, row.id)
        if row.forgotten_at is None and name in register:
            erasure.erase(live, row, now)
            again.append(row.id)
        elif row.forgotten_at is not None:
            names.append(name)
    if theirs.key == key.hex():  # the backup's register speaks our key
        names += theirs.register
    erasure.register(live, names, now)
    for person_id in again:
        store.log(live, "forget", person_id, "erasure re-applied after a restore")
    return again


def _keep_backups(live: Connection, theirs: _Read) -> None:
    known = {(r.path, utc(r.written_at)) for r in live.execute(select(backups))}
    new = [
        {"path": r["path"], "written_at": r["written_at"], "actor": r["actor"]}
        for r in theirs.backups
        if (r["path"], utc(r["written_at"])) not in known
    ]
    if new:
        live.execute(backups.insert(), new)


def _append_log(live: Connection, copy_engine: Engine, log, theirs: _Log) -> int:
    """The backup's rows of ``log`` after ours, in their order, with new ids; returns how
    many."""
    if not theirs.rows:
        return 0
    if live.dialect.name == "sqlite":
        columns = ", ".join(_LOGGED)
        live.exec_driver_sql(
            f"INSERT INTO main.{log.name} ({columns}) "
            f"SELECT {columns} FROM backup.{log.name} ORDER BY id"
        )
        return theirs.rows
    appended = 0
    with copy_engine.connect() as copy:
        result = copy.execution_options(yield_per=BATCH).execute(
            select(*(log.c[f] for f in _LOGGED)).order_by(log.c.id)
        )
        for batch in result.mappings().partitions(BATCH):
            live.execute(log.insert(), [dict(r) for r in batch])
            appended += len(batch)
    return appended


def _carry_logs(
    live: Connection, copy_engine: Engine, theirs: _Read, ours: set[str]
) -> dict[str, int]:
    """Each log continuous and complete: the backup's rows of every log not in ``ours`` (the
    logs whose start is already the backup's) appended; returns how many per log."""
    return {
        log.name: 0
        if log.name in ours
        else _append_log(live, copy_engine, log, theirs.logs[log.name])
        for log in LOGS
    }


def restore(
    path: str | Path, url: str, *, force: bool = False, actor: str | None = None
) -> Restored:
    """Restore the backup file ``path`` into the database at ``url`` (see the module docs)."""
    path = Path(path)
    _verify_backup(path)
    target_file = sqlite_path(url)
    if target_file is not None and target_file.resolve() == path.resolve():
        raise InputError([Problem.worded(str(path), "", "store.problem.backup.itself")])
    folder = Path(tempfile.mkdtemp(prefix="padplanner-restore-"))  # mode 0700
    try:
        copy = folder / "restore.db"
        copy_engine = _working_copy(path, copy)
        try:
            store = open_store(url, actor=actor)
            try:
                return _restore_into(store, copy_engine, copy, url, force)
            finally:
                store.close()
        finally:
            copy_engine.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _writing(store: Store, copy: Path) -> Iterator[Connection]:
    """One write transaction on the store; on SQLite with the working copy attached as
    ``backup``, so that its rows move over in a few statements."""
    if store.dialect != "sqlite":
        with store.write() as live:
            yield live
        return
    with store.engine.connect() as live:
        raw = live.connection.driver_connection
        raw.execute("ATTACH DATABASE ? AS backup", (str(copy),))
        try:
            live.execution_options(**{WRITE: True})
            with live.begin():
                yield live
        finally:
            raw.execute("DETACH DATABASE backup")


def _restore_into(
    store: Store, copy_engine: Engine, copy_path: Path, url: str, force: bool
) -> Restored:
    count = store.count_people()
    if count and not force:
        raise InputError([Problem.worded(url, "", "store.problem.restore.not_empty", count=count)])
    theirs = _read(copy_engine)
    with _writing(store, copy_path) as live:
        ours = {log.name for log in LOGS if _same_history(live, log, theirs.logs[log.name])}
        _replace(live, copy_engine, theirs)
        again = _erase_again(store, live, theirs)
        _keep_backups(live, theirs)
        appended = _carry_logs(live, copy_engine, theirs, ours)
        restored = int(live.execute(select(func.count()).select_from(people)).scalar() or 0)
        detail = f"restored {restored} people from a backup"
        if again:
            detail += f"; {len(again)} erasure(s) made again"
        store.log(live, "restore", None, detail)
    checkpoint(store.engine)
    refresh_if_marked(store)
    return Restored(restored, len(again), appended["audit"], appended["access_log"])
