"""What a placement of the cohort means: the projection a council reads.

Per policy: the share finishing within the term (per route), time to A2 and B1 in all four
skills, hours and cost, waiting, fines at stake, and the use of seats, coaches and budget per
quarter. Everything is computed from the placements themselves (not from the capacity pass's
own ledgers), so it doubles as an independent count.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from statistics import median
from typing import Any

import attrs

from padplanner.catalog import Catalog
from padplanner.cohort.allocation import CAUSES, Placement
from padplanner.cohort.capacity import Capacities, course_index
from padplanner.cohort.outline import TARGETS, Outline


def fined_parts(catalog: Catalog, day: date) -> dict[str, str]:
    """The modules that make a part DUO fines besides the route, by the part they grant: the
    parts are the keys of the law's ``fines_eur`` besides ``route`` (the PVT, the MAP), so
    the Z-route's own MAP counts as the MAP."""
    parts = set(catalog.param("fines_eur", day)) - {"route"}
    return {
        module.id: grant.name
        for module in catalog.modules.values()
        for grant in module.grants
        if grant.name in parts
    }


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


@attrs.frozen
class Quarter:
    label: str  # 2026-Q1
    seats_used: float | None  # seats taken / seats offered at the course starts in use
    coach_used: float | None  # people in mediation / coach places, averaged over the weeks
    spent_eur: int  # courses and mediation booked in the quarter


@attrs.frozen
class Projection:
    """The figures of one policy (or of the plans without capacity limits)."""

    people: int
    served: int
    in_term: float | None
    by_route: dict[str, dict[str, Any]]
    time_to: dict[str, dict[str, float | None]]
    hours: dict[str, float]
    cost: dict[str, Any]
    waiting: dict[str, Any]
    mediation: dict[str, Any]
    fines: dict[str, Any]
    quarters: tuple[Quarter, ...]

    def to_dict(self) -> dict[str, Any]:
        data = attrs.asdict(self, recurse=False)
        data["quarters"] = [attrs.asdict(q) for q in self.quarters]
        return data


class _Seen:
    """Per-person facts derived from an outline and its placement."""

    __slots__ = ("end", "finish", "in_term", "late_parts", "outline", "placement")

    def __init__(self, outline: Outline, placement: Placement, fined: Mapping[str, str]):
        self.outline = outline
        self.placement = placement
        starts = placement.starts
        if starts is None:
            self.end = None
            self.finish = None
            self.in_term = False
            self.late_parts = {
                "route",
                *(fined[s.module] for s in outline.steps if s.module in fined),
            }
            return
        self.end = max(
            (s + st.weeks for s, st in zip(starts, outline.steps, strict=True)), default=0
        )
        self.finish = outline.plan_start + timedelta(weeks=self.end)
        self.in_term = self.finish <= outline.deadline
        late = set()
        if not self.in_term:  # DUO fines the route, and the PVT and MAP when they end late
            late.add("route")
            weeks_left = (outline.deadline - outline.plan_start).days / 7
            for s, step in zip(starts, outline.steps, strict=True):
                if step.module in fined and s + step.weeks > weeks_left:
                    late.add(fined[step.module])
        self.late_parts = late

    def weeks_to(self, level: str) -> float | None:
        starts = self.placement.starts
        if starts is None:
            return None
        worst = 0
        for steps in self.outline.reach[level]:
            if steps is None:
                return None
            if steps:
                worst = max(worst, min(starts[i] + self.outline.steps[i].weeks for i in steps))
        lead = (self.outline.plan_start - self.outline.term_start).days / 7
        return lead + worst


