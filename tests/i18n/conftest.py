"""What the language tests share."""

from __future__ import annotations

import pytest

from padplanner.cli import main


@pytest.fixture
def cli_err(capsys, monkeypatch):
    """``cli_err(*argv)`` → (exit code, standard error), in the default language: the
    environment's PADPLANNER_LANG removed, so only --lang chooses."""
    monkeypatch.delenv("PADPLANNER_LANG", raising=False)

    def run(*argv):
        capsys.readouterr()
        code = main([str(a) for a in argv])
        return code, capsys.readouterr().err

    return run
