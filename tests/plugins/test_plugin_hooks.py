"""One test per hook, each through a small inline plugin, asserting what docs/plugins.md says.

Plugins here serve the made-up code GM0997 unless a test says otherwise; the national law takes
part as always. ``plugin_planner`` (from ``padplanner.testing``) registers them for one test.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from padplanner.context import PlanContext
from padplanner.errors import InputError
from padplanner.plugin import (
    CheckIn,
    CohortPolicy,
    Constraint,
    Finding,
    Goal,
    HoursEstimate,
    Law,
    PluginInfo,
    Priority,
    Reason,
    RouteAdvice,
    Term,
    add_months,
    hookimpl,
)
from padplanner.plugins import PluginManager

CODE = "GM0997"
AT = date(2025, 9, 1)


class _Local:
    """Base for inline plugins: serves GM0997."""

    municipalities: tuple[str, ...] = (CODE,)

    @hookimpl
    def padplanner_plugin_info(self):
        return PluginInfo("local", "1", municipalities=self.municipalities)


def _client(make_client, **fields):
    return make_client(municipality=CODE, **fields)


def _rules(plan) -> set[str]:
    return {r.rule for a in plan.activities for r in a.reasons}


def test_hook_plugin_info(plugin_planner):
    class Everywhere(_Local):
        municipalities = ()

    class Nameless:
        @hookimpl
        def padplanner_goals(self):
            return []

    planner = plugin_planner(_Local(), Everywhere(), Nameless())
    manager = planner.manager
    served = {p.name for p in manager.serving(CODE)}
    assert {"wi2021", "plugin0", "plugin1"} <= served
    assert "plugin0" not in {p.name for p in manager.serving("GM0000")}  # serves GM0997 only
    assert "plugin1" in {p.name for p in manager.serving("GM0000")}  # empty: serves everyone
    (error,) = manager.errors
    assert error.plugin == "plugin2" and "padplanner_plugin_info" in error.message


def test_hook_catalogs(plugin_planner, make_client, tmp_path: Path):
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "local.toml").write_text(
        'schema = "padplanner.catalog/1"\n'
        "[[module]]\n"
        'id = "local-language-cafe"\n'
        'title = { nl = "Taalcafé", en = "Language café" }\n'
        'kind = "support"\n'
        'grants = ["dutch-contact"]\n'
        "hours = 20\n"
        "hours_per_week = 2\n"
        'source = "test"\n'
        "[parameter.check_in_weeks]\n"  # overrides the national cadence, for GM0997 only
        'values = [{ from = 2022-01-01, value = 4, source = "test" }]\n',
        encoding="utf-8",
    )

    class Catalogue(_Local):
        @hookimpl
        def padplanner_catalogs(self):
            return [folder]

        @hookimpl
        def padplanner_goals(self):
            return [Goal("dutch-contact", Reason("local.contact", "a language café"))]

    planner = plugin_planner(Catalogue())
    assert "local-language-cafe" in planner.catalog(CODE).modules
    assert "local-language-cafe" not in planner.catalog("GM0000").modules
    plan = planner.plan(_client(make_client))
    assert "local-language-cafe" in {a.module for a in plan.activities}
    progress = sorted(c.date for c in plan.check_ins if c.kind == "progress")
    assert (progress[1] - progress[0]).days == 28  # the law read the overridden parameter


def test_hook_law(plugin_planner, make_client):
    class Older(_Local):
        @hookimpl
        def padplanner_law(self, term_start):
            if term_start < date(2022, 1, 1):
                return Law("wi2013", "Wet inburgering 2013 (a plugin that plans it)")
            return None  # not me: the national law

        @hookimpl
        def padplanner_term(self, client, ctx):
            if ctx.law == "wi2013":
                return Term(client.term_start, add_months(client.term_start, 36))
            return None

    planner = plugin_planner(Older())
    assert planner.plan(_client(make_client)).law == "wi2021"
    old = _client(make_client, term_start=date(2021, 12, 31))
    planned = planner.plan(old, at=date(2022, 3, 1))  # this plugin plans it; the law would not
    assert planned.law == "wi2013" and planned.deadline == date(2024, 12, 31)
    alone = plugin_planner()
    with pytest.raises(InputError, match="falls under the Wet inburgering 2013, which padplanner"):
        alone.plan(old)
    assert alone.plan(_client(make_client, term_start=date(2022, 1, 1))).law == "wi2021"


def test_hook_term(plugin_planner, make_client):
    class Longer(_Local):
        @hookimpl
        def padplanner_term(self, client):
            end = add_months(client.term_start, 42)
            return Term(client.term_start, end, [Reason("local.term", "3.5 years here")])

    client = _client(make_client, term_start=date(2025, 9, 1))
    plan = plugin_planner(Longer()).plan(client)
    assert plan.deadline == plan.term.end == date(2029, 3, 1)
    assert [r.rule for r in plan.term.reasons] == ["local.term"]
    national = plugin_planner().plan(client)  # the law: three calendar years, not 156 weeks
    assert national.deadline == date(2028, 9, 1)
    assert [r.rule for r in national.term.reasons] == [
        "wi2021.term",
        "wi2021.term.switch",
        "wi2021.term.fines",
    ]


def test_hook_route_switch(plugin_planner, make_client):
    class NoSchoolAfter30(_Local):
        @hookimpl
        def padplanner_route_switch(self, client, before, after):
            if after == "onderwijs":
                return Reason("local.route.no_school", "Not into the onderwijsroute here")
            return None

    planner = plugin_planner(NoSchoolAfter30())
    student = _client(make_client, age=22, aim="study", learnability="high")
    assert planner.plan(student).route.id == "onderwijs"  # nothing followed yet: the advice
    kept = planner.plan(student, followed="b1")
    assert kept.route.id == "b1"
    assert [r.rule for r in kept.route.reasons] == [
        "padplanner.route.kept",
        "local.route.no_school",
    ]
    # the law alone: within the first 18 months a switch is possible, after it is not
    early, late = date(2027, 3, 1), date(2027, 3, 2)
    law = plugin_planner()
    assert law.plan(student, at=early, followed="b1").route.id == "onderwijs"
    assert law.plan(student, at=late, followed="b1").route.id == "b1"
    # from the onderwijsroute to the B1-route at any time
    worker = _client(make_client, age=22)
    assert law.plan(worker, at=late + timedelta(days=300), followed="onderwijs").route.id == "b1"


def test_hook_switch_question(plugin_planner, make_client):
    from padplanner.engine.asked import Asked

    class AsksOnderwijs(_Local):
        @hookimpl
        def padplanner_switch_question(self, client, route, ctx):
            if route == "onderwijs":
                return Reason("local.switch.onderwijs", "Check the onderwijsroute still fits")
            return None

    student = _client(make_client, age=22, aim="study", learnability="high")
    law = Asked(plugin_planner(), CODE)
    # the law: on the B1- and Z-routes, not from the onderwijsroute (B1 stays open)
    assert law.switch_question(student, "b1", AT).rule == "wi2021.agenda.switch_question"
    assert law.switch_question(student, "b1", AT).values["closes"] == date(2027, 3, 1)
    assert law.switch_question(student, "z", AT) is not None
    assert law.switch_question(student, "onderwijs", AT) is None
    local = Asked(plugin_planner(AsksOnderwijs()), CODE)
    assert local.switch_question(student, "onderwijs", AT).rule == "local.switch.onderwijs"
    assert local.switch_question(student, "b1", AT).rule == "wi2021.agenda.switch_question"
    elsewhere = Asked(plugin_planner(AsksOnderwijs()), "GM0000")  # not served by the plugin
    assert elsewhere.switch_question(student, "onderwijs", AT) is None


def test_hook_a2_decision(plugin_planner, make_client):
    from padplanner.engine.asked import Asked
    from padplanner.plugin import Level

    class Sooner(_Local):
        @hookimpl
        def padplanner_a2_decision(self, client, route, ctx):
            if route == "b1" and client.levels.speaking < Level.B1:
                return Reason("local.a2", "Speaking after 500 h", ("levels",),
                              {"hours": 500, "skills": ["speaking"]})  # fmt: skip
            return None

    person = _client(make_client)  # A1 in every skill
    law = Asked(plugin_planner(), CODE)
    decision = law.a2_decision(person, "b1", AT)
    assert decision.rule == "wi2021.agenda.a2_decision"
    assert decision.values == {
        "hours": 600,
        "skills": ("reading", "listening", "writing", "speaking"),
    }
    assert law.a2_decision(person, "z", AT) is None
    assert law.a2_decision(person, "onderwijs", AT) is None
    at_b1 = _client(
        make_client, levels={s: "B1" for s in ("reading", "listening", "writing", "speaking")}
    )
    assert law.a2_decision(at_b1, "b1", AT) is None
    local = Asked(plugin_planner(Sooner()), CODE)
    assert local.a2_decision(person, "b1", AT).values == {"hours": 500, "skills": ("speaking",)}


def test_hook_route(plugin_planner, make_client):
    class Decides(_Local):
        @hookimpl
        def padplanner_route(self, client):
            if client.learnability == "high":
                return RouteAdvice("z", [Reason("local.route", "local advice", ("learnability",))])
            return None  # not me: the law decides

    planner = plugin_planner(Decides())
    plan = planner.plan(_client(make_client, learnability="high"))
    assert plan.route.id == "z" and plan.route.reasons[0].rule == "local.route"
    assert planner.plan(_client(make_client)).route.reasons[0].rule == "wi2021.route.b1"
    chosen = _client(
        make_client, learnability="high", route={"choice": "b1", "reason": "intake: works well"}
    )
    plan = planner.plan(chosen)  # the counsellor's choice wins, the advice is recorded
    assert plan.route.id == "b1"
    assert [r.rule for r in plan.route.reasons] == ["counsellor.route", "counsellor.route.advice"]


def test_hook_goals(plugin_planner, make_client):
    class Ambitious(_Local):
        @hookimpl
        def padplanner_goals(self, route):
            reason = Reason("local.ambition", f"B2 speaking on the {route} route")
            return [Goal("speaking>=B2", reason), Goal("listening>=A2", reason)]

    plan = plugin_planner(Ambitious()).plan(_client(make_client))
    goals = {g.competency: g.reason.rule for g in plan.goals}
    assert goals["speaking>=B2"] == "local.ambition"  # higher than the law's B1: it counts
    assert goals["listening>=B1"] == "wi2021.goals.b1"  # lower than the law's: the law's stays
    assert "listening>=A2" not in goals
    assert "local.ambition" in {r.rule for r in plan.activity("nt2-b1-b2").reasons}


def test_hook_module_filter(plugin_planner, make_client):
    class NoA1A2(_Local):
        @hookimpl
        def padplanner_module_filter(self, module):
            if module.id.startswith("nt2-a1-a2"):
                return Reason("local.no_a1_a2", "not offered here")
            return None

    class NoKnm(_Local):
        @hookimpl
        def padplanner_module_filter(self, module):
            return Reason("local.no_knm", "no KNM course") if module.id == "knm" else None

    plan = plugin_planner(NoA1A2()).plan(_client(make_client))
    modules = {a.module for a in plan.activities}
    assert not {"nt2-a1-a2", "nt2-a1-a2-intensive"} & modules
    assert "nt2-reading-a1-a2" in modules  # the path found another way up to A2
    plan = plugin_planner(NoKnm()).plan(_client(make_client))
    (finding,) = [f for f in plan.findings if f.rule == "padplanner.path.unreachable"]
    assert "not offered" not in finding.message and "no KNM course" in finding.message
    assert not plan.feasible


def test_hook_module_hours(plugin_planner, make_client):
    class Calibrated(_Local):
        @hookimpl
        def padplanner_module_hours(self, module):
            if module.id == "pvt":
                return HoursEstimate(20, 18, 24, Reason("local.pvt.hours", "our PVT: 20 h"))
            return None  # the law estimates the rest

    plan = plugin_planner(Calibrated()).plan(_client(make_client))
    pvt = plan.activity("pvt")
    assert (pvt.hours, pvt.hours_range) == (20, (18, 24))
    assert "local.pvt.hours" in {r.rule for r in pvt.reasons}
    assert "wi2021.hours.fixed" in {r.rule for r in plan.activity("map").reasons}


def test_hook_constraints(plugin_planner, make_client):
    class Orders(_Local):
        @hookimpl
        def padplanner_constraints(self, modules):
            return [
                Constraint(
                    "after", "knm", Reason("local.after", "after MAP"), other="map", weeks=2
                ),
                Constraint("earliest", "pvt", Reason("local.late", "not before week 10"), weeks=10),
                Constraint("earliest", "not-in-the-path", Reason("local.none", "ignored"), weeks=5),
            ]

    class Alongside(_Local):
        @hookimpl
        def padplanner_goals(self):
            return [Goal("practice:retail", Reason("local.dual", "dual trajectory"))]

        @hookimpl
        def padplanner_constraints(self, modules):
            lessons = next(m.id for m in modules if m.id.startswith("nt2-a1-a2"))
            reason = Reason("local.with", "beside the lessons")
            return [Constraint("with", "dual-retail", reason, other=lessons)]

    plan = plugin_planner(Orders()).plan(_client(make_client))
    knm, map_, pvt = plan.activity("knm"), plan.activity("map"), plan.activity("pvt")
    assert knm.start_week >= map_.end_week + 2
    assert pvt.start_week >= 10
    assert {"local.after", "local.late"} <= _rules(plan)
    assert "local.none" not in _rules(plan)
    plan = plugin_planner(Alongside()).plan(_client(make_client, weekly_hours=32))
    dual = plan.activity("dual-retail")
    (lessons,) = [a for a in plan.activities if a.module.startswith("nt2-a1-a2")]
    assert dual.start_week < lessons.end_week  # alongside, not after
    assert "local.with" in {r.rule for r in dual.reasons}


def test_hook_check_ins(plugin_planner, make_client):
    class Cadence(_Local):
        @hookimpl
        def padplanner_check_ins(self, activities, ctx):
            start = min(a.start for a in activities)
            reason = Reason("local.checkins", "our own cadence")
            return [
                CheckIn(start, "intake-follow-up", reason),
                CheckIn(date(2026, 1, 5), "progress", reason),
            ]

    plan = plugin_planner(Cadence()).plan(_client(make_client))
    progress = [c for c in plan.check_ins if c.kind == "progress"]
    assert [c.date for c in progress] == [date(2026, 1, 5)]  # replaces the law's progress kind
    assert "intake-follow-up" in {c.kind for c in plan.check_ins}
    assert "map-final" in {c.kind for c in plan.check_ins}  # other kinds of the law stay
    assert plan.check_ins == tuple(sorted(plan.check_ins, key=lambda c: (c.date, c.kind)))


def test_hook_validate(plugin_planner, make_client):
    class Strict(_Local):
        @hookimpl
        def padplanner_validate(self, client, plan):
            assert plan.findings == () or all(
                f.rule.startswith("padplanner.") for f in plan.findings
            )
            if client.weekly_hours < 12:
                return [Finding("error", "local.hours", "too few hours", ("weekly_hours",))]
            return [Finding("info", "local.note", "fine", ())]

    planner = plugin_planner(Strict())
    ok = planner.plan(_client(make_client, weekly_hours=16))
    assert ok.feasible and "local.note" in {f.rule for f in ok.findings}
    bad = planner.plan(_client(make_client, weekly_hours=10))
    assert not bad.feasible and bad.findings[0].rule == "local.hours"  # errors first


def test_hook_cohort_priority(plugin_planner, make_client):
    class Queue(_Local):
        @hookimpl
        def padplanner_cohort_priority(self, clients):
            if len(clients) < 2:
                return None  # not me: first come, first served
            ordered = sorted(clients, key=lambda c: (-c.weekly_hours, c.id))
            return [
                Priority(c.id, rank, Reason("local.queue", "hours"), intensive=rank == 1)
                for rank, c in enumerate(ordered, start=1)
            ]

    planner = plugin_planner(Queue())
    ctx = PlanContext(AT, CODE, "wi2021", planner.catalog(CODE))
    views = [_client(make_client, id=f"p{h}", weekly_hours=h).view(AT) for h in (12, 24, 16)]
    rules = planner.manager.rules(CODE)
    ranked = rules.first("padplanner_cohort_priority", "", clients=views, ctx=ctx)
    assert [p.client for p in sorted(ranked, key=lambda p: p.rank)] == ["p24", "p16", "p12"]
    assert [p.intensive for p in ranked] == [True, False, False]
    alone = rules.first("padplanner_cohort_priority", "", clients=views[:1], ctx=ctx)
    assert alone[0].reason.rule == "wi2021.cohort.fifo"


def test_hook_cohort_policies(plugin_planner):
    from padplanner.cohort.policies import POLICIES, get_policy, offered

    class Offers(_Local):
        @hookimpl
        def padplanner_cohort_policies(self, municipality):
            return [
                CohortPolicy(
                    "local-30",
                    "Local: the first 30 %",
                    "...",
                    order="municipal",
                    intensive="rule",
                    follow_up_weeks=26,
                    source="policy: local (for this test)",
                    municipality=CODE,
                )
            ]

        @hookimpl
        def padplanner_cohort_priority(self, clients):
            return [Priority(c.id, n, Reason("local.queue", "")) for n, c in enumerate(clients)]

    manager = plugin_planner(Offers()).manager
    assert set(offered(manager, CODE)) == {*POLICIES, "local-30"}
    assert get_policy("local-30", CODE, manager).follow_up_weeks == 26
    with pytest.raises(InputError, match="local-30 is the policy of GM0997, not GM0998"):
        get_policy("local-30", "GM0998", manager)
    assert set(offered(plugin_planner().manager, CODE)) == set(POLICIES)


def test_manager_is_an_object_not_a_global():
    a, b = PluginManager.default(entry_points=False), PluginManager.default(entry_points=False)
    a.register(_Local(), "local")
    assert "local" in a.plugins and "local" not in b.plugins
