"""``padplanner tui --demo`` in a real terminal (tmux): the first screen shows the caseload.

Skipped when tmux is not installed; CI installs it (see docs/tui.md).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid

import pytest

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


def tmux(*args: str) -> str:
    return subprocess.run(
        [TMUX, *args], check=True, capture_output=True, text=True, timeout=30
    ).stdout


def start_in_tmux(tmp_path, command: str) -> str:
    """Run ``command`` in a new detached tmux session of 100×30 (Dutch, config and data in
    ``tmp_path``); returns the session's name."""
    session = f"padplanner-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "PADPLANNER_LANG": "nl",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "TERM": "xterm-256color",
    }
    subprocess.run(
        [TMUX, "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command],
        check=True,
        env=env,
        timeout=30,
    )
    return session


def caseload_screen(session: str) -> str:
    """The session's screen once the demo caseload is drawn (or as it is after 90 s)."""
    screen = ""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if re.search(r"1–\d+ van 700", screen):
            break
        time.sleep(0.5)
    return screen


def test_padplanner_tui_demo_opens_on_the_caseload(tmp_path):
    db = tmp_path / "demo.db"
    session = start_in_tmux(
        tmp_path, f"{sys.executable} -m padplanner tui --demo --db sqlite:///{db}"
    )
    try:
        screen = caseload_screen(session)
        assert "Caseload" in screen, screen
        assert re.search(r"1–\d+ van 700", screen), screen
        for header in ("Naam", "Route", "Fase", "Volgende mijlpaal", "Einde", "Speling", "Risico"):
            assert header in screen, screen
        tmux("send-keys", "-t", session, "C-q")
        for _ in range(40):
            alive = subprocess.run(
                [TMUX, "has-session", "-t", session], capture_output=True, timeout=30
            )
            if alive.returncode != 0:
                break
            time.sleep(0.25)
        else:
            pytest.fail("padplanner did not quit on Ctrl+Q")
    finally:
        subprocess.run([TMUX, "kill-session", "-t", session], capture_output=True, timeout=30)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie has ended
        return stat.read().split(")")[-1].split()[0] != "Z"


@pytest.mark.skipif(shutil.which("make") is None or not os.path.isdir("/proc"), reason="needs make")
def test_padplanner_tui_leaves_when_its_terminal_goes_away_under_make(tmp_path):
    """Under `make run` make leads the terminal's session and keeps its SIGHUP; the app must
    see the terminal is gone and exit rather than read a dead terminal at full CPU."""
    db = tmp_path / "demo.db"
    makefile = tmp_path / "Makefile"
    makefile.write_text(f"run:\n\t{sys.executable} -m padplanner tui --demo --db sqlite:///{db}\n")
    session = start_in_tmux(tmp_path, f"make -f {makefile}")
    pid = None
    try:
        assert re.search(r"1–\d+ van 700", caseload_screen(session))
        found = subprocess.run(
            ["pgrep", "-f", f"tui --demo --db sqlite:///{db}"], capture_output=True, text=True
        ).stdout.split()
        assert found, "padplanner did not start"
        pid = int(found[0])
        tmux("kill-session", "-t", session)  # the terminal goes away
        for _ in range(40):
            if not _alive(pid):
                break
            time.sleep(0.25)
        else:
            pytest.fail("padplanner went on running after its terminal was gone")
    finally:
        subprocess.run([TMUX, "kill-session", "-t", session], capture_output=True, timeout=30)
        if pid is not None and _alive(pid):
            os.kill(pid, 9)
