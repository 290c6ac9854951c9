"""Calendar helpers shared by the law, municipality plugins and exports.

Public to plugin authors through :mod:`padplanner.plugin` (``add_months``, ``every_weeks``).
"""

from __future__ import annotations

from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later (the last day of a shorter month)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def every_weeks(start: date, end: date, weeks: int) -> list[date]:
    """Every ``weeks`` weeks after ``start`` (not ``start`` itself) up to and including ``end``."""
    step, out = timedelta(weeks=weeks), []
    current = start + step
    while current <= end:
        out.append(current)
        current += step
    return out
