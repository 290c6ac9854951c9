"""A writer killed with SIGKILL at random moments never damages the database or loses a
revision it reported as committed."""

from __future__ import annotations

import hashlib
import os
import random
import select
import signal
import sys
import time

import pytest

from padplanner.store import open_store

KILLS = 60  # at least this many kills, at random moments of the writing loop
COMMITTED = KILLS // 2  # and more revisions than this reported committed, checked after
MAX_KILLS = 10 * KILLS  # a writer that cannot commit this often is broken, not slow
READY_TIMEOUT = 120.0  # seconds a writer may take to open the store on a crowded machine


def _writer(url: str, person_id: str, plan, report_fd: int) -> None:
    """Open the store, say ``ready``, then save revisions in a loop; report ``revision
    checksum`` only after each commit."""
    store = open_store(url, actor="writer")
    latest = store.latest_plan(person_id)
    base = latest[0] if latest else 0
    os.write(report_fd, b"ready\n")
    while True:
        base = store.save_plan(person_id, plan, "writer", f"loop {base}", base)
        checksum = hashlib.sha256(plan.to_json(indent=None).encode()).hexdigest()
        os.write(report_fd, f"{base} {checksum}\n".encode())


@pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")
def test_sigkill_at_random_moments(sqlite_url, planner, amal):
    store = open_store(sqlite_url)
    store.add_person(amal, "setup")
    plan = planner.plan(amal)
    store.save_plan(amal.id, plan, "setup", "warm up (imports, statement cache)", 0)
    store.close()
    rng = random.Random(20260105)
    reported: dict[int, str] = {1: hashlib.sha256(plan.to_json(indent=None).encode()).hexdigest()}
    kills = 0
    started = time.monotonic()
    # The moment of each kill is random: one in four while the writer opens the store (which
    # recovers what the last one left), the others within the writing loop, counted from when
    # the writer has opened the store (on a crowded machine opening can take longer than the
    # whole window). Kills go on until enough revisions were committed to check, so load
    # changes how many kills that takes, not what is checked.
    while kills < KILLS or len(reported) <= COMMITTED:
        assert kills < MAX_KILLS, f"only {len(reported)} revisions committed in {kills} kills"
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            code = 0
            try:
                os.close(read_fd)
                _writer(sqlite_url, amal.id, plan, write_fd)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(write_fd)
        if rng.random() < 0.25:
            time.sleep(rng.uniform(0.0, 0.05))
        else:
            _wait_until_ready(read_fd, pid)
            time.sleep(rng.uniform(0.01, 0.2))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status), "the writer stopped by itself (see its error)"
        kills += 1
        data = b""
        while chunk := os.read(read_fd, 65536):
            data += chunk
        os.close(read_fd)
        for line in data.decode().splitlines():
            if line != "ready":
                number, checksum = line.split()
                reported[int(number)] = checksum
    elapsed = time.monotonic() - started
    print(f"{kills} kills, {len(reported)} revisions reported committed in {elapsed:.1f} s")
    store = open_store(sqlite_url)
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert store.check() == []
    saved = {r.revision: r for r in store.revisions(amal.id)}
    for number, checksum in reported.items():
        assert number in saved, f"revision {number} was reported committed but is lost"
        assert saved[number].checksum == checksum
        assert saved[number].plan.to_json() == plan.to_json()
    assert sorted(saved) == list(range(1, len(saved) + 1))
    assert store.list_people()[0].revision == max(saved)
    store.close()


def _wait_until_ready(fd: int, pid: int) -> None:
    """Wait until the writer can say ``ready`` (the line stays in the pipe, to be read)."""
    ready, _, _ = select.select([fd], [], [], READY_TIMEOUT)
    if not ready:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        pytest.fail(f"the writer did not open the store within {READY_TIMEOUT:.0f} s")
