"""``padplanner cohort ...``: outputs, determinism, capacity files and bad input."""

from __future__ import annotations

import json
import re

import pytest

from padplanner.cli import main


@pytest.fixture
def cli(capsys):
    def run(*argv):
        capsys.readouterr()
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_simulate_prints_the_side_by_side_table_and_writes_html(cli, tmp_path, municipal_plugins):
    target = tmp_path / "report.html"
    code, out, err = cli(
        "cohort", "simulate", "--size", 80, "--municipality", "GM9901",
        "--policy", "municipal", "--policy", "everyone", "-o", target,
    )  # fmt: skip
    assert code == 0, err
    header = next(line for line in out.splitlines() if "as-planned" in line)
    assert header.split() == ["as-planned", "municipal", "everyone"]
    for label in ("Klaar binnen de termijn", "Boetes op het spel", "Wachten op een jobcoach"):
        assert label in out  # Dutch by default
    assert "Bewust niet gebruikt: nationality, country_of_birth, ethnicity, religion" in out
    assert ", peildatum 5 januari 2026" in out.splitlines()[0]
    html = target.read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html><html lang="nl">') and html.count("<svg") == 5
    assert "<script" not in html and not re.search(r'(src|href)="(https?:)?//', html)
    for field in ("nationality", "country_of_birth", "home_language", "religion"):
        assert field in html
    assert "Wie valt af: aandelen per groep" in html and "Peildatum 5 januari 2026." in html
    assert f"{target} geschreven" in err


def test_the_cohort_report_in_english(cli, tmp_path):
    target = tmp_path / "report.html"
    code, out, err = cli(
        "cohort", "simulate", "--size", 40, "--municipality", "GM0034",
        "--policy", "everyone", "--lang", "en", "-o", target,
    )  # fmt: skip
    assert code == 0, err
    for label in ("Finish within the term", "Fines at stake", "Waiting for a job coach"):
        assert label in out
    assert "Deliberately not used: nationality, country_of_birth, ethnicity, religion" in out
    assert re.search(r"Budget €[\d,]+ a year", out)
    assert ", reference date 5 January 2026" in out.splitlines()[0]
    html = target.read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html><html lang="en">')
    assert "Who is left out: rates per group" in html and "Reference date 5 January 2026." in html
    assert "planned and projected 40 people under 1 policies" in err


def test_the_same_seed_gives_the_same_numbers(cli, tmp_path, municipal_plugins):
    args = ["cohort", "simulate", "--size", 120, "--seed", 5, "--municipality", "GM9901"]
    runs = []
    for name in ("a.json", "b.json"):
        code, _, err = cli(
            *args, "--policy", "municipal", "--policy", "everyone", "-o", tmp_path / name
        )
        assert code == 0, err
        runs.append(json.loads((tmp_path / name).read_text()))
    assert runs[0] == runs[1]
    assert runs[0]["schema"] == "padplanner.cohort/1"
    assert [c["name"] for c in runs[0]["columns"]] == ["as-planned", "municipal", "everyone"]
    code, _, _ = cli(*args[:-4], "--seed", 6, "--municipality", "GM9901", "--policy", "municipal",
                     "--policy", "everyone", "-o", tmp_path / "c.json")  # fmt: skip
    other = json.loads((tmp_path / "c.json").read_text())
    assert other["columns"][1]["projection"] != runs[0]["columns"][1]["projection"]


