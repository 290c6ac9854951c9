"""PostgreSQL roles, grants and row-level security: who may see and do what, enforced by the
database itself, through padplanner and through any other client (``psql``) alike.

``setup(conn, prefix)`` (``padplanner db roles``) is idempotent and is run by the database
owner (the login that migrated the schema and owns the tables; it needs ``CREATEROLE``):

- five group roles, ``<prefix>_counsellor``, ``_teamlead``, ``_analyst``, ``_admin`` and
  ``_auditor`` (``NOLOGIN``); each user is a login role that is a member of one of them
  (``padplanner user add``);
- grants per group (``GRANTS``): person data only for counsellors and team leads; the
  research snapshot and the aggregate view for analysts; teams and the user functions for
  admins; the logs, read-only, for auditors. Nobody is granted UPDATE, DELETE or TRUNCATE on a
  log; inserting needs ``USAGE`` on the log's sequence; ``PUBLIC`` gets nothing;
- row-level security (``rowsecurity.py``), enabled and forced (so the table owner is no
  exception by ownership: its own policy, ``owner_all``, says what it may do: everything, for
  migrations, refreshes and backups) on ``people``, ``revisions``, ``events``, ``decisions``
  and ``shares``. A counsellor sees the people whose counsellor they are, and those shared
  with them; a team lead also everyone in their team, and may reassign (through
  ``padplanner_assign``). The child tables see a row when its person is visible: they carry
  copies of their person's team and counsellor, kept by triggers, so the policy reads the row
  itself instead of looking the person up for every row;
- a trigger on both logs that writes who (``session_user``, the login: not changed by
  ``SET ROLE``) and when (the database clock) for every row a padplanner user inserts;
- ``SECURITY DEFINER`` functions (owned by the owner, ``search_path`` fixed, ``EXECUTE``
  only for admins) that add users, change their role, disable and enable them, each logged
  in the change log inside the same transaction: admins need no ``CREATEROLE`` themselves;
- ``research_counts``, a view of counts per municipality, route, phase and risk (groups of
  fewer than 5 people left out) that runs with its owner's rights on purpose (views do,
  unless ``security_invoker``): analysts get aggregates without any row of ``people``.

Policies compare ``current_user`` (what PostgreSQL checks privileges against); functions that
must know the caller take it as an argument, because inside ``SECURITY DEFINER`` it is the
owner.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, select

from padplanner.errors import InputError, Problem
from padplanner.store import rowsecurity
from padplanner.store.identity import ROLES, ROLES_KEY, roles_prefix
from padplanner.store.schema import meta, people

PREFIX = "padplanner"
_PREFIX = re.compile(r"^[a-z][a-z0-9_]{0,30}$")
MIN_GROUP = 5  # research_counts leaves out smaller groups

LOGS = ("audit", "access_log")

# group -> (privilege, table) pairs; "(cols)" after a privilege limits it to those columns
# what a caseworker may change on ``people``: every column but the id, when the row was made,
# and team and counsellor (only ``padplanner_assign`` changes those). Read from the head
# schema, so a column a later migration adds is granted by the next ``db roles``/``db migrate``
_FIXED = ("id", "created_at", "team", "counsellor")
_PEOPLE_COLUMNS = ", ".join(c.name for c in people.c if c.name not in _FIXED)
_CASEWORK = (
    ("SELECT, INSERT", "people"),
    ("SELECT, INSERT", "revisions"),
    ("SELECT, INSERT", "events"),
    ("SELECT, INSERT", "decisions"),
    ("SELECT, INSERT, DELETE", "shares"),
    ("INSERT", "audit"),
    ("INSERT", "access_log"),
)
GRANTS: dict[str, tuple[tuple[str, str], ...]] = {
    "counsellor": (*_CASEWORK, (f"UPDATE ({_PEOPLE_COLUMNS})", "people")),
    # revisions, events and decisions are never changed by a user: erasure (``forget``)
    # runs with the owner's login, which keeps the erasure register and its key
    "teamlead": (*_CASEWORK, (f"UPDATE ({_PEOPLE_COLUMNS})", "people")),
    "analyst": (
        ("SELECT", "research"),
        ("SELECT", "research_counts"),
        ("INSERT", "access_log"),
        ("INSERT", "audit"),
    ),
    "admin": (("INSERT", "teams"), ("INSERT", "audit")),
    "auditor": (("SELECT", "audit"), ("SELECT", "access_log")),
}
EVERYONE = ("schema_version", "teams", "users")  # SELECT for every group
SEQUENCES = {
    "counsellor": ("revisions", "events", "decisions", "audit", "access_log"),
    "teamlead": ("revisions", "events", "decisions", "audit", "access_log"),
    "analyst": ("access_log", "audit"),
    "admin": ("audit",),
    "auditor": (),
}


def _run(conn: Connection, sql: str):
    """Run DDL as written: the driver would read ``%`` (``format('%I')``) as a placeholder."""
    return conn.exec_driver_sql(sql.replace("%", "%%"))


def check_prefix(prefix: str) -> str:
    if not _PREFIX.match(prefix) or prefix.startswith("pg_"):
        raise InputError(
            [Problem.worded("--prefix", "", "store.problem.prefix", prefix=repr(prefix))]
        )
    return prefix


def group(prefix: str, role: str) -> str:
    return f"{prefix}_{role}"


def setup(conn: Connection, prefix: str = PREFIX) -> list[str]:
    """Create or bring up to date the group roles, grants, policies, triggers and functions;
    returns the group roles. Idempotent; run by the owner of the tables."""
    if conn.dialect.name != "postgresql":
        raise InputError([Problem.worded("db roles", "", "store.problem.roles.sqlite")])
    check_prefix(prefix)
    known = conn.execute(select(meta.c.value).where(meta.c.key == ROLES_KEY)).scalar()
    if known is not None and known != prefix:
        raise InputError(
            [Problem.worded("--prefix", "", "store.problem.roles.prefix", prefix=known)]
        )
    owner = _run(conn, "SELECT current_user").scalar()
    schema = _run(conn, "SELECT current_schema()").scalar()
    groups = {role: group(prefix, role) for role in ROLES}
    for name in groups.values():
        _run(
            conn,
            f"DO $$ BEGIN CREATE ROLE {name} NOLOGIN; "
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
        )
    everyone = ", ".join(groups.values())
    _run(
        conn,
        "DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO "
        f"{everyone}', current_database()); "
        "EXCEPTION WHEN insufficient_privilege THEN NULL; END $$",
    )
    _run(conn, f'GRANT USAGE ON SCHEMA "{schema}" TO {everyone}')
    _functions(conn, schema, groups)
    _grants(conn, schema, groups)
    rowsecurity.apply(conn, schema, owner, groups)
    _log_triggers(conn, schema)
    if known is None:
        conn.execute(meta.insert().values(key=ROLES_KEY, value=prefix))
    return list(groups.values())


def bring_up_to_date(conn: Connection) -> str | None:
    """Set the roles up again if this database has them (an upgrade may have added tables or
    columns that the grants, policies and triggers must know); returns their prefix, or None
    when there are none, on SQLite, or when this login does not own the tables (only the
    owner may change grants and policies; a user's run leaves them as they are)."""
    if conn.dialect.name != "postgresql":
        return None
    owns = _run(
        conn,
        "SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c "
        "WHERE c.oid = 'people'::regclass",
    ).scalar()
    prefix = roles_prefix(conn) if owns else None  # only the owner reads the settings
    if prefix:
        setup(conn, prefix)
    return prefix


def _grants(conn: Connection, schema: str, groups: dict[str, str]) -> None:
    everyone = ", ".join(groups.values())
    _run(conn, f'REVOKE ALL ON ALL TABLES IN SCHEMA "{schema}" FROM PUBLIC, {everyone}')
    _run(conn, f'REVOKE ALL ON ALL SEQUENCES IN SCHEMA "{schema}" FROM PUBLIC, {everyone}')
    for table in EVERYONE:
        _run(conn, f"GRANT SELECT ON {table} TO {everyone}")
    for role, grants in GRANTS.items():
        for privilege, table in grants:
            _run(conn, f"GRANT {privilege} ON {table} TO {groups[role]}")
    for role, tables in SEQUENCES.items():
        for table in tables:
            _run(conn, f"GRANT USAGE ON SEQUENCE {table}_id_seq TO {groups[role]}")


def _functions(conn: Connection, schema: str, groups: dict[str, str]) -> None:
    definer = f'SECURITY DEFINER SET search_path = "{schema}", pg_temp'
    # the team a user leads (NULL unless an active team lead); read as the caller. PL/pgSQL
    # keeps the plan of its query for the session; a SQL function's is made again for every
    # statement whose policy calls it
    _run(
        conn,
        "CREATE OR REPLACE FUNCTION padplanner_lead_team() RETURNS text LANGUAGE plpgsql "
        "STABLE AS $$ BEGIN RETURN (SELECT team FROM users WHERE name = current_user "
        "AND role = 'teamlead' AND active); END $$",
    )
    # the people shared with the caller, read as the caller (under the policy on shares)
    _run(
        conn,
        "CREATE OR REPLACE FUNCTION padplanner_shared_with_me() RETURNS SETOF text "
        "LANGUAGE plpgsql STABLE ROWS 10 AS $$ BEGIN RETURN QUERY SELECT s.person_id::text "
        "FROM shares s WHERE s.user_name = current_user; END $$",
    )
    _run(
        conn,
        "CREATE OR REPLACE FUNCTION padplanner_my_team() RETURNS text LANGUAGE sql STABLE "
        "AS $$ SELECT team FROM users WHERE name = current_user AND active $$",
    )
    # may this user share (or unshare) this person: their counsellor or their team's lead.
    # Definer rights: a policy on shares may not read people through people's own policy,
    # which reads shares (PostgreSQL refuses such a loop).
    _run(
        conn,
        "CREATE OR REPLACE FUNCTION padplanner_may_share(person text, login text) "
        f"RETURNS boolean LANGUAGE sql STABLE {definer} AS $$ "
        "SELECT EXISTS (SELECT 1 FROM people p WHERE p.id = person AND (p.counsellor = login "
        "OR p.team = (SELECT u.team FROM users u WHERE u.name = login "
        "AND u.role = 'teamlead' AND u.active))) $$",
    )
    roles = ", ".join(f"'{r}'" for r in ROLES)
    prefix = groups["admin"][: -len("_admin")]
    log = (
        "INSERT INTO audit (at, actor, action, person_id, detail) "
        "VALUES (now(), session_user, {action}, NULL, {detail});"
    )
    check_role = (
        f"IF p_role NOT IN ({roles}) THEN RAISE EXCEPTION 'unknown role: %', p_role "
        "USING ERRCODE = '22023'; END IF;"
    )
    check_team = (
        "IF p_role IN ('counsellor', 'teamlead') AND p_team IS NULL THEN "
        "RAISE EXCEPTION 'a % needs a team (--team)', p_role USING ERRCODE = '22023'; END IF; "
        "IF p_team IS NOT NULL AND NOT EXISTS (SELECT 1 FROM teams WHERE id = p_team) THEN "
        "RAISE EXCEPTION 'unknown team: %', p_team USING ERRCODE = '22023'; END IF;"
    )
    known_user = (
        "SELECT role INTO old FROM users WHERE name = p_name; IF NOT FOUND THEN "
        "RAISE EXCEPTION 'unknown user: %', p_name USING ERRCODE = '22023'; END IF;"
    )
    not_self = (
        "IF p_name = session_user THEN RAISE EXCEPTION "
        "'you cannot change your own user; ask another admin' USING ERRCODE = '42501'; END IF;"
    )
    grant = f"EXECUTE format('GRANT %I TO %I', '{prefix}_' || {{role}}, p_name);"
    revoke = f"EXECUTE format('REVOKE %I FROM %I', '{prefix}_' || {{role}}, p_name);"
    bodies = {
        "padplanner_user_add(p_name text, p_role text, p_team text)": (
            f"BEGIN {check_role} {check_team} "
            "IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name) THEN "
            "RAISE EXCEPTION 'a database role named % already exists', p_name "
            "USING ERRCODE = '42710'; END IF; "
            "EXECUTE format('CREATE ROLE %I LOGIN', p_name); "
            + grant.format(role="p_role")
            + " INSERT INTO users (name, role, team, active, created_at) "
            "VALUES (p_name, p_role, p_team, true, now()); "
            + log.format(
                action="'user.add'",
                detail="format('%s: %s, team %s', p_name, p_role, coalesce(p_team, '-'))",
            )
            + " END"
        ),
        "padplanner_user_role(p_name text, p_role text, p_team text)": (
            f"DECLARE old text; BEGIN {not_self} {check_role} {check_team} {known_user} "
            + revoke.format(role="old")
            + " "
            + grant.format(role="p_role")
            + " UPDATE users SET role = p_role, team = p_team WHERE name = p_name; "
            + log.format(
                action="'user.role'",
                detail="format('%s: %s -> %s, team %s', p_name, old, p_role, "
                "coalesce(p_team, '-'))",
            )
            + " END"
        ),
        "padplanner_user_disable(p_name text)": (
            f"DECLARE old text; BEGIN {not_self} {known_user} "
            "EXECUTE format('ALTER ROLE %I NOLOGIN', p_name); "
            + revoke.format(role="old")
            + " UPDATE users SET active = false WHERE name = p_name; "
            + log.format(action="'user.disable'", detail="p_name")
            + " END"
        ),
        "padplanner_user_enable(p_name text)": (
            f"DECLARE old text; BEGIN {not_self} {known_user} "
            "EXECUTE format('ALTER ROLE %I LOGIN', p_name); "
            + grant.format(role="old")
            + " UPDATE users SET active = true WHERE name = p_name; "
            + log.format(action="'user.enable'", detail="p_name")
            + " END"
        ),
    }
    # a team lead hands a person over to another counsellor or team (and may then no longer
    # see them: a policy would refuse that, so the owner's function does it, and logs it)
    bodies["padplanner_assign(p_person text, p_team text, p_counsellor text)"] = (
        "DECLARE old_team text; old_counsellor text; BEGIN "
        "SELECT team, counsellor INTO old_team, old_counsellor FROM people "
        "WHERE id = p_person FOR UPDATE; IF NOT FOUND THEN "
        "RAISE EXCEPTION 'no such person: %', p_person USING ERRCODE = '22023'; END IF; "
        "IF old_team IS DISTINCT FROM (SELECT team FROM users WHERE name = session_user "
        "AND role = 'teamlead' AND active) THEN RAISE EXCEPTION "
        "'only the team lead of team % may reassign this person', old_team "
        "USING ERRCODE = '42501'; END IF; "
        "IF NOT EXISTS (SELECT 1 FROM teams WHERE id = p_team) THEN "
        "RAISE EXCEPTION 'unknown team: %', p_team USING ERRCODE = '22023'; END IF; "
        "IF p_counsellor IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users WHERE "
        "name = p_counsellor AND team = p_team AND active) THEN RAISE EXCEPTION "
        "'% is not an active user of team %', p_counsellor, p_team "
        "USING ERRCODE = '22023'; END IF; "
        "UPDATE people SET team = p_team, counsellor = p_counsellor WHERE id = p_person; "
        + log.format(
            action="'assign'",
            detail="format('%s (%s) -> %s (%s)', coalesce(old_counsellor, '-'), old_team, "
            "coalesce(p_counsellor, '-'), p_team)",
        ).replace("NULL, ", "p_person, ")
        + " END"
    )
    executors = {"padplanner_assign": groups["teamlead"]}
    for signature, body in bodies.items():
        _run(
            conn,
            f"CREATE OR REPLACE FUNCTION {signature} RETURNS void LANGUAGE plpgsql {definer} "
            f"AS $fn$ {body} $fn$",
        )
        _run(conn, f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        runner = executors.get(signature.split("(")[0], groups["admin"])
        _run(conn, f"GRANT EXECUTE ON FUNCTION {signature} TO {runner}")
    helper = "padplanner_may_share(text, text)"
    _run(conn, f"REVOKE ALL ON FUNCTION {helper} FROM PUBLIC")
    _run(
        conn, f"GRANT EXECUTE ON FUNCTION {helper} TO {groups['counsellor']}, {groups['teamlead']}"
    )
    _run(
        conn,
        "CREATE OR REPLACE VIEW research_counts AS SELECT municipality, route, phase, risk, "
        "count(*) AS people FROM people GROUP BY municipality, route, phase, risk "
        f"HAVING count(*) >= {MIN_GROUP}",
    )


def _log_triggers(conn: Connection, schema: str) -> None:
    """Who and when in the logs come from the database for every padplanner user."""
    _run(
        conn,
        "CREATE OR REPLACE FUNCTION padplanner_log_who() RETURNS trigger LANGUAGE plpgsql "
        f'SECURITY DEFINER SET search_path = "{schema}", pg_temp AS $$ BEGIN '
        "IF EXISTS (SELECT 1 FROM users WHERE name = session_user) THEN "
        "NEW.actor := session_user; NEW.at := clock_timestamp(); END IF; RETURN NEW; END $$",
    )
    for table in LOGS:
        _run(conn, f"DROP TRIGGER IF EXISTS {table}_who ON {table}")
        _run(
            conn,
            f"CREATE TRIGGER {table}_who BEFORE INSERT ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION padplanner_log_who()",
        )
