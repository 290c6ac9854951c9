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


def test_padplanner_tui_demo_opens_on_the_caseload(tmp_path):
    session = f"padplanner-{uuid.uuid4().hex[:8]}"
    db = tmp_path / "demo.db"
    env = {
        **os.environ,
        "PADPLANNER_LANG": "nl",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "TERM": "xterm-256color",
    }
    command = f"{sys.executable} -m padplanner tui --demo --db sqlite:///{db}"
    subprocess.run(
        [TMUX, "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command],
        check=True,
        env=env,
        timeout=30,
    )
    try:
        screen = ""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            screen = tmux("capture-pane", "-p", "-t", session)
            if re.search(r"1–\d+ van 700", screen):
                break
            time.sleep(0.5)
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
