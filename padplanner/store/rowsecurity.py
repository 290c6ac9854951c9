"""Row-level security on PostgreSQL: the policies on people and their records, the copies of
team and counsellor they read, and the indexes that let them cost little. Set up by
``roles.setup`` (``padplanner db roles``, and again by every ``db migrate``), idempotent.

Who sees a person: their counsellor, whoever it is shared with, and (a team lead) everyone in
the lead's team. Each group has its own policies, so a counsellor's are not burdened with the
team test and a team lead's test their team first (for a lead it settles nearly every row).

Written so the planner does the work once per statement, not once per row:

- the caller's login and team are sub-selects, ``(SELECT current_user::text)`` and
  ``(SELECT padplanner_lead_team())``: each is an *InitPlan*, evaluated once and then compared
  as a constant (``current_user`` itself looks the role's name up again for every row);
- the people shared with the caller are one hashed sub-select, read once, through a function
  (``padplanner_shared_with_me``, as the caller): the statement is planned without the table
  ``shares`` and its own policy, and the function keeps its plan for the session (so does
  ``padplanner_lead_team``);
- revisions, events and decisions carry copies of their person's team and counsellor (kept by
  the triggers below), so their policies read the row itself and never look the person up;
- the caseload's indexes that counts and searches read carry ``team`` and ``counsellor`` too
  (``INCLUDE``, so their order and use are unchanged): a team lead's count is read from an index
  alone, as the owner's is, instead of visiting every row of the table for the policy's columns.
  Without them a count of 36,100 people cost a team lead 60-77 % more than the owner; the
  figures are in ``docs/store.md``;
- even so, a count reads every row the policy lets through *and tests it*: an OR of three
  tests is never an index condition (PostgreSQL 15 combines OR'ed index conditions only in a
  bitmap scan, which visits the table), and testing 36,100 rows costs about half as much again
  as counting them. So the count of everyone (``TOTAL``, the caseload's total) counts a team
  lead's own team with the owner's rights, in a view (``LED_VIEW``), from a small index on
  ``team`` alone: every row of that team passes the lead's policy by its first test
  (``TEAM``), and the view counts nothing else, for nobody else (the team comes from the
  caller's own row in ``users``, as in the policy). The rest of the caseload, the teams before
  and after the lead's, is counted under the policies; anyone who leads no team counts
  everything under them, as before. The owner runs the same statement.
"""

from __future__ import annotations

from sqlalchemy import Connection

from padplanner.store.schema import people

CHILD_TABLES = ("revisions", "events", "decisions")
POLICY_TABLES = ("people", "shares", *CHILD_TABLES)

# index of the caseload -> the columns it carries beside its own: the policy's columns (and
# ``id``, which the shares test reads, where the index does not have it already)
# (``ix_people_risk``, on ``risk`` alone, is left as it is: few distinct values make it a tiny
# deduplicated index, the one the owner's count of everyone reads; a column included would end
# that. A team lead's count by risk reads ``ix_people_team``, which includes ``risk``.)
COVERING: dict[str, tuple[str, ...]] = {
    "ix_people_team": ("counsellor", "risk"),  # the count of everyone, and by risk
    "ix_people_municipality": ("team", "counsellor"),
    "ix_people_name_key": ("team", "counsellor"),  # searches
    "ix_people_route": ("team", "counsellor"),
    "ix_people_phase": ("team", "counsellor"),
}

ME = "(SELECT current_user::text)"
LED = "(SELECT padplanner_lead_team())"
TEAM = f"team = {LED}"  # a team lead's first test, which admits their whole team

