"""Wall and CPU time of a PIP as PDF for the whole command, a fresh process each run.

Target: a Dutch PIP as PDF in under a second (``padplanner export ID --format pdf -o x.pdf``
on the demo database, and ``padplanner plan FILE --format pdf -o plan.pdf`` for a client
file). JSON is measured beside the second as the baseline (interpreter start-up, imports and
planning without the document).

Runs as on a user's machine, where Python keeps compiled bytecode: one untimed run first,
with ``PYTHONDONTWRITEBYTECODE`` removed from the environment. (A sandbox that sets it
recompiles padplanner's own modules on every run, about 0.08 s.)

    python benchmarks/documents_speed.py [--rounds 3] [--formats pdf,json] [--people 12]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--formats", default="pdf,json")
    parser.add_argument("--people", type=int, default=12, help="saved plans to export")
    args = parser.parse_args()
    exe = shutil.which("padplanner", path=str(Path(sys.executable).parent)) or "padplanner"
    people = sorted((ROOT / "examples" / "clients").glob("*.toml"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PADPLANNER_LANG"] = "nl"
    with tempfile.TemporaryDirectory() as tmp:
        export_saved(exe, env, tmp, args.rounds, args.people)
        for fmt in args.formats.split(","):
            subprocess.run(  # writes the bytecode caches
                [exe, "plan", str(people[0]), "--format", fmt, "-o", f"{tmp}/out.{fmt}"],
                check=False,
                capture_output=True,
                env=env,
            )
            walls, cpus = [], []
            for path in people:
                for _ in range(args.rounds):
                    before = resource.getrusage(resource.RUSAGE_CHILDREN)
                    start = time.perf_counter()
                    subprocess.run(
                        [exe, "plan", str(path), "--format", fmt, "-o", f"{tmp}/out.{fmt}"],
                        check=False,
                        capture_output=True,
                        env=env,
                    )
                    walls.append(time.perf_counter() - start)
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            median = statistics.median(walls)
            print(
                f"{fmt:5} wall median {median:.3f} s  max {max(walls):.3f} s  "
                f"cpu median {statistics.median(cpus):.3f} s  "
                f"(target {TARGET_S:g} s: ratio {median / TARGET_S:.2f}); "
                f"load {os.getloadavg()[0]:.1f}"
            )


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command`` in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def export_saved(exe: str, env: dict[str, str], tmp: str, rounds: int, people: int) -> None:
    """``padplanner export ID --format pdf`` for saved plans of a demo database (Dutch)."""
    db = f"sqlite:///{tmp}/demo.db"
    subprocess.run([exe, "demo", "--db", db, "-n", "100"], check=True, capture_output=True)
    listed = subprocess.run(
        [exe, "person", "list", "--db", db, "--json"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    ids = [row["id"] for row in json.loads(listed.stdout)["people"]][:people]
    command = [exe, "export", ids[0], "--format", "pdf", "-o", f"{tmp}/x.pdf", "--db", db]
    run(command, env)  # writes the bytecode caches
    walls, cpus = [], []
    for person in ids:
        command[2] = person
        for _ in range(rounds):
            wall, cpu = run(command, env)
            walls.append(wall)
            cpus.append(cpu)
    median = statistics.median(walls)
    print(
        f"export ID --format pdf (Dutch PIP, demo database, {len(ids)} people): "
        f"wall median {median:.3f} s  max {max(walls):.3f} s  "
        f"cpu median {statistics.median(cpus):.3f} s  "
        f"(target {TARGET_S:g} s: ratio {median / TARGET_S:.2f}); "
        f"load {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
