"""A warm handover between two municipalities' databases, and files that must be refused."""

from __future__ import annotations

import json
import os

import pytest
from corehelp import run_padplanner

from padplanner.store import ContactHeld, Decision, open_store

from .conftest import AMAL, NOW, TODAY, date


@pytest.fixture
def sending(tmp_path, planner):
    from padplanner.clientfile import load_client

    url = f"sqlite:///{tmp_path / 'almere.db'}"
    with open_store(url, clock=lambda: NOW) as store:
        amal = load_client(AMAL)
        store.add_person(amal, "j.jansen")
        store.save_plan(amal.id, planner.plan(amal), "j.jansen", "intake", 0)
        store.record_event(amal.id, ContactHeld(date(2025, 10, 1), note="met"), "j.jansen")
        store.decide(amal.id, Decision("route", "b1", "her choice"), "j.jansen")
        store.replan(amal.id, planner, "j.jansen", today=TODAY)
    return url, amal.id


def counts(url: str) -> dict[str, int]:
    from padplanner.store.health import table_counts

    with open_store(url) as store:
        return table_counts(store)


def test_a_warm_handover_carries_plan_history_and_decisions(cli, sending, tmp_path):
    url, person = sending
    target = tmp_path / "handover.json"
    code, _, err = cli("handover", person, "-o", target, "--to", "GM0363", "--db", url)
    assert code == 0, err
    assert target.stat().st_mode & 0o777 == 0o600
    document = json.loads(target.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == ("padplanner.handover", 1)
    with open_store(url) as store:
        assert [e.action for e in store.accesses(person_id=person)] == ["handover"]
        assert store.audit(action="handover-out")[0].detail == "from GM0034 to GM0363"
    receiving = f"sqlite:///{tmp_path / 'amsterdam.db'}"
    code, _, err = cli("person", "import-handover", target, "--db", receiving)
    assert code == 0, err
    with open_store(receiving) as store:
        saved = store.revisions(person)
        assert [r.revision for r in saved] == [1, 2, 3]
        assert saved[-1].plan.municipality == "GM0363"  # replanned under the new rules
        assert saved[-1].reason == "warm handover from GM0034 to GM0363"
        assert [e.event.kind for e in store.events(person)] == ["contact", "moved"]
        assert store.events(person)[0].event.note == "met"
        assert store.decisions(person)[0].decision.reason == "her choice"
        assert store.get_person(person).bsn  # a warm handover registers the person by BSN
        assert store.check() == []
        assert store.audit(action="handover-in")[0].person_id == person
    code, _, err = cli("person", "import-handover", target, "--db", receiving)
    assert code == 2 and "already in this database" in err and "--id" in err


def _tamper(path, change) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda p: p.write_bytes(p.read_bytes()[:-200]), "truncated or damaged"),
        (lambda p: p.write_bytes(b"\xff\xfe" + p.read_bytes()), "not UTF-8"),
        (lambda p: p.write_text("[1, 2]"), "not a padplanner.handover file"),
        (
            lambda p: _tamper(p, lambda d: d["payload"]["person"].update(name="Someone Else")),
            "checksum does not match",
        ),
        (lambda p: _tamper(p, lambda d: d.update(version=2)), "format version 2"),
        (
            lambda p: p.write_bytes(p.read_bytes() + b" " * (16 * 1024 * 1024)),
            "a file is at most 16,384 KiB",
        ),
    ],
)
def test_a_bad_handover_file_is_exit_2_and_nothing_is_written(
    cli, sending, tmp_path, spoil, message
):
    url, person = sending
    target = tmp_path / "handover.json"
    assert cli("handover", person, "-o", target, "--to", "GM0363", "--db", url)[0] == 0
    receiving = f"sqlite:///{tmp_path / 'other.db'}"
    assert cli("db", "init", "--db", receiving)[0] == 0
    before = counts(receiving)
    spoil(target)
    code, out, err = cli("person", "import-handover", target, "--db", receiving)
    assert code == 2, (out, err)
    assert message in err and "Traceback" not in err
    assert counts(receiving) == before


@pytest.mark.parametrize("kind", ["pipe", "device"])
def test_a_pipe_or_a_device_as_handover_file_is_exit_2_at_once(tmp_path, kind):
    """Read as every input file is: only a regular file, without waiting for a writer of a
    pipe or reading a device that never ends."""
    target = tmp_path / "handover.json"
    if kind == "pipe":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    receiving = f"sqlite:///{tmp_path / 'other.db'}"
    result = run_padplanner("person", "import-handover", target, "--db", receiving, timeout=60)
    assert result.returncode == 2, result.stderr
    assert f"error: {target}: is not a regular file" in result.stderr
    assert "nothing was imported" in result.stderr
