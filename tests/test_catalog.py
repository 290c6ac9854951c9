"""The national catalogue, and catalogue validation: every planted error reported at once."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from corehelp import NATIONAL

from padplanner.catalog import load_catalog
from padplanner.errors import InputError
from padplanner.model import Requirement


@pytest.fixture(scope="module")
def national():
    return load_catalog()


# -- the national catalogue -------------------------------------------------------------------
def test_the_national_catalogue_is_a_valid_acyclic_graph(national):
    assert nx.is_directed_acyclic_graph(national.graph)
    assert set(national.graph.nodes) == set(national.modules)
    # an edge means "grants what the other requires"
    assert national.graph.has_edge("nt2-a1-a2", "nt2-a2-b1")
    assert national.graph.has_edge("alfa-a", "alfa-b")


def test_every_number_says_where_it_comes_from(national):
    for module in national.modules.values():
        assert module.source.split(":")[0] in {"law", "practice", "rule of thumb"}, module.id
    for parameter in national.parameters.values():
        for value in parameter.values:
            assert value.source, parameter.name


def test_the_catalogue_holds_what_the_law_needs(national):
    modules = national.modules
    assert {"alfa-a", "alfa-b", "alfa-c", "knm", "pvt", "map", "values-series"} <= set(modules)
    assert {"z-language", "z-participation", "taalschakeltraject", "diploma-evaluation"} <= set(
        modules
    )
    assert modules["pvt"].hours >= 12 and modules["map"].hours >= 40
    assert modules["z-language"].hours == 800
    # the Z-route's 800 h of participation include its MAP and the PVT, not come on top
    participation = ("z-participation", "map-z", "pvt")
    assert sum(modules[m].hours for m in participation) == 800
    assert len(national.sectors) >= 6
    assert {s.level for s in national.sectors.values()} <= {"A2", "B1", "B2"}
    assert national.param("check_in_weeks", date(2025, 1, 1)) == 13
    assert national.param("term_years", date(2025, 1, 1)) == 3


def test_producers_bring_a_person_up_to_a_level(national):
    to_a2 = {m.id for m in national.producers(Requirement("speaking", "A2"))}
    assert {"nt2-a1-a2", "nt2-speaking-a1-a2", "taalmaatje-speaking"} <= to_a2
    # a module that starts at A2 does not bring anyone up to A2
    assert "nt2-a2-b1" not in to_a2
    assert "nt2-a1-a2" not in {m.id for m in national.producers(Requirement("speaking", "A1"))}


# -- planted errors ---------------------------------------------------------------------------
CYCLE = """
[competency.cyc-a]
[competency.cyc-b]

[[module]]
id = "cycle-a"
title = "Cycle A"
kind = "civic"
requires = ["cyc-b"]
grants = ["cyc-a"]
hours = 10
hours_per_week = 2
source = "rule of thumb: test"

[[module]]
id = "cycle-b"
title = "Cycle B"
kind = "civic"
requires = ["cyc-a"]
grants = ["cyc-b"]
hours = 10
hours_per_week = 2
source = "rule of thumb: test"
"""

BAD_MODULES = """
[[module]]
id = "knm"
title = "KNM once more"
kind = "civic"
grants = ["knm"]
hours = 10
hours_per_week = 2
source = "rule of thumb: test"

[[module]]
id = "bad-numbers"
title = "Bad numbers"
kind = "language"
requires = ["speking>=A1"]
grants = ["speaking>=B3", "literacy>=alfa-d"]
hours = 0
hours_per_week = 20
intensity = [2, 8]
source = "rule of thumb: test"

