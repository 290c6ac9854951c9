"""Reading a caseload export: a CSV file or an xlsx workbook, as a header and numbered rows.

Both are read from a regular file of at most :data:`MAX_SHEET_BYTES`. CSV is UTF-8 (with or
without a byte-order mark) or, when the mapping says so, Windows-1252 as older Excel versions
save it; the delimiter is sniffed from the header (``;``, ``,`` or a tab) unless the mapping
names it. xlsx is read with openpyxl in read-only mode; before that the archive's declared
sizes are checked (at most :data:`MAX_UNPACKED_BYTES` unpacked, a compression ratio of at
most :data:`MAX_RATIO`), so a small file cannot unpack into gigabytes. A formula cell is never
evaluated: it is kept as a :class:`Formula`, which the rows refuse with the fix.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs

from padplanner.errors import InputError, Problem
from padplanner.limits import read_input

MAX_SHEET_BYTES = 32 * 1024 * 1024  # 32 MiB: 10,000 people take about 1.5 MB as CSV
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_CELL = 2000  # characters of one cell


@attrs.frozen
class Formula:
    """A formula cell, kept as its text (never evaluated)."""

    text: str


Cell = str | int | float | bool | date | datetime | Formula | None


@attrs.frozen
class Sheet:
    """The header (column names) and the rows after it, each with its row number in the file."""

    source: str
    header: tuple[str, ...]
    header_row: int
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]


def read_bytes(path: str | os.PathLike, limit: int = MAX_SHEET_BYTES) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` (see ``padplanner.limits``)."""
    return read_input(path, limit)


def read_sheet(
    path: str | os.PathLike,
    *,
    sheet: str | None = None,
    header_row: int = 1,
    delimiter: str | None = None,
    encoding: str = "utf-8",
) -> Sheet:
    """Read ``path`` (``.csv`` or ``.xlsx``, by its suffix)."""
    name = Path(path).name
    suffix = Path(path).suffix.lower()
    if suffix not in (".csv", ".xlsx", ".txt", ".tsv"):
        raise InputError(
            [Problem(name, "", "is not a .csv or .xlsx file; save the export as one of them")]
        )
    data = read_bytes(path)
    if not data.strip():
        raise InputError([Problem(name, "", "is empty; export the caseload again")])
    if suffix == ".xlsx":
        return _xlsx(data, name, sheet, header_row)
    return _csv(data, name, header_row, delimiter, encoding)


def _header(source: str, cells: Sequence[Cell], row: int) -> tuple[str, ...]:
    header = tuple("" if c is None else str(c).strip() for c in cells)
    while header and not header[-1]:
        header = header[:-1]
    if not any(header):
        raise InputError(
            [
                Problem(
                    source, f"row {row}", "the header row is empty; set header_row in the mapping"
                )
            ]
        )
    if len(header) > MAX_COLUMNS:
        raise InputError([Problem(source, f"row {row}", f"has more than {MAX_COLUMNS} columns")])
    return header


def _add(rows: list, source: str, number: int, cells: Sequence[Cell]) -> bool:
    """Keep one row; False once there are more than a file may hold (``_finish`` says so)."""
    if len(cells) > MAX_COLUMNS:
        raise InputError([Problem(source, f"row {number}", f"has more than {MAX_COLUMNS} columns")])
    rows.append((number, tuple(cells)))
    return len(rows) <= MAX_ROWS + 1


def _finish(source: str, header_row: int, rows: list[tuple[int, tuple[Cell, ...]]]) -> Sheet:
    if not rows:
        raise InputError([Problem(source, "", f"has no rows under the header (row {header_row})")])
    _, header = rows[0]
    body = [(n, cells) for n, cells in rows[1:] if any(c not in (None, "") for c in cells)]
    if not body:
        raise InputError([Problem(source, "", "has a header but no people under it")])
    if len(body) > MAX_ROWS:
        raise InputError(
            [Problem(source, "", f"has {len(body):,} rows; at most {MAX_ROWS:,} per import")]
        )
    return Sheet(source, _header(source, header, header_row), header_row, tuple(body))


def _csv(data: bytes, source: str, header_row: int, delimiter: str | None, encoding: str) -> Sheet:
    if b"\x00" in data[:65536]:
        raise InputError(
            [Problem(source, "", "is not a CSV text file (it holds binary data); export as CSV")]
        )
    try:
        text = data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError:
        raise InputError(
            [
                Problem(
                    source,
                    "",
                    "is not UTF-8 text; save it as 'CSV UTF-8', or set encoding = \"cp1252\" "
                    "under [file] in the mapping",
                )
            ]
        ) from None
    lines = text.splitlines()
    if len(lines) < header_row:
        raise InputError([Problem(source, "", f"has fewer than {header_row} lines")])
    if delimiter is None:
        head = lines[header_row - 1]
        delimiter = max((";", ",", "\t"), key=head.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, tuple[Cell, ...]]] = []
    try:
        for cells in reader:
            number = reader.line_num
            if number < header_row:
                continue
            if not _add(rows, source, number, cells):
                break
    except csv.Error as exc:
        raise InputError(
            [Problem(source, f"row {reader.line_num}", f"is not valid CSV ({exc}); export again")]
        ) from None
    return _finish(source, header_row, rows)


def _xlsx(data: bytes, source: str, sheet: str | None, header_row: int) -> Sheet:
    from openpyxl import load_workbook

    not_xlsx = Problem(source, "", "is not an xlsx workbook; save it as .xlsx or export as CSV")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError([not_xlsx]) from None
    unpacked = sum(m.file_size for m in members)
    packed = max(1, sum(m.compress_size for m in members))
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_RATIO:
        raise InputError(
            [Problem(source, "", "unpacks to far more than a caseload needs; refused")]
        )
    if "xl/workbook.xml" not in {m.filename for m in members}:
        raise InputError([not_xlsx])
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise InputError([not_xlsx]) from None
    try:
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            raise InputError(
                [
                    Problem(
                        source,
                        "",
                        f"has no sheet {sheet!r} (sheets: {', '.join(book.sheetnames)}); "
                        "fix file.sheet in the mapping",
                    )
                ]
            )
        rows: list[tuple[int, tuple[Cell, ...]]] = []
        for number, row in enumerate(ws.iter_rows(), start=1):
            if number < header_row:
                continue
            cells: list[Cell] = []
            for cell in row[: MAX_COLUMNS + 1]:
                value = cell.value
                if getattr(cell, "data_type", None) == "f":  # a formula: never evaluated
                    cells.append(Formula(str(value)[:200]))
                elif isinstance(value, str | int | float | bool | date) or value is None:
                    cells.append(value)
                else:  # times, durations, errors: as text, the rows say what is wrong
                    cells.append(str(value))
            if not _add(rows, source, number, cells):
                break
    except InputError:
        raise
    except Exception:
        raise InputError([not_xlsx]) from None
    finally:
        book.close()
    return _finish(source, header_row, rows)


def cell_text(value: Any) -> str:
    """A cell as the text a person sees (for messages), at most 60 characters."""
    if isinstance(value, Formula):
        text = value.text
    elif isinstance(value, datetime):
        text = value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "..."
