"""Erasure: forgetting a person's personal data, so that it stays forgotten.

``forget`` erases the name, the BSN, the birth date (the birth year stays, for age bands),
the intake notes and every free text written about the person: event notes, decision reasons,
revision reasons and the counsellor's texts inside saved plans (rules ``counsellor.*``) and
their adjustments. What remains (the intake's categories, levels, events, plans) is
pseudonymous and keeps the statistics. It is the one, audited, exception to the
immutability of revisions: their checksums are recomputed.

Free texts are also removed where the plan quotes them (a finding may quote the reason a
module was left out).

So that the erasure sticks:

- On SQLite every connection runs with ``secure_delete`` (``connect.py``): what an update
  overwrites is zeroed, not left in free space. After the erasure the write-ahead log is
  copied into the database file and truncated (``checkpoint``), so the old pages leave the
  ``-wal`` file too, also while other connections stay open. A database written before
  ``secure_delete`` was on is rewritten (``VACUUM``) at its first erasure.
- The erasure register (``erasures``) keeps the pseudonym of everyone forgotten (never the
  id, name or BSN). A restore keeps the register and erases again everyone in it that the
  backup still holds (``restore.py``).
- ``Erasure.backups`` lists the backups this database wrote that still hold the person:
  backups keep data until they expire.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs
from sqlalchemy import Connection, select

from padplanner.store import backup, people, pseudonyms
from padplanner.store.codec import checksum, to_json
from padplanner.store.connect import checkpoint
from padplanner.store.schema import decisions, erasures, events, meta, revisions
from padplanner.store.schema import people as people_table
from padplanner.store.validation import check_author

if TYPE_CHECKING:
    from padplanner.store.core import Core

VACUUM_MARK = "vacuum_before_erasure"  # in ``meta``: free space may hold older data


@attrs.frozen
class Erasure:
    """What ``forget`` did: the pseudonym registered, the backups that still hold the person
    (paths and when they were written) and whether the database file is clean already
    (False while another connection kept reading the old pages; None on PostgreSQL)."""

    person_id: str
    pseudonym: str
    backups: tuple[backup.BackupRecord, ...]
    file_clean: bool | None


ERASED = "[erased]"


def _scrub_reasons(items: list[dict]) -> None:
    for reason in items:
        if str(reason.get("rule", "")).startswith("counsellor."):
            reason["text"] = ERASED


def _replace_texts(value: Any, texts: list[str]) -> Any:
    """Every string inside ``value`` with each of ``texts`` replaced by ``[erased]``."""
    if isinstance(value, str):
        for item in texts:
            value = value.replace(item, ERASED)
        return value
    if isinstance(value, list):
        return [_replace_texts(v, texts) for v in value]
    if isinstance(value, dict):
        return {k: _replace_texts(v, texts) for k, v in value.items()}
    return value


def scrub_plan(plan: dict[str, Any], texts: Sequence[str] = ()) -> dict[str, Any]:
    """The plan JSON without the counsellor's free texts: the texts of ``counsellor.*``
    reasons, and ``texts`` (reasons written about the person) wherever they were quoted,
    e.g. inside a finding's message."""
    _scrub_reasons(plan["route"]["reasons"])
    for part in ("activities", "milestones", "check_ins"):
        for item in plan.get(part, []):
            _scrub_reasons(item.get("reasons", []))
    ordered = sorted({t for t in texts if t and t.strip() and t != ERASED}, key=len, reverse=True)
    return _replace_texts(plan, ordered) if ordered else plan


def forget(core: Core, person_id: str, author: str) -> Erasure:
    """Erase the person's personal data; keep the pseudonymous record (see module docs)."""
    check_author(author)
    now = core.now()
    with core.write() as conn:
        row = people.lock(conn, person_id)
        erase(conn, row, now)
        name = pseudonyms.pseudonym(pseudonyms.key_in(conn), person_id)
        register(conn, [name], now)
        core.log(conn, "forget", person_id, "personal data erased", actor=author)
    clean = settle(core)
    return Erasure(person_id, name, tuple(backup.holding(core, person_id)), clean)


def register(conn: Connection, names: Sequence[str], at: datetime) -> int:
    """Add pseudonyms to the erasure register (those not in it yet); returns how many."""
    known = registered(conn)
    new = sorted({n for n in names if n not in known})
    if new:
        conn.execute(erasures.insert(), [{"pseudonym": n, "erased_at": at} for n in new])
    return len(new)


def registered(conn: Connection) -> set[str]:
    """Every pseudonym in the erasure register."""
    return {n for (n,) in conn.execute(select(erasures.c.pseudonym))}


def settle(core: Core) -> bool | None:
    """Make an erasure reach the file (SQLite): rewrite a database marked by the migration
    once, then checkpoint and truncate the write-ahead log. None on PostgreSQL."""
    if core.dialect != "sqlite":
        return None
    with core.read() as conn:
        marked = conn.execute(select(meta.c.value).where(meta.c.key == VACUUM_MARK)).scalar()
    if marked:
        raw = core.engine.raw_connection()
        try:
            raw.driver_connection.execute("VACUUM")
        finally:
            raw.close()
        with core.write() as conn:
            conn.execute(meta.delete().where(meta.c.key == VACUUM_MARK))
    return checkpoint(core.engine)


def erase(conn: Connection, row: Any, now: datetime) -> None:
    """Erase the personal data of the (locked) person ``row`` inside the caller's write
    transaction: the work of ``forget``, also done again by a restore."""
    person_id = row.id
    intake = json.loads(row.intake)
    route_reason = None
    if intake.get("route"):
        route_reason = intake["route"]["reason"]
        intake["route"]["reason"] = ERASED
    written = conn.execute(
        select(decisions.c.reason).where(decisions.c.person_id == person_id)
    ).all()
    written += conn.execute(
        select(events.c.note).where(events.c.person_id == person_id, events.c.note.is_not(None))
    ).all()
    conn.execute(
        people_table.update()
        .where(people_table.c.id == person_id)
        .values(
            name=None,
            bsn=None,
            birth_date=None,
            notes=None,
            own_goals=None,
            own_wishes=None,
            own_worries=None,
            name_key="",
            intake=to_json(intake),
            forgotten_at=row.forgotten_at or now,
            updated_at=now,
        )
    )
    conn.execute(events.update().where(events.c.person_id == person_id).values(note=None))
    conn.execute(decisions.update().where(decisions.c.person_id == person_id).values(reason=ERASED))
    saved = conn.execute(
        select(revisions.c.id, revisions.c.plan, revisions.c.adjustments, revisions.c.reason).where(
            revisions.c.person_id == person_id
        )
    ).all()
    texts = [
        text
        for text in (row.notes, route_reason, row.own_goals, row.own_wishes, row.own_worries)
        if text
    ]
    texts += [reason for (reason,) in written]
    for _, _, adjust_text, reason in saved:
        texts.append(reason)
        adjust = json.loads(adjust_text)
        texts += [str(v) for key in ("remove", "add") for v in adjust.get(key, {}).values()]
    for rev_id, plan_text, adjust_text, _ in saved:
        plan_json = json.dumps(scrub_plan(json.loads(plan_text), texts), ensure_ascii=False)
        plan_json += "\n"
        adjust = json.loads(adjust_text)
        for key in ("remove", "add"):
            if key in adjust:
                adjust[key] = {module: ERASED for module in adjust[key]}
        conn.execute(
            revisions.update()
            .where(revisions.c.id == rev_id)
            .values(
                reason=ERASED,
                plan=plan_json,
                adjustments=to_json(adjust),
                checksum=checksum(plan_json),
            )
        )
