"""Wall and CPU time of ``padplanner plan FILE --format pdf -o plan.pdf``, a fresh process each run.

Target: a PIP as PDF in under a second. JSON is measured beside it as the baseline
(interpreter start-up, imports and planning without the document).

Runs as on a user's machine, where Python keeps compiled bytecode: one untimed run first,
with ``PYTHONDONTWRITEBYTECODE`` removed from the environment. (A sandbox that sets it
recompiles padplanner's own modules on every run, about 0.08 s.)

    python benchmarks/documents_speed.py [--rounds 3] [--formats pdf,json]
"""

from __future__ import annotations

import argparse
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
    args = parser.parse_args()
    exe = shutil.which("padplanner", path=str(Path(sys.executable).parent)) or "padplanner"
    people = sorted((ROOT / "examples" / "clients").glob("*.toml"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
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


if __name__ == "__main__":
    main()
