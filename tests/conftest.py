"""Shared helpers for the core tests.

The core tests never see the municipality plugins installed next to padplanner (Almere,
Voorbeeldstad, or a deployment's own): every test under ``tests/`` runs with
``PADPLANNER_DISABLE_PLUGINS`` naming them, so its outcome is the same whether they are
installed or not. Plugins a test needs are in-tree test plugins registered in-process
(``tests/testplugins.py``) or installed by the test itself on a temporary path; each
municipality package tests its own rules under ``plugins/``.

``planner``, ``make_client`` and ``plugin_planner`` are short local names for the fixtures of
:mod:`padplanner.testing` (``padplanner_planner``, ``padplanner_client``,
``padplanner_plugin_planner``), the pytest plugin padplanner installs for rule authors. The
short names live here only, so they never reach another project's pytest session."""

from __future__ import annotations

import importlib.metadata
import os
from collections.abc import Callable

import pytest

from padplanner.cli import main

INSTALLED = ",".join(
    sorted({e.name for e in importlib.metadata.entry_points(group="padplanner")} | {"-"})
)
_KEY = "PADPLANNER_DISABLE_PLUGINS"
_saved: list[str | None] = []


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before any fixture of a core test: leave the installed plugins out."""
    _saved.append(os.environ.get(_KEY))
    os.environ[_KEY] = INSTALLED


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    before = _saved.pop() if _saved else None
    if before is None:
        os.environ.pop(_KEY, None)
    else:
        os.environ[_KEY] = before


@pytest.fixture
def cli(capsys) -> Callable[..., tuple[int, str, str]]:
    """``cli("plan", "file.toml")`` → ``(exit code, stdout, stderr)`` through ``main(argv)``."""

    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture(scope="session")
def planner():
    """The law alone (the installed plugins are left out here; see above)."""
    from padplanner.testing import shared_planner

    return shared_planner()


@pytest.fixture
def make_client(padplanner_client):
    return padplanner_client


@pytest.fixture
def plugin_planner(padplanner_plugin_planner):
    return padplanner_plugin_planner


@pytest.fixture
def municipal_plugins(tmp_path, monkeypatch):
    """The two fictional test municipalities (``tests/testplugins``: Proefstad GM9901 and
    Testdorp GM9902) installed as distributions for this test, so ``Planner.default()`` (the
    CLI, the TUI) loads them as it would any installed plugin."""
    import testplugins

    site = tmp_path / "test-plugins-site"
    testplugins.install(site)
    monkeypatch.syspath_prepend(str(site))
    return testplugins.CODES


@pytest.fixture
def english(monkeypatch):
    """English words (PADPLANNER_LANG=en, also in the processes a test starts): for tests that
    read the English wording of a problem; tests/i18n/test_input_problems.py reads the Dutch."""
    monkeypatch.setenv("PADPLANNER_LANG", "en")
