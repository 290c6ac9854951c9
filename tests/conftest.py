"""Shared helpers for the core tests (the ``planner`` and ``make_client`` fixtures come from
:mod:`padplanner.testing`, which pytest loads as a plugin)."""

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
