"""Shared helpers for the core tests.

``planner``, ``make_client`` and ``plugin_planner`` are short local names for the fixtures of
:mod:`padplanner.testing` (``padplanner_planner``, ``padplanner_client``,
``padplanner_plugin_planner``), the pytest plugin padplanner installs for rule authors. The
short names live here only, so they never reach another project's pytest session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from padplanner.cli import main


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
def planner(padplanner_planner):
    return padplanner_planner


@pytest.fixture
def make_client(padplanner_client):
    return padplanner_client


@pytest.fixture
def plugin_planner(padplanner_plugin_planner):
    return padplanner_plugin_planner
