"""One plan through the Python API, warm process: median and p95 per example person.

    python benchmarks/plan_speed.py [--rounds N] [--profile] [--json FILE]

Loads the planner and every client file in ``examples/clients`` first, plans each person once
to warm the caches (catalogue, plugins, hook lists), then times ``planner.plan(client)``
``--rounds`` times per person, interleaved. Target: median ≤ 2 ms.
``--profile`` prints where the time goes (cProfile, cumulative).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import platform
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from padplanner import Planner, load_client  # noqa: E402

TARGET_MEDIAN_MS = 2.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="timed plans per person")
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    planner = Planner.default()
    people = [
        (path.stem, load_client(path)) for path in sorted(ROOT.glob("examples/clients/*.toml"))
    ]
    for _, client in people:  # warm: catalogues, plugin hook lists, imports
        planner.plan(client)

    times: dict[str, list[float]] = {name: [] for name, _ in people}
    gc.collect()
    for _ in range(args.rounds):
        for name, client in people:
            start = time.perf_counter()
            planner.plan(client)
            times[name].append((time.perf_counter() - start) * 1000)

    print(f"plan_speed: {len(people)} people x {args.rounds} rounds, warm process")
    print(f"python {platform.python_version()} on {platform.machine()}")
    print(f"{'person':<10} {'activities':>10} {'median ms':>10} {'p95 ms':>8}")
    for name, client in people:
        activities = len(planner.plan(client).activities)
        values = times[name]
        print(
            f"{name:<10} {activities:>10} {statistics.median(values):>10.2f} "
            f"{percentile(values, 95):>8.2f}"
        )
    every = [t for values in times.values() for t in values]
    median = statistics.median(every)
    print(
        f"all        {'':>10} {median:>10.2f} {percentile(every, 95):>8.2f}   "
        f"target median <= {TARGET_MEDIAN_MS:g} ms: ratio {median / TARGET_MEDIAN_MS:.2f} "
        f"({'met' if median <= TARGET_MEDIAN_MS else 'NOT met'})"
    )

    if args.json:
        args.json.write_text(
            json.dumps({"plan": {"median_ms": median, "p95_ms": percentile(every, 95)}})
        )
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(50):
            for _, client in people:
                planner.plan(client)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
