"""What the store hands out: small frozen records (rows of the caseload, revisions, ...)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, NamedTuple

import attrs

from padplanner.model import Plan
from padplanner.store.events import Decision, Event

# order_by keyword -> column of the people table (the caseload list)
CASE_ORDER: tuple[str, ...] = (
    "name",
    "id",
    "municipality",
    "route",
    "phase",
    "next_milestone",
    "deadline",
    "slack",
    "risk",
    "revision",
    "on_time",
)


class CaseRow(NamedTuple):
    """One line of the caseload list (denormalised from the latest revision and progress).

    A named tuple rather than an attrs class: a listing builds tens of thousands of them, and a
    tuple is about ten times cheaper to build. It is immutable all the same.
    """

    id: str
    name: str | None
    municipality: str
    route: str | None
    phase: str
    next_milestone: str | None
    next_milestone_date: date | None
    deadline: date | None
    slack_weeks: int | None
    risk: str
    risk_flags: tuple[str, ...]
    revision: int
    last_contact: date | None
    on_time: float | None = None  # the chance to finish on time of the latest revision


@attrs.frozen
class Revision:
    """One immutable plan revision."""

    person_id: str
    revision: int
    author: str
    created_at: datetime
    reason: str
    reference_date: date
    plan: Plan
    adjustments: dict[str, Any]
    checksum: str


@attrs.frozen
class RecordedEvent:
    id: int
    person_id: str
    event: Event
    author: str
    recorded_at: datetime


@attrs.frozen
class RecordedDecision:
    id: int
    person_id: str
    decision: Decision
    author: str
    decided_at: datetime


@attrs.frozen
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    person_id: str | None
    detail: str
