"""The agenda screen: the week's items, one key (Enter) opens the person, [ and ] move a week."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from padplanner.tui.screens.agenda import AgendaScreen
from padplanner.tui.screens.plan import PlanScreen

from .conftest import settle


async def test_w_opens_the_agenda_and_enter_opens_the_person(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        table = screen.query_one("#agenda-table", DataTable)
        assert table.row_count == len(screen.items) > 0
        week = str(screen.query_one("#agenda-week", Static).render())
        assert week.startswith("Agenda van 5 januari 2026 tot en met 11 januari 2026")
        first = screen.items[0].person_id
        assert table.get_row_at(0)[1] == first
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen) and app.screen.person_id == first


async def test_the_brackets_move_a_week(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        week = str(app.screen.query_one("#agenda-week", Static).render())
        assert week.startswith("Agenda van 12 januari 2026")
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        week = str(app.screen.query_one("#agenda-week", Static).render())
        assert week.startswith("Agenda van 29 december 2025")
