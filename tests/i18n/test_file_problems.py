"""The problems in the files policy staff and plugin developers edit (a catalogue, a capacity
file, an import's mapping), and why a file cannot be written, are said in the reader's language too: Dutch by default, English
with --lang en, each naming the file, the key path and the fix, with exit code 2. The modules
that find them word them through the catalogues (a test finds a literal)."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from test_cli_problems import ROOT, literal_problems
from test_input_problems import english

MODULES = (
    "catalog/validate.py",
    "catalog/load.py",
    "catalog/calibration.py",
    "catalog/sentences.py",
    "cohort/capacity.py",
    "importer/mapping.py",
    "files.py",
)

# (file, key path, Dutch words) for the planted errors of tests/test_catalog.py
DUTCH = [
    ("cycle.toml", "module[0]", "de modules vormen een kringloop: cycle-a → cycle-b → cycle-a"),
    ("x-bad.toml", "module[0].id", "module-id 'knm' komt twee keer voor (eerst in "),
    (
        "x-bad.toml",
        "module[1].requires[0]",
        "onbekende competentie 'speking' (bedoelt u speaking?)",
    ),
    ("x-bad.toml", "module[1].grants[0]", "'B3' staat niet op de schaal cefr (A0 A1 A2 B1 B2"),
    ("x-bad.toml", "module[1].hours", "hours moet meer dan 0 zijn, niet 0 (module 'bad-numbers')"),
    ("x-bad.toml", "module[1].hours_per_week", "hours_per_week 20 valt buiten intensity [2, 8]"),
    ("parameters.toml", "parameter.goals_b1.values[0].value", "doel 'reading>=C2' is met geen"),
]


def bad_literals(
    path: Path, names: tuple[str, ...] = ("Problem", "bad", "WriteError")
) -> list[str]:
    """``bad(path, "words")`` calls (a module's own helper around Problem) with a literal, and
    a function's ``return "words"`` where it says why (files.py's refusals)."""
    found = literal_problems(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in names[1:]
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant | ast.JoinedStr)
        ):
            found.append(f"{path.name}:{node.lineno}")
        if isinstance(node, ast.Return) and _words(node.value):
            found.append(f"{path.name}:{node.lineno} (return)")
    return found


def _words(node: ast.AST | None) -> bool:
    """A literal with words in it (a space in its text), not a name or an id."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and " " in node.value
    if isinstance(node, ast.JoinedStr):
        return any(_words(part) for part in node.values)
    return False


def test_these_modules_word_their_problems_through_the_catalogues():
    found = [hit for name in MODULES for hit in bad_literals(ROOT / "padplanner" / name)]
    assert found == [], "word these with phrased('input....')"
    assert not hasattr(__import__("padplanner.errors").errors, "did_you_mean")  # English only


@pytest.fixture
def planted(tmp_path) -> Path:
    from corehelp import NATIONAL
    from test_catalog import plant

    folder = tmp_path / "wi2021"
    shutil.copytree(NATIONAL, folder)
    plant(folder)
    return folder


def test_a_bad_catalogue_in_the_readers_language(cli_err, planted):
    code, err = cli_err("check", planted)
    assert code == 2 and "Traceback" not in err
    lines = err.strip().splitlines()
    assert lines[-1].endswith(" problemen gevonden")
    for file, path, words in DUTCH:
        prefix = f"error: {planted / file}: {path}: "
        line = next((ln for ln in lines if ln.startswith(prefix) and words in ln), None)
        assert line, (prefix, words, err)
        assert not english(line.removeprefix(prefix)), line
    code, err = cli_err("check", planted, "--lang", "en")
    assert code == 2 and "unknown competency 'speking' (did you mean speaking?)" in err
    assert "kringloop" not in err


MAPPING = """schema = "padplanner.mapping/1"
[file]
delimter = ";"
header_row = 0
[columns]
dossier = "D"
birth_dte = "G"
[values.literacy]
ja = "lattin"
[defaults]
weekly_hours = "veel"
"""


def test_a_bad_mapping_in_the_readers_language(cli_err, tmp_path):
    mapping = tmp_path / "map.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    rows = tmp_path / "rows.csv"
    rows.write_text("D;G\nINB-1;1990-01-01\n", encoding="utf-8")
    argv = ("import", rows, "-m", mapping, "--db", f"sqlite:///{tmp_path / 'c.db'}")
    cases = [  # key path, Dutch, English
        ("file.delimter", "onbekende instelling (bedoelt u delimiter?)", "unknown option (did"),
        ("file.header_row", "moet een rijnummer van 1 tot en met 100 zijn", "must be a row"),
        (
            "columns.birth_dte",
            "is geen veld dat padplanner leest (bedoelt u birth_date?)",
            "is not",
        ),
        ("values.literacy.ja", "'lattin' moet een van deze zijn: ", "'lattin' must be one of: "),
        ("defaults.weekly_hours", "moet een geheel getal van 0 tot en met 1.000 zijn", "1,000"),
    ]
    code, err = cli_err(*argv)
    assert code == 2 and "Traceback" not in err
    for path, dutch, _ in cases:
        prefix = f"error: {mapping.name}: {path}: "
        line = next((ln for ln in err.splitlines() if ln.startswith(prefix)), "")
        assert dutch in line, (path, err)
        assert not english(line.removeprefix(prefix)), line
    code, err = cli_err(*argv[:1], "--lang", "en", *argv[1:])
    assert code == 2
    for path, dutch, words in cases:
        assert f"error: {mapping.name}: {path}: " in err and words in err and dutch not in err
