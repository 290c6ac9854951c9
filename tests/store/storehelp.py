"""Helpers shared by the store tests (imported by name; pytest puts this folder on the path)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AMAL = ROOT / "examples" / "clients" / "amal.toml"
NOW = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
TODAY = NOW.date()


def counts(store) -> dict[str, int]:
    """Rows per table: to show that refused input changed nothing."""
    from padplanner.store.health import table_counts

    return table_counts(store)
