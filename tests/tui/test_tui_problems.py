"""What the TUI refuses it says in its language: a cohort from a database without anyone of the
municipality (the words the screen raises itself)."""

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
