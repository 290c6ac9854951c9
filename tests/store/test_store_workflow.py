"""Replanning from the recorded progress, and moving to another municipality."""

from __future__ import annotations

from datetime import date

import pytest

from padplanner.errors import InputError
from padplanner.model import Level, Reason
from padplanner.plugin import RouteAdvice, hookimpl
from padplanner.plugins import PluginInfo
from padplanner.store import (
    ComponentCompleted,
    ContactHeld,
    Decision,
    ExamResult,
    HoursAttended,
    StaleRevision,
    TermEnded,
)


def test_replan_starts_today_from_the_derived_state(store, planned, planner):
    _, first = store.latest_plan(planned.id)
    store.record_event(planned.id, ComponentCompleted(date(2025, 11, 3), "pvt"), "j")
    store.record_event(planned.id, ExamResult(date(2025, 12, 1), "speaking", Level.A2), "j")
    number = store.replan(planned.id, planner, "j.jansen", today=date(2026, 1, 5))
    assert number == 2
    revision = store.revisions(planned.id)[-1]
    assert revision.author == "j.jansen"
    assert revision.reason == "replanned on 2026-01-05 from the progress recorded"
    plan = revision.plan
    assert plan.reference_date == date(2026, 1, 5)
    assert min(a.start for a in plan.activities) >= date(2026, 1, 5)
    assert "pvt" in {a.module for a in first.activities}
    assert "pvt" not in {a.module for a in plan.activities}  # done already
    derived = store.current_client(planned.id, at=date(2026, 1, 5))
    assert plan.to_json() == planner.plan(derived, at=date(2026, 1, 5), draws=1000).to_json()
    assert plan.on_time is not None  # a saved revision carries its chance to finish on time


def test_replan_counts_the_hours_already_attended(store, planned, planner):
    _, first = store.latest_plan(planned.id)
    language = next(a for a in first.activities if a.kind == "language")
    store.record_event(planned.id, HoursAttended(date(2025, 12, 1), language.module, 40), "j")
    store.replan(planned.id, planner, "j", today=date(2026, 1, 5))
    _, plan = store.latest_plan(planned.id)
    again = plan.activity(language.id)
    assert any(r.text == "40 h already done" for r in again.reasons)
    assert again.hours_range[1] < language.hours_range[1]


def test_replan_keeps_module_decisions_and_drops_old_pins(store, planned, planner):
    from padplanner.engine.adjust import Adjustments

    store.save_plan(
        planned.id,
        planner.plan(planned, adjust=Adjustments(pins={"knm": 30})),
        "j",
        "knm later",
        1,
        Adjustments(pins={"knm": 30}),
    )
    store.decide(
        planned.id,
        Decision("remove", "values-series", "follows a series at the community centre"),
        "j",
    )
    store.replan(planned.id, planner, "j", today=date(2026, 1, 5))
    latest = store.revisions(planned.id)[-1]
    assert latest.adjustments == {
        "remove": {"values-series": "follows a series at the community centre"}
    }
    assert "values-series" not in {a.module for a in latest.plan.activities}


def test_replan_carries_edits_past_keys_it_does_not_know(store, planned, planner):
    # a revision saved by a later padplanner (an edit this version has no field for): the
    # person can still be replanned, with the edits this version knows carried over
    saved = {"remove": {"values-series": "follows a series elsewhere"}, "breaks": [12, 13]}
    plan = planner.plan(planned)
    store.save_plan(planned.id, plan, "j", "edited elsewhere", 1, saved)
    assert store.replan(planned.id, planner, "j", today=date(2026, 1, 5)) == 3
    latest = store.revisions(planned.id)[-1]
    assert latest.adjustments == {"remove": {"values-series": "follows a series elsewhere"}}
    assert store.revisions(planned.id)[-2].adjustments == saved  # revisions are immutable


def test_replan_on_a_stale_base_is_refused(store, planned, planner, monkeypatch):
    original = planner.plan

    def slow_plan(*args, **kwargs):  # someone saves while we plan
        plan = original(*args, **kwargs)
        if not getattr(slow_plan, "done", False):
            slow_plan.done = True
            store.save_plan(planned.id, original(planned), "k.de.vries", "meanwhile", 1)
        return plan

    monkeypatch.setattr(planner, "plan", slow_plan)
    with pytest.raises(StaleRevision, match=r"k\.de\.vries"):
        store.replan(planned.id, planner, "j", today=date(2026, 1, 5))
    assert [r.author for r in store.revisions(planned.id)] == ["j.jansen", "k.de.vries"]


