"""The municipality's monitor: every figure recounted from the store by another path, small
cells suppressed (also the one that would give a suppressed cell away), pseudonymous output."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest

from padplanner.monitor.collect import monitor
from padplanner.monitor.figures import Cell, Quarter, suppress
from padplanner.monitor.render import to_csv, to_html, to_text
from padplanner.store.derive import status
from padplanner.store.events import (
    ComponentCompleted,
    ContactHeld,
    ExamResult,
    JobStarted,
    PipSet,
    PlacementStarted,
    TermEnded,
)
from padplanner.testing import build_client

Q = Quarter(2026, 2)  # 1 April - 30 June 2026
MUNICIPALITY = "GM0363"


def test_quarters_parse_and_step():
    assert Quarter.parse("2026-Q4") == Quarter(2026, 4)
    assert Quarter.parse("2026q1") == Quarter(2026, 1)
    assert (Q.start, Q.end) == (date(2026, 4, 1), date(2026, 6, 30))
    assert Quarter(2026, 4).end == date(2026, 12, 31)
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)
    assert Quarter(2025, 4).next() == Quarter(2026, 1)
    for bad in ("2026-Q5", "Q4", "2026", "1999-Q1", "2026-Q4x"):
        with pytest.raises(ValueError):
            Quarter.parse(bad)


@pytest.fixture
def caseload(store, planner):
    """30 synthetic people with a first plan in January 2026 and a known record since."""
    ids = []
    for n in range(30):
        client = build_client(
            {
                "id": f"m-{n:02d}",
                "municipality": MUNICIPALITY,
                "term_start": date(2025, 1, 6) if n < 12 else date(2026, 1, 5),
                "notice_date": date(2026, 2, 2) + timedelta(weeks=n % 3),
                "weekly_hours": 16 if n % 4 else 8,
                "literacy": "none" if n % 5 == 0 else "latin",
                "aim": "study" if n % 7 == 0 else "work",
                "education": "higher" if n % 7 == 0 else "secondary",
                "learnability": "high" if n % 7 == 0 else "average",
            }
        )
        store.add_person(client, "k.devries")
        store.save_plan(
            client.id, planner.plan(client, at=date(2026, 1, 12)), "k.devries", "first", 0
        )
        ids.append(client.id)
    record = store.record_event
    for n, pid in enumerate(ids):
        if n < 14:  # passed speaking A2 in the quarter; 3 of them reading too
            record(pid, ExamResult(date(2026, 5, 4), "speaking", "A2"), "t")
        if n < 3:
            record(pid, ExamResult(date(2026, 5, 11), "reading", "A2"), "t")
        if 14 <= n < 16:  # failed: not counted
            record(pid, ExamResult(date(2026, 5, 4), "speaking", "A2", passed=False), "t")
        if n < 11:
            record(pid, ComponentCompleted(date(2026, 4, 20), "knm"), "t")
        if n < 12:  # the PIP: 10 in time, 2 late; the others not set
            on = date(2026, 3, 2) if n < 10 else date(2026, 6, 29)
            record(pid, PipSet(on), "t")
        if 20 <= n < 25:
            record(pid, PlacementStarted(date(2026, 4, 1), "care"), "t")
        if 25 <= n < 28:
            record(pid, JobStarted(date(2026, 2, 1), "care", 24), "t")
            record(pid, TermEnded(date(2026, 3, 1), "completed"), "t")
            record(pid, ContactHeld(date(2026, 5, 1), "job-follow-up"), "t")
        if n == 29:  # before the quarter: not counted in it
            record(pid, ExamResult(date(2026, 3, 31), "speaking", "A1"), "t")
    return ids


def _cells(result, quarter=Q):
    return {(c.key, c.category): c for c in result.cells[str(quarter)]}


def _value(cells, key, category):
    cell = cells[(key, category)]
    return None if cell.suppressed else cell.value


def test_every_figure_is_recounted_from_the_store(store, planner, caseload):
    result = monitor(store, planner, Q, quarters=2)
    cells = _cells(result)
    end = Q.end
    in_quarter = lambda e: Q.start <= e.on <= end  # noqa: E731
    recorded = {pid: [r.event for r in store.events(pid)] for pid in caseload}
    # exams passed and components completed in the quarter, straight from the record
    exams = {s: 0 for s in ("reading", "listening", "writing", "speaking")}
    knm = 0
    for events in recorded.values():
        for e in filter(in_quarter, events):
            if isinstance(e, ExamResult) and e.passed:
                exams[e.skill] += 1
            knm += isinstance(e, ComponentCompleted) and e.component == "knm"
    assert exams["speaking"] == 14 and exams["reading"] == 3
    assert _value(cells, "exams", "speaking") == 14
    assert _value(cells, "exams", "reading") is None  # 3 exams: suppressed
    assert _value(cells, "exams", "writing") == 0
    assert _value(cells, "components", "knm") == knm == 11
    # people in their term at the end, by the route of the plan in force, and by progress
    active, routes, behind = [], {}, 0
    for pid in caseload:
        state = status(recorded[pid], end)
        if state.ended is not None:
            continue
        active.append(pid)
        plan = [r.plan for r in store.revisions(pid) if r.plan.reference_date <= end][-1]
        routes[plan.route.id] = routes.get(plan.route.id, 0) + 1
        behind += "behind" in store.progress(pid, today=end).flags
    assert len(active) == 27
    for route in ("b1", "onderwijs", "z"):
        count = routes.get(route, 0)
        assert _value(cells, "people.route", route) in (
            (count,) if count >= 10 or count == 0 else (None,)
        )
    phase_total = sum(c.people for (k, _), c in cells.items() if k == "people.phase")
    assert phase_total == len(active)
    progress = cells[("progress", "behind")].people + cells[("progress", "on_track")].people
    assert progress == len(active) and cells[("progress", "behind")].people == behind
    # the PIP: due ten weeks after each notice date; 10 set in time, 2 late, 18 not set
    assert planner.catalog(MUNICIPALITY).param("pip_weeks", date(2026, 1, 5)) == 10
    due_in_q = [pid for pid in caseload if Q.start <= _due(store, pid) <= end]
    assert len(due_in_q) == 30
    counted = {c: cells[("pip", c)].people for c in ("in_time", "late", "not_set")}
    assert counted == {"in_time": 10, "late": 2, "not_set": 18}
    assert _value(cells, "pip", "late") is None  # 2 people
    assert _value(cells, "pip", "in_time") is None  # would give the 2 away: 30 - 18 - 10
    assert _value(cells, "pip", "not_set") == 18
    # placements and jobs at the end; follow-ups after the term
    assert cells[("work", "placement")].people == 5 and _value(cells, "work", "placement") is None
    assert cells[("work", "job")].people == 0  # the three with a job ended their term
    assert cells[("follow_up", "after_term")].people == 3
    # nobody is past the deadline yet, so no fines are at stake
    assert _value(cells, "deadline", "past") == 0 and _value(cells, "fines", "route") == 0
    # the quarter before: the exam of 31 March is there, not here
    before = _cells(result, Q.previous())
    assert before[("exams", "speaking")].people == 1


def _due(store, pid):
    return store.get_person(pid).notice_date + timedelta(weeks=10)


def test_fines_at_stake_for_people_past_their_deadline(store, planner, caseload):
    late = Quarter(2029, 1)  # everyone's term (3 years) has ended by then
    result = monitor(store, planner, late, quarters=1)
    cells = _cells(result, late)
    fines = planner.catalog(MUNICIPALITY).param("fines_eur", late.end)
    past = cells[("deadline", "past")].people
    assert past == 27  # everyone whose term did not end
    pvt = cells[("fines", "pvt")]
    assert pvt.people == 27 and pvt.value == 27 * fines["pvt"]
    assert cells[("fines", "route")].value == cells[("fines", "route")].people * fines["route"]


def test_small_cells_are_suppressed_and_so_is_the_one_that_gives_them_away():
    cells = [
        Cell("people.route", "b1", 40, 40),
        Cell("people.route", "onderwijs", 3, 3),
        Cell("people.route", "z", 12, 12),
        Cell("people.route", "none", 0, 0),
        Cell("exams", "reading", 9, 9),
        Cell("exams", "speaking", 10, 10),
    ]
    out = {(c.key, c.category): c.suppressed for c in suppress(cells)}
    assert out[("people.route", "onderwijs")] and out[("exams", "reading")]
    assert out[("people.route", "z")]  # the smallest other cell: the total would give 3 away
    assert not out[("people.route", "b1")] and not out[("people.route", "none")]
    assert not out[("exams", "speaking")]


def test_the_outputs_show_no_small_cell_and_no_person(store, planner, caseload, tmp_path):
    result = monitor(store, planner, Q, quarters=2)
    text = to_csv(result)
    rows = list(csv.DictReader(io.StringIO(text)))
    reading = next(r for r in rows if r["quarter"] == str(Q) and r["category"] == "reading")
    assert reading["value"] == "" and reading["suppressed"] == "1"
    for row in rows:
        assert row["suppressed"] == "1" or row["value"] == "0" or float(row["value"]) >= 10
    html = to_html(result, "nl")
    assert "<script" not in html and "http" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    assert "<svg" in html and "&lt;10" in html
    for pid in caseload:
        assert pid not in html and pid not in text
    assert "Examens gehaald, per vaardigheid" in to_text(result, "nl")
    assert "Exams passed, per skill" in to_html(result, "en")
    exported = [e for e in store.accesses() if "monitor" in e.detail]
    assert exported and exported[0].person_id is None


def test_the_command_writes_html_and_csv_and_refuses_a_bad_period(cli, sqlite_url, tmp_path):
    from importhelp import GOOD, MAPPING, write_csv

    cli(
        "import", write_csv(tmp_path, GOOD), "-m", MAPPING, "--db", sqlite_url, "--at", "2026-10-01"
    )
    for name in ("monitor.html", "monitor.csv"):
        code, _, err = cli(
            "monitor", "--period", "2026-Q4", "--db", sqlite_url, "-o", tmp_path / name
        )
        assert code == 0, err
        assert f"{tmp_path / name} geschreven" in err
        assert oct((tmp_path / name).stat().st_mode & 0o777) == "0o600"
    code, _, err = cli(
        "monitor",
        "--period",
        "2026-Q4",
        "--db",
        sqlite_url,
        "-o",
        tmp_path / "m.csv",
        "--lang",
        "en",
    )
    assert code == 0 and f"wrote {tmp_path / 'm.csv'}" in err
    assert (tmp_path / "monitor.html").read_text().startswith("<!DOCTYPE html>")
    code, out, _ = cli("monitor", "--period", "2026-Q4", "--db", sqlite_url, "--lang", "en")
    assert code == 0 and "Integration monitor 2026-Q4" in out
    code, _, err = cli("monitor", "--period", "2026-Q5", "--db", sqlite_url)
    assert code == 2 and "--period: '2026-Q5' is geen kwartaal (schrijf 2026-Q4" in err
    code, _, err = cli("monitor", "--period", "2026-Q5", "--db", sqlite_url, "--lang", "en")
    assert code == 2 and "--period: '2026-Q5' is not a quarter (write 2026-Q4" in err
    code, _, err = cli(
        "monitor", "--period", "2026-Q4", "--db", sqlite_url, "-o", tmp_path / "m.pdf"
    )
    assert code == 2 and "naar een .html- of .csv-bestand" in err
    for option, value, says in (
        ("--quarters", "13", "van 1 tot en met 12"),
        ("--municipality", "Almere", "is geen CBS-gemeentecode"),
    ):
        code, _, err = cli("monitor", "--period", "2026-Q4", "--db", sqlite_url, option, value)
        assert code == 2 and f"{option}: " in err and says in err, err


def test_a_quarter_still_running_is_counted_up_to_today(store, planner, caseload):
    today = date(2026, 5, 5)  # the speaking exams (4 May) were taken, the reading ones not yet
    result = monitor(store, planner, Q, quarters=2, today=today)
    assert result.until == today
    cells = _cells(result)
    assert _value(cells, "exams", "speaking") == 14 and cells[("exams", "reading")].people == 0
    behind = sum("behind" in store.progress(pid, today=today).flags for pid in caseload)
    assert cells[("progress", "behind")].people == behind
    # the PIPs due after today are not yet counted as not set
    early = date(2026, 4, 15)
    due = [pid for pid in caseload if Q.start <= _due(store, pid) <= early]
    cells = _cells(monitor(store, planner, Q, quarters=1, today=early))
    counted = sum(cells[("pip", c)].people for c in ("in_time", "late", "not_set"))
    assert counted == len(due) == 10
    # the quarter before is whole
    assert _cells(result, Q.previous()) == _cells(
        monitor(store, planner, Q, quarters=2), Q.previous()
    )
    assert "Het kwartaal 2026-Q2 loopt nog: de cijfers zijn tot en met 5 mei 2026." in to_text(
        result, "nl"
    )
    assert "up to and including 5 May 2026" in to_html(result, "en")
    whole = monitor(store, planner, Q, quarters=1, today=Q.end)
    assert whole.until is None and "loopt nog" not in to_text(whole, "nl")
    with pytest.raises(ValueError):
        monitor(store, planner, Q.next(), today=today)


def test_the_command_refuses_a_quarter_that_has_not_begun(cli, sqlite_url, tmp_path):
    from importhelp import GOOD, MAPPING, write_csv

    cli("import", write_csv(tmp_path, GOOD), "-m", MAPPING, "--db", sqlite_url)
    code, _, err = cli("monitor", "--period", "2100-Q4", "--db", sqlite_url)
    assert code == 2 and "--period: 2100-Q4 is nog niet begonnen" in err
    code, _, err = cli("monitor", "--period", "2100-Q4", "--db", sqlite_url, "--lang", "en")
    assert code == 2 and "--period: 2100-Q4 has not begun yet" in err


def test_values_components_and_phases_are_recounted_from_the_store(store, planner, caseload):
    from padplanner.store.events import HoursAttended
    from padplanner.store.risk import PHASES, phase

    kinds = planner.catalog(MUNICIPALITY).modules
    for n, pid in enumerate(caseload):
        if n < 12:  # values conversations: people, not sessions (two for some)
            store.record_event(pid, HoursAttended(date(2026, 4, 7), "values-series", 2), "t")
            if n % 2:
                store.record_event(pid, HoursAttended(date(2026, 5, 7), "values-series", 2), "t")
        if 5 <= n < 15:
            store.record_event(pid, ComponentCompleted(date(2026, 6, 1), "map"), "t")
        if n < 4:
            store.record_event(pid, ComponentCompleted(date(2026, 6, 2), "pvt"), "t")
        if n == 20:  # after the quarter: not in it
            store.record_event(pid, ComponentCompleted(date(2026, 7, 1), "map"), "t")
    cells = _cells(monitor(store, planner, Q, quarters=1))
    end = Q.end
    values, components, phases = set(), {"map": 0, "pvt": 0, "knm": 0}, {}
    for pid in caseload:
        events = [r.event for r in store.events(pid)]
        for e in events:
            if not Q.start <= e.on <= end:
                continue
            if isinstance(e, HoursAttended) and kinds[e.module].kind == "values":
                values.add(pid)
            if isinstance(e, ComponentCompleted):
                components[e.component] += 1
        state = status([e for e in events if e.on <= end], end)
        if state.ended is None:
            plan = [r.plan for r in store.revisions(pid) if r.plan.reference_date <= end][-1]
            key = phase(plan, state, end)
            phases[key] = phases.get(key, 0) + 1
    assert cells[("values", "attended")].people == len(values) == 12
    assert _value(cells, "values", "attended") == 12
    assert _value(cells, "components", "map") == components["map"] == 10
    assert cells[("components", "pvt")].people == components["pvt"] == 4
    assert _value(cells, "components", "pvt") is None
    for key in PHASES:
        if key != "ended":
            assert cells[("people.phase", key)].people == phases.get(key, 0), key
