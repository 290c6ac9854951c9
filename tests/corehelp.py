"""Constants and helpers shared by the core tests (imported by name: ``from corehelp import A0``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "clients"
NATIONAL = ROOT / "curricula" / "wi2021"
A0 = {"reading": "A0", "listening": "A0", "writing": "A0", "speaking": "A0"}


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.toml"))


def run_padplanner(*argv, **options) -> subprocess.CompletedProcess:
    """The CLI in its own process (for devices, limits, pipes and namespaces), without plugins
    or debug output; ``options`` go to :func:`subprocess.run` (``stdout=``, ``timeout=``)."""
    env = {**os.environ, "PADPLANNER_DISABLE_PLUGINS": "1"}
    env.pop("PADPLANNER_DEBUG", None)
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("timeout", 120)  # a hang fails the test instead of the run
    return subprocess.run(
        [sys.executable, "-m", "padplanner", *map(str, argv)],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
        **options,
    )
