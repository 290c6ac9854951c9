"""Backing up a store: a consistent copy in a new SQLite file, and the register of backups.

A backup is always a SQLite file in rollback-journal mode (one file, nothing beside it),
written through padplanner's one file writer (``padplanner.files.atomic_path``): into a
temporary file in the target's folder (mode 0600), synced to disk, then linked into place in
one step. A backup that fails (a full disk, a file-size limit) or is killed leaves nothing at
the target's name and no ``-journal``, so a retry simply works; a backup never replaces an
existing file, never writes through a symbolic link and never lands on the live database.

SQLite databases are copied with SQLite's online backup API (a consistent snapshot while
others keep working; what was deleted is zeroed, see ``secure_delete`` in ``connect.py``),
PostgreSQL databases table by table inside one repeatable-read transaction. ``restore.py``
reads a backup back.

Each backup written is recorded (``backups``: path, time, who), so that ``forget`` can name
the backups that still hold a person: a backup keeps what it holds until it expires.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from sqlalchemy import Connection, select, text
from sqlalchemy.exc import DBAPIError

from padplanner.files import WriteError, atomic_path
from padplanner.store.codec import utc
from padplanner.store.connect import WRITE, scratch_engine, sqlite_path
from padplanner.store.migrations import migrate
from padplanner.store.schema import DATA_TABLES, backups, metadata

if TYPE_CHECKING:
    from padplanner.store.core import Core

BATCH = 2000


@attrs.frozen
class BackupRecord:
    """A backup this database wrote: where, when and by whom."""

    path: str
    written_at: datetime
    actor: str


def copy_rows(src: Connection, dst: Connection, names: Iterable[str]) -> None:
    """Copy every row of the tables ``names`` from ``src`` into ``dst`` (in batches); on
    PostgreSQL the id sequences then continue after the highest id copied."""
    names = list(names)
    for name in names:
        table = metadata.tables[name]
        result = src.execution_options(yield_per=BATCH).execute(
            select(table).order_by(*table.primary_key.columns)
        )
        # the target's own default team (made by its migration) is not copied twice
        present = {r[0] for r in dst.execute(select(table.c.id))} if name == "teams" else ()
        for batch in result.mappings().partitions(BATCH):
            rows = [dict(r) for r in batch if name != "teams" or r["id"] not in present]
            if rows:
                dst.execute(table.insert(), rows)
    if dst.dialect.name == "postgresql":
        for name in names:
            table = metadata.tables[name]
            if "id" in table.c and table.c.id.autoincrement is True:
                dst.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
                    )
                )


def _write_sqlite(core: Core, temp: Path) -> None:
    """SQLite's online backup into ``temp``, with no journal beside it (a failed copy is
    thrown away whole), then marked as a rollback-journal database."""
    raw = core.engine.raw_connection()
    try:
        target = sqlite3.connect(temp, isolation_level=None)
        try:
            target.execute("PRAGMA journal_mode=OFF")
            target.execute("PRAGMA synchronous=OFF")  # synced once, by the file writer
            raw.driver_connection.backup(target)
        finally:
            target.close()
    finally:
        raw.close()
    _rollback_mode(temp)


def _rollback_mode(path: Path) -> None:
    """Mark a copy of a WAL database as a rollback-journal database: bytes 18 and 19 of the
    SQLite header (the file format's write and read versions) are 2 for WAL, 1 for rollback.
    The copy holds every page itself, so it is then one file that opens read-only without
    creating a ``-wal`` or ``-shm`` beside it."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    try:
        if os.pread(fd, 2, 18) == b"\x02\x02":
            os.pwrite(fd, b"\x01\x01", 18)
    finally:
        os.close(fd)


def _write_tables(core: Core, temp: Path) -> None:
    target = scratch_engine(temp)
    try:
        migrate(target)
        with core.engine.connect() as src:
            if src.dialect.name == "postgresql":
                src.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            with target.execution_options(**{WRITE: True}).begin() as dst:
                copy_rows(src, dst, DATA_TABLES)
    finally:
        target.dispose()


def _failure(path: Path, exc: BaseException) -> WriteError:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "full" in reason or "I/O" in reason:
        return WriteError(
            path,
            f"cannot write the backup ({reason}): the disk is full or the file would be larger "
            "than this process may write (see ulimit -f); free some space or write elsewhere. "
            "Nothing was written",
        )
    return WriteError(path, f"cannot write the backup ({reason}); nothing was written")


def backup(core: Core, path: str | Path) -> Path:
    """Write a consistent copy of the store to the new SQLite file ``path`` (see the module
    docs); returns the path. ``WriteError`` (an ``InputError``) when it cannot be written."""
    path = Path(path)
    with atomic_path(path, overwrite=False) as temp:
        try:
            if sqlite_path(core.url) is not None:
                _write_sqlite(core, temp)
            else:
                _write_tables(core, temp)
        except sqlite3.Error as exc:
            raise _failure(path, exc) from None
        except DBAPIError as exc:
            if not isinstance(exc.orig, sqlite3.Error):
                raise
            raise _failure(path, exc.orig) from None
    with core.write() as conn:
        conn.execute(
            backups.insert().values(
                path=os.path.abspath(path), written_at=core.now(), actor=core.actor
            )
        )
        core.log(conn, "backup", None, "backup written")
    return path


def written(core: Core) -> list[BackupRecord]:
    """The backups this database wrote, oldest first (one per path: the latest)."""
    with core.read() as conn:
        rows = conn.execute(select(backups).order_by(backups.c.id)).all()
    latest = {r.path: BackupRecord(r.path, utc(r.written_at), r.actor) for r in rows}
    return sorted(latest.values(), key=lambda b: b.written_at)


def holding(core: Core, person_id: str) -> list[BackupRecord]:
    """The backups this database wrote that still exist and hold the person's personal data
    (not yet forgotten when the backup was taken). A backup that cannot be read is listed:
    it may hold the person."""
    out = []
    for record in written(core):
        if not os.path.isfile(record.path):
            continue
        try:
            uri = Path(record.path).absolute().as_uri() + "?mode=ro&immutable=1"
            conn = sqlite3.connect(uri, uri=True)
            try:
                found = conn.execute(
                    "SELECT 1 FROM people WHERE id = ? AND forgotten_at IS NULL", (person_id,)
                ).fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            found = True
        if found:
            out.append(record)
    return out
