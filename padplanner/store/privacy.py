"""Privacy: forgetting a person, and the pseudonymised research dataset.

``forget`` erases the name, the BSN, the birth date (the birth year stays, for age bands),
the intake notes and every free text written about the person: event notes, decision reasons,
revision reasons and the counsellor's texts inside saved plans (rules ``counsellor.*``) and
their adjustments. What remains (the intake's categories, levels, events, plans) is
pseudonymous and keeps the statistics. It is the one, audited, exception to the
immutability of revisions: their checksums are recomputed.

Free texts are also removed where the plan quotes them (a finding may quote the reason a
module was left out).

``research_rows`` is one row per person for evaluating what works: a keyed hash (HMAC-SHA256
with a random key kept in this database) instead of the id, an age band instead of the birth
date, the term start as a year, no name, BSN or free text.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from padplanner.model.levels import SKILLS, Level
from padplanner.store.events import check_author, event_from_row
from padplanner.store.schema import decisions, events, meta, people, revisions

if TYPE_CHECKING:
    from padplanner.store.repository import Store

ERASED = "[erased]"
AGE_BANDS: tuple[tuple[int, int, str], ...] = (
    (0, 17, "<18"),
    (18, 22, "18-22"),
    (23, 27, "23-27"),
    (28, 34, "28-34"),
    (35, 44, "35-44"),
    (45, 54, "45-54"),
    (55, 64, "55-64"),
    (65, 200, "65+"),
)


def age_band(age: int) -> str:
    for low, high, label in AGE_BANDS:
        if low <= age <= high:
            return label
    return "unknown"


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


def forget(store: Store, person_id: str, author: str) -> None:
    """Erase the person's personal data; keep the pseudonymous record (see module docs)."""
    from padplanner.store.repository import _json, checksum

    check_author(author)
    now = store.now()
    with store.write() as conn:
        row = store._lock(conn, person_id)
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
            people.update()
            .where(people.c.id == person_id)
            .values(
                name=None,
                bsn=None,
                birth_date=None,
                notes=None,
                name_key="",
                intake=_json(intake),
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
                    adjustments=_json(adjust),
                    checksum=checksum(plan_json),
                )
            )
        store.log(conn, "forget", person_id, "personal data erased", actor=author)


def research_key(store: Store) -> bytes:
    """This database's pseudonymisation key (created on first use)."""
    with store.write() as conn:
        found = conn.execute(select(meta.c.value).where(meta.c.key == "research_key")).scalar()
        if found is None:
            found = secrets.token_hex(32)
            try:
                with conn.begin_nested():
                    conn.execute(meta.insert().values(key="research_key", value=found))
            except IntegrityError:
                found = conn.execute(
                    select(meta.c.value).where(meta.c.key == "research_key")
                ).scalar()
    return bytes.fromhex(found)


def pseudonym(key: bytes, person_id: str) -> str:
    return hmac.new(key, person_id.encode("utf-8"), hashlib.sha256).hexdigest()[:20]


def _age(birth: date, when: date) -> int:
    return when.year - birth.year - ((when.month, when.day) < (birth.month, birth.day))


RESEARCH_FIELDS: tuple[str, ...] = (
    "pid",
    "age_band",
    "municipality",
    "term_start_year",
    "education",
    "literacy",
    "learnability",
    "dutch_contact",
    "aim",
    "weekly_hours",
    *[f"intake_{s}" for s in SKILLS],
    *[f"reached_{s}" for s in SKILLS],
    "route",
    "revisions",
    "planned_hours",
    "slack_weeks",
    "hours_attended",
    "exams_passed",
    "knm",
    "pvt",
    "map",
    "placement",
    "job",
    "weeks_to_job",
    "extension_weeks",
    "moved",
    "term_outcome",
    "risk",
    "forgotten",
)


def research_rows(store: Store, author: str, *, log: bool = True) -> list[dict[str, Any]]:
    """The pseudonymised dataset, one row per person, sorted by pseudonym.

    The export is recorded in the audit log, unless ``log`` is false: the command line
    records it itself once the file is written."""
    key = research_key(store)
    with store.read() as conn:
        persons = conn.execute(select(people)).all()
        by_person: dict[str, list] = defaultdict(list)
        for r in conn.execute(
            select(events.c.person_id, events.c.kind, events.c.occurred_on, events.c.data)
        ):
            by_person[r.person_id].append(event_from_row(r.kind, r.occurred_on, r.data, None))
        latest: dict[str, tuple[int, str]] = {}
        for r in conn.execute(
            select(revisions.c.person_id, revisions.c.revision, revisions.c.plan)
        ):
            if r.revision > latest.get(r.person_id, (0, ""))[0]:
                latest[r.person_id] = (r.revision, r.plan)
    rows = []
    for person in persons:
        intake = json.loads(person.intake)
        term_start = date.fromisoformat(intake["term_start"])
        birth = person.birth_date or date(person.birth_year, 7, 1)
        recorded = by_person.get(person.id, [])
        levels = {s: Level.parse(intake["levels"][s]) for s in SKILLS}
        reached = dict(levels)
        hours = 0.0
        exams = 0
        flags = set()
        placement = job = moved = False
        weeks_to_job = None
        extension = 0
        outcome = ""
        for event in sorted(recorded, key=lambda e: e.on):
            kind = event.kind
            if kind == "hours":
                hours += event.hours
            elif kind == "exam" and event.passed:
                exams += 1
                reached[event.skill] = max(reached[event.skill], event.level)
            elif kind == "completed":
                flags.add(event.component)
            elif kind == "placement-started":
                placement = True
            elif kind == "job-started":
                job = True
                if weeks_to_job is None:
                    weeks_to_job = max(0, (event.on - term_start).days // 7)
            elif kind == "extension":
                extension += event.weeks
            elif kind == "moved":
                moved = True
            elif kind == "term-ended":
                outcome = event.outcome
        plan = json.loads(latest[person.id][1]) if person.id in latest else None
        rows.append(
            {
                "pid": pseudonym(key, person.id),
                "age_band": age_band(_age(birth, term_start)),
                "municipality": person.municipality,
                "term_start_year": term_start.year,
                "education": intake["education"],
                "literacy": intake["literacy"],
                "learnability": intake["learnability"],
                "dutch_contact": intake["dutch_contact"],
                "aim": intake["aim"],
                "weekly_hours": intake["weekly_hours"],
                **{f"intake_{s}": str(levels[s]) for s in SKILLS},
                **{f"reached_{s}": str(reached[s]) for s in SKILLS},
                "route": plan["route"]["id"] if plan else "",
                "revisions": latest.get(person.id, (0, ""))[0],
                "planned_hours": plan["total_hours"] if plan else "",
                "slack_weeks": plan["slack_weeks"] if plan else "",
                "hours_attended": round(hours, 1),
                "exams_passed": exams,
                "knm": "knm" in flags,
                "pvt": "pvt" in flags,
                "map": "map" in flags,
                "placement": placement,
                "job": job,
                "weeks_to_job": weeks_to_job if weeks_to_job is not None else "",
                "extension_weeks": extension,
                "moved": moved,
                "term_outcome": outcome,
                "risk": person.risk,
                "forgotten": person.forgotten_at is not None,
            }
        )
    rows.sort(key=lambda r: r["pid"])
    if log:
        with store.write() as conn:
            store.log(conn, "export", None, f"research dataset: {len(rows)} people", actor=author)
    return rows
