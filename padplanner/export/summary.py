"""The person's own copy: one page in Dutch at A2 (short sentences, everyday words).

The person's own goal first, in their words (when it was recorded). Then what the route is,
what the person will do and when (with the timeline), when it must be done,
the conversations, what happens next and whom to ask. No rule ids, no ranges, no jargon beyond
the names people hear in their lessons (KNM, MAP, PVT).
"""

from __future__ import annotations

from datetime import timedelta

from padplanner.export.blocks import Document, Items, Paragraph, Section, TimelineFigure
from padplanner.export.context import DocContext
from padplanner.export.plain import cadence_weeks, plain_title
from padplanner.i18n import N_

ROUTES = {  # each route in A2 words
    "b1": N_("doc.a2.route.b1"),
    "onderwijs": N_("doc.a2.route.onderwijs"),
    "z": N_("doc.a2.route.z"),
}


def summary_document(ctx: DocContext) -> Document:
    t, plan = ctx.t, ctx.plan
    goal = ctx.own("own_goals")
    own = [Section("own", t("doc.a2.sec.own"), [Paragraph(goal)])] if goal else []
    sections = [
        *own,
        Section(
            "intro",
            t("doc.a2.for", name=ctx.name),
            [Paragraph(t("doc.a2.intro"))],
        ),
        Section("route", t("doc.a2.sec.route"), _route(ctx)),
        Section("do", t("doc.a2.sec.do"), _activities(ctx)),
        Section("when", t("doc.a2.sec.when"), _when(ctx)),
        Section("talk", t("doc.a2.sec.talk"), _talk(ctx)),
        Section("next", t("doc.a2.sec.next"), _next(ctx)),
        Section(
            "help",
            t("doc.a2.sec.help"),
            [Paragraph(t("doc.a2.help")), Paragraph(t("doc.a2.objection"))],
        ),
    ]
    return Document(
        lang=ctx.lang,
        audience="person",
        title=t("doc.a2.title"),
        subtitle="",
        person=ctx.name,
        reference=f"{plan.client} · {plan.municipality}",
        date=ctx.today,
        sections=sections,
        timeline=ctx.timeline(lambda a: plain_title(ctx, a)),
        footer=t.date(ctx.today),
    )


def _route(ctx: DocContext) -> list:
    t, route = ctx.t, ctx.plan.route.id
    blocks = [Paragraph(t("doc.a2.route", route=ctx.route_name()))]
    if route in ROUTES:
        blocks.append(Paragraph(t(ROUTES[route])))
    return blocks


def _activities(ctx: DocContext) -> list:
    t = ctx.t
    if not ctx.plan.activities:
        return [Paragraph(t("doc.a2.none"))]
    items = [
        t(
            "doc.a2.activity",
            start=t.date(a.start),
            end=t.date(a.end - timedelta(days=1)),
            what=plain_title(ctx, a),
            hours=t.hours(a.hours_per_week),
        )
        for a in ctx.plan.activities
    ]
    return [Items(items), TimelineFigure("")]


def _when(ctx: DocContext) -> list:
    t, plan = ctx.t, ctx.plan
    blocks = [
        Paragraph(t("doc.a2.done", date=t.date(plan.completion_date))),
        Paragraph(t("doc.a2.deadline", date=t.date(plan.deadline))),
    ]
    if plan.completion_date > plan.deadline:
        blocks.append(Paragraph(t("doc.a2.late"), "strong"))
    return blocks


def _talk(ctx: DocContext) -> list:
    t, plan = ctx.t, ctx.plan
    weeks = cadence_weeks(ctx)
    if weeks is None:
        blocks = [Paragraph(t("doc.a2.talk.regular"))]
    else:
        blocks = [Paragraph(t("doc.a2.talk", months=max(1, round(weeks / 4.35))))]
    if plan.check_ins:
        first = min(c.date for c in plan.check_ins)
        blocks.append(Paragraph(t("doc.a2.talk.first", date=t.date(first))))
    return blocks


def _next(ctx: DocContext) -> list:
    t, plan = ctx.t, ctx.plan
    blocks = [Paragraph(t("doc.a2.next.sign"))]
    if plan.activities:
        first = min(plan.activities, key=lambda a: (a.start, a.id))
        blocks.append(
            Paragraph(
                t("doc.a2.next.start", date=t.date(first.start), what=plain_title(ctx, first))
            )
        )
    if getattr(getattr(ctx.client, "availability", None), "childcare_needed", False):
        blocks.append(Paragraph(t("doc.a2.next.childcare")))
    return blocks
