"""The counsellor's flows, driven with Pilot and checked on screen state and in the database.

intake → plan → edit → save → progress → replan → export; a save conflict; a plugin fault.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from padplanner.clientfile import load_client
from padplanner.engine.planner import Planner
from padplanner.plugin import PluginInfo, hookimpl
from padplanner.plugins import PluginManager
from padplanner.tui.screens.caseload import CaseloadScreen
from padplanner.tui.screens.dialogs import ChoiceDialog, MessageDialog, ValueDialog
from padplanner.tui.screens.export import ExportScreen
from padplanner.tui.screens.intake import IntakeScreen
from padplanner.tui.screens.plan import PlanScreen
from padplanner.tui.screens.progress import ProgressScreen

from .conftest import TODAY, settle

AMAL = "examples/clients/amal.toml"


def intake_values(**changes):
    values = {
        "id": "tui-0001",
        "name": "Noor Visser",
        "bsn": "249566758",
        "birth_date": "1995-03-02",
        "municipality": "GM0034",
        "term_start": "2025-11-03",
        "weekly_hours": "16",
        "levels.reading": "A1",
        "levels.listening": "A1",
        "levels.writing": "A0",
        "levels.speaking": "A1",
        "work.goal": "logistics",
    }
    values.update(changes)
    return values


async def fill_intake(pilot, **changes) -> IntakeScreen:
    screen = pilot.app.screen
    assert isinstance(screen, IntakeScreen)
    values = screen.values()
    values.update(intake_values(**changes))
    screen.set_values(values)
    await pilot.pause()
    return screen


async def answer(pilot, value: str, reason: str | None = None) -> None:
    """Type into the open value dialog (and its reason) and press Enter."""
    dialog = pilot.app.screen
    assert isinstance(dialog, ValueDialog | ChoiceDialog), dialog
    if isinstance(dialog, ValueDialog):
        dialog.query_one("#value", Input).value = value
    if reason is not None:
        dialog.query_one("#reason", Input).value = reason
    dialog.submit()
    await settle(pilot)


async def test_intake_plan_edit_save_progress_replan_export(empty_store, make_app, tmp_path):
    app = make_app(empty_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert app.screen.total == 0

        # intake, saved as a draft: a person without a plan
        await pilot.press("n")
        await settle(pilot)
        await fill_intake(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert empty_store.has_person("tui-0001")
        assert empty_store.latest_plan("tui-0001") is None
        assert empty_store.get_person("tui-0001").name == "Noor Visser"

        # then planned
        await pilot.press("ctrl+r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        assert screen.plan is not None and screen.plan.client == "tui-0001"
        assert screen.session.dirty and screen.session.base_revision == 0
        first = screen.plan

        # an edit replans at once
        await pilot.press("u")
        await answer(pilot, "24")
        assert screen.session.adjust.weekly_hours == 24
        assert screen.plan.completion_date < first.completion_date
        assert "24" in str(screen.query_one("#summary").render())

        # save with a reason: revision 1 with the adjustments
        await pilot.press("ctrl+s")
        await answer(pilot, "intake with Noor")
        assert screen.session.base_revision == 1
        revision = empty_store.revision("tui-0001", 1)
        assert revision.reason == "intake with Noor" and revision.author == "tester"
        assert revision.adjustments["weekly_hours"] == 24
        assert revision.plan.to_dict() == screen.plan.to_dict()
        assert not screen.session.dirty

        # progress: record hours, then replan from today
        await pilot.press("g")
        await settle(pilot)
        progress = app.screen
        assert isinstance(progress, ProgressScreen)
        module = screen.plan.activities[0].module
        progress.query_one("#target").value = module
        progress.query_one("#amount", Input).value = "12"
        assert progress.query_one("#on", Input).value == TODAY.isoformat()
        await pilot.press("ctrl+s")
        await settle(pilot)
        recorded = empty_store.events("tui-0001")
        assert [(e.event.kind, e.event.module, e.event.hours) for e in recorded] == [
            ("hours", module, 12.0)
        ]
        attended = {a.module: a.attended for a in progress.report.activities}
        assert attended[module] == 12.0

        await pilot.press("ctrl+r")
        await settle(pilot)
        latest = empty_store.latest_plan("tui-0001")
        assert latest is not None and latest[0] == 2
        assert latest[1].reference_date == TODAY
        assert progress.report.revision == 2

        # export the plan document to a chosen file
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        export = app.screen
        assert isinstance(export, ExportScreen)
        target = tmp_path / "out" / "noor.md"
        export.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert export.written == target
        text = target.read_text(encoding="utf-8")
        assert "Noor Visser" in text and "tui-0001" in text
        assert target.stat().st_mode & 0o777 == 0o600  # a plan is personal data


async def test_invalid_intake_is_shown_at_the_field_and_kept(empty_store, make_app):
    app = make_app(empty_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = await fill_intake(pilot, bsn="", birth_date="1995-02-30", weekly_hours="70")
        # typing a BSN that fails the elfproef shows the problem as it is typed
        screen.query_one("#f-bsn", Input).focus()
        await pilot.press(*"123456789")
        await pilot.pause()
        assert "elfproef" in screen.problems["bsn"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert set(screen.problems) == {"bsn", "birth_date", "weekly_hours"}
        assert screen.query_one("#err-f-birth-date").display
        assert not empty_store.has_person("tui-0001")
        # nothing typed is lost
        values = screen.values()
        assert (values["bsn"], values["birth_date"], values["weekly_hours"]) == (
            "123456789",
            "1995-02-30",
            "70",
        )
        assert app.said[-1][0] == "error"


async def test_unknown_route_reason_and_bad_levels_map_to_fields(empty_store, make_app):
    app = make_app(empty_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = await fill_intake(pilot, **{"route.choice": "z", "progress.completed": "pvt"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert set(screen.problems) == {"route.reason"}
        assert screen.query_one("#row-f-route-reason").has_class("invalid")


async def test_save_conflict_is_shown_and_edits_are_reapplied(demo_store, make_app, tui_planner):
    person = demo_store.list_people(limit=1)[0].id
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen) and screen.person_id == person
        base = screen.session.base_revision
        hours = 9 if screen.session.client.weekly_hours != 9 else 11
        await pilot.press("u")
        await answer(pilot, str(hours))

        # a colleague saves a revision in between
        other = demo_store.replan(person, tui_planner, author="colleague", today=TODAY)
        assert other == base + 1

        await pilot.press("ctrl+s")
        await answer(pilot, "fewer hours")
        dialog = app.screen
        assert isinstance(dialog, MessageDialog)
        assert "colleague" in dialog.text
        assert [r.revision for r in demo_store.revisions(person)][-1] == other
        assert app.is_running

        # reload the latest revision and apply my edit again, then save
        await pilot.click("#choice-reload")
        await settle(pilot)
        assert app.screen is screen
        assert screen.session.base_revision == other
        assert screen.session.adjust.weekly_hours == hours
        await pilot.press("ctrl+s")
        await answer(pilot, "fewer hours")
        assert screen.session.base_revision == other + 1
        assert demo_store.revision(person, other + 1).adjustments["weekly_hours"] == hours


class Broken:
    """A municipality plugin whose route hook fails."""

    @hookimpl
    def padplanner_plugin_info(self):
        return PluginInfo("broken", "0.1", municipalities=("GM0034",), laws=("wi2021",))

    @hookimpl
    def padplanner_route(self, client, ctx):
        raise RuntimeError("database of the municipality is down")


class Exploding(Planner):
    """A planner that fails as the engine once did on a date near the end of the calendar."""

    def plan(self, client, at=None, **options):
        raise OverflowError("date value out of range")


def failing_planner(failure: str) -> tuple[Planner, tuple[str, ...]]:
    """A planner whose plans fail, and what the message about it says."""
    if failure == "engine":
        return Exploding(), ("OverflowError: date value out of range",)
    manager = PluginManager.default(entry_points=False)
    manager.register(Broken(), "broken")
    return Planner(manager), ("broken", "padplanner_route")


@pytest.mark.parametrize("failure", ["plugin", "engine"])
async def test_a_plan_that_cannot_be_made_is_shown_and_the_app_keeps_running(
    empty_store, make_app, failure
):
    """A plugin's fault, or any other error while planning: the person opens with the error."""
    planner, says = failing_planner(failure)
    client = load_client(AMAL)
    empty_store.add_person(client, author="tester")
    app = make_app(empty_store, planner=planner)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MessageDialog)
        assert all(text in dialog.text for text in says)
        await pilot.click("#choice-ok")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        assert screen.plan is None and says[0] in screen.error
        assert screen.query_one("#stopped").display
        assert empty_store.latest_plan(client.id) is None
        # nothing to save, and the caseload is one key away
        assert screen.check_action("save", ()) is False
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)


