"""The formal personal plan (PIP): every part the Wet inburgering 2021 asks of it.

Sections, in order: the person, what they want in their own words (when recorded), the
route and why, the time allowed, preconditions, the activities (timeline, dates, hours with
range, reasons, goals), the intensity of MAP and PVT, values conversations, the work
perspective, guidance and support, ontzorgen, how progress is monitored, the findings in plain
words, accountability (rules and inputs), how the plan was discussed with the person (when
recorded; both in ``voice.py``), signatures and the notice on objection.
"""

from __future__ import annotations

from datetime import timedelta

from padplanner.export import voice
from padplanner.export.blocks import (
    Document,
    Facts,
    Items,
    Paragraph,
    Section,
    Signatures,
    Table,
    TimelineFigure,
)
from padplanner.export.context import DocContext
from padplanner.export.plain import (
    activity_why,
    cadence_weeks,
    checkin_kind,
    checkin_why,
    finding_text,
    milestone_goal,
    route_why,
)
from padplanner.export.words import DIPLOMAS
from padplanner.i18n import N_
from padplanner.model import weekly_capacity

# the sections in order, with their headings
SECTIONS = {
    "person": N_("doc.sec.person"),
    "own": N_("doc.sec.own"),
    "route": N_("doc.sec.route"),
    "term": N_("doc.sec.term"),
    "preconditions": N_("doc.sec.preconditions"),
    "activities": N_("doc.sec.activities"),
    "map_pvt": N_("doc.sec.map_pvt"),
    "values": N_("doc.sec.values"),
    "work": N_("doc.sec.work"),
    "support": N_("doc.sec.support"),
    "ontzorgen": N_("doc.sec.ontzorgen"),
    "monitoring": N_("doc.sec.monitoring"),
    "findings": N_("doc.sec.findings"),
    "accountability": N_("doc.sec.accountability"),
    "discussed": N_("doc.sec.discussed"),
    "signatures": N_("doc.sec.signatures"),
    "objection": N_("doc.sec.objection"),
}
OPTIONAL = ("own", "discussed")  # shown only when recorded
ALL = tuple(SECTIONS)  # every section, in the document's order
ORDER = tuple(key for key in ALL if key not in OPTIONAL)  # the sections every PIP has
ROUTES_ABOUT = {
    "b1": N_("doc.route.about.b1"),
    "onderwijs": N_("doc.route.about.onderwijs"),
    "z": N_("doc.route.about.z"),
}
PARTS = {  # MAP and PVT: (heading, what it is)
    "map": (N_("doc.mp.map"), N_("doc.mp.map.about")),
    "pvt": (N_("doc.mp.pvt"), N_("doc.mp.pvt.about")),
}


def pip_document(ctx: DocContext) -> Document:
    t = ctx.t
    builders = {
        "person": _person,
        "own": voice.own_words,
        "route": _route,
        "term": _term,
        "preconditions": _preconditions,
        "activities": _activities,
        "map_pvt": _map_pvt,
        "values": _values,
        "work": _work,
        "support": _support,
        "ontzorgen": _ontzorgen,
        "monitoring": _monitoring,
        "findings": _findings,
        "accountability": _accountability,
        "discussed": voice.discussed,
        "signatures": _signatures,
        "objection": _objection,
    }
    built = [(key, builders[key](ctx)) for key in ALL]
    shown = [(key, blocks) for key, blocks in built if blocks or key not in OPTIONAL]
    sections = [
        Section(key, f"{number}. {t(SECTIONS[key])}", blocks)
        for number, (key, blocks) in enumerate(shown, start=1)
    ]
    return Document(
        lang=ctx.lang,
        audience="formal",
        title=t("doc.title"),
        subtitle=t("doc.subtitle", law=ctx.law_name()),
        person=ctx.name,
        reference=f"{ctx.plan.client} · {ctx.plan.municipality}",
        date=ctx.today,
        sections=sections,
        timeline=ctx.timeline(),
        footer=t("doc.document_date") + f": {t.date(ctx.today)}",
    )


def _yes(ctx: DocContext, value: bool) -> str:
    return ctx.t("doc.pre.yes") if value else ctx.t("doc.pre.no")


def _person(ctx: DocContext) -> list:
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


def _route(ctx: DocContext) -> list:
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


def _term(ctx: DocContext) -> list:
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


def _preconditions(ctx: DocContext) -> list:
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


def _hours(ctx: DocContext, activity) -> str:
    t = ctx.t
    low, high = (t.number(x) for x in activity.hours_range)
    if low == high == t.number(activity.hours):
        return low
    return t("doc.act.hours", hours=t.number(activity.hours), low=low, high=high)


def _period(ctx: DocContext, activity) -> str:
    t = ctx.t
    last = activity.end - timedelta(days=1)  # ``end`` is the first day after the activity
    return t("doc.act.period", start=t.date(activity.start), end=t.date(last), weeks=activity.weeks)


