"""Almere's rules where a TOML rule case cannot say it: exact dates, direct hook calls, metadata."""

from __future__ import annotations

import importlib.metadata
import itertools
import re
import tomllib
from datetime import date, timedelta
from pathlib import Path

import attrs
from padplanner_almere import CATALOG_DIR, hooks, rule_cases_dir

from padplanner.engine.adjust import Adjustments
from padplanner.plugin import Goal, PluginInfo, Reason, hookimpl
from padplanner.plugins import _dist_municipalities

ROOT = Path(__file__).resolve().parents[1]
RULE_ID = re.compile(r'"(almere\.[a-z_]+\.[a-z_]+)"')


def _almere(make_client, **fields):
    return make_client(municipality="GM0034", **fields)


def test_installed_with_its_municipality_in_the_keywords(padplanner_planner):
    loaded = padplanner_planner.manager.plugins["almere"]
    assert loaded.info.municipalities == ("GM0034",)
    assert Path(loaded.info.rule_cases) == rule_cases_dir()
    (entry_point,) = [
        e for e in importlib.metadata.entry_points(group="padplanner") if e.name == "almere"
    ]
    # if the import ever fails, these keywords decide whose planning stops
    assert _dist_municipalities(entry_point) == ("GM0034",)


def test_every_rule_id_is_described_in_dutch_and_english_and_pinned():
    used = set()
    for source in (ROOT / "padplanner_almere").glob("*.py"):
        used |= set(RULE_ID.findall(source.read_text(encoding="utf-8")))
    with (CATALOG_DIR / "rules.toml").open("rb") as handle:
        described = tomllib.load(handle)["rule"]
    assert used == set(described)
    for rule_id, spec in described.items():
        assert spec["text"]["nl"] and spec["text"]["en"] and spec["source"], rule_id
        assert spec["says"]["nl"] and spec["says"]["en"], f"{rule_id} says no sentence"
    pinned = set()
    for file in (ROOT / "tests" / "rules").glob("*.toml"):
        with file.open("rb") as handle:
            for case in tomllib.load(handle)["case"]:
                pinned |= set(case["rules"])
    tested_here = {"almere.values.attendance", "almere.budget.intensive"}
    assert used - pinned == tested_here


# -- 1. values conversations ---------------------------------------------------------------------
class _ValuesEverywhere:
    """A plugin giving the values goal in another municipality, to see the module's own week."""

    @hookimpl
    def padplanner_plugin_info(self):
        return PluginInfo("values-elsewhere", "1", municipalities=("GM0001",))

    @hookimpl
    def padplanner_goals(self):
        return [Goal("values", Reason("elsewhere.values", "values"))]


def test_values_wait_until_week_8_where_they_would_start_in_week_6_elsewhere(
    padplanner_plugin_planner, padplanner_client
):
    planner = padplanner_plugin_planner(_ValuesEverywhere(), entry_points=True)
    fields = {
        "levels": {"reading": "B1", "listening": "B1", "writing": "B1", "speaking": "B1"},
        "progress": {"completed": ["pvt"]},
    }
    elsewhere = planner.plan(padplanner_client(municipality="GM0001", **fields))
    almere = planner.plan(_almere(padplanner_client, **fields))
    assert elsewhere.activity("values-series").start_week == 6  # the module's own earliest week
    assert almere.activity("values-series").start_week == 8
    assert "almere.values.not_early" in {r.rule for r in almere.activity("values-series").reasons}


def test_values_come_after_the_pvt_and_are_spread_over_months(
    padplanner_planner, padplanner_client
):
    plan = padplanner_planner.plan(_almere(padplanner_client))
    values, pvt = plan.activity("values-series"), plan.activity("pvt")
    assert values.start >= pvt.end
    assert "pvt" in values.depends_on
    assert values.weeks >= 20 and values.hours_per_week == 1


def test_values_module_must_record_attendance_only(padplanner_planner, padplanner_client):
    catalog = padplanner_planner.catalog("GM0034")
    series = catalog.modules["values-series"]
    ctx = _ctx(padplanner_planner)
    view = _almere(padplanner_client).view(date(2025, 9, 1))
    assert hooks.padplanner_module_filter(view, series, ctx) is None
    scoring = attrs.evolve(series, id="values-scored", tags=("scored",))
    reason = hooks.padplanner_module_filter(view, scoring, ctx)
    assert reason.rule == "almere.values.attendance"


