"""Testdorp (GM9902, fictional): a test municipality's rules."""

from __future__ import annotations

from pathlib import Path

from padplanner.plugin import ClientView, Goal, Module, PlanContext, PluginInfo, Reason, hookimpl

HERE = Path(__file__).resolve().parent
CODE = "GM9902"
VOLUNTEER = "testdorp-volunteer-work"
SEPARATE_WRITING = "nt2-writing-a0-a1"


@hookimpl
def padplanner_plugin_info() -> PluginInfo:
    return PluginInfo(
        "testdorp",
        "1.0",
        municipalities=(CODE,),
        laws=("wi2021",),
        owner="Gemeente Testdorp (fictional, for tests)",
        rule_cases=str(HERE / "testdorp_cases"),
    )


@hookimpl
def padplanner_catalogs() -> list[Path]:
    return [HERE / "testdorp.toml"]


@hookimpl
def padplanner_goals(client: ClientView, route: str, ctx: PlanContext) -> list[Goal]:
    if route == "onderwijs":
        return []
    reason = Reason("testdorp.volunteer.start", "Volunteer work from the start", ("route",))
    return [Goal("volunteering", reason)]


@hookimpl
def padplanner_module_filter(client: ClientView, module: Module, ctx: PlanContext) -> Reason | None:
    if module.id == SEPARATE_WRITING:
        return Reason("testdorp.language.integrated", "Writing is taught in the integrated course")
    return None
