"""The store's commands end to end: db, person, progress, replan, history, demo, export."""

from __future__ import annotations

import csv
import json
import os
import stat
from datetime import date

import pytest
from storehelp import AMAL

from padplanner.i18n import texts
from padplanner.store import open_store
from padplanner.store.migrations import HEAD


@pytest.fixture
def db(sqlite_url, monkeypatch):
    monkeypatch.delenv("PADPLANNER_DB", raising=False)
    return sqlite_url


@pytest.fixture
def added(cli, db):
    code, _, err = cli("person", "add", AMAL, "--db", db, "--author", "j.jansen")
    assert code == 0, err
    code, _, err = cli("replan", "demo-0001", "--at", "2025-09-01", "--db", db)
    assert code == 0, err
    return db


def test_db_init_check_backup_restore(cli, db, tmp_path):
    code, out, _ = cli("db", "init", "--db", db)
    assert code == 0 and f"schemaversie {HEAD}" in out  # Dutch unless asked
    code, out, _ = cli("db", "migrate", "--db", db, "--lang", "en")
    assert code == 0 and "nothing to do" in out
    cli("person", "add", AMAL, "--db", db)
    code, out, _ = cli("db", "check", "--db", db, "--lang", "en")
    assert code == 0 and out.startswith("ok:") and "people 1" in out
    code, out, _ = cli("db", "refresh", "--at", "2026-06-01", "--db", db)
    assert code == 0 and out == "het caseloadoverzicht van 1 persoon is bijgewerkt\n"
    backup = tmp_path / "backup.db"
    code, _, err = cli("db", "backup", backup, "--db", db)
    assert code == 0, err
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600
    code, _, err = cli("db", "backup", backup, "--db", db)
    assert code == 2 and "overschrijft er nooit een" in err and "Traceback" not in err
    target = f"sqlite:///{tmp_path / 'restored.db'}"
    code, out, err = cli("db", "restore", backup, "--db", target, "--lang", "en")
    assert code == 0 and "restored 1 person into" in out, err
    code, _, err = cli("db", "restore", backup, "--db", target)
    assert code == 2 and "bevat al personen (1)" in err
    code, _, err = cli("db", "restore", backup, "--db", target, "--force")
    assert code == 0, err
    store = open_store(target)
    assert store.get_person("demo-0001").name == "Amal Haddad"
    assert store.audit(action="restore")
    store.close()


def test_backup_restore_and_forget_speak_dutch_unless_asked(cli, added, tmp_path):
    monday, tuesday = tmp_path / "monday.db", tmp_path / "tuesday.db"
    code, _, err = cli("db", "backup", monday, "--db", added)
    assert code == 0 and err.splitlines() == [
        f"{monday} geschreven",
        "Een back-up bewaart ieders persoonsgegevens tot hij wordt verwijderd; padplanner "
        "person forget noemt de back-ups die iemands gegevens nog bevatten.",
    ]
    code, _, err = cli("db", "backup", tuesday, "--db", added, "--lang", "en")
    assert code == 0 and err.splitlines() == [
        f"wrote {tuesday}",
        "A backup keeps everyone's personal data until it is deleted; padplanner person "
        "forget names the backups that still hold a person.",
    ]
    code, out, err = cli("person", "forget", "demo-0001", "--yes", "--db", added)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[:2] == [
        "demo-0001: naam, BSN, geboortedatum en vrije tekst gewist",
        "2 back-ups bevatten de gegevens van deze persoon nog:",
    ]
    assert lines[-1].startswith("Back-ups bewaren persoonsgegevens tot ze worden verwijderd")
    code, out, err = cli("db", "restore", monday, "--db", added, "--force")
    assert code == 0, err
    assert out.splitlines() == [
        f"1 persoon teruggezet in {added}",
        "van 1 persoon opnieuw gewist: de gegevens zijn gewist nadat de back-up werd gemaakt",
    ]
    code, out, err = cli("db", "restore", tuesday, "--db", added, "--force", "--lang", "en")
    assert code == 0, err
    assert out.splitlines() == [
        f"restored 1 person into {added}",
        "erased 1 person again: their data was erased after the backup was taken",
    ]


def test_db_check_reports_a_tampered_plan(cli, added):
    store = open_store(added)
    with store.write() as conn:
        conn.exec_driver_sql("UPDATE revisions SET plan = replace(plan, 'b1', 'z')")
    store.close()
    code, _, err = cli("db", "check", "--db", added)
    assert code == 1
    assert "demo-0001 revisie 1: het plan klopt niet met zijn controlegetal" in err


