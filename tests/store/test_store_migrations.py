"""Migrations: from an empty database and from every earlier version, on both backends."""

from __future__ import annotations

import hashlib
import json
import threading
import warnings
from datetime import UTC, date, datetime

import attrs
import pytest
from sqlalchemy import Column, inspect, text
from sqlalchemy.exc import SAWarning

from padplanner.store import open_store
from padplanner.store.connect import make_engine
from padplanner.store.errors import SchemaTooNew
from padplanner.store.migrations import HEAD, MIGRATIONS, current_version, migrate
from padplanner.store.names import name_key
from padplanner.store.schema import metadata

WHEN = datetime(2025, 9, 1, 12, tzinfo=UTC)


def _shape(engine) -> dict:
    """Tables, columns (name, nullable), indexes and unique constraints as the database has them.

    Indexes on an expression are listed by name only (SQLite does not reflect them)."""
    found = inspect(engine)
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)  # "skipped ... expression-based index"
        for table in sorted(found.get_table_names()):
            out[table] = {
                "columns": [(c["name"], c["nullable"]) for c in found.get_columns(table)],
                "indexes": sorted(
                    (i["name"], tuple(i["column_names"]))
                    for i in found.get_indexes(table)
                    if not i.get("duplicates_constraint")  # PostgreSQL's unique-constraint index
                    and None not in i["column_names"]
                ),
                "unique": sorted(
                    tuple(u["column_names"]) for u in found.get_unique_constraints(table)
                ),
                "index names": sorted(_index_names(engine, table)),
            }
    return out


def _index_names(engine, table: str) -> list[str]:
    if engine.dialect.name == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :t"
        query += " AND name NOT LIKE 'sqlite_autoindex%'"
    else:
        query = (
            "SELECT indexname FROM pg_indexes WHERE tablename = :t AND indexname NOT LIKE '%_pkey'"
            " AND schemaname = current_schema()"  # not another test's (or a benchmark's) schema
        )
        query += " AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype = 'u')"
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(text(query), {"t": table})]


def _declared() -> dict:
    out = {}
    for name, table in sorted(metadata.tables.items()):
        out[name] = {
            "columns": [(c.name, c.nullable) for c in table.columns],
            "indexes": sorted(
                (i.name, tuple(c.name for c in i.columns))
                for i in table.indexes
                if all(isinstance(e, Column) for e in i.expressions)
            ),
            "index names": sorted(i.name for i in table.indexes),
            "unique": sorted(
                tuple(c.name for c in u.columns)
                for u in table.constraints
                if u.__class__.__name__ == "UniqueConstraint"
            ),
        }
    return out


def test_versions_are_numbered_one_by_one():
    assert [m.version for m in MIGRATIONS] == list(range(1, HEAD + 1))
    assert all(m.description for m in MIGRATIONS)


def test_an_empty_database_migrates_to_exactly_the_declared_schema(db_url):
    engine = make_engine(db_url)
    assert migrate(engine) == (0, HEAD)
    assert migrate(engine) == (HEAD, HEAD)  # idempotent
    assert _shape(engine) == _declared()
    with engine.connect() as conn:
        versions = [r[0] for r in conn.execute(text("SELECT version FROM schema_version"))]
    assert versions == list(range(1, HEAD + 1))
    engine.dispose()


def _plan_json(planner, amal) -> str:
    return planner.plan(amal).to_json(indent=None)


def _fill(conn, version: int, plan_json: str) -> None:
    """Data as a padplanner at ``version`` would have written it."""
    intake = {
        "id": "old-1",
        "municipality": "GM0034",
        "term_start": "2025-09-01",
        "weekly_hours": 16,
        "levels": {"reading": "A1", "listening": "A1", "writing": "A0", "speaking": "A1"},
    }
    conn.execute(
        text(
            "INSERT INTO people (id, name, bsn, birth_date, birth_year, municipality, intake, "
            "created_at, updated_at) VALUES ('old-1', 'Åsa Öberg', '249566758', :birth, 1996, "
            "'GM0034', :intake, :when, :when)"
        ),
        {"birth": date(1996, 5, 14), "intake": json.dumps(intake), "when": WHEN},
    )
    conn.execute(
        text(
            "INSERT INTO revisions (person_id, revision, author, created_at, reason, "
            "reference_date, plan, adjustments, checksum) VALUES ('old-1', 1, 'j', :when, "
            "'intake', :ref, :plan, '{}', :sum)"
        ),
        {
            "when": WHEN,
            "ref": date(2025, 9, 1),
            "plan": plan_json,
            "sum": hashlib.sha256(plan_json.encode()).hexdigest(),
        },
    )
    conn.execute(
        text(
            "INSERT INTO events (person_id, kind, occurred_on, recorded_at, author, data) "
            "VALUES ('old-1', 'contact', :on, :when, 'j', '{\"topic\": \"progress\"}')"
        ),
        {"on": date(2025, 10, 1), "when": WHEN},
    )
    conn.execute(
        text(
            "INSERT INTO audit (at, actor, action, person_id, detail) "
            "VALUES (:when, 'j', 'create', 'old-1', 'intake recorded')"
        ),
        {"when": WHEN},
    )
    if version >= 3:  # the caseload summary, as the store wrote it when saving
        plan = json.loads(plan_json)
        conn.execute(
            text(
                "UPDATE people SET name_key = :key, route = 'b1', phase = 'planned', "
                "deadline = :deadline, slack_weeks = :slack, revision = 1, last_contact = :on "
                "WHERE id = 'old-1'"
            ),
            {
                "key": name_key("Åsa Öberg"),
                "deadline": date.fromisoformat(plan["deadline"]),
                "slack": plan["slack_weeks"],
                "on": date(2025, 10, 1),
            },
        )
    if version >= 2:
        conn.execute(
            text(
                "INSERT INTO decisions (person_id, kind, value, previous, reason, author, "
                "decided_at) VALUES ('old-1', 'route', 'b1', 'b1', 'keeps b1', 'j', :when)"
            ),
            {"when": WHEN},
        )


