"""The calendar helpers of the public plugin API (``padplanner.plugin``)."""

from __future__ import annotations

from datetime import date

from padplanner import plugin
from padplanner.dates import add_months, every_weeks


def test_the_plugin_api_exposes_the_helpers():
    assert plugin.add_months is add_months
    assert plugin.every_weeks is every_weeks
    assert {"add_months", "every_weeks"} <= set(plugin.__all__)


def test_add_months_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)  # leap year
    assert add_months(date(2100, 1, 31), 1) == date(2100, 2, 28)  # not a leap year
    assert add_months(date(2000, 1, 31), 1) == date(2000, 2, 29)  # a leap year
    assert add_months(date(2025, 8, 31), 1) == date(2025, 9, 30)
    assert add_months(date(2027, 11, 15), 3) == date(2028, 2, 15)
    assert add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)
    assert add_months(date(2025, 1, 10), -13) == date(2023, 12, 10)
    assert add_months(date(2025, 1, 10), 0) == date(2025, 1, 10)


def test_every_weeks_steps_after_the_start_up_to_and_including_the_end():
    start = date(2025, 1, 6)
    assert every_weeks(start, date(2025, 3, 3), 4) == [date(2025, 2, 3), date(2025, 3, 3)]
    assert every_weeks(start, date(2025, 3, 2), 4) == [date(2025, 2, 3)]
    assert every_weeks(start, date(2025, 2, 2), 4) == []
    assert every_weeks(start, start, 1) == []


def test_job_start_is_the_end_of_the_last_work_placement():
    from padplanner import Planner
    from padplanner.plugin import job_start
    from padplanner.testing import build_client

    plan = Planner.default().plan(build_client({"work": {"goal": "logistics"}}))
    placements = [a for a in plan.activities if "work:logistics" in a.grants]
    assert placements and job_start(plan.activities) == max(a.end for a in placements)
    assert job_start([a for a in plan.activities if a not in placements]) is None
