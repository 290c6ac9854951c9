"""The store's bad input around users, roles, teams, shares and restores is said in the
reader's language too (``Problem.worded``): Dutch by default, English with --lang en."""

from __future__ import annotations

from pathlib import Path

from test_cli_problems import ROOT, literal_problems

WORDED = ("roles.py", "rowsecurity.py", "staff.py", "staffing.py", "identity.py", "core.py")


def test_these_store_modules_word_their_problems_through_the_catalogues():
    store = ROOT / "padplanner" / "store"
    found = [hit for name in WORDED for hit in literal_problems(store / name)]
    found += literal_problems(store / "restore.py")
    assert found == [], "word these with Problem.worded(file, path, 'store.problem....')"


def test_users_on_sqlite_and_a_missing_backup_in_both_languages(cli_err, tmp_path: Path):
    db = f"sqlite:///{tmp_path / 'c.db'}"
    assert cli_err("db", "init", "--db", db)[0] == 0
    cases = [
        (
            ["user", "add", "k.devries", "--role", "counsellor", "--db", db],
            "SQLite heeft één gebruiker en geen rollen",
            "SQLite has one user and no roles",
        ),
        (
            ["db", "restore", tmp_path / "missing.db", "--db", db],
            "bestand niet gevonden",
            "file not found",
        ),
        (
            ["team", "add", "Bad Team", "--db", db],
            "is geen geldige naam",
            "is not a valid name",
        ),
    ]
    for argv, dutch, english in cases:
        code, err = cli_err(*argv)
        assert code == 2 and dutch in err and english not in err, err
        code, err = cli_err(*argv, "--lang", "en")
        assert code == 2 and english in err and dutch not in err, err
