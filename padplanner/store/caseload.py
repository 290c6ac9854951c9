"""The caseload list: the denormalised summary per person and the indexed list query.

``summarise`` computes what the list shows for one person (route, phase, next milestone,
deadline, slack, risk) from the latest plan and the progress record; the store writes it to
the ``people`` row whenever a revision is saved or an event recorded, so that listing and
paging tens of thousands of people is a single indexed query.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Date, Select, String, func, or_, select, type_coerce
from sqlalchemy.types import TypeDecorator

from padplanner.errors import InputError, Problem
from padplanner.model import Client, Plan
from padplanner.model.client import ROUTES
from padplanner.store.derive import derive, status
from padplanner.store.events import Decision, Event
from padplanner.store.names import name_key
from padplanner.store.records import CASE_ORDER, CaseRow
from padplanner.store.risk import PHASES, RISKS, assess, next_milestone, phase
from padplanner.store.schema import RISK_ORDER, people, risk_rank

MAX_PAGE = 100_000
MAX_SEARCH = 200  # characters of a search (the terminal UI's search field stops there too)


class FastDate(TypeDecorator):
    """A date read with ``date.fromisoformat`` (SQLite keeps dates as ISO text; SQLAlchemy's
    own parser is several times slower, which shows on a list of 36,100 people)."""

    impl = Date
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String())
        return dialect.type_descriptor(Date())

    def process_result_value(self, value, dialect):
        return date.fromisoformat(value) if isinstance(value, str) else value


def _fast(column):
    return type_coerce(column, FastDate).label(column.name)


assert RISK_ORDER == RISKS
_SEVERITY = risk_rank(people.c.risk)
_ORDER = {
    "name": people.c.name_key,
    "id": people.c.id,
    "municipality": people.c.municipality,
    "route": people.c.route,
    "phase": people.c.phase,
    "next_milestone": people.c.next_milestone_date,
    "deadline": people.c.deadline,
    "slack": people.c.slack_weeks,
    "risk": _SEVERITY,
    "revision": people.c.revision,
    "on_time": people.c.on_time,
}
assert set(_ORDER) == set(CASE_ORDER)
COLUMNS = (
    people.c.id,
    people.c.name,
    people.c.municipality,
    people.c.route,
    people.c.phase,
    people.c.next_milestone,
    _fast(people.c.next_milestone_date),
    _fast(people.c.deadline),
    people.c.slack_weeks,
    people.c.risk,
    people.c.risk_flags,
    people.c.revision,
    _fast(people.c.last_contact),
    people.c.on_time,
)


def summarise(
    intake: Client,
    events: Sequence[Event],
    decisions: Sequence[Decision],
    plan: Plan | None,
    revision: int,
    today: date,
    cadence_weeks: int,
) -> dict[str, Any]:
    """The caseload columns of one person as of ``today``."""
    state = status(events, today)
    client = derive(intake, events, decisions, today)
    report = assess(intake.id, revision, plan, client, events, state, today, cadence_weeks)
    upcoming = next_milestone(plan, today)
    return {
        "municipality": client.municipality,
        "route": plan.route.id if plan else None,
        "phase": phase(plan, state, today),
        "next_milestone": upcoming[0] if upcoming else None,
        "next_milestone_date": upcoming[1] if upcoming else None,
        "deadline": plan.deadline if plan else None,
        "slack_weeks": plan.slack_weeks if plan else None,
        "risk": report.risk,
        "risk_flags": " ".join(report.flags),
        "revision": revision,
        "last_contact": state.last_contact,
        "on_time": plan.on_time.probability if plan and plan.on_time else None,
    }


# Searches at least this long are filtered before they are sorted (see ``list_query``).
SEARCH_FIRST = 3


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(
    query: Select,
    search: str,
    route: str | None,
    risk: str | None,
    municipality: str | None,
    the_phase: str | None,
    like_ignores_case: bool = False,
) -> Select:
    """``query`` narrowed to the search and filters. ``like_ignores_case``: the database's LIKE
    already ignores the case of ASCII letters (SQLite), so the id is matched without
    ``lower()`` on every row; ids are ASCII, and SQLite's ``lower()`` folds only ASCII too."""
    if not isinstance(search, str) or len(search) > MAX_SEARCH:
        raise InputError([Problem("search", "", f"at most {MAX_SEARCH} characters")])
    search = search.strip()
    if search:
        key = name_key(search)
        pattern = _like(search)
        by_id = (
            people.c.id.like(pattern, escape="\\")
            if like_ignores_case
            else people.c.id.ilike(pattern, escape="\\")
        )
        conditions = [by_id]
        if key:
            conditions.append(people.c.name_key.like(_like(key), escape="\\"))
        if search.isdigit() and len(search) in (8, 9):
            conditions.append(people.c.bsn == search.zfill(9))
        query = query.where(or_(*conditions))
    if route:
        if route not in ROUTES:
            raise InputError([Problem("route", "", f"{route!r} is not one of {', '.join(ROUTES)}")])
        query = query.where(people.c.route == route)
    if risk:
        if risk == "any":
            query = query.where(people.c.risk != "none")
        elif risk in RISKS:
            query = query.where(people.c.risk == risk)
        else:
            raise InputError(
                [Problem("risk", "", f"{risk!r} is not one of any, {', '.join(RISKS)}")]
            )
    if municipality:
        query = query.where(people.c.municipality == municipality)
    if the_phase:
        if the_phase not in PHASES:
            raise InputError(
                [Problem("phase", "", f"{the_phase!r} is not one of {', '.join(PHASES)}")]
            )
        query = query.where(people.c.phase == the_phase)
    return query


