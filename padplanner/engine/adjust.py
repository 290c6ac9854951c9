"""A counsellor's edits to one plan: pins, removed or added modules, another sector."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs


@attrs.frozen
class Adjustments:
    """Edits that replan at once; each carries the counsellor's reason where it changes advice.

    - ``pins``: module id → start week, fixed by hand (may overload a week; a finding says so).
    - ``remove``: module id → reason; the module is left out of the path.
    - ``add``: module id → reason; the module (and what it requires) is added.
    - ``weekly_hours``, ``days`` and ``sector`` override the intake for this plan.
    """

    pins: dict[str, int] = attrs.Factory(dict)
    remove: dict[str, str] = attrs.Factory(dict)
    add: dict[str, str] = attrs.Factory(dict)
    weekly_hours: int | None = None
    days: tuple[str, ...] | None = None
    sector: str | None = None

    def to_dict(self) -> dict:
        return attrs.asdict(self, filter=lambda a, v: v not in (None, {}, ()))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Adjustments:
        """Adjustments as ``to_dict`` wrote them (and JSON read them back): ``days`` as a
        tuple, pins as whole weeks. Keys this version does not know are left out, so a
        revision saved by a later padplanner still opens (the revision itself is immutable
        and keeps them)."""
        data = dict(data or {})
        known = {field.name for field in attrs.fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        if values.get("days") is not None:
            values["days"] = tuple(values["days"])
        if values.get("pins"):
            values["pins"] = {module: int(week) for module, week in values["pins"].items()}
        for key in ("pins", "remove", "add"):
            values[key] = dict(values.get(key) or {})
        return cls(**values)


NO_ADJUSTMENTS = Adjustments()
