"""Small caseload exports for the import tests (imported by name)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "import"
MAPPING = SAMPLE / "mapping.toml"
HEADER = [
    "Dossiernummer", "Naam", "BSN", "Geboortedatum", "Gemeente", "Start termijn",
    "Uren per week", "Leerbaarheid", "Opleiding", "Alfa: ja/nee", "Contact Nederlands",
    "Doel", "Lezen", "Luisteren", "Schrijven", "Spreken", "Werkwens", "Kinderopvang",
    "Klantmanager",
]  # fmt: skip
# Synthetic people; the BSNs pass the eleven-test and lie in the 99x test range.
GOOD = [
    ["INB-1", "Amal Test", "999990019", "01-03-1990", "GM0363", "01-09-2025", "16", "gemiddeld",
     "voortgezet", "nee", "soms", "werk", "A1", "A1", "A0", "A1", "care", "nee", "k.devries"],
    ["INB-2", "Bilal Test", "999990020", "15-07-1985", "GM0363", "01-03-2026", "12", "laag",
     "geen", "ja", "geen", "participatie", "A0", "A0", "A0", "A0", "", "ja", "m.bakker"],
    ["INB-3", "Carla Test", "999990032", "30-11-2001", "GM0363", "01-06-2026", "24", "hoog",
     "hbo/wo", "nee", "dagelijks", "studie", "A2", "A2", "A2", "A2", "", "nee", "k.devries"],
]  # fmt: skip


def csv_text(rows: list[list[str]], header: list[str] | None = None) -> str:
    lines = [";".join(header or HEADER)] + [";".join(r) for r in rows]
    return "\n".join(lines) + "\n"


def write_csv(folder: Path, rows: list[list[str]], header: list[str] | None = None) -> Path:
    path = folder / "export.csv"
    path.write_text(csv_text(rows, header), encoding="utf-8")
    return path


def changed(row: list[str], column: str, value: str) -> list[str]:
    out = list(row)
    out[HEADER.index(column)] = value
    return out
