"""Calibrated hours (``padplanner.calibration/1``): a municipality's own figures, as a dated
parameter.

``padplanner calibrate`` writes such a file from the hours and exams recorded in the store.
A municipality opts into it by putting the file among its plugin's catalogue files (or by
naming it in ``PADPLANNER_CALIBRATION``): from its ``applies_from`` date the law's hours rule
then uses the calibrated factor per learner profile instead of the reference figures, and
says so in every estimate's reason (the law's calibrated-hours rule: the figure, the number
of people behind it and its 95 % interval). Before that date, and for a profile without
data, the reference figures apply as before.

The file becomes the value of the dated parameter ``hours_calibration`` (the national
catalogue holds an empty value, "not calibrated", from 2022): several calibrations of one
municipality each apply from their own date, so a plan made last year can be explained with
the figures of last year.

```toml
schema = "padplanner.calibration/1"
made = 2026-01-05
applies_from = 2026-01-05
municipality = "GM0034"          # "" = every municipality in the data
source = "padplanner calibrate: 512 people, hours and exams recorded up to 2026-01-05"
method = "..."
reference_hours_per_step = 240

[spread]                         # a person's hours around the profile's figure (factors)
low = 0.66                       # 10th percentile
high = 1.51                      # 90th percentile
sigma = 0.32                     # standard deviation of the log hours

[profile.primary]                # one table per learner profile (see PROFILES)
factor = 1.21                    # × the reference hours, instead of the catalogue's factor
low = 1.08                       # its 95 % interval
high = 1.36
reference = 1.0                  # the catalogue's factor it was shrunk toward
n = 143                          # people behind the figure
completed = 97                   # of them, how many reached the level (the rest: censored)
weight = 0.83                    # weight of the data against the reference (0..1)
hours_per_step = 290             # factor × reference_hours_per_step
```
"""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import Path
from typing import Any

from padplanner.catalog.spec import CatalogFile, ParameterSpec, ValueSpec
from padplanner.errors import InputError, Phrased, Problem, phrased, unknown_key
from padplanner.limits import load_toml, read_input
from padplanner.model.profiles import PROFILES

SCHEMA = "padplanner.calibration/1"
PARAMETER = "hours_calibration"
_TOP = {
    "schema",
    "made",
    "applies_from",
    "municipality",
    "source",
    "method",
    "reference_hours_per_step",
    "spread",
    "profile",
}
_PROFILE_NUMBERS = ("factor", "low", "high", "reference", "weight", "hours_per_step")
_PROFILE_COUNTS = ("n", "completed")
_SPREAD = ("low", "high", "sigma")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def parse_calibration(raw: dict[str, Any], file: str) -> tuple[CatalogFile | None, list[Problem]]:
    """The calibration in ``raw`` as a catalogue file holding the ``hours_calibration``
    parameter, or ``None`` and one problem per bad field (with its key path and the fix)."""
    problems: list[Problem] = []

    def bad(path: str, message: Phrased) -> None:
        problems.append(Problem(file, path, message))

    for key in sorted(set(raw) - _TOP):
        bad(key, unknown_key(key, sorted(_TOP)))
    for key in ("made", "applies_from"):
        if not isinstance(raw.get(key), dt.date) or isinstance(raw.get(key), dt.datetime):
            bad(key, phrased("input.calibration.date"))
    for key in ("municipality", "source", "method"):
        if not isinstance(raw.get(key, ""), str):
            bad(key, phrased("input.calibration.text"))
    if not raw.get("source"):
        bad("source", phrased("input.calibration.source"))
    reference = raw.get("reference_hours_per_step", 240)
    if not _number(reference) or reference <= 0:
        bad("reference_hours_per_step", phrased("input.calibration.positive"))
    spread = raw.get("spread", {})
    if not isinstance(spread, dict):
        bad("spread", phrased("input.calibration.spread"))
        spread = {}
    for key in _SPREAD:
        if not _number(spread.get(key)) or spread.get(key) <= 0:
            bad(f"spread.{key}", phrased("input.calibration.positive"))
    if not problems and not spread["low"] <= 1 <= spread["high"]:
        bad("spread", phrased("input.calibration.spread.one"))
    profiles = raw.get("profile", {})
    if not isinstance(profiles, dict) or not profiles:
        bad("profile", phrased("input.calibration.profiles", profiles=", ".join(PROFILES)))
        profiles = {}
    figures: dict[str, dict[str, Any]] = {}
    for name, item in profiles.items():
        where = f"profile.{name}"
        if name not in PROFILES:
            bad(where, phrased("input.calibration.profile", profiles=", ".join(PROFILES)))
            continue
        if not isinstance(item, dict):
            bad(where, phrased("input.calibration.table"))
            continue
        allowed = [*_PROFILE_NUMBERS, *_PROFILE_COUNTS]
        for key in sorted(set(item) - set(allowed)):
            bad(f"{where}.{key}", unknown_key(key, allowed))
        ok = True
        for key in _PROFILE_NUMBERS:
            if not _number(item.get(key)) or item[key] < 0:
                bad(f"{where}.{key}", phrased("input.calibration.number"))
                ok = False
        for key in _PROFILE_COUNTS:
            value = item.get(key)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                bad(f"{where}.{key}", phrased("input.calibration.count"))
                ok = False
        if not ok:
            continue
        if not 0 < item["low"] <= item["factor"] <= item["high"]:
            bad(where, phrased("input.calibration.order"))
        if item["completed"] > item["n"]:
            bad(f"{where}.completed", phrased("input.calibration.completed"))
        if item["weight"] > 1:
            bad(f"{where}.weight", phrased("input.calibration.weight"))
        figures[name] = dict(item)
    if problems:
        return None, problems
    value = {
        "made": raw["made"].isoformat(),
        "municipality": raw.get("municipality", ""),
        "source": raw["source"],
        "reference_hours_per_step": reference,
        "spread": {key: float(spread[key]) for key in _SPREAD},
        "profiles": figures,
    }
    spec = ParameterSpec(
        values=(ValueSpec(raw["applies_from"], value, raw["source"]),),
        description="Hours per learner profile calibrated on the municipality's own data",
    )
    return CatalogFile(schema=SCHEMA, parameter={PARAMETER: spec}), []


ENV = "PADPLANNER_CALIBRATION"


def opted_in(municipality: str) -> list[Path]:
    """The calibration files named in ``PADPLANNER_CALIBRATION`` (separated like ``PATH``)
    that apply to ``municipality``: made for it, or for every municipality (``""``). A file
    that cannot be read is returned too, so loading it reports the problem."""
    out = []
    for item in os.environ.get(ENV, "").split(os.pathsep):
        if not item.strip():
            continue
        path = Path(item.strip())
        try:
            found = str(load_toml(read_input(path), str(path)).get("municipality", ""))
        except InputError:
            found = ""  # loading the file names the problem
        if found in ("", municipality):
            out.append(path)
    return out
