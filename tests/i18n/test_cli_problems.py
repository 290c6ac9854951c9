"""The command line's own bad input is said in the reader's language: Dutch by default,
English with --lang en or PADPLANNER_LANG=en. Every problem the commands word themselves comes
from the catalogues (``Problem.worded``); a test finds any written as a literal again."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from padplanner.errors import Problem
from padplanner.i18n import texts

ROOT = Path(__file__).resolve().parents[2]
AMAL = ROOT / "examples" / "clients" / "amal.toml"


CASES = [
    (["plan", AMAL, "--at", "31-12-2025"], "is geen datum", "is not a date"),
    (["plan", AMAL, "--format", "pdf"], "dit formaat is binair", "this format is binary"),
    (["plan", AMAL, "--format", "docx"], "is niet een van", "is not one of"),
    (["compare", AMAL, "-m", "GM0034"], "geef minstens twee codes", "give at least two codes"),
    (["graph", "--goal", "spekaing>=A2"], "onbekende competentie", "unknown competency"),
    (["demo", "-n", "0", "--db", "sqlite:///:memory:"], "moet tussen 1 en 99.999", "must be"),
]


@pytest.mark.parametrize(("argv", "dutch", "english"), CASES, ids=lambda a: str(a)[:24])
def test_bad_input_in_the_readers_language(cli_err, monkeypatch, argv, dutch, english):
    code, err = cli_err(*argv)
    assert code == 2 and err.startswith("error: ") and dutch in err and english not in err
    code, err = cli_err(*argv, "--lang", "en")
    assert code == 2 and english in err and dutch not in err
    monkeypatch.setenv("PADPLANNER_LANG", "en")
    code, err = cli_err(*argv)
    assert code == 2 and english in err


def test_a_problem_keeps_its_english_message_for_logs():
    problem = Problem.worded("--at", "", "cli.problem.date", value="'x'")
    assert str(problem) == "--at: 'x' is not a date (write 2025-09-01)"
    assert problem.text(texts("nl")) == "--at: 'x' is geen datum (schrijf 2025-09-01)"
    assert Problem("f", "k", "as written").text(texts("nl")) == "f: k: as written"


def literal_problems(path: Path) -> list[str]:
    """``Problem(..., "words")`` or ``Problem(..., f"words {x}")`` calls in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "Problem"
            and len(node.args) >= 3
            and isinstance(node.args[2], ast.Constant | ast.JoinedStr)
        ):
            found.append(f"{path.name}:{node.lineno}")
    return found


def test_the_commands_word_their_problems_through_the_catalogues():
    files = sorted((ROOT / "padplanner" / "cli").glob("*.py"))
    found = [hit for f in files for hit in literal_problems(f)]
    assert found == [], "word these with Problem.worded(file, path, 'cli.problem....')"


def test_an_internal_error_asks_for_a_report_in_the_readers_language(cli_err, monkeypatch):
    import padplanner.export

    def broken(*_args, **_kwargs):
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr(padplanner.export, "render", broken)
    monkeypatch.delenv("PADPLANNER_DEBUG", raising=False)
    code, err = cli_err("plan", AMAL, "--format", "md")
    assert code == 1 and "Traceback" not in err
    assert err.startswith("internal error: RuntimeError: broken on purpose\n")
    assert "Meld het alstublieft" in err
    code, err = cli_err("plan", AMAL, "--format", "md", "--lang", "en")
    assert "Please report it" in err
