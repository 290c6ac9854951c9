"""PIP sections on the person and the frame of their plan: who, which route and why, the
term the law allows, and the preconditions (hours, days, childcare, health).

Each function builds one section's blocks for :func:`.pip.pip_document`.
"""

from __future__ import annotations

from padplanner.export.blocks import Facts, Paragraph
from padplanner.export.context import DocContext
from padplanner.export.plain import route_why
from padplanner.i18n import N_
from padplanner.model import weekly_capacity

ROUTES_ABOUT = {
    "b1": N_("doc.route.about.b1"),
    "onderwijs": N_("doc.route.about.onderwijs"),
    "z": N_("doc.route.about.z"),
}


def _yes(ctx: DocContext, value: bool) -> str:
    return ctx.t("doc.pre.yes") if value else ctx.t("doc.pre.no")


def person(ctx: DocContext) -> list:
    t, plan, client = ctx.t, ctx.plan, ctx.client
    rows = [(t("doc.person.name"), ctx.name)]
    bsn = getattr(client, "bsn", None)
    if ctx.show_bsn and bsn:
        rows.append((t("doc.person.bsn"), bsn))
    rows += [
        (t("doc.person.id"), plan.client),
        (t("doc.person.municipality"), ctx.municipality),
        (t("doc.person.law"), ctx.law_name()),
        (t("doc.person.route"), ctx.route_name()),
        (t("doc.document_date"), t.date(ctx.today)),
        (t("doc.reference_date"), t.date(plan.reference_date)),
    ]
    blocks: list = [Facts(rows)]
    if bsn and not ctx.show_bsn:
        blocks.append(Paragraph(t("doc.person.bsn_left_out"), "note"))
    return blocks


def route(ctx: DocContext) -> list:
    t, route = ctx.t, ctx.plan.route.id
    blocks: list = [
        Paragraph(t("doc.route.chosen", route=ctx.route_name()), "strong"),
        Paragraph(t.get(ROUTES_ABOUT.get(route), t("doc.route.about.other", route=route))),
        Paragraph(t("doc.route.why"), "strong"),
    ]
    blocks += [Paragraph(text) for text in route_why(ctx)]
    return blocks


def _title(plan, activity_id: str) -> str:
    try:
        return plan.activity(activity_id).title
    except KeyError:
        return activity_id


def term(ctx: DocContext) -> list:
    """The facts of the term, then what the law says about it (its length, until when the
    route may change, the fines), each in its rule's sentence."""
    t, plan, client = ctx.t, ctx.plan, ctx.client
    term = plan.term
    term_start = term.start if term is not None else getattr(client, "term_start", None)
    extensions = getattr(getattr(client, "progress", None), "extensions_weeks", 0)
    rows = []
    if term_start is not None:
        rows.append((t("doc.term.start"), t.date(term_start)))
    rows.append(
        (
            t("doc.term.extensions"),
            t("doc.term.extensions.value", weeks=extensions)
            if extensions
            else t("doc.term.extensions.none"),
        )
    )
    rows.append((t("doc.term.deadline"), t.date(plan.deadline)))
    rows.append((t("doc.term.completion"), t.date(plan.completion_date)))
    slack = plan.slack_weeks
    rows.append(
        (
            t("doc.term.slack"),
            t("doc.term.slack.value", weeks=slack)
            if slack >= 0
            else t("doc.term.slack.late", weeks=-slack),
        )
    )
    chance = plan.on_time
    if chance is not None:  # a saved revision: the chance in plain words, and on what it rests
        rows.append((t("doc.term.chance"), t.chance(chance.probability)))
    blocks: list = [Facts(rows)]
    if chance is not None:
        note = t("doc.term.chance.note", draws=t.number(chance.draws))
        titles = [_title(plan, d.activity) for d in chance.drivers[:3]]
        if titles:
            note += " " + t("doc.term.chance.drivers", drivers=t.join(titles))
        blocks.append(Paragraph(note))
    said = [ctx.say(reason) for reason in term.reasons] if term is not None else []
    blocks += [Paragraph(text) for text in said[:1]]
    blocks.append(Paragraph(t("doc.term.extension_rules")))
    blocks += [Paragraph(text) for text in said[1:]]
    blocks.append(Paragraph(t("doc.term.letter")))
    return blocks


def preconditions(ctx: DocContext) -> list:
    t, client = ctx.t, ctx.client
    if client is None:
        return [Paragraph(t("doc.pre.health"))]
    days = [t.weekday(d) for d in client.availability.days]
    start_after = client.availability.start_after
    rows = [
        (t("doc.pre.hours"), t.hours(client.weekly_hours)),
        (t("doc.pre.days"), ", ".join(days) if days else t("doc.pre.days.none")),
        (
            t("doc.pre.start_after"),
            t.date(start_after) if start_after else t("doc.pre.start_after.now"),
        ),
        (t("doc.pre.childcare"), _yes(ctx, client.availability.childcare_needed)),
    ]
    blocks: list = [Facts(rows)]
    if _fits(ctx.plan, weekly_capacity(client)):
        blocks.append(Paragraph(t("doc.pre.fits", hours=client.weekly_hours)))
    if client.availability.childcare_needed:
        blocks.append(Paragraph(t("doc.pre.childcare.text")))
    blocks.append(Paragraph(t("doc.pre.health")))
    return blocks


def _fits(plan, capacity: int) -> bool:
    """No week of ``plan`` asks more hours than ``capacity`` (a start pinned by hand may)."""
    load: dict[int, int] = {}
    for activity in plan.activities:
        for week in range(activity.start_week, activity.end_week):
            load[week] = load.get(week, 0) + activity.hours_per_week
    return max(load.values(), default=0) <= capacity
