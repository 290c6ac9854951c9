"""Small pieces of DDL that SQLAlchemy does not write for an existing table, shared by the
steps. Each is as plain as SQL itself: a change here would change what an old step does, so
they are never changed, only added to."""

from __future__ import annotations

from sqlalchemy import Column, Connection


def add_column(conn: Connection, table: str, column: Column) -> None:
    """``ALTER TABLE table ADD COLUMN``, with the column's server default."""
    kind = column.type.compile(dialect=conn.dialect)
    sql = f"ALTER TABLE {table} ADD COLUMN {column.name} {kind}"
    if column.server_default is not None:
        sql += f" DEFAULT {column.server_default.arg!s}"
        if not column.nullable:
            sql += " NOT NULL"
    conn.exec_driver_sql(sql)


def quoted(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"
