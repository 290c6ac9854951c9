"""A counsellor's edits to one plan: pins, removed or added modules, another sector."""

from __future__ import annotations

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


NO_ADJUSTMENTS = Adjustments()
