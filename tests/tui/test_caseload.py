"""The caseload: one DataTable with one page of people; search, sort, filter and paging."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Select

from padplanner.i18n import texts
from padplanner.tui.screens.caseload import CaseloadScreen
from padplanner.tui.screens.plan import PlanScreen
from padplanner.tui.widgets.caseload_table import CaseloadTable, widths

from .conftest import TODAY, open_test_store, settle

LARGE = 130


@pytest.fixture(scope="module")
def large_db(tmp_path_factory, tui_planner):
    """More people than one page (without simulated progress, to stay quick)."""
    from padplanner.store.demo_fill import fill_demo

    path = tmp_path_factory.mktemp("large") / "large.db"
    store = open_test_store(path)
    fill_demo(store, LARGE, 3, today=TODAY, planner=tui_planner, progress=False)
    store.close()
    return path


@pytest.fixture
def large_store(large_db):
    store = open_test_store(large_db)
    yield store
    store.close()


def shown_ids(screen: CaseloadScreen) -> list[str]:
    table = screen.query_one(CaseloadTable)
    return [row.key.value for row in table.ordered_rows]


async def test_the_table_holds_only_the_rows_that_fit(large_store, make_app):
    app = make_app(large_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseloadScreen)
        assert len(screen.query(DataTable)) == 1
        table = screen.query_one(CaseloadTable)
        window = table.window
        assert window == table.size.height - 1 and 15 <= window <= 25
        expected = [r.id for r in large_store.list_people(order_by="name", limit=window)]
        assert shown_ids(screen) == expected
        assert screen.total == LARGE
        status = str(screen.query_one("#status").render())
        assert f"1–{window} van {LARGE}" in status


async def test_scrolling_and_paging_ask_the_store_for_the_next_window(large_store, make_app):
    app = make_app(large_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(CaseloadTable)
        window = table.window

        def expected(offset: int) -> list[str]:
            rows = large_store.list_people(order_by="name", limit=window, offset=offset)
            return [r.id for r in rows]

        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert shown_ids(screen) == expected(window)
        # down past the last row slides the window by one and keeps the cursor at the bottom
        table.move_cursor(row=window - 1)
        await pilot.press("down")
        await settle(pilot)
        assert screen.query_state.offset == window + 1
        assert shown_ids(screen) == expected(window + 1)
        assert table.cursor_row == window - 1
        # up past the first row slides back
        table.move_cursor(row=0)
        await pilot.press("up")
        await settle(pilot)
        assert screen.query_state.offset == window
        # ctrl+end: the last window; nothing after it
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert screen.query_state.offset == LARGE - window
        assert shown_ids(screen) == expected(LARGE - window)
        assert table.current_id == shown_ids(screen)[-1]
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.query_state.offset == LARGE - window
        await pilot.press("ctrl+home")
        await settle(pilot)
        assert screen.query_state.offset == 0 and table.cursor_row == 0


async def test_a_taller_terminal_shows_more_rows(large_store, make_app):
    app = make_app(large_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = len(app.screen.rows)
        await pilot.resize_terminal(100, 45)
        await settle(pilot)
        assert len(app.screen.rows) == before + 15
        assert len(app.screen.rows) == app.screen.query_one(CaseloadTable).window


async def test_search_sort_and_filters_ask_the_store(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        first = screen.rows[0]
        word = (first.name or first.id).split()[-1].lower()
        window = screen.query_one(CaseloadTable).window

        await pilot.press("slash")
        assert screen.query_one("#search", Input).has_focus
        await pilot.press(*word)
        await settle(pilot)
        assert shown_ids(screen) == [
            r.id for r in demo_store.list_people(search=word, limit=window)
        ]
        assert first.id in shown_ids(screen)
        await pilot.press("enter")  # back to the table
        assert screen.query_one(CaseloadTable).has_focus
        screen.action_clear_filters()
        await settle(pilot)
        assert screen.total == demo_store.count_people()

        await pilot.press("s")  # sort by the next column: route
        await settle(pilot)
        assert screen.query_state.order_by == "route"
        assert shown_ids(screen) == [
            r.id for r in demo_store.list_people(order_by="route", limit=window)
        ]
        await pilot.press("S")
        await settle(pilot)
        assert shown_ids(screen) == [
            r.id for r in demo_store.list_people(order_by="route", descending=True, limit=window)
        ]

        screen.query_one("#risk", Select).value = "deadline"
        await settle(pilot)
        at_risk = demo_store.list_people(
            risk="deadline", order_by="route", descending=True, limit=window
        )
        assert at_risk and shown_ids(screen) == [r.id for r in at_risk]
        screen.query_one("#municipality", Select).value = "GM0034"
        await settle(pilot)
        assert all(r.municipality == "GM0034" and r.risk == "deadline" for r in screen.rows)
        assert screen.total == demo_store.count_people(risk="deadline", municipality="GM0034")


async def test_enter_opens_the_plan_of_the_highlighted_person(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("down", "down")
        person = screen.rows[2].id
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen) and app.screen.person_id == person
        saved = demo_store.latest_plan(person)[1]
        assert app.screen.plan.to_dict() == saved.to_dict()  # the saved revision, unchanged


async def test_rows_read_without_colour(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(CaseloadTable)
        for row in screen.rows:
            cells = [str(c) for c in table.get_row(row.id)]
            assert cells[-2] == {"none": "geen", "contact": "contact", "behind": "ACHTER"}.get(
                row.risk, "TERMIJN!"
            )


async def test_names_are_shown_as_written_not_as_markup(empty_store, make_app):
    """Square brackets in a name are text, not Rich markup: ``[bold]`` is not swallowed and an
    unmatched ``[/b]`` does not stop the caseload or the plan screen with a markup error."""
    import attrs

    from padplanner.clientfile import load_client

    from .test_flows import AMAL

    name = "Amal [/b] [bold]Haddad[/bold]"
    client = attrs.evolve(load_client(AMAL), name=name)
    empty_store.add_person(client, author="tester")
    app = make_app(empty_store)
    async with app.run_test(size=(110, 30)) as pilot:  # the name column fits the whole name
        await settle(pilot)
        table = app.screen.query_one(CaseloadTable)
        assert str(table.get_row(client.id)[0]) == name
        drawn = "".join(s.text for s in table.render_line(1))  # the first row under the header
        assert "Amal [/b] [bold]Haddad" in drawn
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen) and app.screen.plan is not None
        assert name in str(app.screen.query_one("#summary").render())


def test_columns_share_the_width():
    narrow, wide = widths(80), widths(120)
    assert sum(narrow.values()) + 2 * len(narrow) + 2 <= 80
    assert wide["name"] > narrow["name"] and wide["milestone"] > narrow["milestone"]
    assert narrow["risk"] == wide["risk"]  # risk is never squeezed out


async def test_at_80_columns_every_column_fits(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CaseloadTable)
        assert table.virtual_size.width <= table.size.width


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nl", {"goal-listening-b1": "Luisteren B1", "goal-knm": "Kennis van de Nederlandse"}),
        ("en", {"goal-listening-b1": "Listening B1", "goal-knm": "Knowledge of Dutch society"}),
    ],
)
async def test_the_next_milestone_is_the_goal_in_words(large_store, make_app, lang, words):
    """A counsellor reads the goal a milestone marks in their language after its month, not
    its id (``mrt 2027 Luisteren B1``, not ``listening-b1 2027-03``)."""
    app = make_app(large_store, lang=lang)
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CaseloadTable)
        rows = {row.id: row for row in table.case_rows}
        seen = set()
        for key in table.rows:
            row = rows[key.value]
            shown = str(table.get_cell(key, "milestone"))
            assert "goal-" not in shown and "-b1" not in shown
            if row.next_milestone in words:
                assert shown.startswith(texts(lang).month(row.next_milestone_date, cell=True) + " ")
                assert words[row.next_milestone] in shown
                seen.add(row.next_milestone)
        assert seen, "no row with a listening or KNM milestone to check"


def test_every_goal_milestone_of_the_law_reads_back_as_its_requirement(tui_planner):
    from padplanner.export.context import milestone_requirement

    catalog = tui_planner.catalog("")
    assert milestone_requirement(catalog, "goal-listening-b1") == "listening>=B1"
    assert milestone_requirement(catalog, "goal-work-care") == "work:care"
    assert milestone_requirement(catalog, "goal-z-participation") == "z-participation"
    assert milestone_requirement(catalog, "goal-nonsense") is None
