"""PSPLIB j30: the benchmark's reader and the heuristic on a few instances with a known optimum.

The public instances are not part of the repository: set ``PADPLANNER_PSPLIB`` to their
folder (``benchmarks/psplib.py`` says how to get them) or these tests are skipped. The parser
itself is tested without the data.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from psplib import VARIABLE, folder, optimum_file, parse_sm, read_optimum, read_sm

from padplanner.schedule import solve, validate

J30 = folder()
needs_data = pytest.mark.skipif(J30 is None, reason=f"PSPLIB j30 not found (set {VARIABLE})")

SMALL = """\
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        1          1           4
   3        1          1           4
   4        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1  R 2
------------------------------------------------------------------------
  1      1     0       0    0
  2      1     3       2    0
  3      1     2       2    1
  4      1     0       0    0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1  R 2
    3    1
************************************************************************
"""


def test_parses_an_instance_without_the_data():
    p = parse_sm(SMALL, "small.sm")
    assert p.capacity == {"R1": 3, "R2": 1}
    assert [t.id for t in p.tasks] == ["1", "2", "3", "4"]
    assert p.task("3").demand == {"R1": 2, "R2": 1} and p.task("3").after == ("1",)
    assert set(p.task("4").after) == {"2", "3"}
    s = solve(p)
    assert s.makespan == 5 and s.optimal  # 2 and 3 cannot share R1 (2 + 2 > 3)


def test_parse_errors_name_the_file():
    with pytest.raises(ValueError, match=r"broken\.sm: no 'PRECEDENCE RELATIONS:' section"):
        parse_sm("nothing here\n", "broken.sm")


def test_the_folder_comes_from_the_argument_or_the_variable(tmp_path, monkeypatch):
    monkeypatch.delenv(VARIABLE, raising=False)
    assert folder() is None
    (tmp_path / "j30" / "optimum").mkdir(parents=True)
    assert folder(tmp_path) is None  # no optimum table yet
    (tmp_path / "j30" / "optimum" / "optimum.csv").write_text("problem,optimum\nj301_1.sm,43\n")
    assert folder(tmp_path) == tmp_path / "j30"
    monkeypatch.setenv(VARIABLE, str(tmp_path / "j30"))
    assert folder() == tmp_path / "j30"
    assert read_optimum(optimum_file(folder())) == {"j301_1.sm": 43}


@needs_data
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


@needs_data
def test_reads_the_optimum_table():
    optimum = read_optimum(optimum_file(J30))
    assert len(optimum) == 480
    assert optimum["j301_1.sm"] == 43


@needs_data
@pytest.mark.parametrize(
    "name", ["j301_1.sm", "j301_2.sm", "j3011_1.sm", "j3041_1.sm", "j3045_2.sm"]
)
def test_heuristic_finds_the_known_optimum(name):
    p = read_sm(J30 / name)
    s = solve(p, effort="thorough")
    assert validate(p, s) == []
    assert s.makespan == read_optimum(optimum_file(J30))[name]
