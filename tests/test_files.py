"""The one file writer: atomic, private, never through a link, never onto the store."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from padplanner import files
from padplanner.errors import InputError
from padplanner.files import WriteError, atomic_path, protect, write_file


@pytest.fixture(autouse=True)
def usual_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def refused(path: Path, content: str | bytes = "new", **options) -> str:
    with pytest.raises(WriteError) as caught:
        write_file(path, content, **options)
    assert isinstance(caught.value, InputError)  # exit 2 at the command line
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    return problem.message


def test_a_new_file_is_private_under_the_usual_umask(tmp_path):
    target = write_file(tmp_path / "plan.md", "# Plan\n")
    assert target.read_text() == "# Plan\n"
    assert mode(target) == 0o600
    assert leftovers(tmp_path) == []


def test_replacing_a_world_readable_file_makes_it_private(tmp_path):
    target = tmp_path / "plan.html"
    target.write_text("old")
    os.chmod(target, 0o644)
    write_file(target, b"<html>new</html>")
    assert target.read_bytes() == b"<html>new</html>" and mode(target) == 0o600


def test_shared_files_follow_the_umask(tmp_path):
    assert mode(write_file(tmp_path / "hooks.py", "x = 1\n", private=False)) == 0o644


def test_a_symlink_is_refused_and_its_target_left_alone(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "out.md"
    link.symlink_to(victim)
    assert "symbolic link" in refused(link)
    assert victim.read_text() == "precious" and link.is_symlink()


def test_a_dangling_symlink_is_refused(tmp_path):
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "nowhere" / "file")
    assert "does not exist" in refused(link)
    assert not (tmp_path / "nowhere").exists()


def test_folders_devices_and_pipes_are_refused(tmp_path):
    assert "is a folder" in refused(tmp_path)
    assert "not a regular file" in refused(Path("/dev/full"))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "not a regular file" in refused(fifo)  # and no hang waiting for a reader


def test_a_sqlite_database_is_never_overwritten(tmp_path):
    database = tmp_path / "caseload.db"
    sqlite3.connect(database).execute("create table t (x)").connection.close()
    before = database.read_bytes()
    assert "SQLite database" in refused(database)
    assert database.read_bytes() == before


def test_the_files_of_a_database_in_use_are_refused_by_inode(tmp_path):
    database = tmp_path / "caseload.db"
    connection = sqlite3.connect(database)
    connection.execute("pragma journal_mode=wal")
    connection.execute("create table t (x)")
    connection.execute("insert into t values (1)")
    protect(database)
    wal = tmp_path / "caseload.db-wal"
    assert wal.exists()
    assert "caseload database" in refused(wal)
    alias = tmp_path / "alias.md"
    os.link(database, alias)  # another name for the same file
    assert "caseload database" in refused(alias)
    assert connection.execute("select x from t").fetchall() == [(1,)]
    connection.close()


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(tmp_path, monkeypatch):
    target = tmp_path / "plan.md"
    target.write_text("the old plan")

    def full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "write", full)
    message = refused(target, "x" * 100_000)
    assert "disk is full" in message and "old file is unchanged" in message
    assert target.read_text() == "the old plan" and leftovers(tmp_path) == []


def test_an_unwritable_folder_is_named(tmp_path, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    assert f"cannot write in the folder {tmp_path}" in refused(tmp_path / "plan.md")


def test_a_missing_folder_is_named_or_made(tmp_path):
    assert "does not exist" in refused(tmp_path / "new" / "plan.md")
    made = write_file(tmp_path / "new" / "plan.md", "x", make_folder=True)
    assert made.read_text() == "x" and mode(made.parent) == 0o700


def test_a_new_file_only_never_replaces(tmp_path):
    target = tmp_path / "backup.db"
    write_file(target, "first", overwrite=False)
    assert "already exists" in refused(target, "second", overwrite=False)
    assert target.read_text() == "first" and leftovers(tmp_path) == []


def test_a_failure_while_filling_by_name_leaves_nothing(tmp_path):
    target = tmp_path / "copy.db"
    with pytest.raises(RuntimeError), atomic_path(target) as temp:
        temp.write_text("half")
        Path(f"{temp}-journal").write_text("j")
        raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []


def test_a_file_size_limit_keeps_the_old_file(tmp_path):
    """Under ``ulimit -f`` (RLIMIT_FSIZE) the write fails half-way: the old file stays."""
    target = tmp_path / "plan.md"
    target.write_text("the old plan")
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))\n"
        "from padplanner.files import WriteError, write_file\n"
        "try:\n"
        "    write_file(sys.argv[1], 'x' * 100_000)\n"
        "except WriteError as exc:\n"
        "    print(exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(target)], capture_output=True, text=True, check=True
    )
    assert "larger than this process may write" in result.stdout, result
    assert target.read_text() == "the old plan" and leftovers(tmp_path) == []