[[module]]
id = "typo"
title = "Typo"
kind = "civic"
grants = ["pvt"]
hours = 5
hours_per_weak = 2
source = "rule of thumb: test"
"""


def plant(folder: Path) -> None:
    """A copy of the national catalogue with one of each kind of error."""
    (folder / "cycle.toml").write_text('schema = "padplanner.catalog/1"\n' + CYCLE)
    (folder / "x-bad.toml").write_text('schema = "padplanner.catalog/1"\n' + BAD_MODULES)
    (folder / "broken.toml").write_text('schema = "padplanner.catalog/1"\n[[module]\nid = "x"\n')
    params = folder / "parameters.toml"
    text = params.read_text()
    goals = 'value = ["reading>=B1", "listening>=B1"'
    assert goals in text
    params.write_text(text.replace(goals, 'value = ["reading>=C2", "listening>=B1"'))


EXPECTED = [
    ("broken.toml", "", "not valid TOML"),
    ("cycle.toml", "module[0]", "the modules form a cycle: cycle-a → cycle-b → cycle-a"),
    ("x-bad.toml", "module[0].id", "duplicate module id 'knm' (first defined in"),
    (
        "x-bad.toml",
        "module[1].requires[0]",
        "unknown competency 'speking' (did you mean speaking?)",
    ),
    ("x-bad.toml", "module[1].grants[0]", "'B3' is not on the cefr scale (A0 A1 A2 B1 B2 C1 C2)"),
    ("x-bad.toml", "module[1].grants[1]", "'alfa-d' is not on the literacy scale"),
    ("x-bad.toml", "module[1].hours", "hours must be more than 0, got 0"),
    ("x-bad.toml", "module[1].hours_per_week", "hours_per_week 20 is outside intensity [2, 8]"),
    ("x-bad.toml", "module[2]", "unknown key 'hours_per_weak' (did you mean hours_per_week?)"),
    ("x-bad.toml", "module[2].hours_per_week", "required key is missing"),
    ("parameters.toml", "parameter.goals_b1.values[0].value", "goal 'reading>=C2' cannot be"),
]


@pytest.fixture
def planted(tmp_path) -> Path:
    folder = tmp_path / "wi2021"
    shutil.copytree(NATIONAL, folder)
    plant(folder)
    return folder


def test_load_catalog_reports_every_planted_error_at_once(planted):
    with pytest.raises(InputError) as caught:
        load_catalog([planted])
    found = [(Path(p.file).name, p.path, p.message) for p in caught.value.problems]
    for file, path, text in EXPECTED:
        assert any(f == file and p == path and text in m for f, p, m in found), (
            f"missing {file}: {path}: {text}\nfound:\n" + "\n".join(map(str, found))
        )
    assert len(found) == len(EXPECTED), "\n".join(map(str, found))


def test_padplanner_check_reports_every_planted_error_and_exits_2(planted, cli):
    code, _, err = cli("check", planted, "--lang", "en")  # the English wording, as above
    assert code == 2
    lines = err.strip().splitlines()
    assert lines[-1] == f"{len(EXPECTED)} problems found"
    for file, path, text in EXPECTED:
        prefix = f"error: {planted / file}: {path}: " if path else f"error: {planted / file}: "
        assert any(line.startswith(prefix) and text in line for line in lines), (file, path, err)
    assert "Traceback" not in err


def test_a_cycle_is_reported_alongside_reference_errors(tmp_path):
    folder = tmp_path / "wi2021"
    shutil.copytree(NATIONAL, folder)
    cycle = CYCLE.replace('requires = ["cyc-a"]', 'requires = ["cyc-a", "cyc-c"]')
    (folder / "cycle.toml").write_text('schema = "padplanner.catalog/1"\n' + cycle)
    with pytest.raises(InputError) as caught:
        load_catalog([folder])
    messages = [p.message for p in caught.value.problems]
    assert any("unknown competency 'cyc-c'" in m for m in messages)
    assert any("cycle-a → cycle-b → cycle-a" in m for m in messages)


def test_a_syntax_error_in_one_file_leaves_the_others_checked(tmp_path):
    folder = tmp_path / "wi2021"
    shutil.copytree(NATIONAL, folder)
    (folder / "broken.toml").write_text("[[module]\n")
    civic = folder / "civic.toml"
    civic.write_text(civic.read_text().replace("hours = 72", "hours = -1"))
    with pytest.raises(InputError) as caught:
        load_catalog([folder])
    problems = caught.value.problems
    assert [Path(p.file).name for p in problems] == ["broken.toml", "civic.toml"]
    assert problems[1].path == "module[0].hours" and "got -1" in problems[1].message


def test_a_bad_intensity_range_is_reported(tmp_path):
    folder = tmp_path / "wi2021"
    shutil.copytree(NATIONAL, folder)
    civic = folder / "civic.toml"
    civic.write_text(civic.read_text().replace("intensity = [2, 6]", "intensity = [6, 2]", 1))
    with pytest.raises(InputError, match=r"module\[1\].intensity: intensity must be \[min, max\]"):
        load_catalog([folder])


def test_an_unknown_competency_in_a_plugin_catalogue_names_its_file(tmp_path):
    extra = tmp_path / "local.toml"
    extra.write_text(
        'schema = "padplanner.catalog/1"\n[[module]]\nid = "local"\ntitle = "Local"\n'
        'kind = "values"\nrequires = ["pvtt"]\ngrants = ["values"]\nhours = 4\n'
        'hours_per_week = 1\nsource = "practice: test"\n'
    )
    with pytest.raises(InputError) as caught:
        load_catalog(overrides=[extra])
    (problem,) = caught.value.problems
    assert problem.file == str(extra) and problem.path == "module[0].requires[0]"
    assert "did you mean pvt?" in problem.message


def test_a_plugin_catalogue_may_override_a_dated_parameter(tmp_path):
    extra = tmp_path / "local.toml"
    extra.write_text(
        'schema = "padplanner.catalog/1"\n[parameter.check_in_weeks]\n'
        'values = [{ from = 2022-01-01, value = 8, source = "policy: test" }]\n'
    )
    catalog = load_catalog(overrides=[extra])
    assert catalog.param("check_in_weeks", date(2025, 1, 1)) == 8


def test_the_national_catalogue_checks_clean(cli):
    code, out, err = cli("check", NATIONAL)
    assert (code, err) == (0, "")
    assert out.startswith("in orde:")


def test_check_knows_a_national_catalogue_by_its_data_not_its_spelling(cli, tmp_path):
    """``[competency."speaking"]`` is the same table as ``[competency.speaking]``: a copy of
    the national catalogue written so is checked as one, not as extensions of itself."""
    copy = tmp_path / "wi2021"
    shutil.copytree(NATIONAL, copy)
    scales = copy / "scales.toml"
    assert "[competency.speaking]" in scales.read_text()
    scales.write_text(
        scales.read_text().replace("[competency.speaking]", '[competency."speaking"]')
    )
    code, out, err = cli("check", copy)
    assert (code, err) == (0, "")
    assert out.startswith("in orde:")


def test_a_file_is_parsed_once_until_it_changes(tmp_path, monkeypatch):
    """A planner loads the national catalogue under every municipality: unchanged files are
    parsed once per process; an edit (even of the same size, within the same clock tick) is
    read, and its problems are reported again on every load."""
    import padplanner.catalog.load as load

    parsed = []
    real = load._parse
    monkeypatch.setattr(
        load, "_parse", lambda path, data: parsed.append(path.name) or real(path, data)
    )
    folder = tmp_path / "wi2021"
    shutil.copytree(NATIONAL, folder)
    civic = folder / "civic.toml"
    first = load_catalog([folder])
    files = len(parsed)
    again = load_catalog([folder])
    assert len(parsed) == files  # nothing parsed twice
    assert again.modules == first.modules
    civic.write_text(civic.read_text().replace("hours = 72", "hours = 73", 1))
    edited = load_catalog([folder])
    assert parsed[files:] == ["civic.toml"]
    assert edited.modules["knm"].hours != first.modules["knm"].hours
    civic.write_text(civic.read_text().replace("hours = 73", "hours = -1", 1))
    for _ in range(2):  # the cached problem is reported on every load
        with pytest.raises(InputError, match="got -1"):
            load_catalog([folder])