def _quantile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _quarters(
    seen: Sequence[_Seen], caps: Capacities | None, catalog: Catalog, last_quarters: int = 40
) -> tuple[Quarter, ...]:
    if not seen:
        return ()
    epoch = _monday(min(s.outline.plan_start for s in seen))
    spent: dict[str, float] = {}
    taken: dict[tuple[str, int], int] = {}
    rolling: dict[str, dict[int, int]] = {}
    coach: dict[int, int] = {}
    names: dict[int, str] = {}

    def labels(week: int) -> str:
        if week not in names:
            names[week] = _quarter(epoch + timedelta(weeks=week))
        return names[week]

    last_week = 0
    for item in seen:
        outline, placement = item.outline, item.placement
        if placement.starts is None:
            continue
        base = (outline.plan_start - epoch).days // 7
        ordinal = outline.plan_start.toordinal()
        for i, (start, step) in enumerate(zip(placement.starts, outline.steps, strict=True)):
            last_week = max(last_week, base + start + step.weeks)
            if i not in outline.running:  # under way: booked before the reference date
                label = labels(base + start)
                spent[label] = spent.get(label, 0.0) + step.cost_eur
            if caps is None or step.module not in caps.seats:
                continue
            module = catalog.modules[step.module]
            if module.starts.rolling:  # +1 where the step starts, -1 where it ends
                row = rolling.setdefault(step.module, {})
                row[base + start] = row.get(base + start, 0) + 1
                row[base + start + step.weeks] = row.get(base + start + step.weeks, 0) - 1
            else:
                day = date.fromordinal(ordinal + 7 * start)
                first = module.starts.first or outline.plan_start
                key = (step.module, course_index(first, module.starts.every_weeks, day))
                taken[key] = taken.get(key, 0) + 1
        if placement.mediation is not None:
            begin, end = placement.mediation
            label = labels(base + begin)
            spent[label] = spent.get(label, 0.0) + placement.mediation_eur
            coach[base + begin] = coach.get(base + begin, 0) + 1
            coach[base + end] = coach.get(base + end, 0) - 1
            last_week = max(last_week, base + end)
    offered: dict[str, int] = {}
    used: dict[str, int] = {}
    if caps is not None:
        by_module: dict[str, list[int]] = {}
        for module_id, index in taken:
            by_module.setdefault(module_id, []).append(index)
        for module_id, indexes in by_module.items():
            module = catalog.modules[module_id]
            first = module.starts.first or epoch
            for index in range(min(indexes), max(indexes) + 1):
                day = first + timedelta(weeks=index * module.starts.every_weeks)
                label = _quarter(day)
                offered[label] = offered.get(label, 0) + caps.seats[module_id]
                used[label] = used.get(label, 0) + taken.get((module_id, index), 0)
        for module_id, row in rolling.items():
            current = 0
            for week in range(min(row), max(row)):
                current += row.get(week, 0)
                label = labels(week)
                offered[label] = offered.get(label, 0) + caps.seats[module_id]
                used[label] = used.get(label, 0) + current
    weeks_in: dict[str, int] = {}
    coach_in: dict[str, int] = {}
    week = current = 0
    while week < last_week:
        label = labels(week)
        current += coach.get(week, 0)
        weeks_in[label] = weeks_in.get(label, 0) + 1
        coach_in[label] = coach_in.get(label, 0) + current
        week += 1
    out = []
    for label in sorted(weeks_in)[:last_quarters]:
        coach_used = None
        if caps is not None and caps.coach_places:
            coach_used = round(coach_in[label] / (caps.coach_places * weeks_in[label]), 4)
        seats_used = round(used[label] / offered[label], 4) if offered.get(label) else None
        out.append(Quarter(label, seats_used, coach_used, round(spent.get(label, 0.0))))
    return tuple(out)


DELAY_BANDS = ((0, 0, "none"), (1, 8, "1-8 w"), (9, 26, "9-26 w"), (27, 52, "27-52 w"))


def _bands(seen: Sequence[_Seen]) -> dict[str, int]:
    """People per band of delay (weeks the path ends later than planned)."""
    out = {label: 0 for _, _, label in DELAY_BANDS}
    out["over 52 w"] = 0
    out["not served"] = 0
    for item in seen:
        if not item.placement.served:
            out["not served"] += 1
            continue
        delay = item.placement.delay
        label = next((lb for low, high, lb in DELAY_BANDS if low <= delay <= high), "over 52 w")
        out[label] += 1
    return out


