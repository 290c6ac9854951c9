"""The calendar: every activity, conversation and milestone, with UIDs stable across exports."""

from __future__ import annotations

from datetime import timedelta

import pytest
from docshelp import NAMES, ROUTES

from padplanner.export import render


def _events(text: str) -> dict[str, dict]:
    from icalendar import Calendar

    cal = Calendar.from_ical(text)
    out = {}
    for event in cal.walk("VEVENT"):
        uid = str(event["UID"])
        assert uid not in out, f"duplicate UID {uid}"
        out[uid] = {
            "summary": str(event["SUMMARY"]),
            "start": event["DTSTART"].dt,
            "end": event["DTEND"].dt,
            "category": str(event["CATEGORIES"].cats[0]),
        }
    return out


@pytest.mark.parametrize("route", ROUTES)
def test_the_calendar_parses_back_with_every_event(person, route):
    made = person(route)
    plan = made.plan
    events = _events(made.render("ics"))
    expected = len(plan.activities) + len(plan.check_ins) + len(plan.milestones) + 1
    assert len(events) == expected
    for activity in plan.activities:
        event = events[f"{plan.municipality}.{plan.client}.activity.{activity.id}@padplanner"]
        assert event["summary"] == activity.title
        assert (event["start"], event["end"]) == (activity.start, activity.end)
        assert event["category"] == activity.kind
    days = sorted(e["start"] for e in events.values() if e["category"] == "check-in")
    assert days == sorted(c.date for c in plan.check_ins)
    assert all(
        e["end"] - e["start"] == timedelta(days=1)
        for e in events.values()
        if e["category"] in ("check-in", "milestone", "deadline")
    )
    milestones = [e for e in events.values() if e["category"] == "milestone"]
    assert sorted(e["start"] for e in milestones) == sorted(m.date for m in plan.milestones)
    deadline = events[f"{plan.municipality}.{plan.client}.deadline@padplanner"]
    assert deadline["start"] == plan.deadline


def test_a_new_export_updates_rather_than_duplicates(person, planner):
    made = person("b1")
    first = _events(made.render("ics"))
    again = _events(made.render("ics", today=made.plan.deadline))
    assert set(first) == set(again)
    # a replan with other hours moves events but keeps the UIDs of what stayed in the plan
    import attrs

    changed = attrs.evolve(made.client, weekly_hours=made.client.weekly_hours - 4)
    replanned = planner.plan(changed)
    later = _events(render(replanned, "ics", client=changed, catalog=made.catalog))
    kept = {a.id for a in made.plan.activities} & {a.id for a in replanned.activities}
    assert kept
    for activity_id in kept:
        uid = f"{made.plan.municipality}.{made.plan.client}.activity.{activity_id}@padplanner"
        assert uid in first and uid in later
    assert replanned.completion_date != made.plan.completion_date


@pytest.mark.parametrize("name", NAMES)
def test_names_with_diacritics_survive_in_the_calendar(make, name):
    from icalendar import Calendar

    cal = Calendar.from_ical(make({"id": "doc-name", "name": name}).render("ics"))
    assert str(cal["X-WR-CALNAME"]).endswith(f"– {name}")


def test_the_calendar_speaks_the_documents_language(person):
    events = _events(person("b1").render("ics", lang="en"))
    summaries = {e["summary"] for e in events.values()}
    assert "Progress conversation" in summaries
    assert any(s.startswith("Goal: ") for s in summaries)
