"""A warm handover to another municipality: one file with a person's plan, history and
decisions (``padplanner.handover``, format version 1), and taking it in on the other side.

The file is JSON::

    {"format": "padplanner.handover", "version": 1, "sha256": "<64 hex digits>",
     "payload": {"written_at": ..., "from_municipality": "GM0034", "to_municipality": "GM0363",
                 "person": {<the intake as a padplanner.client/1 file, with name and BSN>},
                 "revisions": [{"revision", "author", "created_at", "reason",
                                "reference_date", "plan" (the plan JSON as text),
                                "adjustments", "checksum"}, ...],
                 "events": [{"kind", "on", ..., "note", "author", "recorded_at"}, ...],
                 "decisions": [{"kind", "value", "previous", "reason", "author",
                                "decided_at"}, ...]}}

``sha256`` is the SHA-256 of the payload written as JSON with its keys sorted, no spaces
(separators ``,`` and ``:``), non-ASCII characters as they are, in UTF-8: any change to the
payload after writing (a damaged copy, an edit) no longer matches. It is a checksum, not a
signature: send the file over a channel that authenticates both ends. Each revision keeps its
own checksum of its plan. The file holds personal data (name, BSN, notes) and is written
through the private writer (mode 0600).

``read`` checks everything before anything is written: size (at most ``MAX_BYTES``), UTF-8,
complete JSON, the format and its version, the checksum, the intake, every plan against its
checksum, every event and decision. ``take_in`` then adds the person with their history in
one transaction, records the move to the new municipality (keeping the route as a counsellor
decision, as ``move`` does) and saves a new revision planned under the new municipality's
rules: revision n+1 on top of the n received.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from padplanner.clientfile import client_to_dict, parse_client
from padplanner.engine.chance import DRAWS
from padplanner.errors import InputError, Problem
from padplanner.limits import load_json, read_input
from padplanner.model import Client, Plan
from padplanner.store import people, recorded, revisions
from padplanner.store.codec import checksum, to_json, utc
from padplanner.store.derive import derive
from padplanner.store.events import Decision, Event, Moved
from padplanner.store.schema import revisions as revisions_table
from padplanner.store.validation import check_decision, event_from_dict

if TYPE_CHECKING:
    from padplanner.store.core import Core

FORMAT = "padplanner.handover"
VERSION = 1
MAX_BYTES = 16 * 1024 * 1024  # years of weekly hours and dozens of revisions fit in 2 MB


def digest(payload: dict[str, Any]) -> str:
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _iso(value: datetime) -> str:
    return utc(value).isoformat().replace("+00:00", "Z")


def write(core: Core, person_id: str, to_municipality: str | None) -> tuple[str, str]:
    """The handover file's text for a person (read in one transaction); returns (text, the
    person's municipality now)."""
    with core.read() as conn:
        loaded = recorded.load(conn, person_id)
        saved = conn.execute(  # the plans as stored: their checksums are of this text
            select(revisions_table)
            .where(revisions_table.c.person_id == person_id)
            .order_by(revisions_table.c.revision)
        ).all()
        happened = recorded.events_of(conn, person_id)
        taken = recorded.decisions_of(conn, person_id)
    intake = people.client_from_row(loaded.row)
    now_in = derive(intake, loaded.events, loaded.decisions).municipality
    payload = {
        "written_at": _iso(core.now()),
        "from_municipality": now_in,
        "to_municipality": to_municipality,
        "person": json.loads(json.dumps(client_to_dict(intake), default=str)),
        "revisions": [
            {
                "revision": r.revision,
                "author": r.author,
                "created_at": _iso(r.created_at),
                "reason": r.reason,
                "reference_date": r.reference_date.isoformat(),
                "plan": r.plan,
                "adjustments": json.loads(r.adjustments),
                "checksum": r.checksum,
            }
            for r in saved
        ],
        "events": [
            {**e.event.to_dict(), "author": e.author, "recorded_at": _iso(e.recorded_at)}
            for e in happened
        ],
        "decisions": [
            {**d.decision.to_dict(), "author": d.author, "decided_at": _iso(d.decided_at)}
            for d in taken
        ],
    }
    document = {"format": FORMAT, "version": VERSION, "sha256": digest(payload), "payload": payload}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n", now_in


@attrs.frozen
class Received:
    """A handover file, checked: the intake, and the history with who and when."""

    source: str
    from_municipality: str
    to_municipality: str | None
    person: Client
    revisions: tuple[dict[str, Any], ...]
    events: tuple[tuple[Event, str, datetime], ...]
    decisions: tuple[tuple[Decision, str, datetime], ...]


def _bad(source: str, field: str, message: str) -> InputError:
    return InputError([Problem(source, field, message + "; nothing was imported")])


def _when(value: Any, source: str, field: str) -> datetime:
    try:
        return utc(datetime.fromisoformat(str(value).replace("Z", "+00:00")))
    except ValueError:
        raise _bad(source, field, f"{str(value)[:40]!r} is not a time") from None


