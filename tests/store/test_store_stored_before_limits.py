"""Data stored before the input limits stays readable: a name with a line break, a control
sequence or a direction override opens, replans and exports, shown escaped wherever a person
reads it; the limits apply to what comes in, so the next correction is checked."""

from __future__ import annotations

import json

import attrs
import pytest
from sqlalchemy import text

from padplanner.errors import InputError

# A line break (which forged a line in the caseload list), a right-to-left override (which
# makes what follows read backwards) and a terminal escape (which recolours a terminal).
NAME = "Amal\nHaddad\u202eevil\x1b[31m"
NOTES = "first line\nsecond line\x1b]0;title\x07"
SHOWN = "Amal\\nHaddad\\u202eevil\\x1b[31m"
RAW = ("\x1b", "\u202e", "\x07")  # never reach a terminal, a document or a file


@pytest.fixture
def legacy(store, planned):
    """Amal as a database written before the limits may hold her: changed in SQL directly."""
    with store.write() as conn:
        conn.execute(
            text("UPDATE people SET name = :name, notes = :notes WHERE id = :id"),
            {"name": NAME, "notes": NOTES, "id": planned.id},
        )
    return planned.id


def clean(output: str) -> None:
    assert not [c for c in RAW if c in output], output


def test_the_store_reads_what_it_holds(store, legacy):
    person = store.get_person(legacy)
    assert person.name == NAME and person.notes == NOTES
    assert store.current_client(legacy).name == NAME


def test_show_list_replan_history_progress_and_export_work_and_show_it_safely(
    store, legacy, cli, tmp_path, db_url
):
    db = db_url
    code, out, err = cli("person", "show", legacy, "--db", db)
    assert code == 0, err
    clean(out)
    assert 'name = "Amal\\nHaddad\\u202eevil\\u001b[31m"' in out
    code, out, err = cli("person", "show", legacy, "--db", db, "--json")
    assert code == 0, err
    assert json.loads(out)["intake"]["name"] == NAME  # data, exactly as stored
    code, out, err = cli("person", "list", "--db", db)
    assert code == 0, err
    clean(out)
    assert SHOWN[:28] in out and len(out.splitlines()) == 2  # the header, Amal on one line
    code, out, err = cli("replan", legacy, "--db", db)
    assert code == 0, err
    assert store.latest_plan(legacy)[0] == 2
    for command in (("history", legacy), ("progress", legacy)):
        code, out, err = cli(*command, "--db", db)
        assert code == 0, err
        clean(out)
    for fmt in ("md", "html", "text", "ics", "json", "pdf"):
        target = tmp_path / f"pip.{fmt}"
        code, _, err = cli("export", legacy, "--format", fmt, "-o", target, "--db", db)
        assert code == 0, (fmt, err)
        if fmt in ("json", "pdf"):  # data; compressed
            continue
        content = target.read_text(encoding="utf-8")
        clean(content)
        if fmt in ("md", "html", "text"):
            assert "Haddad\\" in content and "u202eevil" in content, fmt  # escaped


def test_the_next_correction_is_checked(store, legacy):
    person = store.get_person(legacy)
    with pytest.raises(InputError, match="name: contains line breaks"):
        store.update_person(attrs.evolve(person, notes=None), "j.jansen", "typing error")
    store.update_person(
        attrs.evolve(person, name="Amal Haddad", notes="first line\nsecond line"),
        "j.jansen",
        "name on one line",
    )
    fixed = store.get_person(legacy)
    assert fixed.name == "Amal Haddad" and fixed.notes == "first line\nsecond line"
