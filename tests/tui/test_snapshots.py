"""A few labelled snapshots per screen, at a fixed size, with "today" and the demo fixed.

Textual and Rich are pinned for the test run (``constraints/test.txt``), so the pictures do not
drift with them. They do change when the engine, the catalogue or the demo generator change
what a plan looks like: look at the report (``snapshot_report.html``) and accept with
``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from padplanner.clientfile import load_client

from .conftest import settle
from .test_flows import AMAL, fill_intake

WIDE = (100, 30)
SMALL = (80, 24)


def before(*keys: str, then=None):
    """run_before: let the workers finish, press ``keys``, run ``then``, hide notifications."""

    async def run(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if then is not None:
            await then(pilot)
            await settle(pilot)
        pilot.app.clear_notifications()
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # a blinking cursor would make the picture random
        await pilot.pause()

    return run


def amal_app(empty_store, make_app):
    empty_store.add_person(load_client(AMAL), author="tester")
    return make_app(empty_store)


def test_caseload_wide(snap_compare, demo_store, make_app):
    """Caseload, first page of 40 synthetic people, 100×30."""
    assert snap_compare(make_app(demo_store), terminal_size=WIDE, run_before=before())


def test_caseload_80x24_filtered_by_risk(snap_compare, demo_store, make_app):
    """Caseload at 80×24, filtered on the deadline risk and sorted by slack."""

    async def filter_risk(pilot):
        pilot.app.screen.query_one("#risk").value = "deadline"
        pilot.app.screen.change(order_by="slack")

    assert snap_compare(
        make_app(demo_store), terminal_size=SMALL, run_before=before(then=filter_risk)
    )


def test_intake_with_problems_at_the_fields(snap_compare, empty_store, make_app):
    """Intake: a BSN failing the elfproef and an impossible date, shown at the fields."""

    async def bad_input(pilot):
        await fill_intake(pilot, bsn="123456789", birth_date="1995-02-30")
        await pilot.press("ctrl+s")

    assert snap_compare(
        make_app(empty_store), terminal_size=WIDE, run_before=before("n", then=bad_input)
    )


def test_plan_timeline(snap_compare, empty_store, make_app):
    """Plan of Amal: the timeline with today and the end of the term, 100×30."""
    assert snap_compare(
        amal_app(empty_store, make_app), terminal_size=WIDE, run_before=before("enter")
    )


def test_plan_why_at_80x24(snap_compare, empty_store, make_app):
    """Plan at 80×24: the activity list and why NT2 A2→B1 is there (rules and chain)."""

    async def why(pilot):
        screen = pilot.app.screen
        ids = [a.id for a in screen.plan.activities]
        screen.query_one("#activities").move_cursor(row=ids.index("nt2-a2-b1-intensive"))
        await pilot.press("w")

    assert snap_compare(
        amal_app(empty_store, make_app), terminal_size=SMALL, run_before=before("enter", then=why)
    )


def test_plan_compare_after_an_edit(snap_compare, empty_store, make_app):
    """Plan after saving revision 1 and then allowing 8 hours a week: the comparison."""

    async def edit(pilot):
        app = pilot.app
        await pilot.press("ctrl+s")
        await settle(pilot)
        app.screen.query_one("#value", Input).value = "intake"
        app.screen.submit()
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        app.screen.query_one("#value", Input).value = "8"
        app.screen.submit()
        await settle(pilot)
        await pilot.press("c")

    assert snap_compare(
        amal_app(empty_store, make_app), terminal_size=WIDE, run_before=before("enter", then=edit)
    )


def test_progress(snap_compare, demo_store, make_app):
    """Progress of the first person: planned against actual and the recorded events."""
    assert snap_compare(make_app(demo_store), terminal_size=WIDE, run_before=before("g"))


def test_export_preview(snap_compare, demo_store, make_app):
    """Export: the PIP as Markdown, previewed before it is written."""
    app = make_app(demo_store, export_dir=Path("exports"))
    assert snap_compare(app, terminal_size=WIDE, run_before=before("x"))


def test_help_on_the_plan(snap_compare, empty_store, make_app):
    """Help (?) on the plan screen: every key in Dutch."""
    assert snap_compare(
        amal_app(empty_store, make_app), terminal_size=WIDE, run_before=before("enter", "f1")
    )
