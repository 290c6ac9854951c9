"""Run every benchmark and record the figures in ``benchmarks/RESULTS.md`` (``make bench``).

Each benchmark is a plain script that prints its figures and the ratio to its target; this
runner adds the date, the machine and the versions. Timings live here, never in unit tests.
Large caseloads for the store and TUI benchmarks are built once and kept in
``benchmarks/.cache/`` (ignored by git). The PSPLIB benchmark needs the public j30 set:
``PADPLANNER_PSPLIB=FOLDER`` (``benchmarks/psplib.py`` says where to get it).

The scheduler's targets come first, side by side with the figures of the C engine padplanner
had until it was removed (``benchmarks/c-engine.json``, measured with these scripts).

    python benchmarks/run_all.py [--quick] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
BEFORE = HERE / "c-engine.json"
# benchmarks that also write their figures as JSON (``--json FILE``)
FIGURES = ("plan", "psplib", "families")
PACKAGES = ("padplanner", "textual", "sqlalchemy", "networkx", "ortools", "fpdf2")


def suite(quick: bool) -> list[tuple[str, list[str]]]:
    caseload = str((CACHE / "caseload-36100.sqlite").relative_to(ROOT))  # run from ROOT
    return [
        ("startup", ["startup_bench.py"]),
        ("plan", ["plan_speed.py", "--rounds", "50" if quick else "300"]),
        ("chance", ["chance_bench.py", *(["--people", "20", "--rounds", "3"] if quick else [])]),
        ("documents", ["documents_speed.py", "--rounds", "1" if quick else "3"]),
        ("psplib", ["scheduler_psplib.py", *(["--limit", "48"] if quick else ["--cp-sat"])]),
        ("families", ["scheduler_families.py", *(["--n", "3"] if quick else [])]),
        ("store", ["store_bench.py", *(["--size", "3000"] if quick else ["--db", caseload])]),
        ("tui", ["tui_bench.py", *(["--large", "3000"] if quick else ["--db", caseload])]),
        ("cohort", ["cohort_bench.py", *(["--quick"] if quick else [])]),
        ("import", ["import_bench.py", *(["--size", "1000"] if quick else ["--xlsx"])]),
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


def side_by_side(before: dict, after: dict) -> list[str]:
    """The scheduler's targets: the C engine's figures (``before``) beside this run's."""

    def get(figures: dict, *keys: str) -> float | None:
        for key in keys:
            if not isinstance(figures, dict) or key not in figures:
                return None
            figures = figures[key]
        return figures

    def pair(figures: dict, what: str, effort: str) -> str:
        if what == "plan":
            ms = get(figures, "plan", "median_ms")
            return "–" if ms is None else f"{ms:.2f} ms"
        if what == "psplib":
            gap = get(figures, "psplib", effort, "mean_gap")
            ms = get(figures, "psplib", effort, "median_ms")
            return "–" if gap is None or ms is None else f"{gap:.2f} % / {ms:.1f} ms"
        gap = get(figures, "families", "groups", what, effort, "worst_gap")
        ratio = get(figures, "families", "groups", what, effort, "smallest_speedup")
        return "–" if gap is None or ratio is None else f"{gap:.2f} % / {ratio:.0f}×"

    rows = [
        ("one plan, median", "≤ 2 ms", "plan", ""),
        ("PSPLIB j30 `fast`: mean gap / median time", "≤ 1 % / ≤ 50 ms", "psplib", "fast"),
        ("PSPLIB j30 `thorough`", "≤ 1 % / ≤ 50 ms", "psplib", "thorough"),
    ]
    for group, target in (
        ("individual plans", "≤ 1 % / ≥ 10×"),
        ("cohorts", "no target"),
        ("stress test", "no target"),
    ):
        for effort in ("fast", "thorough"):
            label = f"families, {group} `{effort}`: worst family gap / smallest speed-up"
            rows.append((label, target, group, effort))
    lines = [
        "## Scheduler targets: the C engine and pure Python",
        "",
        f"Before: the optional C engine, at commit {before.get('commit', '?')} "
        f"({before.get('date', '?')}, {before.get('machine', '?')}), its budgets "
        f"{before.get('budgets', '?')}. After: this run, pure Python. Speed-ups are against "
        "CP-SAT's median time in the same run (docs/scheduler.md explains the figures).",
        "",
        "| figure | target | C engine | pure Python |",
        "|---|---|---|---|",
    ]
    for label, target, what, effort in rows:
        lines.append(
            f"| {label} | {target} | {pair(before, what, effort)} | {pair(after, what, effort)} |"
        )
    return [*lines, ""]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a first look")
    parser.add_argument("--only", nargs="*", help="run only these benchmarks")
    args = parser.parse_args()
    CACHE.mkdir(exist_ok=True)
    started, load, revision = dt.datetime.now(), os.getloadavg()[0], commit()
    sections, failed, after = [], [], {}
    scratch = Path(tempfile.mkdtemp(prefix="padplanner-bench-"))
    for name, command in suite(args.quick):
        if args.only and name not in args.only:
            continue
        print(f"== {name}: {' '.join(command)}", flush=True)
        figures = scratch / f"{name}.json"
        extra = ["--json", str(figures)] if name in FIGURES else []
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, str(HERE / command[0]), *command[1:], *extra],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        took = time.perf_counter() - start
        output = (result.stdout + (result.stderr if result.returncode else "")).rstrip()
        print(output, flush=True)
        if result.returncode:
            failed.append(name)
        if figures.exists():
            after.update(json.loads(figures.read_text()))
            figures.unlink()
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
    scratch.rmdir()
    cores, load_end = os.cpu_count() or 1, os.getloadavg()[0]
    header = [
        "# Benchmark results",
        "",
        f"- Date: {started.isoformat(timespec='minutes')}",
        f"- Machine: {platform.machine()}, {cores} cores, {platform.platform()}",
        f"- Python {platform.python_version()}; {versions()}",
        f"- Run: `python benchmarks/run_all.py{' --quick' if args.quick else ''}` at commit "
        f"{revision}, load average {load:.1f} at the start and {load_end:.1f} at the end",
        "- How to read the scheduler figures: [docs/scheduler.md](../docs/scheduler.md)",
    ]
    if max(load, load_end) > cores:
        header.append(
            f"- The machine was busy with other work (a load average above its {cores} cores): "
            "wall-clock times are inflated and targets on them may read as missed; the CPU "
            "times some benchmarks print beside them are not"
        )
    header.append("")
    if BEFORE.exists() and after:
        header += side_by_side(json.loads(BEFORE.read_text()), after)
    (HERE / "RESULTS.md").write_text("\n".join(header + sections), encoding="utf-8")
    print(f"wrote {HERE / 'RESULTS.md'}" + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
