"""The repository: every read and write of the caseload store goes through ``Store``.

Each public method is one transaction, made of the operations of the store's modules on
its connection (see ``core.py``). Writes on SQLite begin with ``BEGIN IMMEDIATE`` (one writer
at a time, others wait up to the busy timeout); on PostgreSQL they lock the person's row with
``SELECT ... FOR UPDATE``. A plan revision is saved only on top of the latest revision
(``base_revision``), otherwise ``StaleRevision`` names who saved in between.

The audit log records who created, changed or forgot which record and when; the access log
(``look``) who looked at which person's file; never a name or a BSN. Reads do not log by
themselves: whoever shows a person calls ``look`` once (``accesslog.py``).

A ``Store`` is made by ``open_store`` (``opening.py``): it creates, migrates and checks the
database and finds out who the login is before the first call.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import attrs
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from padplanner.engine.adjust import Adjustments
from padplanner.errors import InputError, Problem
from padplanner.model import Client, Plan
from padplanner.store import (
    accesslog,
    audit,
    backup,
    caseload,
    erasure,
    health,
    people,
    recorded,
    research,
    revisions,
    rowsecurity,
    staff,
    summary,
    workflow,
)
from padplanner.store.derive import derive, status
from padplanner.store.errors import StaleRevision
from padplanner.store.events import Decision, Event
from padplanner.store.records import (
    AuditEntry,
    CaseRow,
    RecordedDecision,
    RecordedEvent,
    Revision,
)
from padplanner.store.risk import ProgressReport, assess
from padplanner.store.schema import people as people_table
from padplanner.store.staffing import Staffing
from padplanner.store.validation import check_author, check_decision, check_event, reason_problem


class Store(Staffing):
    """The caseload store on one database; see the package docstring for the API."""

    # -- people ----------------------------------------------------------------------------
    def add_person(
        self,
        client: Client,
        author: str | None = None,
        *,
        team: str | None = None,
        counsellor: str | None = None,
    ) -> str:
        """Add a person's intake; the id must be new. Returns the id.

        The person joins ``team`` with ``counsellor``; by default, on a shared database, the
        login's team (and the login itself when it is a counsellor), elsewhere the default
        team without a counsellor."""
        author = self.actor if author is None else author
        check_author(author)
        source = client.id if isinstance(client, Client) else "client"
        client = people.validated(client, source)
        if self.access.enforced:
            team = team or self.access.team
            if counsellor is None and self.access.role == "counsellor":
                counsellor = self.access.user
        try:
            with self.write() as conn:
                if team is not None:
                    staff.require_team(conn, team)
                people.insert(conn, client, self.now(), team, counsellor)
                self.log(conn, "create", client.id, "intake recorded", actor=author)
        except IntegrityError:
            raise InputError(
                [Problem(client.id, "id", "a person with this id is already in the database")]
            ) from None
        return client.id

    def update_person(self, client: Client, author: str, reason: str) -> None:
        """Correct a person's intake (a typing error at intake); the reason is mandatory."""
        check_author(author)
        if problem := reason_problem(reason):
            raise InputError([Problem(client.id, "reason", problem)])
        client = people.validated(client, client.id)
        with self.write() as conn:
            people.correct(conn, client, self.now())
            self.log(conn, "update", client.id, "intake corrected", actor=author)

    def has_person(self, person_id: str) -> bool:
        with self.read() as conn:
            return people.exists(conn, person_id)

    def get_person(self, person_id: str) -> Client:
        """The intake as recorded (not logged: whoever shows it calls ``look``).

        After ``forget`` the name, BSN and notes are gone and the birth date is 1 July of the
        birth year.
        """
        with self.read() as conn:
            row = people.row(conn, person_id)
        return people.client_from_row(row)

    def current_client(self, person_id: str, at: date | None = None) -> Client:
        """The intake with every event up to ``at`` (default all) and decision applied."""
        with self.read() as conn:
            loaded = recorded.load(conn, person_id)
        return derive(people.client_from_row(loaded.row), loaded.events, loaded.decisions, at)

    def current_clients(self, ids: list[str], at: date | None = None) -> dict[str, Client]:
        """``current_client`` for many people at once (cohort planning): one read, and one
        access-log row per person (a ``cohort`` look) in one write. Unknown ids (and people
        this login may not see) are left out."""
        out: dict[str, Client] = {}
        for start in range(0, len(ids), 500):
            with self.read() as conn:
                state = summary.bulk(conn, list(ids[start : start + 500]))
            for person_id, (row, found, chosen, _) in state.items():
                out[person_id] = derive(people.client_from_row(row), found, chosen, at)
            if state:
                with self.write() as conn:
                    accesslog.append_many(
                        conn, self.now(), self.actor, "cohort", list(state), "planned in a cohort"
                    )
        return {i: out[i] for i in ids if i in out}

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
        everyone = not (search.strip() or route or risk or municipality or phase)
        with self.read() as conn:
            if everyone and self.counts_led_team(conn):
                query = text(rowsecurity.TOTAL)
            return int(conn.execute(query).scalar() or 0)

    def municipalities(self) -> list[str]:
        column = people_table.c.municipality
        with self.read() as conn:
            return [m for (m,) in conn.execute(select(column).distinct().order_by(column))]

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
                return revisions.save(
                    self,
                    conn,
                    person_id,
                    plan,
                    author,
                    reason,
                    base_revision,
                    adjustments,
                    cadence_weeks,
                )
        except IntegrityError:
            raise self.stale(person_id, base_revision) from None

    def stale(self, person_id: str, base: int) -> StaleRevision:
        """The conflict of a save on ``base`` (read afresh, after a refused write)."""
        with self.read() as conn:
            return revisions.stale(conn, person_id, base)

    def latest_plan(self, person_id: str) -> tuple[int, Plan] | None:
        """The latest revision number and its plan, or None when nothing was saved yet."""
        with self.read() as conn:
            people.row(conn, person_id)
            found = revisions.latest(conn, person_id)
        return None if found is None else (found.revision, revisions.latest_plan(found))

    def revision(self, person_id: str, number: int) -> Revision:
        with self.read() as conn:
            return revisions.one(conn, person_id, number)

    def revisions(self, person_id: str) -> list[Revision]:
        """Every revision, oldest first."""
        with self.read() as conn:
            return revisions.of_person(conn, person_id)

    # -- progress and decisions ------------------------------------------------------------
    def record_event(self, person_id: str, event: Event, author: str | None = None) -> int:
        """Record one progress event; returns its id. The caseload summary is refreshed."""
        author = self.actor if author is None else author
        check_author(author)
        check_event(event, person_id)
        with self.write() as conn:
            row = people.lock(conn, person_id)
            event_id = recorded.insert_event(conn, person_id, event, author, self.now())
            summary.refresh_person(conn, row, self.today())
            self.log(conn, "event", person_id, event.kind, actor=author)
        return event_id

    def events(self, person_id: str) -> list[RecordedEvent]:
        """The progress record, in the order things happened."""
        with self.read() as conn:
            return recorded.events_of(conn, person_id)

    def decide(self, person_id: str, decision: Decision, author: str | None = None) -> int:
        """Record a counsellor decision (with its reason); returns its id.

        For a route decision the route of the latest plan is kept as ``previous``.
        """
        author = self.actor if author is None else author
        check_author(author)
        check_decision(decision, person_id)
        with self.write() as conn:
            people.lock(conn, person_id)
            if decision.kind == "route" and decision.previous is None:
                decision = attrs.evolve(decision, previous=people.route(conn, person_id))
            decision_id = recorded.insert_decision(conn, person_id, decision, author, self.now())
            self.log(conn, "decision", person_id, decision.kind, actor=author)
        return decision_id

    def decisions(self, person_id: str) -> list[RecordedDecision]:
        with self.read() as conn:
            return recorded.decisions_of(conn, person_id)

    # -- progress reports and the caseload summary ------------------------------------------
    def progress(self, person_id: str, today: date | None = None) -> ProgressReport:
        """Planned against actual per activity and the risk flags, as of ``today``."""
        today = today or self.today()
        with self.read() as conn:
            loaded = recorded.load(conn, person_id)
            latest = revisions.latest(conn, person_id)
        client = derive(people.client_from_row(loaded.row), loaded.events, loaded.decisions, today)
        return assess(
            person_id,
            latest.revision if latest else 0,
            revisions.latest_plan(latest),
            client,
            loaded.events,
            status(loaded.events, today),
            today,
            loaded.row.cadence_weeks,
        )

    def refresh(self, today: date | None = None, chunk: int = 500) -> int:
        """Recompute the caseload summary (phase, risk, next milestone) of everyone as of
        ``today``: contact and schedule risks change with the date alone. Run it daily."""
        return summary.refresh(self, today or self.today(), chunk)

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
        return workflow.replan(self, person_id, planner, author, today, reason, adjust)

    def move(
        self,
        person_id: str,
        municipality: str,
        planner: Any,
        author: str,
        today: date | None = None,
        note: str | None = None,
    ) -> int:
        return workflow.move(self, person_id, municipality, planner, author, today, note)

    def forget(self, person_id: str, author: str) -> erasure.Erasure:
        """Erase the person's personal data (see ``erasure.py``); the result names the
        backups that still hold it. On a shared database it is the owner's task: it keeps
        the erasure register, whose key no user may read."""
        if self.access.enforced:
            raise InputError(
                [
                    Problem(
                        person_id,
                        "",
                        "on a shared database the database owner erases a person's data "
                        "(padplanner person forget with the owner's login)",
                    )
                ]
            )
        return erasure.forget(self, person_id, author)

    def research_rows(self, author: str | None = None) -> list[dict[str, Any]]:
        return research.research_rows(self, author or self.actor)

    def audit(
        self,
        person_id: str | None = None,
        actor: str | None = None,
        action: str | None = None,
        limit: int = 1000,
        since: datetime | None = None,
    ) -> list[AuditEntry]:
        """Change-log entries, newest first."""
        with self.read() as conn:
            return audit.entries(conn, person_id, actor, action, limit, since)

    def check(self) -> list[str]:
        return health.check(self)

    def backup(self, path: Any) -> Any:
        """Write a backup to the new file ``path`` (see ``backup.py``); returns its path."""
        return backup.backup(self, path)