# the size of the team the caller leads (0 for anyone else), counted with the owner's rights
# (a view does: ``security_invoker`` is off) from the index on ``team`` alone
LED_VIEW = "led_team_size"
TEAM_INDEX = "ix_people_team_size"
# everyone the caller sees, as ``SELECT count(*) FROM people`` under the policies, but with
# a team lead's own team counted from ``LED_VIEW``: every row of it passes the lead's policy
# (its first test, ``TEAM``), so it is not tested row by row; the rest of the caseload
# (``team`` before or after the lead's, an index range each) is counted under the policies.
# Anyone else (``padplanner_lead_team()`` is NULL) counts under the policies as before.
TOTAL = (
    "WITH led AS (SELECT padplanner_lead_team() AS team) "
    "SELECT CASE WHEN (SELECT team FROM led) IS NULL THEN (SELECT count(*) FROM people) "
    f"ELSE (SELECT people FROM {LED_VIEW}) "
    "+ (SELECT count(*) FROM people WHERE team < (SELECT team FROM led)) "
    "+ (SELECT count(*) FROM people WHERE team > (SELECT team FROM led)) END"
)


def _run(conn: Connection, sql: str):
    return conn.exec_driver_sql(sql.replace("%", "%%"))


def apply(conn: Connection, schema: str, owner: str, groups: dict[str, str]) -> None:
    """Policies, copies and covering indexes, brought up to date."""
    _policies(conn, owner, groups)
    _copies(conn, schema)
    _covering(conn)
    _led_team(conn, groups)


def offers_total(conn: Connection) -> bool:
    """Whether this login may count with ``TOTAL`` (the roles were set up by a padplanner
    that made ``LED_VIEW``)."""
    return bool(
        _run(
            conn,
            f"SELECT coalesce(has_table_privilege(to_regclass('{LED_VIEW}'), 'SELECT'), false)",
        ).scalar()
    )


def visible(key: str, lead: bool) -> str:
    """The test a row passes for a counsellor (``lead`` false) or a team lead; ``key`` is the
    column holding the person's id."""
    shared = f"{key} IN (SELECT padplanner_shared_with_me())"
    own = f"counsellor = {ME} OR {shared}"
    return f"{TEAM} OR {own}" if lead else own


