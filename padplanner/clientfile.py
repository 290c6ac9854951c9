"""Client files (``padplanner.client/1`` TOML): read with every problem reported, and written.

Problems name the file, the key path and the fix, e.g.
``amal.toml: levels.speaking: 'B3' is not a CEFR level (A0 A1 A2 B1 B2 C1 C2 ...)``.
Files are read within :mod:`padplanner.limits` (a regular file of at most 1 MiB, data of a
sane size and shape); names are one line of plain text, notes and reasons plain text.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import cattrs

from padplanner.convert import converter, text_converter
from padplanner.errors import InputError, Phrased, Problem, phrased, problems_from_cattrs
from padplanner.limits import (
    BIDI,
    MAX_TEXT,
    SEPARATORS,
    date_problem,
    read_toml,
    shape_problems,
    shown,
    text_problem,
)
from padplanner.model.client import CLIENT_SCHEMA, DAYS, OWN_WORDS, Client, is_municipality_code
from padplanner.model.levels import SKILLS

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_BSN = re.compile(r"[0-9]{8,9}")  # ASCII digits: str.isdigit() also takes ² and ٢
MAX_HOURS_DONE = 10_000  # hours recorded for one module


def bsn_valid(bsn: str) -> bool:
    """The elfproef: 9 digits (8 padded with a leading 0), weights 9..2 and -1, sum % 11 == 0."""
    if not isinstance(bsn, str) or not _BSN.fullmatch(bsn):
        return False
    digits = [int(d) for d in bsn.zfill(9)]
    total = sum(d * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    return total != 0 and total % 11 == 0


def _checks(client: Client) -> list[tuple[str, Phrased]]:
    """Rules a single field cannot express: ranges, the elfproef, mandatory reasons."""
    out: list[tuple[str, Phrased]] = []
    if not _ID.match(client.id):
        out.append(("id", phrased("input.client.id", value=repr(client.id))))
    if not is_municipality_code(client.municipality):
        out.append(
            ("municipality", phrased("input.client.municipality", value=shown(client.municipality)))
        )
    if not 1 <= client.weekly_hours <= 60:
        out.append(
            ("weekly_hours", phrased("input.client.weekly_hours", value=client.weekly_hours))
        )
    if client.bsn is not None and not _BSN.fullmatch(client.bsn):
        out.append(("bsn", phrased("input.client.bsn", value=shown(client.bsn))))
    elif client.bsn is not None and not bsn_valid(client.bsn):
        out.append(("bsn", phrased("input.client.elfproef", value=repr(client.bsn))))
    for field, value in (
        ("term_start", client.term_start),
        ("availability.start_after", client.availability.start_after),
        ("notice_date", client.notice_date),
    ):
        if value is not None and (problem := date_problem(value)) is not None:
            out.append((field, problem))
    age = client.age_at(client.term_start)
    if not 16 <= age <= 100:
        out.append(("birth_date", phrased("input.client.age", age=age)))
    if client.education_years is not None and not 0 <= client.education_years <= 30:
        out.append(("education_years", phrased("input.client.education_years")))
    if client.route is not None and (problem := text_problem(client.route.reason)):
        out.append(("route.reason", problem))
    elif client.route is not None and not client.route.reason.strip():
        out.append(("route.reason", phrased("input.client.route_reason")))
    if client.progress.extensions_weeks < 0 or client.progress.extensions_weeks > 156:
        out.append(("progress.extensions_weeks", phrased("input.client.extensions")))
    for module, hours in client.progress.hours_done.items():
        if hours < 0:
            out.append((f"progress.hours_done.{module}", phrased("input.client.hours.negative")))
        elif hours > MAX_HOURS_DONE:
            out.append(
                (
                    f"progress.hours_done.{module}",
                    phrased("input.client.hours.most", most=MAX_HOURS_DONE, hours=f"{hours:g}"),
                )
            )
    if not client.availability.days:
        out.append(("availability.days", phrased("input.client.days.none")))
    for day in client.availability.days:
        if day not in DAYS:
            out.append(
                (
                    "availability.days",
                    phrased("input.client.day", value=repr(day), days=" ".join(DAYS)),
                )
            )
    for field, lines in (("name", False), ("notes", True), *((k, True) for k in OWN_WORDS)):
        if (problem := text_problem(getattr(client, field), MAX_TEXT, lines=lines)) is not None:
            out.append((field, problem))
    return out


def parse_client(
    data: dict[str, Any],
    source: str = "<client>",
    *,
    dates_as_text: bool = False,
    checked: bool = True,
) -> Client:
    """Structure a client dict; raise :class:`InputError` with every problem.

    Data from TOML has real dates; ``dates_as_text`` reads them from JSON text
    (``"2025-09-01"``), as in a JSON intake file and in the store. ``checked=False`` reads an
    intake the store already holds: the input limits and field rules apply to what comes in
    (files, forms, the command line), and a row stored before a rule existed must stay
    readable (its next correction is checked); only its structure must hold.
    """
    if not isinstance(data, dict):
        raise InputError([Problem(source, "", phrased("input.client.table"))])
    shape = shape_problems(data, source) if checked else []
    if shape:
        raise InputError(shape)
    schema = data.get("schema", CLIENT_SCHEMA)
    if schema != CLIENT_SCHEMA:
        raise InputError(
            [
                Problem(
                    source,
                    "schema",
                    phrased(
                        "input.client.schema", expected=repr(CLIENT_SCHEMA), value=shown(schema)
                    ),
                )
            ]
        )
    try:
        client = (text_converter if dates_as_text else converter).structure(data, Client)
    except (cattrs.BaseValidationError, ValueError, TypeError) as exc:
        raise InputError(problems_from_cattrs(exc, source)) from None
    if not checked:
        return client
    problems = [Problem(source, path, message) for path, message in _checks(client)]
    if problems:
        raise InputError(problems)
    return client


def load_client(path: str | Path) -> Client:
    """Read a ``padplanner.client/1`` TOML file (a regular file of at most 1 MiB)."""
    return parse_client(read_toml(path), str(path))


def client_to_dict(client: Client) -> dict[str, Any]:
    """The client as plain data (dates as ``date``), omitting empty optional parts."""
    data = converter.unstructure(client)
    data["levels"] = {skill: str(client.levels.get(skill)) for skill in SKILLS}
    for key in (
        "name",
        "bsn",
        "notes",
        "route",
        "education_years",
        "notice_date",
        *OWN_WORDS,
    ):
        if data.get(key) is None:
            data.pop(key, None)
    if data.get("route") and data["route"].get("previous") is None:
        data["route"].pop("previous")
    if data["work"].get("goal") is None:
        data["work"].pop("goal")
    if data["availability"].get("start_after") is None:
        data["availability"].pop("start_after")
    for section in ("work", "availability", "progress"):
        for key, value in list(data[section].items()):
            if isinstance(value, tuple):
                data[section][key] = list(value)
    return data


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    return '"' + "".join(_toml_char(c) for c in str(value)) + '"'


_TOML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _toml_char(c: str) -> str:
    """A character of a TOML string: controls (which TOML requires escaped) and direction
    marks (which would reorder what a terminal shows) as ``\\uXXXX``; it reads back the same."""
    if c in _TOML_ESCAPES:
        return _TOML_ESCAPES[c]
    if ord(c) < 32 or 127 <= ord(c) < 160 or c in BIDI or c in SEPARATORS:
        return f"\\u{ord(c):04x}"
    return c


def _key(key: str) -> str:
    return key if re.match(r"^[A-Za-z0-9_-]+$", key) else _toml_value(key)


def dump_client(client: Client) -> str:
    """Write a client as a ``padplanner.client/1`` TOML document (reads back identically)."""
    data = client_to_dict(client)
    lines = [f"schema = {_toml_value(CLIENT_SCHEMA)}"]
    tables = {}
    for key, value in data.items():
        if key == "schema":
            continue
        if isinstance(value, dict):
            tables[key] = value
        else:
            lines.append(f"{key} = {_toml_value(value)}")
    for name, table in tables.items():
        lines.append("")
        lines.append(f"[{name}]")
        lines.extend(f"{_key(k)} = {_toml_value(v)}" for k, v in table.items())
    return "\n".join(lines) + "\n"
