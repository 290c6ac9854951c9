"""Client files: reading, writing back, the elfproef, and one problem per bad value."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from corehelp import EXAMPLES, example_files

from padplanner.clientfile import bsn_valid, dump_client, load_client, parse_client
from padplanner.errors import InputError
from padplanner.model import Level
from padplanner.testing import DEFAULT_CLIENT


def problems(**changes) -> list[tuple[str, str]]:
    data = copy.deepcopy(DEFAULT_CLIENT)
    for key, value in changes.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    with pytest.raises(InputError) as caught:
        parse_client(data, "c.toml")
    assert all(p.file == "c.toml" for p in caught.value.problems)
    return [(p.path, p.message) for p in caught.value.problems]


def test_amal_reads_as_written():
    client = load_client(EXAMPLES / "amal.toml")
    assert client.id == "demo-0001" and client.municipality == "GM0034"
    assert client.birth_date == date(1996, 5, 14)
    assert client.levels.writing is Level.A0 and client.levels.speaking is Level.A1
    assert client.work.goal == "logistics" and client.work.experience == ("retail",)
    assert client.availability.days == ("mon", "tue", "thu", "fri")


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_every_example_writes_back_identically(path, tmp_path):
    client = load_client(path)
    copy_file = tmp_path / path.name
    copy_file.write_text(dump_client(client))
    assert load_client(copy_file) == client


@pytest.mark.parametrize(
    ("bsn", "valid"),
    [
        ("249566758", True),  # docs/domain.md: weighted sum 220 = 11 x 20
        ("111222333", True),
        ("12345672", True),  # eight digits: padded with a leading 0 (012345672)
        ("249566759", False),
        ("123456789", False),
        ("000000000", False),  # sum 0 is not allowed
        ("24956675a", False),
        ("2495667580", False),
    ],
)
def test_the_elfproef(bsn, valid):
    assert bsn_valid(bsn) is valid


def test_unknown_keys_suggest_the_right_one():
    ((path, message),) = problems(weekly_hour=16)
    assert "unknown key 'weekly_hour' (did you mean weekly_hours?)" in message
    levels = {**DEFAULT_CLIENT["levels"], "speking": "A1"}
    ((path, message),) = problems(levels=levels)
    assert path == "levels" and "did you mean speaking?" in message


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        ({"weekly_hours": "16"}, "weekly_hours", "expected a whole number, got '16'"),
        ({"weekly_hours": 3.7}, "weekly_hours", "expected a whole number, got 3.7"),
        ({"weekly_hours": 0}, "weekly_hours", "must be between 1 and 60 hours a week"),
        ({"bsn": 249566758}, "bsn", "expected text"),
        ({"bsn": "249566759"}, "bsn", "fails the elfproef"),
        ({"term_start": "2025-13-01"}, "term_start", "is not a date (write it as 2025-09-01"),
        ({"birth_date": date(2020, 1, 1)}, "birth_date", "gives an age of 5 at the term start"),
        ({"literacy": "latn"}, "literacy", "'latn' is not one of: none, other-script, latin"),
        ({"municipality": "Almere"}, "municipality", "not a CBS municipality code"),
        ({"id": None}, "id", "required key is missing"),
        ({"route": {"choice": "z"}}, "route.reason", "required key is missing"),
        ({"route": {"choice": "z", "reason": "  "}}, "route.reason", "needs a reason"),
        ({"route": {"choice": "x", "reason": "r"}}, "route.choice", "not one of: b1, onderwijs"),
        ({"availability": {"days": ["mon", "tues"]}}, "availability.days[1]", "did you mean tue?"),
        (
            {"progress": {"hours_done": {"nt2-a1-a2": -5}}},
            "progress.hours_done.nt2-a1-a2",
            "cannot be negative",
        ),
        ({"progress": {"extensions_weeks": 200}}, "progress.extensions_weeks", "between 0 and 156"),
        ({"schema": "padplanner.client/9"}, "schema", "expected 'padplanner.client/1'"),
    ],
)
def test_each_bad_value_names_its_key_path(changes, path, message):
    found = problems(**changes)
    assert any(p == path and message in m for p, m in found), found


@pytest.mark.parametrize(
    ("level", "message"),
    [("B3", "'B3' is not a CEFR level (A0 A1 A2 B1 B2 C1 C2)"), (2, 'a CEFR level such as "A2"')],
)
def test_a_bad_level(level, message):
    levels = {**DEFAULT_CLIENT["levels"], "speaking": level}
    ((path, found),) = problems(levels=levels)
    assert path == "levels.speaking" and message in found


def test_every_problem_is_reported_at_once():
    found = problems(weekly_hours="16", literacy="latn", term_start="soon")
    assert {p for p, _ in found} == {"weekly_hours", "literacy", "term_start"}


def test_range_checks_run_together():
    found = problems(weekly_hours=61, bsn="123456789", municipality="GM34")
    assert {p for p, _ in found} == {"weekly_hours", "bsn", "municipality"}
