"""The documented Python API (README): Planner.default(), load_client, plan.to_json(), and the
examples script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

from corehelp import EXAMPLES, ROOT, example_files

import padplanner

PLAN_KEYS = [
    "schema",
    "client",
    "municipality",
    "law",
    "reference_date",
    "route",
    "goals",
    "activities",
    "milestones",
    "check_ins",
    "completion_date",
    "deadline",
    "slack_weeks",
    "total_hours",
    "cost_eur",
    "findings",
    "term",
]
ACTIVITY_KEYS = [
    "id",
    "module",
    "title",
    "kind",
    "start",
    "end",
    "start_week",
    "weeks",
    "hours_per_week",
    "hours",
    "hours_range",
    "cost_eur",
    "grants",
    "depends_on",
    "reasons",
]


def test_the_documented_example():
    from padplanner import Planner, load_client

    planner = Planner.default()
    plan = planner.plan(load_client(EXAMPLES / "amal.toml"), at=date(2025, 9, 1))
    assert isinstance(plan.completion_date, date)
    assert plan.route.id in ("b1", "onderwijs", "z")
    data = json.loads(plan.to_json())
    assert data["client"] == "demo-0001" and data["reference_date"] == "2025-09-01"


def test_the_plan_json_has_the_shape_of_design_section_4(planner, make_client):
    plan = planner.plan(make_client(work={"goal": "care"}))
    data = json.loads(plan.to_json())
    assert list(data) == PLAN_KEYS
    assert data["schema"] == "padplanner.plan/1" and data["law"] == "wi2021"
    assert set(data["route"]) == {"id", "reasons"}
    assert set(data["route"]["reasons"][0]) == {"rule", "text", "inputs", "values"}
    assert all(set(g) == {"competency", "source"} for g in data["goals"])
    for activity in data["activities"]:
        assert list(activity) == ACTIVITY_KEYS
        assert len(activity["hours_range"]) == 2
    assert all(set(m) == {"id", "date", "reasons"} for m in data["milestones"])
    assert all(set(c) == {"date", "kind", "reasons"} for c in data["check_ins"])
    assert all(
        set(f) == {"severity", "rule", "message", "inputs", "values"} for f in data["findings"]
    )
    assert isinstance(data["slack_weeks"], int)
    assert (
        set(data["term"]) == {"start", "end", "reasons", "switch_until"}
        and data["term"]["end"] == data["deadline"]
    )
    assert abs(data["total_hours"] - sum(a["hours"] for a in data["activities"])) < 0.5


def test_the_public_names():
    for name in ("Planner", "load_client", "parse_client", "dump_client", "Plan", "Client"):
        assert name in padplanner.__all__ and getattr(padplanner, name) is not None
    assert padplanner.Adjustments().pins == {}


def test_importing_padplanner_stays_light():
    code = (
        "import sys, padplanner, padplanner.cli; "
        "print(sorted(m for m in ('networkx', 'textual', 'sqlalchemy', 'fpdf') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_plan_all_plans_every_example():
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "plan_all.py")],
        capture_output=True,
        text=True,
        cwd=ROOT.parent,  # runs from anywhere
        env={**os.environ},
        timeout=120,
        check=True,
    )
    lines = result.stdout.strip().splitlines()
    assert len(lines) == len(example_files())
    routes = {line.split("route=")[1].split()[0] for line in lines}
    assert routes == {"b1", "onderwijs", "z"}
    for line, path in zip(lines, example_files(), strict=True):
        assert line.startswith(path.name)
        assert "completion=" in line and "slack=" in line


def test_the_examples_cover_the_people_the_issue_asks_for(planner):
    from padplanner import load_client

    people = [load_client(path) for path in example_files()]
    plans = [planner.plan(client) for client in people]
    assert {plan.route.id for plan in plans} == {"b1", "onderwijs", "z"}
    assert any(c.literacy == "none" for c in people)
    assert any(c.literacy == "other-script" for c in people)
    assert any(
        c.aim == "study" and c.age_at(c.term_start) < 28 and p.route.id == "onderwijs"
        for c, p in zip(people, plans, strict=True)
    )
    assert any(
        c.education == "higher" and c.work.foreign_diploma == "master" and c.work.goal == "care"
        for c in people
    )
    assert any(
        c.progress.extensions_weeks == 16 and c.progress.hours_done and c.progress.completed
        for c in people
    )
    assert any(c.route is not None and c.route.reason for c in people)
    assert all(plan.feasible for plan in plans)  # every example gets a plan that works
