"""Backups that fail, are killed or are aimed at the wrong file leave nothing behind."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from storehelp import AMAL

from padplanner.store import open_store
from padplanner.store.demo_fill import fill_demo
from padplanner.store.restore import restore

ROOT = Path(__file__).resolve().parents[2]

# Runs ``padplanner db backup`` and kills it with SIGKILL while it writes the copy: when the
# store's backup module calls SQLite's backup, a thread kills the process as soon as a file in
# the target's folder passes 64 KiB (or, if the copy is done first, as the call returns).
KILLER = """
import os, signal, sys, threading
from pathlib import Path
from padplanner.cli import main

folder = Path(sys.argv[-3]).parent

def kill(*_):
    os.kill(os.getpid(), signal.SIGKILL)

def watch():
    while True:
        for entry in os.scandir(folder):
            if entry.stat().st_size > 65536:
                kill()

def hook(frame, event, arg):
    if event not in ("c_call", "c_return") or getattr(arg, "__name__", "") != "backup":
        return
    if frame.f_code.co_filename.endswith("store/backup.py"):
        if event == "c_call":
            threading.Thread(target=watch, daemon=True).start()
        elif event == "c_return":
            kill()

sys.setprofile(hook)
main(sys.argv[1:])
"""


@pytest.fixture
def caseload(tmp_path, planner) -> str:
    """A SQLite caseload of some size (about a megabyte), and its URL."""
    url = f"sqlite:///{tmp_path / 'live' / 'caseload.db'}"
    (tmp_path / "live").mkdir()
    store = open_store(url, actor="tester")
    fill_demo(store, 60, seed=3, planner=planner)
    store.close()
    return url


def run(*argv, limit: int | None = None) -> subprocess.CompletedProcess:
    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PADPLANNER_DEBUG", None)
    return subprocess.run(
        [sys.executable, *argv], capture_output=True, text=True, env=env, preexec_fn=limited
    )


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_backup_is_private_and_one_file_in_rollback_mode(cli, caseload, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    old = os.umask(0o022)
    try:
        code, _, err = cli("db", "backup", folder / "monday.db", "--db", caseload)
    finally:
        os.umask(old)
    assert code == 0, err
    assert "Een back-up bewaart ieders persoonsgegevens" in err
    assert names(folder) == ["monday.db"]
    assert os.stat(folder / "monday.db").st_mode & 0o777 == 0o600
    assert (folder / "monday.db").read_bytes()[18:20] == b"\x01\x01"  # no -wal beside it
    assert restore(folder / "monday.db", f"sqlite:///{tmp_path / 'copy.db'}").people == 60


def test_a_killed_backup_leaves_only_a_hidden_partial_that_the_next_backup_removes(
    caseload, tmp_path
):
    folder = tmp_path / "backups"
    folder.mkdir()
    target = folder / "monday.db"
    done = run("-c", KILLER, "db", "backup", str(target), "--db", caseload)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert not target.exists()
    assert not [n for n in names(folder) if n.endswith(("-journal", "-wal", "-shm"))]
    (partial,) = names(folder)  # only a hidden partial copy, which the next backup removes
    assert partial.startswith(".monday.db.padplanner-")
    done = run("-m", "padplanner", "db", "backup", str(folder / "tuesday.db"), "--db", caseload)
    assert done.returncode == 0, done.stderr
    assert names(folder) == ["tuesday.db"]
    done = run("-m", "padplanner", "db", "backup", str(target), "--db", caseload)
    assert done.returncode == 0, done.stderr
    assert names(folder) == ["monday.db", "tuesday.db"]
    assert restore(target, f"sqlite:///{tmp_path / 'copy.db'}").people == 60


def test_a_backup_on_a_full_disk_fails_cleanly_and_a_retry_works(caseload, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    target = folder / "monday.db"
    live = open_store(caseload)  # keeps the database's -shm at its size
    try:
        done = run(
            "-m", "padplanner", "db", "backup", str(target), "--db", caseload, limit=256 * 1024
        )
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr
        assert f"error: {target}: cannot write the backup" in done.stderr
        assert "ulimit -f" in done.stderr
        assert names(folder) == []
        assert live.check() == [] and live.count_people() == 60
        assert not live.audit(action="backup")
    finally:
        live.close()
    done = run("-m", "padplanner", "db", "backup", str(target), "--db", caseload)
    assert done.returncode == 0, done.stderr
    assert names(folder) == ["monday.db"]


def test_a_backup_through_a_dangling_link_is_refused(cli, caseload, tmp_path):
    link = tmp_path / "monday.db"
    link.symlink_to(tmp_path / "elsewhere" / "monday.db")
    code, _, err = cli("db", "backup", link, "--db", caseload)
    assert code == 2 and "Traceback" not in err, err
    assert "symbolische koppeling" in err
    assert link.is_symlink() and not (tmp_path / "elsewhere").exists()
    assert names(tmp_path) == ["live", "monday.db"]


@pytest.mark.parametrize("suffix", ["", "-wal"])
def test_a_backup_onto_the_live_database_is_refused(cli, caseload, suffix):
    live = open_store(caseload)  # the -wal exists while it is open
    try:
        live.list_people()
        target = caseload.removeprefix("sqlite:///") + suffix
        before = os.stat(target).st_size
        code, _, err = cli("db", "backup", target, "--db", caseload)
        assert code == 2 and "Traceback" not in err, err
        assert "is de caseloaddatabase" in err
        assert os.stat(target).st_size == before
        assert live.check() == [] and live.count_people() == 60
    finally:
        live.close()


def test_a_failed_backup_leaves_nothing(store, planned, tmp_path, monkeypatch):
    from padplanner.errors import InputError
    from padplanner.store import backup as backups

    def half_then_fail(core, temp):
        Path(temp).write_bytes(b"SQLite format 3\x00" + b"\x00" * 4096)
        raise sqlite3.OperationalError("database or disk is full")

    folder = tmp_path / "backups"
    folder.mkdir()
    name = "_write_sqlite" if store.dialect == "sqlite" else "_write_tables"
    monkeypatch.setattr(backups, name, half_then_fail)
    with pytest.raises(InputError, match="the disk is full"):
        store.backup(folder / "monday.db")
    assert names(folder) == []
    assert store.audit(action="backup") == []
    monkeypatch.undo()
    store.backup(folder / "monday.db")
    assert names(folder) == ["monday.db"]
    assert [b.path for b in backups.written(store)] == [str(folder / "monday.db")]


def test_backups_are_recorded_and_a_file_that_is_not_one_is_refused(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'caseload.db'}"
    code, _, err = cli("person", "add", AMAL, "--db", url)
    assert code == 0, err
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = cli("db", "restore", fifo, "--db", url)
    assert code == 2 and "is geen gewoon bestand" in err