def test_restore_refuses_a_file_that_is_not_a_backup(cli, db, tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    code, _, err = cli("db", "restore", bogus, "--db", db)
    assert code == 2 and "bogus.db" in err
    code, _, err = cli("db", "restore", tmp_path / "missing.db", "--db", db)
    assert code == 2 and "bestand niet gevonden" in err


def test_person_add_list_show(cli, added):
    code, out, _ = cli("person", "list", "--db", added, "--json")
    data = json.loads(out)
    assert data["schema"] == "padplanner.caseload/1" and data["total"] == 1
    (row,) = data["people"]
    assert row["id"] == "demo-0001" and row["revision"] == 1 and row["route"] == "b1"
    code, out, _ = cli("person", "list", "--db", added, "--search", "haddad")
    assert code == 0 and "Amal Haddad" in out
    deadline = date.fromisoformat(row["deadline"])  # the end of the term as Dutch writes it
    assert f" {texts('nl').short_date(deadline)} " in out and row["deadline"] not in out
    code, out, _ = cli("person", "list", "--db", added, "--lang", "en")
    assert f" {texts('en').short_date(deadline)} " in out
    code, out, _ = cli("person", "show", "demo-0001", "--db", added)
    assert code == 0 and "*****6758" in out and "249566758" not in out
    assert "planrevisie 1" in out
    code, out, _ = cli("person", "show", "demo-0001", "--db", added, "--bsn")
    assert 'bsn = "249566758"' in out
    code, out, _ = cli("person", "show", "demo-0001", "--db", added, "--json")
    assert json.loads(out)["revision"] == 1


def test_person_add_json_intake(cli, db, tmp_path):
    intake = tmp_path / "p.json"
    intake.write_text(
        json.dumps(
            {
                "id": "json-1",
                "birth_date": "1990-01-01",
                "municipality": "GM0034",
                "term_start": "2025-09-01",
                "weekly_hours": 12,
            }
        )
    )
    code, _, err = cli("person", "add", intake, "--db", db)
    assert code == 0, err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('id = "x"\n# ' + "A" * 1_100_000 + "\n", "een bestand is hier hoogstens 1.024 KiB"),
        ("this is not toml", "geen geldige TOML"),
        (AMAL.read_text().replace("249566758", "123456789"), "elfproef"),
        (AMAL.read_text().replace("2025-09-01", "1900-09-01"), "valt buiten het bereik"),
        (AMAL.read_text().replace("Amal Haddad", "Amal\\u0000Haddad"), "stuurtekens"),
    ],
)
def test_person_add_refuses_bad_files_and_changes_nothing(cli, db, tmp_path, content, message):
    bad = tmp_path / "bad.toml"
    bad.write_text(content)
    code, out, err = cli("person", "add", bad, "--db", db)
    assert code == 2 and message in err and "Traceback" not in err
    code, out, _ = cli("person", "list", "--db", db, "--json")
    assert json.loads(out)["total"] == 0


def test_progress_replan_history(cli, added):
    steps = [
        ("hours", "nt2-a0-a1", "12", "--on", "2025-10-06"),
        ("exam", "reading", "A2", "--on", "2025-12-01"),
        ("completed", "pvt", "--on", "2025-12-02"),
        ("contact", "--on", "2025-12-03", "--note", "goes well"),
        ("extension", "--cause", "birth", "--on", "2025-12-04"),
        ("placement", "start", "logistics", "--on", "2025-12-05"),
        ("job", "start", "logistics", "--path-hours", "8", "--on", "2025-12-08"),
    ]
    for step in steps:
        code, out, err = cli("progress", "demo-0001", *step, "--db", added)
        assert code == 0, (step, err)
    store = open_store(added)
    kinds = [e.event.kind for e in store.events("demo-0001")]
    assert kinds == [
        "hours",
        "exam",
        "completed",
        "contact",
        "extension",
        "placement-started",
        "job-started",
    ]
    now = store.current_client("demo-0001")
    assert now.progress.extensions_weeks == 16 and now.weekly_hours == 8
    store.close()
    code, out, _ = cli("progress", "demo-0001", "--at", "2026-01-05", "--db", added, "--json")
    report = json.loads(out)
    assert report["today"] == "2026-01-05" and report["revision"] == 1
    assert report["last_contact"] == "2025-12-03"
    code, out, err = cli("replan", "demo-0001", "--at", "2026-01-05", "--db", added)
    assert code in (0, 3) and "revisie 2" in out, err
    code, out, _ = cli("history", "demo-0001", "--db", added)
    assert "revisie 1 → 2:" in out and "peildatum: 1 september 2025 → 5 januari 2026" in out
    code, out, _ = cli("history", "demo-0001", "1", "2", "--db", added, "--json")
    history = json.loads(out)
    assert [r["revision"] for r in history["revisions"]] == [1, 2]
    assert history["diff"]["changes"]
    code, out, _ = cli("history", "demo-0001", "2", "--db", added)
    assert "revisie 2 → 1:" in out
    code, _, err = cli("history", "demo-0001", "1", "9", "--db", added)
    assert code == 2 and "geen revisie 9" in err


