"""App-wide behaviour: the palette per screen, help, language, the demo fill, rules."""

from __future__ import annotations

import os

from textual.command import CommandPalette

from padplanner.clientfile import load_client
from padplanner.engine.planner import Planner
from padplanner.plugin import PluginInfo, hookimpl
from padplanner.plugins import PluginManager
from padplanner.tui.app import TERMINAL_GONE
from padplanner.tui.commands import ScreenCommands
from padplanner.tui.screens.caseload import CaseloadScreen
from padplanner.tui.screens.help import HelpScreen
from padplanner.tui.screens.loading import LoadingScreen
from padplanner.tui.screens.plan import PlanScreen
from padplanner.tui.screens.rules import RulesScreen
from padplanner.tui.settings import Settings
from padplanner.tui.widgets.caseload_table import CaseloadTable
from padplanner.tui.widgets.footer import Footer

from .conftest import settle
from .test_flows import AMAL


async def palette_titles(screen) -> list[str]:
    provider = ScreenCommands(screen)
    return [str(hit.text or hit.display) async for hit in provider.discover()]


async def test_the_palette_offers_what_fits_the_current_screen(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        caseload = await palette_titles(app.screen)
        assert "Nieuwe intake" in caseload and "Uren/week" not in caseload
        await pilot.press("enter")
        await settle(pilot)
        plan = await palette_titles(app.screen)
        assert {"Uren/week", "Waarom?", "Opslaan", "Toevoegen"} <= set(plan)
        assert "Nieuwe intake" not in plan
        assert "Ongedaan" not in plan  # nothing to undo yet

        # a palette command runs the screen's action
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"uren/w")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ValueDialog"


async def test_search_hits_are_scored(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        provider = ScreenCommands(app.screen)
        hits = [hit async for hit in provider.search("zoek")]
        assert [hit.text for hit in hits] == ["Zoeken"]


async def test_help_lists_the_keys_of_the_screen(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(app.screen.lines())
        assert "Elke wijziging plant meteen opnieuw" in text
        assert "Startweek vast" in text and "ctrl+s" in text
        await pilot.press("escape")
        assert isinstance(app.screen, PlanScreen)


async def test_dutch_by_default_english_by_environment(demo_store, make_app, monkeypatch):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "Nieuwe intake" in descriptions
    monkeypatch.setenv("PADPLANNER_LANG", "en")
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "New intake" in descriptions
        assert "Next page" in descriptions
        assert "of" in str(app.screen.query_one("#status").render())


async def test_switching_language_is_saved_as_a_setting(demo_store, make_app, tmp_path):
    settings = tmp_path / "cfg" / "tui.toml"
    app = make_app(demo_store, settings_path=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        app.switch_lang()
        await settle(pilot)
        assert app.lang == "en"
        assert isinstance(app.screen, CaseloadScreen)  # screens rebuilt in English
        assert len(app.screen_stack) == 2
        assert "New intake" in {b.binding.description for b in app.screen.active_bindings.values()}
    assert Settings.read(settings).lang == "en"
    assert settings.stat().st_mode & 0o777 == 0o600  # written by the private writer
    again = make_app(demo_store, settings_path=settings)
    assert again.lang == "en"


async def test_the_footer_is_rebuilt_only_when_its_keys_change(demo_store, make_app):
    """Bindings signals that leave the keys as they are (focus moves, refresh_bindings) do not
    rebuild the footer; a change of language does, and it then reads in that language."""
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)

        def labels() -> list[str]:
            return [str(key.description) for key in app.screen.query_one(Footer).query("FooterKey")]

        assert "Nieuwe intake" in labels() and "Sorteren" in labels()
        footer = app.screen.query_one(Footer)
        rebuilt = []
        real = footer.recompose

        async def counted():
            rebuilt.append(1)
            await real()

        footer.recompose = counted
        for _ in range(3):
            app.screen.refresh_bindings()
            app.screen.query_one("#search").focus()
            app.screen.query_one(CaseloadTable).focus()
        await settle(pilot)
        assert rebuilt == []
        app.switch_lang()
        await settle(pilot)
        assert "New intake" in labels() and "Sort" in labels()


async def test_demo_fills_an_empty_database_while_showing_progress(empty_store, make_app):
    app = make_app(empty_store, demo=25, demo_seed=11)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, LoadingScreen)
        assert app.screen.query_one("#fill-progress").total is None  # indeterminate
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert empty_store.count_people() == 25
        assert app.screen.total == 25
        assert all(row.revision >= 1 for row in app.screen.rows)  # amended after exams
        assert empty_store.check() == []


class Serves9999:
    @hookimpl
    def padplanner_plugin_info(self):
        return PluginInfo("heerlen", "2.0", municipalities=("GM0917",), laws=("wi2021",))


class Unloadable:
    @hookimpl
    def padplanner_plugin_info(self):
        raise ImportError("no module named 'heerlen_rules'")


async def test_rules_screen_shows_plugins_failures_and_rules(empty_store, make_app):
    manager = PluginManager.default(entry_points=False)
    manager.register(Serves9999(), "heerlen")
    manager.register(Unloadable(), "broken")
    empty_store.add_person(load_client(AMAL), author="tester")
    app = make_app(empty_store, planner=Planner(manager))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RulesScreen)
        assert screen.municipality == "GM0034"  # the caseload's municipality
        errors = str(screen.query_one("#load-errors").render())
        assert "broken" in errors and "heerlen_rules" in errors
        rules = str(screen.query_one("#rules-text").render())
        assert "wi2021.route.b1" in rules and "bron:" in rules
        plugins = [row.key for row in screen.query_one("#plugins").ordered_rows]
        assert len(plugins) == 1  # heerlen serves GM0917 only

        screen.query_one("#municipality").value = "GM0917"
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert screen.municipality == "GM0917"
        assert len(screen.query_one("#plugins").ordered_rows) == 2

        screen.query_one("#municipality").value = "Heerlen"
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert screen.municipality == "GM0917" and app.said[-1][0] == "error"


async def test_the_app_leaves_when_its_terminal_hangs_up(empty_store, make_app):
    """A hung-up terminal is no longer a terminal; the watch exits with SIGHUP's code."""
    app = make_app(empty_store)
    exits = []
    read, write = os.pipe()
    try:
        async with app.run_test() as pilot:
            app.exit = lambda code=None, *args, **kwargs: exits.append(code)
            app._terminal_fd = None
            app._leave_if_terminal_gone()  # no terminal to watch: nothing happens
            await pilot.pause()
            assert exits == []
            app._terminal_fd = read  # a pipe, as a hung-up terminal reads
            app._leave_if_terminal_gone()
            assert exits == [TERMINAL_GONE]
            del app.exit
    finally:
        os.close(read)
        os.close(write)
