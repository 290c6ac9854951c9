"""The store's methods for teams, users, assignments and sharing (a part of ``Store``).

Users exist only on a shared PostgreSQL database whose roles are set up (``padplanner db
roles``): each is a login role, added, changed and disabled through the owner's functions,
which refuse anyone but an admin (or the owner) and log every change. Teams and assignments
work on SQLite too (recorded, not enforced).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select

from padplanner.errors import InputError, Problem
from padplanner.i18n import N_
from padplanner.store import accesslog, identity, people, roles, rowsecurity, staff
from padplanner.store.core import Core
from padplanner.store.records import AuditEntry
from padplanner.store.schema import users
from padplanner.store.staff import Team, User


class Staffing(Core):
    """Teams, users, assignment and sharing; see ``staff.py``."""

    _led_team: bool | None = None  # counts_led_team, once known

    def counts_led_team(self, conn: Connection) -> bool:
        """Whether the count of everyone this login sees is ``rowsecurity.TOTAL`` (a team
        lead's own team counted from an index, not row by row): on PostgreSQL with the roles
        set up, the same for the owner and every user."""
        if self._led_team is None:
            roles_set_up = self.access.mode in ("shared", "owner")
            self._led_team = roles_set_up and rowsecurity.offers_total(conn)
        return self._led_team

    def _need_roles(self, what: str) -> None:
        if self.access.mode not in ("shared", "owner"):
            key = (
                N_("store.problem.users.sqlite")
                if self.dialect == "sqlite"
                else N_("store.problem.users.no_roles")
            )
            raise InputError([Problem.worded(what, "", key)])

    def teams(self) -> list[Team]:
        with self.read() as conn:
            return staff.team_list(conn)

    def add_team(self, team: str, name: str = "") -> None:
        with self.write() as conn:
            staff.add_team(conn, team, name, self.now())
            self.log(conn, "team.add", None, team)

    def users(self) -> list[User]:
        with self.read() as conn:
            return staff.user_list(conn)

    def add_user(self, name: str, role: str, team: str | None) -> None:
        """A new login role for ``name`` (no password: the deployment authenticates)."""
        self._need_roles("user add")
        staff.check_name(name, "user")
        staff.check_role(role)
        with self.write() as conn:
            if team is not None:
                staff.require_team(conn, team)
            if conn.execute(select(users.c.name).where(users.c.name == name)).first():
                raise InputError([Problem.worded(name, "", "store.problem.user.exists")])
            staff.call(conn, "padplanner_user_add", name, role, team)

    def _known(self, conn, name: str) -> staff.User:
        found = staff.find_user(conn, name)
        if found is None:
            raise InputError([Problem.worded(name, "", "store.problem.user.unknown", user=name)])
        return found

    def set_role(self, name: str, role: str, team: str | None = None) -> None:
        """Change a user's role (and team; default: the team they have)."""
        self._need_roles("user role")
        staff.check_role(role)
        with self.write() as conn:
            user = self._known(conn, name)
            team = team if team is not None else user.team
            if team is not None:
                staff.require_team(conn, team)
            staff.call(conn, "padplanner_user_role", name, role, team)

    def disable_user(self, name: str) -> None:
        """The login can no longer connect, and an open session loses its role at once."""
        self._need_roles("user disable")
        with self.write() as conn:
            self._known(conn, name)
            staff.call(conn, "padplanner_user_disable", name)

    def enable_user(self, name: str) -> None:
        self._need_roles("user enable")
        with self.write() as conn:
            self._known(conn, name)
            staff.call(conn, "padplanner_user_enable", name)

    def assign(
        self,
        person_id: str,
        *,
        team: str | None = None,
        counsellor: str | None = None,
        author: str | None = None,
    ) -> tuple[str, str | None, str, str | None]:
        """Hand a person over to another counsellor and/or team (recorded in the change log);
        returns (old team, old counsellor, new team, new counsellor)."""
        if team is None and counsellor is None:
            raise InputError([Problem.worded(person_id, "", "store.problem.assign.what")])
        if self.access.enforced:  # the database checks and logs it (roles.py)
            with self.write() as conn:
                row = people.lock(conn, person_id)
                if counsellor is not None and team is None:
                    team = row.team
                moved = (row.team, row.counsellor, team, counsellor or None)
                staff.call(conn, "padplanner_assign", person_id, team, counsellor or None)
            return moved
        with self.write() as conn:
            moved = staff.assign(conn, person_id, team, counsellor)
            old_team, old_counsellor, new_team, new_counsellor = moved
            self.log(
                conn,
                "assign",
                person_id,
                f"{old_counsellor or '-'} ({old_team}) -> {new_counsellor or '-'} ({new_team})",
                actor=author,
            )
        return moved

    def share(self, person_id: str, user: str) -> None:
        """Let ``user`` see this person too (a colleague covering); recorded."""
        self._need_roles("share")
        with self.write() as conn:
            staff.share(conn, person_id, user, self.access.user, self.now())
            self.log(conn, "share", person_id, f"with {user}")

    def unshare(self, person_id: str, user: str) -> None:
        self._need_roles("unshare")
        with self.write() as conn:
            staff.unshare(conn, person_id, user)
            self.log(conn, "unshare", person_id, f"with {user}")

    def shared_with(self, person_id: str) -> list[str]:
        with self.read() as conn:
            return staff.shared_with(conn, person_id)

    def look(self, person_id: str | None, action: str, detail: str = "") -> None:
        """Record one look at a person's file in the access log (``accesslog.LOOKS``)."""
        with self.write() as conn:
            accesslog.append(conn, self.now(), self.actor, action, person_id, detail)

    def accesses(
        self,
        person_id: str | None = None,
        actor: str | None = None,
        since: datetime | None = None,
        limit: int = 1000,
    ) -> list[AuditEntry]:
        """Access-log entries (looks), newest first."""
        with self.read() as conn:
            return accesslog.entries(conn, person_id, actor, since, limit)

    def setup_roles(self, prefix: str = roles.PREFIX) -> list[str]:
        """Set up (or bring up to date) the PostgreSQL roles, grants and row-level security
        (``roles.py``); run by the database owner. Returns the group roles."""
        with self.write() as conn:
            made = roles.setup(conn, prefix)
            self.log(conn, "roles", None, f"roles {prefix}_* set up")
        with self.read() as conn:
            self.access = identity.detect(conn, self.actor)
        self._led_team = None
        return made
