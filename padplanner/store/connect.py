"""Which database, and how to connect to it safely.

- ``default_url()``: ``PADPLANNER_DB`` or ``sqlite:///<user data dir>/padplanner.db``.
- SQLite files are created with mode 0600 (their folder 0700 when it is ours), run in WAL
  mode with ``secure_delete`` on (what is deleted or overwritten is zeroed in the file, so an
  erased name does not linger in free space) and ``synchronous=FULL`` (a committed revision survives a crash of the process and of
  the machine), foreign keys on and a busy timeout. ``PADPLANNER_SQLITE_SYNC=normal`` trades
  the last commits before a power loss (never the file's integrity, never on a process
  crash) for a few milliseconds per write: the fsync of each commit. Write transactions start with ``BEGIN IMMEDIATE`` so two writers queue
  instead of failing half-way.
- PostgreSQL (``postgresql+psycopg://``): writers lock the person's row with
  ``SELECT ... FOR UPDATE``; see ``repository.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from padplanner.errors import InputError, Problem
from padplanner.files import protect

ENV_DB = "PADPLANNER_DB"
ENV_SYNC = "PADPLANNER_SQLITE_SYNC"
WRITE = "padplanner_write"  # execution option: this transaction writes (BEGIN IMMEDIATE)
BUSY_TIMEOUT_MS = 30_000
CHECKPOINT_WAIT_MS = 5_000  # how long an erasure waits for readers to finish (see checkpoint)


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("padplanner"))


def default_url() -> str:
    """``PADPLANNER_DB`` when set, else the SQLite file in the user data folder."""
    env = os.environ.get(ENV_DB, "").strip()
    if env:
        return env
    return f"sqlite:///{data_dir() / 'padplanner.db'}"


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, or None for another database or an in-memory one."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _prepare_sqlite_file(path: Path, *, create: bool) -> None:
    if path.exists():
        return
    if not create:
        raise InputError([Problem(str(path), "", "no database here (run: padplanner db init)")])
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:  # another process created it a moment ago
        return
    os.close(fd)


def make_engine(url: str, *, create: bool = True) -> Engine:
    """An engine for ``url`` with the safety settings above; raises InputError on a bad URL."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InputError(
            [
                Problem(
                    "--db",
                    "",
                    f"{url!r} is not a database URL (like sqlite:///caseload.db or "
                    "postgresql+psycopg://user@host/db)",
                )
            ]
        ) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, create=create)
    if backend == "postgresql":
        if parsed.drivername not in ("postgresql+psycopg", "postgresql"):
            raise InputError(
                [Problem("--db", "", "use the psycopg driver: postgresql+psycopg://user@host/db")]
            )
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise InputError(
                [
                    Problem(
                        "--db", "", "PostgreSQL needs psycopg: pip install 'padplanner[postgres]'"
                    )
                ]
            ) from None
        return create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=5)
    raise InputError([Problem("--db", "", f"{backend} is not supported; use SQLite or PostgreSQL")])


def _sqlite_engine(url: str, *, create: bool) -> Engine:
    sync = os.environ.get(ENV_SYNC, "full").strip().upper() or "FULL"
    if sync not in ("FULL", "NORMAL"):
        raise InputError([Problem(ENV_SYNC, "", f"{sync.lower()!r} is not one of: full, normal")])
    path = sqlite_path(url)
    if path is None:  # in memory: one shared connection
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        _prepare_sqlite_file(path, create=create)
        protect(path)  # no export or report may ever be written onto it
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
            pool_size=8,
            max_overflow=8,
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # We issue BEGIN ourselves (below); pysqlite's implicit transactions are off.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if path is not None:
            _enable_wal(cursor)
        cursor.execute(f"PRAGMA synchronous={sync}")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        immediate = connection.get_execution_options().get(WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _enable_wal(cursor, attempts: int = 100) -> None:
    """Switch to WAL; retried, because SQLite may answer "database is locked" at once.

    Changing the journal mode needs an exclusive lock and, when several connections open a
    new file at the same moment, SQLite can report SQLITE_BUSY without calling the busy
    handler. Once the file is in WAL mode the pragma is a no-op read.
    """
    import sqlite3
    import time

    for attempt in range(attempts):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05)


def scratch_engine(path: Path) -> Engine:
    """An engine on a private working copy (a backup being written, a restore being
    prepared): no journal and no fsync (the file is thrown away if anything fails, and synced
    once when done), ``secure_delete`` on, one connection."""
    engine = create_engine(
        f"sqlite:///{path}", poolclass=StaticPool, connect_args={"check_same_thread": False}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "secure_delete=ON"):
            dbapi_connection.execute(f"PRAGMA {pragma}")
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def checkpoint(engine: Engine) -> bool:
    """Copy the WAL into the database file and truncate it to nothing (SQLite), so that what
    was overwritten is gone from both files. It waits up to ``CHECKPOINT_WAIT_MS`` for other
    connections to finish a read in progress (idle connections do not stand in the way).
    True when done (always on PostgreSQL, which has no such file)."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return True
    raw = engine.raw_connection()
    try:
        db = raw.driver_connection
        db.execute(f"PRAGMA busy_timeout={CHECKPOINT_WAIT_MS}")
        try:
            busy, _log, _done = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        return not busy
    finally:
        raw.close()
