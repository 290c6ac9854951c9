"""The strict cattrs converter shared by client files and catalogues.

TOML already carries types, so we do not coerce: ``"16"`` is not a number of hours and ``3.7``
is not a whole number. Unknown keys are errors (with a "did you mean" hint, see errors.py).
"""

from __future__ import annotations

import datetime as dt

import cattrs

from padplanner.model.levels import Level, Requirement
from padplanner.model.module import Starts, Title


def _strict_int(value, _type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {value!r}")
    return value


def _strict_float(value, _type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {value!r}")
    return float(value)


def _strict_str(value, _type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {value!r}")
    return value


def _strict_bool(value, _type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def _date(value, _type) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a date (write it as 2025-09-01, without quotes)")


def _level(value, _type) -> Level:
    if not isinstance(value, str):
        raise TypeError(f'expected a CEFR level such as "A2", got {value!r}')
    return Level.parse(value)


def _requirement(value, _type) -> Requirement:
    if not isinstance(value, str):
        raise TypeError(f'expected a competency such as "speaking>=B1", got {value!r}')
    return Requirement.parse(value)


def _title(value, _type) -> Title:
    if isinstance(value, str):
        return Title(value, value)
    if isinstance(value, dict) and set(value) == {"nl", "en"}:
        return Title(_strict_str(value["nl"], str), _strict_str(value["en"], str))
    raise ValueError(f'expected a title such as {{ nl = "...", en = "..." }}, got {value!r}')


def _starts(value, _type) -> Starts:
    if value == "rolling":
        return Starts()
    if isinstance(value, dict) and set(value) <= {"every_weeks", "first"} and value:
        every = _strict_int(value.get("every_weeks", 1), int)
        first = _date(value["first"], dt.date) if "first" in value else None
        return Starts(every, first)
    raise ValueError(
        f'expected "rolling" or {{ every_weeks = 6, first = 2025-09-01 }}, got {value!r}'
    )


def make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(int, _strict_int)
    converter.register_structure_hook(float, _strict_float)
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(bool, _strict_bool)
    converter.register_structure_hook(dt.date, _date)
    converter.register_structure_hook(Level, _level)
    converter.register_structure_hook(Requirement, _requirement)
    converter.register_structure_hook(Title, _title)
    converter.register_structure_hook(Starts, _starts)
    return converter


converter = make_converter()
