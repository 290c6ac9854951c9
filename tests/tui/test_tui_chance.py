"""The chance to finish on time in the TUI: the plan's header and a caseload column."""

from __future__ import annotations

from padplanner.tui.screens.caseload import CaseloadScreen
from padplanner.tui.screens.plan import PlanScreen
from padplanner.tui.widgets.caseload_table import CaseloadTable

from .test_caseload import settle


async def test_the_caseload_shows_each_persons_chance_and_sorts_by_it(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseloadScreen)
        table = screen.query_one(CaseloadTable)
        shown = [str(table.get_row(row.id)[-1]) for row in screen.rows]
        assert any(cell.endswith("%") for cell in shown)
        screen.change(order_by="on_time", descending=False)
        await settle(pilot)
        chances = [row.on_time for row in screen.rows if row.on_time is not None]
        assert chances and chances == sorted(chances)  # the least likely first


async def test_the_plan_header_says_the_saved_chance_in_plain_words(demo_store, make_app):
    row = next(r for r in demo_store.list_people(limit=50) if r.on_time is not None)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        app.open_plan(row.id)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen) and screen.plan is not None
        header = str(screen.query_one("#summary").render())
        assert "Kans op tijd klaar:" in header and "op de 10" in header
