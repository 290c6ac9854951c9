"""Scheduler on PSPLIB j30: gap to the proven optimum and time per instance, per effort.

    python benchmarks/scheduler_psplib.py [--psplib DIR] [--limit N] [--effort fast thorough]
                                          [--cp-sat] [--json FILE]

The public PSPLIB j30 set is not part of the repository: pass its folder with ``--psplib`` or
the environment variable ``PADPLANNER_PSPLIB`` (without it the script says how to get the data
and exits with code 2). Instances run one after another in this process; each is parsed before
the clock starts. Targets: mean gap ≤ 1 %, median ≤ 50 ms per instance.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from psplib import HOW, VARIABLE, folder, optimum_file, parse_sm, read_optimum  # noqa: E402

from padplanner.schedule import solve, validate  # noqa: E402

TARGET_GAP = 1.0  # percent
TARGET_MEDIAN_MS = 50.0


def instance_order(name: str) -> tuple[int, int]:
    """``j3012_7.sm`` → ``(12, 7)``: parameter class, then instance."""
    stem = name.removesuffix(".sm").removeprefix("j30")
    cls, _, k = stem.partition("_")
    return int(cls), int(k)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run(j30: Path, names: list[str], effort: str, engine: str, optimum: dict[str, int]) -> dict:
    gaps, times, schedules = [], [], []
    valid = found = proven = 0
    for name in names:
        text = (j30 / name).read_text()
        problem = parse_sm(text, name)
        t0 = time.perf_counter()
        schedule = solve(problem, effort=effort, engine=engine)
        times.append((time.perf_counter() - t0) * 1000)
        valid += not validate(problem, schedule)
        best = optimum[name]
        # a lower bound above the known optimum would be a wrong proof: fail loudly
        assert schedule.lower_bound <= best, f"{name}: bound {schedule.lower_bound} > {best}"
        gaps.append(100 * (schedule.makespan - best) / best)
        found += schedule.makespan == best
        proven += schedule.optimal
        schedules.append(schedule.evaluated)
    return {
        "label": effort if engine == "heuristic" else f"{engine} ({effort} start)",
        "n": len(names),
        "valid": valid,
        "mean_gap": statistics.mean(gaps),
        "max_gap": max(gaps),
        "optimum": found,
        "proven": proven,
        "median_ms": statistics.median(times),
        "p95_ms": percentile(times, 95),
        "total_s": sum(times) / 1000,
        "schedules": statistics.mean(schedules),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--psplib", type=Path, help=f"the j30 folder (default: ${VARIABLE})", metavar="DIR"
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N instances")
    parser.add_argument("--effort", nargs="+", default=["fast", "thorough"])
    parser.add_argument("--cp-sat", action="store_true", help="also run the exact engine")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    j30 = folder(args.psplib)
    if j30 is None:
        given = args.psplib or os.environ.get(VARIABLE)
        where = f"no j30 instances with optimum.csv in {given}" if given else "no data folder"
        print(f"scheduler_psplib: {where}.\n{HOW}", file=sys.stderr)
        return 2
    optimum = read_optimum(optimum_file(j30))
    names = sorted(optimum, key=instance_order)
    if args.limit:
        names = names[: args.limit]
    solve(parse_sm((j30 / names[0]).read_text()))  # warm up imports and caches

    rows = [run(j30, names, e, "heuristic", optimum) for e in args.effort]
    if args.cp_sat:
        rows.append(run(j30, names, "fast", "cp-sat", optimum))
    print(f"PSPLIB j30: {len(names)} instances")
    print(f"python {platform.python_version()} on {platform.machine()}, {time.strftime('%F')}")
    head = (
        f"{'effort':<22}{'valid':>7}{'mean gap':>10}{'max gap':>9}{'optimum':>9}{'proven':>8}"
        f"{'median ms':>11}{'p95 ms':>9}{'total s':>9}{'sched/inst':>12}"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        print(
            f"{r['label']:<22}{r['valid']:>4}/{r['n']:<3}{r['mean_gap']:>9.2f}%{r['max_gap']:>8.1f}%"
            f"{r['optimum']:>9}{r['proven']:>8}{r['median_ms']:>11.1f}{r['p95_ms']:>9.1f}"
            f"{r['total_s']:>9.1f}{r['schedules']:>12.0f}"
        )
    print()
    print(f"targets: mean gap ≤ {TARGET_GAP:g} %, median ≤ {TARGET_MEDIAN_MS:g} ms per instance")
    for r in rows:
        gap_ratio = r["mean_gap"] / TARGET_GAP
        time_ratio = r["median_ms"] / TARGET_MEDIAN_MS
        ok = r["valid"] == r["n"] and gap_ratio <= 1 and time_ratio <= 1
        print(
            f"  {r['label']:<22} gap {gap_ratio:5.2f}× target, median time {time_ratio:5.2f}× "
            f"target → {'meets both' if ok else 'misses'}"
        )
    if args.json:
        args.json.write_text(json.dumps({"psplib": {r["label"]: r for r in rows}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
