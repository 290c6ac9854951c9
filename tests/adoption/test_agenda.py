"""The counsellor's week: each kind of item appears exactly when it should, tested on both
sides of every boundary, with the law's figures taken from the catalogue."""

from __future__ import annotations

import json
from datetime import date, timedelta

import attrs
import pytest

from padplanner.agenda.items import PersonState, Week, items_for
from padplanner.model import Level
from padplanner.model.plan import PlannedCheckIn, RoutePick
from padplanner.store.events import (
    ContactHeld,
    ExamResult,
    HoursAttended,
    JobStarted,
    Moved,
    PipSet,
    TermEnded,
)

MUNICIPALITY = "GM0363"


@pytest.fixture(scope="module")
def catalog(planner):
    """The law's figures (``param``) and answers (the route's questions), as the agenda asks."""
    from padplanner.engine.asked import Asked

    return Asked(planner, MUNICIPALITY)


@pytest.fixture(scope="module")
def base(planner):
    from padplanner.testing import build_client

    client = build_client(
        {
            "id": "p-1",
            "municipality": MUNICIPALITY,
            "term_start": date(2025, 1, 6),
            "weekly_hours": 16,
        }
    )
    plan = planner.plan(client, at=date(2025, 1, 6))
    return client, plan


def state(base, *, events=(), plan_changes=None, route="b1", **intake):
    client, plan = base
    client = attrs.evolve(client, **intake)
    plan = attrs.evolve(plan, route=RoutePick(route, plan.route.reasons), check_ins=())
    if plan_changes:
        plan = attrs.evolve(plan, **plan_changes)
    kinds = {"nt2-a1": "language", "work": "work"}
    return PersonState(client, client, tuple(events), plan, "Test", "k.devries", kinds)


def kinds(person, day, catalog):
    return {(i.kind, i.overdue) for i in items_for(person, Week.of(day), catalog)}


def test_the_week_runs_from_monday_to_sunday():
    week = Week.of(date(2026, 3, 18))  # a Wednesday
    assert (week.start, week.end) == (date(2026, 3, 16), date(2026, 3, 22))
    assert Week.of(date(2026, 3, 22)).start == date(2026, 3, 16)
    assert Week.of(date(2026, 3, 23)).start == date(2026, 3, 23)


def test_the_pip_is_due_ten_weeks_after_the_notice_until_it_is_set(base, catalog):
    assert catalog.param("pip_weeks", date(2026, 1, 5)) == 10
    person = state(base, notice_date=date(2026, 1, 5))  # due Monday 16 March 2026
    assert ("pip", False) not in kinds(person, date(2026, 3, 15), catalog)
    assert ("pip", False) in kinds(person, date(2026, 3, 16), catalog)
    assert ("pip", True) in kinds(person, date(2026, 3, 23), catalog)
    done = state(base, notice_date=date(2026, 1, 5), events=[PipSet(date(2026, 3, 1))])
    assert not {k for k, _ in kinds(done, date(2026, 3, 23), catalog)} & {"pip"}
    later = state(base, notice_date=date(2026, 1, 5), events=[PipSet(date(2026, 4, 1))])
    assert ("pip", True) in kinds(later, date(2026, 3, 23), catalog)  # not yet set then


def test_a_progress_conversation_is_due_on_its_date_and_held_by_a_talk_four_weeks_before(
    base, catalog
):
    day = date(2026, 5, 13)  # a Wednesday
    plan = {"check_ins": (PlannedCheckIn(day, "progress", ()),)}
    person = state(base, plan_changes=plan)
    assert ("progress", False) not in kinds(person, day - timedelta(days=3), catalog)  # Sunday
    assert ("progress", False) in kinds(person, day, catalog)
    assert ("progress", True) in kinds(person, day + timedelta(weeks=1), catalog)
    held = state(base, plan_changes=plan, events=[ContactHeld(day - timedelta(days=28))])
    assert not kinds(held, day, catalog) & {("progress", False), ("progress", True)}
    early = state(base, plan_changes=plan, events=[ContactHeld(day - timedelta(days=29))])
    assert ("progress", False) in kinds(early, day, catalog)
    other = state(base, plan_changes=plan, events=[ContactHeld(day, "job-follow-up")])
    assert ("progress", False) in kinds(other, day, catalog)


