"""Planned against actual, risk flags, phase and the next milestone."""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest

from padplanner.store.derive import derive, status
from padplanner.store.events import (
    ComponentCompleted,
    ContactHeld,
    HoursAttended,
    TermEnded,
)
from padplanner.store.risk import PHASES, assess, compare, most_severe, next_milestone, phase


@pytest.fixture
def plan(planner, amal):
    return planner.plan(amal, at=amal.term_start)


def _first(plan):
    return min(plan.activities, key=lambda a: (a.start, a.id))


def _report(amal, plan, events, today, cadence=13):
    client = derive(amal, events, (), today)
    return assess(amal.id, 1, plan, client, events, status(events, today), today, cadence)


def test_expected_hours_follow_the_weeks_since_the_start(amal, plan):
    first = _first(plan)
    today = first.start + timedelta(weeks=4)
    rows = {r.activity: r for r in compare(plan, amal, [], today)}
    row = rows[first.id]
    assert row.expected_by_now == min(first.hours, first.hours_per_week * 4)
    assert row.attended == 0
    assert row.status == "behind"
    later = [a for a in plan.activities if a.start > today]
    assert all(rows[a.id].status == "planned" for a in later)


def test_attendance_makes_an_activity_on_track_ahead_or_done(amal, plan):
    first = _first(plan)
    today = first.start + timedelta(weeks=4)
    expected = min(first.hours, first.hours_per_week * 4)

    def state(hours):
        events = [HoursAttended(first.start + timedelta(days=3), first.module, hours)]
        return {r.activity: r for r in compare(plan, amal, events, today)}[first.id].status

    assert expected * 1.5 < first.hours  # room to be ahead without being done
    assert state(expected * 0.9) == "on-track"
    assert state(expected * 1.5) == "ahead"
    assert state(first.hours) == "done"


def test_hours_before_the_plan_was_made_do_not_count_against_it(amal, plan):
    first = _first(plan)
    today = first.start + timedelta(weeks=4)
    early = [HoursAttended(plan.reference_date - timedelta(days=10), first.module, 40)]
    rows = {r.activity: r for r in compare(plan, amal, early, today)}
    assert rows[first.id].attended == 0


def test_a_completed_component_marks_its_activity_done(amal, plan):
    pvt = plan.activity("pvt")
    today = pvt.end
    events = [ComponentCompleted(pvt.end - timedelta(days=1), "pvt")]
    client = derive(amal, events)
    rows = {r.activity: r for r in compare(plan, client, events, today)}
    assert rows["pvt"].status == "done"


def test_no_contact_for_longer_than_the_cadence(amal, plan):
    first = _first(plan)
    today = first.start + timedelta(weeks=2)
    quiet = amal.term_start + timedelta(weeks=14)
    assert "contact" not in _report(amal, plan, [], today).flags
    report = _report(amal, plan, [], quiet)
    assert "contact" in report.flags
    assert "cadence is every 13 weeks" in " ".join(report.explanations)
    talked = [ContactHeld(quiet - timedelta(weeks=1))]
    assert "contact" not in _report(amal, plan, talked, quiet).flags
    assert "contact" in _report(amal, plan, talked, quiet, cadence=0).flags


def test_behind_and_deadline_flags(amal, plan):
    first = _first(plan)
    today = first.start + timedelta(weeks=6)
    contact = [ContactHeld(today)]
    report = _report(amal, plan, contact, today)
    assert "behind" in report.flags
    assert report.missing_hours > 0
    on_time = [
        *contact,
        *[
            HoursAttended(first.start + timedelta(weeks=w), a.module, a.hours_per_week * 7)
            for a in plan.activities
            if a.start < today
            for w in (1,)
        ],
    ]
    assert "behind" not in _report(amal, plan, on_time, today).flags
    tight = attrs.evolve(plan, slack_weeks=3)
    report = _report(amal, tight, on_time, today)
    assert report.flags == ("deadline",)
    assert report.risk == "deadline"
    assert "3 weeks of slack" in report.explanations[0]


def test_missing_hours_can_put_the_deadline_at_risk(amal, plan):
    first = _first(plan)
    today = first.start + timedelta(weeks=30)
    report = _report(amal, attrs.evolve(plan, slack_weeks=12), [ContactHeld(today)], today)
    assert {"behind", "deadline"} <= set(report.flags)
    assert "needed to catch up" in " ".join(report.explanations)


def test_an_ended_term_has_no_risk(amal, plan):
    today = amal.term_start + timedelta(weeks=40)
    report = _report(amal, plan, [TermEnded(today - timedelta(days=1), "exempted")], today)
    assert report.flags == () and report.risk == "none"


def test_most_severe():
    assert most_severe(()) == "none"
    assert most_severe(("contact", "deadline", "behind")) == "deadline"
    assert most_severe(("contact",)) == "contact"


def test_phase_and_next_milestone(amal, plan):
    first = _first(plan)
    none = status([])
    assert phase(None, none, first.start) == "intake"
    running = [a.kind for a in plan.activities if a.start <= first.start < a.end]
    assert phase(plan, none, first.start) == min(running, key=PHASES.index)
    assert phase(plan, none, plan.reference_date - timedelta(days=30)) == "waiting"
    assert phase(plan, none, plan.completion_date + timedelta(days=1)) == "finished"
    done = attrs.evolve(plan, activities=())  # replanned when everything was done
    assert phase(done, none, plan.reference_date) == "finished"
    ended = status([TermEnded(first.start, "other")])
    assert phase(plan, ended, first.start) == "ended"
    upcoming = next_milestone(plan, plan.reference_date)
    assert upcoming == min((m.date, m.id) for m in plan.milestones)[::-1]
    assert next_milestone(plan, date(2100, 1, 1)) is None
