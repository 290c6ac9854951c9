"""How values are written into the store's text columns: JSON, checksums, UTC times."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from typing import Any


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


def to_json(data: Any) -> str:
    """Compact, key-sorted JSON (dates as ISO text): the form of every JSON column."""
    return json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain
    )


def checksum(plan_json: str) -> str:
    """The checksum a revision keeps of its plan JSON (``db check`` compares them)."""
    return hashlib.sha256(plan_json.encode("utf-8")).hexdigest()


def utc(value: datetime) -> datetime:
    """A time read back from the database, in UTC (SQLite keeps no zone)."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)
