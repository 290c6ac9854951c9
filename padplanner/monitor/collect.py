"""Reading the caseload for the monitor, and the monitor of a period with its trend.

Everyone is read in chunks: the intake (without name, BSN, birth date or notes, which the
monitor never needs), events, decisions and every plan revision. People whose data was erased
keep counting (their pseudonymous record stays for statistics, as in the research dataset).
The monitor holds counts only, so it is pseudonymous by construction; making it is recorded
in the access log as an export (of no one person).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import attrs
from sqlalchemy import select

from padplanner.model import Plan
from padplanner.monitor.figures import Cell, Person, Quarter, count, suppress
from padplanner.store import people, summary
from padplanner.store.schema import people as people_table
from padplanner.store.schema import revisions

CHUNK = 500
MONITOR_SCHEMA = "padplanner.monitor/1"


@attrs.frozen
class Monitor:
    """The figures of ``quarters`` (oldest first; the last is the period asked for)."""

    quarters: tuple[Quarter, ...]
    cells: dict[str, tuple[Cell, ...]]  # by quarter, as text
    municipality: str | None = None
    until: date | None = None  # the period still runs: its figures are up to this day

    @property
    def period(self) -> Quarter:
        return self.quarters[-1]


def read_people(store: Any, planner: Any, municipality: str | None = None) -> Iterator[Person]:
    with store.read() as conn:
        query = select(people_table.c.id).order_by(people_table.c.id)
        ids = [r.id for r in conn.execute(query)]
    kinds: dict[str, dict[str, str]] = {}
    for start in range(0, len(ids), CHUNK):
        batch = ids[start : start + CHUNK]
        with store.read() as conn:
            found = summary.bulk(conn, batch)
            plans: dict[str, list[Plan]] = {i: [] for i in batch}
            for r in conn.execute(
                select(revisions.c.person_id, revisions.c.plan)
                .where(revisions.c.person_id.in_(batch))
                .order_by(revisions.c.person_id, revisions.c.revision)
            ):
                plans[r.person_id].append(Plan.from_json(r.plan))
        for person_id in batch:
            row, events, decisions, _ = found[person_id]
            intake = people.client_from_row(row)
            if municipality is not None and row.municipality != municipality:
                continue
            code = row.municipality
            if code not in kinds:
                modules = planner.catalog(code).modules
                kinds[code] = {m: modules[m].kind for m in modules}
            yield Person(
                intake,
                tuple(events),
                tuple(decisions),
                tuple(sorted(plans[person_id], key=lambda p: p.reference_date)),
                kinds[code],
            )


def monitor(
    store: Any,
    planner: Any,
    period: Quarter,
    quarters: int = 4,
    municipality: str | None = None,
    *,
    today: date | None = None,
    log: bool = True,
) -> Monitor:
    """The monitor of ``period`` and the ``quarters - 1`` before it, small cells suppressed.
    Given ``today``, a period that has not ended is counted up to it (one that has not begun
    is a ``ValueError``)."""
    if today is not None and period.start > today:
        raise ValueError(f"{period} has not begun yet (today is {today.isoformat()})")
    until = today if today is not None and today < period.end else None
    shown = [period]
    while len(shown) < quarters:
        shown.insert(0, shown[0].previous())
    everyone = list(read_people(store, planner, municipality))

    def param(code: str, name: str, at: Any) -> Any:
        return planner.catalog(code).param(name, at)

    cells = {
        str(q): tuple(suppress(count(everyone, q, param, until if q == period else None)))
        for q in shown
    }
    if log:
        store.look(None, "export", f"monitor {period}: {len(everyone)} people, counts only")
    return Monitor(tuple(shown), cells, municipality, until)