def _policies(conn: Connection, owner: str, groups: dict[str, str]) -> None:
    counsellor, lead = groups["counsellor"], groups["teamlead"]
    casework = f"{counsellor}, {lead}"
    own, team = visible("id", lead=False), visible("id", lead=True)
    policies: dict[str, list[str]] = {
        "people": [
            f"pp_see ON people FOR SELECT TO {counsellor} USING ({own})",
            f"pp_see_lead ON people FOR SELECT TO {lead} USING ({team})",
            f"pp_add ON people FOR INSERT TO {counsellor} WITH CHECK "
            f"(counsellor = {ME} AND team = (SELECT padplanner_my_team()))",
            f"pp_add_lead ON people FOR INSERT TO {lead} WITH CHECK (team = {LED})",
            # team and counsellor change only through padplanner_assign (a team lead's)
            f"pp_change ON people FOR UPDATE TO {counsellor} USING ({own}) WITH CHECK ({own})",
            f"pp_change_lead ON people FOR UPDATE TO {lead} USING ({team}) WITH CHECK ({team})",
        ],
        "shares": [
            f"pp_see ON shares FOR SELECT TO {casework} "
            "USING (user_name = current_user OR granted_by = current_user)",
            f"pp_add ON shares FOR INSERT TO {casework} WITH CHECK "
            "(granted_by = current_user AND padplanner_may_share(person_id, current_user))",
            f"pp_remove ON shares FOR DELETE TO {casework} USING (user_name = current_user "
            "OR granted_by = current_user OR padplanner_may_share(person_id, current_user))",
        ],
    }
    own, team = visible("person_id", lead=False), visible("person_id", lead=True)
    for table in CHILD_TABLES:
        policies[table] = [
            f"pp_see ON {table} FOR SELECT TO {counsellor} USING ({own})",
            f"pp_see_lead ON {table} FOR SELECT TO {lead} USING ({team})",
            f"pp_add ON {table} FOR INSERT TO {counsellor} WITH CHECK ({own})",
            f"pp_add_lead ON {table} FOR INSERT TO {lead} WITH CHECK ({team})",
        ]
    for table in POLICY_TABLES:
        found = _run(
            conn,
            "SELECT policyname FROM pg_policies WHERE schemaname = current_schema() "
            f"AND tablename = '{table}'",
        ).scalars()
        for name in list(found):
            _run(conn, f'DROP POLICY "{name}" ON {table}')
        _run(conn, f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        _run(conn, f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        _run(
            conn, f'CREATE POLICY owner_all ON {table} TO "{owner}" USING (true) WITH CHECK (true)'
        )
        for statement in policies[table]:
            _run(conn, f"CREATE POLICY {statement}")


def _covering(conn: Connection) -> None:
    """The caseload's indexes in ``COVERING`` rebuilt with the policy's columns included,
    unless they already are (their key columns as the head schema declares them)."""
    declared = {index.name: [c.name for c in index.columns] for index in people.indexes}
    for name, carried in COVERING.items():
        found = _run(
            conn,
            "SELECT pg_get_indexdef(c.oid) FROM pg_class c JOIN pg_namespace n "
            f"ON n.oid = c.relnamespace WHERE c.relname = '{name}' "
            "AND n.nspname = current_schema()",
        ).scalar()
        wanted = f"INCLUDE ({', '.join(carried)})"
        if found is not None and found.endswith(wanted):
            continue
        _run(conn, f"DROP INDEX IF EXISTS {name}")
        _run(conn, f"CREATE INDEX {name} ON people ({', '.join(declared[name])}) {wanted}")


def _led_team(conn: Connection, groups: dict[str, str]) -> None:
    """``LED_VIEW`` and the small index it reads (one key per team: deduplicated, about as
    small as the owner's count reads)."""
    _run(conn, f"CREATE INDEX IF NOT EXISTS {TEAM_INDEX} ON people (team)")
    _run(
        conn,
        f"CREATE OR REPLACE VIEW {LED_VIEW} WITH (security_barrier) AS "
        f"SELECT count(*) AS people FROM people WHERE {TEAM}",
    )
    _run(conn, f"GRANT SELECT ON {LED_VIEW} TO {groups['counsellor']}, {groups['teamlead']}")


def _copies(conn: Connection, schema: str) -> None:
    """Revisions, events and decisions carry their person's team and counsellor: set on
    insert from the person (whatever the inserting client wrote), rewritten when the person
    is reassigned, and brought in line now."""
    definer = f'SECURITY DEFINER SET search_path = "{schema}", pg_temp'
    _run(
        conn,
        "CREATE OR REPLACE FUNCTION padplanner_copy_owner() RETURNS trigger LANGUAGE plpgsql "
        f"{definer} AS $$ BEGIN SELECT p.team, p.counsellor INTO NEW.team, NEW.counsellor "
        "FROM people p WHERE p.id = NEW.person_id; RETURN NEW; END $$",
    )
    updates = " ".join(
        f"UPDATE {t} SET team = NEW.team, counsellor = NEW.counsellor WHERE person_id = NEW.id;"
        for t in CHILD_TABLES
    )
    _run(
        conn,
        "CREATE OR REPLACE FUNCTION padplanner_reassigned() RETURNS trigger LANGUAGE plpgsql "
        f"{definer} AS $$ BEGIN {updates} RETURN NEW; END $$",
    )
    for table in CHILD_TABLES:
        _run(conn, f"DROP TRIGGER IF EXISTS {table}_owner ON {table}")
        _run(
            conn,
            f"CREATE TRIGGER {table}_owner BEFORE INSERT ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION padplanner_copy_owner()",
        )
        _run(
            conn,
            f"UPDATE {table} c SET team = p.team, counsellor = p.counsellor FROM people p "
            "WHERE p.id = c.person_id AND (c.team IS DISTINCT FROM p.team "
            "OR c.counsellor IS DISTINCT FROM p.counsellor)",
        )
    _run(conn, "DROP TRIGGER IF EXISTS people_reassigned ON people")
    _run(
        conn,
        "CREATE TRIGGER people_reassigned AFTER UPDATE OF team, counsellor ON people "
        "FOR EACH ROW WHEN (OLD.team IS DISTINCT FROM NEW.team "
        "OR OLD.counsellor IS DISTINCT FROM NEW.counsellor) "
        "EXECUTE FUNCTION padplanner_reassigned()",
    )
