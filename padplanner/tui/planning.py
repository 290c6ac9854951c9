"""What the plan screen computes, kept apart from widgets so it is easy to test.

- :class:`PlanSession`: one person's plan being edited: the client, the counsellor's
  :class:`Adjustments` (with undo), the current plan, and the revision it builds on.
- :func:`dependency_chain`: the activities that must end first, transitively.
- :func:`addable_modules`: catalogue modules whose requirements the plan (plus the client's
  levels) can meet.
- :func:`compare`: what changed between two plans.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import date

import attrs

from padplanner.catalog import Catalog
from padplanner.engine.adjust import Adjustments
from padplanner.engine.chance import DRAWS
from padplanner.engine.planner import Planner
from padplanner.engine.state import apply, has, initial_state
from padplanner.i18n import N_
from padplanner.model import Activity, Client, Finding, Module, Plan
from padplanner.model.client import RouteChoice
from padplanner.model.diff import diff_plans

UNREACHABLE = "padplanner.path.unreachable"


@attrs.frozen
class Edit:
    """One counsellor edit, as listed under the plan: ``kind`` is a catalogue key suffix."""

    kind: str  # hours | days | pin | remove | add | sector | route
    module: str = ""
    value: str = ""


def _edits(adjust: Adjustments, route: RouteChoice | None) -> list[Edit]:
    out: list[Edit] = []
    if adjust.weekly_hours is not None:
        out.append(Edit("hours", value=str(adjust.weekly_hours)))
    if adjust.days is not None:
        out.append(Edit("days", value=" ".join(adjust.days)))
    out += [Edit("pin", m, str(w)) for m, w in sorted(adjust.pins.items())]
    out += [Edit("remove", m, r) for m, r in sorted(adjust.remove.items())]
    out += [Edit("add", m, r) for m, r in sorted(adjust.add.items())]
    if adjust.sector is not None:
        out.append(Edit("sector", value=adjust.sector))
    if route is not None:
        out.append(Edit("route", value=route.choice))
    return out


@attrs.define
class PlanSession:
    """A plan being adjusted with a person; every edit replans at once (milliseconds)."""

    planner: Planner
    client: Client
    today: date
    adjust: Adjustments = attrs.field(factory=Adjustments)
    base_revision: int = 0
    previous: Plan | None = None  # the plan of ``base_revision`` (None before the first save)
    plan: Plan | None = None
    reference: date | None = None  # plan as of this date (default: today, from the term start)
    saved_adjust: Adjustments = attrs.field(factory=Adjustments)  # of ``base_revision``
    last_ms: float = 0.0
    _undo: list[tuple[Adjustments, Client]] = attrs.field(factory=list)

    @property
    def catalog(self) -> Catalog:
        return self.planner.catalog(self.client.municipality)

    @property
    def at(self) -> date:
        """The reference date: the saved plan's, else today (never before the term start)."""
        return self.reference or max(self.today, self.client.term_start)

    @property
    def followed(self) -> str | None:
        """The route of the saved plan this session builds on: an edit keeps it when the rules
        would now advise another that may no longer be chosen (unless the counsellor decides
        the route)."""
        if self.previous is None or self.client.route is not None:
            return None
        return self.previous.route.id

    def replan(self) -> Plan:
        """Plan with the current adjustments; raises ``PlanningError`` / ``InputError``."""
        started = time.perf_counter()
        self.plan = self.planner.plan(
            self.client, at=self.at, adjust=self.adjust, followed=self.followed
        )
        self.last_ms = (time.perf_counter() - started) * 1000
        return self.plan

    def final(self) -> Plan:
        """The plan to save: as the last replan, with the chance to finish on time (which
        takes draws of the hours, so it is computed once at saving, not on every edit)."""
        return self.planner.plan(
            self.client, at=self.at, adjust=self.adjust, draws=DRAWS, followed=self.followed
        )

    def apply(self, adjust: Adjustments | None = None, client: Client | None = None) -> Plan:
        """Apply an edit and replan; on failure the session keeps its previous state."""
        before = (self.adjust, self.client)
        self.adjust = adjust if adjust is not None else self.adjust
        self.client = client if client is not None else self.client
        try:
            plan = self.replan()
        except Exception:
            self.adjust, self.client = before
            raise
        self._undo.append(before)
        return plan

    def fork(self) -> PlanSession:
        """A copy to try an edit on (in a worker, while a plugin may take its time); the
        screen keeps it only once the plan is made, so a failed edit changes nothing."""
        return attrs.evolve(self, undo=list(self._undo))

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> bool:
        if not self._undo:
            return False
        self.adjust, self.client = self._undo.pop()
        self.replan()
        return True

    @property
    def dirty(self) -> bool:
        """True when the current plan differs from the saved revision (or none is saved)."""
        if self.plan is None:
            return False
        if self.previous is None:
            return True
        # the chance to finish on time is computed only when a revision is saved: not an edit
        return _without_chance(self.previous) != _without_chance(self.plan)

    def edits(self) -> list[Edit]:
        return _edits(self.adjust, self.client.route)

    # -- the edits -----------------------------------------------------------------------
    def with_hours(self, hours: int) -> Plan:
        return self.apply(attrs.evolve(self.adjust, weekly_hours=hours))

    def with_days(self, days: Iterable[str]) -> Plan:
        return self.apply(attrs.evolve(self.adjust, days=tuple(days)))

    def with_pin(self, module: str, week: int) -> Plan:
        return self.apply(attrs.evolve(self.adjust, pins={**self.adjust.pins, module: week}))

    def with_sector(self, sector: str) -> Plan:
        return self.apply(attrs.evolve(self.adjust, sector=sector))

    def with_added(self, module: str, reason: str) -> Plan:
        remove = {k: v for k, v in self.adjust.remove.items() if k != module}
        adjust = attrs.evolve(self.adjust, add={**self.adjust.add, module: reason}, remove=remove)
        return self.apply(adjust)

    def removal(self, module: str, reason: str) -> Adjustments:
        add = {k: v for k, v in self.adjust.add.items() if k != module}
        pins = {k: v for k, v in self.adjust.pins.items() if k != module}
        return attrs.evolve(
            self.adjust, remove={**self.adjust.remove, module: reason}, add=add, pins=pins
        )

    def removal_breaks_goals(self, module: str) -> bool:
        """True when leaving ``module`` out makes a goal unreachable (so it is not optional)."""
        assert self.plan is not None
        without = attrs.evolve(self.removal(module, "trial"), pins={})  # pins change no goal
        trial = self.planner.plan(self.client, at=self.at, adjust=without, followed=self.followed)
        before = {f.message for f in self.plan.findings if f.rule == UNREACHABLE}
        return any(f.rule == UNREACHABLE and f.message not in before for f in trial.findings)

    def with_removed(self, module: str, reason: str) -> Plan:
        return self.apply(self.removal(module, reason))

    def with_route(self, route: str, reason: str) -> Plan:
        current = self.plan.route.id if self.plan is not None else None
        previous = current if current != route else None
        choice = RouteChoice(route, reason, previous)  # type: ignore[arg-type]
        return self.apply(client=attrs.evolve(self.client, route=choice))

    def addable(self) -> list[Module]:
        assert self.plan is not None
        return addable_modules(self.plan, self.client, self.catalog)


