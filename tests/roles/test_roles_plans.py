"""The policies are written so they cost little: what PostgreSQL plans for a team lead's and a
counsellor's counts. (How much they cost is measured in ``benchmarks/store_bench.py``; here
the shape of the plan is checked, which does not depend on the machine.)

- The caller's login and team are worked out once per statement (an InitPlan), not once per
  row: the filter on the rows of ``people`` compares with parameters, never ``CURRENT_USER``.
- The indexes a count reads carry the policy's columns, so a count is read from an index
  alone, as the owner's is, without visiting the table for ``team`` and ``counsellor``.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

COUNTS = {
    "everyone": "SELECT count(*) FROM people",
    "one municipality": "SELECT count(*) FROM people WHERE municipality = 'GM0034'",
    "one route": "SELECT count(*) FROM people WHERE route = 'b1'",
    "one phase": "SELECT count(*) FROM people WHERE phase = 'intake'",
    "at risk": "SELECT count(*) FROM people WHERE risk <> 'none'",
    "a search": "SELECT count(*) FROM people WHERE name_key LIKE '%person%' OR id ILIKE '%p-a%'",
}


def scans(node: dict) -> list[dict]:
    """Every node of a JSON plan that reads ``people``."""
    found = [node] if node.get("Relation Name") == "people" else []
    for child in node.get("Plans", []):
        found += scans(child)
    return found


def plan(deployment, short: str, sql: str) -> dict:
    engine = deployment.raw(short)
    try:
        with engine.begin() as conn:
            # four people: without this the planner rightly reads the table; with it, it
            # reads an index alone when one holds every column the query and policy need
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            conn.execute(text("SET LOCAL enable_bitmapscan = off"))
            return json.loads(
                json.dumps(conn.execute(text(f"EXPLAIN (FORMAT JSON) {sql}")).scalar())
            )[0]["Plan"]
    finally:
        engine.dispose()


@pytest.mark.parametrize("short", ["lead", "anna"])
@pytest.mark.parametrize("what", list(COUNTS))
def test_a_count_reads_an_index_alone_and_the_caller_once(deployment, short, what):
    found = scans(plan(deployment, short, COUNTS[what]))
    assert found, "no scan of people"
    for node in found:
        assert node["Node Type"] == "Index Only Scan", (what, node["Node Type"])
        assert "CURRENT_USER" not in node.get("Filter", "").upper(), node.get("Filter")


def test_a_team_leads_policy_tests_the_team_first(deployment):
    """For a team lead the team settles nearly every row; it is tested first."""
    (node,) = scans(plan(deployment, "lead", COUNTS["everyone"]))
    assert node["Filter"].startswith("(((team)::text = ")


def index_oids(deployment) -> dict[str, int]:
    engine = deployment.raw("lead")
    try:
        with engine.connect() as conn:
            return dict(
                conn.execute(
                    text(
                        "SELECT relname, oid FROM pg_class WHERE relkind = 'i' "
                        "AND relnamespace = current_schema()::regnamespace"
                    )
                ).all()
            )
    finally:
        engine.dispose()


def test_setting_the_roles_up_again_rebuilds_no_index(deployment):
    before = index_oids(deployment)
    assert "ix_people_municipality" in before
    with deployment.store() as owner:
        owner.setup_roles(deployment.prefix)
    assert index_oids(deployment) == before
