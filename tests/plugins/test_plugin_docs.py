"""Meta-tests: every hook has a documentation section and a test, and the examples work.

The hook list comes from the specification (``padplanner/hooks.py``), so a new hook fails
here until ``docs/plugins.md`` has a ``## padplanner_<hook>`` section documenting each of its
arguments, with a working example, and ``tests/plugins/`` has a ``test_hook_<name>``.
"""

from __future__ import annotations

import inspect
import re
import types
from datetime import date, timedelta
from pathlib import Path

import pytest

import padplanner.plugin as public
from padplanner import hooks
from padplanner.engine.planner import Planner
from padplanner.plugins import PluginManager, hook_names
from padplanner.testing import build_client

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "plugins.md"
HOOKS = hook_names()


def _sections() -> dict[str, str]:
    text = DOCS.read_text(encoding="utf-8")
    parts = re.split(r"^## ", text, flags=re.MULTILINE)
    return {part.split("\n", 1)[0].strip(): part for part in parts[1:]}


def _blocks(section: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", section, flags=re.DOTALL)


def test_the_specification_has_the_designed_hooks():
    assert set(HOOKS) == {
        "padplanner_plugin_info",
        "padplanner_catalogs",
        "padplanner_route",
        "padplanner_goals",
        "padplanner_module_filter",
        "padplanner_module_hours",
        "padplanner_constraints",
        "padplanner_check_ins",
        "padplanner_validate",
        "padplanner_cohort_priority",
        "padplanner_law",
        "padplanner_term",
        "padplanner_route_switch",
        "padplanner_switch_question",
        "padplanner_a2_decision",
        "padplanner_cohort_policies",
    }


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_docs_section_naming_each_argument(hook):
    sections = _sections()
    assert hook in sections, f"docs/plugins.md has no '## {hook}' section"
    section = sections[hook]
    for argument in inspect.signature(getattr(hooks, hook)).parameters:
        assert f"`{argument}`" in section, f"{hook}: argument {argument!r} is not documented"
    assert "Returns" in section, f"{hook}: the return value is not documented"
    assert any(f"def {hook}(" in block for block in _blocks(section, "python")), hook


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_test(hook):
    name = hook.removeprefix("padplanner_")
    found = [
        path.name
        for path in Path(__file__).parent.glob("test_*.py")
        if re.search(rf"^def test_hook_{name}\(", path.read_text(encoding="utf-8"), re.M)
    ]
    assert found, f"no test_hook_{name} in tests/plugins/"


def _docs_plugin(tmp_path: Path) -> types.ModuleType:
    """Every hook section's example, executed into one plugin module."""
    sections = _sections()
    module = types.ModuleType("docs_example_plugin")
    module.__file__ = str(tmp_path / "docs_example_plugin.py")
    namespace = module.__dict__
    namespace.update({name: getattr(public, name) for name in public.__all__})
    namespace.update(Path=Path, date=date, timedelta=timedelta)
    catalog = tmp_path / "catalog"
    catalog.mkdir()
    toml = _blocks(sections["padplanner_check_ins"], "toml")
    (catalog / "example.toml").write_text(
        'schema = "padplanner.catalog/1"\n' + "\n".join(toml), encoding="utf-8"
    )
    for hook in HOOKS:
        for block in _blocks(sections[hook], "python"):
            exec(compile(block, f"docs/plugins.md: {hook}", "exec"), namespace)
    return module


def test_the_documented_examples_form_a_working_plugin(tmp_path):
    manager = PluginManager.default(entry_points=False)
    assert manager.register(_docs_plugin(tmp_path), "example") == "example", manager.errors
    assert set(manager.plugins["example"].hooks) == set(HOOKS)
    planner = Planner(manager)
    fields = {"municipality": "GM0999", "dutch_contact": "none", "age": 28, "aim": "study"}
    plan = planner.plan(build_client(fields))
    assert plan.route.id == "onderwijs"  # the route example (the law says b1 at 28)
    assert plan.route.reasons[0].rule == "example.route.study"
    assert plan.term.reasons[0].rule == "example.term"  # the term example
    assert plan.law == "wi2021"  # the law example answers only before 2022
    older = build_client({**fields, "age": 29})  # 30 a year into the term
    kept = planner.plan(older, at=date(2026, 9, 1), followed="b1")  # the route switch example
    assert kept.route.id == "b1" and kept.route.reasons[1].rule == "example.route.no_school"
    from padplanner.engine.asked import Asked

    asked = Asked(planner, "GM0999")
    assert asked.switch_question(older, "onderwijs", date(2026, 9, 1)).rule == (
        "example.switch.onderwijs"
    )  # the switch question example
    assert asked.a2_decision(older, "b1", date(2026, 9, 1)).values["hours"] == 500  # A2
    plan = planner.plan(build_client({**fields, "aim": "work"}))
    national = planner.plan(build_client({**fields, "aim": "work", "municipality": "GM0000"}))
    assert "values-series" in {a.module for a in plan.activities}  # goals
    assert plan.activity("values-series").start_week >= 8  # constraints
    assert plan.activity("pvt").hours == 16  # module hours
    assert national.activity("pvt").hours == 12
    gaps = {
        (b.date - a.date).days // 7
        for a, b in zip(plan.check_ins, plan.check_ins[1:], strict=False)
        if a.kind == b.kind == "progress"
    }
    assert gaps == {8}  # check-ins, from the catalogue's parameter
    assert "example.contact.advice" in {f.rule for f in plan.findings}  # validate
    speaking_behind = {"levels": {"reading": "A2", "listening": "A2", "writing": "A2"}}
    behind = planner.plan(build_client({**fields, "aim": "work", **speaking_behind}))
    assert "taalmaatje-speaking" not in {a.module for a in behind.activities}  # module filter
    views = [
        build_client({"id": f"p{h}", "weekly_hours": h}).view(date(2025, 9, 1))
        for h in (12, 20, 16)
    ]
    ctx = public.PlanContext(date(2025, 9, 1), "GM0999", "wi2021", planner.catalog("GM0999"))
    ranked = manager.rules("GM0999").first("padplanner_cohort_priority", "", clients=views, ctx=ctx)
    assert [p.client for p in sorted(ranked, key=lambda p: p.rank)] == ["p20", "p16", "p12"]
    from padplanner.cohort.policies import get_policy

    assert get_policy("example-30", "GM0999", manager).intensive == "rule"  # cohort policies
