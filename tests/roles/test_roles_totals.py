"""The count of everyone a login sees (the caseload's total) counts a team lead's own team
from the view ``led_team_size`` (with the owner's rights, from an index, not row by row) and
everything else under the policies: it must stay exactly what the policies let through, for
every role, also with people of another team that are shared with the lead or in the lead's
own caseload, and it must not let anyone count a team they do not lead."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from padplanner.store import rowsecurity

from .test_roles_access import raw_ids, refused
from .test_roles_plans import scans


def raw_one(deployment, short: str, sql: str):
    engine = deployment.raw(short)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).scalar()
    finally:
        engine.dispose()


def owner_sql(deployment, sql: str, **params) -> None:
    with deployment.store() as owner, owner.write() as conn:
        conn.execute(text(sql), params)


@pytest.mark.parametrize("short", ["anna", "bert", "cees", "lead", "lead_b"])
def test_the_total_is_what_the_policies_let_through(deployment, as_user, short):
    store = as_user(short)
    assert store.count_people() == len(raw_ids(deployment, short))
    with store.read() as conn:
        assert store.counts_led_team(conn)


def test_the_owner_counts_everyone_the_same_way(deployment):
    with deployment.store() as owner:
        assert owner.access.mode == "owner"
        assert owner.count_people() == 4
        with owner.read() as conn:
            assert owner.counts_led_team(conn)


@pytest.mark.parametrize(("short", "size"), [("lead", 3), ("lead_b", 1), ("anna", 0), ("cees", 0)])
def test_the_view_counts_only_the_team_the_caller_leads(deployment, short, size):
    assert raw_one(deployment, short, f"SELECT people FROM {rowsecurity.LED_VIEW}") == size


@pytest.mark.parametrize("short", ["ana", "adm", "aud"])
def test_other_roles_may_not_read_the_view(deployment, short):
    assert "permission denied" in refused(
        deployment, short, f"SELECT people FROM {rowsecurity.LED_VIEW}"
    )


def test_a_lead_counts_shared_people_and_their_own_caseload_from_another_team(deployment, as_user):
    lead, cees = deployment.login("lead"), as_user("cees")
    cees.share("p-b1", lead)  # team b's person, shared with team a's lead
    try:
        assert sorted(r.id for r in as_user("lead").list_people()) == [
            "p-a1",
            "p-a2",
            "p-a3",
            "p-b1",
        ]
        assert as_user("lead").count_people() == 4
        assert as_user("lead_b").count_people() == 1
    finally:
        cees.unshare("p-b1", lead)
    assert as_user("lead").count_people() == 3
    # in the lead's own caseload, though in another team (a counsellor who became a lead)
    owner_sql(deployment, "UPDATE people SET counsellor = :c WHERE id = 'p-b1'", c=lead)
    try:
        assert as_user("lead").count_people() == 4
        assert as_user("cees").count_people() == 0
    finally:
        owner_sql(
            deployment,
            "UPDATE people SET counsellor = :c WHERE id = 'p-b1'",
            c=deployment.login("cees"),
        )
    assert as_user("lead").count_people() == 3


def test_a_leads_team_is_counted_from_an_index_without_the_policy(deployment):
    engine = deployment.raw("lead")
    try:
        with engine.begin() as conn:
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            conn.execute(text("SET LOCAL enable_bitmapscan = off"))
            found = conn.execute(
                text(f"EXPLAIN (ANALYZE, FORMAT JSON) {rowsecurity.TOTAL}")
            ).scalar()
    finally:
        engine.dispose()
    nodes = scans(json.loads(json.dumps(found))[0]["Plan"])
    team = [n for n in nodes if "(team = " in n.get("Index Cond", "")]
    assert len(team) == 1 and team[0]["Actual Rows"] == 3
    assert team[0]["Node Type"] == "Index Only Scan" and "Filter" not in team[0]
    for node in nodes:  # the rest of the caseload: under the policy
        if node is not team[0] and node["Actual Loops"]:
            assert "Filter" in node, node


def test_roles_set_up_by_an_earlier_padplanner_count_without_the_view(deployment, as_user):
    owner_sql(deployment, f"DROP VIEW {rowsecurity.LED_VIEW}")
    try:
        lead = as_user("lead")
        assert lead.count_people() == 3
        with lead.read() as conn:
            assert not lead.counts_led_team(conn)
    finally:
        with deployment.store() as owner:  # db roles (and db migrate) make it again
            owner.setup_roles(deployment.prefix)
    lead = as_user("lead")
    assert lead.count_people() == 3
    with lead.read() as conn:
        assert lead.counts_led_team(conn)
