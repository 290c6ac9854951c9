"""The demo caseload's agenda looks like a counsellor's: the simulated counsellors amend the
plan after exams and after the decisions the law asks for, and hold the conversations and
job follow-ups, so what is open is a backlog of recent things, not every exam, decision and
follow-up since the term began."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from padplanner.agenda.collect import agenda
from padplanner.store import open_store
from padplanner.store.demo_counsel import REPLAN_DAYS
from padplanner.store.demo_fill import fill_demo

TODAY = date(2026, 12, 7)
PEOPLE = 200


@pytest.fixture(scope="module")
def demo(planner, tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(f"sqlite:///{path}")
    fill_demo(store, PEOPLE, 2025, today=TODAY, planner=planner)
    _, items = agenda(store, planner, TODAY, log=False)
    return store, items


def test_an_exam_is_amended_within_weeks_so_only_recent_ones_are_open(demo):
    store, items = demo
    exams = [i for i in items if i.kind == "exam"]
    assert all(i.due >= TODAY - timedelta(days=REPLAN_DAYS[1]) for i in exams), exams
    amended = [r for r in store.list_people(limit=PEOPLE) if r.revision > 1]
    assert len(amended) > PEOPLE // 3
    for row in amended[:40]:  # every exam but the recent ones came before the latest plan
        latest = store.latest_plan(row.id)[1]
        exams = [e.event.on for e in store.events(row.id) if e.event.kind == "exam"]
        old = [day for day in exams if day < TODAY - timedelta(days=REPLAN_DAYS[1])]
        assert all(day <= latest.reference_date for day in old), (row.id, old, latest)


def test_the_route_questions_the_law_asks_are_answered_within_weeks(demo):
    """The switch question and the A2 decision (the law's answers, as the agenda asks them)
    are taken in a conversation that amends the plan: only recent ones are open."""
    _, items = demo
    asked = [i for i in items if i.kind in ("switch-window", "a2-decision")]
    assert all(i.due >= TODAY - timedelta(days=REPLAN_DAYS[1]) for i in asked), asked


def test_the_job_follow_ups_are_mostly_held(demo):
    store, items = demo
    jobs = sum(
        1 for row in store.list_people(limit=PEOPLE) for e in store.events(row.id)
        if e.event.kind == "job-started"
    )  # fmt: skip
    open_ = [i for i in items if i.kind == "job-follow-up"]
    assert jobs >= 10 and len(open_) <= 0.25 * 2 * jobs


def test_the_agenda_is_a_backlog_of_tens_not_hundreds(demo):
    _, items = demo
    kinds = Counter(i.kind for i in items)
    assert len(items) <= 0.2 * PEOPLE, kinds
    assert kinds["exam"] <= 0.05 * PEOPLE, kinds
    assert kinds["progress"] + kinds["map-final"] <= 0.12 * PEOPLE, kinds
