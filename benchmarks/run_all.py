"""Run every benchmark and record the figures in ``benchmarks/RESULTS.md`` (``make bench``).

Each benchmark is a plain script that prints its figures and the ratio to its target; this
runner adds the date, the machine and the versions. Timings live here, never in unit tests.
Large caseloads for the store and TUI benchmarks are built once and kept in
``benchmarks/.cache/`` (ignored by git).

    python benchmarks/run_all.py [--quick] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
PACKAGES = ("padplanner", "textual", "sqlalchemy", "networkx", "ortools", "fpdf2")


def suite(quick: bool) -> list[tuple[str, list[str]]]:
    caseload = str(CACHE / "caseload-36100.sqlite")
    return [
        ("startup", ["startup_bench.py"]),
        ("plan", ["plan_speed.py", "--rounds", "50" if quick else "300"]),
        ("documents", ["documents_speed.py", "--rounds", "1" if quick else "3"]),
        ("psplib", ["scheduler_psplib.py", *(["--limit", "48"] if quick else ["--cp-sat"])]),
        ("families", ["scheduler_families.py", *(["--n", "3"] if quick else [])]),
        ("store", ["store_bench.py", *(["--size", "3000"] if quick else ["--db", caseload])]),
        ("tui", ["tui_bench.py", *(["--large", "3000"] if quick else ["--db", caseload])]),
        ("cohort", ["cohort_bench.py", *(["--quick"] if quick else [])]),
    ]


def commit() -> str:
    """The checkout's short commit, with ``+`` when it has uncommitted changes."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=HERE,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return (head or "unknown") + ("+" if dirty else "")


def versions() -> str:
    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a first look")
    parser.add_argument("--only", nargs="*", help="run only these benchmarks")
    args = parser.parse_args()
    CACHE.mkdir(exist_ok=True)
    header = [
        "# Benchmark results",
        "",
        f"- Date: {dt.datetime.now().isoformat(timespec='minutes')}",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        f"- Python {platform.python_version()}; {versions()}",
        f"- Run: `python benchmarks/run_all.py{' --quick' if args.quick else ''}` at commit "
        f"{commit()}, load average {os.getloadavg()[0]:.1f} at the start",
        "- How to read the scheduler figures: [docs/scheduler.md](../docs/scheduler.md)",
        "",
    ]
    sections, failed = [], []
    for name, command in suite(args.quick):
        if args.only and name not in args.only:
            continue
        print(f"== {name}: {' '.join(command)}", flush=True)
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, str(HERE / command[0]), *command[1:]],
            capture_output=True,
            text=True,
        )
        took = time.perf_counter() - start
        output = (result.stdout + (result.stderr if result.returncode else "")).rstrip()
        print(output, flush=True)
        if result.returncode:
            failed.append(name)
        sections += [
            f"## {name}",
            "",
            f"`{' '.join(command)}` ({took:.0f} s)",
            "",
            "```",
            output,
            "```",
            "",
        ]
    (HERE / "RESULTS.md").write_text("\n".join(header + sections), encoding="utf-8")
    print(f"wrote {HERE / 'RESULTS.md'}" + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
