"""Hook specifications: the whole contract between padplanner and rule plugins.

Every hook receives keyword arguments; an implementation may accept any subset of them.
``client`` is always a :class:`~padplanner.model.client.ClientView` (no name, BSN, birth date or
notes) and ``ctx`` a :class:`~padplanner.context.PlanContext`. Hooks return data and never
mutate engine state. The national law (``padplanner/law/``) is a plugin through these
same hooks; a municipality's plugin only takes part for the municipalities it serves. The core
knows no rule of the law: which law applies (``padplanner_law``), the term and its end
(``padplanner_term``), whether a route may still change (``padplanner_route_switch``) and what
the counsellor must decide on the way (``padplanner_switch_question``,
``padplanner_a2_decision``) are asked of the law plugin like everything else.

"Who decides" hooks are ``firstresult``: the first non-``None`` answer wins, and the law plugin
answers last, so a municipality can decide before it. The other hooks collect every answer.
See ``docs/plugins.md`` for a tutorial and one section per hook.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from padplanner.context import PlanContext
    from padplanner.model import (
        Activity,
        CheckIn,
        ClientView,
        CohortPolicy,
        Constraint,
        Finding,
        Goal,
        HoursEstimate,
        Law,
        Module,
        Plan,
        PluginInfo,
        Priority,
        Reason,
        RouteAdvice,
        Term,
    )

PROJECT = "padplanner"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec(firstresult=True)
def padplanner_plugin_info() -> PluginInfo:
    """Say who the plugin is and whom it serves.

    Called once after loading. Return ``PluginInfo(name, version, municipalities=("GM0034",),
    laws=("wi2021",), owner="...")``; an empty ``municipalities`` serves every municipality.
    Every plugin must implement it (the manager calls each plugin's own implementation).

    Example::

        @hookimpl
        def padplanner_plugin_info():
            return PluginInfo("zwolle", "1.0", municipalities=("GM0193",), owner="Gemeente Zwolle")
    """


@hookspec
def padplanner_catalogs() -> list[Path]:
    """Return catalogue TOML files or folders this plugin adds (local modules, parameters).

    Plugin catalogues are read after the national one; they may add modules, competencies and
    sectors, and override dated ``[parameter.*]`` values for the plugin's municipalities.

    Example::

        @hookimpl
        def padplanner_catalogs():
            return [Path(__file__).parent / "catalog"]
    """


@hookspec(firstresult=True)
def padplanner_law(term_start: date) -> Law | None:
    """Say which law a term starting on ``term_start`` falls under, or ``None`` for "not me".

    Asked first for every plan; the first answer wins. The national law plugin answers for
    every date: ``Law("wi2021", "Wet inburgering 2021")`` for terms from 2022 on, and
    ``Law("wi2013", "Wet inburgering 2013", plans=False)`` before (a law padplanner does not
    plan under: planning stops with an input error naming the law). ``ctx.law`` and the plan's
    ``law`` are the answer's ``id``.

    Example::

        @hookimpl
        def padplanner_law(term_start):
            if term_start < date(2022, 1, 1):
                return Law("wi2013", "Wet inburgering 2013", plans=False)
    """


@hookspec(firstresult=True)
def padplanner_term(client: ClientView, ctx: PlanContext) -> Term | None:
    """Return the person's integration term: ``Term(start, end, reasons)``, or ``None``.

    Asked once per plan, before the route (``ctx.deadline`` and ``ctx.plan_start`` are not
    known yet; ``ctx.law`` is). ``end`` is the deadline every plan is measured against, the
    extensions granted so far included (``client.progress.extensions_weeks``); ``reasons`` are
    what the law says about the term (its length, until when the route may change, the fines),
    shown in the PIP's section on the time allowed. ``switch_until`` (keyword) names the last
    day the route may still change; the counsellor's agenda reads it from the plan. The law
    plugin answers last.

    Example::

        @hookimpl
        def padplanner_term(client, ctx):
            start = client.term_start
            end = add_months(start, 36) + timedelta(weeks=client.progress.extensions_weeks)
            return Term(start, end, [Reason("city.term", "Three years", ("term_start",))])
    """


@hookspec
def padplanner_route_switch(
    client: ClientView, before: str, after: str, ctx: PlanContext
) -> Reason | None:
    """Return a reason why the route may no longer change from ``before`` to ``after`` at
    ``ctx.reference_date``, or ``None`` to allow it.

    Asked when a person is planned again and the advice differs from the route followed so far
    (the last saved plan's) while no counsellor decided the route. Any plugin's reason keeps
    the route, and the reason is shown with it (the law: only within 18 months of the term
    start, from the onderwijsroute to the B1-route at any time).

    Example::

        @hookimpl
        def padplanner_route_switch(client, before, after, ctx):
            if after == "onderwijs" and client.age >= 30:
                return Reason("city.route.no_school", "Not into the onderwijsroute from 30", ("age",))
    """


@hookspec
def padplanner_switch_question(client: ClientView, route: str, ctx: PlanContext) -> Reason | None:
    """Return why a counsellor should reconsider the ``route`` before the route-switch window
    closes (the day the plan's term names, ``term.switch_until``), or ``None`` when its close
    changes nothing for a person on that route.

    Asked by the counsellor's agenda about the latest plan of each person (``ctx`` as of the
    agenda's week); any plugin's reason raises the question, one conversation cycle before the
    window closes. The law asks it on the B1- and Z-routes; from the onderwijsroute the way to
    the B1-route stays open at any time, so it does not.

    Example::

        @hookimpl
        def padplanner_switch_question(client, route, ctx):
            if route == "onderwijs" and client.age >= 27:
                return Reason("city.switch.onderwijs", "Check the onderwijsroute still fits", ("age",))
    """


@hookspec(firstresult=True)
def padplanner_a2_decision(client: ClientView, route: str, ctx: PlanContext) -> Reason | None:
    """Return when a decision on dropping skills from B1 to A2 falls due for a person on
    ``route`` with ``client.levels`` as they are now, or ``None`` when there is none to take.

    The reason's ``values`` say when and what: ``hours``, the hours of language education
    (language and literacy courses, the intake's and those recorded since) from which the
    decision is due, and ``skills``, the skills it concerns. The counsellor's agenda adds up
    the hours recorded and lists the decision from the day they reach ``hours``, until a plan
    is made. First answer wins; the law answers last: on the B1-route, from ``a2_drop_hours``
    (600 h), for every skill still below B1.

    Example::

        @hookimpl
        def padplanner_a2_decision(client, route, ctx):
            if route == "b1" and client.levels.speaking < Level.B1:
                return Reason("city.a2", "Speaking may drop to A2 after 500 h", ("levels",),
                              {"hours": 500, "skills": ["speaking"]})
    """


@hookspec(firstresult=True)
def padplanner_route(client: ClientView, ctx: PlanContext) -> RouteAdvice | None:
    """Advise the route (``b1``, ``onderwijs`` or ``z``) with reasons, or ``None`` for "not me".

    First answer wins; the law plugin answers last. A counsellor's ``[route]`` choice in the
    client file is applied by the engine after this hook and always wins (with its reason).

    Example::

        @hookimpl
        def padplanner_route(client, ctx):
            if client.aim == "study" and client.age < 30:
                return RouteAdvice("onderwijs", [Reason("city.route.study", "...", ("aim", "age"))])
    """


@hookspec
def padplanner_goals(client: ClientView, route: str, ctx: PlanContext) -> list[Goal]:
    """Return goals the plan must reach on this route; every plugin's goals are combined.

    A goal is a competency (``speaking>=B1``, ``pvt``, ``values``, ``work:care``) with a
    reason; the reason travels to the activities that serve it. When two goals name the same
    leveled competency the higher level counts.

    Example::

        @hookimpl
        def padplanner_goals(client, route, ctx):
            return [Goal("values", Reason("city.values", "Values conversations for everyone"))]
    """


@hookspec
def padplanner_module_filter(client: ClientView, module: Module, ctx: PlanContext) -> Reason | None:
    """Return a reason to leave ``module`` out of this person's path, or ``None`` to allow it.

    Called for each module the path search considers. Any plugin's reason excludes the module.

    Example::

        @hookimpl
        def padplanner_module_filter(client, module, ctx):
            if "volunteer-led" in module.tags and module.kind == "language":
                return Reason("city.language.professional", "Only professional teachers count")
    """


@hookspec(firstresult=True)
def padplanner_module_hours(
    client: ClientView, module: Module, ctx: PlanContext
) -> HoursEstimate | None:
    """Estimate the hours ``module`` will take this person: ``HoursEstimate(hours, low, high, reason)``.

    First answer wins; the law plugin scales the catalogue's reference hours by learner
    profile and answers last. Return ``None`` to leave the estimate to the next plugin.

    Example::

        @hookimpl
        def padplanner_module_hours(client, module, ctx):
            if module.id == "pvt":
                return HoursEstimate(16, 16, 16, Reason("city.pvt.hours", "Our PVT takes 16 h"))
    """


@hookspec
def padplanner_constraints(
    client: ClientView, modules: Sequence[Module], ctx: PlanContext
) -> list[Constraint]:
    """Return extra scheduling rules for the chosen ``modules``; every plugin's are combined.

    ``Constraint("after", module, reason, other=..., weeks=lag)``, ``Constraint("with",
    module, reason, other=..., weeks=0)`` (start alongside another module: it shares the
    other's predecessors instead of waiting for it to end, and it is guaranteed to start no
    later than ``weeks`` after the other starts; when hours are tight the other module waits
    for it. It does not guarantee that the two overlap, so check that in ``padplanner_validate``
    if it matters) or ``Constraint("earliest", module, reason, weeks=8)``. Constraints naming
    modules that are not in the path are ignored, and so is a ``"with"`` constraint whose
    ``other`` must end before ``module`` in the path (``module`` needs what it teaches): its
    reason is then not added to the activity.

    Example::

        @hookimpl
        def padplanner_constraints(client, modules, ctx):
            return [Constraint("earliest", "values-series", Reason("city.values.late", "..."), weeks=8)]
    """


@hookspec
def padplanner_check_ins(
    client: ClientView, activities: Sequence[Activity], ctx: PlanContext
) -> list[CheckIn]:
    """Return planned conversations (progress, MAP final interview, job follow-up).

    ``activities`` is the scheduled path. Every plugin's check-ins are combined; when a
    municipality's plugin returns ``progress`` check-ins they replace the law's default cadence.

    Example::

        @hookimpl
        def padplanner_check_ins(client, activities, ctx):
            return [CheckIn(ctx.reference_date, "intake-follow-up", Reason("city.checkin", "..."))]
    """


@hookspec
def padplanner_validate(client: ClientView, plan: Plan, ctx: PlanContext) -> list[Finding]:
    """Return findings about the finished ``plan``: risks, advice, legal problems.

    Every plugin's findings are combined. Severity ``error`` marks a plan that cannot work as
    it stands (CLI exit code 3).

    Example::

        @hookimpl
        def padplanner_validate(client, plan, ctx):
            if client.dutch_contact == "none":
                return [Finding("info", "city.contact", "Advise a placement with Dutch colleagues", ("dutch_contact",))]
    """


@hookspec(firstresult=True)
def padplanner_cohort_priority(
    clients: Sequence[ClientView], ctx: PlanContext
) -> list[Priority] | None:
    """Rank a cohort for scarce capacity (seats, coaches, intensive mediation).

    Return one ``Priority(client_id, rank, reason, intensive=...)`` per client (lower rank
    first), or ``None`` for "not me"; the national default is first come, first served. Only
    permitted fields exist on ``ClientView``: never nationality, ethnicity, religion or proxies.

    Example::

        @hookimpl
        def padplanner_cohort_priority(clients, ctx):
            return [Priority(c.id, c.term_start.toordinal(), Reason("city.fifo", "...")) for c in clients]
    """


@hookspec
def padplanner_cohort_policies(municipality: str) -> list[CohortPolicy]:
    """Return named cohort policies this plugin offers for a cohort of ``municipality``.

    The cohort simulation (``padplanner cohort``, the TUI's cohort screen) offers the national
    policies (``fifo``, ``everyone``, ``municipal``) and those of the plugins serving the
    municipality; a name may be used once. A policy with ``order="municipal"`` is ordered by
    the plugin's ``padplanner_cohort_priority``. Its title and description are said in the
    reader's language from the catalogue's ``[words.cohort_policy]`` and
    ``[words.cohort_policy_about]`` tables (keyed by the policy's name).

    Example::

        @hookimpl
        def padplanner_cohort_policies(municipality):
            return [CohortPolicy("city-30", "City: intensive mediation for 30 %", "...",
                                 order="municipal", intensive="rule", follow_up_weeks=26,
                                 source="council decision of ...", municipality="GM0193")]
    """
