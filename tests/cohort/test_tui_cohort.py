"""The TUI cohort screen: validates its fields, projects in a worker, writes the report."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from textual.widgets import DataTable, Input, Static

from padplanner.tui.screens.cohort import CohortScreen


def _clock() -> datetime:
    return datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def app(tmp_path, planner, monkeypatch):
    from padplanner.store import open_store
    from padplanner.tui.app import PadplannerApp

    monkeypatch.delenv("PADPLANNER_LANG", raising=False)
    store = open_store(f"sqlite:///{tmp_path / 'empty.db'}", actor="tester", clock=_clock)
    app = PadplannerApp(
        store,
        planner=planner,
        today=date(2026, 1, 5),
        author="tester",
        settings_path=tmp_path / "settings.toml",
        export_dir=tmp_path / "export",
    )
    yield app
    store.close()


async def _settle(pilot, rounds: int = 20) -> None:
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()


async def test_the_cohort_screen_compares_policies_and_writes_the_report(app, tmp_path):
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        app.push_screen(CohortScreen(size=40, seed=2))
        await _settle(pilot)
        screen = app.screen
        # an empty store and no municipality's plugin: the law alone, for any municipality
        assert screen.query_one("#municipality", Input).value == "GM0000"
        assert screen.query_one("#policies", Input).value == "fifo, everyone"
        await pilot.press("ctrl+s")
        await _settle(pilot)
        assert app.said[-1] == ("warning", "Nog niets doorgerekend")
        await pilot.press("ctrl+r")
        await _settle(pilot)
        table = screen.query_one("#cohort-table", DataTable)
        names = [str(column.label) for column in table.columns.values()]
        assert names == ["", "as-planned", "fifo", "everyone"]
        assert table.row_count > 20
        # in the screen's language: Dutch labels and Dutch numbers (45,0%, €1.234)
        cells = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert [row[0] for row in cells[:2]] == ["Mensen", "Klaar binnen de termijn"]
        share = cells[1][1]
        assert share.endswith("%") and "," in share and "." not in share
        costs = next(row for row in cells if row[0] == "Kosten: cursussen")
        assert all(v.startswith("€") and "," not in v for v in costs[1:])
        notes = str(screen.query_one("#cohort-notes", Static).render())
        assert "Bewust niet gebruikt: nationality" in notes
        await pilot.press("ctrl+s")
        await _settle(pilot)
        report = tmp_path / "export" / "cohort-GM0000.html"
        assert report.exists() and "<svg" in report.read_text(encoding="utf-8")
        assert app.said[-1][1] == f"Rapport geschreven: {report}"


async def test_the_cohort_screen_shows_the_reports_outcome_bands_per_policy(app):
    """Under the projection, the same outcome bands as the cohort report: per policy a job
    within 1, 2, 3 and 5 years, out of welfare, the extra people in work and the cost per
    extra person, each a median with its band, in the screen's language."""
    from padplanner.cohort.outcomes import rows as outcome_rows
    from padplanner.i18n import texts

    async with app.run_test(size=(160, 50)) as pilot:
        await _settle(pilot)
        app.push_screen(CohortScreen(size=40, seed=2))
        await _settle(pilot)
        await pilot.press("ctrl+r")
        await _settle(pilot)
        screen = app.screen
        table = screen.query_one("#cohort-table", DataTable)
        cells = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        labels = [row[0] for row in cells]
        title = labels.index("Uitkomsten: werk en bijstand (mediaan en 95%-band over de aannames)")
        shown = cells[title + 1 :]
        expected = outcome_rows(texts("nl"), screen.doc["columns"])
        assert expected[0][1:] == ["as-planned", "fifo", "everyone"]
        assert shown == expected[1:]
        job = next(row for row in shown if row[0] == "werk binnen 3 jaar")
        for cell, column in zip(job[1:], screen.doc["columns"], strict=True):
            low, mid, high = column["outcomes"]["job_within"]["3"]
            assert low <= mid <= high and low < high  # a band, not a point
            assert cell == f"{texts('nl').percent(mid)} ({texts('nl').percent(low)}-" + (
                f"{texts('nl').percent(high)})"
            )
        notes = str(screen.query_one("#cohort-notes", Static).render())
        assert "onbekend" in notes.lower()  # the unknown effects the bands rest on


async def test_bad_fields_are_named_and_nothing_runs(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        app.push_screen(CohortScreen(size=40))
        await _settle(pilot)
        screen = app.screen
        screen.query_one("#municipality", Input).value = "Almere"
        await pilot.press("ctrl+r")
        await _settle(pilot)
        assert app.said[-1] == (
            "error",
            "'ALMERE' is geen CBS-code (schrijf GM en vier cijfers, bv. GM0034)",
        )
        screen.query_one("#municipality", Input).value = "GM0363"
        screen.query_one("#policies", Input).value = "everyone, cheapest"
        await pilot.press("ctrl+r")
        await _settle(pilot)
        assert app.said[-1][0] == "error" and "unknown policy 'cheapest'" in app.said[-1][1]
        assert screen.doc is None


async def test_the_palette_opens_the_cohort_screen(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot)
        commands = {c.title for c in app.get_system_commands(app.screen)}
        assert "Naar cohort en beleid" in commands
        app.action_cohort()
        await _settle(pilot)
        assert isinstance(app.screen, CohortScreen)


async def test_a_municipalitys_plugin_brings_its_own_policy_to_the_screen(tmp_path, monkeypatch):
    """The screen names no municipality's policy itself: a plugin offers it through the
    padplanner_cohort_policies hook, and the screen proposes it for that municipality."""
    import testplugins

    from padplanner.store import open_store
    from padplanner.tui.app import PadplannerApp

    monkeypatch.delenv("PADPLANNER_LANG", raising=False)
    store = open_store(f"sqlite:///{tmp_path / 'empty.db'}", actor="tester", clock=_clock)
    app = PadplannerApp(
        store,
        planner=testplugins.planner(),
        today=date(2026, 1, 5),
        author="tester",
        settings_path=tmp_path / "settings.toml",
        export_dir=tmp_path / "export",
    )
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await _settle(pilot)
            app.push_screen(CohortScreen(size=40, seed=2))
            await _settle(pilot)
            screen = app.screen
            assert screen.query_one("#municipality", Input).value == "GM9901"
            policies = screen.query_one("#policies", Input).value
            assert policies == "fifo, everyone, proefstad-30"
    finally:
        store.close()
