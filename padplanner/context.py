"""What every hook gets besides the client: the planning context."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from padplanner.catalog import Catalog


def _no_estimate(targets: Iterable[str]) -> tuple[float, tuple[str, ...]]:
    raise RuntimeError("hours_to is only available while planning a client")


@attrs.frozen(eq=False)
class PlanContext:
    """Reference date, municipality, law, the read-only catalogue and its dated parameters.

    ``plan_start`` is the first week of the plan and ``deadline`` the end of the term
    (extensions included). ``hours_to(["speaking>=A2", ...])`` estimates the hours this
    person needs to reach competencies, through the same path search and hour rules as the
    plan itself, and returns ``(hours, module ids)``.
    """

    reference_date: date
    municipality: str
    law: str
    catalog: Catalog
    plan_start: date | None = None
    deadline: date | None = None
    lang: str = "nl"
    estimator: Callable[[Iterable[str]], tuple[float, tuple[str, ...]]] = attrs.field(
        default=_no_estimate, repr=False
    )

    def param(self, name: str, at: date | None = None) -> Any:
        """The value of a dated parameter in force at ``at`` (default: the reference date)."""
        return self.catalog.param(name, at or self.reference_date)

    def hours_to(self, targets: Iterable[str]) -> tuple[float, tuple[str, ...]]:
        return self.estimator(targets)

    @property
    def weeks_left(self) -> int:
        """Whole weeks from the plan's start to the deadline."""
        if self.plan_start is None or self.deadline is None:
            return 0
        return max(0, (self.deadline - self.plan_start).days // 7)