async def test_progress_rejects_bad_amount_at_the_form(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        person = app.screen.rows[0].id
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        before = len(demo_store.events(person))
        screen.query_one("#amount", Input).value = "twelve"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.query_one("#record-error").display
        assert len(demo_store.events(person)) == before


async def test_extension_and_exam_are_recorded(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        person = app.screen.rows[0].id
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#kind").value = "extension"
        await pilot.pause()
        screen.query_one("#target").value = "birth"
        screen.query_one("#amount", Input).value = "16"
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen.query_one("#kind").value = "exam"
        await pilot.pause()
        screen.query_one("#target").value = "speaking"
        screen.query_one("#amount", Input).value = "a2"
        screen.query_one("#result").value = "no"
        await pilot.press("ctrl+s")
        await settle(pilot)
        events = [e.event for e in demo_store.events(person) if e.event.on == TODAY]
        kinds = {e.kind: e for e in events}
        assert kinds["extension"].weeks == 16 and kinds["extension"].cause == "birth"
        assert kinds["exam"].skill == "speaking" and not kinds["exam"].passed
        assert str(kinds["exam"].level) == "A2"


async def test_existing_intake_is_loaded_and_corrected(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        person = app.screen.rows[0].id
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        assert screen.values()["id"] == person
        assert screen.query_one("#f-id", Input).disabled
        screen.query_one("#f-weekly-hours", Input).value = "30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert demo_store.get_person(person).weekly_hours == 30
        assert not screen.dirty


async def test_leaving_a_changed_intake_warns_once(empty_store, make_app):
    app = make_app(empty_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await fill_intake(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert app.said[-1][0] == "warning"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)


async def test_a_new_intake_with_a_taken_id_is_refused_at_the_id(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        taken = app.screen.rows[0].id
        await pilot.press("n")
        await settle(pilot)
        screen = await fill_intake(pilot, id=taken)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert taken in screen.problems["id"]
        assert demo_store.get_person(taken).name != "Noor Visser"


async def test_export_calendar_and_overwrite_only_when_asked_twice(demo_store, make_app, tmp_path):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        export = app.screen
        assert isinstance(export, ExportScreen)
        offered = [value for _, value in export.query_one("#format")._options]
        assert {"md", "html", "pdf", "ics"} <= set(offered)
        export.query_one("#format").value = "ics"
        await settle(pilot)
        assert export.query_one("#path", Input).value.endswith("-plan.ics")
        target = tmp_path / "agenda.ics"
        target.write_text("old", encoding="utf-8")
        export.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == "old"  # asked first
        assert app.said[-1][0] == "warning"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert target.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")

        export.query_one("#format").value = "pdf"
        export.query_one("#audience").value = "person"
        await settle(pilot)
        pdf = tmp_path / "summary.pdf"
        export.query_one("#path", Input).value = str(pdf)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pdf.read_bytes().startswith(b"%PDF")
