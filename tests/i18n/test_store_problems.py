"""The store's bad input around users, roles, teams, shares and restores is said in the
reader's language too (``Problem.worded``): Dutch by default, English with --lang en."""

from __future__ import annotations

from pathlib import Path

from test_cli_problems import ROOT, literal_problems

WORDED = (
    "roles.py",
    "rowsecurity.py",
    "staff.py",
    "staffing.py",
    "identity.py",
    "core.py",
    "revisions.py",
)


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


def test_db_check_says_its_problems_in_the_readers_language(cli_err, tmp_path: Path):
    import sqlite3

    path = tmp_path / "c.db"
    db = f"sqlite:///{path}"
    amal = ROOT / "examples" / "clients" / "amal.toml"
    assert cli_err("person", "add", amal, "--db", db, "--author", "j.jansen")[0] == 0
    assert cli_err("replan", "demo-0001", "--db", db, "--at", "2025-09-01")[0] in (0, 3)
    with sqlite3.connect(path) as conn:  # a plan changed behind padplanner's back
        conn.execute("UPDATE revisions SET checksum = 'x'")
    code, err = cli_err("db", "check", "--db", db)
    assert code != 0 and "demo-0001 revisie 1: het plan klopt niet met zijn controlegetal" in err
    assert "checksum" not in err, err
    code, err = cli_err("db", "check", "--db", db, "--lang", "en")
    assert "demo-0001 revision 1: the plan does not match its checksum" in err, err


def test_a_revision_that_is_not_there_in_the_readers_language(cli_err, tmp_path: Path):
    db = f"sqlite:///{tmp_path / 'c.db'}"
    amal = ROOT / "examples" / "clients" / "amal.toml"
    assert cli_err("person", "add", amal, "--db", db, "--author", "j.jansen")[0] == 0
    from padplanner.errors import InputError
    from padplanner.i18n import texts
    from padplanner.store import open_store

    store = open_store(db)
    try:
        store.revision("demo-0001", 7)
    except InputError as exc:
        assert exc.text(texts("nl")) == "demo-0001: revision: geen revisie 7"
        assert str(exc) == "demo-0001: revision: no revision 7"
    else:
        raise AssertionError("revision 7 is not there")
    finally:
        store.close()


def test_a_save_that_came_too_late_says_who_saved_when_in_the_readers_language():
    from datetime import UTC, datetime

    from padplanner.i18n import texts
    from padplanner.store.errors import StaleRevision

    late = StaleRevision("p-1", 1, [(2, "k.de.vries", datetime(2026, 1, 5, 9, 30, tzinfo=UTC))])
    assert late.text(texts("nl")) == (
        "p-1: het plan is veranderd sinds revisie 1: revisie 2 door k.de.vries op 5 januari "
        "2026 09:30:00 UTC. Er is niets bewaard; laad de laatste revisie en breng uw wijziging "
        "opnieuw aan."
    )
    assert str(late).startswith("p-1: the plan was changed since revision 1: revision 2 by ")
    assert "Nothing was saved" in late.text(texts("en"))
