"""The command line: explained plans in every format, and exit 2 with one line per problem."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from corehelp import EXAMPLES, ROOT, example_files

AMAL = (EXAMPLES / "amal.toml").read_text()


def write(tmp_path: Path, text: str, name: str = "client.toml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def edit(old: str, new: str) -> str:
    assert old in AMAL, old
    return AMAL.replace(old, new)


def assert_problems(code: int, err: str, file: Path, expected: list[tuple[str, str]]) -> None:
    """Exit 2, no traceback, and exactly one ``error: file: path: message`` line per problem."""
    assert code == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(lines) == len(expected), err
    for path, text in expected:
        prefix = f"error: {file}: {path}: " if path else f"error: {file}: "
        assert any(line.startswith(prefix) and text in line for line in lines), (path, text, err)


# -- explained plans -------------------------------------------------------------------------
@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_every_example_gets_an_explained_plan_in_each_format(path, cli):
    code, out, err = cli("plan", path, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == "padplanner.plan/1" and data["activities"]
    assert data["route"]["reasons"] and all(a["reasons"] for a in data["activities"])
    code, text, err = cli("plan", path, "--lang", "en")
    assert code == 0, err
    assert "Route: " in text and "why: " in text and f"[{data['activities'][0]['id']}]" in text
    for reason in data["route"]["reasons"]:
        assert f"[{reason['rule']}]" in text
    code, md, err = cli("plan", path, "--format", "md")
    assert code == 0, err
    assert md.startswith("# ") and data["client"] in md
    assert all(a["title"] in md for a in data["activities"])


def test_plan_writes_to_a_file(cli, tmp_path):
    target = tmp_path / "plan.json"
    code, out, err = cli("plan", EXAMPLES / "amal.toml", "-f", "json", "-o", target)
    assert code == 0 and out == "" and err == f"{target} geschreven\n"
    code, out, err = cli("plan", EXAMPLES / "amal.toml", "-f", "json", "-o", target, "--lang", "en")
    assert code == 0 and out == "" and err == f"wrote {target}\n"
    assert json.loads(target.read_text())["client"] == "demo-0001"


def test_a_later_reference_date_is_used(cli):
    code, out, _ = cli("plan", EXAMPLES / "amal.toml", "-f", "json", "--at", "2026-01-05")
    assert code == 0
    data = json.loads(out)
    assert data["reference_date"] == "2026-01-05"
    assert min(a["start"] for a in data["activities"]) >= "2026-01-05"


def test_a_plan_that_cannot_work_exits_3_and_still_explains(cli, tmp_path):
    late = edit("weekly_hours = 16", "weekly_hours = 14")
    late = late.replace('literacy = "latin"', 'literacy = "none"')
    late = late.replace('learnability = "average"', 'learnability = "low"')
    late = late.replace('education = "secondary"', 'education = "none"')
    late = late.replace("start_after = 2025-10-01", "start_after = 2027-01-04")
    file = write(tmp_path, late)
    code, out, _ = cli("plan", file)
    assert code == 3
    assert "wi2021.deadline.exceeded" in out and "weken na de einddatum" in out


# -- bad client files ------------------------------------------------------------------------
@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        (
            "aim = ",
            "weeklyhours = 12\naim = ",
            "",
            "unknown key 'weeklyhours' (did you mean weekly_hours?)",
        ),
        ("weekly_hours = 16", 'weekly_hours = "16"', "weekly_hours", "expected a whole number"),
        ("education_years = 10", "education_years = 9.5", "education_years", "whole number"),
        ('speaking = "A1"', 'speaking = "B3"', "levels.speaking", "'B3' is not a CEFR level"),
        ("term_start = 2025-09-01", 'term_start = "1-9-2025"', "term_start", "is not a date"),
        ('bsn = "249566758"', 'bsn = "249566759"', "bsn", "fails the elfproef"),
        ('literacy = "latin"', 'literacy = "latn"', "literacy", "did you mean latin?"),
        ('goal = "logistics"', 'goal = "logistic"', "work.goal", "did you mean logistics?"),
        ("goal = ", 'experience = ["retail"]\ngoal = ', "", "Cannot overwrite a value"),
    ],
    ids=[
        "unknown-key",
        "wrong-type",
        "not-whole",
        "bad-level",
        "bad-date",
        "bsn",
        "bad-choice",
        "unknown-sector",
        "syntax-error",
    ],
)
def test_each_bad_value_gets_one_line_with_file_path_and_fix(
    cli, tmp_path, old, new, path, message
):
    file = write(tmp_path, edit(old, new))
    code, out, err = cli("plan", file)
    assert out == ""
    assert_problems(code, err, file, [(path, message)])


@pytest.mark.usefixtures("english")
def test_a_misspelt_required_key_is_missing_and_unknown(cli, tmp_path):
    file = write(tmp_path, edit("weekly_hours = 16", "weekly_hour = 16"))
    expected = [
        ("weekly_hours", "required key is missing"),
        ("", "unknown key 'weekly_hour' (did you mean weekly_hours?)"),
    ]
    assert_problems(*cli("plan", file)[::2], file, expected)


@pytest.mark.usefixtures("english")
def test_a_route_choice_needs_a_reason(cli, tmp_path):
    file = write(tmp_path, AMAL + '\n[route]\nchoice = "z"\n')
    assert_problems(*cli("plan", file)[::2], file, [("route.reason", "required key is missing")])
    file = write(tmp_path, AMAL + '\n[route]\nchoice = "z"\nreason = ""\n')
    assert_problems(*cli("plan", file)[::2], file, [("route.reason", "needs a reason")])


def test_unknown_modules_and_competencies_in_the_progress_record(cli, tmp_path):
    text = AMAL + '\n[progress]\ncompleted = ["pvtt"]\nhours_done = { "nt2-a1-a3" = 10 }\n'
    file = write(tmp_path, text)
    expected = [
        ("progress.hours_done.nt2-a1-a3", "onbekende module 'nt2-a1-a3' (bedoelt u nt2-a1-a2?)"),
        ("progress.completed[0]", "onbekende competentie 'pvtt' (bedoelt u pvt?)"),
    ]
    assert_problems(*cli("plan", file)[::2], file, expected)
    assert_problems(*cli("check", file)[::2], file, expected)
    english = [
        ("progress.hours_done.nt2-a1-a3", "unknown module 'nt2-a1-a3' (did you mean nt2-a1-a2?)"),
        ("progress.completed[0]", "unknown competency 'pvtt' (did you mean pvt?)"),
    ]
    assert_problems(*cli("check", file, "--lang", "en")[::2], file, english)


@pytest.mark.usefixtures("english")
def test_several_problems_are_reported_together(cli, tmp_path):
    text = edit("weekly_hours = 16", "weekly_hours = 0").replace('"A0"', '"X1"')
    file = write(tmp_path, text)
    expected = [("weekly_hours", "between 1 and 60"), ("levels.writing", "not a CEFR level")]
    code, _, err = cli("plan", file)
    # the type error stops the range checks: the level comes first, then the hours
    assert code == 2 and "levels.writing" in err
    file = write(tmp_path, edit("weekly_hours = 16", "weekly_hours = 0"))
    assert_problems(*cli("plan", file)[::2], file, expected[:1])


@pytest.mark.parametrize("command", ["plan", "check"])
def test_a_missing_file(cli, tmp_path, command):
    file = tmp_path / "nobody.toml"
    code, _, err = cli(command, file)
    assert code == 2 and "Traceback" not in err
    said = "bestand of map niet gevonden" if command == "check" else "bestand niet gevonden"
    assert f"error: {file}: " in err and said in err


@pytest.mark.usefixtures("english")
def test_a_folder_is_not_a_client_file(cli, tmp_path):
    code, _, err = cli("plan", tmp_path)
    assert_problems(code, err, tmp_path, [("", "is a folder; give a file")])


@pytest.mark.usefixtures("english")
def test_a_file_that_is_not_utf8(cli, tmp_path):
    file = tmp_path / "binary.toml"
    file.write_bytes(b'id = "\xff\xfe"\n')
    assert_problems(*cli("plan", file)[::2], file, [("", "not a UTF-8 text file")])


@pytest.mark.usefixtures("english")
def test_an_unreadable_file(cli, tmp_path, monkeypatch):
    file = write(tmp_path, AMAL)
    real_open = os.open

    def denied(path, *args, **kwargs):
        if Path(path) == file:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    assert_problems(*cli("plan", file)[::2], file, [("", "cannot read the file: Permission")])


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_on_disk(cli, tmp_path):
    file = write(tmp_path, AMAL)
    file.chmod(0)
    assert_problems(*cli("plan", file)[::2], file, [("", "cannot read the file")])


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--at", "2025-99-01"], "--at"),
        (["--format", "xml"], "--format"),
        (["--lang", "fr"], "--lang"),
    ],
)
def test_bad_options(cli, args, option):
    code, _, err = cli("plan", EXAMPLES / "amal.toml", *args)
    assert code == 2 and err.startswith(f"error: {option}: ") and "Traceback" not in err


# -- check, graph, plugins, rules ------------------------------------------------------------
def test_check_accepts_every_example(cli):
    code, out, err = cli("check", EXAMPLES)
    assert (code, err) == (0, "")
    assert out == f"in orde: {len(example_files())} gecontroleerd, geen problemen\n"


def test_check_without_paths_checks_the_installed_catalogues(cli):
    code, out, _ = cli("check")
    assert code == 0 and out.startswith("in orde: ")


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "text"])
def test_graph_formats(cli, fmt):
    code, out, _ = cli("graph", "--format", fmt, "--goal", "speaking>=A2")
    assert code == 0
    if fmt == "mermaid":  # mermaid node ids cannot hold dashes
        out = out.replace("_", "-")
    assert "nt2-a1-a2" in out and "nt2-b1-b2" not in out


def test_graph_with_an_unknown_goal(cli):
    code, _, err = cli("graph", "--goal", "spekaing>=A2")
    assert code == 2 and "onbekende competentie 'spekaing'" in err


def test_version_is_the_installed_distributions(cli):
    from importlib.metadata import version

    code, out, err = cli("--version")
    assert code == 0, err
    assert out == f"padplanner {version('padplanner')}\n"


def test_plugins_lists_the_law(cli):
    code, out, _ = cli("plugins", "--json")
    assert code == 0
    data = json.loads(out)
    law = next(p for p in data["plugins"] if p["name"] == "wi2021")
    assert law["builtin"] and "padplanner_route" in law["hooks"]


def test_rules_list_the_rule_cases_that_pin_them(cli):
    code, out, _ = cli("rules", "--format", "json")
    assert code == 0
    law = next(p for p in json.loads(out)["plugins"] if p["name"] == "wi2021")
    tests = {rule["id"]: rule["tests"] for rule in law["rules"]}
    for rule in (
        "wi2021.route.onderwijs",
        "wi2021.route.z",
        "wi2021.route.b1",
        "wi2021.route.switch_late",
        "wi2021.route.switch_window_closing",
        "wi2021.a2_drop.possible",
        "wi2021.deadline.exceeded",
    ):
        assert tests[rule], f"no rule case pins {rule}"
    assert any(t.startswith("z_route.toml: ") for t in tests["wi2021.route.z"])


# -- a real process: python -m padplanner ----------------------------------------------------
def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "padplanner", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PADPLANNER_DEBUG": ""},
        timeout=60,
    )


@pytest.mark.usefixtures("english")
def test_python_m_padplanner_reports_bad_input_without_a_traceback(tmp_path):
    file = write(tmp_path, edit('speaking = "A1"', 'speaking = "B3"'))
    result = run("plan", str(file))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        f"error: {file}: levels.speaking: 'B3' is not a CEFR level (A0 A1 A2 B1 B2 C1 C2)\n"
    )


def test_python_m_padplanner_plans_an_example():
    result = run("plan", "examples/clients/bilal.toml", "-f", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["route"]["id"] == "z"


def test_plan_pins_a_start_and_refuses_a_pin_on_a_module_not_in_the_plan(cli):
    """``--pin MODULE=WEEK``: a pin the plan can hold moves the start; one on a module not in
    the plan, or written wrongly, exits 2 naming the pin and the fix."""
    amal = EXAMPLES / "amal.toml"
    code, out, err = cli("plan", amal, "--format", "json", "--draws", 0, "--pin", "knm=40")
    assert code in (0, 3), err
    (knm,) = [a for a in json.loads(out)["activities"] if a["module"] == "knm"]
    assert knm["start_week"] == 40
    assert any(r["rule"] == "counsellor.pin" for r in knm["reasons"])
    code, _, err = cli("plan", amal, "--draws", 0, "--pin", "alfa-a=3")  # Amal reads Latin
    assert code == 2 and "Traceback" not in err
    assert "pins.alfa-a" in err and "remove the pin" in err
    code, _, err = cli("plan", amal, "--draws", 0, "--pin", "knm")
    assert code == 2 and "--pin" in err and "MODULE=WEEK" in err
