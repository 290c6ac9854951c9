"""Check-ins: progress conversations at the dated cadence, the MAP final interview, job follow-up."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from padplanner.dates import add_months
from padplanner.plugin import CheckIn, PluginInfo, Reason, hookimpl


def dates(plan, kind: str) -> list[date]:
    return [c.date for c in plan.check_ins if c.kind == kind]


def test_progress_conversations_every_13_weeks_from_the_first_activity(planner, make_client):
    plan = planner.plan(make_client())
    progress = dates(plan, "progress")
    first = min(a.start for a in plan.activities)
    assert progress[0] == first + timedelta(weeks=13)
    assert all(b - a == timedelta(weeks=13) for a, b in pairwise(progress))
    assert progress[-1] <= plan.completion_date < progress[-1] + timedelta(weeks=13)
    reason = next(c.reasons[0] for c in plan.check_ins if c.kind == "progress")
    assert reason.rule == "wi2021.checkins.progress" and "every 13 weeks" in reason.text
    assert plan.check_ins == tuple(sorted(plan.check_ins, key=lambda c: (c.date, c.kind)))


def test_the_map_ends_with_a_final_interview(planner, make_client):
    plan = planner.plan(make_client())
    assert dates(plan, "map-final") == [plan.activity("map").end]


def test_job_follow_up_after_the_placement(planner, make_client):
    plan = planner.plan(make_client(work={"goal": "retail"}))
    job = plan.activity("wep-retail").end
    assert dates(plan, "job-follow-up") == [add_months(job, m) for m in (3, 6, 12)]
    assert not dates(planner.plan(make_client()), "job-follow-up")


def test_job_follow_up_is_in_calendar_months(planner, make_client):
    """Follow-ups fall on the job's day of the month, or on the last day of a shorter month
    (three months after 31 January is 30 April, not 91 days later), whatever the start week."""
    for week in range(12):
        term_start = date(2026, 1, 5) + timedelta(weeks=week)
        plan = planner.plan(make_client(work={"goal": "retail"}, term_start=term_start))
        job = plan.activity("wep-retail").end
        assert dates(plan, "job-follow-up") == [add_months(job, m) for m in (3, 6, 12)]
        for day in dates(plan, "job-follow-up"):
            assert day.day == job.day or (day + timedelta(days=1)).day == 1


CADENCE = """schema = "padplanner.catalog/1"
[parameter.check_in_weeks]
values = [
  { from = 2022-01-01, value = 13, source = "policy: test" },
  { from = 2026-01-01, value = 6, source = "policy: test, from 2026 every six weeks" },
]
"""


def test_the_cadence_is_a_dated_parameter(plugin_planner, make_client, tmp_path):
    extra = tmp_path / "cadence.toml"
    extra.write_text(CADENCE)

    class Cadence:
        @hookimpl
        def padplanner_plugin_info(self):
            return PluginInfo("cadence", "1", municipalities=("GM0000",))

        @hookimpl
        def padplanner_catalogs(self):
            return [extra]

    planner = plugin_planner(Cadence())
    client = make_client()
    before = dates(planner.plan(client, at=date(2025, 12, 31)), "progress")
    after = dates(planner.plan(client, at=date(2026, 1, 5)), "progress")
    assert before[1] - before[0] == timedelta(weeks=13)
    assert after[1] - after[0] == timedelta(weeks=6)


class LocalCheckIns:
    @hookimpl
    def padplanner_plugin_info(self):
        return PluginInfo("local", "1", municipalities=("GM0000",))

    @hookimpl
    def padplanner_check_ins(self, activities):
        start = min(a.start for a in activities)
        reason = Reason("local.checkins", "Monthly with the coach", ())
        return [CheckIn(start + timedelta(weeks=4 * k), "progress", reason) for k in (1, 2)]


def test_a_municipalitys_check_ins_replace_the_laws_of_the_same_kind(plugin_planner, make_client):
    plan = plugin_planner(LocalCheckIns()).plan(make_client())
    progress = [c for c in plan.check_ins if c.kind == "progress"]
    assert len(progress) == 2 and {c.reasons[0].rule for c in progress} == {"local.checkins"}
    assert dates(plan, "map-final")  # other kinds of the law stay
