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


def test_the_status_lines_of_the_store_and_admin_commands_follow_the_language(cli, tmp_path):
    """What the database, export, handover and plugin commands say when they are done."""
    db = f"sqlite:///{tmp_path / 'caseload.db'}"
    code, out, err = cli("demo", "--size", "2", "--db", db)
    assert code == 0 and out.startswith(f"2 synthetische personen toegevoegd aan {db} in "), err
    code, out, _ = cli("db", "init", "--db", db, "--lang", "en")
    assert code == 0 and out.startswith(f"database ready: {db} (schema version ")
    research = tmp_path / "research.csv"
    code, _, err = cli("export", "research", "-o", research, "--db", db)
    assert code == 0 and err == f"{research} geschreven\n2 personen, gepseudonimiseerd\n"
    code, _, err = cli("export", "research", "-o", research, "--db", db, "--lang", "en")
    assert code == 0 and err == f"wrote {research}\n2 people, pseudonymised\n"
    code, _, err = cli("audit", "--db", db)
    assert code == 0 and err.endswith(" inzagen\n") and " wijzigingen, " in err
    code, _, err = cli("audit", "--db", db, "--lang", "en")
    assert code == 0 and err.endswith(" looks\n") and " changes, " in err
    person = "demo-00001"
    handover = tmp_path / "handover.json"
    code, _, err = cli("handover", person, "-o", handover, "--to", "GM0363", "--db", db)
    assert code == 0 and err == f"{handover} geschreven\n"
    other = f"sqlite:///{tmp_path / 'other.db'}"
    code, out, err = cli("person", "import-handover", handover, "--db", other, "--lang", "en")
    assert code == 0 and out.startswith(f"{person}: taken in from "), err
    code, out, err = cli("new-plugin", "den-haag", "-m", "GM0518", "-o", tmp_path)
    assert code == 0, err
    folder = tmp_path / "padplanner-den-haag"
    assert (
        out == f"{folder} geschreven\nvolgende stap: pip install -e {folder} && pytest {folder}\n"
    )
