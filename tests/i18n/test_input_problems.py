"""Problems in the files a counsellor gives padplanner (above all a client file) are said in the
reader's language: Dutch by default, English with --lang en or PADPLANNER_LANG=en, each still
naming the file, the field and the fix, with exit code 2; so are the problems in an event file
(``padplanner progress ID event FILE``). The modules that find them word their problems through
the catalogues (a test finds a literal)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_cli_problems import ROOT, literal_problems

from padplanner.cli import main
from padplanner.clientfile import parse_client
from padplanner.errors import InputError
from padplanner.i18n import texts

AMAL = (ROOT / "examples" / "clients" / "amal.toml").read_text()
ENGLISH = re.compile(
    r"\b(is not|not|expected|unknown|must|between|file|key|required|missing|the|and|got|"
    r"write|check|at most|characters|contains|did you mean|allowed|fails|number|day|range)\b"
)


def english(text: str) -> set[str]:
    """English words in ``text``; field names and values (``weekly_hours``, ``'avrage'``,
    lists of names in brackets, the name after "bedoelt u") left out."""
    text = re.sub(r"\([^)]*,[^)]*\)", "", text)
    text = re.sub(r"(bedoelt u|did you mean) \S+", r"\1", text)
    text = re.sub(r"'[^']*'", "", text)
    return set(ENGLISH.findall(" ".join(w for w in text.split() if not re.search(r"[-._/]\w", w))))


def edit(old: str, new: str) -> str:
    assert old in AMAL, old
    return AMAL.replace(old, new)


# One bad client file per kind of problem: (file text, field, Dutch words, English words).
CASES = {
    "unknown-field": (
        edit("weekly_hours = 16", "weeklyhours = 16"),
        "",
        "onbekend veld 'weeklyhours' (bedoelt u weekly_hours?)",
        "unknown key 'weeklyhours' (did you mean weekly_hours?)",
    ),
    "missing-field": (
        edit("weekly_hours = 16", "weeklyhours = 16"),
        "weekly_hours",
        "dit verplichte veld ontbreekt",
        "required key is missing",
    ),
    "bsn": (
        edit('bsn = "249566758"', 'bsn = "24956675x"'),
        "bsn",
        "is geen BSN: schrijf de 9 cijfers",
        "is not a BSN: write its 9 digits",
    ),
    "elfproef": (
        edit('bsn = "249566758"', 'bsn = "249566759"'),
        "bsn",
        "voldoet niet aan de elfproef",
        "fails the elfproef",
    ),
    "municipality": (
        edit('"GM0034"', '"0034"'),
        "municipality",
        "'0034' is geen CBS-gemeentecode (zoals GM0034)",
        "'0034' is not a CBS municipality code (like GM0034)",
    ),
    "choice": (
        edit('learnability = "average"', 'learnability = "avrage"'),
        "learnability",
        "is niet een van: low, average, high (bedoelt u average?)",
        "is not one of: low, average, high (did you mean average?)",
    ),
    "level": (
        edit('reading = "A1"', 'reading = "B3"'),
        "levels.reading",
        "'B3' is geen ERK-niveau",
        "'B3' is not a CEFR level",
    ),
    "range": (
        edit("weekly_hours = 16", "weekly_hours = 80"),
        "weekly_hours",
        "moet tussen 1 en 60 uur per week liggen, niet 80",
        "must be between 1 and 60 hours a week, got 80",
    ),
    "whole-number": (
        edit("weekly_hours = 16", "weekly_hours = 16.5"),
        "weekly_hours",
        "verwacht een geheel getal, niet 16.5",
        "expected a whole number, got 16.5",
    ),
    "nan": (
        edit("weekly_hours = 16", "weekly_hours = nan"),
        "weekly_hours",
        "nan is geen getal; schrijf een getal",
        "nan is not a number; write a number",
    ),
    "quoted-date": (
        edit("birth_date = 1996-05-14", 'birth_date = "1996-05-14"'),
        "birth_date",
        "is geen datum (schrijf hem als 2025-09-01, zonder aanhalingstekens)",
        "is not a date (write it as 2025-09-01, without quotes)",
    ),
    "date-range": (
        edit("term_start = 2025-09-01", "term_start = 2225-09-01"),
        "term_start",
        "valt buiten het bereik (2000-01-01 tot 2100-12-31); controleer het jaar",
        "is out of range (2000-01-01 to 2100-12-31); check the year",
    ),
    "control-characters": (
        edit('name = "Amal Haddad"', 'name = "Amal\\tHaddad"'),
        "name",
        "bevat regeleinden, tabs of andere stuurtekens (U+0009)",
        "contains line breaks, tabs or other control characters (U+0009)",
    ),
    "text-length": (
        edit('name = "Amal Haddad"', 'name = "Amal Haddad"\nnotes = "' + "x" * 2100 + '"'),
        "notes",
        "is 2.100 tekens lang; hoogstens 2.000 tekens",
        "is 2,100 characters long; at most 2,000 characters",
    ),
    "day": (
        edit('days = ["mon", "tue", "thu", "fri"]', 'days = ["mon", "tues"]'),
        "availability.days[1]",
        "'tues' is niet een van",
        "'tues' is not one of",
    ),
    "not-toml": (
        AMAL + "\nweekly_hours = [\n",
        "",
        "geen geldige TOML",
        "not valid TOML",
    ),
    "too-large": (
        AMAL + "#" * (1024 * 1024),
        "",
        "bytes of meer; een bestand is hier hoogstens 1.024 KiB",
        "bytes or more; a file is at most 1,024 KiB here",
    ),
}


def problem_line(err: str, file: Path, field: str, words: str) -> str:
    prefix = f"error: {file}: {field}: " if field else f"error: {file}: "
    lines = [line for line in err.splitlines() if line.startswith(prefix) and words in line]
    assert lines, (prefix, words, err)
    return lines[0]


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("command", ["check", "plan"])
def test_a_bad_client_file_in_the_readers_language(cli_err, monkeypatch, tmp_path, case, command):
    text, field, dutch, words = CASES[case]
    file = tmp_path / "client.toml"
    file.write_text(text, encoding="utf-8")
    code, err = cli_err(command, file)
    assert code == 2 and "Traceback" not in err
    line = problem_line(err, file, field, dutch)
    assert not english(line.removeprefix("error: ")), line
    code, err = cli_err(command, file, "--lang", "en")
    assert code == 2 and dutch not in err
    assert english(problem_line(err, file, field, words))  # the search finds English
    monkeypatch.setenv("PADPLANNER_LANG", "en")
    code, err = cli_err(command, file)
    problem_line(err, file, field, words)


def test_person_add_says_it_in_dutch(cli_err, tmp_path):
    file = tmp_path / "client.toml"
    file.write_text(CASES["municipality"][0], encoding="utf-8")
    code, err = cli_err("person", "add", file, "--db", f"sqlite:///{tmp_path / 'p.db'}")
    assert code == 2
    problem_line(err, file, "municipality", CASES["municipality"][2])


def test_a_problem_keeps_its_english_message_and_its_message_id():
    import tomllib

    with pytest.raises(InputError) as caught:
        parse_client(tomllib.loads(CASES["elfproef"][0]), "c.toml")
    (problem,) = caught.value.problems
    assert problem.message == "'249566759' fails the elfproef (9 digits; check for a typing error)"
    assert str(problem) == f"c.toml: bsn: {problem.message}"
    assert problem.key == "input.client.elfproef"
    assert problem.text(texts("nl")).startswith("c.toml: bsn: '249566759' voldoet niet aan")


def test_limits_and_client_files_word_their_problems_through_the_catalogues():
    names = (
        "limits.py",
        "clientfile.py",
        "convert.py",
        "store/events.py",
        "store/validation.py",
        "engine/validate.py",
    )
    found = [hit for name in names for hit in literal_problems(ROOT / "padplanner" / name)]
    assert found == [], "word these with phrased('input....') or Problem.worded"


# One bad event file per kind of problem (`padplanner progress ID event FILE`).
EVENTS = {
    "twice": (
        '{"kind": "hours", "kind": "exam"}',
        "",
        "niet aanvaard: de sleutel 'kind' staat twee keer in één object",
        "not accepted: the key 'kind' appears twice in one object",
    ),
    "nan": (
        '{"kind": "hours", "on": "2025-10-06", "module": "knm", "hours": NaN}',
        "",
        "niet aanvaard: NaN is geen getal; schrijf een getal",
        "not accepted: NaN is not a number; write a number",
    ),
    "kind": (
        '{"kind": "hour", "on": "2025-10-06"}',
        "kind",
        "'hour' is geen soort gebeurtenis",
        "'hour' is not an event kind",
    ),
    "date": (
        '{"kind": "hours", "on": "2250-01-06", "module": "knm", "hours": 3}',
        "on",
        "2250-01-06 valt buiten het bereik (2000-2100)",
        "2250-01-06 is out of range (2000-2100)",
    ),
    "hours": (
        '{"kind": "hours", "on": "2025-10-06", "module": "knm", "hours": 5000}',
        "hours",
        "moet meer dan 0 en hoogstens 1000 zijn, niet 5000",
        "must be more than 0 and at most 1000, got 5000",
    ),
    "unknown-field": (
        '{"kind": "hours", "on": "2025-10-06", "module": "knm", "hours": 3, "houres": 1}',
        "",
        "onbekend veld 'houres'",
        "unknown key 'houres'",
    ),
}


@pytest.fixture(scope="module")
def caseload(tmp_path_factory):
    db = f"sqlite:///{tmp_path_factory.mktemp('events') / 'c.db'}"
    amal = ROOT / "examples" / "clients" / "amal.toml"
    assert main(["person", "add", str(amal), "--db", db, "--author", "j.jansen"]) == 0
    return db


@pytest.mark.parametrize("case", list(EVENTS))
def test_a_bad_event_file_in_the_readers_language(cli_err, caseload, tmp_path, case):
    text, field, dutch, words = EVENTS[case]
    file = tmp_path / "event.json"
    file.write_text(text, encoding="utf-8")
    argv = ("progress", "demo-0001", "event", file, "--db", caseload)
    code, err = cli_err(*argv)
    assert code == 2 and "Traceback" not in err
    line = problem_line(err, file, field, dutch)
    assert not english(line.removeprefix("error: ")), line
    code, err = cli_err("progress", "demo-0001", "--lang", "en", *argv[2:])
    assert code == 2 and dutch not in err
    assert english(problem_line(err, file, field, words))


def test_an_empty_reason_in_the_readers_language(cli_err, caseload):
    argv = ("replan", "demo-0001", "--reason", " ", "--at", "2025-09-01", "--db", caseload)
    code, err = cli_err(*argv)
    assert code == 2 and "error: demo-0001: reason: de reden is leeg" in err, err
    code, err = cli_err(*argv, "--lang", "en")
    assert code == 2 and "error: demo-0001: reason: the reason is empty" in err, err
    argv = ("decide", "demo-0001", "route", "b1", "--reason", " ", "--db", caseload)
    code, err = cli_err(*argv)
    assert code == 2 and "reason: is leeg: elk besluit heeft een reden nodig" in err, err
