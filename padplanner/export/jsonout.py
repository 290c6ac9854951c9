"""``padplanner.plan/1`` JSON: stable, versioned, byte-identical for identical input."""

from __future__ import annotations

from typing import Any

from padplanner.model import Plan


def render_json(plan: Plan, **_: Any) -> str:
    return plan.to_json()
