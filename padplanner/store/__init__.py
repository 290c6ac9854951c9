"""The caseload store: people, plan revisions, progress, decisions and the audit log.

SQLAlchemy Core 2 on SQLite (default: a file in the user data folder, WAL mode, file mode
0600, created on first use) or PostgreSQL (``postgresql+psycopg://user@host/db``, the
``postgres`` extra). ``--db URL`` on every command or ``PADPLANNER_DB`` picks the database.

Quick start::

    from datetime import date
    from padplanner import Planner, load_client
    from padplanner.store import open_store, HoursAttended, StaleRevision

    store = open_store()                        # or open_store("sqlite:///x.db"), PADPLANNER_DB
    planner = Planner.default()
    client = load_client("examples/clients/amal.toml")
    store.add_person(client, author="j.jansen")
    rev = store.save_plan(client.id, planner.plan(client), author="j.jansen",
                          reason="intake", base_revision=0)          # -> 1
    store.record_event(client.id, HoursAttended(date(2025, 10, 6), "nt2-a0-a1", 12),
                       author="j.jansen")
    store.replan(client.id, planner, author="j.jansen", today=date(2026, 1, 5))   # -> 2
    rows = store.list_people(search="haddad", order_by="deadline")

API (all methods are thread-safe; each call is one transaction)

- ``open_store(url=None, *, actor=None, clock=None, create=True) -> Store``: opens (and on
  first use creates and migrates) the database. ``actor`` is who reads (audit log; default
  the OS user); ``clock`` returns the current UTC ``datetime`` (tests pass a fixed one).
- People: ``add_person(client, author=None) -> str``; ``update_person(client, author,
  reason)`` corrects an intake; ``get_person(id) -> Client`` (the intake as recorded; an
  audited read); ``current_client(id, at=None) -> Client`` (the intake with every progress
  event and decision up to ``at`` applied: levels, hours done, completed components,
  extensions, municipality, route; see ``derive.py``); ``current_clients(ids, at=None) ->
  dict[id, Client]`` (the same for many people in one read, e.g. a cohort); ``has_person(id)``.
- Caseload: ``list_people(search="", route=None, risk=None, municipality=None,
  phase=None, order_by="name", descending=False, limit=100, offset=0) -> list[CaseRow]``
  and ``count_people(search=..., route=..., risk=..., municipality=..., phase=...)``.
  ``order_by``: one of ``CASE_ORDER`` (name, id, municipality, route, phase,
  next_milestone, deadline, slack, risk, revision, on_time). ``risk``: a ``RISKS`` keyword or
  ``"any"`` (anything but none). ``CaseRow``: id, name, municipality, route, phase,
  next_milestone, next_milestone_date, deadline, slack_weeks, risk, risk_flags, revision,
  last_contact, on_time (the chance to finish on time). ``municipalities()``.
- Plans: ``save_plan(id, plan, author, reason, base_revision, adjustments=None) -> int`` (the
  new revision number; ``base_revision`` is the revision the plan was made from, 0 for the
  first; raises ``StaleRevision`` naming who saved in between and when);
  ``latest_plan(id) -> (revision, Plan) | None``; ``revision(id, n) -> Revision``;
  ``revisions(id) -> list[Revision]`` (oldest first, with author, time, reason, plan).
- Progress: ``record_event(id, event, author=None) -> int``; ``events(id) ->
  list[RecordedEvent]``. Event classes (``events.py``): ``HoursAttended``, ``ExamResult``,
  ``ComponentCompleted``, ``PlacementStarted``, ``PlacementEnded``, ``JobStarted``,
  ``JobEnded``, ``ExtensionGranted`` (``ExtensionGranted.birth(on)`` = +16 weeks),
  ``Moved``, ``TermEnded``, ``ContactHeld``, ``PipSet``; ``event_from_dict`` reads ``{"kind": ...}``
  (``validation.py``, which also holds the checks ``record_event`` and ``decide`` make).
- Decisions: ``decide(id, Decision(kind, value, reason), author) -> int``;
  ``decisions(id)``. Kinds: ``route`` (b1|onderwijs|z), ``remove``/``add``/``restore`` (a
  module id). A reason is mandatory.
- Workflows: ``replan(id, planner, author, today=None, reason=None, adjust=None) -> int``
  (plans the derived client at ``today`` and saves a new revision on top of the latest);
  ``move(id, municipality, planner, author, today=None) -> int`` (records the move, keeps the
  route as a counsellor decision, replans under the new municipality); ``progress(id,
  today=None) -> ProgressReport`` (planned against actual per activity, risk flags);
  ``refresh(today=None) -> int`` (recomputes the caseload columns of everyone as of
  ``today``: the contact and schedule risks change with the date alone; run it daily, e.g.
  ``padplanner db refresh`` from cron, or when the TUI starts on a new day).
- Privacy: ``forget(id, author) -> Erasure`` erases name, BSN, birth date (the year stays),
  notes and every free text, from the database file too, and registers the erasure so that a
  restore makes it again; ``Erasure.backups`` lists the backups that still hold the person
  (``erasure.py``). ``research_rows()`` the pseudonymised dataset (``research.py``).
- Audit: ``audit(person_id=None, actor=None, action=None, limit=1000) -> list[AuditEntry]``.
- Maintenance: ``check() -> list[str]`` (problems; empty is healthy), ``backup(path)`` (a
  new SQLite file, written atomically, mode 0600), ``schema_version()``;
  ``padplanner.store.restore.restore(path, url, force=False) -> Restored`` (keeps the audit
  log and the erasures made since the backup).
- Errors: ``StaleRevision`` (a concurrent save), ``UnknownPerson`` (an ``InputError``),
  ``InputError`` for bad input (nothing is changed).

``padplanner.store.demo_fill.fill_demo(store, n, seed)`` fills an empty store with synthetic people,
each planned and saved as revision 1.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "open_store": "padplanner.store.opening",
    "Store": "padplanner.store.repository",
    "default_url": "padplanner.store.connect",
    "CaseRow": "padplanner.store.records",
    "Revision": "padplanner.store.records",
    "RecordedEvent": "padplanner.store.records",
    "RecordedDecision": "padplanner.store.records",
    "AuditEntry": "padplanner.store.records",
    "CASE_ORDER": "padplanner.store.records",
    "RISKS": "padplanner.store.risk",
    "PHASES": "padplanner.store.risk",
    "ProgressReport": "padplanner.store.risk",
    "ActivityProgress": "padplanner.store.risk",
    "StaleRevision": "padplanner.store.errors",
    "UnknownPerson": "padplanner.store.errors",
    "Decision": "padplanner.store.events",
    "Event": "padplanner.store.events",
    "HoursAttended": "padplanner.store.events",
    "ExamResult": "padplanner.store.events",
    "ComponentCompleted": "padplanner.store.events",
    "PlacementStarted": "padplanner.store.events",
    "PlacementEnded": "padplanner.store.events",
    "JobStarted": "padplanner.store.events",
    "JobEnded": "padplanner.store.events",
    "ExtensionGranted": "padplanner.store.events",
    "Moved": "padplanner.store.events",
    "TermEnded": "padplanner.store.events",
    "ContactHeld": "padplanner.store.events",
    "PipSet": "padplanner.store.events",
    "PlanDiscussed": "padplanner.store.events",
    "event_from_dict": "padplanner.store.validation",
    "derive": "padplanner.store.derive",
}

__all__ = [
    "CASE_ORDER",
    "PHASES",
    "RISKS",
    "ActivityProgress",
    "AuditEntry",
    "CaseRow",
    "ComponentCompleted",
    "ContactHeld",
    "Decision",
    "Event",
    "ExamResult",
    "ExtensionGranted",
    "HoursAttended",
    "JobEnded",
    "JobStarted",
    "Moved",
    "PipSet",
    "PlacementEnded",
    "PlacementStarted",
    "PlanDiscussed",
    "ProgressReport",
    "RecordedDecision",
    "RecordedEvent",
    "Revision",
    "StaleRevision",
    "Store",
    "TermEnded",
    "UnknownPerson",
    "default_url",
    "derive",
    "event_from_dict",
    "open_store",
]

if TYPE_CHECKING:
    from padplanner.store.connect import default_url
    from padplanner.store.derive import derive
    from padplanner.store.errors import StaleRevision, UnknownPerson
    from padplanner.store.events import (
        ComponentCompleted,
        ContactHeld,
        Decision,
        Event,
        ExamResult,
        ExtensionGranted,
        HoursAttended,
        JobEnded,
        JobStarted,
        Moved,
        PipSet,
        PlacementEnded,
        PlacementStarted,
        PlanDiscussed,
        TermEnded,
    )
    from padplanner.store.opening import open_store
    from padplanner.store.records import (
        CASE_ORDER,
        AuditEntry,
        CaseRow,
        RecordedDecision,
        RecordedEvent,
        Revision,
    )
    from padplanner.store.repository import Store
    from padplanner.store.risk import PHASES, RISKS, ActivityProgress, ProgressReport
    from padplanner.store.validation import event_from_dict


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'padplanner.store' has no attribute {name!r}")
