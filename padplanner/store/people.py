"""People: the intake row of each person, read, locked and written on a connection.

The ``people`` row keeps the intake as JSON without its personal fields, and those fields
(``PERSONAL``) in columns of their own, so that ``forget`` can erase them and the birth year
stays. Writers lock the row first: ``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite the
write transaction began with ``BEGIN IMMEDIATE`` and already holds the database's lock.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select

from padplanner.clientfile import bsn_valid, client_to_dict, parse_client
from padplanner.errors import InputError, Problem
from padplanner.model import Client
from padplanner.model.client import OWN_WORDS
from padplanner.store.codec import to_json
from padplanner.store.errors import UnknownPerson
from padplanner.store.names import name_key
from padplanner.store.schema import people

PERSONAL = ("name", "bsn", "birth_date", "notes", *OWN_WORDS)

_PERSON = select(people).where(people.c.id == bindparam("pid"))
_PERSON_FOR_UPDATE = _PERSON.with_for_update()
_UPDATE = people.update().where(people.c.id == bindparam("pid"))


def row(conn: Connection, person_id: str) -> Any:
    """The person's row; ``UnknownPerson`` when there is none."""
    found = conn.execute(_PERSON, {"pid": person_id}).first()
    if found is None:
        raise UnknownPerson(person_id)
    return found


def lock(conn: Connection, person_id: str) -> Any:
    """The person's row, locked for this write transaction; ``UnknownPerson`` when absent."""
    query = _PERSON_FOR_UPDATE if conn.dialect.name == "postgresql" else _PERSON
    found = conn.execute(query, {"pid": person_id}).first()
    if found is None:
        raise UnknownPerson(person_id)
    return found


def exists(conn: Connection, person_id: str) -> bool:
    return conn.execute(select(people.c.id).where(people.c.id == person_id)).first() is not None


def route(conn: Connection, person_id: str) -> str | None:
    """The route of the person's latest plan, as the caseload row shows it."""
    return conn.execute(select(people.c.route).where(people.c.id == person_id)).scalar()


def update(conn: Connection, values: dict[str, Any] | list[dict[str, Any]]) -> None:
    """Set columns of one row or many (each dict names its row with ``pid``)."""
    conn.execute(_UPDATE, values)


def validated(client: Client, source: str) -> Client:
    """Re-validate a client built in code exactly as a client file would be."""
    if not isinstance(client, Client):
        raise InputError([Problem(source, "", "expected a Client")])
    try:
        data = client_to_dict(client)
    except Exception as exc:  # a Client built with values of the wrong type
        raise InputError([Problem(source, "", f"not a valid client: {exc}")]) from None
    parsed = parse_client(data, source)
    if parsed.id == parsed.bsn or bsn_valid(parsed.id):
        # the logs name people by id, and never by BSN
        raise InputError(
            [Problem(source, "id", "an id must not be a BSN; use the municipality's own number")]
        )
    return parsed


def intake_columns(client: Client) -> dict[str, Any]:
    """The ``people`` columns written from an intake (not its municipality or times)."""
    data = client_to_dict(client)
    for key in PERSONAL:
        data.pop(key, None)
    return dict(
        name=client.name,
        bsn=client.bsn,
        birth_date=client.birth_date,
        birth_year=client.birth_date.year,
        intake=to_json(data),
        notes=client.notes,
        **{key: getattr(client, key) for key in OWN_WORDS},
        name_key=name_key(client.name),
    )


def new_row(client: Client, now: datetime, cadence_weeks: int, **columns: Any) -> dict[str, Any]:
    """The ``people`` row of a new person inserted in bulk (a demo caseload, an import);
    ``columns`` are the caseload summary and any other columns to set."""
    return dict(
        id=client.id,
        **intake_columns(client),
        created_at=now,
        updated_at=now,
        forgotten_at=None,
        cadence_weeks=cadence_weeks,
        **columns,
    )


def insert(
    conn: Connection,
    client: Client,
    now: datetime,
    team: str | None = None,
    counsellor: str | None = None,
) -> None:
    """A new row for a validated intake (``IntegrityError`` when the id is taken), in
    ``team`` (default: the default team) with ``counsellor`` (default: none yet)."""
    extra = {"team": team} if team is not None else {}
    conn.execute(
        people.insert().values(
            id=client.id,
            **intake_columns(client),
            municipality=client.municipality,
            created_at=now,
            updated_at=now,
            phase="intake",
            counsellor=counsellor,
            **extra,
        )
    )


def correct(conn: Connection, client: Client, now: datetime) -> None:
    """Replace a locked person's intake with a corrected one (not after an erasure)."""
    if lock(conn, client.id).forgotten_at is not None:
        raise InputError([Problem(client.id, "", "this person's data was erased")])
    conn.execute(
        people.update()
        .where(people.c.id == client.id)
        .values(**intake_columns(client), municipality=client.municipality, updated_at=now)
    )


def client_from_row(found: Any) -> Client:
    """The intake as recorded; after an erasure without name, BSN and notes, and born on
    1 July of the birth year. Read as it was stored, also when it was stored before a limit
    on input that it breaks (a line break in a name): what shows it escapes what needs it
    (``padplanner.limits.printable``), and the next correction is checked."""
    data = json.loads(found.intake)
    data["birth_date"] = found.birth_date or date(found.birth_year, 7, 1)
    for key in ("name", "bsn", "notes", *OWN_WORDS):
        if getattr(found, key) is not None:
            data[key] = getattr(found, key)
    return parse_client(data, found.id, dates_as_text=True, checked=False)
