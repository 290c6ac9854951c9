"""One diff of two plans, read by ``history``, the TUI and ``compare``."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from padplanner.clientfile import load_client
from padplanner.engine.adjust import Adjustments
from padplanner.model.diff import diff_plans

AMAL = Path(__file__).resolve().parents[1] / "examples" / "clients" / "amal.toml"


@pytest.fixture(scope="module")
def plans(planner):
    # 12 h a week: the regular (not the intensive) courses before and after, so KNM is the one
    # module that goes
    client = attrs.evolve(load_client(AMAL), weekly_hours=12)
    before = planner.plan(client)
    after = planner.plan(client, adjust=Adjustments(remove={"knm": "later"}, weekly_hours=10))
    return before, after


def test_the_same_plan_differs_in_nothing(plans):
    before, _ = plans
    diff = diff_plans(before, before)
    assert not diff and diff.lines() == []


def test_a_removed_module_and_fewer_hours_a_week(plans):
    before, after = plans
    diff = diff_plans(before, after)
    assert diff
    gone = [d for d in diff.activities if d.removed]
    assert [d.id for d in gone] == ["knm"] and gone[0].old is before.activity("knm")
    changed = [d for d in diff.activities if not d.added and not d.removed]
    assert changed and all(d.changed() for d in changed)
    assert {"completion_date", "total_hours"} <= set(diff.facts)
    assert diff.facts["total_hours"] == (before.total_hours, after.total_hours)
    lines = diff.lines()
    assert f"- knm (was {before.activity('knm').start.isoformat()}," in "\n".join(lines)
    assert any(line.startswith("~ ") and "h/week" in line for line in lines)
    # the other way round: the module comes back
    back = diff_plans(after, before)
    assert [d.id for d in back.activities if d.added] == ["knm"]
    assert back.findings_new == diff.findings_gone


def test_activities_are_paired_by_id_in_the_new_plans_order_then_the_removed(plans):
    before, after = plans
    ids = [d.id for d in diff_plans(before, after).activities]
    kept = [a.id for a in after.activities if a.id in ids]
    assert ids == [*kept, "knm"]


def test_goals_pair_by_competency_name(plans):
    before, _ = plans
    lower = [
        attrs.evolve(g, competency="speaking>=A2") if g.competency.startswith("speaking") else g
        for g in before.goals
    ]
    assert lower != list(before.goals)
    diff = diff_plans(before, attrs.evolve(before, goals=lower))
    assert [(g.name, g.new.competency) for g in diff.goals] == [("speaking", "speaking>=A2")]
    assert diff.goals[0].old.competency.startswith("speaking>=")


def test_check_ins_differ_per_kind(plans):
    before, _ = plans
    first, *rest = before.check_ins
    later = attrs.evolve(first, date=first.date.replace(year=first.date.year + 1))
    diff = diff_plans(before, attrs.evolve(before, check_ins=[later, *rest]))
    assert [c.kind for c in diff.check_ins] == [first.kind]