def test_progress_refuses_bad_input(cli, added):
    for args, message in [
        (("hours", "nt2-a0-a1", "many"), "hours"),
        (("hours", "x'; DROP TABLE events;--", "3"), "geen module-id"),
        (("exam", "reading", "Z9"), "geen ERK-niveau"),
        (("contact", "--on", "31-12-2025"), "geen datum"),
        (("contact", "--on", "2250-01-01"), "valt buiten het bereik"),
        (("completed", "knmm"), "bedoelt u knm"),
        (("job", "start"), "sector"),
    ]:
        code, _, err = cli("progress", "demo-0001", *args, "--db", added)
        assert code == 2 and message in err, (args, err)
    code, _, err = cli("progress", "nobody", "contact", "--db", added)
    assert code == 2 and "deze persoon staat niet in de database" in err
    store = open_store(added)
    assert store.events("demo-0001") == []
    store.close()


def test_moved_keeps_the_route(cli, added):
    code, out, err = cli(
        "progress", "demo-0001", "moved", "GM0363", "--on", "2026-01-05", "--db", added
    )
    assert code == 0 and "planrevisie 2" in out, err
    store = open_store(added)
    latest = store.revisions("demo-0001")[-1]
    assert latest.plan.municipality == "GM0363" and latest.plan.route.id == "b1"
    store.close()


def test_decide_then_replan(cli, added):
    code, _, err = cli("decide", "demo-0001", "route", "z", "--db", added)
    assert code == 2 and "reason" in err
    code, _, err = cli(
        "decide", "demo-0001", "route", "z", "--reason", "LBT low; intake agrees", "--db", added
    )
    assert code == 0, err
    code, out, err = cli("replan", "demo-0001", "--at", "2025-10-01", "--db", added)
    assert "z-route" in out, err


def test_forget_erases_personal_data(cli, added):
    code, _, err = cli("person", "forget", "demo-0001", "--db", added)
    assert code == 2 and "bevestig met --yes" in err  # no terminal to ask
    code, out, err = cli("person", "forget", "demo-0001", "--db", added, "--yes")
    assert code == 0, err
    code, out, _ = cli("person", "show", "demo-0001", "--db", added, "--bsn")
    assert "Amal" not in out and "249566758" not in out and "1996-07-01" in out


def test_demo_and_exports(cli, db, tmp_path):
    code, out, err = cli("demo", "--size", "25", "--seed", "3", "--db", db)
    assert code == 0 and "25 synthetische personen toegevoegd" in out, err
    code, out, _ = cli("person", "list", "--db", db, "--json", "--limit", "5")
    data = json.loads(out)
    assert data["total"] == 25 and all(p["revision"] >= 1 for p in data["people"])
    first = data["people"][0]["id"]
    code, out, err = cli("export", first, "--format", "json", "--db", db)
    assert code == 0 and json.loads(out)["client"] == first, err
    code, out, err = cli("export", "plan", first, "-f", "md", "--db", db)
    assert code == 0 and out.startswith("#"), err
    target = tmp_path / "research.csv"
    code, _, err = cli("export", "research", "-o", target, "--db", db)
    assert code == 0, err
    rows = list(csv.DictReader(target.open()))
    assert len(rows) == 25
    text = target.read_text()
    store = open_store(db)
    for person in store.list_people(limit=25):
        assert person.name not in text and person.id not in text
    store.close()
    code, _, err = cli("export", "research", "-o", tmp_path / "r.xml", "-f", "xml", "--db", db)
    assert code == 2
    code, _, err = cli("demo", "--size", "25", "--seed", "3", "--db", db)
    assert code == 2 and "already holds" in err
    code, _, err = cli("demo", "--size", "0", "--db", db)
    assert code == 2


def test_export_of_someone_without_a_plan(cli, db):
    cli("person", "add", AMAL, "--db", db)
    code, _, err = cli("export", "demo-0001", "--db", db)
    assert code == 2 and "nog geen plan" in err


def test_database_errors_are_clear(cli, tmp_path):
    code, _, err = cli("person", "list", "--db", "nonsense://")
    assert code == 2 and "error:" in err and "Traceback" not in err
    code, _, err = cli("person", "list", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/x")
    assert code == 2 and "kan niet openen" in err


def test_progress_and_person_speak_the_language_asked(cli, added):
    code, out, _ = cli("progress", "demo-0001", "--at", "2026-01-05", "--db", added)
    assert code == 0 and "planrevisie 1" in out and "risico: " in out
    code, out, _ = cli("progress", "demo-0001", "--at", "2026-01-05", "--db", added, "--lang", "en")
    assert code == 0 and "plan revision 1" in out and "risk: " in out
    code, out, _ = cli("person", "show", "demo-0001", "--db", added, "--lang", "en")
    assert code == 0 and "# plan revision 1: b1-route" in out
    code, _, err = cli("person", "list", "--db", added, "--lang", "en")
    assert code == 0 and "1 of 1 people" in err
    code, out, _ = cli("progress", "demo-0001", "--lang", "en", "contact", "--db", added)
    assert code == 0 and "demo-0001: recorded contact on " in out
    code, out, _ = cli("progress", "demo-0001", "contact", "--db", added)
    assert code == 0 and "demo-0001: contact vastgelegd op " in out
    code, out, _ = cli("replan", "demo-0001", "--db", added, "--lang", "en")
    assert code in (0, 3) and "demo-0001: revision 2, b1-route, completion " in out
