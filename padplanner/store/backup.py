"""Checking, backing up and restoring a store.

A backup is always a SQLite file (mode 0600), whatever the source: SQLite databases are copied
with SQLite's online backup API (a consistent snapshot while others keep working), PostgreSQL
databases table by table inside one repeatable-read transaction. ``restore`` checks the file
first (integrity, schema version), migrates it to the current schema when it is older, and
refuses to overwrite a database that holds people unless ``force`` is given (SQLite only: on
PostgreSQL restore into an empty database).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, func, select, text

from padplanner.errors import InputError, Problem
from padplanner.model import Plan
from padplanner.store.connect import WRITE, make_engine, sqlite_path
from padplanner.store.migrations import HEAD, current_version, migrate
from padplanner.store.schema import DATA_TABLES, audit, metadata, people, revisions

if TYPE_CHECKING:
    from padplanner.store.repository import Store


def check(store: Store) -> list[str]:
    """Every problem found (empty when healthy): integrity, schema, revisions, checksums."""
    from padplanner.store.repository import checksum

    problems: list[str] = []
    with store.read() as conn:
        if conn.dialect.name == "sqlite":
            result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
            if result != ["ok"]:
                problems.extend(f"integrity: {line}" for line in result)
            for row in conn.exec_driver_sql("PRAGMA foreign_key_check"):
                problems.append(f"foreign key: table {row[0]} row {row[1]} -> {row[2]}")
        version = current_version(conn)
        if version != HEAD:
            problems.append(f"schema version {version}, expected {HEAD} (padplanner db migrate)")
            return problems
        expected: dict[str, int] = {}
        for row in conn.execute(
            select(
                revisions.c.person_id,
                revisions.c.revision,
                revisions.c.plan,
                revisions.c.checksum,
            ).order_by(revisions.c.person_id, revisions.c.revision)
        ):
            where = f"{row.person_id} revision {row.revision}"
            if row.revision != expected.get(row.person_id, 0) + 1:
                problems.append(f"{where}: revisions are not numbered 1, 2, 3, ...")
            expected[row.person_id] = row.revision
            if checksum(row.plan) != row.checksum:
                problems.append(f"{where}: the plan does not match its checksum")
                continue
            try:
                Plan.from_json(row.plan)
            except (ValueError, KeyError, TypeError) as exc:
                problems.append(f"{where}: the plan cannot be read ({exc})")
        for person_id, shown in conn.execute(select(people.c.id, people.c.revision)):
            if shown != expected.get(person_id, 0):
                problems.append(
                    f"{person_id}: the caseload shows revision {shown}, "
                    f"the latest is {expected.get(person_id, 0)}"
                )
    return problems


def _check_target(path: Path) -> None:
    if path.exists():
        raise InputError([Problem(str(path), "", "already exists; choose a new file name")])
    if not path.parent.is_dir():
        raise InputError([Problem(str(path), "", "the folder does not exist")])


def _create_private(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _copy_tables(source: Engine, target: Engine) -> int:
    """Copy every row of the data tables; returns the number of people."""
    with source.connect() as src:
        if src.dialect.name == "postgresql":
            src.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        with target.execution_options(**{WRITE: True}).begin() as dst:
            for name in DATA_TABLES:
                table = metadata.tables[name]
                result = src.execution_options(yield_per=2000).execute(
                    select(table).order_by(*table.primary_key.columns)
                )
                for batch in result.mappings().partitions(2000):
                    dst.execute(table.insert(), [dict(r) for r in batch])
            if dst.dialect.name == "postgresql":
                for name in DATA_TABLES:
                    table = metadata.tables[name]
                    if "id" in table.c and table.c.id.autoincrement is True:
                        dst.execute(
                            text(
                                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
                            )
                        )
            return int(dst.execute(select(func.count()).select_from(people)).scalar() or 0)


def backup(store: Store, path: str | Path) -> None:
    """Write a consistent copy of the store to the new SQLite file ``path``."""
    path = Path(path)
    _check_target(path)
    source_file = sqlite_path(store.url)
    if source_file is not None:
        _create_private(path)
        raw = store.engine.raw_connection()
        try:
            target = sqlite3.connect(path)
            try:
                raw.driver_connection.backup(target)
            finally:
                target.close()
        finally:
            raw.close()
    else:
        _create_private(path)
        target_engine = make_engine(f"sqlite:///{path}")
        try:
            migrate(target_engine)
            _copy_tables(store.engine, target_engine)
        finally:
            target_engine.dispose()
    with store.write() as conn:
        store.log(conn, "backup", None, "backup written")


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
    from padplanner.store.repository import open_store

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
                    restored = _copy_tables(copy_engine, store.engine)
                with store.write() as conn:
                    store.log(conn, "restore", None, f"restored {restored} people from a backup")
                return restored
            finally:
                store.close()
        finally:
            copy_engine.dispose()


def table_counts(store: Store) -> dict[str, int]:
    """Rows per table, for ``padplanner db check``."""
    out = {}
    with store.read() as conn:
        for name in DATA_TABLES:
            table = metadata.tables[name]
            out[name] = int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
    return out
