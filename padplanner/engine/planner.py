"""The planner: strings the stages together, catalogue → route → goals → path → schedule → plan.

Each stage is its own module with one public function; plugins take part through hooks and
only return data. ``Planner.plan`` is pure: the same client, reference date, catalogue and
plugins give a byte-identical plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from padplanner.catalog import Catalog, load_catalog, national_catalog_dir
from padplanner.catalog.calibration import opted_in
from padplanner.context import PlanContext
from padplanner.engine import checkins, goals, route, said
from padplanner.engine.activities import planned
from padplanner.engine.adjust import NO_ADJUSTMENTS, Adjustments
from padplanner.engine.chance import DRAWS
from padplanner.engine.fewer import Chosen, earliest
from padplanner.engine.hours import HoursBook
from padplanner.engine.levels import Levels
from padplanner.engine.odds import chance_of, share_of
from padplanner.engine.path import hours_to
from padplanner.engine.state import initial_state
from padplanner.engine.timeline import Frame, frame
from padplanner.engine.validate import Names, adjust_problems, client_problems
from padplanner.errors import InputError, PlanningError, Problem
from padplanner.limits import date_problem
from padplanner.model import (
    Client,
    ClientView,
    Constraint,
    Law,
    Module,
    Plan,
    Reason,
    Term,
    weekly_capacity,
)
from padplanner.plugins import PluginManager, Rules

TIE_DRAWS = 100  # draws that settle a tie between two ways of sharing the week


class Planner:
    """Plans clients under the national law and the plugins of their municipality."""

    def __init__(
        self, manager: PluginManager | None = None, catalog_paths: Iterable[str] | None = None
    ):
        self.manager = manager or PluginManager.default()
        self.catalog_paths = (
            list(catalog_paths) if catalog_paths is not None else [national_catalog_dir()]
        )
        self._catalogs: dict[str, Catalog] = {}
        self._names: Names | None = None

    @classmethod
    def default(cls) -> Planner:
        """The national catalogue plus every installed plugin."""
        return cls(PluginManager.default())

    def catalog(self, municipality: str = "") -> Catalog:
        """The national catalogue extended by the plugins serving ``municipality``."""
        if municipality not in self._catalogs:
            extra = [
                *(self.manager.catalog_paths(municipality) if municipality else ()),
                *opted_in(municipality),  # calibrated hours named in the environment
            ]
            self._catalogs[municipality] = load_catalog(self.catalog_paths, overrides=extra)
        return self._catalogs[municipality]

    def known_names(self) -> Names:
        """Module ids, sectors and competencies of the national and every plugin catalogue."""
        if self._names is None:
            catalogs = [self.catalog("")]
            for plugin in self.manager.plugins.values():
                for code in plugin.info.municipalities:
                    try:
                        catalogs.append(self.catalog(code))
                    except InputError:
                        continue  # a broken catalogue stops planning only where it is used
            self._names = Names.of(catalogs)
        return self._names

    def law(self, term_start: date, municipality: str = "", client_id: str = "") -> Law | None:
        """The law a term starting on ``term_start`` falls under, as the law plugin says
        (``padplanner_law``); None when no plugin knows."""
        rules = self.manager.rules(municipality)
        return rules.first("padplanner_law", client_id, term_start=term_start)

    def asking(
        self, municipality: str, term_start: date, at: date, client_id: str = ""
    ) -> tuple[Rules, PlanContext] | None:
        """The rules of ``municipality`` and the context they are asked in on ``at`` outside
        a plan, under the law of a term that started on ``term_start``; None under a law
        padplanner does not plan."""
        law = self.law(term_start, municipality, client_id)
        if law is None or not law.plans:
            return None
        catalog = self.catalog(municipality)
        ctx = PlanContext(reference_date=at, municipality=municipality, law=law.id, catalog=catalog)
        return self.manager.rules(municipality), ctx

    def term(self, client: Client, at: date | None = None) -> Term | None:
        """The person's term as the rules set it on ``at`` (default: the term start), asked of
        the plugins as a plan asks (``padplanner_term``); None under a law not planned."""
        at = at or client.term_start
        asking = self.asking(client.municipality, client.term_start, at, client.id)
        if asking is None:
            return None
        rules, ctx = asking
        return rules.first("padplanner_term", client.id, client=client.view(at), ctx=ctx)

    def plan(
        self,
        client: Client,
        at: date | None = None,
        *,
        municipality: str | None = None,
        adjust: Adjustments = NO_ADJUSTMENTS,
        effort: str = "fast",
        draws: int = 0,
        followed: str | None = None,
    ) -> Plan:
        """Plan ``client`` as of ``at`` (default: the term start); raises on bad input.

        ``municipality`` plans the person under another municipality's rules (a move).
        ``draws`` > 0 adds the chance to finish on time from that many draws of the hours
        (``plan.on_time``; about 1,000 for a revision that is saved, none while editing).
        ``followed`` is the route the person followed so far (the last saved plan's): when the
        rules now advise another and a rule says the route may no longer change, it stays.
        """
        at = at or client.term_start
        if (problem := date_problem(at)) is not None:  # a far-future date would overflow
            raise InputError([Problem(client.id, "at", problem)])
        code = municipality or client.municipality
        rules = self.manager.rules(code)
        rules.check(client.id)
        law = self.law(client.term_start, code, client.id)
        if law is None or not law.plans:
            named = f"the {law.name}, which padplanner does not plan" if law else "no law"
            raise InputError(
                [
                    Problem(
                        client.id,
                        "term_start",
                        f"a term that started on {client.term_start.isoformat()} falls under "
                        f"{named}; check the start of the term",
                    )
                ]
            )
        catalog = self.catalog(code)
        known = self.known_names()
        problems = client_problems(client, catalog, known=known)
        problems += adjust_problems(adjust, catalog, known)
        if problems:
            raise InputError(problems)
        run = _Run(client, at, code, law.id, rules, catalog, adjust, effort)
        return run.plan(draws, followed)


class _Run:
    """One planning run for one client; every stage reads from it, none writes back."""

    def __init__(self, client, at, code, law, rules, catalog, adjust, effort):
        self.client: Client = client
        self.rules: Rules = rules
        self.catalog: Catalog = catalog
        self.adjust: Adjustments = adjust
        self.effort = effort
        view = client.view(at)
        changes = {}
        if code != client.municipality:
            changes["municipality"] = code
        if adjust.weekly_hours is not None:
            changes["weekly_hours"] = adjust.weekly_hours
        if adjust.days is not None:
            changes["availability"] = attrs.evolve(view.availability, days=tuple(adjust.days))
        if adjust.sector is not None:
            changes["work"] = attrs.evolve(view.work, goal=adjust.sector)
        self.view: ClientView = attrs.evolve(view, **changes) if changes else view
        asked = PlanContext(reference_date=at, municipality=code, law=law, catalog=catalog)
        term = rules.first("padplanner_term", client.id, client=self.view, ctx=asked)
        if term is None:
            raise PlanningError(f"no rule set the term of client {client.id}", client=client.id)
        self.term: Term = term
        self.deadline = term.end
        start = max(at, client.term_start, client.availability.start_after or at)
        self.plan_start = start
        self.deadline_week = (self.deadline - start).days // 7  # as the draws count weeks
        self.capacity = weekly_capacity(self.view)
        self.state = initial_state(self.view, catalog)
        self.ctx = PlanContext(
            reference_date=at,
            municipality=code,
            law=law,
            catalog=catalog,
            plan_start=start,
            deadline=self.deadline,
            estimator=self._estimate,
        )
        self.hours = HoursBook(rules, self.view, self.ctx)
        self.within = self.capacity  # the hours a week a module may need at least
        # the plugins' module filters, asked once per module in a run (estimates, paths)
        self._filtered: dict[str, tuple[Module, Reason | None]] = {}
        self.route = ""  # set once the route is chosen; estimates before that use any route

    # -- stage helpers ---------------------------------------------------------------------
    def allowed(self, module: Module) -> Reason | None:
        """Why ``module`` may not be in a path of someone with ``within`` hours a week on this
        plan's route (too few hours, another route, removed by the counsellor, or a plugin's
        filter); None when it may."""
        low = module.intensity_range[0]
        if low > self.within:
            return Reason(
                "padplanner.path.intensity",
                f"Needs at least {low} h a week; {self.within} h are available",
                ("weekly_hours", "availability.days"),
                {"low": low, "capacity": self.within},
            )
        if module.routes and self.route not in module.routes:
            return Reason(
                "padplanner.path.route",
                f"Only on the {', '.join(module.routes)} route; this plan follows the {self.route} route",
                ("route",),
                {"routes": module.routes, "route": self.route},
            )
        if module.id in self.adjust.remove:
            return Reason("counsellor.remove", self.adjust.remove[module.id], ())
        known = self._filtered.get(module.id)
        if known is not None and known[0] is module:
            return known[1]
        answer = self.rules.first(
            "padplanner_module_filter",
            self.client.id,
            client=self.view,
            module=module,
            ctx=self.ctx,
        )
        self._filtered[module.id] = (module, answer)
        return answer

    def _estimate(self, targets: Iterable[str]) -> tuple[float, tuple[str, ...]]:
        return hours_to(self.catalog, self.state, list(targets), self.hours, self.allowed)

    # -- the pipeline ----------------------------------------------------------------------
    def plan(self, draws: int = 0, followed: str | None = None) -> Plan:
        view, ctx, rules, cid = self.view, self.ctx, self.rules, self.client.id
        picked = route.choose(rules, view, ctx, self.client.route, followed)
        self.route = picked.id
        wanted = self.wanted = goals.collect(rules, view, picked.id, ctx)
        added = []
        for module_id, reason in sorted(self.adjust.add.items()):
            if module_id in self.catalog.modules:
                added.append(
                    (self.catalog.modules[module_id], Reason("counsellor.add", reason, ()))
                )
        levels = Levels(self, wanted, added)
        own, first = levels.first()
        best, likeliest = levels.likeliest(first)
        path, made, chosen, self.hours = best.path, best.made, best.chosen, best.book
        if self.adjust.pins:  # a pin holds a module of the path the plan without pins takes
            made, chosen, refused = self.schedule_path(path, self.hours, self.capacity, pinned=True)
            if refused:
                raise InputError(refused)
        timed, result = chosen.timed, chosen.result
        activities = planned(
            timed,
            result.start,
            path,
            self.hours,
            view.progress.hours_done,
            made.notes,
            said.instead(own, path, likelier=best is not first),
            self.adjust.pins,
            self.plan_start,
            ctx.lang,
        )
        activities.sort(key=lambda a: (a.start_week, a.id))
        completion = max((a.end for a in activities), default=self.plan_start)
        milestones = said.milestones(wanted, activities, path, self.plan_start)
        planned_checkins = checkins.collect(rules, view, activities, ctx)
        findings = said.path_findings(path)
        if best is not first:
            weeks = best.chosen.result.makespan - first.chosen.result.makespan
            hits, earliest = (round(c * DRAWS) for c in (likeliest, levels.odds(first)))
            findings.append(said.likelier(hits, earliest, DRAWS, weeks, best.chosen.capacity))
        fields = {
            "client": cid,
            "municipality": ctx.municipality,
            "law": ctx.law,
            "reference_date": ctx.reference_date,
            "route": picked,
            "goals": wanted,
            "activities": activities,
            "milestones": milestones,
            "check_ins": planned_checkins,
            "completion_date": completion,
            "deadline": self.deadline,
            "slack_weeks": (self.deadline - completion).days // 7,
            "total_hours": round(sum(a.hours for a in activities), 1),
            "cost_eur": sum(a.cost_eur for a in activities),
            "term": self.term,
        }
        draft = Plan(**fields, findings=findings)
        for batch in rules.collect("padplanner_validate", cid, client=view, plan=draft, ctx=ctx):
            findings.extend(batch)
        order = {"error": 0, "warning": 1, "info": 2}
        findings.sort(key=lambda f: (order[f.severity], f.rule, f.message))
        on_time = None
        if draws > 0:
            on_time = chance_of(
                timed,
                result.start,
                path,
                wanted,
                self.hours,
                view.progress.hours_done,
                self.deadline_week,
                chosen.capacity,
                draws,
            )
        # from the engine's own values, not the draft
        return Plan(**fields, findings=findings, on_time=on_time)

    def schedule_path(
        self, path, hours, capacity: int, rival: Chosen | None = None, pinned: bool = False
    ) -> tuple[Frame, Chosen | None, list[Problem]]:
        """The plugins' constraints on ``path``, its frame, its earliest schedule within
        ``capacity`` hours a week or fewer (:func:`earliest`; with a ``rival``, only one
        that beats it), and the problems that refuse it (a pin on a module not in it, a rule
        that would make a cycle). ``pinned``: with the counsellor's pins; without them the
        path is chosen, so pinning a course of a plan keeps that plan's path."""
        pins = self.adjust.pins if pinned else {}
        constraints: list[Constraint] = []
        owners: dict[int, str] = {}  # id of a constraint -> the plugin that asked for it
        for plugin, batch in self.rules.collect_by_plugin(
            "padplanner_constraints",
            self.client.id,
            client=self.view,
            modules=path.modules,
            ctx=self.ctx,
        ):
            for c in batch:
                owners[id(c)] = plugin
                constraints.append(c)
        made = frame(path, hours, self.plan_start, constraints, pins)
        refused = said.stale_pins(self.client.id, pins, {m.id for m in made.active})
        refused += said.cycles(made.skipped, owners, self.rules)
        if refused:
            return made, None, refused
        # the earliest end of the schedules for these hours and fewer: more never end later
        prefer = self._likelier(path, hours) if rival is None else None
        return made, earliest(made, capacity, self.effort, rival, prefer), refused

    def _likelier(self, path, hours):
        """On a tie in the end between the reserve for side activities and the course
        keeping its hours, the one more likely to end on time (:data:`TIE_DRAWS` draws,
        the same every time, so the plan does not depend on whether its chance is asked)."""
        if path.unreachable:  # never on time, either way
            return lambda kept, reserve: False
        done = self.view.progress.hours_done

        def odds(c: Chosen) -> float:
            return share_of(c, hours, done, self.deadline_week, TIE_DRAWS)

        return lambda kept, reserve: odds(kept) > odds(reserve)