def read(path: Path) -> Received:
    """Read and check a handover file; every problem is an InputError naming it."""
    source = str(path)
    try:  # a regular file of at most MAX_BYTES: never a device or a pipe, never read past it
        raw = read_input(path, MAX_BYTES)
    except InputError as exc:
        raise _bad(source, "", exc.problems[0].message) from None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _bad(source, "", "not UTF-8 text: the file is damaged") from None
    try:
        document = load_json(raw, source)
    except InputError as exc:
        said = exc.problems[0].message
        raise _bad(source, "", f"{said} (a truncated or damaged file)") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _bad(source, "format", f"not a {FORMAT} file")
    if document.get("version") != VERSION:
        raise _bad(
            source,
            "version",
            f"format version {str(document.get('version'))[:20]}; this padplanner reads "
            f"version {VERSION} (ask the sender to write version {VERSION}, or upgrade)",
        )
    payload = document.get("payload")
    if not isinstance(payload, dict) or digest(payload) != document.get("sha256"):
        raise _bad(source, "sha256", "the checksum does not match: the file was changed or damaged")
    return _checked(source, payload)


def _checked(source: str, payload: dict[str, Any]) -> Received:
    try:
        person = parse_client(payload["person"], f"{source}: person", dates_as_text=True)
        saved = []
        for i, r in enumerate(payload["revisions"]):
            if checksum(r["plan"]) != r["checksum"]:
                raise _bad(source, f"revisions[{i}]", "the plan does not match its checksum")
            plan = Plan.from_json(r["plan"])
            if plan.client != person.id or r["revision"] != i + 1:
                raise _bad(source, f"revisions[{i}]", "not this person's revision in order")
            saved.append({**r, "created_at": _when(r["created_at"], source, "created_at")})
        happened = []
        for i, e in enumerate(payload["events"]):
            where = f"{source}: events[{i}]"
            body = {k: v for k, v in e.items() if k not in ("author", "recorded_at")}
            happened.append(
                (event_from_dict(body, where), str(e["author"]), _when(e["recorded_at"], where, ""))
            )
        taken = []
        for i, d in enumerate(payload["decisions"]):
            where = f"{source}: decisions[{i}]"
            decision = Decision(d["kind"], d["value"], d["reason"], d.get("previous"))
            check_decision(decision, where)
            taken.append((decision, str(d["author"]), _when(d["decided_at"], where, "")))
        origin = str(payload["from_municipality"])
        target = payload.get("to_municipality")
    except InputError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _bad(
            source, "payload", f"incomplete or malformed ({type(exc).__name__}: {exc})"
        ) from None
    return Received(source, origin, target, person, tuple(saved), tuple(happened), tuple(taken))


def take_in(
    core: Core,
    received: Received,
    planner: Any,
    municipality: str,
    *,
    person_id: str | None = None,
    author: str,
    today: date | None = None,
    team: str | None = None,
    counsellor: str | None = None,
) -> int:
    """Add the person with their history, record the move and replan under ``municipality``
    (one transaction); returns the new revision's number."""
    today = today or core.today()
    person = received.person
    if person_id is not None and person_id != person.id:
        person = attrs.evolve(person, id=person_id)
    person = people.validated(person, received.source)
    happened = [e for e, _, _ in received.events]
    chosen = [d for d, _, _ in received.decisions]
    old = derive(person, happened, chosen, today).municipality
    move = keep = None
    latest = received.revisions[-1] if received.revisions else None
    if old != municipality:
        move = Moved(today, municipality, None)
        if latest is not None:
            route = json.loads(latest["plan"])["route"]["id"]
            keep = Decision(
                "route",
                route,
                f"Warm handover from {old} to {municipality} on {today.isoformat()}: the route "
                f"stays {route}; a move does not change the route",
                previous=route,
            )
    client = derive(
        person, [*happened, *([move] if move else [])], [*chosen, *([keep] if keep else [])], today
    )
    plan = planner.plan(client, at=today, draws=DRAWS)
    now = core.now()
    try:
        with core.write() as conn:
            people.insert(conn, person, now, team, counsellor)
            for r in received.revisions:
                conn.execute(
                    revisions_table.insert().values(
                        person_id=person.id,
                        revision=r["revision"],
                        author=r["author"],
                        created_at=r["created_at"],
                        reason=r["reason"],
                        reference_date=date.fromisoformat(r["reference_date"]),
                        plan=r["plan"],
                        adjustments=to_json(r["adjustments"]),
                        checksum=r["checksum"],
                    )
                )
            _history(conn, person.id, received)
            if move is not None:
                recorded.insert_event(conn, person.id, move, author, now)
            if keep is not None:
                recorded.insert_decision(conn, person.id, keep, author, now)
            number = revisions.save(
                core,
                conn,
                person.id,
                plan,
                author,
                f"warm handover from {received.from_municipality} to {municipality}",
                len(received.revisions),
                None,
                None,
            )
            core.log(
                conn,
                "handover-in",
                person.id,
                f"from {received.from_municipality}: {len(received.revisions)} revisions, "
                f"{len(received.events)} events, {len(received.decisions)} decisions",
                actor=author,
            )
    except IntegrityError:
        raise InputError(
            [
                Problem(
                    received.source,
                    "id",
                    f"a person with the id {person.id} is already in this database; "
                    "import under another id with --id; nothing was imported",
                )
            ]
        ) from None
    return number


def _history(conn: Any, person_id: str, received: Received) -> None:
    for event, author, when in received.events:
        recorded.insert_event(conn, person_id, event, author, when)
    for decision, author, when in received.decisions:
        recorded.insert_decision(conn, person_id, decision, author, when)
