"""Voorbeeldstad's rules where a TOML rule case cannot say it: pins, order, dates, metadata."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

from padplanner_voorbeeldstad import CATALOG_DIR, MUNICIPALITY, rule_cases_dir

from padplanner.engine.adjust import Adjustments
from padplanner.plugins import _dist_municipalities

ROOT = Path(__file__).resolve().parents[1]
RULE_ID = re.compile(r'"(voorbeeldstad\.[a-z_]+\.[a-z_]+)"')


def test_fictional_code_is_declared_in_the_keywords(padplanner_planner):
    assert MUNICIPALITY == "GM9001"
    loaded = padplanner_planner.manager.plugins["voorbeeldstad"]
    assert loaded.info.municipalities == ("GM9001",)
    assert Path(loaded.info.rule_cases) == rule_cases_dir()
    (entry_point,) = [
        e for e in importlib.metadata.entry_points(group="padplanner") if e.name == "voorbeeldstad"
    ]
    assert _dist_municipalities(entry_point) == ("GM9001",)


def test_every_rule_id_is_described_in_dutch_and_english_and_pinned_by_a_rule_case():
    used = set()
    for source in (ROOT / "padplanner_voorbeeldstad").glob("*.py"):
        used |= set(RULE_ID.findall(source.read_text(encoding="utf-8")))
    with (CATALOG_DIR / "rules.toml").open("rb") as handle:
        described = tomllib.load(handle)["rule"]
    assert used == set(described)
    for rule_id, spec in described.items():
        assert spec["says"]["nl"] and spec["says"]["en"], f"{rule_id} says no sentence"
    pinned = set()
    for file in (ROOT / "tests" / "rules").glob("*.toml"):
        with file.open("rb") as handle:
            for case in tomllib.load(handle)["case"]:
                pinned |= set(case["rules"])
    assert used <= pinned


def test_volunteer_work_pinned_after_the_first_month_gets_a_warning(
    padplanner_planner, padplanner_client
):
    client = padplanner_client(municipality="GM9001")
    on_time = padplanner_planner.plan(client)
    late = padplanner_planner.plan(
        client, adjust=Adjustments(pins={"voorbeeldstad-volunteer-work": 5})
    )
    assert on_time.activity("voorbeeldstad-volunteer-work").start_week <= 4
    assert "voorbeeldstad.volunteer.late" not in {f.rule for f in on_time.findings}
    (finding,) = [f for f in late.findings if f.rule == "voorbeeldstad.volunteer.late"]
    assert "week 5" in finding.message
    edge = padplanner_planner.plan(
        client, adjust=Adjustments(pins={"voorbeeldstad-volunteer-work": 4})
    )
    assert "voorbeeldstad.volunteer.late" not in {f.rule for f in edge.findings}


def test_regular_placement_follows_the_social_workplace(padplanner_planner, padplanner_client):
    client = padplanner_client(
        municipality="GM9001", learnability="low", weekly_hours=24, work={"goal": "logistics"}
    )
    plan = padplanner_planner.plan(client)
    social = plan.activity("voorbeeldstad-social-workplace")
    regular = plan.activity("wep-logistics")
    assert regular.start >= social.end
    assert "voorbeeldstad.work.step" in {r.rule for r in regular.reasons}


def test_progress_every_8_weeks_from_the_first_activity(padplanner_planner, padplanner_client):
    plan = padplanner_planner.plan(
        padplanner_client(municipality="GM9001", work={"goal": "retail"})
    )
    days = [c.date for c in plan.check_ins if c.kind == "progress"]
    first = min(a.start for a in plan.activities)
    assert days[0] == first + timedelta(weeks=8)
    assert all((b - a).days == 56 for a, b in pairwise(days))
    assert days[-1] <= plan.completion_date < days[-1] + timedelta(weeks=8)
    assert {r.rule for c in plan.check_ins if c.kind == "progress" for r in c.reasons} == {
        "voorbeeldstad.checkins.progress"
    }


def test_mixed_groups_replace_only_the_steps_that_have_a_variant(
    padplanner_planner, padplanner_client
):
    plan = padplanner_planner.plan(
        padplanner_client(municipality="GM9001", term_start=date(2025, 9, 1))
    )
    kinds = {a.module for a in plan.activities if a.kind == "language"}
    assert kinds and all(m.endswith("-mixed") for m in kinds)
