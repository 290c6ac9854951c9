"""Effect assumptions for the outcomes per policy (``padplanner.effects/1``): explicit,
sourced and adjustable.

A file gives the **baseline** yearly chance of a first job per learner profile (for people
aiming at work, without any extra help), a factor per **aim**, what share of the people in
work keep it (**retention**) and leave welfare (**welfare_exit**), and the **effect** of each
intervention on finding work as a hazard ratio (1 = no effect). Every figure is a band
(``low``–``high``) with its ``source``. An effect nobody has measured is written
``unknown = true`` with the band it may plausibly lie in: the projection then draws it from
that band, so an unknown effect widens the outcome bands; it is never silently taken as
zero (or as certain). The shipped default (``curricula/effects/default.toml``) marks all
three interventions unknown; a municipality replaces them with its own ``padplanner
evaluate`` estimates.

```toml
schema = "padplanner.effects/1"
source = "..."
[baseline.secondary]
rate = 0.11
low = 0.08
high = 0.15
source = "..."
[aim.study]
factor = 0.4
low = 0.25
high = 0.6
source = "..."
[retention]
share = 0.72
low = 0.65
high = 0.8
source = "..."
[welfare_exit]
share = 0.6
low = 0.4
high = 0.8
source = "..."
[effect.mediation]
unknown = true
low = 0.9
high = 1.6
source = "..."
```
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import attrs

from padplanner.catalog import national_catalog_dir
from padplanner.errors import InputError, Problem
from padplanner.limits import load_toml, read_input
from padplanner.model.profiles import PROFILES

SCHEMA = "padplanner.effects/1"
INTERVENTIONS = ("mediation", "dual", "values")
AIMS = ("work", "study", "participation")


@attrs.frozen
class Band:
    """A figure and its plausible range; ``point`` is None when the figure is unknown."""

    point: float | None
    low: float
    high: float
    source: str

    @property
    def unknown(self) -> bool:
        return self.point is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "point": self.point,
            "low": self.low,
            "high": self.high,
            "unknown": self.unknown,
            "source": self.source,
        }


@attrs.frozen
class Effects:
    source: str
    file: str
    baseline: dict[str, Band]  # yearly chance of a first job per learner profile
    aim: dict[str, Band]  # factor on that chance per aim
    retention: Band  # share of people in work still in work
    welfare_exit: Band  # share of those in work whose work ends their welfare
    effect: dict[str, Band]  # hazard ratio per intervention

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": self.source,
            "file": self.file,
            "baseline": {k: v.to_dict() for k, v in self.baseline.items()},
            "aim": {k: v.to_dict() for k, v in self.aim.items()},
            "retention": self.retention.to_dict(),
            "welfare_exit": self.welfare_exit.to_dict(),
            "effect": {k: v.to_dict() for k, v in self.effect.items()},
        }


def default_path() -> Path:
    return national_catalog_dir().parent / "effects" / "default.toml"


def load_effects(path: Path | str | None = None) -> Effects:
    """Read and check an effects file (default: the shipped one); InputError names every bad
    field with its key path."""
    path = Path(path) if path is not None else default_path()
    where = str(path)
    raw = load_toml(read_input(path), where)
    problems: list[Problem] = []

    def bad(key: str, message: str) -> None:
        problems.append(Problem(where, key, message))

    if raw.get("schema") != SCHEMA:
        bad("schema", f'must be "{SCHEMA}"')
    for key in sorted(set(raw) - {"schema", "source", *_TABLES}):
        bad(key, f"unknown key (allowed: schema, source, {', '.join(_TABLES)})")

    def band(key: str, item: Any, value: str, *, ratio: bool = False) -> Band | None:
        if not isinstance(item, dict):
            bad(key, "must be a table")
            return None
        allowed = {value, "low", "high", "source", "unknown"}
        for extra in sorted(set(item) - allowed):
            bad(f"{key}.{extra}", f"unknown key (allowed: {', '.join(sorted(allowed))})")
        unknown = item.get("unknown", False) is True
        if not isinstance(item.get("source"), str) or not item["source"].strip():
            bad(f"{key}.source", "must say where the figure comes from (or why it is unknown)")
        numbers = ("low", "high") if unknown else (value, "low", "high")
        for name in numbers:
            number = item.get(name)
            if (
                isinstance(number, bool)
                or not isinstance(number, int | float)
                or not (math.isfinite(number) and number > 0)
            ):
                bad(f"{key}.{name}", "must be a number above 0")
                return None
        if unknown and value in item:
            bad(f"{key}.{value}", "an unknown figure has a band (low, high), not a value")
            return None
        point = None if unknown else float(item[value])
        low, high = float(item["low"]), float(item["high"])
        if not low <= (point if point is not None else low) <= high or low > high:
            bad(key, f"needs low <= {value} <= high")
            return None
        if not ratio and high > 1:
            bad(f"{key}.high", "a chance or share is at most 1")
            return None
        return Band(point, low, high, item["source"].strip())

    def table(name: str, keys: tuple[str, ...], value: str, ratio: bool = False) -> dict:
        found = raw.get(name, {})
        if not isinstance(found, dict):
            bad(name, "must be a table")
            return {}
        out = {}
        for key in keys:
            if key not in found:
                bad(f"{name}.{key}", "is missing")
                continue
            item = band(f"{name}.{key}", found[key], value, ratio=ratio)
            if item is not None:
                out[key] = item
        for key in sorted(set(found) - set(keys)):
            bad(f"{name}.{key}", f"unknown (one of {', '.join(keys)})")
        return out

    baseline = table("baseline", PROFILES, "rate")
    aim = table("aim", AIMS, "factor", ratio=True)
    effect = table("effect", INTERVENTIONS, "ratio", ratio=True)
    retention = band("retention", raw.get("retention"), "share")
    exit_ = band("welfare_exit", raw.get("welfare_exit"), "share")
    if problems or retention is None or exit_ is None:
        raise InputError(problems)
    return Effects(str(raw.get("source", "")), path.name, baseline, aim, retention, exit_, effect)


_TABLES = ("baseline", "aim", "retention", "welfare_exit", "effect")
