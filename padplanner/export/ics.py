"""The plan as an iCalendar file: activities, conversations, milestones and the deadline.

Every event has a stable UID built from the municipality, the client id and what the event is
(the activity id, the milestone id, or the n-th conversation of a kind), so importing a new
export of the same person's plan updates the events instead of duplicating them. All events
are all-day events; an activity's ``DTEND`` is the first day after it (iCalendar's exclusive
end, the same convention as the plan's ``end``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from padplanner.export.context import DocContext
from padplanner.export.plain import activity_why, checkin_kind, checkin_why, milestone_goal
from padplanner.model import Plan

PRODID = "-//padplanner//plan calendar//NL"
UID_HOST = "padplanner"


def uid(plan: Plan, *parts: str) -> str:
    """A stable UID: the same person and item give the same UID in every export."""
    safe = [p.replace(" ", "-").replace("@", "-") for p in (plan.municipality, plan.client, *parts)]
    return ".".join(safe) + f"@{UID_HOST}"


def render_ics(
    plan: Plan,
    *,
    client: Any = None,
    catalog: Any = None,
    lang: str | None = None,
    today: date | None = None,
    **_: Any,
) -> str:
    from icalendar import Calendar, Event

    ctx = DocContext.make(
        plan,
        client=client,
        catalog=catalog,
        lang=lang,
        today=today,
        show_bsn=False,
        municipality_name=None,
    )
    t = ctx.t
    stamp = datetime.combine(ctx.today, time(0, 0), tzinfo=UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    title = t("doc.title")
    cal.add("x-wr-calname", f"{title} – {ctx.name}")

    def event(key: tuple[str, ...], summary: str, start: date, end: date, text: str, category: str):
        item = Event()
        item.add("uid", uid(plan, *key))
        item.add("dtstamp", stamp)
        item.add("summary", summary)
        item.add("dtstart", start)
        item.add("dtend", end)
        item.add("description", text)
        item.add("categories", [category])
        item.add("transp", "TRANSPARENT")
        cal.add_component(item)

    per_week, hours = t("doc.act.col.per_week"), t("doc.act.col.hours")
    for activity in plan.activities:
        title = ctx.title(activity)
        text = (
            f"{per_week}: {activity.hours_per_week}\n"
            f"{hours}: {t.number(activity.hours)} "
            f"({t.number(activity.hours_range[0])}–{t.number(activity.hours_range[1])})\n"
            f"{activity_why(ctx, activity)}"
        )
        event(("activity", activity.id), title, activity.start, activity.end, text, activity.kind)
    counts: dict[str, int] = {}
    for check_in in sorted(plan.check_ins, key=lambda c: (c.date, c.kind)):
        counts[check_in.kind] = counts.get(check_in.kind, 0) + 1
        event(
            ("check-in", check_in.kind, str(counts[check_in.kind])),
            checkin_kind(ctx, check_in.kind),
            check_in.date,
            check_in.date + timedelta(days=1),
            checkin_why(ctx, check_in),
            "check-in",
        )
    goal_label, expected = t("doc.act.col.goal"), t("doc.act.col.expected")
    for milestone in plan.milestones:
        goal = milestone_goal(ctx, milestone)
        event(
            ("milestone", milestone.id),
            f"{goal_label}: {goal}",
            milestone.date,
            milestone.date + timedelta(days=1),
            f"{expected}: {t.date(milestone.date)}",
            "milestone",
        )
    event(
        ("deadline",),
        t("doc.term.deadline") + f" ({ctx.route_name()})",
        plan.deadline,
        plan.deadline + timedelta(days=1),
        t("doc.term.letter"),
        "deadline",
    )
    return cal.to_ical().decode("utf-8")