def list_query(
    search: str,
    route: str | None,
    risk: str | None,
    municipality: str | None,
    the_phase: str | None,
    order_by: str,
    descending: bool,
    limit: int,
    offset: int,
    like_ignores_case: bool = False,
) -> Select:
    if order_by not in _ORDER:
        raise InputError(
            [Problem("order_by", "", f"{order_by!r} is not one of {', '.join(CASE_ORDER)}")]
        )
    if not 0 <= limit <= MAX_PAGE or offset < 0:
        raise InputError([Problem("limit", "", f"limit 0..{MAX_PAGE}, offset >= 0")])
    column = _ORDER[order_by]
    query = select(*COLUMNS)
    if isinstance(search, str) and len(search.strip()) >= SEARCH_FIRST:
        # A search of a few letters matches few people: find them first (in the small index
        # the search reads, as the count does), then sort only them. Reading the order's
        # index instead stops after a page of matches, which is quick for many matches but
        # walks the whole caseload when there are few or none: 50-90 ms at 36,100 people.
        # The order becomes an expression no index has, so the database filters first.
        hits = _filtered(select(people.c.id), search, None, None, None, None, like_ignores_case)
        query = query.where(people.c.id.in_(hits))
        search = ""
        column = func.coalesce(column, column)
    ordered = column.desc() if descending else column.asc()
    query = _filtered(query, search, route, risk, municipality, the_phase, like_ignores_case)
    tie = people.c.id.desc() if descending else people.c.id.asc()
    return query.order_by(ordered.nulls_last(), tie).limit(limit).offset(offset)


def count_query(
    search: str,
    route: str | None,
    risk: str | None,
    municipality: str | None,
    the_phase: str | None,
    like_ignores_case: bool = False,
) -> Select:
    query = select(func.count()).select_from(people)
    return _filtered(query, search, route, risk, municipality, the_phase, like_ignores_case)


def case_row(row: Any) -> CaseRow:
    """A result row of ``list_query`` (its columns are in ``CaseRow`` order)."""
    return CaseRow(*row[:10], tuple(row[10].split()), row[11], row[12], row[13])
