"""The intake form as data: typed text is kept, problems land at their field."""

from __future__ import annotations

from datetime import date

from padplanner.clientfile import load_client
from padplanner.i18n import texts
from padplanner.tui import intake_form as form

from .test_flows import AMAL, intake_values

T = texts("nl")


def values(**changes):
    out = form.blank(date(2026, 1, 5))
    out.update(intake_values(**changes))
    return out


def test_a_valid_form_gives_the_client():
    outcome = form.check(values(), T)
    assert outcome.problems == {}
    client = outcome.client
    assert client.id == "tui-0001" and client.weekly_hours == 16
    assert str(client.levels.speaking) == "A1" and client.work.goal == "logistics"


def test_every_field_of_the_client_file_is_on_the_form():
    from padplanner.clientfile import client_to_dict

    data = client_to_dict(load_client(AMAL))
    leaves = set()
    for key, value in data.items():
        if isinstance(value, dict):
            leaves |= {f"{key}.{k}" for k in value}
        elif key != "schema":
            leaves.add(key)
    assert leaves - set(form.BY_KEY) == set()
    assert {"route.choice", "route.reason", "notes", "progress.hours_done"} <= set(form.BY_KEY)


def test_an_existing_client_round_trips():
    client = load_client(AMAL)
    assert form.check(form.from_client(client), T).client == client


def test_field_checks_in_the_ui_language():
    problems = form.check(
        values(bsn="123456789", birth_date="14-05-1996", weekly_hours="zestien"), T
    ).problems
    assert problems == {
        "bsn": T("tui.intake.error.bsn"),
        "birth_date": T("tui.intake.error.date"),
        "weekly_hours": T("tui.intake.error.int"),
    }


def test_problems_from_parse_client_map_to_fields():
    outcome = form.check(values(birth_date="2020-01-01", municipality="GM0034"), T)
    assert set(outcome.problems) == {"birth_date"}  # age 5 at the term start
    assert "leeftijd van 5" in outcome.problems["birth_date"]  # in the form's language
    english = form.check(values(birth_date="2020-01-01", municipality="GM0034"), texts("en"))
    assert "gives an age of 5" in english.problems["birth_date"]
    assert form.field_for("availability.days[1]") == "availability.days"
    assert form.field_for("progress.hours_done.nt2-a0-a1") == "progress.hours_done"
    assert form.field_for("route") == "route.reason"
    assert form.field_for("unknown") is None


def test_hours_done_and_completed_are_parsed():
    outcome = form.check(
        values(**{"progress.hours_done": "nt2-a0-a1=120, knm=10.5", "progress.completed": "pvt"}),
        T,
    )
    progress = outcome.client.progress
    assert progress.hours_done == {"nt2-a0-a1": 120.0, "knm": 10.5}
    assert progress.completed == ("pvt",)
    bad = form.check(values(**{"progress.hours_done": "nt2-a0-a1"}), T)
    assert bad.problems == {"progress.hours_done": T("tui.intake.error.pairs")}


def test_notes_keep_their_line_breaks():
    client = form.check(values(notes="line one\n  line two"), T).client
    assert client.notes == "line one\n  line two"
