"""Import speed: a caseload export of 10,000 people into a new database, plans included.

    python benchmarks/import_bench.py [--size 10000] [--xlsx] [--pg URL]

The CPU time (this process and its planning workers) is printed beside the wall-clock time,
with the machine's load: on a shared machine the wall clock says more about the neighbours.

Target: 10,000 rows in <= 60 s, reading, checking and planning every person and storing it all
in one transaction. The export is the sample's format (examples/import/make_sample.py: Dutch
columns, a mapping with translations) with synthetic people from ``padplanner.demo``. A second
run of the same file (everyone unchanged) is timed as well: re-importing reads and compares
but plans and writes nothing.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import runpy
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from padplanner import Planner  # noqa: E402
from padplanner.importer.mapping import load_mapping  # noqa: E402
from padplanner.importer.run import run_import  # noqa: E402
from padplanner.store import open_store  # noqa: E402

TARGET_S = 60.0
TODAY = date(2026, 10, 1)
SAMPLE = ROOT / "examples" / "import"


def export(folder: Path, size: int, xlsx: bool) -> Path:
    script = runpy.run_path(str(SAMPLE / "make_sample.py"))
    script["main"].__globals__["SIZE"] = size
    rows = script["rows"]()
    if xlsx:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("Caseload")
        sheet.append(script["HEADER"])
        for row in rows:
            sheet.append(row)
        path = folder / "caseload.xlsx"
        book.save(path)
        return path
    path = folder / "caseload.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(script["HEADER"])
        writer.writerows(rows)
    return path


def run(url: str, path: Path, label: str) -> list[str]:
    cmap = load_mapping((SAMPLE / "mapping.toml").read_bytes(), "mapping.toml")
    planner = Planner.default()
    out = []
    with open_store(url, actor="bench") as store:
        for what in ("first import", "same file again"):
            started, cpu = time.perf_counter(), os.times()
            report = run_import(store, path, cmap, planner, today=TODAY, author="bench")
            seconds = time.perf_counter() - started
            after = os.times()
            used = sum(after[:4]) - sum(cpu[:4])  # user and system: ours and the workers'
            rows = len(report.rows)
            verdict = "ok" if seconds <= TARGET_S else "MISSED"
            target = f"(target {TARGET_S:g} s, {seconds / TARGET_S:4.2f}x) {verdict}"
            out.append(
                f"  {label} {what:<16} {rows:>6} rows {seconds:7.1f} s "
                f"{rows / seconds:7.0f} rows/s  (CPU {used:6.1f} s on {os.cpu_count()} cores, "
                f"load {os.getloadavg()[0]:.1f})  {report.counts}"
                + (f"  {target}" if what == "first import" else "")
            )
            if not report.written:
                out.append("  (not written: some rows were refused)")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--xlsx", action="store_true", help="time an xlsx export too")
    parser.add_argument("--pg", default=os.environ.get("PADPLANNER_TEST_PG"))
    args = parser.parse_args()
    print(f"import benchmark: {args.size:,} synthetic people, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        kinds = [False, True] if args.xlsx else [False]
        for xlsx in kinds:
            path = export(base, args.size, xlsx)
            name = "xlsx" if xlsx else "csv "
            url = f"sqlite:///{base / f'import-{name.strip()}.db'}"
            for text in run(url, path, f"SQLite {name}"):
                print(text)
        if args.pg:
            from sqlalchemy import create_engine, text

            schema = "import_bench"
            admin = create_engine(args.pg)
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
                conn.execute(text(f"CREATE SCHEMA {schema}"))
            from sqlalchemy.engine import make_url

            url = (
                make_url(args.pg)
                .update_query_dict({"options": f"-csearch_path={schema}"})
                .render_as_string(hide_password=False)
            )
            try:
                for text_line in run(url, export(base, args.size, False), "PostgreSQL csv"):
                    print(text_line)
            finally:
                with admin.begin() as conn:
                    conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
                admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
