"""The mapping file (``padplanner.mapping/1`` TOML): which column of an export is which field,
and how its values translate.

A municipality exports its caseload from another system or a spreadsheet; its columns have
their own names ("Alfa: ja/nee") and their own words ("ja", "nee"). The mapping says, once,
how to read them::

    schema = "padplanner.mapping/1"

    [file]                       # all optional
    sheet = "Caseload"           # xlsx: the sheet (default: the first)
    header_row = 1               # the row with the column names
    delimiter = ";"              # csv: default sniffed from the header (; , or tab)
    encoding = "utf-8"           # csv: utf-8 (default, with or without BOM) or cp1252
    date_formats = ["%d-%m-%Y"]  # besides ISO dates (2025-09-01)
    id_prefix = ""               # put before every dossier number to make the person id

    [columns]                    # field = "column name in the file"
    dossier = "Dossiernummer"    # required: the person's id (see docs/import.md)
    birth_date = "Geboortedatum"
    literacy = "Alfa: ja/nee"
    levels.speaking = "Spreken"

    [values.literacy]            # what the file writes = what padplanner means
    ja = "none"
    nee = "latin"

    [defaults]                   # a field with no column: the same value for every row
    municipality = "GM0034"

``FIELDS`` lists every field a column can fill, with its kind; ``docs/import.md`` is the
reference for municipalities.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import attrs

from padplanner.errors import InputError, Phrased, Problem, phrased, phrased_closest
from padplanner.i18n import N_
from padplanner.limits import load_toml
from padplanner.model.client import (
    AIMS,
    DAYS,
    DIPLOMAS,
    DUTCH_CONTACT,
    EDUCATION,
    LEARNABILITY,
    LITERACY,
)
from padplanner.model.levels import SKILLS

MAPPING_SCHEMA = "padplanner.mapping/1"
MAX_MAPPING_BYTES = 256 * 1024
MAX_ENTRIES = 2000  # columns, defaults and translations together
MAX_NAME = 200  # characters of a column name or a value in the file
LEVEL_WORDS: tuple[str, ...] = ("A0", "A1", "A2", "B1", "B2", "C1", "C2")
COMPONENT_WORDS: tuple[str, ...] = ("knm", "pvt", "map", "values")
ENCODINGS: tuple[str, ...] = ("utf-8", "cp1252")


@attrs.frozen
class Field:
    """A field a column can fill: ``kind`` is text, date, int, bool, choice or list."""

    name: str
    kind: str
    choices: tuple[str, ...] = ()
    limit: int = 200
    required: bool = False


def _fields() -> dict[str, Field]:
    out = [
        Field("dossier", "text", limit=64, required=True),
        Field("name", "text"),
        Field("bsn", "bsn"),
        Field("birth_date", "date", required=True),
        Field("municipality", "text", limit=6, required=True),
        Field("term_start", "date", required=True),
        Field("notice_date", "date"),
        Field("weekly_hours", "int", required=True),
        Field("learnability", "choice", LEARNABILITY),
        Field("education", "choice", EDUCATION),
        Field("education_years", "int"),
        Field("literacy", "choice", LITERACY),
        Field("dutch_contact", "choice", DUTCH_CONTACT),
        Field("aim", "choice", AIMS),
        *(Field(f"levels.{skill}", "choice", LEVEL_WORDS) for skill in SKILLS),
        Field("work.goal", "text", limit=64),
        Field("work.foreign_diploma", "choice", DIPLOMAS),
        Field("work.diploma_evaluated", "bool"),
        Field("work.experience", "list", limit=64),
        Field("availability.days", "list", DAYS),
        Field("availability.start_after", "date"),
        Field("availability.childcare_needed", "bool"),
        Field("progress.completed", "list", COMPONENT_WORDS),
        Field("notes", "text", limit=2000),
        Field("own_goals", "text", limit=2000),
        Field("own_wishes", "text", limit=2000),
        Field("own_worries", "text", limit=2000),
        Field("counsellor", "text", limit=100),
    ]
    return {f.name: f for f in out}


FIELDS: dict[str, Field] = _fields()
REQUIRED: tuple[str, ...] = tuple(f.name for f in FIELDS.values() if f.required)
BOOL_WORDS = {
    "ja": True,
    "j": True,
    "yes": True,
    "y": True,
    "true": True,
    "waar": True,
    "1": True,
    "x": True,
    "nee": False,
    "n": False,
    "no": False,
    "false": False,
    "onwaar": False,
    "0": False,
}


@attrs.frozen
class ColumnMap:
    """A checked mapping: columns by field, translations by field, defaults by field."""

    columns: Mapping[str, str]
    values: Mapping[str, Mapping[str, str]]
    defaults: Mapping[str, Any]
    sheet: str | None = None
    header_row: int = 1
    delimiter: str | None = None
    encoding: str = "utf-8"
    date_formats: tuple[str, ...] = ()
    id_prefix: str = ""
    source: str = "<mapping>"


def _flat(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"levels": {"reading": "X"}}`` and ``{"levels.reading": "X"}`` alike, flat."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and name not in FIELDS:
            out.update(_flat(value, name + "."))
        else:
            out[name] = value
    return out


def _field_problem(name: str) -> Phrased:
    return phrased_closest(
        N_("input.mapping.field"), N_("input.mapping.field.close"), name, FIELDS, name=repr(name)
    )


def _unknown(key: str, kind: str, allowed: tuple[str, ...]) -> Phrased:
    """An unknown section or option of the mapping, with a "did you mean"."""
    if kind == "section":
        keys = N_("input.mapping.section"), N_("input.mapping.section.close")
    else:
        keys = N_("input.mapping.option"), N_("input.mapping.option.close")
    return phrased_closest(*keys, key, allowed, allowed=", ".join(allowed))


SECTIONS = ("file", "columns", "values", "defaults")
OPTIONS = ("sheet", "header_row", "delimiter", "encoding", "date_formats", "id_prefix")


def _text_ok(value: Any) -> bool:
    return (
        isinstance(value, str)
        and 0 < len(value) <= MAX_NAME
        and not any(ord(c) < 32 or ord(c) == 127 for c in value)
    )


def parse_mapping(data: Mapping[str, Any], source: str = "<mapping>") -> ColumnMap:
    """Check a mapping read from TOML; raise :class:`InputError` with every problem."""
    problems: list[Problem] = []

    def bad(path: str, message: Phrased) -> None:
        problems.append(Problem(source, path, message))

    schema = data.get("schema")
    if schema != MAPPING_SCHEMA:
        bad(
            "schema",
            phrased("input.mapping.schema", expected=repr(MAPPING_SCHEMA), value=repr(schema)),
        )
    for key in data:
        if key != "schema" and key not in SECTIONS:
            bad(key, _unknown(key, "section", SECTIONS))
    options = data.get("file", {})
    columns = _flat(data.get("columns", {})) if isinstance(data.get("columns"), dict) else {}
    defaults = _flat(data.get("defaults", {})) if isinstance(data.get("defaults"), dict) else {}
    values_in = data.get("values", {})
    if not isinstance(options, dict):
        bad("file", phrased("input.mapping.table"))
        options = {}
    if not isinstance(values_in, dict):
        bad("values", phrased("input.mapping.tables"))
        values_in = {}
    size = (
        len(columns)
        + len(defaults)
        + sum(len(v) for v in values_in.values() if isinstance(v, dict))
    )
    if size > MAX_ENTRIES:
        bad("", phrased("input.mapping.size", size=size, most=MAX_ENTRIES))
        raise InputError(problems)
    for name, column in columns.items():
        if name not in FIELDS:
            bad(f"columns.{name}", _field_problem(name))
        elif not _text_ok(column):
            bad(f"columns.{name}", phrased("input.mapping.column", most=MAX_NAME))
    taken: dict[str, str] = {}
    for name, column in columns.items():
        if isinstance(column, str) and column.strip().casefold() in taken:
            other = taken[column.strip().casefold()]
            said = phrased("input.mapping.column.twice", column=repr(column), other=other)
            bad(f"columns.{name}", said)
        elif isinstance(column, str):
            taken[column.strip().casefold()] = name
    if "dossier" not in columns:
        bad("columns.dossier", phrased("input.mapping.dossier"))
    for name in REQUIRED:
        if name != "dossier" and name not in columns and name not in defaults:
            bad(f"columns.{name}", phrased("input.mapping.required"))
    values: dict[str, dict[str, str]] = {}
    for name, table in values_in.items():
        if name not in FIELDS:
            bad(f"values.{name}", _field_problem(name))
            continue
        if not isinstance(table, dict):
            bad(f"values.{name}", phrased("input.mapping.values"))
            continue
        field = FIELDS[name]
        values[name] = {}
        for word, meant in table.items():
            path = f"values.{name}.{word}"
            if not _text_ok(word):
                bad(path, phrased("input.mapping.word", most=MAX_NAME))
            elif field.kind == "bool":
                if not isinstance(meant, bool):
                    bad(path, phrased("input.mapping.bool"))
                else:
                    values[name][word.strip().casefold()] = meant  # type: ignore[assignment]
            elif not isinstance(meant, str) or (field.choices and meant not in field.choices):
                bad(path, _meant(meant, field.choices))
            else:
                values[name][word.strip().casefold()] = meant
    for name, value in defaults.items():
        if name not in FIELDS:
            bad(f"defaults.{name}", _field_problem(name))
        elif name == "dossier":
            bad("defaults.dossier", phrased("input.mapping.default.dossier"))
        else:
            problem = default_problem(FIELDS[name], value)
            if problem:
                bad(f"defaults.{name}", problem)
    sheet = options.get("sheet")
    header_row = options.get("header_row", 1)
    delimiter = options.get("delimiter")
    encoding = options.get("encoding", "utf-8")
    formats = options.get("date_formats", [])
    prefix = options.get("id_prefix", "")
    for key in options:
        if key not in OPTIONS:
            bad(f"file.{key}", _unknown(key, "option", OPTIONS))
    if sheet is not None and not _text_ok(sheet):
        bad("file.sheet", phrased("input.mapping.sheet"))
    if (
        isinstance(header_row, bool)
        or not isinstance(header_row, int)
        or not 1 <= header_row <= 100
    ):
        bad("file.header_row", phrased("input.mapping.header_row"))
    if delimiter is not None and delimiter not in (",", ";", "\t", "|"):
        bad("file.delimiter", phrased("input.mapping.delimiter"))
    if encoding not in ENCODINGS:
        bad("file.encoding", phrased("input.mapping.encoding", allowed=", ".join(ENCODINGS)))
    if not isinstance(formats, list) or not all(_format_ok(f) for f in formats):
        bad("file.date_formats", phrased("input.mapping.date_formats"))
        formats = []
    if (
        not isinstance(prefix, str)
        or len(prefix) > 20
        or not all(c.isalnum() or c in "._-" for c in prefix)
    ):
        bad("file.id_prefix", phrased("input.mapping.id_prefix", most=20))
    if problems:
        raise InputError(problems)
    return ColumnMap(
        columns={k: v.strip() for k, v in columns.items()},
        values=values,
        defaults=defaults,
        sheet=sheet,
        header_row=header_row,
        delimiter=delimiter,
        encoding=encoding,
        date_formats=tuple(formats),
        id_prefix=prefix,
        source=source,
    )


def _format_ok(value: Any) -> bool:
    if not isinstance(value, str) or not 2 <= len(value) <= 40 or "%" not in value:
        return False
    try:
        datetime(2025, 9, 1).strftime(value)
    except ValueError:
        return False
    return True


def _meant(meant: Any, choices: tuple[str, ...]) -> Phrased:
    """What a word in [values.FIELD] stands for that is not a value of the field."""
    if not choices:
        return phrased("input.mapping.meant.text", value=repr(meant))
    allowed = ", ".join(choices)
    return phrased_closest(
        N_("input.mapping.meant"),
        N_("input.mapping.meant.close"),
        str(meant),
        choices,
        value=repr(meant),
        allowed=allowed,
    )


def default_problem(field: Field, value: Any) -> Phrased | None:
    """Why ``value`` cannot be the default of ``field``, or None."""
    if field.kind == "date":
        return (
            None
            if isinstance(value, date) and not isinstance(value, datetime)
            else phrased("input.mapping.default.date")
        )
    if field.kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 1000
        return None if ok else phrased("input.mapping.default.int", most=1000)
    if field.kind == "bool":
        return None if isinstance(value, bool) else phrased("input.mapping.bool")
    if field.kind == "list":
        ok = isinstance(value, list) and all(
            isinstance(v, str) and (not field.choices or v in field.choices) for v in value
        )
        if ok:
            return None
        if field.choices:
            return phrased("input.mapping.default.list", allowed=", ".join(field.choices))
        return phrased("input.mapping.default.texts")
    if not isinstance(value, str) or not value or len(value) > field.limit:
        return phrased("input.mapping.default.text", most=field.limit)
    if field.choices and value not in field.choices:
        allowed = ", ".join(field.choices)
        return phrased_closest(
            N_("input.value.choice"),
            N_("input.value.choice.close"),
            value,
            field.choices,
            value=repr(value),
            allowed=allowed,
        )
    return None


def load_mapping(data: bytes, source: str) -> ColumnMap:
    """A mapping from the bytes of a TOML file (parsed within ``padplanner.limits``)."""
    return parse_mapping(load_toml(data, source), source)
