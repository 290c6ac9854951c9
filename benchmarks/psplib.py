"""Read PSPLIB single-mode instances (``.sm``) and their known optima, for the benchmark and
its tests (not part of padplanner itself).

Jobs become tasks named by their job number (``"1"`` .. ``"32"`` for j30; the dummy source
and sink are 0-week tasks); resources are named ``R1`` .. ``R4``.

The data is not in this repository. :func:`folder` finds it: ``--psplib DIR`` or the
environment variable ``PADPLANNER_PSPLIB``, a folder with the 480 ``j30*.sm`` files and their
optima in ``optimum.csv`` (``problem,optimum``), directly or in ``optimum/`` (:data:`HOW`).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from padplanner.schedule import Problem, ScheduleError, Task

VARIABLE = "PADPLANNER_PSPLIB"
HOW = f"""\
PSPLIB j30 is public but not part of this repository. To get it:
  1. download j30.sm.zip from PSPLIB (https://www.om-db.wi.tum.de/psplib/data.html) and unpack
     its 480 files (j301_1.sm .. j3048_10.sm) into a folder;
  2. put the optimal makespans next to them as optimum.csv, columns problem,optimum
     (j301_1.sm,43 ...): PSPLIB lists them in j30opt.sm; the kobe-scheduling collection
     (https://github.com/ptal/kobe-scheduling) has them as data/rcpsp/j30.sm/optimum/optimum.csv
     (an optimum/ subfolder is read too);
  3. run with --psplib FOLDER, or set {VARIABLE}=FOLDER (a folder holding j30/ works too)."""


def folder(given: str | Path | None = None) -> Path | None:
    """The j30 folder from ``given`` or ``$PADPLANNER_PSPLIB`` (either may name the folder
    itself or one holding ``j30/``), or None when neither names one with an optimum table."""
    where = given or os.environ.get(VARIABLE)
    if not where:
        return None
    base = Path(where).expanduser()
    for candidate in (base / "j30", base):
        if optimum_file(candidate) is not None:
            return candidate
    return None


def optimum_file(j30: Path) -> Path | None:
    """``optimum.csv`` in ``j30`` or in its ``optimum/`` subfolder, if there is one."""
    for path in (j30 / "optimum.csv", j30 / "optimum" / "optimum.csv"):
        if path.is_file():
            return path
    return None


def parse_sm(text: str, name: str = "<sm>") -> Problem:
    """The :class:`Problem` of one ``.sm`` file's text."""
    lines = text.splitlines()

    def section(title: str) -> int:
        for k, line in enumerate(lines):
            if line.startswith(title):
                return k
        raise ScheduleError(f"{name}: no {title!r} section")

    succs: dict[int, list[int]] = {}
    k = section("PRECEDENCE RELATIONS:") + 2
    while not lines[k].startswith("*"):
        nums = [int(x) for x in lines[k].split()]
        succs[nums[0]] = nums[3 : 3 + nums[2]]
        k += 1
    k = section("REQUESTS/DURATIONS:")
    header = lines[k + 1].split()
    nres = len(header[header.index("duration") + 1 :]) // 2
    k += 3
    jobs: dict[int, tuple[int, list[int]]] = {}
    while not lines[k].startswith("*"):
        nums = [int(x) for x in lines[k].split()]
        jobs[nums[0]] = (nums[2], nums[3 : 3 + nres])
        k += 1
    k = section("RESOURCEAVAILABILITIES:")
    caps = [int(x) for x in lines[k + 2].split()]
    resources = [f"R{r + 1}" for r in range(len(caps))]
    preds: dict[int, list[str]] = {j: [] for j in jobs}
    for j, ss in succs.items():
        for s in ss:
            preds[s].append(str(j))
    tasks = [
        Task(
            str(j),
            duration=d,
            demand={r: q for r, q in zip(resources, dem, strict=True) if q},
            after=tuple(preds[j]),
        )
        for j, (d, dem) in sorted(jobs.items())
    ]
    return Problem(tasks=tasks, capacity=dict(zip(resources, caps, strict=True)))


def read_sm(path: str | Path) -> Problem:
    """The :class:`Problem` of one ``.sm`` file."""
    path = Path(path)
    return parse_sm(path.read_text(), path.name)


def read_optimum(path: str | Path) -> dict[str, int]:
    """``optimum.csv`` (``problem,optimum``) as a mapping from file name to optimal makespan."""
    with Path(path).open(newline="") as handle:
        return {row["problem"]: int(row["optimum"]) for row in csv.DictReader(handle)}
