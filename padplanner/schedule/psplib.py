"""Read PSPLIB single-mode instances (``.sm``) and their ``optimum.csv``.

Jobs become tasks named by their job number (``"1"`` .. ``"32"`` for j30; the dummy source
and sink are 0-week tasks); resources are named ``R1`` .. ``R4``.
"""

from __future__ import annotations

import csv
from pathlib import Path

from padplanner.schedule.model import Problem, ScheduleError, Task


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
