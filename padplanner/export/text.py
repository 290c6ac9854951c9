"""A plan as plain text for the terminal: route and why, activities, check-ins, findings."""

from __future__ import annotations

from typing import Any

from padplanner.catalog.sentences import Sentences
from padplanner.export.context import competency_words
from padplanner.export.words import CHECKINS, ROUTES, SEVERITIES
from padplanner.i18n import resolve_lang, texts
from padplanner.limits import printable
from padplanner.model import Plan


def render_text(
    plan: Plan, *, client: Any = None, catalog: Any = None, lang: str | None = None, **_: Any
) -> str:
    """The plan's facts, one line each, in ``lang``; reasons and findings in their rules'
    sentences in that language (the national catalogue's when ``catalog`` is not given), each
    with its rule id."""
    t = texts(resolve_lang(lang))
    if catalog is None:
        from padplanner.catalog import load_catalog

        catalog = load_catalog()
    say = Sentences(catalog, t.lang)
    who = printable(getattr(client, "name", None) or plan.client)  # as stored, shown safely
    why = t("cli.text.why")
    lines = [
        t(
            "cli.text.title",
            name=who,
            client=plan.client,
            municipality=plan.municipality,
            law=plan.law,
            date=t.date(plan.reference_date),
        ),
        "",
        t("cli.text.route", route=t.get(ROUTES.get(plan.route.id), plan.route.id)),
    ]
    lines.extend(f"  {why}: {say(r)}  [{r.rule}]" for r in plan.route.reasons)
    goals = ", ".join(competency_words(catalog, t, g.competency) for g in plan.goals)
    lines.append(t("cli.text.goals", goals=goals))
    lines.append("")
    head = [
        t("cli.text.col.start"),
        t("cli.text.col.end"),
        t("cli.text.col.weeks"),
        t("cli.text.col.hpw"),
        t("cli.text.col.hours"),
        t("cli.text.col.activity"),
    ]
    lines.append(
        f"{head[0]:<11}  {head[1]:<11}  {head[2]:>5}  {head[3]:>3}  {head[4]:>11}  {head[5]}"
    )
    for a in plan.activities:
        low, high = a.hours_range
        hours = t.number(a.hours) if low == high else f"{t.number(a.hours)}~{t.number(high)}"
        start, end = t.short_date(a.start), t.short_date(a.end)
        module = catalog.modules.get(a.module)
        title = module.title.get(t.lang) if module is not None else a.title
        lines.append(
            f"{start:<11}  {end:<11}  {a.weeks:>5}  {a.hours_per_week:>3}  {hours:>11}  "
            f"{title} [{a.id}]"
        )
        for r in a.reasons:
            lines.append(f"{'':>49}{why}: {say(r)} [{r.rule}]")
    lines.append("")
    lines.append(
        t(
            "cli.text.summary",
            completion=t.date(plan.completion_date),
            deadline=t.date(plan.deadline),
            slack=t.weeks(plan.slack_weeks),
            hours=t.hours(round(plan.total_hours)),
            cost=t.money(plan.cost_eur),
        )
    )
    if plan.check_ins:
        lines.append(t("cli.text.checkins", checkins=_check_ins(plan, t)))
    if plan.findings:
        lines.append("")
        lines.append(t("cli.text.findings"))
        for f in plan.findings:
            severity = t.get(SEVERITIES.get(f.severity), f.severity).upper()
            lines.append(f"  {severity:<12} {say(f)} [{f.rule}]")
    return "\n".join(lines) + "\n"


def _check_ins(plan: Plan, t) -> str:
    """The conversations by kind, in the order each kind first comes, with their dates:
    ``Voortgangsgesprek: 12 nov 2025, 24 dec 2025; Eindgesprek MAP: 12 aug 2026``."""
    days: dict[str, list[str]] = {}
    for c in sorted(plan.check_ins, key=lambda c: c.date):
        days.setdefault(c.kind, []).append(t.short_date(c.date))
    return "; ".join(
        f"{t.get(CHECKINS.get(kind), kind)}: {', '.join(dates)}" for kind, dates in days.items()
    )
