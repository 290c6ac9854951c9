"""A pytest plugin for rule authors: TOML rule cases and fixtures.

Rule cases pin behaviour the way OpenFisca pins legislation: readable cases, chosen on both
sides of every threshold. Any ``*.toml`` file in a folder named ``rules`` under your tests
that holds ``[[case]]`` tables is collected::

    [[case]]
    name = "27 at the term start, aiming at study: onderwijsroute"
    date = 2025-09-01                  # the reference date (default: the term start)
    rules = ["zwolle.route.study"]     # the rules this case pins (shown by `padplanner rules`)
    municipality = "GM0034"            # optional: plan under this municipality's rules
    followed = "b1"                    # optional: the route followed so far (a replan)
    pins = { "pvt" = 4 }               # optional: starts pinned by hand (module id -> week)
    [case.client]                      # a client file's fields; omitted ones get defaults
    age = 27                           # shortcut for birth_date (whole years at the term start)
    aim = "study"
    [case.expect]
    route = "onderwijs"
    includes = ["taalschakeltraject"]  # module ids that must be in the plan
    excludes = ["nt2-a0-a1"]           # module ids that must not be
    findings = ["zwolle.volunteer.late"]       # rule ids that must be among the findings
    no_findings = ["zwolle.dual.no_sector"]    # rule ids that must not
    reasons = ["zwolle.values.series"] # rule ids that must appear in some reason
    check_ins = ["job-follow-up"]      # check-in kinds that must be planned
    check_in_gaps = { progress = [6, 13] }   # the distinct gaps (weeks) between check-ins
    said.nl = { "zwolle.volunteer.late" = "week 4" }  # a rule's sentence says this (nl or en)
    starts_from = { "values-series" = 8 }    # module id -> earliest allowed start week
    starts_by = { "pvt" = 4 }                # module id -> latest allowed start week
    overlaps = [["dual-care", "nt2-a1-a2"]]  # pairs of modules that run at the same time
    order = [["alfa-c", "z-language"]]       # pairs: the first ends before the second starts
    completion_before = 2028-09-01
    deadline = 2028-09-01              # the end of the term
    law = "wi2021"                     # the law the term falls under
    error = "falls under the Wet"      # planning stops with a message containing this

Fixtures, named so they cannot clash with a project's own (pytest loads this plugin in every
session where padplanner is installed): ``padplanner_planner`` (the national catalogue plus
installed plugins), ``padplanner_client`` (a valid synthetic client with your overrides) and
``padplanner_plugin_planner`` (a planner with extra plugin objects registered for one test).
The engine is imported on first use, so sessions that use none of this pay nothing for it.

Every case also checks that each reason and finding whose rule declares its sentences
(``says``) can be said in Dutch and English from the values it carries
(:func:`~padplanner.rulecases.sentence_problems`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from padplanner.rulecases import (  # noqa: F401  (re-exported for rule authors)
    CASE_KEYS,
    DEFAULT_CLIENT,
    EXPECT_KEYS,
    build_client,
    check_case,
    read_cases,
    run_case,
    sentence_problems,
)

if TYPE_CHECKING:
    from padplanner.engine.planner import Planner
    from padplanner.model import Client

_planners: dict[str, Planner] = {}


def shared_planner() -> Planner:
    """One planner per test session (plugins and catalogues are loaded once), or one per value
    of ``PADPLANNER_DISABLE_PLUGINS`` when tests set it."""
    key = os.environ.get("PADPLANNER_DISABLE_PLUGINS", "")
    if key not in _planners:
        from padplanner.engine.planner import Planner

        _planners[key] = Planner.default()
    return _planners[key]


class RuleCaseFile(pytest.File):
    def collect(self) -> Iterator[RuleCase]:
        for position, case in enumerate(read_cases(self.path)):
            name = case.get("name") or f"case {position}"
            yield RuleCase.from_parent(self, name=name, case=case)


class RuleCase(pytest.Item):
    def __init__(self, *, case: dict[str, Any], **kwargs: Any):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        _, problems = run_case(shared_planner(), self.case, f"{self.path}: {self.name}")
        if problems:
            raise RuleCaseFailure(problems)

    def repr_failure(self, excinfo, style=None):  # type: ignore[override]
        if isinstance(excinfo.value, RuleCaseFailure):
            return f"rule case {self.name!r} ({self.path.name}):\n  - " + "\n  - ".join(
                excinfo.value.problems
            )
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, f"rule case: {self.name}"


class RuleCaseFailure(AssertionError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def pytest_collect_file(parent: pytest.Collector, file_path: Path):
    if file_path.suffix == ".toml" and file_path.parent.name == "rules":
        try:
            text = file_path.read_text(encoding="utf-8")
        except OSError:
            return None
        if "[[case]]" in text:
            return RuleCaseFile.from_parent(parent, path=file_path)
    return None


@pytest.fixture(scope="session")
def padplanner_planner() -> Planner:
    """The national catalogue plus every installed plugin."""
    return shared_planner()


@pytest.fixture
def padplanner_client() -> Callable[..., Client]:
    """``padplanner_client(weekly_hours=12, levels={"speaking": "A2"})``: a valid synthetic
    client."""

    def make(**fields: Any) -> Client:
        return build_client(fields)

    return make


@pytest.fixture
def padplanner_plugin_planner() -> Callable[..., Planner]:
    """``padplanner_plugin_planner(my_plugin)``: the law plus the given plugin objects only
    (``entry_points=True``: plus the installed plugins)."""

    def make(*plugins: Any, entry_points: bool = False) -> Planner:
        from padplanner.engine.planner import Planner
        from padplanner.plugins import PluginManager

        manager = PluginManager.default(entry_points=entry_points)
        for index, plugin in enumerate(plugins):
            manager.register(plugin, getattr(plugin, "__name__", f"plugin{index}"))
        return Planner(manager)

    return make
