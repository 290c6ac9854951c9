"""The plan: frozen, every item explained, serialised as ``padplanner.plan/1`` JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from padplanner.model.reasons import Finding, Reason, Values
from padplanner.model.rules import Goal, Term

PLAN_SCHEMA = "padplanner.plan/1"


def _tuple(value) -> tuple:
    return tuple(value)


def _num(value: float) -> int | float:
    """Whole numbers as ints so the JSON reads naturally; others rounded to one decimal."""
    rounded = round(float(value), 1)
    return int(rounded) if rounded.is_integer() else rounded


@attrs.frozen
class RoutePick:
    id: str
    reasons: tuple[Reason, ...] = attrs.field(converter=_tuple)


@attrs.frozen
class Activity:
    id: str
    module: str
    title: str
    kind: str
    start: date
    end: date
    start_week: int
    weeks: int
    hours_per_week: int
    hours: float
    hours_range: tuple[float, float]
    cost_eur: float
    grants: tuple[str, ...] = attrs.field(converter=_tuple)
    depends_on: tuple[str, ...] = attrs.field(converter=_tuple)
    reasons: tuple[Reason, ...] = attrs.field(converter=_tuple)
    pinned: bool = False

    @property
    def end_week(self) -> int:
        """The first week after the activity."""
        return self.start_week + self.weeks


def job_start(activities: Iterable[Activity]) -> date | None:
    """When a job starts in a plan: the end of the last activity that places the person in
    work (grants ``work:<sector>``), or ``None`` when the plan has no such activity."""
    ends = [a.end for a in activities if any(g.startswith("work:") for g in a.grants)]
    return max(ends, default=None)


@attrs.frozen
class Milestone:
    id: str
    date: date
    reasons: tuple[Reason, ...] = attrs.field(converter=_tuple)


def milestone_id(competency: str) -> str:
    """The id of the milestone where a goal is reached: ``reading>=B1`` → ``goal-reading-b1``,
    ``work:care`` → ``goal-work-care``."""
    return "goal-" + competency.replace(">=", "-").replace(":", "-").lower()


@attrs.frozen
class PlannedCheckIn:
    date: date
    kind: str
    reasons: tuple[Reason, ...] = attrs.field(converter=_tuple)


@attrs.frozen
class Driver:
    """An activity and its share of the variance of the plan's finish date."""

    activity: str
    share: float


@attrs.frozen
class GoalChance:
    """The chance that a goal is reached by the deadline."""

    goal: str
    probability: float


@attrs.frozen
class OnTime:
    """The chance to finish on time: the share of ``draws`` of the plan's uncertain hours in
    which the rescheduled plan ends by the deadline, the activities that drive the risk, and
    the chance of each goal (``padplanner.engine.chance``)."""

    probability: float
    draws: int
    drivers: tuple[Driver, ...] = attrs.field(default=(), converter=_tuple)
    goals: tuple[GoalChance, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen
class Plan:
    client: str
    municipality: str
    law: str
    reference_date: date
    route: RoutePick
    goals: tuple[Goal, ...] = attrs.field(converter=_tuple)
    activities: tuple[Activity, ...] = attrs.field(converter=_tuple)
    milestones: tuple[Milestone, ...] = attrs.field(converter=_tuple)
    check_ins: tuple[PlannedCheckIn, ...] = attrs.field(converter=_tuple)
    completion_date: date
    deadline: date
    slack_weeks: int
    total_hours: float
    cost_eur: float
    findings: tuple[Finding, ...] = attrs.field(converter=_tuple)
    term: Term | None = None  # the law's term and its reasons (None in older documents)
    on_time: OnTime | None = None  # computed when a revision is saved, not on every replan

    def activity(self, activity_id: str) -> Activity:
        for item in self.activities:
            if item.id == activity_id:
                return item
        raise KeyError(activity_id)

    @property
    def feasible(self) -> bool:
        """False when a finding of severity ``error`` says the plan cannot work as it stands."""
        return not any(f.severity == "error" for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return unstructure(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        """Read a ``padplanner.plan/1`` document back (goal reasons keep only their rule)."""
        if data.get("schema") != PLAN_SCHEMA:
            raise ValueError(f"not a {PLAN_SCHEMA} document (schema = {data.get('schema')!r})")
        return _converter.structure(data, cls)

    @classmethod
    def from_json(cls, text: str) -> Plan:
        return cls.from_dict(json.loads(text))


# -- padplanner.plan/1 JSON ------------------------------------------------------------------
# The attrs classes above, unstructured by cattrs; where the document differs from the class
# the override says so: whole numbers as ints, an activity's ``pinned`` flag left out (a pin
# is an adjustment, stored with it), a goal as its competency and the rule of its reason.


def _values_data(values: Values) -> dict[str, Any]:
    """Values as JSON data: dates as ISO text, tuples as lists, whole floats as ints (a
    value of 10 reads the same whether a rule computed it as 10 or 10.0)."""

    def plain(value: Any) -> Any:
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, tuple):
            return [plain(item) for item in value]
        return value

    return {name: plain(value) for name, value in values.items()}


def _make_converter() -> cattrs.Converter:
    c = cattrs.Converter(unstruct_collection_overrides={Sequence: list})
    c.register_unstructure_hook(date, date.isoformat)
    c.register_structure_hook(date, lambda value, _: date.fromisoformat(value))
    c.register_unstructure_hook(Values, _values_data)
    c.register_structure_hook(Values, lambda value, _: Values(value))
    c.register_structure_hook(Any, lambda value, _: value)
    number = override(unstruct_hook=_num)
    c.register_unstructure_hook(
        Activity,
        make_dict_unstructure_fn(
            Activity,
            c,
            hours=number,
            cost_eur=number,
            hours_range=override(unstruct_hook=lambda pair: [_num(x) for x in pair]),
            pinned=override(omit=True),
        ),
    )
    c.register_structure_hook(
        Activity, make_dict_structure_fn(Activity, c, pinned=override(omit=True))
    )
    c.register_unstructure_hook(
        Goal, lambda goal: {"competency": goal.competency, "source": goal.reason.rule}
    )
    c.register_structure_hook(
        Goal, lambda data, _: Goal(data["competency"], Reason(data["source"], ""))
    )
    plan = make_dict_unstructure_fn(Plan, c, total_hours=number, cost_eur=number)

    def whole(p: Plan) -> dict[str, Any]:
        data = {"schema": PLAN_SCHEMA, **plan(p)}
        if data.get("on_time") is None:
            data.pop("on_time", None)  # a plan made while editing has no chance (additive key)
        if data.get("term") is None:
            data.pop("term", None)  # additive key: a plan read back from an older document
        return data

    c.register_unstructure_hook(Plan, whole)
    return c


_converter = _make_converter()


def unstructure(item: Any) -> Any:
    """A plan, or any part of one (a reason, a finding, an activity), as plain JSON data."""
    return _converter.unstructure(item)


def reasons_from(data: Iterable[Mapping[str, Any]]) -> tuple[Reason, ...]:
    """Reasons from their JSON form (``values`` may be missing in older documents)."""
    return tuple(_converter.structure(item, Reason) for item in data)
