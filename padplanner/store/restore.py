"""Restoring a backup written by ``backup.py`` into a database.

``restore`` checks the file first (integrity, schema version), migrates a copy of it to the
current schema when it is older, and refuses to overwrite a database that holds people
unless ``force`` is given (SQLite only: on PostgreSQL restore into an empty database).
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy import func, select

from padplanner.errors import InputError, Problem
from padplanner.store.backup import copy_tables
from padplanner.store.connect import make_engine, sqlite_path
from padplanner.store.migrations import HEAD, migrate
from padplanner.store.repository import open_store
from padplanner.store.schema import audit, people


def _verify_backup(path: Path) -> int:
    if not path.is_file():
        raise InputError([Problem(str(path), "", "file not found")])
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "schema_version" not in tables or "people" not in tables:
                raise InputError([Problem(str(path), "", "not a padplanner backup")])
            version = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise InputError([Problem(str(path), "", f"not a SQLite database ({exc})")]) from None
    if [r[0] for r in result] != ["ok"]:
        raise InputError([Problem(str(path), "", "the backup fails its integrity check")])
    if version > HEAD:
        raise InputError(
            [Problem(str(path), "", f"made by a newer padplanner (schema {version} > {HEAD})")]
        )
    return version


def restore(path: str | Path, url: str, *, force: bool = False, actor: str | None = None) -> int:
    """Restore the backup file ``path`` into the database at ``url``; returns the people count."""
    path = Path(path)
    _verify_backup(path)
    target_file = sqlite_path(url)
    if target_file is not None and target_file.resolve() == path.resolve():
        raise InputError([Problem(str(path), "", "is the database itself")])
    with tempfile.TemporaryDirectory() as tmp:  # work on a migrated copy, never the backup
        copy = Path(tmp) / "restore.db"
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(copy)
            source.backup(dest)
            dest.close()
        finally:
            source.close()
        copy_engine = make_engine(f"sqlite:///{copy}")
        try:
            migrate(copy_engine)
            store = open_store(url, actor=actor)
            try:
                with store.read() as conn:
                    count = conn.execute(select(func.count()).select_from(people)).scalar()
                if count and not force:
                    raise InputError(
                        [
                            Problem(
                                url,
                                "",
                                f"holds {count} people; restore into an empty database "
                                "or pass --force (SQLite only) to replace it",
                            )
                        ]
                    )
                if target_file is not None:
                    raw_src = copy_engine.raw_connection()
                    store.engine.dispose()
                    dest = sqlite3.connect(target_file)
                    try:
                        raw_src.driver_connection.backup(dest)
                    finally:
                        dest.close()
                        raw_src.close()
                    restored = store.count_people()
                else:
                    with store.read() as conn:
                        logged = conn.execute(select(func.count()).select_from(audit)).scalar()
                    if count or logged:
                        raise InputError(
                            [Problem(url, "", "restore into an empty PostgreSQL database")]
                        )
                    restored = copy_tables(copy_engine, store.engine)
                with store.write() as conn:
                    store.log(conn, "restore", None, f"restored {restored} people from a backup")
                return restored
            finally:
                store.close()
        finally:
            copy_engine.dispose()