def test_no_replan_after_the_term_ended(store, planned, planner):
    store.record_event(planned.id, TermEnded(date(2025, 12, 1), "exempted"), "j")
    with pytest.raises(InputError, match="term ended"):
        store.replan(planned.id, planner, "j", today=date(2026, 1, 5))


class ZRouteTown:
    """A municipality (GM9999) whose rules would put everyone on the Z-route."""

    @hookimpl
    def padplanner_plugin_info(self):
        return PluginInfo("ztown", "1.0", municipalities=("GM9999",))

    @hookimpl
    def padplanner_route(self, client, ctx):
        return RouteAdvice("z", (Reason("ztown.route", "Everyone on the Z-route here", ()),))


class LateZ:
    """Amal's municipality (GM0034) advising the Z-route from 2027 on (as if her hours fell)."""

    @hookimpl
    def padplanner_plugin_info(self):
        return PluginInfo("latez", "1.0", municipalities=("GM0034",))

    @hookimpl
    def padplanner_route(self, client, ctx):
        if ctx.reference_date >= date(2027, 1, 1):
            return RouteAdvice("z", (Reason("latez.route", "Z-route from 2027", ()),))
        return None


@pytest.mark.parametrize(
    ("today", "route", "kept"),
    [
        (date(2027, 2, 1), "z", False),  # 17 months into the term (2025-09-01): may switch
        (date(2027, 3, 2), "b1", True),  # 18 months and a day: too late, the route stays
    ],
)
def test_a_replan_after_the_switch_window_keeps_the_route(
    store, amal, plugin_planner, today, route, kept
):
    planner = plugin_planner(LateZ())
    store.add_person(amal, "j")
    store.save_plan(amal.id, planner.plan(amal, at=date(2025, 9, 1)), "j", "intake", 0)
    store.replan(amal.id, planner, "k.de.vries", today=today)
    plan = store.revisions(amal.id)[-1].plan
    assert plan.route.id == route
    assert not any(f.rule == "wi2021.route.switch_late" for f in plan.findings)
    assert store.decisions(amal.id) == []  # the engine keeps the route; nobody decided it
    if not kept:
        return
    kept_reason, closed = plan.route.reasons
    assert kept_reason.rule == "padplanner.route.kept"
    assert dict(kept_reason.values) == {"route": "b1", "advised": "z"}
    assert closed.rule == "wi2021.route.switch_closed" and "until 2027-03-01" in closed.text
    # the next replan keeps it again, from the revision before it
    store.replan(amal.id, planner, "k.de.vries", today=date(2027, 4, 1))
    assert store.revisions(amal.id)[-1].plan.route.id == "b1"
    assert store.decisions(amal.id) == []


def test_a_move_keeps_the_route_and_replans_under_the_new_municipality(store, amal, plugin_planner):
    planner = plugin_planner(ZRouteTown())
    assert planner.plan(amal, municipality="GM9999").route.id == "z"  # what the town would do
    store.add_person(amal, "j")
    store.save_plan(amal.id, planner.plan(amal), "j", "intake", 0)
    store.record_event(amal.id, ContactHeld(date(2025, 12, 1)), "j")
    number = store.move(amal.id, "GM9999", planner, "k.de.vries", today=date(2026, 1, 5))
    assert number == 2
    latest = store.revisions(amal.id)[-1]
    assert latest.reason == "moved from GM0034 to GM9999 on 2026-01-05"
    assert latest.plan.municipality == "GM9999"
    assert latest.plan.route.id == "b1"
    assert latest.plan.route.reasons[0].rule == "counsellor.route"
    assert "a move does not change the route" in latest.plan.route.reasons[0].text
    assert not any(f.rule == "wi2021.route.switch_late" for f in latest.plan.findings)
    (decision,) = store.decisions(amal.id)
    assert (decision.decision.kind, decision.decision.value) == ("route", "b1")
    assert store.current_client(amal.id).municipality == "GM9999"
    assert store.list_people()[0].municipality == "GM9999"
    assert store.events(amal.id)[-1].event.kind == "moved"
    with pytest.raises(InputError, match="already in GM9999"):
        store.move(amal.id, "GM9999", planner, "j", today=date(2026, 2, 1))


def test_a_failed_move_changes_nothing(store, planned, planner):
    from storehelp import counts

    before = counts(store)
    with pytest.raises(InputError, match="municipality"):
        store.move(planned.id, "Almere", planner, "j", today=date(2026, 1, 5))
    assert counts(store) == before
