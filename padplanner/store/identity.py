"""Who is connected, and what the database lets them do.

``Access`` says in which mode a store runs:

- ``local``: a SQLite file, one user; roles are not enforced (anyone who can open the file
  reads all of it: protect it with the operating system).
- ``shared``: PostgreSQL with padplanner's roles set up (``padplanner db roles``), and the
  login is a padplanner user: the database itself limits what it sees and does (row-level
  security and grants, ``roles.py``), whatever program it uses.
- ``owner``: PostgreSQL, roles set up, and the login is not a padplanner user: the database
  owner (or a superuser) that migrates, refreshes, backs up and sets up users. It sees all.
- ``open``: PostgreSQL without padplanner's roles: every login that may connect sees all.

Identity is the database login: ``current_user`` decides what a connection may see (the
policies compare it, as PostgreSQL compares it for every privilege), ``session_user`` who
is written in the logs (``roles.py``). padplanner stores no passwords.
"""

from __future__ import annotations

import attrs
from sqlalchemy import Connection, select
from sqlalchemy.exc import DBAPIError

from padplanner.errors import InputError, Problem
from padplanner.store.schema import meta, users

ROLES: tuple[str, ...] = ("counsellor", "teamlead", "analyst", "admin", "auditor")
MODES: tuple[str, ...] = ("local", "shared", "owner", "open")
ROLES_KEY = "roles"  # in ``meta``: the prefix of the group roles, once they are set up


@attrs.frozen
class Access:
    """The mode a store runs in, the login and (in ``shared`` mode) its role and team."""

    mode: str
    user: str
    role: str | None = None
    team: str | None = None

    @property
    def enforced(self) -> bool:
        """True when the database enforces this login's role."""
        return self.mode == "shared"

    def may_see_people(self) -> bool:
        return self.mode != "shared" or self.role in ("counsellor", "teamlead")


def local(actor: str) -> Access:
    return Access("local", actor)


def detect(conn: Connection, actor: str) -> Access:
    """The access of this connection (``actor`` names the user of a SQLite file)."""
    if conn.dialect.name != "postgresql":
        return local(actor)
    login = conn.exec_driver_sql("SELECT current_user").scalar()
    try:
        with conn.begin_nested():
            found = conn.execute(
                select(users.c.role, users.c.team, users.c.active).where(users.c.name == login)
            ).first()
    except DBAPIError:
        raise InputError(
            [Problem.worded(login, "", "store.problem.login.not_user", login=login)]
        ) from None
    if found is not None:
        if not found.active:
            raise InputError([Problem.worded(login, "", "store.problem.login.disabled")])
        return Access("shared", login, found.role, found.team)
    prefix = conn.execute(select(meta.c.value).where(meta.c.key == ROLES_KEY)).scalar()
    return Access("owner" if prefix else "open", login)


def roles_prefix(conn: Connection) -> str | None:
    """The prefix of the group roles, or None when they are not set up (or on SQLite)."""
    if conn.dialect.name != "postgresql":
        return None
    return conn.execute(select(meta.c.value).where(meta.c.key == ROLES_KEY)).scalar()
