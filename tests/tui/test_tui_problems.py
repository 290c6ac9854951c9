"""What the TUI refuses it says in its language: a cohort from a database without anyone of the
municipality (the words the screen raises itself), a document that cannot be written."""

from __future__ import annotations

import pytest

from padplanner.tui.screens.cohort import CohortScreen

from .conftest import settle


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nl", "geen actieve mensen van GM0034 in de database"),
        ("en", "no active people of GM0034 in the database"),
    ],
)
async def test_a_cohort_of_nobody_is_said_in_the_tuis_language(empty_store, make_app, lang, words):
    app = make_app(empty_store, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = CohortScreen(municipality="GM0034")
        app.push_screen(screen)
        await settle(pilot)
        screen.from_store = True
        screen.query_one("#municipality").value = "GM0034"
        screen.action_run()
        await settle(pilot, 30)
        assert ("error", words) in app.said, app.said


async def test_an_export_that_cannot_be_written_is_said_in_the_tuis_language(
    demo_store, make_app, tmp_path
):
    from textual.widgets import Input

    from padplanner.tui.screens.export import ExportScreen

    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        screen.query_one("#path", Input).value = str(tmp_path)  # a folder
        await pilot.press("ctrl+s")  # it exists: asked to confirm
        await pilot.press("ctrl+s")
        await settle(pilot, 30)
        errors = [text for severity, text in app.said if severity == "error"]
        assert any("is een map; geef de naam van een bestand om te schrijven" in e for e in errors)
        assert not any("is a folder" in e for e in errors), errors
