"""``padplanner plugins`` and ``padplanner rules`` for installed municipality plugins (the two
fictional test municipalities of ``tests/testplugins``)."""

from __future__ import annotations

import json
import re
import tomllib

import pytest
import testplugins

from padplanner.cli import main
from padplanner.rulecases import read_cases, run_case

CATALOGS = {name: testplugins.HERE / f"{name}.toml" for name in testplugins.CODES}


def test_plugins_lists_both_packages(municipal_plugins, capsys):
    assert main(["plugins", "--json"]) == 0
    plugins = {p["name"]: p for p in json.loads(capsys.readouterr().out)["plugins"]}
    assert plugins["proefstad"]["municipalities"] == ["GM9901"]
    assert plugins["testdorp"]["municipalities"] == ["GM9902"]
    assert "padplanner_cohort_priority" in plugins["proefstad"]["hooks"]
    assert "padplanner_module_filter" in plugins["testdorp"]["hooks"]
    assert plugins["testdorp"]["distribution"] == {
        "name": "padplanner-test-testdorp",
        "version": "1.0",
    }
    assert main(["plugins"]) == 0
    text = capsys.readouterr().out
    assert "proefstad 1.0  (GM9901;" in text and "testdorp 1.0  (GM9902;" in text


@pytest.mark.parametrize("name", sorted(testplugins.CODES))
def test_rules_prints_every_rule_in_plain_dutch_with_its_tests(name, municipal_plugins, capsys):
    code = testplugins.CODES[name]
    with CATALOGS[name].open("rb") as handle:
        rules = tomllib.load(handle)["rule"]
    assert main(["rules", "--municipality", code, "--lang", "nl"]) == 0
    text = capsys.readouterr().out
    section = text[text.index(f"## {name} ") :]
    shown = re.findall(r"^### `([^`]+)`", section, flags=re.MULTILINE)
    assert shown == sorted(rules)
    for rule_id, spec in rules.items():
        block = section[section.index(f"### `{rule_id}`") :].split("\n### ", 1)[0]
        assert spec["text"]["nl"] in block
        assert "- Bron: " in block and "- Leest: " in block
    tests = re.findall(r"^- Tests: (.*)$", section, flags=re.MULTILINE)
    assert len(tests) == len(rules)
    # the cohort ranking is pinned by a Python test, not a rule case
    assert len([t for t in tests if t == "geen"]) == (1 if name == "proefstad" else 0)


def test_rules_json_names_the_client_fields_each_rule_reads(municipal_plugins, capsys):
    assert main(["rules", "-m", "GM9901", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (plugin,) = [p for p in data["plugins"] if p["name"] == "proefstad"]
    ranking = next(r for r in plugin["rules"] if r["id"] == "proefstad.cohort.hours")
    assert ranking["hook"] == "padplanner_cohort_priority"
    assert ranking["inputs"] == ["weekly_hours"]


def test_the_test_municipalities_pass_their_own_rule_cases():
    planner = testplugins.planner()
    files = sorted(testplugins.HERE.glob("*_cases/*.toml"))
    assert len(files) == 2
    for file in files:
        for case in read_cases(file):
            _, problems = run_case(planner, case, f"{file}: {case['name']}")
            assert problems == [], case["name"]