def test_the_map_final_interview_is_due_on_its_date_until_a_map_final_talk(base, catalog):
    day = date(2026, 9, 2)  # a Wednesday
    plan = {
        "check_ins": (
            PlannedCheckIn(day, "map-final", ()),
            PlannedCheckIn(day + timedelta(weeks=13), "map-final", ()),
        )
    }
    person = state(base, plan_changes=plan)
    assert "map-final" not in {k for k, _ in kinds(person, day - timedelta(days=3), catalog)}
    assert ("map-final", False) in kinds(person, day, catalog)
    assert ("map-final", True) in kinds(person, day + timedelta(weeks=1), catalog)
    progress_talk = state(base, plan_changes=plan, events=[ContactHeld(day, "progress")])
    assert ("map-final", False) in kinds(progress_talk, day, catalog)  # another topic
    held = state(base, plan_changes=plan, events=[ContactHeld(day, "map-final")])
    assert "map-final" not in {k for k, _ in kinds(held, day + timedelta(weeks=1), catalog)}
    # the next one is due on its own date, once
    later = [i for i in items_for(held, Week.of(day + timedelta(weeks=13)), catalog)]
    assert [(i.kind, i.due) for i in later if i.kind == "map-final"] == [
        ("map-final", day + timedelta(weeks=13))
    ]
    # a check-in from before the plan was made is not asked for
    old = state(base, plan_changes={**plan, "reference_date": day + timedelta(days=1)})
    assert "map-final" not in {k for k, _ in kinds(old, day + timedelta(weeks=1), catalog)}


def test_job_follow_ups_fall_at_the_catalogues_months_also_after_the_term(base, catalog):
    assert list(catalog.param("job_follow_up_months", date(2026, 1, 10))) == [3, 6, 12]
    started = JobStarted(date(2026, 1, 10), "care", 24)  # follow-ups 10 Apr, 10 Jul, 10 Jan
    ended = TermEnded(date(2026, 2, 1), "completed")
    person = state(base, events=[started, ended])
    assert ("job-follow-up", False) not in kinds(person, date(2026, 4, 5), catalog)
    assert ("job-follow-up", False) in kinds(person, date(2026, 4, 6), catalog)
    assert ("job-follow-up", False) in kinds(person, date(2026, 4, 12), catalog)
    talked = state(base, events=[started, ended, ContactHeld(date(2026, 4, 8), "job-follow-up")])
    assert not kinds(talked, date(2026, 4, 12), catalog)
    assert ("job-follow-up", False) in kinds(talked, date(2026, 7, 10), catalog)  # 6 months
    # after the term only the follow-ups remain
    assert {k for k, _ in kinds(person, date(2026, 12, 1), catalog)} == {"job-follow-up"}


def test_the_switch_window_is_due_one_cycle_before_it_closes_and_gone_once_closed(base, catalog):
    # term start 6 Jan 2025: the window (18 months) closes 6 Jul 2026; 13 weeks before: 6 Apr
    assert catalog.param("switch_window_months", date(2025, 1, 6)) == 18
    person = state(base)
    assert ("switch-window", False) not in kinds(person, date(2026, 4, 5), catalog)
    assert ("switch-window", False) in kinds(person, date(2026, 4, 6), catalog)
    assert ("switch-window", True) in kinds(person, date(2026, 7, 6), catalog)  # closes today
    assert not {k for k, _ in kinds(person, date(2026, 7, 13), catalog)} & {"switch-window"}
    replanned = state(base, plan_changes={"reference_date": date(2026, 4, 6)})
    assert not {k for k, _ in kinds(replanned, date(2026, 4, 6), catalog)} & {"switch-window"}
    onderwijs = state(base, route="onderwijs")
    assert not {k for k, _ in kinds(onderwijs, date(2026, 4, 6), catalog)} & {"switch-window"}


def _law_keeps_the_route(planner, client, on):
    """Whether the planner's rules (``padplanner_route_switch``) keep the route on ``on``."""
    from padplanner.context import PlanContext

    ctx = PlanContext(
        reference_date=on,
        municipality=MUNICIPALITY,
        law="wi2021",
        catalog=planner.catalog(MUNICIPALITY),
    )
    rules = planner.manager.rules(MUNICIPALITY)
    return bool(
        rules.collect(
            "padplanner_route_switch",
            client.id,
            client=client.view(on),
            before="z",
            after="b1",
            ctx=ctx,
        )
    )


