"""Who a simulation plans: everyone active in the store (:func:`store_intake`), or a synthetic
year's intake (:func:`synthetic_intake`) from :func:`padplanner.demo.generate`, one year long.

``demo.generate`` draws a *caseload*: term starts spread over the three years before a date.
A cohort simulation needs an *intake*: everyone whose term starts in one year. So the people
come from ``demo.generate(size, seed)`` (its documented distributions), and each person's term
start moves to a Monday drawn uniformly from the 52 weeks from ``start``; the birth date and a
later availability date move with it, so ages and waiting times stay as drawn. Everyone gets
the simulated municipality. Deterministic: the same size, seed and start give the same people.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import attrs

from padplanner.model import Client

INTAKE_START = date(2026, 1, 5)  # the first Monday of 2026
INTAKE_WEEKS = 52
PAGE = 1000  # people read from the store at a time


def store_intake(store: Any, municipality: str, when: date | None) -> list[Client]:
    """Everyone of ``municipality`` in the store who has not finished or ended, as they stand
    on ``when`` (with every event when None); empty when there is nobody."""
    ids: list[str] = []
    offset = 0
    while True:
        page = store.list_people(
            municipality=municipality, order_by="id", limit=PAGE, offset=offset
        )
        ids += [row.id for row in page if row.phase not in ("finished", "ended")]
        if len(page) < PAGE:
            break
        offset += PAGE
    return list(store.current_clients(ids, when).values())


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def synthetic_intake(
    size: int, seed: int, municipality: str, start: date = INTAKE_START
) -> list[Client]:
    """``size`` synthetic people whose terms start in the year from ``start``."""
    from padplanner.demo import generate

    first = monday(start)
    rng = random.Random(f"padplanner.cohort.intake:{seed}")
    out = []
    for person in generate(size, seed):
        term_start = first + timedelta(weeks=rng.randrange(INTAKE_WEEKS))
        shift = term_start - person.term_start
        availability = person.availability
        if availability.start_after is not None:
            availability = attrs.evolve(availability, start_after=availability.start_after + shift)
        out.append(
            attrs.evolve(
                person,
                municipality=municipality,
                term_start=term_start,
                birth_date=person.birth_date + shift,
                availability=availability,
            )
        )
    return out
