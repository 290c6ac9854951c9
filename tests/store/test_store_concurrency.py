"""Two counsellors save the same person at the same moment: exactly one wins.

Threads with their own connections, and separate processes, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import multiprocessing
import threading
from datetime import UTC, datetime

import pytest

from padplanner.model import Plan
from padplanner.store import StaleRevision, open_store


def _race(url: str, person_id: str, plan: Plan, base: int, authors: list[str]) -> dict:
    """Each author saves ``plan`` on ``base`` through its own store, released together."""
    stores = {a: open_store(url, actor=a) for a in authors}
    barrier = threading.Barrier(len(authors))
    results: dict[str, object] = {}

    def save(author: str) -> None:
        barrier.wait()
        try:
            results[author] = stores[author].save_plan(person_id, plan, author, "edit", base)
        except StaleRevision as exc:
            results[author] = exc
        except Exception as exc:  # anything else is a failure of the test
            results[author] = RuntimeError(repr(exc))

    threads = [threading.Thread(target=save, args=(a,)) for a in authors]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for store in stores.values():
        store.close()
    return results


def test_two_connections_one_winner_every_time(store, planned, planner, db_url):
    plan = planner.plan(planned)
    rounds = 6
    for round_ in range(rounds):
        base = round_ + 1
        results = _race(db_url, planned.id, plan, base, [f"anna{round_}", f"bert{round_}"])
        winners = {a: r for a, r in results.items() if isinstance(r, int)}
        losers = {a: r for a, r in results.items() if isinstance(r, StaleRevision)}
        assert len(winners) == 1 and len(losers) == 1, results
        (winner, number), (_, error) = *winners.items(), *losers.items()
        assert number == base + 1
        assert f"revision {number} by {winner}" in str(error)
        assert error.base == base
    saved = store.revisions(planned.id)
    assert [r.revision for r in saved] == list(range(1, rounds + 2))
    assert store.check() == []


def _process_save(url, person_id, plan_json, base, author, barrier, queue):
    store = open_store(url, actor=author)
    plan = Plan.from_json(plan_json)
    barrier.wait(30)
    try:
        queue.put((author, "won", store.save_plan(person_id, plan, author, "edit", base)))
    except StaleRevision as exc:
        queue.put((author, "stale", str(exc)))
    except Exception as exc:
        queue.put((author, "error", repr(exc)))
    finally:
        store.close()


def test_two_processes_one_winner(store, planned, planner, db_url):
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    queue = context.Queue()
    plan_json = planner.plan(planned).to_json()
    workers = [
        context.Process(
            target=_process_save,
            args=(db_url, planned.id, plan_json, 1, author, barrier, queue),
        )
        for author in ("process-a", "process-b")
    ]
    for w in workers:
        w.start()
    results = {}
    for _ in workers:
        author, outcome, detail = queue.get(timeout=120)
        results[author] = (outcome, detail)
    for w in workers:
        w.join(30)
    outcomes = sorted(o for o, _ in results.values())
    assert outcomes == ["stale", "won"], results
    winner = next(a for a, (o, _) in results.items() if o == "won")
    loser_message = next(d for o, d in results.values() if o == "stale")
    assert f"revision 2 by {winner}" in loser_message
    assert [r.author for r in store.revisions(planned.id)] == ["j.jansen", winner]


@pytest.mark.parametrize("writers", [4])
def test_many_writers_on_different_people_all_succeed(db_url, make_client, planner, writers):
    """Writers to different people never conflict and never lose a revision."""
    setup = open_store(db_url, clock=lambda: datetime(2026, 1, 5, tzinfo=UTC))
    clients = [make_client(id=f"w{i}") for i in range(writers)]
    plans = {c.id: planner.plan(c) for c in clients}
    for c in clients:
        setup.add_person(c, "setup")
    errors = []

    def work(client_id: str) -> None:
        store = open_store(db_url, actor=client_id)
        try:
            for base in range(5):
                store.save_plan(client_id, plans[client_id], client_id, "loop", base)
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            store.close()

    threads = [threading.Thread(target=work, args=(c.id,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert all(row.revision == 5 for row in setup.list_people())
    assert setup.check() == []
    setup.close()