def _activities(ctx: DocContext) -> list:
    t, plan = ctx.t, ctx.plan
    blocks: list = [Paragraph(t("doc.act.intro"))]
    if not plan.activities:
        blocks.append(Paragraph(t("doc.act.none")))
    else:
        blocks.append(TimelineFigure(t("doc.act.figure")))
        rows = [
            (
                ctx.title(a),
                _period(ctx, a),
                str(a.hours_per_week),
                _hours(ctx, a),
                activity_why(ctx, a),
            )
            for a in plan.activities
        ]
        header = [
            t("doc.act.col.activity"),
            t("doc.act.col.period"),
            t("doc.act.col.per_week"),
            t("doc.act.col.hours"),
            t("doc.act.col.why"),
        ]
        blocks.append(Table(header, rows, widths=(2.9, 2.4, 0.9, 1.7, 4.4)))
        low = sum(a.hours_range[0] for a in plan.activities)
        high = sum(a.hours_range[1] for a in plan.activities)
        total, low, high = (t.number(x) for x in (plan.total_hours, low, high))
        if low == high == total:
            blocks.append(Paragraph(t("doc.act.total.exact", hours=total)))
        else:
            blocks.append(Paragraph(t("doc.act.total", hours=total, low=low, high=high)))
    completed = getattr(getattr(ctx.client, "progress", None), "completed", ())
    if completed:
        blocks.append(
            Paragraph(t("doc.act.completed", what=t.join([ctx.competency(c) for c in completed])))
        )
    if plan.milestones:
        rows = [(milestone_goal(ctx, m), t.date(m.date)) for m in plan.milestones]
        blocks.append(
            Table(
                [t("doc.act.col.goal"), t("doc.act.col.expected")],
                rows,
                widths=(3, 2),
                caption=t("doc.act.milestones"),
            )
        )
    return blocks


def _map_pvt(ctx: DocContext) -> list:
    t, plan = ctx.t, ctx.plan
    completed = set(getattr(getattr(ctx.client, "progress", None), "completed", ()))
    blocks: list = []
    for part in ("map", "pvt"):
        heading, about = PARTS[part]
        blocks.append(Paragraph(t(heading), "strong"))
        planned = [a for a in plan.activities if a.module == part or part in a.grants]
        if planned:
            a = planned[0]
            last = a.end - timedelta(days=1)
            blocks.append(
                Paragraph(
                    t(
                        "doc.mp.planned",
                        hours=t.hours(a.hours),
                        per_week=t.hours(a.hours_per_week),
                        start=t.date(a.start),
                        end=t.date(last),
                    )
                )
            )
            blocks.append(Paragraph(t(about)))
        elif part in completed:
            blocks.append(Paragraph(t("doc.mp.done")))
        elif part == "map" and plan.route.id == "onderwijs":
            blocks.append(Paragraph(t("doc.mp.map.onderwijs")))
        else:
            blocks.append(Paragraph(t("doc.mp.not_planned")))
    return blocks


def _values(ctx: DocContext) -> list:
    t = ctx.t
    series = [a for a in ctx.plan.activities if a.kind == "values"]
    if not series:
        return [Paragraph(t("doc.val.none"))]
    items = [
        t(
            "doc.val.planned",
            title=ctx.title(a),
            hours=t.number(a.hours),
            start=t.date(a.start),
            end=t.date(a.end - timedelta(days=1)),
        )
        for a in series
    ]
    return [Items(items), Paragraph(t("doc.val.about"))]


def _work(ctx: DocContext) -> list:
    t, client, plan = ctx.t, ctx.client, ctx.plan
    blocks: list = []
    aim = getattr(client, "aim", "work")
    goal = getattr(getattr(client, "work", None), "goal", None)
    sector = ctx.catalog.sectors.get(goal or "")
    if sector is not None:
        skills = t.join([ctx.skill(s) for s in sector.skills])
        blocks.append(
            Paragraph(
                t(
                    "doc.work.goal",
                    sector=sector.title.get(ctx.lang).lower(),
                    level=sector.level,
                    skills=skills,
                )
            )
        )
        if sector.regulated:
            blocks.append(Paragraph(t("doc.work.regulated")))
    elif aim == "study":
        blocks.append(Paragraph(t("doc.work.study")))
    elif aim == "participation":
        blocks.append(Paragraph(t("doc.work.participation")))
    else:
        blocks.append(Paragraph(t("doc.work.no_goal")))
    if client is not None:
        experience = [
            ctx.catalog.sectors[s].title.get(ctx.lang) if s in ctx.catalog.sectors else s
            for s in client.work.experience
        ]
        diploma = client.work.foreign_diploma
        rows = [(t("doc.work.experience"), ", ".join(experience) or t("doc.work.experience.none"))]
        value = t.get(DIPLOMAS.get(diploma), diploma)
        if diploma != "none":
            state = (
                t("doc.work.diploma.evaluated")
                if client.work.diploma_evaluated
                else t("doc.work.diploma.not_evaluated")
            )
            value += f"; {state}"
        rows.append((t("doc.work.diploma"), value))
        blocks.append(Facts(rows))
    work = [a for a in plan.activities if a.kind == "work"]
    if work:
        what = t.join([f"{ctx.title(a)} ({t.date(a.start)})" for a in work])
        blocks.append(Paragraph(t("doc.work.activities", what=what)))
    follow = sorted(c.date for c in plan.check_ins if c.kind == "job-follow-up")
    if follow:
        blocks.append(
            Paragraph(
                t(
                    "doc.work.follow_up",
                    count=len(follow),
                    first=t.date(follow[0]),
                    last=t.date(follow[-1]),
                )
            )
        )
    elif aim == "work":
        blocks.append(Paragraph(t("doc.work.follow_up.general")))
    return blocks


