"""What every part of the store works with: a database, who acts, what time it is.

``Core`` holds the engine, the URL, the actor (who reads and writes, for the audit log) and
the clock, and opens transactions: ``read()`` and ``write()`` (``BEGIN IMMEDIATE`` on SQLite,
one writer at a time). The modules of the store each own one concern and work on the
connection such a transaction gives them (``people``, ``revisions``, ``recorded``,
``summary``, ``audit``, ``erasure``, ``research``, ``backup``, ``workflow``); ``Store``
(``repository.py``) puts them together, one transaction per public method.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from padplanner.errors import InputError, Problem
from padplanner.store import audit, identity
from padplanner.store.codec import utc
from padplanner.store.connect import WRITE
from padplanner.store.identity import Access
from padplanner.store.migrations import current_version


def default_actor() -> str:
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # no user name in this environment (containers)
        return "unknown"


def _denied(exc: DBAPIError) -> bool:
    """A privilege or row-level security refusal (SQLSTATE 42501)."""
    return getattr(exc.orig, "sqlstate", None) == "42501"


class Core:
    """A database with an actor and a clock; the transactions every store operation uses."""

    def __init__(
        self,
        engine: Engine,
        url: str,
        *,
        actor: str | None = None,
        clock: Callable[[], datetime] | None = None,
    ):
        self.engine = engine
        self.url = url
        self.actor = actor or default_actor()
        self.clock = clock or (lambda: datetime.now(UTC))
        self._writer = engine.execution_options(**{WRITE: True})
        self.access: Access = identity.local(self.actor)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def now(self) -> datetime:
        return utc(self.clock())

    def today(self) -> date:
        return self.now().date()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction (``BEGIN IMMEDIATE`` on SQLite)."""
        with self._refusals(), self._writer.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._refusals(), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _refusals(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as exc:
            if _denied(exc):
                raise self.refused(exc) from None
            raise

    def refused(self, exc: DBAPIError) -> InputError:
        """What the database refused this login (a privilege or a row-level policy), as bad
        input: the role, and the database's own words."""
        diag = getattr(exc.orig, "diag", None)
        said = getattr(diag, "message_primary", None) or str(exc.orig).splitlines()[0]
        who = self.access.user + (f" ({self.access.role})" if self.access.role else "")
        return InputError([Problem.worded(who, "", "store.problem.refused", said=said)])

    def schema_version(self) -> int:
        with self.read() as conn:
            return current_version(conn)

    def log(
        self,
        conn: Connection,
        action: str,
        person_id: str | None,
        detail: str = "",
        actor: str | None = None,
    ) -> None:
        """Append to the audit log (inside the caller's transaction). Never pass a BSN."""
        audit.append(conn, self.now(), actor or self.actor, action, person_id, detail)