@pytest.mark.parametrize(
    ("start", "closes"),
    [
        (date(2024, 2, 29), date(2025, 8, 29)),  # 29 February: 18 calendar months on
        (date(2024, 8, 31), date(2026, 2, 28)),  # the end of a month: February's last day
    ],
)
def test_the_switch_window_closes_the_day_the_planner_says_on_both_sides(planner, start, closes):
    from padplanner.engine.asked import Asked
    from padplanner.testing import build_client

    client = build_client(
        {"id": "p-2", "municipality": MUNICIPALITY, "term_start": start, "weekly_hours": 16}
    )
    plan = planner.plan(client, at=start)
    assert plan.term.switch_until == closes
    assert not _law_keeps_the_route(planner, client, closes)
    assert _law_keeps_the_route(planner, client, closes + timedelta(days=1))
    catalog = Asked(planner, MUNICIPALITY)
    person = state((client, plan), route="z")
    last = Week.of(closes)  # the week the window closes in: still shown, overdue
    found = [i for i in items_for(person, last, catalog) if i.kind == "switch-window"]
    assert [(i.values["closes"], i.overdue) for i in found] == [(closes.isoformat(), True)]
    after = Week(last.start + timedelta(weeks=1))
    assert not [i for i in items_for(person, after, catalog) if i.kind == "switch-window"]


def test_the_agenda_reads_the_switch_window_from_the_plans_term_not_its_own_count(base, catalog):
    # a rule that sets the term names the window's last day; the agenda does not count again
    client, plan = base
    moved = attrs.evolve(plan, term=attrs.evolve(plan.term, switch_until=date(2026, 1, 30)))
    person = state((client, moved))
    found = [i for i in items_for(person, Week.of(date(2026, 1, 30)), catalog)]
    assert [i.values["closes"] for i in found if i.kind == "switch-window"] == ["2026-01-30"]
    assert not {k for k, _ in kinds(person, date(2026, 2, 2), catalog)} & {"switch-window"}
    silent = state((client, attrs.evolve(plan, term=attrs.evolve(plan.term, switch_until=None))))
    assert not {k for k, _ in kinds(silent, date(2026, 4, 6), catalog)} & {"switch-window"}


def test_a_plan_saved_without_the_switch_day_gets_it_from_the_rules(planner, base):
    from padplanner.agenda.collect import _with_switch_day

    client, plan = base
    older = _as_an_older_document(plan)
    assert older.term is None
    assert _with_switch_day(planner, client, older).term.switch_until == date(2026, 7, 6)
    assert _with_switch_day(planner, client, plan) is plan


def _as_an_older_document(plan):
    """The plan as a document written before plans carried their term reads back."""
    from padplanner.model import Plan

    data = json.loads(plan.to_json())
    del data["term"]
    return Plan.from_json(json.dumps(data))


def test_the_a2_decision_is_due_when_the_lessons_reach_the_catalogues_hours(base, catalog):
    assert catalog.param("a2_drop_hours", date(2026, 1, 1)) == 600
    lessons = [
        HoursAttended(date(2025, 2, 1) + timedelta(weeks=n), "nt2-a1", 100) for n in range(6)
    ]
    reached = lessons[-1].on  # the 600th hour
    person = state(base, events=lessons)
    assert ("a2-decision", False) in kinds(person, reached, catalog)
    assert "a2-decision" not in {k for k, _ in kinds(person, reached - timedelta(days=7), catalog)}
    short = state(base, events=[*lessons[:-1], HoursAttended(reached, "nt2-a1", 99)])
    assert "a2-decision" not in {k for k, _ in kinds(short, reached, catalog)}
    not_language = state(base, events=[*lessons[:-1], HoursAttended(reached, "work", 100)])
    assert "a2-decision" not in {k for k, _ in kinds(not_language, reached, catalog)}
    at_b1 = attrs.evolve(person, current=attrs.evolve(person.current, levels=_all(Level.B1)))
    assert "a2-decision" not in {k for k, _ in kinds(at_b1, reached, catalog)}
    z_route = state(base, events=lessons, route="z")
    assert "a2-decision" not in {k for k, _ in kinds(z_route, reached, catalog)}


