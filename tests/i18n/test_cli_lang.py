"""Every command that prints for people speaks Dutch by default, English with --lang en or
PADPLANNER_LANG=en (--lang wins), and refuses a language it does not speak with exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from padplanner.cli import main

AMAL = Path(__file__).resolve().parents[2] / "examples" / "clients" / "amal.toml"

# command, what Dutch shows, what English shows
COMMANDS = [
    (["plan", AMAL, "--format", "text"], "Plan voor Amal Haddad", "Plan for Amal Haddad"),
    (["plan", AMAL, "--format", "md"], "## 1. Persoonsgegevens", "## 1. Personal details"),
    (["rules", "-m", "GM0034"], "# Actieve regels voor GM0034", "# Active rules for GM0034"),
    (["graph", "--client", AMAL, "--format", "text"], "Nodig voor:", "Needed for:"),
    (["graph", "--format", "text"], " uur ", " hours "),
    (["cohort", "policies"], "bron: ", "source: "),
    (["compare", AMAL, "-m", "GM0000,GM0034"], "Verschillen van GM0034", "Differences of GM0034"),
]


@pytest.fixture
def cli(capsys, monkeypatch):
    monkeypatch.delenv("PADPLANNER_LANG", raising=False)

    def run(*argv):
        capsys.readouterr()
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.mark.parametrize(("argv", "dutch", "english"), COMMANDS, ids=lambda a: str(a)[:30])
def test_dutch_by_default_english_on_request(cli, monkeypatch, argv, dutch, english):
    code, out, err = cli(*argv)
    assert code == 0, err
    assert dutch in out and english not in out
    code, out, err = cli(*argv, "--lang", "en")
    assert code == 0, err
    assert english in out and dutch not in out
    monkeypatch.setenv("PADPLANNER_LANG", "en")
    code, out, _ = cli(*argv)
    assert english in out
    code, out, _ = cli(*argv, "--lang", "nl")
    assert dutch in out


@pytest.mark.parametrize(("argv", "dutch", "english"), COMMANDS[:3], ids=lambda a: str(a)[:30])
def test_a_language_padplanner_does_not_speak_is_exit_2(cli, monkeypatch, argv, dutch, english):
    code, _, err = cli(*argv, "--lang", "fr")
    assert code == 2
    assert "error: --lang: 'fr' is not a language padplanner speaks; use nl or en" in err
    monkeypatch.setenv("PADPLANNER_LANG", "klingon")
    code, _, err = cli(*argv)
    assert code == 2 and "error: PADPLANNER_LANG: 'klingon'" in err and "Traceback" not in err
