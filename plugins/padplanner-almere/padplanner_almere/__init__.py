"""Almere (GM0034): local integration policy as padplanner rules.

The rules come from an interview with the city's alderman on why integration was failing
(700 status holders; 3 % out of welfare after years). Each rule has a stable id (``almere.*``),
its numbers are dated parameters in ``catalog/almere.toml``, its plain-words description is in
``catalog/rules.toml``, and its rule cases are in ``tests/rules/``. The hooks live in
:mod:`padplanner_almere.hooks`, the findings they give on a plan in
:mod:`padplanner_almere.findings`, and the cohort ranking in :mod:`padplanner_almere.budget`.
"""

from pathlib import Path

__version__ = "0.1.0"
MUNICIPALITY = "GM0034"

_HERE = Path(__file__).resolve().parent
CATALOG_DIR = _HERE / "catalog"


def rule_cases_dir() -> Path | None:
    """The rule cases: shipped in a wheel as ``rule_cases``, in a checkout under ``tests/``."""
    for candidate in (_HERE / "rule_cases", _HERE.parent / "tests" / "rules"):
        if candidate.is_dir():
            return candidate
    return None