# -- 2. language through work ---------------------------------------------------------------------
def test_dual_trajectory_starts_before_the_lessons_it_runs_beside_end(
    padplanner_planner, padplanner_client
):
    plan = padplanner_planner.plan(_almere(padplanner_client, work={"goal": "retail"}))
    dual = plan.activity("almere-dual-retail")
    lessons = plan.activity("nt2-a1-a2")
    assert dual.start < lessons.end
    assert "nt2-a1-a2" not in dual.depends_on


# -- 5. keep following people ---------------------------------------------------------------------
def test_progress_every_6_weeks_in_the_first_year_then_every_13(
    padplanner_planner, padplanner_client
):
    client = _almere(padplanner_client, work={"goal": "logistics"})
    plan = padplanner_planner.plan(client)
    days = [c.date for c in plan.check_ins if c.kind == "progress"]
    year_end = date(2026, 9, 1)
    for before, after in itertools.pairwise(days):
        gap = (after - before).days // 7
        assert gap == (6 if before < year_end else 13), (before, after)
    assert days[0] == min(a.start for a in plan.activities) + timedelta(weeks=6)
    assert days[-1] > year_end


def test_job_follow_up_at_1_3_6_12_18_24_months_also_beyond_the_term(
    padplanner_planner, padplanner_client
):
    plan = padplanner_planner.plan(_almere(padplanner_client, work={"goal": "logistics"}))
    job_start = plan.activity("wep-logistics").end
    follow_ups = [c.date for c in plan.check_ins if c.kind == "job-follow-up"]
    assert follow_ups == [hooks.add_months(job_start, m) for m in (1, 3, 6, 12, 18, 24)]
    assert follow_ups[-1] > plan.deadline
    rules = {r.rule for c in plan.check_ins if c.kind == "job-follow-up" for r in c.reasons}
    assert rules == {"almere.checkins.job"}  # replaces the law's 3, 6, 12 months


def test_no_job_follow_up_without_a_placement(padplanner_planner, padplanner_client):
    plan = padplanner_planner.plan(_almere(padplanner_client, aim="participation"))
    assert not [c for c in plan.check_ins if c.kind == "job-follow-up"]


def test_add_months_keeps_the_day_or_takes_the_last_of_a_short_month():
    assert hooks.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert hooks.add_months(date(2027, 11, 15), 3) == date(2028, 2, 15)


# -- 6. realistic perspective ---------------------------------------------------------------------
def test_registration_finding_names_the_level_and_the_way(padplanner_planner, padplanner_client):
    client = _almere(
        padplanner_client, education="higher", work={"goal": "care", "foreign_diploma": "master"}
    )
    plan = padplanner_planner.plan(client)
    (finding,) = [f for f in plan.findings if f.rule == "almere.diploma.registration"]
    evaluation = plan.activity("diploma-evaluation")
    assert "B2" in finding.message and "BIG" in finding.message
    assert evaluation.end.isoformat() in finding.message
    for activity in plan.activities:
        if activity.kind == "work":
            assert activity.start >= evaluation.end, activity.id


# -- 7. higher ambition ---------------------------------------------------------------------------
def test_childcare_goal_is_speaking_b2_and_the_rest_b1(padplanner_planner, padplanner_client):
    client = _almere(padplanner_client, education="higher", work={"goal": "childcare-education"})
    plan = padplanner_planner.plan(client, adjust=Adjustments(weekly_hours=24))
    goals = {g.competency: g.reason.rule for g in plan.goals}
    assert goals["speaking>=B2"] == "almere.ambition.level"
    assert {"reading>=B1", "listening>=B1", "writing>=B1"} <= set(goals)


def _ctx(padplanner_planner):
    from padplanner.plugin import PlanContext

    return PlanContext(date(2025, 9, 1), "GM0034", "wi2021", padplanner_planner.catalog("GM0034"))
