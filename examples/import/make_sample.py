"""Write the sample caseload export: synthetic people only, as another system would export them.

    python examples/import/make_sample.py            # caseload.csv (committed)
    python examples/import/make_sample.py --xlsx     # caseload.xlsx too (needs openpyxl)

The people come from padplanner's synthetic generator (``padplanner.demo``): invented names
and BSNs from the 99x test range, never real people. The columns and words are those of a
typical municipal export (Dutch column names, dates as 01-09-2025, "ja"/"nee"); mapping.toml
beside this file says how padplanner reads them. tests/adoption/test_import.py checks that
caseload.csv is what this script writes.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from datetime import date
from pathlib import Path

from padplanner.demo import generate
from padplanner.files import write_file

HERE = Path(__file__).resolve().parent
SIZE = 250
SEED = 2026
TODAY = date(2026, 10, 1)
COUNSELLORS = ("k.devries", "m.bakker", "r.jansen")
HEADER = (
    "Dossiernummer",
    "Naam",
    "BSN",
    "Geboortedatum",
    "Gemeente",
    "Start termijn",
    "Uren per week",
    "Leerbaarheid",
    "Opleiding",
    "Alfa: ja/nee",
    "Contact Nederlands",
    "Doel",
    "Lezen",
    "Luisteren",
    "Schrijven",
    "Spreken",
    "Werkwens",
    "Kinderopvang",
    "Klantmanager",
)
WORDS = {
    "learnability": {"low": "laag", "average": "gemiddeld", "high": "hoog"},
    "education": {
        "none": "geen",
        "primary": "basisonderwijs",
        "secondary": "voortgezet",
        "vocational": "mbo",
        "higher": "hbo/wo",
    },
    "literacy": {"none": "ja", "other-script": "ja, ander schrift", "latin": "nee"},
    "dutch_contact": {"none": "geen", "some": "soms", "daily": "dagelijks"},
    "aim": {"work": "werk", "study": "studie", "participation": "participatie"},
}


def _day(value: date) -> str:
    return value.strftime("%d-%m-%Y")


def rows() -> list[list[object]]:
    out = []
    for n, person in enumerate(generate(SIZE, SEED, TODAY), start=1):
        levels = person.levels
        out.append(
            [
                f"INB-{person.term_start.year}-{n:04d}",
                person.name,
                person.bsn,
                _day(person.birth_date),
                person.municipality,
                _day(person.term_start),
                person.weekly_hours,
                WORDS["learnability"][person.learnability],
                WORDS["education"][person.education],
                WORDS["literacy"][person.literacy],
                WORDS["dutch_contact"][person.dutch_contact],
                WORDS["aim"][person.aim],
                str(levels.reading),
                str(levels.listening),
                str(levels.writing),
                str(levels.speaking),
                person.work.goal or "",
                "ja" if person.availability.childcare_needed else "nee",
                COUNSELLORS[n % len(COUNSELLORS)],
            ]
        )
    return out


def csv_text() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows())
    return "\ufeff" + buffer.getvalue()  # "CSV UTF-8" as Excel saves it: with a BOM


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Caseload"
    sheet.append(HEADER)
    for row in rows():
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--xlsx", action="store_true", help="also write caseload.xlsx")
    parser.add_argument("--out", type=Path, default=HERE, help="folder (default: here)")
    args = parser.parse_args(argv)
    write_file(args.out / "caseload.csv", csv_text(), private=False)
    if args.xlsx:
        write_file(args.out / "caseload.xlsx", xlsx_bytes(), private=False)
    print(f"wrote {SIZE} synthetic people to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
