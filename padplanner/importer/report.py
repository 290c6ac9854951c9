"""The import report as text (in the counsellor's language) and as ``padplanner.import/1`` JSON."""

from __future__ import annotations

import json
from typing import Any

from padplanner.i18n import N_, texts
from padplanner.importer.rows import RowProblem
from padplanner.importer.run import ImportReport

IMPORT_SCHEMA = "padplanner.import/1"
ACTION_WORDS = {
    "added": N_("import.action.added"),
    "updated": N_("import.action.updated"),
    "unchanged": N_("import.action.unchanged"),
    "refused": N_("import.action.refused"),
}


def problem_text(problem: RowProblem, lang: str) -> str:
    """``column 'Alfa: ja/nee': 'misschien' is not ...`` in ``lang``."""
    t = texts(lang)
    message = t(problem.key, **problem.values)
    if problem.column:
        where = t("import.column", column=problem.column)
    else:
        where = t("import.from_defaults", field=problem.field)
    return f"{where}: {message}"


def to_text(report: ImportReport, lang: str) -> str:
    t = texts(lang)
    lines = [t("import.title", source=report.source)]
    for problem in report.file_problems:
        lines.append(t("import.row", row=problem.row) + ": " + problem_text(problem, lang))
    for row in report.rows:
        where = t("import.row", row=row.row)
        lines.append(
            f"{where}  {row.person_id or row.dossier or '-'}  {t(ACTION_WORDS[row.action])}"
        )
        lines.extend("    " + problem_text(p, lang) for p in row.problems)
    counts = report.counts
    if report.rows:
        lines.append(t("import.total", **{k: t.number(v) for k, v in counts.items()}))
    if report.dry_run:
        lines.append(t("import.dry_run"))
    elif report.written and counts["added"] + counts["updated"]:
        lines.append(t("import.written"))
    elif report.written:
        lines.append(t("import.nothing_changed"))
    else:
        lines.append(
            t.ngettext("import.not_written", "import.not_written.plural", counts["refused"])
        )
    return "\n".join(lines) + "\n"


def to_json(report: ImportReport, lang: str) -> str:
    def problem(p: RowProblem) -> dict[str, Any]:
        return {
            "row": p.row,
            "column": p.column or None,
            "field": p.field,
            "code": p.key.removeprefix("import.problem."),
            "message": texts(lang)(p.key, **p.values),
        }

    out = {
        "schema": IMPORT_SCHEMA,
        "source": report.source,
        "dry_run": report.dry_run,
        "written": report.written,
        "counts": report.counts,
        "file_problems": [problem(p) for p in report.file_problems],
        "rows": [
            {
                "row": r.row,
                "dossier": r.dossier or None,
                "id": r.person_id,
                "action": r.action,
                "problems": [problem(p) for p in r.problems],
            }
            for r in report.rows
        ],
    }
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
