"""What a writer killed outright leaves behind is removed by the next write into its folder,
and nothing else is: not a live writer's file, not anybody else's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from padplanner.files import atomic_path, sweep, write_file

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs flock and SIGKILL")

ROOT = Path(__file__).resolve().parents[1]

# Fills the temporary file of a write to argv[1] by name, says "filling", then waits for a
# line on standard input before the write completes (or is killed while it waits).
WRITER = """
import sys
from pathlib import Path
from padplanner.files import atomic_path

with atomic_path(sys.argv[1]) as temp:
    Path(temp).write_text("half of the new plan")
    print("filling", flush=True)
    sys.stdin.readline()
    Path(temp).write_text("the new plan from the slow writer")
print("done", flush=True)
"""


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def start_writer(target: Path) -> subprocess.Popen:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert writer.stdout.readline() == "filling\n"
    return writer


def test_a_writer_killed_mid_write_leaves_a_file_the_next_write_removes(tmp_path):
    target = tmp_path / "plan.md"
    target.write_text("the old plan")
    writer = start_writer(target)
    writer.kill()  # SIGKILL while the new content is half written
    assert writer.wait(timeout=30) == -signal.SIGKILL
    writer.stdin.close()
    writer.stdout.close()
    (left,) = temporaries(tmp_path)
    assert left.startswith(".plan.md.padplanner-") and left.endswith(".tmp")
    assert target.read_text() == "the old plan"
    write_file(target, "the retried plan")
    assert target.read_text() == "the retried plan"
    assert temporaries(tmp_path) == []


def test_a_live_writers_file_is_left_alone(tmp_path):
    target = tmp_path / "plan.md"
    writer = start_writer(target)
    try:
        (filling,) = temporaries(tmp_path)
        write_file(tmp_path / "other.md", "another export into the same folder")
        assert sweep(tmp_path) == []
        write_file(target, "an impatient second write")  # the later rename wins, as ever
        assert temporaries(tmp_path) == [filling]
        writer.stdin.write("go on\n")
        writer.stdin.flush()
        assert writer.stdout.readline() == "done\n"
    finally:
        writer.stdin.close()
        assert writer.wait(timeout=30) == 0
        writer.stdout.close()
    assert target.read_text() == "the new plan from the slow writer"
    assert temporaries(tmp_path) == []


def test_files_that_are_not_a_dead_writers_are_never_touched(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    look_alikes = {
        ".plan.md.abcd1234.tmp": "another program's temporary file",
        ".plan.md.padplanner-ab.tmp": "not a name this writer gives",
        "plan.md.padplanner-abcd1234.tmp": "not hidden",
        ".plan.md.padplanner-abcd1234.tmp.bak": "a copy someone made",
    }
    for name, content in look_alikes.items():
        (tmp_path / name).write_text(content)
    link = tmp_path / ".plan.md.padplanner-link1234.tmp"
    link.symlink_to(victim)
    folder = tmp_path / ".plan.md.padplanner-fold1234.tmp"
    folder.mkdir()
    fifo = tmp_path / ".plan.md.padplanner-fifo1234.tmp"
    os.mkfifo(fifo)
    before = sorted(p.name for p in tmp_path.iterdir())
    write_file(tmp_path / "plan.md", "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*before, "plan.md"])
    assert victim.read_text() == "precious"
    for name, content in look_alikes.items():
        assert (tmp_path / name).read_text() == content


def test_what_sqlite_left_beside_a_dead_writers_file_goes_with_it(tmp_path):
    dead = tmp_path / ".monday.db.padplanner-dead1234.tmp"
    dead.write_bytes(b"SQLite format 3\x00 half a backup")
    Path(f"{dead}-journal").write_bytes(b"journal")
    orphan = tmp_path / ".tuesday.db.padplanner-gone1234.tmp-journal"
    orphan.write_bytes(b"journal of a file already removed")
    removed = sweep(tmp_path)
    assert sorted(p.name for p in removed) == sorted([dead.name, orphan.name])
    assert temporaries(tmp_path) == []


def test_a_sweep_between_creating_and_locking_a_file_costs_no_write(tmp_path, monkeypatch):
    """The one moment a live writer's file is not locked yet: just after it was created. A
    sweep that takes it then is noticed, and the writer makes another."""
    made = []
    real_mkstemp = tempfile.mkstemp

    def mkstemp_then_sweep(*args, **kwargs):
        fd, name = real_mkstemp(*args, **kwargs)
        made.append(name)
        if len(made) == 1:
            assert sweep(kwargs["dir"]) == [Path(name)]
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp_then_sweep)
    write_file(tmp_path / "plan.md", "written all the same")
    assert len(made) == 2
    assert (tmp_path / "plan.md").read_text() == "written all the same"
    assert temporaries(tmp_path) == []


def test_long_names_keep_the_temporary_name_within_the_file_system_limit(tmp_path):
    name = "ü" * 120 + ".md"  # 243 bytes: a temporary name of the whole would be over 255
    with atomic_path(tmp_path / name) as temp:
        assert len(temp.name.encode()) <= 255 - len("-journal")
        assert temp.name.startswith(".üü") and ".padplanner-" in temp.name
        temp.write_text("x")
    assert (tmp_path / name).read_text() == "x"
