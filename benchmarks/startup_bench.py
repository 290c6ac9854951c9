"""Start-up time of ``padplanner --help`` and peak memory of planning in a fresh process.

Target: ``padplanner --help`` ≤ 0.25 s for the whole command (a fresh process, wall clock).
The CLI must not import a command's module, Textual, SQLAlchemy, the PDF library or the
planning libraries to print its help; this also checks that (so does tests/test_cli_startup.py).

Runs as on a user's machine, where Python keeps compiled bytecode: one untimed run first, with
``PYTHONDONTWRITEBYTECODE`` removed from the environment (a sandbox that sets it would
recompile padplanner's own modules on every run).

    python benchmarks/startup_bench.py [--rounds 10]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 0.25
HEAVY = (
    "textual",
    "sqlalchemy",
    "fpdf",
    "ortools",
    "numpy",
    "scipy",
    "statsmodels",
    "networkx",
    "pydantic",
    "babel",
    "cattrs",
)


def timed(exe: str, rounds: int, env: dict[str, str]) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run([exe, "--help"], check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    exe = shutil.which("padplanner", path=str(Path(sys.executable).parent)) or "padplanner"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([exe, "--help"], check=True, capture_output=True, env=env)  # the caches
    times = timed(exe, args.rounds, env)
    median = statistics.median(times)
    print(
        f"padplanner --help: median {median:.3f} s, max {max(times):.3f} s "
        f"(target {TARGET_S} s: ratio {median / TARGET_S:.2f}); load {os.getloadavg()[0]:.1f}"
    )
    probe = (
        "import contextlib, io, sys; from padplanner.cli import main; "
        "contextlib.redirect_stdout(io.StringIO()).__enter__(); main(['--help']); "
        "sys.stdout = sys.__stdout__; "
        f"print(','.join(m for m in {HEAVY!r} if any(k == m or k.startswith(m + '.') for k in sys.modules)))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    )
    print(f"heavy modules imported by the CLI: {loaded.stdout.strip() or 'none'}")
    script = (
        "from padplanner import Planner, load_client; import glob; p = Planner.default(); "
        f"[p.plan(load_client(f)) for f in sorted(glob.glob({str(ROOT / 'examples/clients/*.toml')!r}))]"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-c", script], check=True)
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(f"peak memory planning the example people in a fresh process: {peak / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