def project(
    outlines: Sequence[Outline],
    placements: Sequence[Placement],
    capacities: Capacities | None,
    catalog: Catalog,
) -> Projection:
    """The projection of ``placements`` (one per outline, any order)."""
    by_id = {o.id: o for o in outlines}
    fined: dict[date, dict[str, str]] = {}
    for outline in outlines:
        if outline.deadline not in fined:
            fined[outline.deadline] = fined_parts(catalog, outline.deadline)
    seen = [_Seen(by_id[p.id], p, fined[by_id[p.id].deadline]) for p in placements]
    seen.sort(key=lambda s: s.outline.id)
    people = len(seen)
    served = [s for s in seen if s.placement.served]
    routes: dict[str, list[_Seen]] = {}
    for item in seen:
        routes.setdefault(item.outline.route, []).append(item)
    by_route = {
        route: {
            "people": len(items),
            "in_term": share(sum(i.in_term for i in items), len(items)),
        }
        for route, items in sorted(routes.items())
    }
    time_to = {}
    for level in TARGETS:
        weeks = [w for w in (s.weeks_to(level) for s in seen) if w is not None]
        time_to[level] = {
            "reached": share(len(weeks), people),
            "median_weeks": _round(median(weeks)) if weeks else None,
            "mean_weeks": _round(sum(weeks) / len(weeks)) if weeks else None,
        }
    hours = [s.outline.total_hours for s in served]
    courses = sum(s.outline.cost_eur for s in served)
    mediation = sum(s.placement.mediation_eur for s in served)
    by_year: dict[int, float] = {}
    years: dict[int, int] = {}  # ordinal → year

    def year_of(ordinal: int) -> int:
        if ordinal not in years:
            years[ordinal] = date.fromordinal(ordinal).year
        return years[ordinal]

    for item in served:
        ordinal = item.outline.plan_start.toordinal()
        for start, step in zip(item.placement.starts, item.outline.steps, strict=True):
            year = year_of(ordinal + 7 * start)
            by_year[year] = by_year.get(year, 0.0) + step.cost_eur
        if item.placement.mediation is not None:
            year = year_of(ordinal + 7 * item.placement.mediation[0])
            by_year[year] = by_year.get(year, 0.0) + item.placement.mediation_eur
    delays = [s.placement.delay for s in served]
    delayed = [d for d in delays if d > 0]
    seat_waits = [sum(w.weeks for w in s.placement.waits if w.cause == "seats") for s in served]
    causes = {cause: 0 for cause in CAUSES}
    for item in seen:
        rule = item.placement.reason.rule
        for cause in CAUSES:
            if rule.endswith(f".{cause}"):
                causes[cause] += 1
    intensive = [s for s in seen if s.placement.intensive]
    mediated = [s for s in intensive if s.placement.mediation is not None]
    coach_waits = [
        s.placement.mediation[0] - min(s.placement.starts, default=0)
        for s in mediated
        if s.placement.starts
    ]
    fines_people = 0
    tables: dict[date, dict] = {}
    fines_parts = dict.fromkeys(
        catalog.param("fines_eur", outlines[0].deadline) if outlines else ("route",), 0
    )
    for item in seen:
        if item.in_term:
            continue
        fines_people += 1
        deadline = item.outline.deadline
        if deadline not in tables:
            tables[deadline] = catalog.param("fines_eur", deadline)
        table = tables[deadline]
        for part in table:
            if part in item.late_parts:
                fines_parts[part] = fines_parts.get(part, 0) + int(table[part])
    return Projection(
        people=people,
        served=len(served),
        in_term=share(sum(s.in_term for s in seen), people),
        by_route=by_route,
        time_to=time_to,
        hours={
            "mean": _round(sum(hours) / len(hours)) if hours else 0.0,
            "total": round(sum(hours)),
        },
        cost={
            "courses_eur": round(courses),
            "mediation_eur": round(mediation),
            "total_eur": round(courses + mediation),
            "per_person_eur": round((courses + mediation) / people) if people else 0,
            "by_year_eur": {str(year): round(v) for year, v in sorted(by_year.items())},
        },
        waiting={
            "delayed": share(len(delayed), people),
            "mean_delay_weeks": _round(sum(delays) / people) if people else None,
            "median_delay_weeks_of_delayed": _round(median(delayed)) if delayed else None,
            "p90_delay_weeks": _quantile(delays, 0.9),
            "mean_seat_wait_weeks": _round(sum(seat_waits) / people) if people else None,
            "main_cause": causes,
            "bands": _bands(seen),
            "unserved": people - len(served),
        },
        mediation={
            "intensive": len(intensive),
            "mediated": len(mediated),
            "mean_coach_wait_weeks": _round(sum(coach_waits) / len(coach_waits))
            if coach_waits
            else None,
        },
        fines={
            "people": fines_people,
            "at_stake_eur": sum(fines_parts.values()),
            "by_part_eur": fines_parts,
        },
        quarters=_quarters(seen, capacities, catalog),
    )
