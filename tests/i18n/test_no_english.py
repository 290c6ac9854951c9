"""What a Dutch counsellor reads has no English in it: the lines of a plan diff (history), the
differences of compare, the findings replan reports, the plain-text plan. Each is run in Dutch
and searched for English words; ids (module and rule ids, file names) are left out of the
search. In English the same words are there, so the search can find them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from padplanner.cli import main

ROOT = Path(__file__).resolve().parents[2]
AMAL = ROOT / "examples" / "clients" / "amal.toml"
ENGLISH = re.compile(
    r"\b(finding|findings|hours?|weeks|completion|slack|cost|totals?|deadline|from|goal|"
    r"activity|check-ins|reference date|changed|removed|added|the|and|to)\b"
)


def english(text: str) -> set[str]:
    """English words in ``text``, ids (``nt2-a2-b1``, ``wi2021.a2_drop.possible``) left out."""
    words = " ".join(w for w in text.split() if not re.search(r"[-._/]\w", w))
    return set(ENGLISH.findall(words))


@pytest.fixture
def cli(capsys, monkeypatch):
    monkeypatch.delenv("PADPLANNER_LANG", raising=False)

    def run(*argv):
        capsys.readouterr()
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        assert code in (0, 3), err
        return out

    return run


@pytest.fixture(scope="module")
def replanned(tmp_path_factory):
    """A small demo caseload whose first person was replanned two years on."""
    db = f"sqlite:///{tmp_path_factory.mktemp('db')}/demo.db"
    assert main(["demo", "--db", db, "-n", "3", "--lang", "en"]) == 0
    person = "demo-00002"  # in Almere (GM0034)
    assert main(["replan", person, "--db", db, "--at", "2027-03-01"]) in (0, 3)
    return db, person


def test_history_says_what_changed_in_dutch(cli, replanned):
    db, person = replanned
    out = cli("history", person, "--db", db)
    assert "opnieuw gepland op 1 maart 2027 met de vastgelegde voortgang" in out  # its reason
    latest = max(int(n) for n in re.findall(r"^\s+(\d+)\s", out, flags=re.MULTILINE))
    out = cli("history", person, "--db", db, "1", str(latest))  # the demo amended revision 1
    diff = out.split(f"revisie 1 → {latest}:", 1)[1]  # the demo's reasons are stored English
    assert "peildatum: " in diff and " uur" in diff
    assert not english(diff), diff
    out = cli("history", person, "--db", db, "1", str(latest), "--lang", "en")
    assert {"from", "hours"} & english(out.split(f"revision 1 → {latest}:", 1)[1])


ISO = re.compile(r"\b20\d\d-\d\d-\d\d\b")


def test_history_names_modules_by_title_and_dates_as_the_language_writes_them(cli, replanned):
    db, person = replanned
    listing = cli("history", person, "--db", db)
    latest = max(int(n) for n in re.findall(r"^\s+(\d+)\s", listing, flags=re.MULTILINE))
    columns = [line.split("speling", 1)[0] for line in listing.splitlines() if "speling" in line]
    assert columns and not any(ISO.search(c) for c in columns), listing  # not the reasons
    assert " mrt 2027 " in listing
    diff = cli("history", person, "--db", db, "1", str(latest))
    assert "- Kennis van de Nederlandse Maatschappij (KNM) (stond op " in diff, diff
    assert "- knm " not in diff
    out = cli("history", person, "--db", db, "1", str(latest), "--lang", "en")
    assert "- Knowledge of Dutch society (KNM) (was " in out and " Mar 2027 " in out


def test_progress_names_modules_by_title_and_dates_as_the_language_writes_them(cli, replanned):
    db = replanned[0]
    for person in ("demo-00001", "demo-00002", "demo-00003"):  # someone with activities left
        out = cli("progress", person, "--db", db)
        rows = [r for r in out.splitlines()[2:] if not r.startswith(("risico", " "))]
        if rows:
            break
    assert not ISO.search(out), out
    assert any(r.startswith("NT2 ") for r in rows) and not any(r.startswith("nt2-") for r in rows)
    assert re.search(r" \d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec) 20\d\d ", out)
    out = cli("progress", person, "--db", db, "--lang", "en")
    assert any(r.startswith("Dutch ") for r in out.splitlines()[2:]), out


def test_replan_reports_its_findings_in_dutch(cli, replanned):
    db, person = replanned
    out = cli("replan", person, "--db", db, "--at", "2027-06-01")
    assert not english(out), out


def test_compare_says_every_difference_in_dutch(cli, municipal_plugins):
    codes = "GM0000,GM9901,GM9902"  # no plugin, Proefstad, Testdorp
    out = cli("compare", AMAL, "-m", codes)
    assert "afronding: " in out and "activiteit " in out and " uur" in out
    assert not english(out), out
    # modules by their titles, in the table and in the differences
    assert "\nKennis van de Nederlandse Maatschappij (KNM) " in out
    assert re.search(r"\n  activiteit (NT2|Werk|Kennis|Module|Vrijwilligers)", out), out
    assert "\nknm " not in out and not re.search(r"activiteit [a-z0-9-]+:", out)
    out = cli("compare", AMAL, "-m", codes, "--lang", "en")
    assert {"completion", "hours", "activity"} <= english(out)
    assert re.search(r"\n  activity (Dutch|Work|Knowledge|Labour|Volunteer)", out), out


def test_the_plain_text_plan_is_dutch(cli):
    out = cli("plan", AMAL, "--format", "text")
    assert not english(out), out


def test_the_plain_text_plan_says_goals_conversations_and_dates_in_words(cli):
    """Not the ids and ISO dates of the JSON: goals by their titles, conversations by what
    they are, dates as the language writes them, courses by their title in that language."""
    out = cli("plan", AMAL, "--format", "text")
    assert not ISO.search(out), out
    goals = next(line for line in out.splitlines() if line.startswith("Doelen: "))
    assert "Lezen B1" in goals and "reading>=B1" not in goals and "work:" not in goals
    talks = next(line for line in out.splitlines() if line.startswith("Gesprekken: "))
    assert talks.startswith("Gesprekken: Voortgangsgesprek: ") and "progress" not in talks
    assert re.search(r"\n1 okt 2025 +26 nov 2025 +8 +12 .* NT2 schrijven A0 naar A1 ", out), out
    out = cli("plan", AMAL, "--format", "text", "--lang", "en")
    assert not ISO.search(out)
    assert "Progress conversation: " in out and "Reading B1" in out
    assert re.search(r"\n1 Oct 2025 +26 Nov 2025 .* Dutch writing A0 to A1 ", out), out
