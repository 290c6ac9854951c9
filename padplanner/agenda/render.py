"""The agenda as text (the counsellor's language), ``padplanner.agenda/1`` JSON and iCalendar.

The iCalendar feed carries each person's id, never a name or a BSN: calendars are synced to
servers and phones that padplanner does not protect. Every item is an all-day event on its due
date (an overdue one on the Monday of the week, so it shows where the counsellor looks), with
a stable ``UID``, so importing the feed again updates the events instead of doubling them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from padplanner.agenda.items import Item, Week
from padplanner.i18n import N_, texts

AGENDA_SCHEMA = "padplanner.agenda/1"
TITLES = {
    "pip": N_("agenda.kind.pip"),
    "progress": N_("agenda.kind.progress"),
    "map-final": N_("agenda.kind.map-final"),
    "job-follow-up": N_("agenda.kind.job-follow-up"),
    "switch-window": N_("agenda.kind.switch-window"),
    "a2-decision": N_("agenda.kind.a2-decision"),
    "moved": N_("agenda.kind.moved"),
    "exam": N_("agenda.kind.exam"),
}
DETAILS = {
    "pip": N_("agenda.detail.pip"),
    "progress": N_("agenda.detail.progress"),
    "map-final": N_("agenda.detail.map-final"),
    "job-follow-up": N_("agenda.detail.job-follow-up"),
    "switch-window": N_("agenda.detail.switch-window"),
    "a2-decision": N_("agenda.detail.a2-decision"),
    "moved": N_("agenda.detail.moved"),
    "exam": N_("agenda.detail.exam"),
}
EXAM = {True: N_("agenda.detail.exam"), False: N_("agenda.detail.exam.failed")}
ROUTES = {
    "b1": N_("agenda.route.b1"),
    "onderwijs": N_("agenda.route.onderwijs"),
    "z": N_("agenda.route.z"),
}
SKILLS = {
    "reading": N_("agenda.skill.reading"),
    "listening": N_("agenda.skill.listening"),
    "writing": N_("agenda.skill.writing"),
    "speaking": N_("agenda.skill.speaking"),
}


def title(item: Item, lang: str) -> str:
    return texts(lang)(TITLES[item.kind])


def detail(item: Item, lang: str) -> str:
    """The item's sentence: why it is due, with its dates and figures in ``lang``."""
    t = texts(lang)
    v = dict(item.values)
    fields: dict[str, str] = {}
    for key, value in v.items():
        if isinstance(value, str) and len(value) == 10 and value[4] == "-":
            fields[key] = t.date(date.fromisoformat(value))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            fields[key] = t.number(value)
        elif isinstance(value, list):
            fields[key] = t.join([t(SKILLS.get(s, s)) for s in value])
        elif key == "skill":
            fields[key] = t(SKILLS.get(value, value))
        elif key == "route":
            fields[key] = t(ROUTES[value]) if value in ROUTES else str(value)
        else:
            fields[key] = "" if value is None else str(value)
    if item.kind == "progress" and v.get("last") is None:
        return t("agenda.detail.progress.none")
    if item.kind == "exam":
        return t(EXAM[bool(v.get("passed"))], **fields)
    return t(DETAILS[item.kind], **fields)


def to_text(week: Week, items: Sequence[Item], lang: str) -> str:
    t = texts(lang)
    lines = [t("agenda.title", start=t.date(week.start), end=t.date(week.end))]
    if not items:
        lines.append(t("agenda.empty"))
    for item in items:
        when = t("agenda.overdue", due=t.date(item.due)) if item.overdue else t.date(item.due)
        who = item.person_id + (f" {item.name}" if item.name else "")
        lines.append(f"{when:<32} {who[:40]:<40} {title(item, lang)}")
        lines.append(f"{'':<32} {detail(item, lang)}")
    lines.append(t.ngettext("agenda.count", "agenda.count.plural", len(items)))
    return "\n".join(lines) + "\n"


def to_json(week: Week, items: Sequence[Item], lang: str) -> str:
    out = {
        "schema": AGENDA_SCHEMA,
        "week": {"start": week.start.isoformat(), "end": week.end.isoformat()},
        "items": [
            {
                "id": i.person_id,
                "name": i.name,
                "counsellor": i.counsellor,
                "kind": i.kind,
                "due": i.due.isoformat(),
                "overdue": i.overdue,
                "values": dict(i.values),
                "text": detail(i, lang),
            }
            for i in items
        ],
    }
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def to_ics(week: Week, items: Sequence[Item], lang: str, now: datetime) -> bytes:
    from icalendar import Calendar, Event

    t = texts(lang)
    calendar = Calendar()
    calendar.add("prodid", "-//padplanner//agenda//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", t("agenda.calendar", start=t.date(week.start)))
    for item in items:
        day = week.start if item.overdue else item.due
        event: Any = Event()
        event.add("uid", f"{item.person_id}-{item.kind}-{item.due.isoformat()}@padplanner")
        event.add("dtstamp", now)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"{title(item, lang)}: {item.person_id}")
        event.add("description", detail(item, lang))
        event.add("categories", [item.kind])
        calendar.add_component(event)
    return calendar.to_ical()
