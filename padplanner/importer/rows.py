"""From a row of the export to a person's intake, or to the problems that refuse the row.

Every problem names the row (its number in the file), the column (as the file names it) and
the fix. The message is a key of the text catalogues (``import.problem.*``) with its values, so
the report reads in the counsellor's language; a problem the client-file checks find (an age
out of range, a municipality code) keeps the check's own sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

import attrs

from padplanner.clientfile import bsn_valid, parse_client
from padplanner.errors import InputError
from padplanner.i18n import N_
from padplanner.importer.mapping import BOOL_WORDS, FIELDS, ColumnMap, Field
from padplanner.importer.sheets import Cell, Formula, Sheet, cell_text
from padplanner.model import Client

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_SPLIT = re.compile(r"\s*[,;/]\s*")
ISO_DATE = "%Y-%m-%d"

MESSAGES = {
    "missing": N_("import.problem.missing"),
    "unknown": N_("import.problem.unknown"),
    "date": N_("import.problem.date"),
    "number": N_("import.problem.number"),
    "bool": N_("import.problem.bool"),
    "formula": N_("import.problem.formula"),
    "too_long": N_("import.problem.too_long"),
    "control": N_("import.problem.control"),
    "dossier": N_("import.problem.dossier"),
    "duplicate": N_("import.problem.duplicate"),
    "duplicate_bsn": N_("import.problem.duplicate_bsn"),
    "bsn": N_("import.problem.bsn"),
    "client": N_("import.problem.client"),
    "erased": N_("import.problem.erased"),
    "plan": N_("import.problem.plan"),
    "no_column": N_("import.problem.no_column"),
    "counsellor": N_("import.problem.counsellor"),
}


@attrs.frozen
class RowProblem:
    """Why a row is refused: ``row`` in the file, ``column`` as the file names it (empty when
    the value came from the mapping's defaults), the ``field`` it fills, a message key and
    the values its sentence is made from."""

    row: int
    column: str
    field: str
    key: str
    values: Mapping[str, str] = attrs.field(
        factory=dict, converter=lambda v: MappingProxyType(dict(v))
    )


@attrs.frozen
class Row:
    """One row read: the intake it gives (``client``) or the ``problems`` that refuse it."""

    number: int
    dossier: str
    client: Client | None
    counsellor: str | None
    problems: tuple[RowProblem, ...]


class _Refused(Exception):
    def __init__(self, key: str, **values: str):
        self.key, self.values = key, values


def _text(value: Cell, field: Field) -> str:
    text = cell_text(value) if not isinstance(value, str) else value
    if isinstance(value, float | int) and not isinstance(value, bool):
        text = cell_text(value)
    text = text.strip()
    if len(text) > field.limit:
        raise _Refused(MESSAGES["too_long"], length=str(len(text)), limit=str(field.limit))
    allowed = "\n\t" if field.limit > 200 else ""
    if any((ord(c) < 32 and c not in allowed) or ord(c) == 127 for c in text):
        raise _Refused(MESSAGES["control"])
    return text


def _choice(word: str, field: Field, cmap: ColumnMap) -> str:
    table = cmap.values.get(field.name, {})
    key = word.casefold()
    if key in table:
        return table[key]
    for choice in field.choices:  # padplanner's own words are always understood
        if choice.casefold() == key:
            return choice
    known = sorted({*table, *field.choices})
    raise _Refused(
        MESSAGES["unknown"],
        value=word[:60],
        field=field.name,
        known=", ".join(known[:12]) + (" ..." if len(known) > 12 else ""),
    )


def _date(value: Cell, cmap: ColumnMap) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value).strip()
    for fmt in (ISO_DATE, *cmap.date_formats):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise _Refused(MESSAGES["date"], value=text[:60])


def _int(value: Cell) -> int:
    if isinstance(value, bool):
        raise _Refused(MESSAGES["number"], value=cell_text(value))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = cell_text(value).strip()
    if re.fullmatch(r"\d{1,4}", text):
        return int(text)
    raise _Refused(MESSAGES["number"], value=text[:60])


def _bool(value: Cell, field: Field, cmap: ColumnMap) -> bool:
    if isinstance(value, bool):
        return value
    word = cell_text(value).strip().casefold()
    table = cmap.values.get(field.name, {})
    if word in table:
        return bool(table[word])
    if word in BOOL_WORDS:
        return BOOL_WORDS[word]
    raise _Refused(MESSAGES["bool"], value=word[:60], field=field.name)


def convert(value: Cell, field: Field, cmap: ColumnMap) -> Any:
    """The value of ``field`` from one cell, or :class:`_Refused`."""
    if isinstance(value, Formula):
        raise _Refused(MESSAGES["formula"], value=value.text[:60])
    if field.kind == "date":
        return _date(value, cmap)
    if field.kind == "int":
        return _int(value)
    if field.kind == "bool":
        return _bool(value, field, cmap)
    if field.kind == "bsn":
        text = re.sub(r"[\s.]", "", cell_text(value))
        if not bsn_valid(text):
            raise _Refused(MESSAGES["bsn"], value="*" * max(0, len(text) - 3) + text[-3:])
        return text.zfill(9)
    text = _text(value, field)
    if field.kind == "choice":
        return _choice(text, field, cmap)
    if field.kind == "list":
        words = [w for w in _SPLIT.split(text) if w]
        return [_choice(w, field, cmap) if field.choices else w.casefold() for w in words]
    return text


def _empty(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _set(data: dict[str, Any], name: str, value: Any) -> None:
    parts = name.split(".")
    for part in parts[:-1]:
        data = data.setdefault(part, {})
    data[parts[-1]] = value


def read_row(number: int, cells: tuple[Cell, ...], sheet: Sheet, cmap: ColumnMap) -> Row:
    """The intake of one row, or every problem with it."""
    index = {name.casefold(): i for i, name in enumerate(sheet.header)}
    problems: list[RowProblem] = []
    data: dict[str, Any] = {}
    column_of: dict[str, str] = {}
    dossier = ""
    counsellor = None
    for name, value in cmap.defaults.items():
        if name == "counsellor":  # who follows the person: not a field of the intake
            counsellor = value
        else:
            _set(data, name, list(value) if isinstance(value, list) else value)
    for name, column in cmap.columns.items():
        field = FIELDS[name]
        position = index[column.casefold()]
        value = cells[position] if position < len(cells) else None
        column_of[name] = column
        if _empty(value):
            if field.required and name not in cmap.defaults:
                problems.append(RowProblem(number, column, name, MESSAGES["missing"]))
            continue
        try:
            converted = convert(value, field, cmap)
        except _Refused as refused:
            problems.append(RowProblem(number, column, name, refused.key, refused.values))
            continue
        if name == "dossier":
            dossier = converted
        elif name == "counsellor":
            counsellor = converted
        else:
            _set(data, name, converted)
    person_id = cmap.id_prefix + dossier
    if dossier and not _ID.match(person_id):
        problems.append(
            RowProblem(
                number,
                column_of["dossier"],
                "dossier",
                MESSAGES["dossier"],
                {"value": dossier[:60]},
            )
        )
    if problems:
        return Row(number, dossier, None, counsellor, tuple(problems))
    data["id"] = person_id
    if isinstance(data.get("levels"), dict):
        data["levels"] = {k: v for k, v in data["levels"].items()}
    try:
        client = parse_client(data, sheet.source)
    except InputError as exc:
        for problem in exc.problems:
            path = problem.path.split("[")[0]
            field = "dossier" if path == "id" else path
            problems.append(
                RowProblem(
                    number,
                    column_of.get(field, ""),
                    field,
                    MESSAGES["client"],
                    {"message": problem.message},
                )
            )
        return Row(number, dossier, None, counsellor, tuple(problems))
    return Row(number, dossier, client, counsellor, ())


def missing_columns(sheet: Sheet, cmap: ColumnMap) -> list[RowProblem]:
    """Columns the mapping names that the file's header does not have."""
    present = {name.casefold() for name in sheet.header}
    return [
        RowProblem(
            sheet.header_row,
            column,
            name,
            MESSAGES["no_column"],
            {"found": ", ".join(h for h in sheet.header if h)[:300]},
        )
        for name, column in cmap.columns.items()
        if column.casefold() not in present
    ]


def read_rows(sheet: Sheet, cmap: ColumnMap) -> list[Row]:
    """Every row, with duplicates (dossier numbers, BSNs) refused after their first row."""
    rows = [read_row(number, cells, sheet, cmap) for number, cells in sheet.rows]
    first_dossier: dict[str, int] = {}
    first_bsn: dict[str, Row] = {}
    out = []
    for row in rows:
        extra: list[RowProblem] = []
        key = row.dossier.casefold()
        if key and key in first_dossier:
            extra.append(
                RowProblem(
                    row.number,
                    cmap.columns["dossier"],
                    "dossier",
                    MESSAGES["duplicate"],
                    {"value": row.dossier[:60], "other": str(first_dossier[key])},
                )
            )
        elif key:
            first_dossier[key] = row.number
        bsn = row.client.bsn if row.client else None
        if bsn and bsn in first_bsn and not extra:
            other = first_bsn[bsn]
            extra.append(
                RowProblem(
                    row.number,
                    cmap.columns.get("bsn", ""),
                    "bsn",
                    MESSAGES["duplicate_bsn"],
                    {"other": str(other.number), "dossier": other.dossier[:60]},
                )
            )
        elif bsn:
            first_bsn[bsn] = row
        if extra:
            row = attrs.evolve(row, client=None, problems=(*row.problems, *extra))
        out.append(row)
    return out
