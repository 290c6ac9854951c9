"""The plan: frozen, every item explained, serialised as ``padplanner.plan/1`` JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from padplanner.model.reasons import Finding, Reason
from padplanner.model.rules import Goal

PLAN_SCHEMA = "padplanner.plan/1"


def _tuple(value) -> tuple:
    return tuple(value)


def _reasons(items) -> list[dict]:
    return [reason.to_dict() for reason in items]


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "module": self.module,
            "title": self.title,
            "kind": self.kind,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "start_week": self.start_week,
            "weeks": self.weeks,
            "hours_per_week": self.hours_per_week,
            "hours": _num(self.hours),
            "hours_range": [_num(self.hours_range[0]), _num(self.hours_range[1])],
            "cost_eur": _num(self.cost_eur),
            "grants": list(self.grants),
            "depends_on": list(self.depends_on),
            "reasons": _reasons(self.reasons),
        }


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

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "date": self.date.isoformat(), "reasons": _reasons(self.reasons)}


@attrs.frozen
class PlannedCheckIn:
    date: date
    kind: str
    reasons: tuple[Reason, ...] = attrs.field(converter=_tuple)

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "kind": self.kind, "reasons": _reasons(self.reasons)}


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
        return {
            "schema": PLAN_SCHEMA,
            "client": self.client,
            "municipality": self.municipality,
            "law": self.law,
            "reference_date": self.reference_date.isoformat(),
            "route": {"id": self.route.id, "reasons": _reasons(self.route.reasons)},
            "goals": [{"competency": g.competency, "source": g.reason.rule} for g in self.goals],
            "activities": [a.to_dict() for a in self.activities],
            "milestones": [m.to_dict() for m in self.milestones],
            "check_ins": [c.to_dict() for c in self.check_ins],
            "completion_date": self.completion_date.isoformat(),
            "deadline": self.deadline.isoformat(),
            "slack_weeks": self.slack_weeks,
            "total_hours": _num(self.total_hours),
            "cost_eur": _num(self.cost_eur),
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        """Read a ``padplanner.plan/1`` document back (goal reasons keep only their rule)."""
        if data.get("schema") != PLAN_SCHEMA:
            raise ValueError(f"not a {PLAN_SCHEMA} document (schema = {data.get('schema')!r})")

        def reasons(items) -> tuple[Reason, ...]:
            return tuple(Reason(r["rule"], r["text"], tuple(r.get("inputs", ()))) for r in items)

        day = date.fromisoformat
        return cls(
            client=data["client"],
            municipality=data["municipality"],
            law=data["law"],
            reference_date=day(data["reference_date"]),
            route=RoutePick(data["route"]["id"], reasons(data["route"]["reasons"])),
            goals=[Goal(g["competency"], Reason(g["source"], "")) for g in data["goals"]],
            activities=[
                Activity(
                    id=a["id"],
                    module=a["module"],
                    title=a["title"],
                    kind=a["kind"],
                    start=day(a["start"]),
                    end=day(a["end"]),
                    start_week=a["start_week"],
                    weeks=a["weeks"],
                    hours_per_week=a["hours_per_week"],
                    hours=a["hours"],
                    hours_range=tuple(a["hours_range"]),
                    cost_eur=a["cost_eur"],
                    grants=a["grants"],
                    depends_on=a["depends_on"],
                    reasons=reasons(a["reasons"]),
                )
                for a in data["activities"]
            ],
            milestones=[
                Milestone(m["id"], day(m["date"]), reasons(m["reasons"]))
                for m in data["milestones"]
            ],
            check_ins=[
                PlannedCheckIn(day(c["date"]), c["kind"], reasons(c["reasons"]))
                for c in data["check_ins"]
            ],
            completion_date=day(data["completion_date"]),
            deadline=day(data["deadline"]),
            slack_weeks=data["slack_weeks"],
            total_hours=data["total_hours"],
            cost_eur=data["cost_eur"],
            findings=[
                Finding(f["severity"], f["rule"], f["message"], tuple(f.get("inputs", ())))
                for f in data["findings"]
            ],
        )

    @classmethod
    def from_json(cls, text: str) -> Plan:
        return cls.from_dict(json.loads(text))
