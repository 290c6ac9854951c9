"""Input limits: files that never end, numbers and nesting beyond reason, digits and characters
that only look harmless, loose types and far-future dates. Each is exit 2 naming the file, the
field and the fix, at once: no hang, no traceback, nothing stored."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from corehelp import EXAMPLES, run_padplanner

# These tests read the English words of each problem; tests/i18n/test_input_problems.py
# reads the Dutch ones.
pytestmark = pytest.mark.usefixtures("english")

AMAL = (EXAMPLES / "amal.toml").read_text()


def edit(old: str, new: str) -> str:
    assert old in AMAL, old
    return AMAL.replace(old, new)


def write(tmp_path: Path, text: str, name: str = "client.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(result: tuple[int, str, str], file: Path | str, path: str, text: str) -> None:
    code, _, err = result
    assert code == 2, err
    assert "Traceback" not in err and "internal error" not in err
    where = f"error: {file}: {path}: " if path else f"error: {file}: "
    lines = [line for line in err.splitlines() if line.startswith(where)]
    assert any(text in line for line in lines), (where, text, err)


padplanner = run_padplanner


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.delenv("PADPLANNER_DB", raising=False)
    return f"sqlite:///{tmp_path / 'caseload.db'}"


# -- files that never end -----------------------------------------------------------------------
@pytest.mark.parametrize("command", [["plan"], ["check"], ["person", "add", "--db", "sqlite://"]])
def test_a_link_to_dev_zero_is_refused_at_once(tmp_path, command):
    link = tmp_path / "client.toml"
    link.symlink_to("/dev/zero")
    result = padplanner(*command, link, timeout=30)
    assert result.returncode == 2, result.stderr
    assert f"error: {link}: is not a regular file" in result.stderr


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "client.toml"
    os.mkfifo(fifo)
    result = padplanner("plan", fifo, timeout=20)
    assert result.returncode == 2 and f"error: {fifo}: is not a regular file" in result.stderr


def test_an_event_file_from_a_pipe_or_dev_zero_is_refused(tmp_path, cli, db):
    code, _, err = cli("person", "add", EXAMPLES / "amal.toml", "--db", db)
    assert code == 0, err
    fifo = tmp_path / "events.json"
    os.mkfifo(fifo)
    refused(cli("progress", "demo-0001", "event", fifo, "--db", db), fifo, "", "not a regular")
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    refused(cli("progress", "demo-0001", "event", link, "--db", db), link, "", "not a regular")


def test_a_file_over_one_mebibyte_is_refused(tmp_path, cli):
    big = write(tmp_path, AMAL + "# " + "x" * (1024 * 1024) + "\n")
    refused(cli("plan", big), big, "", "a file is at most 1,024 KiB")


# -- numbers and nesting ------------------------------------------------------------------------
def test_an_integer_of_thousands_of_digits(tmp_path, cli, db):
    file = write(tmp_path, edit("weekly_hours = 16", "weekly_hours = " + "7" * 5000))
    refused(cli("plan", file), file, "", "a number is far too long")
    intake = json.loads(json.dumps(_intake()))
    text = json.dumps(intake).replace('"weekly_hours": 16', '"weekly_hours": ' + "7" * 5000)
    file = write(tmp_path, text, "intake.json")
    refused(cli("person", "add", file, "--db", db), file, "", "at most 15")


def test_deeply_nested_arrays(tmp_path, cli, db):
    file = write(tmp_path, edit('name = "Amal Haddad"', "name = " + "[" * 50_000 + "]" * 50_000))
    refused(cli("plan", file), file, "", "nested far too deeply")
    file = write(tmp_path, edit('name = "Amal Haddad"', "name = " + "[" * 30 + "]" * 30))
    refused(cli("plan", file), file, "name" + "[0]" * 10, "nested more than 10 levels")
    cli("person", "add", EXAMPLES / "amal.toml", "--db", db)
    events = write(tmp_path, "[" * 100_000 + "]" * 100_000, "events.json")
    refused(cli("progress", "demo-0001", "event", events, "--db", db), events, "", "too deeply")


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_hours_that_are_not_numbers(tmp_path, cli, value):
    file = write(tmp_path, AMAL + f"\n[progress]\nhours_done = {{ nt2-a0-a1 = {value} }}\n")
    refused(cli("plan", file), file, "progress.hours_done.nt2-a0-a1", "not a number")


def test_nan_in_json_and_duplicate_keys(tmp_path, cli, db):
    text = json.dumps(_intake()).replace('"weekly_hours": 16', '"weekly_hours": NaN')
    file = write(tmp_path, text, "intake.json")
    refused(cli("person", "add", file, "--db", db), file, "", "NaN is not a number")
    text = json.dumps(_intake()).replace(
        '"weekly_hours": 16', '"weekly_hours": 16, "weekly_hours": 40'
    )
    file = write(tmp_path, text, "twice.json")
    refused(cli("person", "add", file, "--db", db), file, "", "'weekly_hours' appears twice")
    code, out, _ = cli("person", "list", "--db", db, "--json")
    assert code == 0 and json.loads(out)["total"] == 0


# -- digits and characters ----------------------------------------------------------------------
@pytest.mark.parametrize("bsn", ["²⁴⁹⁵⁶⁶⁷⁵⁸", "٢٤٩٥٦٦٧٥٨", "２４９５６６７５８"])
def test_a_bsn_has_ascii_digits_only(tmp_path, cli, bsn):
    file = write(tmp_path, edit('bsn = "249566758"', f'bsn = "{bsn}"'))
    refused(cli("plan", file), file, "bsn", "digits 0-9")


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("Amal\nHaddad", "line breaks"),
        ("Amal\tHaddad", "line breaks"),
        ("Amal \u202eddadaH", "U+202E"),
        ("Amal \u2066Haddad\u2069", "U+2066"),
        ("Amal\u2028Haddad", "U+2028"),
        ("Amal\x85Haddad", "U+0085"),
    ],
)
def test_names_are_one_line_of_plain_text(tmp_path, cli, db, name, what):
    file = write(tmp_path, edit('name = "Amal Haddad"', f"name = {json.dumps(name)}"))
    refused(cli("person", "add", file, "--db", db), file, "name", what)
    code, out, _ = cli("person", "list", "--db", db)
    assert code == 0 and "Haddad" not in out  # nothing stored, no forged line


def test_notes_keep_line_breaks_but_not_direction_overrides(tmp_path, cli):
    ok = write(tmp_path, edit('name = "Amal Haddad"', 'name = "Amal Haddad"\nnotes = "one\\ntwo"'))
    code, _, err = cli("plan", ok)
    assert code in (0, 3), err
    file = write(tmp_path, edit('name = "Amal Haddad"', 'name = "Amal Haddad"\nnotes = "x\u202ey"'))
    refused(cli("plan", file), file, "notes", "U+202E")


def test_a_route_reason_is_bounded(tmp_path, cli):
    reason = "r" * 2001
    file = write(tmp_path, AMAL + f'\n[route]\nchoice = "b1"\nreason = "{reason}"\n')
    refused(cli("plan", file), file, "route.reason", "at most 2,000")


# -- strict types and dates ---------------------------------------------------------------------
def test_a_quoted_date_is_not_a_date(tmp_path, cli):
    file = write(tmp_path, edit("birth_date = 1996-05-14", 'birth_date = "1996-05-14"'))
    refused(cli("plan", file), file, "birth_date", "without quotes")


def test_a_date_and_time_is_not_a_date(tmp_path, cli):
    file = write(tmp_path, edit("term_start = 2025-09-01", "term_start = 2025-09-01T10:00:00"))
    refused(cli("plan", file), file, "term_start", "write the date alone")


def test_a_compact_or_week_date_in_json_is_not_a_date(tmp_path, cli, db):
    cli("person", "add", EXAMPLES / "amal.toml", "--db", db)
    for on in ("20251006", "2025-W41-1"):
        events = write(tmp_path, json.dumps({"kind": "contact", "on": on}), "event.json")
        refused(
            cli("progress", "demo-0001", "event", events, "--db", db), events, "on", "2025-09-01"
        )


def test_availability_at_the_end_of_the_calendar(tmp_path, cli, db):
    file = write(tmp_path, edit("start_after = 2025-10-01", "start_after = 9999-12-31"))
    refused(cli("check", file), file, "availability.start_after", "out of range")
    refused(cli("person", "add", file, "--db", db), file, "availability.start_after", "2100")


def test_planning_far_in_the_future(cli):
    refused(cli("plan", EXAMPLES / "amal.toml", "--at", "9999-01-01"), "--at", "", "out of range")


def _intake() -> dict:
    from padplanner.clientfile import client_to_dict, load_client

    data = client_to_dict(load_client(EXAMPLES / "amal.toml"))
    return json.loads(json.dumps(data, default=str))


def test_a_name_stored_before_these_limits_stays_on_one_line(tmp_path, cli, db):
    import sqlite3

    code, _, err = cli("person", "add", EXAMPLES / "amal.toml", "--db", db)
    assert code == 0, err
    forged = "Amal\ndemo-0002     Forged Person"
    with sqlite3.connect(db.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE people SET name = ? WHERE id = 'demo-0001'", (forged,))
    code, out, _ = cli("person", "list", "--db", db)
    assert code == 0 and len(out.splitlines()) == 2  # the header and Amal, nothing forged
    assert "Amal\\ndemo-0002" in out  # the line break shown escaped
