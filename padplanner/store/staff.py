"""Teams, users, whose caseload a person is in, and sharing, on a connection.

On SQLite (one user) teams and assignments are recorded but not enforced, and there are no
users. On a shared PostgreSQL database users are login roles, added, changed and disabled
through the owner's functions (``roles.py``), which log each change; the database decides
who may assign (team leads) and share (the counsellor and the team lead).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import attrs
from sqlalchemy import Connection, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from padplanner.errors import InputError, Problem
from padplanner.store import people
from padplanner.store.identity import ROLES
from padplanner.store.schema import people as people_table
from padplanner.store.schema import shares, teams, users
from padplanner.store.validation import text_problem

_NAME = re.compile(r"^[a-z][a-z0-9._-]{0,62}$")


@attrs.frozen
class Team:
    id: str
    name: str
    people: int


@attrs.frozen
class User:
    name: str
    role: str
    team: str | None
    active: bool


def check_name(value: str, what: str) -> str:
    """A user or team name: lower-case letters, digits, '.', '_', '-' (PostgreSQL role
    names are case-sensitive only when quoted: lower case keeps psql and padplanner alike)."""
    if not _NAME.match(value) or value.startswith("pg_"):
        raise InputError([Problem.worded(what, "", "store.problem.name", value=repr(value[:80]))])
    return value


def check_role(role: str) -> str:
    if role not in ROLES:
        raise InputError(
            [
                Problem.worded(
                    "--role", "", "store.problem.role", role=repr(role[:40]), roles=", ".join(ROLES)
                )
            ]
        )
    return role


def team_list(conn: Connection) -> list[Team]:
    counts = dict(
        conn.execute(
            select(people_table.c.team, text("count(*)")).group_by(people_table.c.team)
        ).all()
    )
    return [
        Team(r.id, r.name, int(counts.get(r.id, 0)))
        for r in conn.execute(select(teams).order_by(teams.c.id))
    ]


def require_team(conn: Connection, team: str, where: str = "--team") -> None:
    if conn.execute(select(teams.c.id).where(teams.c.id == team)).first() is None:
        raise InputError(
            [Problem.worded(where, "", "store.problem.team.unknown", team=repr(team[:64]))]
        )


def add_team(conn: Connection, team: str, name: str, now: datetime) -> None:
    check_name(team, "team")
    problem = text_problem(name, 200, lines=False)
    if problem:
        raise InputError([Problem.worded("--name", "", "store.problem.team.name", problem=problem)])
    try:
        with conn.begin_nested():
            conn.execute(teams.insert().values(id=team, name=name or team, created_at=now))
    except IntegrityError:
        raise InputError(
            [Problem.worded("team", "", "store.problem.team.exists", team=repr(team))]
        ) from None


def user_list(conn: Connection) -> list[User]:
    return [
        User(r.name, r.role, r.team, bool(r.active))
        for r in conn.execute(select(users).order_by(users.c.name))
    ]


def find_user(conn: Connection, name: str) -> User | None:
    row = conn.execute(select(users).where(users.c.name == name)).first()
    return None if row is None else User(row.name, row.role, row.team, bool(row.active))


def call(conn: Connection, function: str, *args: Any) -> None:
    """Call one of the owner's user functions; its refusals become InputError."""
    names = ", ".join(f":a{i}" for i in range(len(args)))
    try:
        with conn.begin_nested():
            conn.execute(
                text(f"SELECT {function}({names})"), {f"a{i}": a for i, a in enumerate(args)}
            )
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "42501":
            raise  # the store says who was refused (Core.refused)
        message = getattr(exc.orig, "diag", None)
        primary = getattr(message, "message_primary", None) or str(exc.orig).splitlines()[0]
        raise InputError([Problem(function.removeprefix("padplanner_"), "", primary)]) from None


def assign(
    conn: Connection, person_id: str, team: str | None, counsellor: str | None
) -> tuple[str, str | None, str, str | None]:
    """Move a person to ``team`` and/or ``counsellor`` (locked row); returns (old team, old
    counsellor, new team, new counsellor). A counsellor who is a user must be in the team."""
    row = people.lock(conn, person_id)
    new_team = team or row.team
    if team is not None:
        require_team(conn, team)
    new_counsellor = row.counsellor if counsellor is None else (counsellor or None)
    if team is not None and counsellor is None and team != row.team:
        new_counsellor = None  # another team: its lead assigns a counsellor
    if new_counsellor is not None:
        user = find_user(conn, new_counsellor)
        registered = conn.execute(select(users.c.name).limit(1)).first() is not None
        if user is None and registered:
            raise InputError(
                [
                    Problem.worded(
                        "--counsellor", "", "store.problem.user.unknown", user=new_counsellor
                    )
                ]
            )
        if user is not None and (user.team != new_team or not user.active):
            raise InputError(
                [
                    Problem.worded(
                        "--counsellor",
                        "",
                        "store.problem.user.not_in_team",
                        user=new_counsellor,
                        team=new_team,
                    )
                ]
            )
    conn.execute(
        people_table.update()
        .where(people_table.c.id == person_id)
        .values(team=new_team, counsellor=new_counsellor)
    )
    return row.team, row.counsellor, new_team, new_counsellor


def share(conn: Connection, person_id: str, user: str, by: str, now: datetime) -> None:
    people.row(conn, person_id)
    found = find_user(conn, user)
    if found is None or not found.active:
        raise InputError([Problem.worded("--with", "", "store.problem.share.user", user=user)])
    try:
        with conn.begin_nested():
            conn.execute(
                shares.insert().values(
                    person_id=person_id, user_name=user, granted_by=by, granted_at=now
                )
            )
    except IntegrityError:
        raise InputError(
            [Problem.worded(person_id, "", "store.problem.share.already", user=user)]
        ) from None


def unshare(conn: Connection, person_id: str, user: str) -> None:
    gone = conn.execute(
        shares.delete().where(shares.c.person_id == person_id, shares.c.user_name == user)
    ).rowcount
    if not gone:
        raise InputError([Problem.worded(person_id, "", "store.problem.share.not", user=user)])


def shared_with(conn: Connection, person_id: str) -> list[str]:
    return [
        u
        for (u,) in conn.execute(
            select(shares.c.user_name)
            .where(shares.c.person_id == person_id)
            .order_by(shares.c.user_name)
        )
    ]
