"""PIP sections on what the person will do: the activities (timeline, dates, hours with range,
reasons, goals), the intensity of MAP and PVT, the values conversations and the work
perspective.

Each function builds one section's blocks for :func:`.pip.pip_document`.
"""

from __future__ import annotations

from datetime import timedelta

from padplanner.export.blocks import Facts, Items, Paragraph, Table, TimelineFigure
from padplanner.export.context import DocContext
from padplanner.export.plain import activity_why, milestone_goal
from padplanner.export.words import DIPLOMAS
from padplanner.i18n import N_

PARTS = {  # MAP and PVT: (heading, what it is)
    "map": (N_("doc.mp.map"), N_("doc.mp.map.about")),
    "pvt": (N_("doc.mp.pvt"), N_("doc.mp.pvt.about")),
}


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


def activities(ctx: DocContext) -> list:
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


def map_pvt(ctx: DocContext) -> list:
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
        elif part == "map" and not any(g.competency == part for g in plan.goals):
            # the route's goals (the law's) do not ask for the MAP: the onderwijsroute
            blocks.append(Paragraph(t("doc.mp.map.not_asked", route=ctx.route_name())))
        else:
            blocks.append(Paragraph(t("doc.mp.not_planned")))
    return blocks


def values(ctx: DocContext) -> list:
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


def work(ctx: DocContext) -> list:
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