def decisions(saved: Adjustments, current: Adjustments, reason: str) -> list:
    """The counsellor decisions a save records: modules newly left out or added (with their
    reasons) and ``restore`` for earlier ones undone, so replanning later keeps them."""
    from padplanner.store import Decision

    out = [
        Decision("remove", m, r) for m, r in sorted(current.remove.items()) if m not in saved.remove
    ]
    out += [Decision("add", m, r) for m, r in sorted(current.add.items()) if m not in saved.add]
    undone = (set(saved.remove) - set(current.remove)) | (set(saved.add) - set(current.add))
    out += [Decision("restore", m, reason) for m in sorted(undone)]
    return out


def plan_start(plan: Plan) -> date:
    """The plan's first week (week 0), derived from any activity."""
    from datetime import timedelta

    for activity in plan.activities:
        return activity.start - timedelta(weeks=activity.start_week)
    return plan.reference_date


def week_of(plan: Plan, day: date) -> int:
    return (day - plan_start(plan)).days // 7


def dependency_chain(plan: Plan, activity_id: str) -> list[tuple[int, Activity]]:
    """The activities that must end before ``activity_id``, transitively, as (depth, activity).

    Depth-first in ``depends_on`` order; an activity reached twice is listed once, at its first
    place, so the list reads as a tree.
    """
    by_id = {a.id: a for a in plan.activities}
    out: list[tuple[int, Activity]] = []
    seen: set[str] = set()

    def visit(current: str, depth: int) -> None:
        for dep in by_id[current].depends_on:
            if dep in seen or dep not in by_id:
                continue
            seen.add(dep)
            out.append((depth, by_id[dep]))
            visit(dep, depth + 1)

    visit(activity_id, 0)
    return out


