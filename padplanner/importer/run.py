"""An import from start to end: read the file, check every row, plan, and store or report.

A dry run and a real run do the same work (so a dry run reports exactly what the real run
would do, refusals by the planner included); only the real run writes, in one transaction,
and only when no row is refused, unless ``skip_bad`` takes the good rows.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from padplanner.importer.mapping import ColumnMap
from padplanner.importer.rows import MESSAGES, RowProblem, missing_columns, read_rows
from padplanner.importer.sheets import Sheet, read_sheet
from padplanner.store import intake_import
from padplanner.store.intake_import import ACTIONS, Incoming


@attrs.frozen
class RowResult:
    """What happened to one row: ``action`` is added, updated, unchanged or refused."""

    row: int
    dossier: str
    person_id: str | None
    action: str
    problems: tuple[RowProblem, ...] = ()


@attrs.frozen
class ImportReport:
    """The outcome of an import: per row, the problems of the file itself, and whether
    anything was written."""

    source: str
    dry_run: bool
    skip_bad: bool
    written: bool
    rows: tuple[RowResult, ...] = ()
    file_problems: tuple[RowProblem, ...] = ()

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {action: self.count(action) for action in ACTIONS}

    @property
    def ok(self) -> bool:
        """True when the import did (or, in a dry run, would do) what was asked."""
        if self.file_problems:
            return False
        if self.skip_bad:
            return self.count("refused") < len(self.rows)
        return self.count("refused") == 0


def read_export(path: str | os.PathLike, cmap: ColumnMap) -> Sheet:
    """The export at ``path`` as its mapping says to read it (``InputError`` for a file that is
    not one: empty, binary, not a workbook, too large)."""
    return read_sheet(
        path,
        sheet=cmap.sheet,
        header_row=cmap.header_row,
        delimiter=cmap.delimiter,
        encoding=cmap.encoding,
    )


def run_import(
    store: Any,
    path: str | os.PathLike,
    cmap: ColumnMap,
    planner: Any,
    *,
    today: date,
    author: str,
    dry_run: bool = False,
    skip_bad: bool = False,
    sheet: Sheet | None = None,
) -> ImportReport:
    """Import the caseload export at ``path`` read through ``cmap`` (or ``sheet``, the export
    already read by ``read_export``); see the module docstring."""
    source = Path(path).name
    if sheet is None:
        sheet = read_export(path, cmap)
    missing = missing_columns(sheet, cmap)
    if missing:
        return ImportReport(source, dry_run, skip_bad, False, file_problems=tuple(missing))
    rows = read_rows(sheet, cmap)
    good = [Incoming(r.client, r.number, r.counsellor) for r in rows if r.client is not None]
    prepared = {p.incoming.row: p for p in intake_import.prepare(store, good, planner, today)}
    results = []
    for row in rows:
        item = prepared.get(row.number)
        if item is None:
            results.append(RowResult(row.number, row.dossier, None, "refused", row.problems))
            continue
        problems: tuple[RowProblem, ...] = ()
        if item.problem is not None:
            kind, message = item.problem
            field = "counsellor" if kind == "counsellor" else "dossier"
            problems = (
                RowProblem(
                    row.number,
                    cmap.columns.get(field, ""),  # a counsellor may come from [defaults]
                    field,
                    MESSAGES[kind],
                    {"message": message[:300]},
                ),
            )
        results.append(
            RowResult(row.number, row.dossier, item.incoming.client.id, item.action, problems)
        )
    report = ImportReport(source, dry_run, skip_bad, False, tuple(results))
    refused = report.count("refused")
    if dry_run or (refused and not skip_bad) or not report.ok:
        return report
    intake_import.write(
        store, list(prepared.values()), author, source, today, len(rows) - len(good)
    )
    return attrs.evolve(report, written=True)