def _support(ctx: DocContext) -> list:
    t, plan = ctx.t, ctx.plan
    blocks: list = [Paragraph(t("doc.sup.counsellor"))]
    if plan.route.id == "onderwijs":
        blocks.append(Paragraph(t("doc.sup.onderwijs")))
    support = [a for a in plan.activities if a.kind == "support"]
    if support:
        what = t.join([f"{ctx.title(a)} ({t.date(a.start)})" for a in support])
        blocks.append(Paragraph(t("doc.sup.activities", what=what)))
    if getattr(getattr(ctx.client, "availability", None), "childcare_needed", False):
        blocks.append(Paragraph(t("doc.sup.childcare")))
    blocks.append(Paragraph(t("doc.sup.interpreter")))
    return blocks


def _ontzorgen(ctx: DocContext) -> list:
    t = ctx.t
    return [
        Paragraph(t("doc.ont.standard")),
        Paragraph(t("doc.ont.after")),
        Paragraph(t("doc.ont.others"), "note"),
    ]


def _monitoring(ctx: DocContext) -> list:
    t, plan = ctx.t, ctx.plan
    weeks = cadence_weeks(ctx)
    blocks: list = [
        Paragraph(t("doc.mon.cadence", weeks=weeks) if weeks else t("doc.mon.regular")),
        Paragraph(t("doc.mon.amend")),
    ]
    if not plan.check_ins:
        blocks.append(Paragraph(t("doc.mon.none")))
        return blocks
    rows = [
        (t.date(c.date), checkin_kind(ctx, c.kind), checkin_why(ctx, c)) for c in plan.check_ins
    ]
    blocks.append(
        Table(
            [t("doc.mon.col.date"), t("doc.mon.col.kind"), t("doc.mon.col.why")],
            rows,
            widths=(2, 2.5, 4),
        )
    )
    return blocks


def _findings(ctx: DocContext) -> list:
    t = ctx.t
    if not ctx.plan.findings:
        return [Paragraph(t("doc.find.none"))]
    order = {"error": 0, "warning": 1, "info": 2}
    findings = sorted(ctx.plan.findings, key=lambda f: order.get(f.severity, 3))
    return [
        Items(
            [finding_text(ctx, f) + " (" + t("doc.find.rule", rule=f.rule) + ")" for f in findings]
        )
    ]


def _accountability(ctx: DocContext) -> list:
    t, plan = ctx.t, ctx.plan
    seen: dict[tuple[str, str], tuple[str, ...]] = {}
    reasons = [*plan.route.reasons]
    for activity in plan.activities:
        reasons += activity.reasons
    for check_in in plan.check_ins:
        reasons += check_in.reasons
    for item in [*reasons, *plan.findings]:  # each in its rule's sentence, in this language
        seen.setdefault((item.rule, ctx.say(item)), tuple(item.inputs))
    rows = [(rule, text, ", ".join(inputs) or "–") for (rule, text), inputs in seen.items()]
    return [
        Paragraph(t("doc.acc.advice")),
        Paragraph(t("doc.acc.rules")),
        Table(
            [t("doc.acc.col.rule"), t("doc.acc.col.text"), t("doc.acc.col.inputs")],
            rows,
            widths=(2.2, 5.5, 2.3),
        ),
    ]


def _signatures(ctx: DocContext) -> list:
    t = ctx.t
    name = ctx.name if getattr(ctx.client, "name", None) else ""
    return [
        Paragraph(t("doc.sig.intro")),
        Signatures(
            [(t("doc.sig.person"), name), (t("doc.sig.counsellor"), "")],
            [t("doc.sig.name"), t("doc.sig.date"), t("doc.sig.signature")],
        ),
    ]


def _objection(ctx: DocContext) -> list:
    t = ctx.t
    return [
        Paragraph(t("doc.obj.text"), "strong"),
        Paragraph(t("doc.obj.how")),
        Paragraph(t("doc.obj.meanwhile")),
    ]
