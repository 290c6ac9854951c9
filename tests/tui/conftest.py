"""Fixtures for the TUI tests: a fixed "today", a small demo database, an app factory."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

TODAY = date(2026, 1, 5)
DEMO_PEOPLE = 40
DEMO_SEED = 7


def clock() -> datetime:
    return datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def open_test_store(path: Path):
    from padplanner.store import open_store

    return open_store(f"sqlite:///{path}", actor="tester", clock=clock)


@pytest.fixture(scope="session")
def tui_planner():
    """One planner for every TUI test (plugins and catalogues load once)."""
    from padplanner.engine.planner import Planner

    return Planner.default()


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory, tui_planner) -> Path:
    """A database with DEMO_PEOPLE synthetic people, made once and copied per test."""
    from padplanner.store.demo_fill import fill_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_test_store(path)
    fill_demo(store, DEMO_PEOPLE, DEMO_SEED, today=TODAY, planner=tui_planner)
    store.close()
    return path


@pytest.fixture
def demo_store(tmp_path, demo_db_template):
    path = tmp_path / "caseload.db"
    shutil.copy(demo_db_template, path)
    store = open_test_store(path)
    yield store
    store.close()


@pytest.fixture
def empty_store(tmp_path):
    store = open_test_store(tmp_path / "empty.db")
    yield store
    store.close()


@pytest.fixture
def make_app(tmp_path, tui_planner, monkeypatch):
    """``make_app(store, **options)``: the app with today fixed, in Dutch unless asked."""
    from padplanner.tui.app import PadplannerApp

    monkeypatch.delenv("PADPLANNER_LANG", raising=False)

    def make(store, **options):
        options.setdefault("planner", tui_planner)
        options.setdefault("today", TODAY)
        options.setdefault("author", "tester")
        options.setdefault("settings_path", tmp_path / "settings" / "tui.toml")
        options.setdefault("export_dir", tmp_path / "export")
        return PadplannerApp(store, **options)

    return make


async def settle(pilot, rounds: int = 10) -> None:
    """Wait until workers are done and their results are on screen."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            break
