"""Shared capacities of a cohort: course seats, coaches and a yearly budget.

Capacities come from a ``padplanner.capacity/1`` TOML file, from command-line options, or are
sized for the cohort by documented defaults (:func:`sized_for`). Every figure keeps a note of
where it came from, and the report prints them.

```toml
schema = "padplanner.capacity/1"
budget_eur = 2700000        # per calendar year, for courses and intensive mediation
coaches = 6                 # job coaches for intensive mediation
caseload = 25               # people per coach in intensive mediation
mediation_eur = 2000        # one-off cost of intensive mediation per person
[groups]                    # groups per course start; seats = the module's group_size × groups
default = 2                 # for every module not named below (omit: sized for the cohort)
"nt2-a1-a2" = 4
```
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from padplanner.catalog import Catalog
from padplanner.cohort.outline import Outline
from padplanner.errors import InputError, Problem, phrased, phrased_closest, unknown_key
from padplanner.i18n import N_
from padplanner.limits import read_toml, shape_problems

CAPACITY_SCHEMA = "padplanner.capacity/1"
ROUTE_PRICE_EUR = 11_600
BUDGET_SOURCE = (
    "the courses the plans ask for in their busiest calendar year, rounded up to €10,000, so "
    "money binds only where a policy adds to it (for comparison: the national route price "
    "assumption is ≈ €11,600 a person in 2025, Divosa, see docs/domain.md)"
)
CASELOAD = 25
CASELOAD_SOURCE = (
    "rule of thumb: 25 people per job coach in intensive mediation (calibrate locally)"
)
COACH_RATIO = 50
COACH_RATIO_SOURCE = (
    "rule of thumb: one job coach per 50 people on a path at the busiest week, so about half "
    "the cohort can be mediated intensively at once (calibrate locally)"
)
SEAT_SHARE = 0.9
MEDIATION_EUR = 2_000
MEDIATION_SOURCE = (
    "rule of thumb after an alderman's interview (Sociale Vraagstukken, March 2018; "
    "docs/domain.md): €1.4 M extra over three years for training and mediation of the city's "
    "about 700 status holders, ≈ €2,000 a person"
)
HORIZON_WEEKS = 520
FIELDS = (
    "schema",
    "budget_eur",
    "coaches",
    "caseload",
    "mediation_eur",
    "horizon_weeks",
    "groups",
)


@attrs.frozen
class Capacities:
    """Hard limits the capacity pass never exceeds.

    ``seats``: module id → seats per course start (modules with a start calendar) or seats at
    any one time (rolling modules); modules not listed have no seat limit (one-to-one work).
    ``coaches × caseload`` people can be in intensive mediation at any week (standard
    guidance by the municipality's counsellors is not limited here). ``budget_eur`` is per
    calendar year; a course is booked in the year it starts, mediation in the year it starts.
    ``horizon_weeks`` is the longest an activity may wait; beyond it a person is reported as
    not served.
    """

    seats: Mapping[str, int]
    coaches: int
    budget_eur: int
    caseload: int = CASELOAD
    mediation_eur: int = MEDIATION_EUR
    horizon_weeks: int = HORIZON_WEEKS
    sources: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def coach_places(self) -> int:
        """People who can be in intensive mediation at the same time."""
        return self.coaches * self.caseload

    def to_dict(self) -> dict[str, Any]:
        return {
            "budget_eur_per_year": self.budget_eur,
            "coaches": self.coaches,
            "caseload": self.caseload,
            "mediation_eur": self.mediation_eur,
            "horizon_weeks": self.horizon_weeks,
            "seats": dict(sorted(self.seats.items())),
            "sources": dict(sorted(self.sources.items())),
        }


@attrs.frozen
class Overrides:
    """Figures a person set (file or options); everything else is sized for the cohort."""

    budget_eur: int | None = None
    coaches: int | None = None
    caseload: int | None = None
    mediation_eur: int | None = None
    horizon_weeks: int | None = None
    groups: Mapping[str, int] = attrs.field(factory=dict)
    source: str = ""

    def merge(self, other: Overrides) -> Overrides:
        """``other`` wins where it sets a figure (options over a file)."""
        values = {
            field.name: getattr(other, field.name)
            if getattr(other, field.name) is not None
            else getattr(self, field.name)
            for field in attrs.fields(Overrides)
            if field.name not in ("groups", "source")
        }
        sources = " + ".join(s for s in (self.source, other.source) if s)
        return Overrides(**values, groups={**self.groups, **other.groups}, source=sources)


def _whole(value: Any, file: str, key: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InputError(
            [
                Problem(
                    file, key, phrased("input.capacity.whole", minimum=minimum, value=repr(value))
                )
            ]
        )
    return value


def parse_capacity(data: Mapping[str, Any], file: str, catalog: Catalog) -> Overrides:
    """Read a ``padplanner.capacity/1`` document; every problem names its key."""
    problems: list[Problem] = []
    if data.get("schema") != CAPACITY_SCHEMA:
        said = phrased("input.capacity.schema", schema=CAPACITY_SCHEMA)
        problems.append(Problem(file, "schema", said))
    for key in data:
        if key not in FIELDS:
            problems.append(Problem(file, key, unknown_key(key, FIELDS)))
    values: dict[str, int] = {}
    for key, minimum in (
        ("budget_eur", 0),
        ("coaches", 0),
        ("caseload", 1),
        ("mediation_eur", 0),
        ("horizon_weeks", 52),
    ):
        if key in data:
            try:
                values[key] = _whole(data[key], file, key, minimum)
            except InputError as exc:
                problems.extend(exc.problems)
    groups: dict[str, int] = {}
    raw = data.get("groups", {})
    if not isinstance(raw, Mapping):
        problems.append(Problem(file, "groups", phrased("input.capacity.groups")))
        raw = {}
    for module, value in raw.items():
        key = f"groups.{module}"
        if module != "default" and module not in catalog.modules:
            said = phrased_closest(
                N_("input.client.module"),
                N_("input.client.module.close"),
                module,
                catalog.modules,
                key=repr(module),
            )
            problems.append(Problem(file, key, said))
            continue
        try:
            groups[module] = _whole(value, file, key, 0)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return Overrides(**values, groups=groups, source=file)


def load_capacity(path: Path, catalog: Catalog) -> Overrides:
    """Read a ``padplanner.capacity/1`` file (a regular file of at most 1 MiB)."""
    data = read_toml(path)
    if problems := shape_problems(data, str(path)):
        raise InputError(problems)
    return parse_capacity(data, str(path), catalog)


def course_index(module_first: date, every: int, day: date) -> int:
    """Which course start (0 = ``first``) a person joining on ``day`` takes part in."""
    return (day - module_first).days // (7 * every)


def _percentile(values: Sequence[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def _week(day: date) -> int:
    """Monday-based week number since 0001-01-01 (a Monday)."""
    return (day.toordinal() - 1) // 7


def _seat_demand(outlines: Sequence[Outline], catalog: Catalog) -> dict[str, int]:
    """Seats per course start (or at a time) enough for 9 in 10 of the starts (weeks) in use."""
    starts: dict[str, dict[int, int]] = {}
    busy: dict[str, dict[int, int]] = {}  # rolling modules: +1 where a step starts, -1 at its end
    modules = {m.id: m for m in catalog.modules.values() if m.group_size}
    for person in outlines:
        ordinal = person.plan_start.toordinal()
        for step in person.steps:
            module = modules.get(step.module)
            if module is None:
                continue
            day = ordinal + 7 * step.start
            if module.starts.rolling:
                changes = busy.setdefault(module.id, {})
                first = (day - 1) // 7
                changes[first] = changes.get(first, 0) + 1
                changes[first + step.weeks] = changes.get(first + step.weeks, 0) - 1
            else:
                first = (module.starts.first or person.plan_start).toordinal()
                index = (day - first) // (7 * module.starts.every_weeks)
                counts = starts.setdefault(module.id, {})
                counts[index] = counts.get(index, 0) + 1
    for module_id, changes in busy.items():
        counts, current = {}, 0
        for week in range(min(changes), max(changes)):
            current += changes.get(week, 0)
            if current > 0:
                counts[week] = current
        starts[module_id] = counts
    seats: dict[str, int] = {}
    for module_id, counts in starts.items():
        if not counts:
            continue
        size = modules[module_id].group_size or 1
        wanted = _percentile(list(counts.values()), SEAT_SHARE)
        seats[module_id] = size * max(1, math.ceil(wanted / size))
    return seats


def _busiest_year(outlines: Sequence[Outline]) -> int:
    per_year: dict[int, float] = {}
    years: dict[int, int] = {}
    for person in outlines:
        ordinal = person.plan_start.toordinal()
        for step in person.steps:
            day = ordinal + 7 * step.start
            if day not in years:
                years[day] = date.fromordinal(day).year
            per_year[years[day]] = per_year.get(years[day], 0.0) + step.cost_eur
    return 10_000 * math.ceil(max(per_year.values(), default=0.0) / 10_000)


def _peak_on_path(outlines: Sequence[Outline]) -> int:
    change: dict[int, int] = {}
    for person in outlines:
        if not person.steps:
            continue
        base = _week(person.plan_start)
        first = base + min(s.start for s in person.steps)
        last = base + person.completion
        change[first] = change.get(first, 0) + 1
        change[last] = change.get(last, 0) - 1
    peak = current = 0
    for week in sorted(change):
        current += change[week]
        peak = max(peak, current)
    return peak


def sized_for(
    outlines: Sequence[Outline], catalog: Catalog, overrides: Overrides = Overrides()
) -> Capacities:
    """Capacities for this cohort: the figures in ``overrides``, documented defaults for the rest.

    Defaults (each noted in ``sources``):

    - seats: for each group module, whole groups (``group_size``) per course start (rolling
      modules: at a time) enough for the plans' demand at 9 in 10 of the course starts (weeks)
      between the first and the last the plans ask for; the busiest starts wait;
    - coaches: one job coach per 50 people on a path at the busiest week, 25 people each in
      intensive mediation: about half the cohort can be mediated intensively at once;
    - budget: what the plans' courses cost in their busiest calendar year (rounded up to
      €10,000); intensive mediation must fit in it too.
    """
    sources: dict[str, str] = {}
    caseload = overrides.caseload or CASELOAD
    sources["caseload"] = overrides.source if overrides.caseload else CASELOAD_SOURCE
    if overrides.coaches is not None:
        coaches = overrides.coaches
        sources["coaches"] = overrides.source
    else:
        peak = _peak_on_path(outlines)
        coaches = max(1, math.ceil(peak / COACH_RATIO))
        sources["coaches"] = f"default: {peak} people on a path at the busiest week; " + (
            COACH_RATIO_SOURCE.removeprefix("rule of thumb: ")
        )
    if overrides.budget_eur is not None:
        budget = overrides.budget_eur
        sources["budget_eur"] = overrides.source
    else:
        budget = _busiest_year(outlines)
        sources["budget_eur"] = f"default: {BUDGET_SOURCE}"
    mediation = MEDIATION_EUR if overrides.mediation_eur is None else overrides.mediation_eur
    sources["mediation_eur"] = (
        MEDIATION_SOURCE if overrides.mediation_eur is None else overrides.source
    )
    demand = _seat_demand(outlines, catalog)
    seats: dict[str, int] = {}
    default_groups = overrides.groups.get("default")
    for module_id in sorted(catalog.modules):
        size = catalog.modules[module_id].group_size
        if not size:
            continue
        groups = overrides.groups.get(module_id, default_groups)
        if groups is not None:
            seats[module_id] = size * groups
        elif module_id in demand:
            seats[module_id] = demand[module_id]
    seat_rule = (
        "whole groups (the module's group_size) per course start (rolling modules: at a "
        "time), enough for the plans' demand at 9 in 10 course starts; the busiest wait"
    )
    sources["seats"] = (
        f"{overrides.source} (groups per course start), else {seat_rule}"
        if overrides.groups
        else f"default: {seat_rule}"
    )
    return Capacities(
        seats=seats,
        coaches=coaches,
        budget_eur=budget,
        caseload=caseload,
        mediation_eur=mediation,
        horizon_weeks=overrides.horizon_weeks or HORIZON_WEEKS,
        sources=sources,
    )
