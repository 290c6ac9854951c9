"""``padplanner compare FILE --municipalities A,B[,C]``: one person under several municipalities.

Plans the same person under each municipality's rules and shows the plans side by side, then
every difference from the first (the baseline) with the rule ids that explain it. On a move the
law keeps the route: the route is decided under the person's own municipality and kept in the
others (recorded as a decision with its reason); support and intensity may change.

A difference is *direct* when a municipality's rule names it (an activity's reason, a module
left out by a filter, a goal, a check-in cadence, a finding) and *indirect* when it follows from
the direct ones (a course that moves because another one takes its hours, a later completion);
an indirect difference lists the direct rules it follows from.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import typer

from padplanner.cli.common import choice, language, parse_date, write_output
from padplanner.cli.options import lang_option
from padplanner.model.client import is_municipality_code

if TYPE_CHECKING:
    from padplanner.engine.planner import Planner
    from padplanner.model import Activity, Client, Plan

COMPARE_SCHEMA = "padplanner.compare/1"
STRUCTURE = ("route", "goal", "activity")


def register(app: typer.Typer) -> None:
    app.command("compare")(compare_command)


@attrs.frozen
class Difference:
    """One way a plan differs from the baseline plan, and the rules that explain it."""

    municipality: str
    area: str  # route | goal | activity | check-ins | finding | completion | totals
    subject: str
    baseline: str
    other: str
    rules: tuple[str, ...]
    indirect: bool = False
    # what baseline and other were written from (a route id, a goal, an activity, check-ins,
    # findings, a date, a plan), for the text in the reader's language; not in the JSON
    values: tuple[Any, Any] | None = attrs.field(default=None, eq=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "municipality": self.municipality,
            "area": self.area,
            "subject": self.subject,
            "baseline": self.baseline,
            "other": self.other,
            "rules": list(self.rules),
            "indirect": self.indirect,
        }


# -- planning ------------------------------------------------------------------------------
def plan_all(
    planner: Planner, client: Client, codes: Sequence[str], at: date | None = None
) -> dict[str, Plan]:
    """One plan per municipality code; the route is kept from the person's own municipality."""
    from padplanner.model.client import RouteChoice

    home = planner.plan(client, at=at)
    moved = client
    if client.route is None:
        why = "; ".join(r.text for r in home.route.reasons)
        moved = attrs.evolve(
            client,
            route=RouteChoice(
                home.route.id,
                f"The route chosen in {client.municipality} stays on a move (Wi2021): {why}",
            ),
        )
    return {
        code: home if code == client.municipality else planner.plan(moved, at=at, municipality=code)
        for code in codes
    }


# -- differences ---------------------------------------------------------------------------
def differences(planner: Planner, client: Client, base: Plan, other: Plan) -> list[Difference]:
    """Every difference of ``other`` from ``base``, each with the rule ids that explain it."""
    local = _local_plugins(planner, base.municipality) | _local_plugins(planner, other.municipality)
    pair = _Pair(planner, client, base, other, local)
    return pair.run()


def _local_plugins(planner: Planner, code: str) -> set[str]:
    return {p.name for p in planner.manager.serving(code) if not p.builtin}


