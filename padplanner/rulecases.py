"""Rule cases: readable tests of rules, the way OpenFisca pins legislation.

A case names a person (client-file fields over a default synthetic person), a reference date,
the rules it pins and what the plan must show; :mod:`padplanner.testing` describes the file
format and docs/plugins.md every ``expect`` key. This module reads and runs cases without
pytest, so ``padplanner rules`` can list the cases that pin each rule; the pytest plugin in
:mod:`padplanner.testing` collects them as tests.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from padplanner.limits import read_toml

if TYPE_CHECKING:
    from padplanner.engine.planner import Planner
    from padplanner.model import Client, Plan

DEFAULT_CLIENT: dict[str, Any] = {
    "id": "case",
    "birth_date": date(1990, 1, 1),
    "municipality": "GM0000",
    "term_start": date(2025, 9, 1),
    "weekly_hours": 16,
    "learnability": "average",
    "education": "secondary",
    "literacy": "latin",
    "dutch_contact": "some",
    "aim": "work",
    "levels": {"reading": "A1", "listening": "A1", "writing": "A1", "speaking": "A1"},
}
EXPECT_KEYS = {
    "route",
    "includes",
    "excludes",
    "findings",
    "no_findings",
    "reasons",
    "check_ins",
    "check_in_gaps",
    "starts_from",
    "starts_by",
    "overlaps",
    "order",
    "completion_before",
    "completion_after",
    "said",
    "law",
    "deadline",
    "error",
    "switch_question",
    "a2_decision",
}
CASE_KEYS = {"name", "date", "rules", "municipality", "client", "followed", "pins", "expect"}


def build_client(fields: dict[str, Any], source: str = "<case>") -> Client:
    """A client from defaults plus ``fields``; ``age`` sets the birth date at the term start."""
    data = copy.deepcopy(DEFAULT_CLIENT)
    fields = dict(fields)
    age = fields.pop("age", None)
    for key, value in fields.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    from padplanner.clientfile import parse_client

    if age is not None:
        start = data["term_start"]
        years = start.year - int(age)
        # 29 February has no anniversary in most years: the day before 1 March counts
        birthday = date(years, 3, 1) if (start.month, start.day) == (2, 29) else start
        data["birth_date"] = birthday.replace(year=years) - timedelta(days=1)
    return parse_client(data, source)


def check_case(plan: Plan, expect: dict[str, Any]) -> list[str]:
    """Every way ``plan`` differs from ``expect``, as sentences (empty: the case passes)."""
    problems = []
    modules = {a.module for a in plan.activities}
    finding_rules = {f.rule for f in plan.findings}
    reason_rules = {r.rule for r in plan.route.reasons}
    reason_rules |= {r.rule for a in plan.activities for r in a.reasons}
    reason_rules |= {r.rule for c in plan.check_ins for r in c.reasons}
    reason_rules |= {g.reason.rule for g in plan.goals}
    reason_rules |= {r.rule for r in (plan.term.reasons if plan.term is not None else ())}
    kinds = {c.kind for c in plan.check_ins}
    for key in ("law", "deadline"):
        if key in expect and getattr(plan, key) != expect[key]:
            problems.append(f"{key} is {getattr(plan, key)}, expected {expect[key]}")
    if "route" in expect and plan.route.id != expect["route"]:
        why = "; ".join(r.text for r in plan.route.reasons)
        problems.append(f"route is {plan.route.id!r}, expected {expect['route']!r} ({why})")
    for module in expect.get("includes", []):
        if module not in modules:
            problems.append(
                f"module {module!r} is not in the plan (plan has: {', '.join(sorted(modules))})"
            )
    for module in expect.get("excludes", []):
        if module in modules:
            problems.append(f"module {module!r} is in the plan but should not be")
    for rule in expect.get("findings", []):
        if rule not in finding_rules:
            problems.append(
                f"no finding {rule!r} (findings: {', '.join(sorted(finding_rules)) or 'none'})"
            )
    for rule in expect.get("no_findings", []):
        if rule in finding_rules:
            message = next(f.message for f in plan.findings if f.rule == rule)
            problems.append(f"unexpected finding {rule!r}: {message}")
    for rule in expect.get("reasons", []):
        if rule not in reason_rules:
            problems.append(f"no reason from rule {rule!r}")
    for kind in expect.get("check_ins", []):
        if kind not in kinds:
            problems.append(f"no check-in of kind {kind!r} (kinds: {', '.join(sorted(kinds))})")
    problems.extend(_check_timing(plan, expect))
    before = expect.get("completion_before")
    if before is not None and not plan.completion_date < before:
        problems.append(f"completion {plan.completion_date} is not before {before}")
    after = expect.get("completion_after")
    if after is not None and not plan.completion_date > after:
        problems.append(f"completion {plan.completion_date} is not after {after}")
    return problems


def sentence_problems(plan: Plan, catalog: Any) -> list[str]:
    """Reasons and findings of ``plan`` whose rule declares sentences (``says``) but that
    cannot be said in Dutch or English from their values (a value missing or of the wrong
    kind). Rules without sentences are quoted in their own words and not checked here."""
    from padplanner.catalog.sentences import SentenceError, Sentences

    problems = []
    for lang in ("nl", "en"):
        say = Sentences(catalog, lang)
        for item in _said_items(plan):
            spec = catalog.rules.get(item.rule)
            if spec is None or spec.says is None:  # quoted as recorded, or older finding words
                continue
            try:
                say(item, strict=True)
            except SentenceError as exc:
                problems.append(f"{item.rule} cannot be said in {lang}: {exc}")
    return sorted(set(problems))


def _said_items(plan: Plan) -> list[Any]:
    items: list[Any] = [*plan.route.reasons, *plan.findings]
    items += plan.term.reasons if plan.term is not None else ()
    items += [r for a in plan.activities for r in a.reasons]
    items += [r for c in plan.check_ins for r in c.reasons]
    return items


def _check_said(plan: Plan, said: dict[str, dict[str, str]], catalog: Any) -> list[str]:
    from padplanner.catalog.sentences import Sentences

    problems = []
    for lang, wanted in said.items():
        say = Sentences(catalog, lang)
        for rule, fragment in wanted.items():
            sentences = [
                say(item).replace("\u00a0", " ")  # a non-breaking space reads as a space
                for item in _said_items(plan)
                if item.rule == rule
            ]
            if not any(fragment.replace("\u00a0", " ") in s for s in sentences):
                shown = " | ".join(sentences) or "no reason or finding of this rule"
                problems.append(f"{rule} in {lang} does not say {fragment!r}: {shown}")
    return problems


def _check_timing(plan: Plan, expect: dict[str, Any]) -> list[str]:
    """The timing expectations: check-in gaps, start weeks, overlaps and order."""
    problems = []
    by_module = {a.module: a for a in plan.activities}
    for kind, gaps in expect.get("check_in_gaps", {}).items():
        days = sorted(c.date for c in plan.check_ins if c.kind == kind)
        found = sorted({(b - a).days / 7 for a, b in pairwise(days)})
        if found != sorted(float(g) for g in gaps):
            shown = ", ".join(f"{g:g}" for g in found) or "none"
            problems.append(f"{kind} check-ins are {shown} weeks apart, expected {gaps}")
    for bound, label, ok in (
        ("starts_from", "before", lambda week, limit: week >= limit),
        ("starts_by", "after", lambda week, limit: week <= limit),
    ):
        for module, limit in expect.get(bound, {}).items():
            activity = by_module.get(module)
            if activity is None:
                problems.append(f"module {module!r} is not in the plan ({bound})")
            elif not ok(activity.start_week, limit):
                problems.append(
                    f"module {module!r} starts in week {activity.start_week}, {label} week {limit}"
                )
    for first, second in expect.get("overlaps", []):
        a, b = by_module.get(first), by_module.get(second)
        if a is None or b is None:
            missing = first if a is None else second
            problems.append(f"module {missing!r} is not in the plan (overlaps)")
        elif not (a.start_week < b.end_week and b.start_week < a.end_week):
            problems.append(
                f"{first!r} (weeks {a.start_week}-{a.end_week - 1}) and {second!r} (weeks "
                f"{b.start_week}-{b.end_week - 1}) do not run at the same time"
            )
    for first, second in expect.get("order", []):
        a, b = by_module.get(first), by_module.get(second)
        if a is None or b is None:
            missing = first if a is None else second
            problems.append(f"module {missing!r} is not in the plan (order)")
        elif a.end_week > b.start_week:
            problems.append(
                f"{first!r} ends in week {a.end_week}, after {second!r} starts (week "
                f"{b.start_week})"
            )
    return problems


def read_cases(path: Path) -> list[dict[str, Any]]:
    data = read_toml(path)  # a regular file of at most 1 MiB
    cases = data.get("case", [])
    for position, case in enumerate(cases):
        unknown = set(case) - CASE_KEYS
        if unknown:
            raise ValueError(
                f"{path}: case[{position}]: unknown keys {sorted(unknown)} (allowed: {sorted(CASE_KEYS)})"
            )
        unknown = set(case.get("expect", {})) - EXPECT_KEYS
        if unknown:
            raise ValueError(
                f"{path}: case[{position}].expect: unknown keys {sorted(unknown)} (allowed: {sorted(EXPECT_KEYS)})"
            )
    return cases


def run_case(
    planner: Planner, case: dict[str, Any], source: str = "<case>"
) -> tuple[Plan | None, list[str]]:
    """Plan the case's person and compare with its ``expect``; a case that expects an
    ``error`` passes when planning stops with a message containing it (no plan then)."""
    import attrs

    from padplanner.engine.adjust import Adjustments
    from padplanner.errors import InputError, PlanningError

    client = build_client(case.get("client", {}), source)
    municipality = case.get("municipality")
    if municipality:
        client = attrs.evolve(client, municipality=municipality)
    expect = case.get("expect", {})
    adjust = Adjustments(pins=dict(case.get("pins", {})))
    try:
        plan = planner.plan(
            client, at=case.get("date"), adjust=adjust, followed=case.get("followed")
        )
    except (InputError, PlanningError) as exc:
        if "error" in expect and expect["error"] in str(exc):
            return None, []
        raise
    if "error" in expect:
        return plan, [f"the plan was made, but planning should stop: {expect['error']!r}"]
    catalog = planner.catalog(plan.municipality)
    problems = check_case(plan, expect) + sentence_problems(plan, catalog)
    problems += _check_said(plan, expect.get("said", {}), catalog)
    problems += _check_asked(planner, client, plan, expect)
    return plan, problems


def _check_asked(planner: Planner, client: Client, plan: Plan, expect: dict[str, Any]) -> list[str]:
    """What the counsellor's agenda would ask the rules about the plan's person on the plan's
    route at its reference date (``padplanner_switch_question``, ``padplanner_a2_decision``):
    asked (``true``) or not (``false``)."""
    from padplanner.engine.asked import Asked

    asked = Asked(planner, plan.municipality)
    problems = []
    for key in ("switch_question", "a2_decision"):
        if key not in expect:
            continue
        answer = getattr(asked, key)(client, plan.route.id, plan.reference_date)
        if (answer is not None) != bool(expect[key]):
            said = f"asked: {answer.text}" if answer is not None else "not asked"
            problems.append(f"{key} is {said}, expected {'asked' if expect[key] else 'not'}")
    return problems
