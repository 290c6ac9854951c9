"""Voorbeeldstad (GM9001): a fictional municipality with a policy that contrasts with Almere's.

The policy is drawn from proposals made in reactions to the Almere interview: volunteer work
from the first month (a CV from day one), a social workplace when the regular labour market is
out of reach, language lessons in mixed groups with Dutch speakers, and a progress conversation
every 8 weeks. GM9001 is not a real CBS municipality code.
"""

from pathlib import Path

__version__ = "0.1.0"
MUNICIPALITY = "GM9001"  # fictional: real CBS codes stay below GM2000

_HERE = Path(__file__).resolve().parent
CATALOG_DIR = _HERE / "catalog"


def rule_cases_dir() -> Path | None:
    """The rule cases: shipped in a wheel as ``rule_cases``, in a checkout under ``tests/``."""
    for candidate in (_HERE / "rule_cases", _HERE.parent / "tests" / "rules"):
        if candidate.is_dir():
            return candidate
    return None
