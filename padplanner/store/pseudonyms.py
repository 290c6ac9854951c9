"""Pseudonyms: a keyed hash of a person's id, with a random key kept in the database.

The research dataset names people by pseudonym (HMAC-SHA256 of the id, cut to 20 hex
digits); the key is made on first use and stays with the database (a backup carries it).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from padplanner.store.schema import meta

if TYPE_CHECKING:
    from padplanner.store.core import Core

KEY = "research_key"  # its name in ``meta``


def key_in(conn: Connection) -> bytes:
    """The key, made now when the database has none (inside the caller's write transaction)."""
    found = conn.execute(select(meta.c.value).where(meta.c.key == KEY)).scalar()
    if found is None:
        found = secrets.token_hex(32)
        try:
            with conn.begin_nested():
                conn.execute(meta.insert().values(key=KEY, value=found))
        except IntegrityError:
            found = conn.execute(select(meta.c.value).where(meta.c.key == KEY)).scalar()
    return bytes.fromhex(found)


def research_key(core: Core) -> bytes:
    """This database's pseudonymisation key (created on first use)."""
    with core.write() as conn:
        return key_in(conn)


def pseudonym(key: bytes, person_id: str) -> str:
    return hmac.new(key, person_id.encode("utf-8"), hashlib.sha256).hexdigest()[:20]
