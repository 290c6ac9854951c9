"""Moving: the same person under several municipalities' rules, every difference explained.

The municipalities are the fictional test ones (``tests/testplugins``): Proefstad (GM9901)
adds values conversations and a 6-weekly conversation, Testdorp (GM9902) adds volunteer work
and leaves out the separate writing course."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
import testplugins

from padplanner.cli import main
from padplanner.cli.compare import compare_data, differences, plan_all, to_text
from padplanner.clientfile import load_client

ROOT = Path(__file__).resolve().parents[2]
AMAL = ROOT / "examples" / "clients" / "amal.toml"
THREE = ["GM0000", "GM9901", "GM9902"]  # no plugin, Proefstad, Testdorp
OWNER = {"GM9901": "proefstad", "GM9902": "testdorp"}


@pytest.fixture(scope="module")
def local():
    return testplugins.planner()


@pytest.fixture(scope="module")
def three(local):
    client = attrs.evolve(load_client(AMAL), municipality="GM0000")
    return client, plan_all(local, client, THREE)


def test_three_plans_differ_and_every_difference_is_explained_by_a_rule_id(local, three):
    client, plans = three
    for base in THREE:
        for code in THREE:
            if code == base:
                continue
            diffs = differences(local, client, plans[base], plans[code])
            assert diffs, f"{code} plans exactly like {base}"
            known = set(local.catalog(base).rules) | set(local.catalog(code).rules)
            owners = {OWNER[c] for c in (base, code) if c in OWNER}
            for d in diffs:
                assert d.rules, f"{base} -> {code}: {d.area} {d.subject} is not explained"
                for rule in d.rules:
                    assert rule in known, f"{rule} is not described in a catalogue"
                    assert rule.split(".")[0] in owners, f"{rule} is not a local rule"
            assert not [d for d in diffs if d.area == "route"]  # the law keeps the route


def test_direct_differences_name_each_municipalitys_own_rules(local, three):
    client, plans = three
    proefstad = differences(local, client, plans["GM0000"], plans["GM9901"])
    direct = {r for d in proefstad if not d.indirect for r in d.rules}
    assert {"proefstad.values.series", "proefstad.checkins.progress"} <= direct
    testdorp = differences(local, client, plans["GM0000"], plans["GM9902"])
    direct = {r for d in testdorp if not d.indirect for r in d.rules}
    assert {"testdorp.volunteer.start", "testdorp.language.integrated"} <= direct
    removed = {d.subject: d.rules for d in testdorp if d.area == "activity" and d.other == "-"}
    assert removed == {"nt2-writing-a0-a1": ("testdorp.language.integrated",)}


def test_the_route_is_kept_from_the_persons_own_municipality(planner):
    client = load_client(AMAL)  # lives in GM0034
    plans = plan_all(planner, client, ["GM0000", "GM0034"])
    assert plans["GM0034"].route.reasons[0].rule == "wi2021.route.b1"
    moved = plans["GM0000"].route
    assert moved.id == plans["GM0034"].route.id
    assert "stays on a move" in moved.reasons[0].text


def test_identical_rules_give_no_differences(planner):
    client = load_client(AMAL)
    data = compare_data(planner, client, ["GM0000", "GM0001"])
    assert data["differences"]["GM0001"] == []
    assert "none" in to_text(data, "en") and "geen" in to_text(data, "nl")


def test_cli_compare_side_by_side(municipal_plugins, tmp_path, capsys):
    assert main(["compare", str(AMAL), "--municipalities", ",".join(THREE)]) == 0
    assert "Verschillen van GM9901 met GM0000" in capsys.readouterr().out  # Dutch by default
    assert main(["compare", str(AMAL), "-m", ",".join(THREE), "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "Differences of GM9901 from GM0000" in text
    assert "Differences of GM9902 from GM0000" in text
    assert "activity Volunteer work from the start: " in text  # the module's title
    assert "[testdorp.volunteer.start]" in text
    assert "unexplained" not in text
    out = tmp_path / "compare.json"
    assert main(["compare", str(AMAL), "-m", "GM0000,GM9901", "-f", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "padplanner.compare/1"
    assert set(data["plans"]) == {"GM0000", "GM9901"}
    assert all(d["rules"] for d in data["differences"]["GM9901"])


@pytest.mark.parametrize(
    ("codes", "message"),
    [("GM0034", "minstens twee"), ("GM0034,34", "geen CBS"), ("GM0034,GM0034", "twee keer")],
)
def test_cli_compare_bad_codes(codes, message, capsys):
    assert main(["compare", str(AMAL), "-m", codes]) == 2
    assert message in capsys.readouterr().err


def test_plan_under_another_municipality(municipal_plugins, tmp_path):
    out = tmp_path / "moved.json"
    assert main(["plan", str(AMAL), "--municipality", "GM9902", "-f", "json", "-o", str(out)]) == 0
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["municipality"] == "GM9902"
    modules = {a["module"] for a in plan["activities"]}
    assert "testdorp-volunteer-work" in modules and "nt2-writing-a0-a1" not in modules
