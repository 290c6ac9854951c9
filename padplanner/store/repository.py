"""The repository: every read and write of the caseload store goes through ``Store``.

Each public method is one transaction. Writes on SQLite begin with ``BEGIN IMMEDIATE`` (one
writer at a time, others wait up to the busy timeout); on PostgreSQL they lock the person's row
with ``SELECT ... FOR UPDATE``. A plan revision is saved only on top of the latest revision
(``base_revision``), otherwise ``StaleRevision`` names who saved in between; the unique
constraint on ``(person_id, revision)`` backs this up.

The audit log records who created, changed, read (personal data: ``get_person``,
``current_client``), exported or forgot which record and when; never a name or a BSN.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

import attrs
from sqlalchemy import Connection, Engine, Table, bindparam, func, select
from sqlalchemy.exc import IntegrityError

from padplanner.clientfile import client_to_dict, parse_client
from padplanner.engine.adjust import Adjustments
from padplanner.errors import InputError, Problem
from padplanner.model import Client, Plan
from padplanner.store import caseload
from padplanner.store.connect import WRITE, default_url, make_engine
from padplanner.store.derive import derive, status
from padplanner.store.errors import StaleRevision, UnknownPerson
from padplanner.store.events import (
    Decision,
    Event,
    check_author,
    check_decision,
    check_event,
    event_from_row,
    text_problem,
)
from padplanner.store.migrations import HEAD, current_version, migrate
from padplanner.store.names import name_key
from padplanner.store.records import (
    AuditEntry,
    CaseRow,
    RecordedDecision,
    RecordedEvent,
    Revision,
)
from padplanner.store.risk import ProgressReport, assess
from padplanner.store.schema import audit, decisions, events, meta, people, revisions

PERSONAL = ("name", "bsn", "birth_date", "notes")

# Statements of the hot paths, built once (SQLAlchemy then only looks up their compiled form).
_PID = bindparam("pid")
_PERSON = select(people).where(people.c.id == _PID)
_PERSON_FOR_UPDATE = _PERSON.with_for_update()
_EVENTS = (
    select(events.c.kind, events.c.occurred_on, events.c.data, events.c.note)
    .where(events.c.person_id == _PID)
    .order_by(events.c.occurred_on, events.c.id)
)
_DECISIONS = (
    select(decisions.c.kind, decisions.c.value, decisions.c.reason, decisions.c.previous)
    .where(decisions.c.person_id == _PID)
    .order_by(decisions.c.id)
)
_EVENT_MARK = select(func.count(events.c.id), func.coalesce(func.max(events.c.id), 0)).where(
    events.c.person_id == _PID
)
_DECISION_MARK = select(
    func.count(decisions.c.id), func.coalesce(func.max(decisions.c.id), 0)
).where(decisions.c.person_id == _PID)
_LATEST_NUMBER = select(func.max(revisions.c.revision)).where(revisions.c.person_id == _PID)
_UPDATE_PERSON = people.update().where(people.c.id == bindparam("pid"))
_INSERT_AUDIT = audit.insert()
_INSERT_REVISION = revisions.insert()
_INSERT_EVENT = events.insert()
_LATEST = (
    select(revisions.c.revision, revisions.c.plan, revisions.c.adjustments)
    .where(revisions.c.person_id == _PID)
    .order_by(revisions.c.revision.desc())
    .limit(1)
)


@attrs.frozen
class Loaded:
    """A person's row, events and decisions as read in one transaction; ``mark`` tells
    whether events or decisions were added since (counts and highest ids)."""

    row: Any
    events: list[Event]
    decisions: list[Decision]
    mark: tuple[int, int, int, int]


def open_store(
    url: str | None = None,
    *,
    actor: str | None = None,
    clock: Callable[[], datetime] | None = None,
    create: bool = True,
    upgrade: bool = True,
) -> Store:
    """Open the store at ``url`` (default: ``PADPLANNER_DB`` or the user's SQLite file).

    A new database is created and migrated to the current schema. An older one is migrated
    when ``upgrade`` is true; otherwise it must already be current (``padplanner db migrate``).
    """
    url = url or default_url()
    engine = make_engine(url, create=create)
    store = Store(engine, url, actor=actor, clock=clock)
    try:
        with engine.connect() as conn:
            version = current_version(conn)
        if version < HEAD:
            if not upgrade and version > 0:
                raise InputError(
                    [
                        Problem(
                            url,
                            "",
                            f"schema version {version} is older than {HEAD}: "
                            "run padplanner db migrate",
                        )
                    ]
                )
            migrate(engine)
        store._refresh_if_marked()
    except Exception:
        engine.dispose()
        raise
    return store


def _default_actor() -> str:
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # no user name in this environment (containers)
        return "unknown"


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def checksum(plan_json: str) -> str:
    return hashlib.sha256(plan_json.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


def _json(data: Any) -> str:
    return json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain
    )


def _adjustments_dict(adjust: Adjustments | dict | None) -> dict[str, Any]:
    if adjust is None:
        return {}
    if isinstance(adjust, Adjustments):
        data = attrs.asdict(adjust)
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in data.items() if v}
    return dict(adjust)


def adjustments_from(data: dict[str, Any]) -> Adjustments:
    data = dict(data)
    if data.get("days") is not None:
        data["days"] = tuple(data["days"])
    if "pins" in data:
        data["pins"] = {k: int(v) for k, v in data["pins"].items()}
    return Adjustments(**data)


class Store:
    """The caseload store on one database; see the package docstring for the API."""

    def __init__(
        self,
        engine: Engine,
        url: str,
        *,
        actor: str | None = None,
        clock: Callable[[], datetime] | None = None,
    ):
        self.engine = engine
        self.url = url
        self.actor = actor or _default_actor()
        self.clock = clock or (lambda: datetime.now(UTC))
        self._writer = engine.execution_options(**{WRITE: True})

    # -- plumbing --------------------------------------------------------------------------
    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def now(self) -> datetime:
        return _utc(self.clock())

    def today(self) -> date:
        return self.now().date()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction (``BEGIN IMMEDIATE`` on SQLite)."""
        with self._writer.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def schema_version(self) -> int:
        with self.read() as conn:
            return current_version(conn)

    def log(
        self,
        conn: Connection,
        action: str,
        person_id: str | None,
        detail: str = "",
        actor: str | None = None,
    ) -> None:
        """Append to the audit log (inside the caller's transaction). Never pass a BSN."""
        conn.execute(
            _INSERT_AUDIT,
            {
                "at": self.now(),
                "actor": actor or self.actor,
                "action": action,
                "person_id": person_id,
                "detail": detail,
            },
        )

    def _lock(self, conn: Connection, person_id: str) -> Any:
        """The person's row, locked for this transaction; ``UnknownPerson`` when absent.

        SQLite: the write transaction began with BEGIN IMMEDIATE, so it holds the lock.
        """
        query = _PERSON_FOR_UPDATE if conn.dialect.name == "postgresql" else _PERSON
        row = conn.execute(query, {"pid": person_id}).first()
        if row is None:
            raise UnknownPerson(person_id)
        return row

    def _row(self, conn: Connection, person_id: str) -> Any:
        row = conn.execute(_PERSON, {"pid": person_id}).first()
        if row is None:
            raise UnknownPerson(person_id)
        return row

    # -- people ----------------------------------------------------------------------------
    @staticmethod
    def _validated(client: Client, source: str) -> Client:
        """Re-validate a client built in code exactly as a client file would be."""
        if not isinstance(client, Client):
            raise InputError([Problem(source, "", "expected a Client")])
        try:
            data = client_to_dict(client)
        except Exception as exc:  # a Client built with values of the wrong type
            raise InputError([Problem(source, "", f"not a valid client: {exc}")]) from None
        return parse_client(data, source)

    @staticmethod
    def _intake_json(client: Client) -> str:
        data = client_to_dict(client)
        for key in PERSONAL:
            data.pop(key, None)
        return _json(data)

    @classmethod
    def _intake_columns(cls, client: Client) -> dict[str, Any]:
        """The ``people`` columns written from an intake (not its municipality or times)."""
        return dict(
            name=client.name,
            bsn=client.bsn,
            birth_date=client.birth_date,
            birth_year=client.birth_date.year,
            intake=cls._intake_json(client),
            notes=client.notes,
            name_key=name_key(client.name),
        )

    def add_person(self, client: Client, author: str | None = None) -> str:
        """Add a person's intake; the id must be new. Returns the id."""
        author = self.actor if author is None else author
        check_author(author)
        client = self._validated(client, client.id if isinstance(client, Client) else "client")
        now = self.now()
        values = dict(
            id=client.id,
            **self._intake_columns(client),
            municipality=client.municipality,
            created_at=now,
            updated_at=now,
            phase="intake",
        )
        try:
            with self.write() as conn:
                conn.execute(people.insert().values(**values))
                self.log(conn, "create", client.id, "intake recorded", actor=author)
        except IntegrityError:
            raise InputError(
                [Problem(client.id, "id", "a person with this id is already in the database")]
            ) from None
        return client.id

    def update_person(self, client: Client, author: str, reason: str) -> None:
        """Correct a person's intake (a typing error at intake); the reason is mandatory."""
        check_author(author)
        problem = text_problem(reason) or ("is empty" if not reason.strip() else None)
        if problem:
            raise InputError([Problem(client.id, "reason", f"the reason {problem}")])
        client = self._validated(client, client.id)
        with self.write() as conn:
            row = self._lock(conn, client.id)
            if row.forgotten_at is not None:
                raise InputError([Problem(client.id, "", "this person's data was erased")])
            conn.execute(
                people.update()
                .where(people.c.id == client.id)
                .values(
                    **self._intake_columns(client),
                    municipality=client.municipality,
                    updated_at=self.now(),
                )
            )
            self.log(conn, "update", client.id, "intake corrected", actor=author)

    def has_person(self, person_id: str) -> bool:
        with self.read() as conn:
            found = conn.execute(select(people.c.id).where(people.c.id == person_id)).first()
        return found is not None

    @staticmethod
    def _client_from_row(row: Any) -> Client:
        data = json.loads(row.intake)
        data["birth_date"] = row.birth_date or date(row.birth_year, 7, 1)
        for key in ("name", "bsn", "notes"):
            if getattr(row, key) is not None:
                data[key] = getattr(row, key)
        return parse_client(data, row.id)

    def get_person(self, person_id: str) -> Client:
        """The intake as recorded (an audited read of personal data).

        After ``forget`` the name, BSN and notes are gone and the birth date is 1 July of the
        birth year.
        """
        with self.write() as conn:
            row = self._row(conn, person_id)
            self.log(conn, "read", person_id, "intake")
        return self._client_from_row(row)

    def _load(self, conn: Connection, person_id: str) -> tuple[Any, list[Event], list[Decision]]:
        loaded = self._load_all(conn, person_id)
        return loaded.row, loaded.events, loaded.decisions

    def _mark(self, conn: Connection, person_id: str) -> tuple[int, int, int, int]:
        params = {"pid": person_id}
        n_events, last_event = conn.execute(_EVENT_MARK, params).one()
        n_decisions, last_decision = conn.execute(_DECISION_MARK, params).one()
        return int(n_events), int(last_event), int(n_decisions), int(last_decision)

    def _load_all(self, conn: Connection, person_id: str, row: Any = None) -> Loaded:
        """The person's row (unless given), events and decisions in this transaction."""
        params = {"pid": person_id}
        if row is None:
            row = self._row(conn, person_id)
        found = conn.execute(_EVENTS, params).all()
        recorded = [event_from_row(k, on, data, note) for k, on, data, note in found]
        chosen = [Decision(*r) for r in conn.execute(_DECISIONS, params).all()]
        return Loaded(row, recorded, chosen, self._mark(conn, person_id))

    def current_client(self, person_id: str, at: date | None = None) -> Client:
        """The intake with every event up to ``at`` (default all) and decision applied."""
        with self.write() as conn:
            row, recorded, chosen = self._load(conn, person_id)
            self.log(conn, "read", person_id, "current state")
        return derive(self._client_from_row(row), recorded, chosen, at)

    # -- the caseload ----------------------------------------------------------------------
    def list_people(
        self,
        search: str = "",
        route: str | None = None,
        risk: str | None = None,
        municipality: str | None = None,
        phase: str | None = None,
        order_by: str = "name",
        descending: bool = False,
        limit: int = 100,
        offset: int = 0,
    ) -> list[CaseRow]:
        """One page of the caseload, filtered and sorted (see ``caseload.py``)."""
        query = caseload.list_query(
            search,
            route,
            risk,
            municipality,
            phase,
            order_by,
            descending,
            limit,
            offset,
            like_ignores_case=self.dialect == "sqlite",
        )
        with self.read() as conn:
            return [caseload.case_row(row) for row in conn.execute(query)]

    def count_people(
        self,
        search: str = "",
        route: str | None = None,
        risk: str | None = None,
        municipality: str | None = None,
        phase: str | None = None,
    ) -> int:
        query = caseload.count_query(
            search, route, risk, municipality, phase, like_ignores_case=self.dialect == "sqlite"
        )
        with self.read() as conn:
            return int(conn.execute(query).scalar() or 0)

    def municipalities(self) -> list[str]:
        with self.read() as conn:
            found = conn.execute(
                select(people.c.municipality).distinct().order_by(people.c.municipality)
            )
            return [m for (m,) in found]

    # -- plan revisions --------------------------------------------------------------------
    def save_plan(
        self,
        person_id: str,
        plan: Plan,
        author: str,
        reason: str,
        base_revision: int,
        adjustments: Adjustments | dict | None = None,
        *,
        cadence_weeks: int | None = None,
    ) -> int:
        """Save ``plan`` as the next revision on top of ``base_revision``; returns its number.

        Raises ``StaleRevision`` when ``base_revision`` is not the latest (someone saved in
        between; nothing is written) and ``InputError`` for bad input.
        """
        try:
            with self.write() as conn:
                return self._save(
                    conn, person_id, plan, author, reason, base_revision, adjustments, cadence_weeks
                )
        except IntegrityError:
            raise self.stale(person_id, base_revision) from None

    def stale(self, person_id: str, base: int) -> StaleRevision:
        """The conflict of a save on ``base`` (read afresh, after a refused write)."""
        with self.read() as conn:
            return self._stale(conn, person_id, base)

    def _save(
        self,
        conn: Connection,
        person_id: str,
        plan: Plan,
        author: str,
        reason: str,
        base_revision: int,
        adjustments: Adjustments | dict | None,
        cadence_weeks: int | None,
        loaded: Loaded | None = None,
    ) -> int:
        """Save inside the caller's write transaction (see ``save_plan``). ``loaded`` is the
        person's state as the caller read it; it is reused when nothing was added since."""
        check_author(author)
        problem = text_problem(reason) or ("is empty" if not reason.strip() else None)
        if problem:
            raise InputError([Problem(person_id, "reason", f"the reason {problem}")])
        if not isinstance(plan, Plan):
            raise InputError([Problem(person_id, "plan", "expected a Plan")])
        if plan.client != person_id:
            raise InputError(
                [Problem(person_id, "plan", f"this plan is for {plan.client!r}, not this person")]
            )
        if isinstance(base_revision, bool) or not isinstance(base_revision, int):
            raise InputError([Problem(person_id, "base_revision", "expected a whole number")])
        plan_json = plan.to_json(indent=None)
        adjust_json = _json(_adjustments_dict(adjustments))
        row = self._lock(conn, person_id)
        latest = conn.execute(_LATEST_NUMBER, {"pid": person_id}).scalar() or 0
        if latest != base_revision:
            raise self._stale(conn, person_id, base_revision)
        number = latest + 1
        now = self.now()
        # The unique (person_id, revision) constraint backs the check above up: a concurrent
        # insert fails the whole transaction with IntegrityError (see save_plan).
        conn.execute(
            _INSERT_REVISION,
            {
                "person_id": person_id,
                "revision": number,
                "author": author,
                "created_at": now,
                "reason": reason,
                "reference_date": plan.reference_date,
                "plan": plan_json,
                "adjustments": adjust_json,
                "checksum": checksum(plan_json),
            },
        )
        if loaded is None or loaded.mark != self._mark(conn, person_id):
            loaded = self._load_all(conn, person_id, row)
        cadence = cadence_weeks or row.cadence_weeks
        summary = caseload.summarise(
            self._client_from_row(row),
            loaded.events,
            loaded.decisions,
            plan,
            number,
            self.today(),
            cadence,
        )
        conn.execute(
            _UPDATE_PERSON,
            {"pid": person_id, "updated_at": now, "cadence_weeks": cadence, **summary},
        )
        self.log(conn, "revision", person_id, f"revision {number}", actor=author)
        return number

    def _stale(self, conn: Connection, person_id: str, base: int) -> StaleRevision:
        rows = conn.execute(
            select(revisions.c.revision, revisions.c.author, revisions.c.created_at)
            .where(revisions.c.person_id == person_id, revisions.c.revision > base)
            .order_by(revisions.c.revision)
        ).all()
        return StaleRevision(person_id, base, [(r, a, _utc(t)) for r, a, t in rows])

    def _revision_from_row(self, row: Any) -> Revision:
        return Revision(
            person_id=row.person_id,
            revision=row.revision,
            author=row.author,
            created_at=_utc(row.created_at),
            reason=row.reason,
            reference_date=row.reference_date,
            plan=Plan.from_json(row.plan),
            adjustments=json.loads(row.adjustments),
            checksum=row.checksum,
        )

    def latest_plan(self, person_id: str) -> tuple[int, Plan] | None:
        """The latest revision number and its plan, or None when nothing was saved yet."""
        with self.read() as conn:
            self._row(conn, person_id)
            row = conn.execute(
                select(revisions.c.revision, revisions.c.plan)
                .where(revisions.c.person_id == person_id)
                .order_by(revisions.c.revision.desc())
                .limit(1)
            ).first()
        if row is None:
            return None
        return row.revision, Plan.from_json(row.plan)

    def revision(self, person_id: str, number: int) -> Revision:
        with self.read() as conn:
            row = conn.execute(
                select(revisions).where(
                    revisions.c.person_id == person_id, revisions.c.revision == number
                )
            ).first()
            if row is None:
                self._row(conn, person_id)
                raise InputError([Problem(person_id, "revision", f"no revision {number}")])
        return self._revision_from_row(row)

    def revisions(self, person_id: str) -> list[Revision]:
        """Every revision, oldest first."""
        rows = self._person_rows(revisions, person_id, revisions.c.revision)
        return [self._revision_from_row(row) for row in rows]

    def _person_rows(self, table: Table, person_id: str, *order_by: Any) -> list[Any]:
        """The rows of ``table`` about one known person (``UnknownPerson`` otherwise)."""
        with self.read() as conn:
            self._row(conn, person_id)
            return conn.execute(
                select(table).where(table.c.person_id == person_id).order_by(*order_by)
            ).all()

    # -- progress and decisions ------------------------------------------------------------
    def record_event(self, person_id: str, event: Event, author: str | None = None) -> int:
        """Record one progress event; returns its id. The caseload summary is refreshed."""
        author = self.actor if author is None else author
        check_author(author)
        check_event(event, person_id)
        with self.write() as conn:
            row = self._lock(conn, person_id)
            event_id = self._insert_event(conn, person_id, event, author)
            self._refresh_row(conn, row)
            self.log(conn, "event", person_id, event.kind, actor=author)
        return event_id

    def _insert_event(self, conn: Connection, person_id: str, event: Event, author: str) -> int:
        result = conn.execute(
            _INSERT_EVENT,
            {
                "person_id": person_id,
                "kind": event.kind,
                "occurred_on": event.on,
                "recorded_at": self.now(),
                "author": author,
                "data": _json(event.data()),
                "note": getattr(event, "note", None),
            },
        )
        return int(result.inserted_primary_key[0])

    def events(self, person_id: str) -> list[RecordedEvent]:
        """The progress record, in the order things happened."""
        rows = self._person_rows(events, person_id, events.c.occurred_on, events.c.id)
        return [
            RecordedEvent(
                r.id,
                r.person_id,
                event_from_row(r.kind, r.occurred_on, r.data, r.note),
                r.author,
                _utc(r.recorded_at),
            )
            for r in rows
        ]

    def decide(self, person_id: str, decision: Decision, author: str | None = None) -> int:
        """Record a counsellor decision (with its reason); returns its id.

        For a route decision the route of the latest plan is kept as ``previous``.
        """
        author = self.actor if author is None else author
        check_author(author)
        check_decision(decision, person_id)
        with self.write() as conn:
            self._lock(conn, person_id)
            if decision.kind == "route" and decision.previous is None:
                decision = attrs.evolve(decision, previous=self._latest_route(conn, person_id))
            return self._add_decision(conn, person_id, decision, author)

    def _add_decision(
        self, conn: Connection, person_id: str, decision: Decision, author: str
    ) -> int:
        """Insert a decision and log it, inside the caller's write transaction."""
        decision_id = self._insert_decision(conn, person_id, decision, author)
        self.log(conn, "decision", person_id, decision.kind, actor=author)
        return decision_id

    def _latest_route(self, conn: Connection, person_id: str) -> str | None:
        return conn.execute(select(people.c.route).where(people.c.id == person_id)).scalar()

    def _insert_decision(
        self, conn: Connection, person_id: str, decision: Decision, author: str
    ) -> int:
        result = conn.execute(
            decisions.insert().values(
                person_id=person_id,
                kind=decision.kind,
                value=decision.value,
                previous=decision.previous,
                reason=decision.reason,
                author=author,
                decided_at=self.now(),
            )
        )
        return int(result.inserted_primary_key[0])

    def decisions(self, person_id: str) -> list[RecordedDecision]:
        rows = self._person_rows(decisions, person_id, decisions.c.id)
        return [
            RecordedDecision(
                r.id,
                r.person_id,
                Decision(r.kind, r.value, r.reason, r.previous),
                r.author,
                _utc(r.decided_at),
            )
            for r in rows
        ]

    # -- progress reports and the caseload summary ------------------------------------------
    def progress(self, person_id: str, today: date | None = None) -> ProgressReport:
        """Planned against actual per activity and the risk flags, as of ``today``."""
        today = today or self.today()
        with self.read() as conn:
            row, recorded, chosen = self._load(conn, person_id)
            latest = conn.execute(
                select(revisions.c.revision, revisions.c.plan)
                .where(revisions.c.person_id == person_id)
                .order_by(revisions.c.revision.desc())
                .limit(1)
            ).first()
        plan = Plan.from_json(latest.plan) if latest else None
        client = derive(self._client_from_row(row), recorded, chosen, today)
        return assess(
            person_id,
            latest.revision if latest else 0,
            plan,
            client,
            recorded,
            status(recorded, today),
            today,
            row.cadence_weeks,
        )

    def _refresh_row(self, conn: Connection, row: Any, today: date | None = None) -> None:
        latest = conn.execute(
            select(revisions.c.revision, revisions.c.plan)
            .where(revisions.c.person_id == row.id)
            .order_by(revisions.c.revision.desc())
            .limit(1)
        ).first()
        _, recorded, chosen = self._load(conn, row.id)
        plan = Plan.from_json(latest.plan) if latest else None
        summary = caseload.summarise(
            self._client_from_row(row),
            recorded,
            chosen,
            plan,
            latest.revision if latest else 0,
            today or self.today(),
            row.cadence_weeks,
        )
        conn.execute(_UPDATE_PERSON, {"pid": row.id, **summary})

    def _bulk(self, conn: Connection, ids: list[str]) -> dict[str, tuple]:
        """Row, events, decisions and latest revision (number, plan JSON) of many people."""
        rows = {r.id: r for r in conn.execute(select(people).where(people.c.id.in_(ids)))}
        recorded: dict[str, list[Event]] = {i: [] for i in rows}
        for r in conn.execute(
            select(events.c.person_id, events.c.kind, events.c.occurred_on, events.c.data,
                   events.c.note)
            .where(events.c.person_id.in_(ids))
            .order_by(events.c.person_id, events.c.occurred_on, events.c.id)
        ):  # fmt: skip
            recorded[r.person_id].append(event_from_row(r.kind, r.occurred_on, r.data, r.note))
        chosen: dict[str, list[Decision]] = {i: [] for i in rows}
        for r in conn.execute(
            select(decisions.c.person_id, decisions.c.kind, decisions.c.value,
                   decisions.c.reason, decisions.c.previous)
            .where(decisions.c.person_id.in_(ids))
            .order_by(decisions.c.id)
        ):  # fmt: skip
            chosen[r.person_id].append(Decision(r.kind, r.value, r.reason, r.previous))
        newest = (
            select(revisions.c.person_id, func.max(revisions.c.revision).label("number"))
            .where(revisions.c.person_id.in_(ids))
            .group_by(revisions.c.person_id)
            .subquery()
        )
        latest = {
            r.person_id: (r.revision, r.plan)
            for r in conn.execute(
                select(revisions.c.person_id, revisions.c.revision, revisions.c.plan).join(
                    newest,
                    (revisions.c.person_id == newest.c.person_id)
                    & (revisions.c.revision == newest.c.number),
                )
            )
        }
        return {i: (rows[i], recorded[i], chosen[i], latest.get(i)) for i in rows}

    def refresh(self, today: date | None = None, chunk: int = 500) -> int:
        """Recompute the caseload summary (phase, risk, next milestone) of everyone as of
        ``today``: contact and schedule risks change with the date alone. Run it daily."""
        today = today or self.today()
        with self.read() as conn:
            ids = [i for (i,) in conn.execute(select(people.c.id).order_by(people.c.id))]
        for start in range(0, len(ids), chunk):
            with self.write() as conn:
                updates = []
                for person_id, (row, recorded, chosen, latest) in self._bulk(
                    conn, ids[start : start + chunk]
                ).items():
                    summary = caseload.summarise(
                        self._client_from_row(row),
                        recorded,
                        chosen,
                        Plan.from_json(latest[1]) if latest else None,
                        latest[0] if latest else 0,
                        today,
                        row.cadence_weeks,
                    )
                    updates.append({"pid": person_id, **summary})
                if updates:
                    conn.execute(_UPDATE_PERSON, updates)
        return len(ids)

    def current_clients(self, ids: list[str], at: date | None = None) -> dict[str, Client]:
        """``current_client`` for many people at once (cohort planning): one read, and one
        audit entry per person in one write. Unknown ids are left out."""
        out: dict[str, Client] = {}
        for start in range(0, len(ids), 500):
            with self.read() as conn:
                state = self._bulk(conn, list(ids[start : start + 500]))
            for person_id, (row, recorded, chosen, _) in state.items():
                out[person_id] = derive(self._client_from_row(row), recorded, chosen, at)
            if state:
                now = self.now()
                with self.write() as conn:
                    conn.execute(
                        _INSERT_AUDIT,
                        [
                            {
                                "at": now,
                                "actor": self.actor,
                                "action": "read",
                                "person_id": person_id,
                                "detail": "current state",
                            }
                            for person_id in state
                        ],
                    )
        return {i: out[i] for i in ids if i in out}

    def _refresh_if_marked(self) -> None:
        with self.read() as conn:
            marked = conn.execute(select(meta.c.value).where(meta.c.key == "refresh")).scalar()
        if marked:
            self.refresh()
            with self.write() as conn:
                conn.execute(meta.delete().where(meta.c.key == "refresh"))

    # -- workflows (replan, move), privacy, maintenance -------------------------------------
    def replan(
        self,
        person_id: str,
        planner: Any,
        author: str,
        today: date | None = None,
        reason: str | None = None,
        adjust: Adjustments | None = None,
    ) -> int:
        from padplanner.store.workflow import replan

        return replan(self, person_id, planner, author, today, reason, adjust)

    def move(
        self,
        person_id: str,
        municipality: str,
        planner: Any,
        author: str,
        today: date | None = None,
        note: str | None = None,
    ) -> int:
        from padplanner.store.workflow import move

        return move(self, person_id, municipality, planner, author, today, note)

    def forget(self, person_id: str, author: str) -> None:
        from padplanner.store.privacy import forget

        forget(self, person_id, author)

    def research_rows(self, author: str | None = None) -> list[dict[str, Any]]:
        from padplanner.store.privacy import research_rows

        return research_rows(self, author or self.actor)

    def audit(
        self,
        person_id: str | None = None,
        actor: str | None = None,
        action: str | None = None,
        limit: int = 1000,
    ) -> list[AuditEntry]:
        """Audit entries, newest first."""
        query = select(audit).order_by(audit.c.id.desc()).limit(limit)
        if person_id is not None:
            query = query.where(audit.c.person_id == person_id)
        if actor is not None:
            query = query.where(audit.c.actor == actor)
        if action is not None:
            query = query.where(audit.c.action == action)
        with self.read() as conn:
            rows = conn.execute(query).all()
        return [
            AuditEntry(r.id, _utc(r.at), r.actor, r.action, r.person_id, r.detail) for r in rows
        ]

    def check(self) -> list[str]:
        from padplanner.store.backup import check

        return check(self)

    def backup(self, path: Any) -> None:
        from padplanner.store.backup import backup

        backup(self, path)
