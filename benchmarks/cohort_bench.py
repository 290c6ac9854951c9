"""Cohort planning speed and memory: 700 people ≤ 2 s; 36,100 people ≤ 60 s and ≤ 2 GiB.

Every case runs in a fresh Python process (so start-up, imports and memory are counted as a
user would see them) and reports its phases: the synthetic intake, the individual plans (one
worker process per CPU present, or ``--workers N``), the capacity pass per policy, and the
report. Peak memory comes from
``resource.getrusage``: this process's peak RSS plus the largest worker's peak RSS times the
number of workers (an upper bound: the workers rarely peak together).

    .venv/bin/python benchmarks/cohort_bench.py            # 700 and 36,100 people
    .venv/bin/python benchmarks/cohort_bench.py --quick    # 700 people only

Run it on a quiet machine: the figures are wall-clock times; the targets assume 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

TARGETS = {"small": 2.0, "national": 60.0}
MEMORY_TARGET_MIB = 2048


def case(size: int, policies: list[str], fmt: str, workers: int) -> dict:
    """One run, in this process: the phases of ``padplanner cohort simulate``."""
    began = time.perf_counter()
    from padplanner.cohort import intake, render, report
    from padplanner.cohort.policies import get_policy
    from padplanner.cohort.render_html import render_html
    from padplanner.cohort.simulate import baseline, prepare, run_policy
    from padplanner.engine.planner import Planner

    phases: dict[str, float] = {}
    mark = time.perf_counter()
    phases["import"] = mark - began
    planner = Planner.default()
    chosen = [get_policy(name, "GM0034", planner.manager) for name in policies]
    clients = intake.synthetic_intake(size, 1, "GM0034")
    now = time.perf_counter()
    phases["intake"], mark = now - mark, now
    cohort = prepare(clients, "GM0034", planner, workers=workers)
    now = time.perf_counter()
    phases["individual plans"], mark = now - mark, now
    runs = []
    for policy in chosen:
        runs.append(run_policy(cohort, policy, planner))
        now = time.perf_counter()
        phases[f"capacity pass {policy.name}"], mark = now - mark, now
    from padplanner.cohort.simulate import Simulation

    sim = Simulation(cohort=cohort, baseline=baseline(cohort, planner), runs=tuple(runs))
    doc = report.document(sim, source="benchmark")
    text = render_html(doc) if fmt == "html" else render.render_text(doc)
    now = time.perf_counter()
    phases["baseline and report"] = now - mark
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    own, child = me.ru_maxrss / 1024, kids.ru_maxrss / 1024
    return {
        "size": size,
        "planned": len(cohort.outlines),
        "seconds": time.perf_counter() - began,
        "cpu_self": me.ru_utime + me.ru_stime,
        "cpu_workers": kids.ru_utime + kids.ru_stime,
        "load": os.getloadavg()[0],
        "phases": phases,
        "rss_self_mib": own,
        "rss_worker_mib": child,
        "workers": workers,
        "peak_mib": own + workers * child,
        "report_chars": len(text),
        "delayed": [r.projection.waiting["delayed"] for r in runs],
    }


def run_case(size: int, policies: list[str], fmt: str, workers: int) -> dict:
    argv = [sys.executable, __file__, "--case", str(size), "--format", fmt]
    argv += ["--workers", str(workers), *policies]
    out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def show(title: str, result: dict, target: float | None) -> None:
    seconds = result["seconds"]
    ratio = f", {seconds / target:.2f} of the {target:g} s target" if target else ""
    print(f"\n{title}: {seconds:.2f} s{ratio}")
    print(
        f"  CPU: {result['cpu_self']:.2f} s in this process + {result['cpu_workers']:.2f} s in "
        f"the workers; load average at the end {result['load']:.1f} on {os.cpu_count()} cores"
    )
    for phase, value in result["phases"].items():
        print(f"  {phase:<28} {value:7.2f} s")
    plans, workers = result["phases"]["individual plans"], result["workers"]
    print(
        f"  individual plans: {result['planned'] / plans:,.0f} a second on {workers} workers "
        f"({plans / result['planned'] * 1000 * workers:.2f} ms per plan per core)"
    )
    peak = result["peak_mib"]
    print(
        f"  peak memory: {peak:,.0f} MiB (this process {result['rss_self_mib']:,.0f} MiB + "
        f"{workers} × largest worker {result['rss_worker_mib']:,.0f} MiB), "
        f"{peak / MEMORY_TARGET_MIB:.2f} of the {MEMORY_TARGET_MIB:,} MiB target"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="700 people only")
    parser.add_argument("--national", type=int, default=36_100)
    parser.add_argument("--case", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--format", default="text", help=argparse.SUPPRESS)
    parser.add_argument(
        "--workers", type=int, help="processes for the plans (default: the CPUs present)"
    )
    parser.add_argument("policies", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case is not None:
        print(
            json.dumps(case(args.case, args.policies or ["almere-40"], args.format, args.workers))
        )
        return 0
    if args.workers is None:  # imported here: a case counts its own imports
        from padplanner.cohort.individual import available_cpus

        args.workers = available_cpus()
    print(
        f"cohort benchmark: {os.cpu_count()} cores, {args.workers} workers, "
        f"Python {sys.version.split()[0]}"
    )
    small = run_case(700, ["almere-40"], "text", args.workers)
    show("700 people, one policy (almere-40), text", small, TARGETS["small"])
    both = run_case(700, ["almere-40", "everyone"], "html", args.workers)
    show("700 people, two policies side by side, HTML report", both, TARGETS["small"])
    ok = small["seconds"] <= TARGETS["small"]
    if not args.quick:
        big = run_case(args.national, ["almere-40"], "text", args.workers)
        show(
            f"{args.national:,} people (a national year's intake), one policy",
            big,
            TARGETS["national"],
        )
        ok = ok and big["seconds"] <= TARGETS["national"] and big["peak_mib"] <= MEMORY_TARGET_MIB
    print("\nall targets met" if ok else "\nNOT all targets met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
