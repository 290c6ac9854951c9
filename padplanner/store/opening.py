"""Opening the store: ``open_store`` connects to a database and makes it ready for ``Store``.

A new database is created and migrated to the current schema; an older one is migrated when
``upgrade`` is true (with the PostgreSQL roles, once set up, brought up to date with the new
tables), otherwise it must already be current. Then the login's access is detected (on a
shared database the login is who acts) and, elsewhere, the caseload summary is refreshed
when a migration asked for it. The operations on an open store are ``Store``'s (``repository.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.exc import DBAPIError

from padplanner.errors import InputError, Problem
from padplanner.store import identity, roles, summary
from padplanner.store.connect import default_url, make_engine
from padplanner.store.migrations import HEAD, current_version, migrate
from padplanner.store.repository import Store


def open_store(
    url: str | None = None,
    *,
    actor: str | None = None,
    clock: Callable[[], datetime] | None = None,
    create: bool = True,
    upgrade: bool = True,
) -> Store:
    """Open the store at ``url`` (default: ``PADPLANNER_DB`` or the user's SQLite file).

    A new database is created and migrated to the current schema. An older one is migrated
    when ``upgrade`` is true; otherwise it must already be current (``padplanner db migrate``).
    """
    url = url or default_url()
    engine = make_engine(url, create=create)
    store = Store(engine, url, actor=actor, clock=clock)
    try:
        with engine.connect() as conn:
            version = current_version(conn)
        if version < HEAD:
            if not upgrade and version > 0:
                raise InputError(
                    [
                        Problem(
                            url,
                            "",
                            f"schema version {version} is older than {HEAD}: "
                            "run padplanner db migrate",
                        )
                    ]
                )
            _migrate(store, version)
        with engine.connect() as conn:
            store.access = identity.detect(conn, store.actor)
        if store.access.enforced:  # the login is who acts; the owner refreshes
            store.actor = store.access.user
        else:
            summary.refresh_if_marked(store)
    except Exception:
        engine.dispose()
        raise
    return store


def _migrate(store: Store, version: int) -> None:
    """Migrate (and bring the roles, once set up, up to date with the new tables)."""
    try:
        migrate(store.engine)
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != "42501":
            raise
        raise InputError(
            [
                Problem(
                    store.url,
                    "",
                    f"schema version {version} is older than {HEAD}; the database owner "
                    "migrates it: padplanner db migrate",
                )
            ]
        ) from None
    with store.write() as conn:
        roles.bring_up_to_date(conn)
