"""The plan screen's computations, without widgets: session edits, chains, comparisons."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from padplanner.clientfile import load_client
from padplanner.engine.adjust import Adjustments
from padplanner.engine.planner import Planner
from padplanner.errors import InputError, PlanningError
from padplanner.plugin import PluginInfo, hookimpl
from padplanner.plugins import PluginManager
from padplanner.tui.planning import (
    PlanSession,
    compare,
    decisions,
    dependency_chain,
    plan_start,
    week_of,
)

from .conftest import TODAY
from .test_flows import AMAL


@pytest.fixture
def session(tui_planner) -> PlanSession:
    session = PlanSession(tui_planner, load_client(AMAL), TODAY)
    session.replan()
    return session


def test_edits_replan_and_undo_restores(session):
    first = session.plan
    session.with_hours(24)
    assert session.plan.completion_date < first.completion_date
    session.with_days(("mon", "tue"))
    assert session.adjust == Adjustments(weekly_hours=24, days=("mon", "tue"))
    assert [e.kind for e in session.edits()] == ["hours", "days"]
    assert session.undo() and session.undo()
    assert session.plan.to_dict() == first.to_dict()
    assert not session.undo()


def test_a_failed_edit_leaves_the_session_as_it_was(tui_planner):
    class Fails:
        @hookimpl
        def padplanner_plugin_info(self):
            return PluginInfo("fails", "1", municipalities=("GM0034",))

        @hookimpl
        def padplanner_module_filter(self, client, module, ctx):
            if client.weekly_hours == 40:
                raise ValueError("40 hours is not a thing here")
            return None

    manager = PluginManager.default(entry_points=False)
    manager.register(Fails(), "fails")
    session = PlanSession(Planner(manager), load_client(AMAL), TODAY)
    plan = session.replan()
    with pytest.raises(PlanningError, match="fails"):
        session.with_hours(40)
    assert session.adjust == Adjustments() and session.plan is plan
    assert not session.can_undo


def test_an_edit_that_leaves_a_pin_without_its_module_is_refused_and_undone(session):
    """A pin the plan can no longer hold is an error naming the pin and the fix, and the
    session keeps the plan and the edits it had."""
    session.with_pin("wep-logistics", 20)
    pinned, adjust = session.plan, session.adjust
    with pytest.raises(InputError, match=r"pins\.wep-logistics: .*remove the pin"):
        session.with_sector("care")  # the logistics work placement is no longer needed
    assert session.plan is pinned and session.adjust == adjust


def test_route_choice_keeps_the_previous_route(session):
    session.with_route("z", "learnability test low")
    assert session.plan.route.id == "z"
    assert session.client.route.previous == "b1"
    assert session.edits()[-1].kind == "route"


def test_removal_of_the_only_provider_breaks_goals(session):
    assert session.removal_breaks_goals("knm")
    assert not session.removal_breaks_goals("nt2-writing-a0-a1")


def test_dependency_chain_is_transitive_and_listed_once(session):
    chain = dependency_chain(session.plan, "nt2-a2-b1-intensive")
    assert [(depth, a.id) for depth, a in chain] == [
        (0, "nt2-a1-a2-intensive"),
        (1, "nt2-writing-a0-a1"),
    ]
    assert dependency_chain(session.plan, "map") == []


def test_plan_start_and_weeks(session):
    plan = session.plan
    assert plan_start(plan) == TODAY
    assert week_of(plan, date(2026, 2, 2)) == 4


def test_compare_names_every_kind_of_change(session):
    old = session.plan
    session.with_removed("nt2-writing-a0-a1", "writes already")
    session.with_hours(8)
    changes = {c.key for c in compare(old, session.plan)}
    assert {"tui.change.completion", "tui.change.removed", "tui.change.finding_new"} <= changes
    assert compare(old, old) == []


def test_decisions_record_new_removals_and_restores():
    saved = Adjustments(remove={"a": "x"}, add={"b": "y"})
    now = Adjustments(remove={"c": "z"}, add={"b": "y"})
    got = [(d.kind, d.value, d.reason) for d in decisions(saved, now, "why")]
    assert got == [("remove", "c", "z"), ("restore", "a", "why")]


def test_reference_date_is_never_before_the_term_start(tui_planner):
    client = attrs.evolve(load_client(AMAL), term_start=date(2026, 3, 2))
    session = PlanSession(tui_planner, client, TODAY)
    assert session.at == date(2026, 3, 2)