def addable_modules(plan: Plan, client: Client, catalog: Catalog) -> list[Module]:
    """Modules not in the plan whose requirements the client's levels plus the plan can meet,
    and that bring something the person will not have yet.

    The plan's grants count as met (everything planned will have been done by the end); a
    module restricted to other routes, or granting only what the person will have anyway
    (a literacy course for someone who reads), is left out.
    """
    state = initial_state(client.view(plan.reference_date), catalog)
    planned = {a.module for a in plan.activities}
    for activity in plan.activities:
        apply(state, catalog.modules[activity.module].grants, catalog)
    out = []
    for module in catalog.modules.values():
        if module.id in planned:
            continue
        if module.routes and plan.route.id not in module.routes:
            continue
        if not all(has(state, r, catalog) for r in module.requires):
            continue
        if module.requires_any and not any(has(state, r, catalog) for r in module.requires_any):
            continue
        if module.grants and all(has(state, g, catalog) for g in module.grants):
            continue
        out.append(module)
    return out


@attrs.frozen
class Change:
    """One difference between two plans: a catalogue key and its fields."""

    key: str
    fields: dict = attrs.field(factory=dict)


def compare(
    old: Plan, new: Plan, words: Callable[[Plan, Finding], str] | None = None
) -> list[Change]:
    """What changed from ``old`` to ``new``: route, dates, hours, activities, findings.

    ``words(plan, finding)`` writes a finding for the screen (default: its message)."""
    diff = diff_plans(old, new)
    out: list[Change] = []
    for fact, key in (
        ("route", N_("tui.change.route")),
        ("completion_date", N_("tui.change.completion")),
        ("slack_weeks", N_("tui.change.slack")),
        ("total_hours", N_("tui.change.hours")),
    ):
        if fact in diff.facts:
            before, after = diff.facts[fact]
            fields = {"old": before, "new": after}
            if fact == "completion_date":
                fields["delta"] = (after - before).days // 7
            out.append(Change(key, fields))
    for item in diff.activities:
        if item.old is None:
            activity = item.new
            out.append(
                Change(
                    N_("tui.change.added"),
                    {"activity": activity.title, "week": activity.start_week},
                )
            )
        elif item.new is None:
            out.append(Change(N_("tui.change.removed"), {"activity": item.old.title}))
        elif "start_week" in item.changed():
            fields = {"activity": item.new.title, "old": item.old.start_week}
            out.append(Change(N_("tui.change.moved"), {**fields, "new": item.new.start_week}))
    write = words or (lambda _plan, finding: finding.message)
    out += [
        Change(N_("tui.change.finding_new"), {"message": write(new, f)}) for f in diff.findings_new
    ]
    out += [
        Change(N_("tui.change.finding_gone"), {"message": write(old, f)})
        for f in diff.findings_gone
    ]
    return out


def _without_chance(plan: Plan) -> dict:
    data = plan.to_dict()
    data.pop("on_time", None)
    return data
