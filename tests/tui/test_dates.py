"""The TUI writes dates as the reader's language does: the caseload's end of the term and next
milestone as a short month (``jan 2028``), the progress screen's events as a short date
(``5 jan 2026``), the reason of a replan in full (``5 januari 2026``); never ISO. The caseload
still sorts by the date itself."""

from __future__ import annotations

import re

import pytest

from padplanner.i18n import texts
from padplanner.tui.screens.progress import ProgressScreen
from padplanner.tui.widgets.caseload_table import CaseloadTable

from .conftest import TODAY, settle

ISO = re.compile(r"\b20\d\d-\d\d(-\d\d)?\b")


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_the_caseload_shows_months_as_the_language_writes_them(demo_store, make_app, lang):
    t = texts(lang)
    app = make_app(demo_store, lang=lang)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CaseloadTable)
        rows = {row.id: row for row in table.case_rows}
        checked = 0
        for key in table.rows:
            row = rows[key.value]
            deadline = str(table.get_cell(key, "deadline"))
            milestone = str(table.get_cell(key, "milestone"))
            assert not ISO.search(deadline + milestone), (deadline, milestone)
            if row.deadline:
                assert deadline == t.month(row.deadline, cell=True)
                checked += 1
            if row.next_milestone_date:
                assert milestone.startswith(t.month(row.next_milestone_date, cell=True) + " ")
        assert checked


async def test_sorted_by_the_end_of_the_term_the_caseload_follows_the_dates(demo_store, make_app):
    """Sorting is by the date, not its words: 'apr 2027' comes after 'okt 2026'."""
    app = make_app(demo_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.screen.change(order_by="deadline", descending=False)
        await settle(pilot)
        rows = app.screen.query_one(CaseloadTable).case_rows
        days = [row.deadline for row in rows if row.deadline]
        assert len(days) > 2 and days == sorted(days)


@pytest.mark.parametrize(
    ("lang", "day", "reason"),
    [
        ("nl", "5 jan 2026", "opnieuw gepland op 5 januari 2026 met de vastgelegde voortgang"),
        ("en", "5 Jan 2026", "replanned on 5 January 2026 from the progress recorded"),
    ],
)
async def test_the_progress_screen_dates_events_and_a_replan_in_words(
    demo_store, make_app, lang, day, reason
):
    app = make_app(demo_store, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        person = screen.person_id
        module = screen.plan.activities[0].module
        screen.query_one("#target").value = module
        screen.query_one("#amount").value = "3"
        assert screen.query_one("#on").value == TODAY.isoformat()  # typed dates stay ISO
        await pilot.press("ctrl+s")
        await settle(pilot)
        from textual.widgets import DataTable

        events = screen.query_one("#events", DataTable)
        shown = [str(events.get_row_at(i)[0]) for i in range(events.row_count)]
        assert day in shown and not any(ISO.search(s) for s in shown), shown
        await pilot.press("ctrl+r")
        await settle(pilot)
        latest = demo_store.latest_plan(person)
        assert demo_store.revision(person, latest[0]).reason == reason