@pytest.mark.parametrize("version", range(1, HEAD))
def test_every_earlier_version_migrates_with_its_data(db_url, version, planner, amal):
    engine = make_engine(db_url)
    migrate(engine, version)
    with engine.connect() as conn:
        assert current_version(conn) == version
    with engine.begin() as conn:
        _fill(conn, version, _plan_json(planner, attrs.evolve(amal, id="old-1")))
    engine.dispose()
    store = open_store(db_url, clock=lambda: datetime(2026, 1, 5, tzinfo=UTC))
    assert store.schema_version() == HEAD
    assert _shape(store.engine) == _declared()
    person = store.get_person("old-1")
    assert person.name == "Åsa Öberg" and person.bsn == "249566758"
    (row,) = store.list_people(search="asa oberg")
    assert row.revision == 1 and row.route == "b1"
    assert row.phase != "intake"  # refreshed on open
    assert row.last_contact == date(2025, 10, 1)
    assert [e.event.kind for e in store.events("old-1")] == ["contact"]
    assert len(store.decisions("old-1")) == (1 if version >= 2 else 0)
    # one team before: everyone joins the default team, no counsellor yet, nothing lost
    assert [(t.id, t.people) for t in store.teams()] == [("default", 1)]
    with store.read() as conn:
        team, counsellor = conn.execute(
            text("SELECT team, counsellor FROM people WHERE id = 'old-1'")
        ).one()
    assert (team, counsellor) == ("default", None)
    assert [e.action for e in store.audit(person_id="old-1")] == ["create"]
    assert store.access.mode == ("local" if store.dialect == "sqlite" else "open")
    assert store.check() == []
    with pytest.raises(Exception, match="append-only"), store.write() as conn:
        conn.execute(text("DELETE FROM audit"))
    store.close()


def test_people_forgotten_before_the_register_existed_are_registered(db_url, planner, amal):
    from padplanner.store.pseudonyms import pseudonym, research_key

    engine = make_engine(db_url)
    migrate(engine, 4)
    with engine.begin() as conn:
        _fill(conn, 4, _plan_json(planner, attrs.evolve(amal, id="old-1")))
        conn.execute(
            text("UPDATE people SET name = NULL, bsn = NULL, forgotten_at = :when"),
            {"when": WHEN},
        )
    engine.dispose()
    store = open_store(db_url)
    with store.read() as conn:
        rows = conn.execute(text("SELECT pseudonym, erased_at FROM erasures")).all()
    assert [r[0] for r in rows] == [pseudonym(research_key(store), "old-1")]
    store.close()


def test_a_newer_schema_is_refused(db_url):
    engine = make_engine(db_url)
    migrate(engine)
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO schema_version VALUES (:v, :at, 'from the future')"),
            {"v": HEAD + 1, "at": WHEN},
        )
    with pytest.raises(SchemaTooNew, match="upgrade padplanner"):
        migrate(engine)
    engine.dispose()


def test_two_processes_migrating_at_once_apply_each_step_once(db_url):
    errors = []

    def run():
        try:
            engine = make_engine(db_url)  # the first one creates the file
            try:
                migrate(engine)
            finally:
                engine.dispose()
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    engine = make_engine(db_url)
    with engine.connect() as conn:
        versions = [r[0] for r in conn.execute(text("SELECT version FROM schema_version"))]
    assert sorted(versions) == list(range(1, HEAD + 1))
    engine.dispose()
