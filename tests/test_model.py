"""The domain model: levels, requirements, clients and their minimised view, parameters, plans."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from padplanner.model import (
    ClientView,
    Finding,
    HoursEstimate,
    Level,
    Parameter,
    Plan,
    Reason,
    Requirement,
    weekly_capacity,
)
from padplanner.model.module import ParameterValue, Starts, Title
from padplanner.testing import build_client


def test_levels_are_ordered_from_no_dutch_to_c2():
    assert Level.A0 < Level.A1 < Level.A2 < Level.B1 < Level.B2 < Level.C1 < Level.C2
    assert Level.parse(" b1 ") is Level.B1
    assert str(Level.A2) == "A2"


def test_a_bad_level_names_the_scale():
    with pytest.raises(ValueError, match=r"'B3' is not a CEFR level \(A0 A1 A2 B1 B2 C1 C2\)"):
        Level.parse("B3")


@pytest.mark.parametrize(
    ("text", "name", "level"),
    [("pvt", "pvt", None), ("speaking>=B1", "speaking", "B1"), ("work:care", "work:care", None)],
)
def test_requirements_parse_flags_and_levels(text, name, level):
    requirement = Requirement.parse(text)
    assert (requirement.name, requirement.level) == (name, level)
    assert str(requirement) == text


@pytest.mark.parametrize("text", ["", "speaking >", ">=B1", "Speaking>=B1", "a b"])
def test_malformed_requirements_say_how_to_write_one(text):
    with pytest.raises(ValueError, match="write a flag such as 'pvt'"):
        Requirement.parse(text)


def test_age_counts_whole_years_up_to_the_birthday(make_client):
    client = make_client(birth_date=date(1990, 9, 2))
    assert client.age_at(date(2025, 9, 1)) == 34
    assert client.age_at(date(2025, 9, 2)) == 35


def test_the_view_leaves_out_name_bsn_birth_date_and_notes(make_client):
    client = make_client(name="Test Person", bsn="249566758", notes="private", age=30)
    view = client.view(date(2026, 9, 1))
    fields = {f.name for f in attrs.fields(ClientView)}
    assert not fields & {"name", "bsn", "birth_date", "notes"}
    assert "Test Person" not in repr(view) and "249566758" not in repr(view)
    assert view.age == 31 and view.age_at_term_start == 30
    assert view.weekly_hours == client.weekly_hours and view.levels == client.levels


def test_a_parameter_gives_the_value_in_force_at_a_date():
    parameter = Parameter(
        "check_in_weeks",
        (ParameterValue(date(2022, 1, 1), 13), ParameterValue(date(2026, 1, 1), 8)),
    )
    assert parameter.at(date(2025, 12, 31)) == 13
    assert parameter.at(date(2026, 1, 1)) == 8
    with pytest.raises(
        LookupError, match=r"no value on 2021-12-31 \(first value from 2022-01-01\)"
    ):
        parameter.at(date(2021, 12, 31))


def test_an_hours_estimate_is_a_range_around_its_point():
    reason = Reason("x", "because")
    assert HoursEstimate(100, 80, 130, reason).high == 130
    with pytest.raises(ValueError, match="0 < low <= hours <= high"):
        HoursEstimate(100, 120, 130, reason)
    with pytest.raises(ValueError):
        HoursEstimate(0, 0, 0, reason)


def test_findings_have_one_of_three_severities():
    assert Finding("warning", "r", "m").severity == "warning"
    with pytest.raises(ValueError):
        Finding("fatal", "r", "m")


def test_titles_and_rolling_starts():
    assert Title("Lezen", "Reading").get("en") == "Reading"
    assert Title("Lezen", "Reading").get("nl") == "Lezen"
    assert Starts().rolling and not Starts(6, date(2022, 1, 3)).rolling


def test_a_plan_reads_back_from_its_json(planner, make_client):
    plan = planner.plan(make_client(work={"goal": "care"}))
    again = Plan.from_json(plan.to_json())
    assert again.to_json() == plan.to_json()
    assert (
        again.activities[0].end_week == again.activities[0].start_week + again.activities[0].weeks
    )
    with pytest.raises(ValueError, match=r"not a padplanner\.plan/1 document"):
        Plan.from_dict({"schema": "other"})


def test_a_plan_with_an_error_finding_is_not_feasible(planner, make_client):
    plan = planner.plan(make_client())
    assert plan.feasible
    broken = attrs.evolve(plan, findings=[Finding("error", "x.y", "cannot work")])
    assert not broken.feasible


def test_weekly_capacity_is_the_hours_at_most_eight_a_day_available():
    def client(hours: int, days: list[str]):
        return build_client({"weekly_hours": hours, "availability": {"days": days}})

    assert weekly_capacity(client(16, ["mon", "tue", "wed"])) == 16
    assert weekly_capacity(client(30, ["mon", "tue"])) == 16  # two days hold at most 16 h
    busy = client(30, ["mon"])
    none = attrs.evolve(busy, availability=attrs.evolve(busy.availability, days=()))
    assert weekly_capacity(none) == 8  # no days listed counts as one
    view = client(30, ["mon", "tue", "wed"]).view(date(2026, 1, 5))
    assert weekly_capacity(view) == 24  # the plugins' view counts alike


def test_reasons_and_findings_carry_the_values_of_their_sentence():
    reason = Reason("x.hours", "12 h", ("weekly_hours",), {"hours": 12, "modules": ["a", "b"]})
    assert reason.values["hours"] == 12 and reason.values["modules"] == ("a", "b")
    assert reason == Reason(
        "x.hours", "12 h", ("weekly_hours",), {"modules": ("a", "b"), "hours": 12}
    )
    assert hash(reason) == hash(Reason("x.hours", "12 h", ("weekly_hours",), dict(reason.values)))
    assert Reason("x.y", "plain").values == {}  # today's plugins: text only
    with pytest.raises(TypeError):
        reason.values["hours"] = 13  # type: ignore[index]
    with pytest.raises(TypeError, match="value 'who'"):
        Reason("x.y", "t", values={"who": object()})
    with pytest.raises(ValueError, match="identifiers"):
        Finding("info", "x.y", "t", values={"not a name": 1})


def test_values_travel_through_the_plan_json(planner, make_client):
    plan = planner.plan(make_client())
    finding = Finding(
        "warning", "x.late", "late", ("term_start",), {"weeks": 3, "deadline": date(2028, 9, 1)}
    )
    plan = attrs.evolve(plan, findings=[finding])
    data = plan.to_dict()
    assert data["findings"][0]["values"] == {"weeks": 3, "deadline": "2028-09-01"}
    again = Plan.from_json(plan.to_json())
    assert again.findings[0].values == {"weeks": 3, "deadline": "2028-09-01"}
    assert again.to_json() == plan.to_json()


def test_a_plan_without_values_reads_back_with_empty_values(planner, make_client):
    """Revisions stored before values existed read back unchanged."""
    data = planner.plan(make_client()).to_dict()
    for reason in data["route"]["reasons"]:
        del reason["values"]
    for finding in data["findings"]:
        del finding["values"]
    again = Plan.from_dict(data)
    assert all(r.values == {} for r in again.route.reasons)


def test_a_municipality_code_is_gm_and_four_ascii_digits_and_nothing_else():
    """One rule for every place that reads a CBS code (client files, events, the CLI, the
    TUI, plugins' declarations): no other digits, no line break after it."""
    from padplanner.model.client import is_municipality_code

    assert is_municipality_code("GM0034") and is_municipality_code("GM0000")
    for bad in (
        "GM0034\n",
        "GM\u0660\u0660\u0663\u0664",
        "gm0034",
        "GM034",
        "GM00345",
        " GM0034",
        34,
    ):
        assert not is_municipality_code(bad), bad
