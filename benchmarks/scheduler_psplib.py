"""Scheduler on PSPLIB j30: gap to the proven optimum and time per instance, per effort.

    python benchmarks/scheduler_psplib.py [--psplib DIR] [--limit N] [--effort fast thorough]
                                          [--cp-sat]

Reads ``../shared/benchmarks/psplib/j30`` relative to the repository root by default (the
instances are not copied into the project). Instances run one after another in this process;
each is parsed before the clock starts. Targets (DESIGN.md §10): mean gap ≤ 1 %, median
≤ 50 ms per instance.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from padplanner.schedule import solve, validate  # noqa: E402
from padplanner.schedule.psplib import parse_sm, read_optimum  # noqa: E402

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


def run(folder: Path, names: list[str], effort: str, engine: str, optimum: dict[str, int]) -> dict:
    gaps, times, schedules = [], [], []
    valid = found = proven = 0
    for name in names:
        text = (folder / name).read_text()
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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--psplib", type=Path, default=ROOT / ".." / "shared/benchmarks/psplib")
    parser.add_argument("--limit", type=int, default=0, help="only the first N instances")
    parser.add_argument("--effort", nargs="+", default=["fast", "thorough"])
    parser.add_argument("--cp-sat", action="store_true", help="also run the exact engine")
    args = parser.parse_args(argv)
    folder = args.psplib / "j30" if (args.psplib / "j30").is_dir() else args.psplib
    optimum = read_optimum(folder / "optimum.csv")
    names = sorted(optimum, key=instance_order)
    if args.limit:
        names = names[: args.limit]
    solve(parse_sm((folder / names[0]).read_text()))  # warm up imports and caches

    rows = [run(folder, names, e, "heuristic", optimum) for e in args.effort]
    if args.cp_sat:
        rows.append(run(folder, names, "fast", "cp-sat", optimum))
    print(f"PSPLIB j30: {len(names)} instances from {folder.resolve()}")
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


if __name__ == "__main__":
    main()
