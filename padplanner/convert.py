"""The strict cattrs converters shared by client files, event files and catalogues.

TOML already carries types, so we do not coerce: ``"16"`` is not a number of hours, ``3.7``
is not a whole number, ``"2025-09-01"`` (quoted) and ``2025-09-01T10:00:00`` are not dates,
and ``nan`` and ``inf`` are not numbers. JSON has no dates: :data:`text_converter` reads them
as text written ``"2025-09-01"`` exactly (the store keeps intakes and events as JSON). Unknown
keys are errors (with a "did you mean" hint, see errors.py).
"""

from __future__ import annotations

import datetime as dt
import math
import re

import cattrs

from padplanner.errors import phrased
from padplanner.limits import shown
from padplanner.model.levels import Level, Requirement
from padplanner.model.module import Starts, Title

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _strict_int(value, _type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(phrased("input.value.int", value=shown(value)))
    return value


def _strict_float(value, _type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(phrased("input.value.number", value=shown(value)))
    if not math.isfinite(value):
        raise ValueError(phrased("input.value.nan", value=value))
    return float(value)


def _strict_str(value, _type) -> str:
    if not isinstance(value, str):
        raise TypeError(phrased("input.text.type", value=shown(value)))
    return value


def _strict_bool(value, _type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(phrased("input.value.bool", value=shown(value)))
    return value


def _date(value, _type) -> dt.date:
    """A TOML date: a date, never text or a date and time."""
    if isinstance(value, dt.datetime):
        raise ValueError(phrased("input.value.datetime", value=value.isoformat()))
    if isinstance(value, dt.date):
        return value
    raise ValueError(phrased("input.value.date", value=shown(value)))


def _text_date(value, _type) -> dt.date:
    """A JSON date: text written exactly ``"2025-09-01"`` (or a date, from code)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(phrased("input.value.date.text", value=shown(value)))


def _level(value, _type) -> Level:
    if not isinstance(value, str):
        raise TypeError(phrased("input.value.level", value=shown(value)))
    return Level.parse(value)


def _requirement(value, _type) -> Requirement:
    if not isinstance(value, str):
        raise TypeError(phrased("input.value.competency", value=shown(value)))
    return Requirement.parse(value)


def _title(value, _type) -> Title:
    if isinstance(value, str):
        return Title(value, value)
    if isinstance(value, dict) and set(value) == {"nl", "en"}:
        return Title(_strict_str(value["nl"], str), _strict_str(value["en"], str))
    raise ValueError(f'expected a title such as {{ nl = "...", en = "..." }}, got {shown(value)}')


def _starts(value, _type) -> Starts:
    if value == "rolling":
        return Starts()
    if isinstance(value, dict) and set(value) <= {"every_weeks", "first"} and value:
        every = _strict_int(value.get("every_weeks", 1), int)
        first = _date(value["first"], dt.date) if "first" in value else None
        return Starts(every, first)
    raise ValueError(
        f'expected "rolling" or {{ every_weeks = 6, first = 2025-09-01 }}, got {shown(value)}'
    )


def make_converter(*, text_dates: bool = False) -> cattrs.Converter:
    """A strict converter; ``text_dates`` reads dates from JSON text (``"2025-09-01"``)."""
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(int, _strict_int)
    converter.register_structure_hook(float, _strict_float)
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(bool, _strict_bool)
    converter.register_structure_hook(dt.date, _text_date if text_dates else _date)
    converter.register_structure_hook(Level, _level)
    converter.register_structure_hook(Requirement, _requirement)
    converter.register_structure_hook(Title, _title)
    converter.register_structure_hook(Starts, _starts)
    return converter


converter = make_converter()  # TOML: client files, catalogues, rule cases
text_converter = make_converter(text_dates=True)  # JSON: intake and event files, the store