class _Pair:
    def __init__(self, planner, client, base: Plan, other: Plan, local: set[str]):
        from padplanner.model.diff import diff_plans

        self.planner, self.client, self.base, self.other = planner, client, base, other
        self.diff = diff_plans(base, other)
        self.local = local
        self.code = other.municipality
        self.direct: list[Difference] = []
        self.indirect: list[tuple[str, str, str, str, tuple[Any, Any]]] = []

    def is_local(self, rule: str) -> bool:
        return rule.split(".", 1)[0] in self.local

    def pick(self, rules: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted({r for r in rules if self.is_local(r)}))

    def add(
        self,
        area: str,
        subject: str,
        baseline: str,
        other: str,
        rules: Iterable[str],
        values: tuple[Any, Any],
    ):
        rules = self.pick(rules)
        if rules:
            self.direct.append(
                Difference(self.code, area, subject, baseline, other, rules, values=values)
            )
        else:
            self.indirect.append((area, subject, baseline, other, values))

    def run(self) -> list[Difference]:
        self.route()
        self.goals()
        self.activities()
        self.check_ins()
        self.findings()
        self.totals()
        # what moves a plan's timing: its route, goals and activities (not check-ins, findings)
        causes = tuple(sorted({r for d in self.direct if d.area in STRUCTURE for r in d.rules}))
        return self.direct + [
            Difference(self.code, area, subject, baseline, other, causes, True, values)
            for area, subject, baseline, other, values in self.indirect
        ]

    def route(self) -> None:
        if "route" in self.diff.facts:
            base, other = self.base.route, self.other.route
            rules = [r.rule for r in (*base.reasons, *other.reasons)]
            self.add("route", "route", base.id, other.id, rules, (base.id, other.id))

    def goals(self) -> None:
        for goal in self.diff.goals:
            rules = [g.reason.rule for g in (goal.old, goal.new) if g is not None]
            values = (goal.old, goal.new)
            self.add("goal", goal.name, _goal(goal.old), _goal(goal.new), rules, values)

    def activities(self) -> None:
        base = {a.module: a for a in self.base.activities}
        other = {a.module: a for a in self.other.activities}
        removed = {d.id: self.excluded_by(d.old) for d in self.diff.activities if d.removed}
        for item in sorted(self.diff.activities, key=lambda d: d.id):
            module, a, b = item.id, item.old, item.new
            if a is not None and b is not None:
                if _timing(a) != _timing(b):
                    changed = {r.rule for r in a.reasons} ^ {r.rule for r in b.reasons}
                    self.add("activity", module, _when(a), _when(b), changed, (a, b))
                continue
            if b is not None:  # added in the other plan
                rules = [r.rule for r in b.reasons]
                if not self.pick(rules):  # a replacement for a module left out there
                    rules = [
                        rule
                        for gone, rule in removed.items()
                        if rule and set(base[gone].grants) & set(b.grants)
                    ]
                self.add("activity", module, "-", _when(b), rules, (None, b))
            else:
                rule = removed[module]
                rules = [rule] if rule else [r.rule for r in a.reasons]
                if not self.pick(rules):  # replaced by a module only the other plan has
                    rules = [
                        r.rule
                        for added in other.values()
                        if added.module not in base and set(added.grants) & set(a.grants)
                        for r in added.reasons
                    ]
                self.add("activity", module, _when(a), "-", rules, (a, None))

    def excluded_by(self, activity: Activity) -> str:
        """The rule of the other municipality that leaves this module out, if one does."""
        from padplanner.context import PlanContext

        catalog = self.planner.catalog(self.code)
        module = catalog.modules.get(activity.module)
        if module is None:
            return ""
        view = attrs.evolve(self.client.view(self.other.reference_date), municipality=self.code)
        ctx = PlanContext(self.other.reference_date, self.code, self.other.law, catalog)
        reason = self.planner.manager.rules(self.code).first(
            "padplanner_module_filter", self.client.id, client=view, module=module, ctx=ctx
        )
        return reason.rule if reason is not None else ""

    def check_ins(self) -> None:
        for item in self.diff.check_ins:
            rules = [r.rule for c in (*item.old, *item.new) for r in c.reasons]
            values = (item.old, item.new)
            self.add("check-ins", item.kind, _dates(item.old), _dates(item.new), rules, values)

    def findings(self) -> None:
        changed = self.diff.findings_gone + self.diff.findings_new
        for rule in sorted({f.rule for f in changed}):
            a = [f for f in self.base.findings if f.rule == rule]
            b = [f for f in self.other.findings if f.rule == rule]
            old = " / ".join(sorted(f.message for f in a)) or "-"
            new = " / ".join(sorted(f.message for f in b)) or "-"
            self.add("finding", rule, old, new, [rule], (a, b))

    def totals(self) -> None:
        base, other, facts = self.base, self.other, self.diff.facts
        if "completion_date" in facts:
            dates = (base.completion_date, other.completion_date)
            self.indirect.append(("completion", "completion", *map(str, dates), dates))
        if "total_hours" in facts or "cost_eur" in facts:
            totals = ("totals", "hours and cost", _totals(base), _totals(other), (base, other))
            self.indirect.append(totals)


