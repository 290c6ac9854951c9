"""padplanner import: a caseload export in, every person added or updated and planned, or
nothing written at all; every bad row named by row and column with the fix."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from importhelp import GOOD, HEADER, MAPPING, SAMPLE, changed, csv_text, write_csv
from storehelp import counts

from padplanner.importer.mapping import load_mapping
from padplanner.importer.run import run_import
from padplanner.store import open_store

TODAY = date(2026, 10, 1)


def _import(store, path, planner, **options):
    cmap = load_mapping(MAPPING.read_bytes(), "mapping.toml")
    return run_import(store, path, cmap, planner, today=TODAY, author="importer", **options)


def test_a_good_file_adds_and_plans_everyone_in_one_go(store, planner, tmp_path):
    report = _import(store, write_csv(tmp_path, GOOD), planner)
    assert report.ok and report.written
    assert report.counts == {"added": 3, "updated": 0, "unchanged": 0, "refused": 0}
    assert [r.person_id for r in report.rows] == ["INB-1", "INB-2", "INB-3"]
    bilal = store.get_person("INB-2")
    assert (bilal.literacy, bilal.learnability, bilal.aim) == ("none", "low", "participation")
    assert bilal.availability.childcare_needed is True
    assert bilal.birth_date == date(1985, 7, 15)
    rows = _assigned(store)
    for person_id, counsellor in (("INB-1", "k.devries"), ("INB-2", "m.bakker")):
        (first,) = store.revisions(person_id)
        assert first.revision == 1 and first.author == "importer"
        assert first.plan.reference_date == TODAY
        assert rows[person_id] == counsellor
    actions = [(e.action, e.person_id) for e in store.audit(actor="importer")]
    assert ("import", None) in actions
    assert {p for a, p in actions if a == "create"} == {"INB-1", "INB-2", "INB-3"}
    assert "999990019" not in json.dumps([e.detail for e in store.audit()])


def _assigned(store) -> dict[str, str | None]:
    from sqlalchemy import select

    from padplanner.store.schema import people

    with store.read() as conn:
        return dict(conn.execute(select(people.c.id, people.c.counsellor)).all())


def test_a_row_naming_another_counsellor_hands_the_person_over(store, planner, tmp_path):
    _import(store, write_csv(tmp_path, GOOD), planner)
    rows = [changed(GOOD[0], "Klantmanager", "r.jansen"), *GOOD[1:]]
    report = _import(store, write_csv(tmp_path, rows), planner)
    assert [r.action for r in report.rows] == ["updated", "unchanged", "unchanged"]
    assert _assigned(store)["INB-1"] == "r.jansen"
    assert [r.revision for r in store.revisions("INB-1")] == [1]  # the plan did not change
    assert "k.devries -> r.jansen" in store.audit(person_id="INB-1", action="assign")[0].detail


def test_importing_again_updates_and_never_duplicates(store, planner, tmp_path):
    _import(store, write_csv(tmp_path, GOOD), planner)
    before = counts(store)
    again = _import(store, write_csv(tmp_path, GOOD), planner)
    assert again.counts["unchanged"] == 3 and again.written
    after = counts(store)
    assert after["people"] == before["people"] == 3
    assert after["revisions"] == before["revisions"]
    rows = [changed(GOOD[0], "Uren per week", "20"), *GOOD[1:]]
    third = _import(store, write_csv(tmp_path, rows), planner)
    assert [r.action for r in third.rows] == ["updated", "unchanged", "unchanged"]
    assert store.get_person("INB-1").weekly_hours == 20
    assert [r.revision for r in store.revisions("INB-1")] == [1, 2]
    assert "import" in store.revisions("INB-1")[1].reason
    assert counts(store)["people"] == 3


def test_a_dry_run_reports_every_row_and_writes_nothing(store, planner, tmp_path):
    before = counts(store)
    report = _import(store, write_csv(tmp_path, GOOD), planner, dry_run=True)
    assert report.counts["added"] == 3 and not report.written
    assert counts(store) == before


BAD_ROWS = [
    ("unknown value", changed(GOOD[1], "Alfa: ja/nee", "misschien"), "Alfa: ja/nee", "misschien"),
    ("bad date", changed(GOOD[1], "Geboortedatum", "31-02-1985"), "Geboortedatum", "31-02-1985"),
    ("bsn", changed(GOOD[1], "BSN", "999990018"), "BSN", "eleven-test"),
    ("duplicate", changed(GOOD[1], "Dossiernummer", "INB-1"), "Dossiernummer", "row 2"),
    ("duplicate bsn", changed(GOOD[1], "BSN", GOOD[0][2]), "BSN", "row 2"),
    ("not a number", changed(GOOD[1], "Uren per week", "veel"), "Uren per week", "veel"),
    ("missing value", changed(GOOD[1], "Start termijn", ""), "Start termijn", "empty"),
    ("bad id", changed(GOOD[1], "Dossiernummer", "INB 2/x"), "Dossiernummer", "INB 2/x"),
    ("too old", changed(GOOD[1], "Geboortedatum", "01-01-1900"), "Geboortedatum", "age"),
]


@pytest.mark.parametrize("what,row,column,says", BAD_ROWS, ids=[b[0] for b in BAD_ROWS])
def test_every_bad_row_is_exit_2_naming_row_and_column_and_nothing_is_written(
    cli, sqlite_url, tmp_path, what, row, column, says
):
    path = write_csv(tmp_path, [GOOD[0], row, GOOD[2]])
    code, out, _ = cli("import", path, "-m", MAPPING, "--db", sqlite_url, "--lang", "en")
    assert code == 2
    refused = [line for line in out.splitlines() if line.startswith("row 3 ")]
    assert refused and "refused" in refused[0], out
    problem = out.split(refused[0], 1)[1].splitlines()[1]
    assert f"column '{column}'" in problem and says.lower() in problem.lower()
    assert "Nothing was imported: 1 row refused." in out
    with open_store(sqlite_url) as store:
        assert store.count_people() == 0
        assert not [e for e in store.audit() if e.action in ("create", "import")]


def test_skip_bad_takes_the_good_rows(cli, sqlite_url, tmp_path):
    rows = [GOOD[0], changed(GOOD[1], "Alfa: ja/nee", "misschien"), GOOD[2]]
    code, out, _ = cli(
        "import", write_csv(tmp_path, rows), "-m", MAPPING, "--db", sqlite_url, "--skip-bad",
        "--json",
    )  # fmt: skip
    assert code == 0
    report = json.loads(out)
    assert report["counts"] == {"added": 2, "updated": 0, "unchanged": 0, "refused": 1}
    (bad,) = [r for r in report["rows"] if r["action"] == "refused"]
    assert bad["row"] == 3 and bad["problems"][0]["column"] == "Alfa: ja/nee"
    assert bad["problems"][0]["code"] == "unknown"
    with open_store(sqlite_url) as store:
        assert {r.id for r in store.list_people()} == {"INB-1", "INB-3"}


def test_a_missing_column_names_the_header_row_and_the_column(cli, sqlite_url, tmp_path):
    header = [h if h != "Geboortedatum" else "Geb. datum" for h in HEADER]
    path = write_csv(tmp_path, GOOD, header)
    code, out, _ = cli("import", path, "-m", MAPPING, "--db", sqlite_url, "--lang", "en")
    assert code == 2
    assert "row 1: column 'Geboortedatum': is not in the file's header" in out
    assert "Geb. datum" in out  # what was found instead
    with open_store(sqlite_url) as store:
        assert store.count_people() == 0


@pytest.mark.parametrize(
    "name,content,says",
    [
        ("empty.csv", b"", "is empty"),
        ("blank.csv", b"\n\n  \n", "is empty"),
        ("header-only.csv", csv_text([]).encode(), "no people under it"),
        ("picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("latin1.csv", csv_text(GOOD).replace("Amal", "Amél").encode("cp1252"), "UTF-8"),
        ("fake.xlsx", b"this is not a workbook", "not an xlsx workbook"),
        ("notes.pdf", b"%PDF-1.4", "not a .csv or .xlsx file"),
    ],
)
def test_a_file_that_is_not_a_caseload_export_is_exit_2(
    cli, sqlite_url, tmp_path, name, content, says
):
    path = tmp_path / name
    path.write_bytes(content)
    code, _, err = cli("import", path, "-m", MAPPING, "--db", sqlite_url)
    assert code == 2 and says in err and "Traceback" not in err
    assert err.startswith(f"error: {name}")
    assert not (tmp_path / "caseload.db").exists()  # the database was not even made


def test_a_folder_or_a_device_is_refused(cli, sqlite_url, tmp_path):
    code, _, err = cli("import", tmp_path, "-m", MAPPING, "--db", sqlite_url)
    assert code == 2 and "folder" in err
    code, _, err = cli("import", "/dev/zero", "-m", MAPPING, "--db", sqlite_url)
    assert code == 2


def _xlsx(tmp_path, rows, formula_at=None):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append([int(v) if v.isdigit() and len(v) < 4 else v for v in row])
    if formula_at is not None:
        sheet.cell(row=formula_at[0], column=HEADER.index(formula_at[1]) + 1, value="=10+6")
    path = tmp_path / "export.xlsx"
    book.save(path)
    return path


def test_an_xlsx_export_imports_like_the_csv(store, planner, tmp_path):
    report = _import(store, _xlsx(tmp_path, GOOD), planner)
    assert report.counts["added"] == 3
    assert store.get_person("INB-1").weekly_hours == 16


def test_a_formula_cell_is_refused_not_evaluated(cli, sqlite_url, tmp_path):
    path = _xlsx(tmp_path, GOOD, formula_at=(3, "Uren per week"))
    code, out, _ = cli("import", path, "-m", MAPPING, "--db", sqlite_url, "--lang", "en")
    assert code == 2
    assert "column 'Uren per week': is a formula (=10+6)" in out
    assert "row 3  INB-2  refused" in out or "row 3  -  refused" in out
    with open_store(sqlite_url) as store:
        assert store.count_people() == 0


def test_an_erased_person_is_not_imported_again(store, planner, tmp_path):
    _import(store, write_csv(tmp_path, GOOD), planner)
    store.forget("INB-2", "tester")
    report = _import(store, write_csv(tmp_path, GOOD), planner)
    (row,) = [r for r in report.rows if r.person_id == "INB-2"]
    assert row.action == "refused" and row.problems[0].key == "import.problem.erased"
    assert not report.written


def test_the_report_speaks_dutch_by_default(cli, sqlite_url, tmp_path):
    code, out, _ = cli("import", write_csv(tmp_path, GOOD), "-m", MAPPING, "--db", sqlite_url)
    assert code == 0
    assert "rij 2  INB-1  toegevoegd" in out
    assert "3 toegevoegd, 0 bijgewerkt, 0 ongewijzigd, 0 geweigerd" in out


@pytest.mark.parametrize(
    "mapping,where",
    [
        ('schema = "padplanner.mapping/1"\n[columns]\nname = "Naam"\n', "columns.dossier"),
        (
            'schema = "padplanner.mapping/1"\n[columns]\ndossier = "D"\nbirth_dte = "G"\n',
            "columns.birth_dte: 'birth_dte' is geen veld dat padplanner leest (bedoelt u birth_date?)",
        ),
        (
            'schema = "padplanner.mapping/1"\n[columns]\ndossier = "D"\n'
            '[values.literacy]\nja = "yes"\n',
            "values.literacy.ja",
        ),
        ('schema = "padplanner.mapping/2"\n', "schema"),
        ("not toml = = 1", "geen geldige TOML"),
    ],
)
def test_a_bad_mapping_is_exit_2_with_the_key_and_the_fix(
    cli, sqlite_url, tmp_path, mapping, where
):
    path = tmp_path / "map.toml"
    path.write_text(mapping)
    code, _, err = cli("import", write_csv(tmp_path, GOOD), "-m", path, "--db", sqlite_url)
    assert code == 2 and where in err and err.startswith("error: map.toml")


def test_the_sample_export_is_what_its_script_writes_and_imports(cli, sqlite_url):
    import runpy

    script = runpy.run_path(str(SAMPLE / "make_sample.py"))
    assert (SAMPLE / "caseload.csv").read_bytes() == script["csv_text"]().encode("utf-8")
    code, out, _ = cli(
        "import", SAMPLE / "caseload.csv", "-m", MAPPING, "--db", sqlite_url, "--json"
    )
    assert code == 0, out
    assert json.loads(out)["counts"]["added"] == 250
    xlsx = io.BytesIO(script["xlsx_bytes"]())
    from openpyxl import load_workbook

    assert load_workbook(xlsx).active.max_row == 251


def test_a_change_by_someone_else_while_it_ran_refuses_the_whole_import(
    store, planner, tmp_path, monkeypatch
):
    from padplanner.errors import InputError
    from padplanner.store import intake_import

    prepare = intake_import.prepare

    def meanwhile(core, incoming, planner, today):
        prepared = prepare(core, incoming, planner, today)
        core.add_person(incoming[1].client, "someone")  # INB-2, added by hand meanwhile
        return prepared

    monkeypatch.setattr(intake_import, "prepare", meanwhile)
    with pytest.raises(InputError) as caught:
        _import(store, write_csv(tmp_path, GOOD), planner)
    assert "nothing was saved" in str(caught.value.problems[0].message)
    assert {p.id for p in store.list_people()} == {"INB-2"}  # the one added by hand, no other
    assert store.revisions("INB-2") == []
    assert not [e for e in store.audit() if e.actor == "importer"]


def test_a_counsellor_from_the_defaults_must_be_a_registered_user(store, planner, tmp_path):
    from sqlalchemy import insert

    from padplanner.store.schema import users

    text = MAPPING.read_text().replace('counsellor = "Klantmanager"\n', "")
    text += '\n[defaults]\ncounsellor = "s.smit"\n'
    cmap = load_mapping(text.encode(), "mapping.toml")
    header = [h for h in HEADER if h != "Klantmanager"]
    rows = [r[: HEADER.index("Klantmanager")] for r in GOOD]
    path = write_csv(tmp_path, rows, header)
    report = run_import(store, path, cmap, planner, today=TODAY, author="importer")
    assert report.counts["added"] == 3
    assert set(_assigned(store).values()) == {"s.smit"}
    with store.write() as conn:  # a database with registered users, s.smit not among them
        conn.execute(
            insert(users).values(
                name="k.devries", role="counsellor", team="default", created_at=store.now()
            )
        )
    again = run_import(
        store, write_csv(tmp_path, [changed(GOOD[0], "Uren per week", "20")[:-1]], header),
        cmap, planner, today=TODAY, author="importer", dry_run=True,
    )  # fmt: skip
    (row,) = again.rows
    assert row.action == "refused" and row.problems[0].field == "counsellor"
    assert row.problems[0].column == ""
    from padplanner.importer.report import to_text

    assert "    counsellor (default from the mapping): " in to_text(again, "en")
