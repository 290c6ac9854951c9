"""PSPLIB j30: the parser and the heuristic on a few instances with a known optimum.

The instances live outside the repository, in ``shared/benchmarks/psplib`` next to it (as in
the CI clone); the tests skip when that folder is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from padplanner.schedule import solve, validate
from padplanner.schedule.psplib import parse_sm, read_optimum, read_sm

J30 = Path(__file__).resolve().parents[2] / ".." / "shared" / "benchmarks" / "psplib" / "j30"
pytestmark = pytest.mark.skipif(not J30.is_dir(), reason=f"PSPLIB j30 not found at {J30}")


def test_reads_the_first_instance():
    p = read_sm(J30 / "j301_1.sm")
    assert p.capacity == {"R1": 12, "R2": 13, "R3": 4, "R4": 12}
    assert len(p.tasks) == 32
    first, second, last = p.task("1"), p.task("2"), p.task("32")
    assert first.duration == 0 and first.demand == {} and first.after == ()
    assert second.duration == 8 and second.demand == {"R1": 4} and second.after == ("1",)
    assert p.task("14").demand == {"R2": 8} and p.task("14").after == ("9", "12")
    assert last.duration == 0 and set(last.after) == {"29", "30", "31"}
    assert sum(t.duration for t in p.tasks) == sum(
        (8, 4, 6, 3, 8, 5, 9, 2, 7, 9, 2, 6, 3, 9, 10, 6, 5, 3, 7, 2, 7, 2, 3, 3, 7, 8, 3, 7, 2, 2)
    )


def test_reads_the_optimum_table():
    optimum = read_optimum(J30 / "optimum.csv")
    assert len(optimum) == 480
    assert optimum["j301_1.sm"] == 43


def test_parse_errors_name_the_file():
    with pytest.raises(ValueError, match=r"broken\.sm: no 'PRECEDENCE RELATIONS:' section"):
        parse_sm("nothing here\n", "broken.sm")


@pytest.mark.parametrize(
    "name", ["j301_1.sm", "j301_2.sm", "j3011_1.sm", "j3041_1.sm", "j3045_2.sm"]
)
def test_heuristic_finds_the_known_optimum(name):
    p = read_sm(J30 / name)
    s = solve(p, effort="thorough")
    assert validate(p, s) == []
    assert s.makespan == read_optimum(J30 / "optimum.csv")[name]
