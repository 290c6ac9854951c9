"""The terminal UI under trouble: a crash prints no personal data, a plan that cannot be made
opens with its error, a long search does not end the app, and a hung plugin leaves the keys and
the counsellor's edits alone."""

from __future__ import annotations

import attrs
import pytest
from hostile import hang
from sqlalchemy import text
from textual.widgets import Input, TabbedContent

from padplanner.clientfile import load_client
from padplanner.engine.planner import Planner
from padplanner.plugins import PluginManager
from padplanner.tui.screens.caseload import CaseloadScreen
from padplanner.tui.screens.dialogs import MessageDialog
from padplanner.tui.screens.intake import IntakeScreen
from padplanner.tui.screens.plan import PlanScreen
from padplanner.tui.widgets.caseload_table import CaseloadTable

from .conftest import settle
from .test_flows import AMAL, answer

NAME, BSN = "Amal Haddad", "249566758"


@pytest.fixture
def amal_store(empty_store):
    empty_store.add_person(load_client(AMAL), author="tester")
    return empty_store


def crash(self) -> None:
    """An action that fails with a person's data in its local variables."""
    person = self.pad.store.get_person("demo-0001")
    name, bsn, notes = person.name, person.bsn, person.notes
    raise RuntimeError(f"something broke ({len(name + bsn + (notes or ''))} characters read)")


@pytest.mark.parametrize("debug", [False, True])
async def test_a_crash_shows_no_local_variables(amal_store, make_app, monkeypatch, capsys, debug):
    if debug:
        monkeypatch.setenv("PADPLANNER_DEBUG", "1")
    else:
        monkeypatch.delenv("PADPLANNER_DEBUG", raising=False)
    monkeypatch.setattr(CaseloadScreen, "action_open", crash)
    app = make_app(amal_store)
    with pytest.raises(RuntimeError, match="something broke"):
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
    err = capsys.readouterr().err
    assert "RuntimeError" in err and "something broke" in err
    if debug:  # PADPLANNER_DEBUG=1 shows Textual's full traceback, locals included
        assert NAME in err and BSN in err
    else:
        assert NAME not in err and BSN not in err


async def test_a_long_search_does_not_end_the_app(amal_store, make_app):
    app = make_app(amal_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        search = app.screen.query_one("#search", Input)
        search.insert_text_at_cursor("Amal " * 40)  # 200 characters, as a paste
        await settle(pilot)
        await pilot.press("a")  # the 201st
        await settle(pilot)
        assert search.value == "Amal " * 40
        search.insert_text_at_cursor("Amal " * 60)  # 300 more: refused as a whole
        search.value = "Amal " * 60  # set from code: cut at 200
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, CaseloadScreen)
        assert not [text for severity, text in app.said if severity == "error"]


@pytest.fixture
def hung():
    with hang.hanging(at_hours=13):  # it hangs for the edit to 13 hours a week only
        yield hang


async def test_a_hung_plugin_keeps_keys_and_edits(empty_store, make_app, hung):
    """Planning runs off the interface thread: while the plugin hangs the keys work; after the
    time limit its name is shown and the edits made before it are still there."""
    manager = PluginManager.default(entry_points=False)
    manager.hook_timeout = 2.0
    assert manager.register(hung, "hang") == "hang", manager.errors
    client = attrs.evolve(load_client(AMAL), municipality="GM0997")
    empty_store.add_person(client, author="tester")
    app = make_app(empty_store, planner=Planner(manager))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen) and screen.plan is not None
        await pilot.press("u")
        await answer(pilot, "20")
        assert screen.session.adjust.weekly_hours == 20
        # the edit the plugin hangs on
        await pilot.press("u")
        await pilot.pause()
        app.screen.query_one("#value", Input).value = "13"
        app.screen.submit()
        await pilot.pause(0.2)
        assert screen.busy and app.screen is screen
        await pilot.press("2")  # keys work while the plugin hangs
        await pilot.pause()
        assert screen.query_one("#tabs", TabbedContent).active == "tab-activities"
        await pilot.press("u")  # another edit waits for this one
        await pilot.pause()
        app.screen.query_one("#value", Input).value = "17"
        app.screen.submit()
        await pilot.pause()
        assert app.screen is screen and app.said[-1] == ("warning", app.texts("tui.plan.busy"))
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MessageDialog)
        assert "'hang' antwoordde niet op padplanner_goals" in dialog.text  # the TUI's language
        await pilot.click("#choice-ok")
        await settle(pilot)
        assert not screen.busy and screen.plan is not None
        assert screen.session.adjust.weekly_hours == 20 and screen.session.dirty
        await pilot.press("u")  # and editing goes on
        await answer(pilot, "18")
        assert screen.session.adjust.weekly_hours == 18


async def test_a_name_stored_before_the_limits_opens_escaped_and_is_retyped(amal_store, make_app):
    """A line break, a direction override and a terminal escape stored before the limits: the
    caseload, the plan and the intake form show them escaped; the form asks for the name to
    be typed again and saves nothing until it is."""
    stored = "Amal\nHaddad\u202eevil\x1b[31m"
    shown = "Amal\\nHaddad\\u202eevil\\x1b[31m"
    with amal_store.write() as conn:
        conn.execute(text("UPDATE people SET name = :name"), {"name": stored})
    app = make_app(amal_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CaseloadTable)
        assert str(table.get_row("demo-0001")[0]) == shown
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen) and app.screen.plan is not None
        assert shown in str(app.screen.query_one("#summary").render())
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, IntakeScreen)
        name = form.query_one("#f-name", Input)
        assert name.value == shown
        retype = app.texts("tui.intake.error.stored")
        assert form.problems == {"name": retype}
        await pilot.press("ctrl+s")  # the escapes as they are: refused, nothing saved
        await settle(pilot)
        assert form.problems == {"name": retype}
        assert amal_store.get_person("demo-0001").name == stored
        name.value = "Amal Haddad"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form.problems == {}
        assert amal_store.get_person("demo-0001").name == "Amal Haddad"
        assert not [said for said in app.said if said[0] == "error" and "Traceback" in said[1]]
