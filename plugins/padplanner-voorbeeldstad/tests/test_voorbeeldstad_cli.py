"""Voorbeeldstad through the commands: ``padplanner plugins``, ``rules``, ``compare`` and
``plan --municipality``."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import attrs
from padplanner_voorbeeldstad import CATALOG_DIR

from padplanner.cli import main
from padplanner.cli.compare import differences, plan_all
from padplanner.clientfile import load_client

AMAL = Path(__file__).resolve().parents[3] / "examples" / "clients" / "amal.toml"


def test_plugins_lists_voorbeeldstad_with_its_package(capsys):
    assert main(["plugins", "--json"]) == 0
    plugins = {p["name"]: p for p in json.loads(capsys.readouterr().out)["plugins"]}
    row = plugins["voorbeeldstad"]
    assert row["municipalities"] == ["GM9001"]
    assert "padplanner_constraints" in row["hooks"]
    assert row["distribution"]["name"] == "padplanner-voorbeeldstad"
    assert main(["plugins"]) == 0
    assert "voorbeeldstad 0.1.0  (GM9001;" in capsys.readouterr().out


def test_rules_lists_every_rule_with_its_dutch_words_and_its_tests(capsys):
    assert main(["rules", "-m", "GM9001", "--lang", "nl", "--format", "json"]) == 0
    (plugin,) = json.loads(capsys.readouterr().out)["plugins"][1:]
    with (CATALOG_DIR / "rules.toml").open("rb") as handle:
        rules = tomllib.load(handle)["rule"]
    assert {r["id"]: r["text"] for r in plugin["rules"]} == {
        rule_id: spec["text"]["nl"] for rule_id, spec in rules.items()
    }
    assert all(r["tests"] for r in plugin["rules"])  # every rule pinned by a rule case


def test_compared_with_the_national_plan_every_difference_is_voorbeeldstads(padplanner_planner):
    client = attrs.evolve(load_client(AMAL), municipality="GM0000")
    plans = plan_all(padplanner_planner, client, ["GM0000", "GM9001"])
    diffs = differences(padplanner_planner, client, plans["GM0000"], plans["GM9001"])
    assert diffs and all(d.rules for d in diffs)
    assert all(r.startswith("voorbeeldstad.") for d in diffs for r in d.rules)
    direct = {r for d in diffs if not d.indirect for r in d.rules}
    assert {
        "voorbeeldstad.volunteer.first_month",
        "voorbeeldstad.language.mixed",
        "voorbeeldstad.checkins.progress",
    } <= direct
    removed = {d.subject: d.rules for d in diffs if d.area == "activity" and d.other == "-"}
    assert all(rules == ("voorbeeldstad.language.mixed",) for rules in removed.values())


def test_plan_under_voorbeeldstad(tmp_path):
    out = tmp_path / "moved.json"
    assert main(["plan", str(AMAL), "--municipality", "GM9001", "-f", "json", "-o", str(out)]) == 0
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["municipality"] == "GM9001"
    modules = {a["module"] for a in plan["activities"]}
    assert "voorbeeldstad-volunteer-work" in modules and "values-series" not in modules
