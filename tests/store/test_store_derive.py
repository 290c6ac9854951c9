"""The derived state: the intake with events and decisions applied, as a pure function."""

from __future__ import annotations

from datetime import date

import pytest

from padplanner.engine.adjust import Adjustments
from padplanner.model import Level
from padplanner.store.derive import derive, module_adjustments, status
from padplanner.store.events import (
    ComponentCompleted,
    ContactHeld,
    Decision,
    ExamResult,
    ExtensionGranted,
    HoursAttended,
    JobEnded,
    JobStarted,
    Moved,
    PlacementEnded,
    PlacementStarted,
    TermEnded,
)


def test_no_events_gives_the_intake(amal):
    assert derive(amal, []) == amal


def test_hours_add_up_per_module(amal):
    got = derive(
        amal,
        [
            HoursAttended(date(2025, 10, 6), "nt2-a0-a1", 12),
            HoursAttended(date(2025, 10, 13), "nt2-a0-a1", 10.5),
            HoursAttended(date(2025, 10, 13), "pvt", 4),
        ],
    )
    assert got.progress.hours_done == {"nt2-a0-a1": 22.5, "pvt": 4.0}
    assert amal.progress.hours_done == {}  # the intake is untouched (frozen, new object)


def test_passed_exams_raise_levels_and_never_lower_them(amal):
    got = derive(
        amal,
        [
            ExamResult(date(2025, 12, 1), "reading", Level.A2),
            ExamResult(date(2025, 12, 2), "speaking", Level.B1, passed=False),
            ExamResult(date(2026, 1, 2), "reading", Level.A1),  # a lower exam later
        ],
    )
    assert got.levels.reading == Level.A2
    assert got.levels.speaking == amal.levels.speaking


def test_components_placements_and_jobs(amal):
    got = derive(
        amal,
        [
            ComponentCompleted(date(2025, 11, 1), "pvt"),
            ComponentCompleted(date(2025, 11, 2), "knm"),
            ComponentCompleted(date(2025, 11, 2), "knm"),
            ComponentCompleted(date(2025, 11, 3), "diploma-evaluated"),
            PlacementStarted(date(2026, 1, 5), "care"),
            PlacementEnded(date(2026, 4, 5), "care"),
            PlacementStarted(date(2026, 5, 1), "retail"),
            PlacementEnded(date(2026, 5, 9), "retail", completed=False),
        ],
    )
    assert got.progress.completed == ("pvt", "knm", "work:care")
    assert got.work.diploma_evaluated
    assert got.work.experience == ("retail", "care")


def test_a_job_changes_the_hours_left_until_it_ends(amal):
    started = [JobStarted(date(2026, 2, 1), "logistics", 24, path_hours=6)]
    got = derive(amal, started)
    assert got.weekly_hours == 6
    assert "work:logistics" in got.progress.completed
    assert "logistics" in got.work.experience
    ended = derive(amal, [*started, JobEnded(date(2026, 6, 1))])
    assert ended.weekly_hours == amal.weekly_hours


def test_extensions_add_up_and_birth_is_16_weeks(amal):
    got = derive(
        amal,
        [
            ExtensionGranted.birth(date(2026, 3, 1)),
            ExtensionGranted(date(2026, 9, 1), 10, "illness"),
        ],
    )
    assert got.progress.extensions_weeks == 26


def test_moves_and_the_date_filter(amal):
    events = [Moved(date(2026, 2, 1), "GM0363"), Moved(date(2026, 6, 1), "GM0599")]
    assert derive(amal, events).municipality == "GM0599"
    assert derive(amal, events, at=date(2026, 3, 1)).municipality == "GM0363"
    assert derive(amal, events, at=date(2026, 1, 1)).municipality == amal.municipality


def test_events_apply_in_date_order_whatever_the_recording_order(amal):
    events = [
        JobEnded(date(2026, 6, 1)),
        JobStarted(date(2026, 2, 1), "care", 24, path_hours=4),
    ]
    assert derive(amal, events).weekly_hours == amal.weekly_hours


def test_the_last_route_decision_wins_with_its_reason_and_previous_route(amal):
    got = derive(
        amal,
        [],
        [
            Decision("route", "z", "LBT low and the intake agrees", previous="b1"),
            Decision("route", "b1", "Progress far better than expected", previous="z"),
        ],
    )
    assert got.route.choice == "b1"
    assert got.route.previous == "z"
    assert got.route.reason == "Progress far better than expected"


def test_module_decisions_become_adjustments():
    base = Adjustments(pins={"knm": 4}, weekly_hours=12)
    got = module_adjustments(
        [
            Decision("remove", "values-series", "attended elsewhere"),
            Decision("add", "taalmaatje-speaking", "needs practice"),
            Decision("remove", "pvt", "x"),
            Decision("restore", "pvt", "mistake"),
        ],
        base,
    )
    assert got.remove == {"values-series": "attended elsewhere"}
    assert got.add == {"taalmaatje-speaking": "needs practice"}
    assert got.pins == {"knm": 4} and got.weekly_hours == 12


def test_status_tracks_contact_placement_job_and_the_end():
    events = [
        ContactHeld(date(2025, 12, 1)),
        PlacementStarted(date(2026, 1, 5), "care"),
        JobStarted(date(2026, 3, 1), "care", 24),
        ContactHeld(date(2026, 3, 2)),
        TermEnded(date(2028, 9, 1), "completed"),
    ]
    now = status(events, date(2026, 4, 1))
    assert now.last_contact == date(2026, 3, 2)
    assert now.in_placement == "care" and now.in_job == "care"
    assert now.ended is None
    assert status(events).ended == date(2028, 9, 1)
    assert status(events).outcome == "completed"


@pytest.mark.parametrize("skill", ["reading", "listening", "writing", "speaking"])
def test_every_skill_can_be_raised(amal, skill):
    got = derive(amal, [ExamResult(date(2026, 1, 1), skill, Level.B1)])
    assert got.levels.get(skill) == Level.B1
