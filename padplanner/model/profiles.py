"""Learner profiles: the groups the hours rule scales by, and that ``padplanner calibrate``
estimates one factor for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PROFILES: tuple[str, ...] = (
    "not-literate",
    "fast-track",
    "none",
    "primary",
    "secondary",
    "vocational",
    "higher",
)
"""Not literate at intake, the fast track (higher educated, high learnability, aiming at
study), otherwise the education level."""


def hours_profile(education: str, literacy: str, learnability: str, aim: str) -> str:
    """The learner profile of a person (one of :data:`PROFILES`)."""
    if literacy == "none":
        return "not-literate"
    if education == "higher" and learnability == "high" and aim == "study":
        return "fast-track"
    return education


def reference_factor(param: Callable[[str], Any], profile: str) -> float:
    """The catalogue's hours factor of a learner profile (``param``: a dated parameter by
    name, as ``PlanContext.param``)."""
    if profile == "not-literate":
        return float(param("hours_factor_not_literate"))
    if profile == "fast-track":
        return float(param("hours_factor_fast_track"))
    return float(param("hours_factor_education")[profile])
