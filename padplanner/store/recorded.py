"""What is recorded about a person: progress events and counsellor decisions.

Both are append-only records on a connection: ``insert_event``, ``insert_decision``, and
``load``, which reads a person's row, events and decisions in one transaction with a ``mark``
(counts and highest ids) that tells a later writer whether anything was added since.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs
from sqlalchemy import Connection, bindparam, func, select

from padplanner.store import people
from padplanner.store.codec import to_json, utc
from padplanner.store.events import Decision, Event, event_from_row
from padplanner.store.records import RecordedDecision, RecordedEvent
from padplanner.store.schema import decisions, events

_PID = bindparam("pid")
_EVENTS = (
    select(events.c.kind, events.c.occurred_on, events.c.data, events.c.note)
    .where(events.c.person_id == _PID)
    .order_by(events.c.occurred_on, events.c.id)
)
_DECISIONS = (
    select(decisions.c.kind, decisions.c.value, decisions.c.reason, decisions.c.previous)
    .where(decisions.c.person_id == _PID)
    .order_by(decisions.c.id)
)
_EVENT_MARK = select(func.count(events.c.id), func.coalesce(func.max(events.c.id), 0)).where(
    events.c.person_id == _PID
)
_DECISION_MARK = select(
    func.count(decisions.c.id), func.coalesce(func.max(decisions.c.id), 0)
).where(decisions.c.person_id == _PID)
_INSERT_EVENT = events.insert()


@attrs.frozen
class Loaded:
    """A person's row, events and decisions as read in one transaction; ``mark`` tells
    whether events or decisions were added since (counts and highest ids)."""

    row: Any
    events: list[Event]
    decisions: list[Decision]
    mark: tuple[int, int, int, int]


def mark(conn: Connection, person_id: str) -> tuple[int, int, int, int]:
    params = {"pid": person_id}
    n_events, last_event = conn.execute(_EVENT_MARK, params).one()
    n_decisions, last_decision = conn.execute(_DECISION_MARK, params).one()
    return int(n_events), int(last_event), int(n_decisions), int(last_decision)


def load(conn: Connection, person_id: str, row: Any = None) -> Loaded:
    """The person's row (unless given), events and decisions in this transaction."""
    params = {"pid": person_id}
    if row is None:
        row = people.row(conn, person_id)
    found = conn.execute(_EVENTS, params).all()
    recorded = [event_from_row(k, on, data, note) for k, on, data, note in found]
    chosen = [Decision(*r) for r in conn.execute(_DECISIONS, params).all()]
    return Loaded(row, recorded, chosen, mark(conn, person_id))


def insert_event(conn: Connection, person_id: str, event: Event, author: str, now: datetime) -> int:
    result = conn.execute(
        _INSERT_EVENT,
        {
            "person_id": person_id,
            "kind": event.kind,
            "occurred_on": event.on,
            "recorded_at": now,
            "author": author,
            "data": to_json(event.data()),
            "note": getattr(event, "note", None),
        },
    )
    return int(result.inserted_primary_key[0])


def insert_decision(
    conn: Connection, person_id: str, decision: Decision, author: str, now: datetime
) -> int:
    result = conn.execute(
        decisions.insert().values(
            person_id=person_id,
            kind=decision.kind,
            value=decision.value,
            previous=decision.previous,
            reason=decision.reason,
            author=author,
            decided_at=now,
        )
    )
    return int(result.inserted_primary_key[0])


def events_of(conn: Connection, person_id: str) -> list[RecordedEvent]:
    """The progress record of a known person, in the order things happened."""
    people.row(conn, person_id)
    rows = conn.execute(
        select(events)
        .where(events.c.person_id == person_id)
        .order_by(events.c.occurred_on, events.c.id)
    )
    return [
        RecordedEvent(
            r.id,
            r.person_id,
            event_from_row(r.kind, r.occurred_on, r.data, r.note),
            r.author,
            utc(r.recorded_at),
        )
        for r in rows
    ]


def decisions_of(conn: Connection, person_id: str) -> list[RecordedDecision]:
    """The decisions about a known person, in the order they were taken."""
    people.row(conn, person_id)
    rows = conn.execute(
        select(decisions).where(decisions.c.person_id == person_id).order_by(decisions.c.id)
    )
    return [
        RecordedDecision(
            r.id,
            r.person_id,
            Decision(r.kind, r.value, r.reason, r.previous),
            r.author,
            utc(r.decided_at),
        )
        for r in rows
    ]
