"""``padplanner cohort plan``: everyone's reason in the reader's language, in the text list
and the HTML report; the JSON keeps its data (ids, ISO dates) and the English text."""

from __future__ import annotations

import json
import re

import pytest

from padplanner.cli import main

CODE = "GM0034"
ISO = re.compile(r"\d{4}-\d\d-\d\d")
ENGLISH = (
    "later than planned",
    "Starts as planned",
    "is full",
    "Cannot be served",
    "job coach",
    "budget (",
    "own hours",
    "First come",
)


@pytest.fixture
def cli(capsys):
    def run(*argv):
        capsys.readouterr()
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


PLAN = ("cohort", "plan", "--size", 40, "--municipality", CODE, "--policy", "everyone")
TIGHT = ("--groups", 1, "--budget", 200_000, "--coaches", 1)  # coaches and budget bind


def _people(out: str) -> list[str]:
    """The people list's lines: each person's row and the priority line under it."""
    start = next(i for i, line in enumerate(out.splitlines()) if line.lstrip().startswith("plek"))
    return out.splitlines()[start + 1 :]


def test_cohort_plan_says_every_reason_in_dutch_with_dutch_dates(cli):
    code, out, err = cli(*PLAN, *TIGHT)
    assert code == 0, err
    lines = _people(out)
    assert len(lines) == 80
    text = "\n".join(lines)
    assert not any(word in text for word in ENGLISH), text
    reasons = [line[45:] for line in lines[::2]]
    assert not ISO.search("\n".join(reasons))
    late = [r for r in reasons if r.startswith("Klaar ")]
    assert late, reasons
    months = (
        "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    )
    assert all(re.search(rf"\(\d{{1,2}} ({months}) \d{{4}} in plaats van ", r) for r in late)
    assert any("geen jobcoach vrij voor intensieve bemiddeling tot " in r for r in reasons)
    assert any(re.search(r": het budget van 20\d\d \(€\xa0[\d.]+\) is op", r) for r in reasons)
    assert any(r.startswith("Begint zoals gepland") for r in reasons)
    assert "Wie het eerst komt, het eerst maalt: de termijn begon op" in lines[1]


def test_cohort_plan_in_english_on_request(cli):
    code, out, err = cli(*PLAN, *TIGHT, "--lang", "en")
    assert code == 0, err
    start = next(i for i, line in enumerate(out.splitlines()) if "place  id" in line)
    reasons = [line[45:] for line in out.splitlines()[start + 1 :: 2]]
    assert any(r.startswith("Starts as planned") for r in reasons)
    late = [r for r in reasons if r.startswith("Finishes ")]
    assert late and all(re.search(r"\(\d{1,2} [A-Z][a-z]+ \d{4} instead of ", r) for r in late)
    assert not ISO.search("\n".join(reasons))
    assert any("no job coach free for intensive mediation until " in r for r in reasons)
    assert any(re.search(r": the 20\d\d budget \(€[\d,]+\) is spent", r) for r in reasons)
    assert "First come, first served: the term started on" in out


def test_the_html_of_cohort_plan_lists_everyone_in_dutch_and_the_json_keeps_data(cli, tmp_path):
    target = tmp_path / "plan.html"
    code, _, err = cli(*PLAN, *TIGHT, "-o", target)
    assert code == 0, err
    html = target.read_text(encoding="utf-8")
    assert "Iedereen onder everyone: wanneer klaar, en waarom" in html
    table = html[html.index('<table class="people">') :]
    table = table[: table.index("</table>")]
    assert table.count("<tr>") == 41  # the heading and 40 people
    assert "Klaar " in table and "in plaats van" in table and "Begint zoals gepland" in table
    assert not ISO.search(table) and not any(word in table for word in ENGLISH)
    code, out, err = cli(*PLAN, *TIGHT, "-f", "json")
    assert code == 0, err
    placed = json.loads(out)["columns"][1]["placements"]
    late = next(p for p in placed if p["reason"]["rule"].startswith("padplanner.cohort.wait."))
    values = late["reason"]["values"]
    if "weeks" in values:
        assert late["reason"]["text"].startswith(f"Finishes {values['weeks']} weeks later")
        assert ISO.fullmatch(values["finish"]) and ISO.fullmatch(values["planned"])
    assert late["causes"] and all(c["text"] in late["reason"]["text"] for c in late["causes"])
    assert all(c["rule"].startswith("padplanner.cohort.cause.") for c in late["causes"])
    simulated = tmp_path / "sim.html"
    code, _, err = cli("cohort", "simulate", "--size", 20, "--municipality", CODE,
                       "--policy", "fifo", "--people", "-o", simulated)  # fmt: skip
    assert code == 0, err
    assert 'class="people"' not in simulated.read_text(encoding="utf-8")  # a comparison only