def test_capacity_options_and_files_are_used_and_recorded(cli, tmp_path):
    file = tmp_path / "caps.toml"
    file.write_text(
        'schema = "padplanner.capacity/1"\nbudget_eur = 900000\ncoaches = 2\n'
        '[groups]\n"nt2-a1-a2" = 3\n'
    )
    code, out, err = cli(
        "cohort", "simulate", "--size", 60, "--municipality", "GM0034", "--policy", "fifo",
        "--capacity", file, "--coaches", 3, "-f", "json",
    )  # fmt: skip
    assert code == 0, err
    caps = json.loads(out)["capacities"]
    assert caps["budget_eur_per_year"] == 900_000 and caps["coaches"] == 3
    assert caps["seats"]["nt2-a1-a2"] == 3 * 14
    assert str(file) in caps["sources"]["budget_eur"]
    assert "command-line option" in caps["sources"]["coaches"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--municipality", "Almere"], "--municipality: 'Almere' is geen CBS-gemeentecode"),
        (["--municipality", "GM0363", "--policy", "proefstad-30"], "policy of GM9901, not GM0363"),
        (["--municipality", "GM0034", "--policy", "nobody"], "unknown policy 'nobody'"),
        (["--municipality", "GM0034", "--policy", "fifo", "--policy", "fifo"], "twee keer"),
        (
            ["--municipality", "GM0034", "--format", "pdf"],
            "'pdf' is niet een van: text, json, html",
        ),
        (["--municipality", "GM0034", "--start", "soon"], "'soon' is geen datum"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(cli, municipal_plugins, argv, message):
    code, _, err = cli("cohort", "simulate", "--size", 5, *argv)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_a_bad_capacity_file_names_file_key_and_fix(cli, tmp_path):
    file = tmp_path / "caps.toml"
    file.write_text(
        'schema = "padplanner.capacity/1"\ncoaches = -1\nbudjet_eur = 5\n[groups]\n"nt2-a1-b2" = 1\n'
    )
    code, _, err = cli(
        "cohort", "simulate", "--size", 5, "--municipality", "GM0034", "--capacity", file
    )
    assert code == 2
    assert f"{file}: coaches: verwacht een geheel getal van minstens 0, niet -1" in err
    assert f"{file}: budjet_eur: onbekend veld 'budjet_eur' (bedoelt u budget_eur?)" in err
    assert f"{file}: groups.nt2-a1-b2: onbekende module 'nt2-a1-b2' (bedoelt u " in err
    code, _, err = cli(
        "cohort", "simulate", "--size", 5, "--municipality", "GM0034", "--capacity", file,
        "--lang", "en",
    )  # fmt: skip
    assert code == 2
    assert f"{file}: coaches: expected a whole number >= 0, got -1" in err
    assert f"{file}: budjet_eur: unknown key 'budjet_eur' (did you mean budget_eur?)" in err
    assert f"{file}: groups.nt2-a1-b2: unknown module 'nt2-a1-b2' (did you mean " in err


def test_cohort_plan_tells_everyone_when_and_why(cli, municipal_plugins):
    code, out, err = cli(
        "cohort", "plan", "--size", 60, "--municipality", "GM9901", "--policy", "municipal",
        "--groups", 1, "--budget", 400000,
    )  # fmt: skip
    assert code == 0, err
    lines = [line for line in out.splitlines() if re.match(r"\s+\d+\s+demo-", line)]
    assert len(lines) == 60
    assert any("weken later dan gepland" in line for line in lines)  # said in Dutch
    assert len(re.findall(r"voorrang: \d+ h a week", out)) == 60  # the municipality's reason
    seats = next(line for line in out.splitlines() if line.startswith("Plekken per cursusstart"))
    assert "Kennis van de Nederlandse Maatschappij (KNM) " in seats and "knm " not in seats
    columns = [line[:44] for line in lines]  # place, id, intensive, finished, later
    assert not re.search(r"\d{4}-\d\d-\d\d", "\n".join(columns))  # finished: "12 jul 2027"
    months = "jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec"
    finished = [c for c in columns if re.search(rf" \d{{1,2}} ({months}) \d{{4}} ", c)]
    assert len(finished) > 50, columns


def test_a_synthetic_cohort_lives_where_the_plugins_or_the_configuration_say(
    cli, municipal_plugins, monkeypatch
):
    """Without --municipality: PADPLANNER_MUNICIPALITY, else the first municipality an
    installed plugin serves; no code of the core's own."""
    monkeypatch.delenv("PADPLANNER_MUNICIPALITY", raising=False)
    code, out, err = cli("cohort", "plan", "--size", 8, "--policy", "fifo", "-f", "json")
    assert code == 0, err
    assert json.loads(out)["municipality"] == "GM9901"  # the test plugins serve GM9901, GM9902
    monkeypatch.setenv("PADPLANNER_MUNICIPALITY", "GM0363")
    code, out, err = cli("cohort", "plan", "--size", 8, "--policy", "fifo", "-f", "json")
    assert code == 0, err
    assert json.loads(out)["municipality"] == "GM0363"
    monkeypatch.setenv("PADPLANNER_MUNICIPALITY", "Almere")
    code, _, err = cli("cohort", "plan", "--size", 8, "--policy", "fifo")
    assert code == 2 and "PADPLANNER_MUNICIPALITY" in err and "'Almere'" in err


def test_cohort_plan_reads_the_active_people_of_the_store(cli, tmp_path):
    from padplanner.store import open_store
    from padplanner.store.demo_fill import fill_demo

    url = f"sqlite:///{tmp_path / 'cases.db'}"
    store = open_store(url)
    fill_demo(store, 12, seed=2)
    codes = store.municipalities()
    code, out, err = cli("cohort", "plan", "--db", url, "--municipality", codes[0], "-f", "json",
                         "--at", "2026-01-05", "--policy", "fifo")  # fmt: skip
    doc = json.loads(out)
    active = [
        row.id
        for row in store.list_people(municipality=codes[0], limit=100)
        if row.phase not in ("finished", "ended")
    ]
    placed = doc["columns"][1]["placements"]
    skipped = [s["id"] for s in doc["cohort"]["skipped"]]
    assert sorted([p["id"] for p in placed] + skipped) == sorted(active)
    assert placed and all(p["reason"]["text"] for p in placed)
    assert doc["kind"] == "plan" and doc["reference_date"] == "2026-01-05"
    if len(codes) > 1:
        code, _, err = cli("cohort", "plan", "--db", url)
        assert code == 2 and "noem er één" in err


def test_policies_lists_every_policy(cli, municipal_plugins):
    """The national policies and those the installed plugins offer."""
    code, out, _ = cli("cohort", "policies")
    assert code == 0
    for name in ("fifo", "proefstad-30 (alleen GM9901)", "everyone", "municipal"):
        assert name in out


def test_policies_are_titled_in_the_readers_language_from_the_catalogues(cli, municipal_plugins):
    """A policy's title and description come from the catalogues' word tables, the plugin's
    own policy from the plugin's catalogue: Dutch by default, English on request."""
    code, out, _ = cli("cohort", "policies")
    assert code == 0
    assert "proefstad-30 (alleen GM9901): Proefstad: intensieve bemiddeling voor 30 %" in out
    assert "fifo: Wie eerst komt, eerst maalt (landelijke standaard)" in out
    assert "de eerste 30 % krijgt intensieve bemiddeling" in out
    code, out, _ = cli("cohort", "policies", "--lang", "en")
    assert "proefstad-30 (only GM9901): Proefstad: intensive mediation for 30 %" in out
    assert "fifo: First come, first served (national default)" in out


def test_the_report_names_each_policy_in_the_readers_language(cli, municipal_plugins, tmp_path):
    argv = ["cohort", "simulate", "--size", 20, "--municipality", "GM9901"]
    argv += ["--policy", "proefstad-30", "--policy", "fifo", "--format", "json"]
    code, out, err = cli(*argv)
    assert code == 0, err
    column = json.loads(out)["columns"][1]
    assert column["words"]["nl"]["title"] == "Proefstad: intensieve bemiddeling voor 30 %"
    assert column["words"]["en"]["title"] == "Proefstad: intensive mediation for 30 %"
    code, text, _ = cli(*argv[:-2])
    assert "proefstad-30: Proefstad: intensieve bemiddeling voor 30 %" in text
    code, text, _ = cli(*argv[:-2], "--lang", "en")
    assert "proefstad-30: Proefstad: intensive mediation for 30 %" in text
