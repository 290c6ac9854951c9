"""Backing up a store: a consistent copy in a new SQLite file (mode 0600).

SQLite databases are copied with SQLite's online backup API (a consistent snapshot while
others keep working), PostgreSQL databases table by table inside one repeatable-read
transaction. ``restore.py`` reads such a file back.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, func, select, text

from padplanner.errors import InputError, Problem
from padplanner.store.connect import WRITE, make_engine, sqlite_path
from padplanner.store.migrations import migrate
from padplanner.store.schema import DATA_TABLES, metadata, people

if TYPE_CHECKING:
    from padplanner.store.core import Core


def _check_target(path: Path) -> None:
    if path.exists():
        raise InputError([Problem(str(path), "", "already exists; choose a new file name")])
    if not path.parent.is_dir():
        raise InputError([Problem(str(path), "", "the folder does not exist")])


def _create_private(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def copy_tables(source: Engine, target: Engine) -> int:
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


def backup(core: Core, path: str | Path) -> None:
    """Write a consistent copy of the store to the new SQLite file ``path``."""
    path = Path(path)
    _check_target(path)
    source_file = sqlite_path(core.url)
    if source_file is not None:
        _create_private(path)
        raw = core.engine.raw_connection()
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
            copy_tables(core.engine, target_engine)
        finally:
            target_engine.dispose()
    with core.write() as conn:
        core.log(conn, "backup", None, "backup written")
