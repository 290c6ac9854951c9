"""The chance to finish on time: what 1,000 draws add to one plan, warm process.

    python benchmarks/chance_bench.py [--people N] [--rounds N] [--draws N]

Plans the example people and ``--people`` synthetic ones (``padplanner.demo``), then, per
person and round, times ``planner.plan(client)`` and ``planner.plan(client, draws=...)``
back to back; the difference is what the chance adds. Target: 1,000 draws
add at most 20 ms median to one plan (the project's speed target).
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from plan_speed import percentile  # noqa: E402  (this folder is on the path)

from padplanner import Planner, load_client  # noqa: E402
from padplanner.demo import generate  # noqa: E402

TARGET_MS = 20.0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--people", type=int, default=100, help="synthetic people besides the examples"
    )
    parser.add_argument("--rounds", type=int, default=10, help="timed pairs per person")
    parser.add_argument("--draws", type=int, default=1000)
    args = parser.parse_args(argv)

    planner = Planner.default()
    people = [load_client(p) for p in sorted(ROOT.glob("examples/clients/*.toml"))]
    people += generate(args.people, seed=1)
    for client in people:  # warm: catalogues, plugins, numpy and scipy imports
        planner.plan(client, at=client.term_start, draws=args.draws)
    added: list[float] = []
    plain: list[float] = []
    steps: list[int] = []
    gc.collect()
    for _ in range(args.rounds):
        for client in people:
            start = time.perf_counter()
            planner.plan(client, at=client.term_start)
            middle = time.perf_counter()
            planner.plan(client, at=client.term_start, draws=args.draws)
            end = time.perf_counter()
            plain.append((middle - start) * 1000)
            added.append(((end - middle) - (middle - start)) * 1000)
    for client in people:
        steps.append(len(planner.plan(client, at=client.term_start).activities))
    median = statistics.median(added)
    print(f"chance_bench: {len(people)} people x {args.rounds} rounds, {args.draws} draws")
    print(f"python {platform.python_version()} on {platform.machine()}")
    print(f"activities per plan: median {statistics.median(steps):g}, max {max(steps)}")
    print(f"plan without draws: median {statistics.median(plain):.2f} ms")
    print(
        f"added by the draws: median {median:.2f} ms, p95 {percentile(added, 95):.2f} ms, "
        f"max {max(added):.2f} ms   target median <= {TARGET_MS:g} ms: ratio "
        f"{median / TARGET_MS:.2f} ({'met' if median <= TARGET_MS else 'NOT met'})"
    )
    return 0 if median <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