def _goal(goal) -> str:
    return goal.competency if goal is not None else "-"


def _timing(activity: Activity) -> tuple:
    return (activity.start_week, activity.weeks, activity.hours_per_week, round(activity.hours))


def _when(activity: Activity) -> str:
    return (
        f"weeks {activity.start_week}-{activity.end_week - 1}, {activity.hours_per_week} h/w, "
        f"{activity.hours:,.0f} h"
    )


def _dates(items) -> str:
    if not items:
        return "-"
    return f"{len(items)}: " + ", ".join(c.date.isoformat() for c in items)


def _totals(plan: Plan) -> str:
    return f"{plan.total_hours:,.0f} h, €{plan.cost_eur:,.0f}"


# -- output --------------------------------------------------------------------------------
def compare_data(
    planner: Planner, client: Client, codes: Sequence[str], at: date | None = None
) -> dict[str, Any]:
    plans = plan_all(planner, client, codes, at)
    base = plans[codes[0]]
    diffs = {code: differences(planner, client, base, plans[code]) for code in codes[1:]}
    return {
        "catalogs": {code: planner.catalog(code) for code in codes},  # for the text only
        "schema": COMPARE_SCHEMA,
        "client": client.id,
        "home": client.municipality,
        "baseline": codes[0],
        "municipalities": list(codes),
        "plans": plans,
        "differences": diffs,
    }


def to_json(data: dict[str, Any]) -> str:
    out = {key: value for key, value in data.items() if key != "catalogs"}
    out["plans"] = {code: plan.to_dict() for code, plan in data["plans"].items()}
    out["differences"] = {
        code: [d.to_dict() for d in items] for code, items in data["differences"].items()
    }
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


def to_text(data: dict[str, Any], lang: str | None = None) -> str:
    """The comparison as text in ``lang`` (``padplanner/cli/compare_text.py``)."""
    from padplanner.cli.compare_text import to_text as text

    return text(data, lang)


def parse_codes(text: str) -> list[str]:
    """``GM0034,GM9001`` → codes; at least two, each ``GMdddd``, no repeats."""

    from padplanner.errors import InputError, Problem

    codes = [c.strip().upper() for c in text.split(",") if c.strip()]
    problems = [
        Problem.worded("--municipalities", "", "cli.problem.code", code=repr(c))
        for c in codes
        if not is_municipality_code(c)
    ]
    if len(codes) < 2:
        problems.append(Problem.worded("--municipalities", "", "cli.problem.compare.two"))
    if len(set(codes)) != len(codes):
        problems.append(Problem.worded("--municipalities", "", "cli.problem.compare.twice"))
    if problems:
        raise InputError(problems)
    return codes


def compare_command(
    file: Path = typer.Argument(..., help="A padplanner.client/1 TOML file."),
    municipalities: str = typer.Option(
        ...,
        "--municipalities",
        "-m",
        help="Comma-separated CBS codes, e.g. GM0000,GM0034,GM9001; the first is the baseline.",
    ),
    at: str | None = typer.Option(None, "--at", help="Reference date (default: the term start)."),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json"),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write to this file."),
    lang: str | None = lang_option(),
) -> int:
    """Plan one person under several municipalities' rules; show every difference and its rule."""
    from padplanner import Planner, load_client

    choice(fmt, ("text", "json"), "--format")
    lang = language(lang)
    codes = parse_codes(municipalities)
    when = parse_date(at)
    client = load_client(file)
    data = compare_data(Planner.default(), client, codes, when)
    write_output(to_text(data, lang) if fmt == "text" else to_json(data), output, lang)
    return 0
