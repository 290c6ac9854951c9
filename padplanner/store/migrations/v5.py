"""Schema version 5: the erasure register (pseudonyms of the people forgotten, back-filled)
and the register of the backups this database wrote. A database that already holds people
is marked: data written before SQLite's ``secure_delete`` was on may linger in free space,
so the first erasure rewrites the file (``VACUUM``)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    select,
)


def apply(conn: Connection) -> None:
    md = MetaData()
    Table(
        "erasures",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("pseudonym", String(64), nullable=False),
        Column("erased_at", DateTime(timezone=True), nullable=False),
        UniqueConstraint("pseudonym", name="uq_erasures_pseudonym"),
    )
    Table(
        "backups",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("path", Text, nullable=False),
        Column("written_at", DateTime(timezone=True), nullable=False),
        Column("actor", String(100), nullable=False),
    )
    md.create_all(conn)
    meta = Table(
        "meta",
        md,
        Column("key", String(64), primary_key=True),
        Column("value", Text, nullable=False),
    )
    people = Table(
        "people",
        md,
        Column("id", String(64), primary_key=True),
        Column("forgotten_at", DateTime(timezone=True)),
    )
    forgotten = conn.execute(
        select(people.c.id, people.c.forgotten_at).where(people.c.forgotten_at.is_not(None))
    ).all()
    if forgotten:
        key = conn.execute(select(meta.c.value).where(meta.c.key == "research_key")).scalar()
        if key is None:
            key = secrets.token_hex(32)
            conn.execute(meta.insert().values(key="research_key", value=key))
        conn.execute(
            md.tables["erasures"].insert(),
            [
                {
                    # the pseudonym of ``pseudonyms.py``, written out: a step never changes
                    "pseudonym": hmac.new(
                        bytes.fromhex(key), person.encode("utf-8"), hashlib.sha256
                    ).hexdigest()[:20],
                    "erased_at": when,
                }
                for person, when in forgotten
            ],
        )
    anyone = conn.execute(select(people.c.id).limit(1)).first()
    if anyone is not None and conn.dialect.name == "sqlite":
        conn.execute(meta.insert().values(key="vacuum_before_erasure", value="1"))
