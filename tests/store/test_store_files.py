"""Exports never land on the caseload, and only written exports are in the access log."""

from __future__ import annotations

import os
import sqlite3

import pytest
from storehelp import AMAL

from padplanner.store import open_store


@pytest.fixture
def planned(cli, sqlite_url, monkeypatch):
    monkeypatch.delenv("PADPLANNER_DB", raising=False)
    code, _, err = cli("person", "add", AMAL, "--db", sqlite_url)
    assert code == 0, err
    code, _, err = cli("replan", "demo-0001", "--at", "2025-09-01", "--db", sqlite_url)
    assert code == 0, err
    return sqlite_url


def database_file(url: str) -> str:
    return url.removeprefix("sqlite:///")


def exports(url: str) -> list[str]:
    store = open_store(url)
    try:
        return [e.detail for e in store.accesses() if e.action in ("export", "document")]
    finally:
        store.close()


@pytest.mark.parametrize("suffix", ["", "-wal"])
def test_an_export_onto_the_live_database_is_refused(cli, planned, suffix):
    target = database_file(planned) + suffix
    code, out, err = cli("export", "demo-0001", "-f", "md", "-o", target, "--db", planned)
    assert code == 2 and "Traceback" not in err, err
    assert f"error: {target}: is de caseloaddatabase" in err
    code, out, err = cli("db", "check", "--db", planned)
    assert code == 0 and out.startswith("in orde:"), err
    assert exports(planned) == []


def test_the_database_of_another_process_is_refused_too(cli, planned, tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.close()
    code, _, err = cli("export", "demo-0001", "-f", "html", "-o", other, "--db", planned)
    assert code == 2 and "is een SQLite-database" in err
    assert sqlite3.connect(other).execute("select count(*) from t").fetchone() == (0,)


def test_a_failed_export_records_nothing(cli, planned, tmp_path):
    link = tmp_path / "pip.md"
    link.symlink_to(tmp_path / "missing" / "pip.md")
    code, _, err = cli("export", "demo-0001", "-f", "md", "-o", link, "--db", planned)
    assert code == 2 and "symbolische koppeling" in err
    code, _, err = cli("export", "research", "-o", tmp_path, "-f", "csv", "--db", planned)
    assert code == 2 and "is een map" in err
    assert exports(planned) == []
    written = tmp_path / "pip.html"
    code, _, err = cli("export", "demo-0001", "-f", "html", "-o", written, "--db", planned)
    assert code == 0, err
    assert exports(planned) == ["revision 1 as html"]
    assert os.stat(written).st_mode & 0o777 == 0o600