def _all(level):
    from padplanner.model.client import Levels

    return Levels(level, level, level, level)


@pytest.mark.parametrize(
    "event,kind",
    [
        (Moved(date(2026, 6, 3), "GM0034"), "moved"),
        (ExamResult(date(2026, 6, 3), "speaking", Level.A2, passed=True), "exam"),
        (ExamResult(date(2026, 6, 3), "reading", Level.B1, passed=False), "exam"),
    ],
)
def test_a_move_or_an_exam_result_asks_for_an_amended_plan_until_one_is_made(
    base, catalog, event, kind
):
    person = state(base, events=[event])
    assert kind not in {k for k, _ in kinds(person, date(2026, 5, 31), catalog)}
    assert (kind, False) in kinds(person, date(2026, 6, 1), catalog)
    assert (kind, True) in kinds(person, date(2026, 6, 8), catalog)
    amended = state(base, events=[event], plan_changes={"reference_date": event.on})
    assert kind not in {k for k, _ in kinds(amended, date(2026, 6, 8), catalog)}
    before = state(
        base, events=[event], plan_changes={"reference_date": event.on - timedelta(days=1)}
    )
    assert (kind, True) in kinds(before, date(2026, 6, 8), catalog)


def test_the_command_filters_by_counsellor_and_writes_text_json_and_ics(cli, sqlite_url, tmp_path):
    from importhelp import GOOD, MAPPING, write_csv

    code, _, _ = cli(
        "import", write_csv(tmp_path, GOOD), "-m", MAPPING, "--db", sqlite_url, "--at", "2026-10-01"
    )
    assert code == 0
    week = "2027-06-07"
    code, out, _ = cli("agenda", "--db", sqlite_url, "--week", week, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["week"] == {"start": "2027-06-07", "end": "2027-06-13"}
    everyone = {i["id"] for i in data["items"]}
    assert everyone == {"INB-1", "INB-2", "INB-3"}
    code, out, _ = cli(
        "agenda", "--db", sqlite_url, "--week", week, "--counsellor", "m.bakker", "-f", "json"
    )
    assert {i["id"] for i in json.loads(out)["items"]} == {"INB-2"}
    code, out, _ = cli("agenda", "--db", sqlite_url, "--week", week, "--lang", "en")
    assert code == 0 and "Agenda from 7 June 2027 to 13 June 2027" in out
    assert "Bilal Test" in out
    path = tmp_path / "week.ics"
    code, _, err = cli("agenda", "--db", sqlite_url, "--week", week, "-f", "ics", "-o", path)
    assert code == 0 and f"{path} geschreven" in err
    code, _, err = cli(
        "agenda", "--db", sqlite_url, "--week", week, "-o", tmp_path / "w.txt", "--lang", "en"
    )
    assert code == 0 and f"wrote {tmp_path / 'w.txt'}" in err
    from icalendar import Calendar

    calendar = Calendar.from_ical(path.read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == len(data["items"])
    text = path.read_text()
    assert "INB-2" in text and "Bilal" not in text and "999990020" not in text
    assert "X-WR-CALNAME:padplanner-agenda, week van 7 juni 2027" in text
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    code, _, err = cli("agenda", "--db", sqlite_url, "--week", "soon")
    assert code == 2 and "--week" in err


def test_every_item_reads_as_a_sentence_in_both_languages(base, catalog):
    from padplanner.agenda.render import detail, title

    events = [
        ExamResult(date(2026, 6, 3), "reading", Level.B1, passed=False),
        Moved(date(2026, 6, 2), "GM0034"),
        JobStarted(date(2026, 1, 10), "care", 24),
    ]
    person = state(base, events=events, notice_date=date(2026, 1, 5))
    items = items_for(person, Week.of(date(2026, 6, 8)), catalog)
    assert {i.kind for i in items} >= {"exam", "moved", "job-follow-up", "pip", "switch-window"}
    for item in items:
        for lang in ("nl", "en"):
            text = detail(item, lang) + title(item, lang)
            assert "agenda." not in text and "{" not in text, text
    (exam,) = [i for i in items if i.kind == "exam"]
    assert detail(exam, "en") == "Did not pass the reading exam at B1: discuss the plan."
    assert detail(exam, "nl") == "Examen lezen op B1 niet gehaald: bespreek het plan."
