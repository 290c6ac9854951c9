"""Erasure: forgetting a person's personal data and keeping the pseudonymous record.

``forget`` erases the name, the BSN, the birth date (the birth year stays, for age bands),
the intake notes and every free text written about the person: event notes, decision reasons,
revision reasons and the counsellor's texts inside saved plans (rules ``counsellor.*``) and
their adjustments. What remains (the intake's categories, levels, events, plans) is
pseudonymous and keeps the statistics. It is the one, audited, exception to the
immutability of revisions: their checksums are recomputed.

Free texts are also removed where the plan quotes them (a finding may quote the reason a
module was left out).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from padplanner.store import people
from padplanner.store.codec import checksum, to_json
from padplanner.store.events import check_author
from padplanner.store.schema import decisions, events, revisions
from padplanner.store.schema import people as people_table

if TYPE_CHECKING:
    from padplanner.store.core import Core

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


def forget(core: Core, person_id: str, author: str) -> None:
    """Erase the person's personal data; keep the pseudonymous record (see module docs)."""
    check_author(author)
    now = core.now()
    with core.write() as conn:
        row = people.lock(conn, person_id)
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
                name_key="",
                intake=to_json(intake),
                forgotten_at=row.forgotten_at or now,
                updated_at=now,
            )
        )
        conn.execute(events.update().where(events.c.person_id == person_id).values(note=None))
        conn.execute(
            decisions.update().where(decisions.c.person_id == person_id).values(reason=ERASED)
        )
        saved = conn.execute(
            select(
                revisions.c.id, revisions.c.plan, revisions.c.adjustments, revisions.c.reason
            ).where(revisions.c.person_id == person_id)
        ).all()
        texts = [text for text in (row.notes, route_reason) if text]
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
        core.log(conn, "forget", person_id, "personal data erased", actor=author)
