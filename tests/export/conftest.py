"""Example people on each route and their documents, made once per test session."""

from __future__ import annotations

import pytest
from docshelp import PEOPLE, Made


@pytest.fixture(scope="session")
def person(planner):
    """``person("b1")`` → the :class:`Made` example for that route (made once)."""
    made: dict[str, Made] = {}

    def get(route: str) -> Made:
        if route not in made:
            made[route] = Made(planner, PEOPLE[route])
            assert made[route].plan.route.id == route, made[route].plan.route
        return made[route]

    return get


@pytest.fixture(scope="session")
def make(planner):
    """``make({...fields})`` → a :class:`Made` for any intake."""
    return lambda fields: Made(planner, fields)
