"""The fairness view: who is selected, who finishes in time, who waits, per permitted group.

A municipality sees, per policy, selection (intensive mediation), a place in the front half of
the queue, finishing within the term and waiting, broken down by permitted attributes only:
education, literacy, age band, route and hours available. The report also says which fields
were deliberately not used. The lowest-to-highest ratio of a rate across an attribute's groups
(groups of at least 20 people) is shown, and flagged below 0.8 (the "four-fifths" screening
rule: a signal to look closer, not proof of unfairness).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from padplanner.cohort.allocation import Placement
from padplanner.cohort.outline import Outline
from padplanner.cohort.policies import EXCLUDED_FIELDS, NOT_SHOWN_TO_RULES
from padplanner.model import ClientView

ATTRIBUTES: dict[str, str] = {
    "education": "education (intake)",
    "literacy": "literacy (intake)",
    "age_band": "age in whole years at the term start (the birth date itself is never shown)",
    "route": "route of the individual plan",
    "hours_band": "weekly_hours (hours a week available)",
}
"""Permitted attributes of the breakdown, and the field each comes from."""

NOT_USED: dict[str, str] = {
    **{
        name: "not modelled at all: never used in routes, priority or risk rules "
        "(SyRI ruling, childcare-benefits scandal)"
        for name in EXCLUDED_FIELDS
        if name != "name"
    },
    "name": "never shown to rules (a proxy for origin)",
    **{name: "never shown to rules" for name in NOT_SHOWN_TO_RULES if name not in EXCLUDED_FIELDS},
}
"""Fields deliberately not used, and why."""

AGE_BANDS = ((18, 27, "18-27"), (28, 39, "28-39"), (40, 54, "40-54"), (55, 200, "55+"))
HOURS_BANDS = ((0, 11, "under 12 h"), (12, 19, "12-19 h"), (20, 1000, "20 h or more"))
THRESHOLD = 0.8
MIN_GROUP = 20  # smaller groups are shown but not compared: their rates are mostly chance
RATES = ("selected", "front", "in_term")


def _band(value: int, bands) -> str:
    for low, high, label in bands:
        if low <= value <= high:
            return label
    return f"{value}"


def groups_of(view: ClientView, outline: Outline) -> dict[str, str]:
    """A person's group for every permitted attribute."""
    return {
        "education": view.education,
        "literacy": view.literacy,
        "age_band": _band(view.age_at_term_start, AGE_BANDS),
        "route": outline.route,
        "hours_band": _band(view.weekly_hours, HOURS_BANDS),
    }


@attrs.frozen
class Group:
    value: str
    people: int
    selected: float  # share in intensive mediation
    front: float  # share in the front half of the queue
    in_term: float  # share finishing within the term
    mean_delay_weeks: float


@attrs.frozen
class Fairness:
    groups: dict[str, tuple[Group, ...]]
    ratios: dict[str, dict[str, float | None]]  # attribute → rate → lowest / highest
    flags: tuple[str, ...]  # "age_band: in_term 0.62"

    def to_dict(self) -> dict[str, Any]:
        return {
            "groups": {
                name: [attrs.asdict(g) for g in groups] for name, groups in self.groups.items()
            },
            "ratios": self.ratios,
            "flags": list(self.flags),
            "threshold": THRESHOLD,
            "min_group": MIN_GROUP,
        }


def assess(
    groups: Mapping[str, Mapping[str, str]],
    outlines: Sequence[Outline],
    placements: Sequence[Placement],
) -> Fairness:
    """Rates per group of every permitted attribute for one policy's placements."""
    by_id = {o.id: o for o in outlines}
    half = len(placements) / 2
    facts = []
    for p in placements:
        outline = by_id[p.id]
        in_term = False
        if p.starts is not None:
            end = max(
                (s + st.weeks for s, st in zip(p.starts, outline.steps, strict=True)), default=0
            )
            in_term = (outline.plan_start - outline.deadline).days + 7 * end <= 0
        facts.append((groups[p.id], p.intensive, p.place <= half, in_term, p.delay))
    result: dict[str, tuple[Group, ...]] = {}
    ratios: dict[str, dict[str, float | None]] = {}
    flags: list[str] = []
    for attribute in ATTRIBUTES:
        buckets: dict[str, list] = {}
        for fact in facts:
            buckets.setdefault(fact[0][attribute], []).append(fact)
        rows = []
        for value in sorted(buckets):
            items = buckets[value]
            n = len(items)
            rows.append(
                Group(
                    value=value,
                    people=n,
                    selected=round(sum(f[1] for f in items) / n, 4),
                    front=round(sum(f[2] for f in items) / n, 4),
                    in_term=round(sum(f[3] for f in items) / n, 4),
                    mean_delay_weeks=round(sum(f[4] for f in items) / n, 1),
                )
            )
        result[attribute] = tuple(rows)
        ratios[attribute] = {}
        for rate in RATES:
            values = [getattr(g, rate) for g in rows if g.people >= MIN_GROUP]
            top = max(values, default=0)
            ratio = round(min(values) / top, 3) if top > 0 and len(values) > 1 else None
            ratios[attribute][rate] = ratio
            if ratio is not None and ratio < THRESHOLD:
                flags.append(f"{attribute}: {rate} {ratio:.2f}")
    return Fairness(groups=result, ratios=ratios, flags=tuple(flags))
