"""Caseload store speed: listing a national year's intake, saving a revision, replanning.

    python benchmarks/store_bench.py [--size 36100] [--pg URL] [--db FILE]

Targets: listing a caseload of 36,100 people <= 1 s; saving a revision <= 20 ms on
SQLite; replanning one person from 100 events <= 10 ms beyond the plan itself; on PostgreSQL,
row-level security (``padplanner db roles``) costs at most 20 % on listing and saving,
printed side by side: the owner's login (outside the policies) and a team lead who sees all
36,100 people, on the same database. The caseload
is synthetic (``padplanner.demo``): everyone planned, progress simulated. ``--db FILE`` keeps
the SQLite caseload between runs (it is built once; building 36,100 people takes a minute).
``--pg URL`` (or ``PADPLANNER_TEST_PG``) runs the listing and saving figures on PostgreSQL too.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from padplanner import Planner  # noqa: E402
from padplanner.store import ContactHeld, ExamResult, HoursAttended, open_store  # noqa: E402
from padplanner.store.demo_fill import fill_demo  # noqa: E402
from padplanner.store.identity import ROLES  # noqa: E402
from padplanner.store.restore import restore  # noqa: E402

TODAY = date(2026, 1, 5)
LIST_TARGET_S = 1.0
SAVE_TARGET_MS = 20.0
REPLAN_TARGET_MS = 10.0
RLS_TARGET = 0.20  # row-level security costs at most 20 % on listing and saving


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        out.append(time.perf_counter() - started)
    return out


def line(label: str, seconds: float, target: float, unit: str = "s") -> str:
    scale = 1000.0 if unit == "ms" else 1.0
    value = seconds * scale
    ratio = value / target
    verdict = "ok" if ratio <= 1 else "MISSED"
    return (
        f"  {label:<52} {value:>9.3f} {unit}  (target {target:g} {unit}, {ratio:5.2f}x) {verdict}"
    )


def listing(store, size: int) -> list[str]:
    return [line(label, seconds, LIST_TARGET_S) for label, seconds in listing_times(store, size)]


def listings(store, size: int) -> dict[str, Callable[[], object]]:
    """label -> one run of that listing on ``store``."""
    return {
        "first page by name + total (TUI start)": lambda: (
            store.list_people(limit=100),
            store.count_people(),
        ),
        "page at the middle, by deadline descending": lambda: store.list_people(
            order_by="deadline", descending=True, limit=100, offset=size // 2
        ),
        "by risk, filtered to one municipality + count": lambda: (
            store.list_people(order_by="risk", descending=True, municipality="GM0034"),
            store.count_people(municipality="GM0034"),
        ),
        "search 'ozturk' + count": lambda: (
            store.list_people(search="ozturk"),
            store.count_people(search="ozturk"),
        ),
        "at risk (any), by slack": lambda: store.list_people(risk="any", order_by="slack"),
        "the whole caseload in one list, by name": lambda: store.list_people(limit=size),
        "the whole caseload, in pages of 10,000": lambda: [
            store.list_people(limit=10_000, offset=o) for o in range(0, size, 10_000)
        ],
    }


def listing_times(store, size: int, repeat: int = 5) -> list[tuple[str, float]]:
    """(label, median seconds) of each listing."""
    out = []
    for label, action in listings(store, size).items():
        if repeat > 1:
            action()  # warm
        out.append((label, statistics.median(timed(action, repeat))))
    return out


def saving(store, planner, person_id: str, repeat: int = 100) -> str:
    times = saving_times(store, planner, person_id, repeat)
    p95 = statistics.quantiles(times, n=20)[-1]
    return (
        line("save a revision (median)", statistics.median(times), SAVE_TARGET_MS, "ms")
        + f"\n  {'save a revision (95th percentile)':<52} {p95 * 1000:>9.3f} ms"
    )


def saving_times(store, planner, person_id: str, repeat: int = 100) -> list[float]:
    client = store.current_client(person_id)
    plan = planner.plan(client, at=TODAY)
    base = [store.latest_plan(person_id)[0]]

    def save() -> None:
        base[0] = store.save_plan(person_id, plan, "bench", "benchmark save", base[0])

    save()
    return timed(save, repeat)


def row_security(pg: str, size: int, planner, person_id: str, rounds: int = 200) -> list[str]:
    """Listing and saving without row-level security (the owner's login, a superuser or the
    tables' owner outside the policies) and with it (a team lead whose team holds everyone:
    every row passes the policy, the like-for-like worst case), side by side. The two
    connections take turns, round after round, so a busy machine slows both alike.
    Target: at most 20 % more."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    prefix = f"bench{uuid.uuid4().hex[:6]}"
    lead = f"{prefix}_lead"
    owner = open_store(pg)
    owner.setup_roles(prefix)
    owner.add_user(lead, "teamlead", "default")
    url = make_url(pg).set(username=lead, password=None).render_as_string(hide_password=False)
    try:
        led = open_store(url)
        listings = [listing_times_pair(owner, led, size)]
        saves = saving_pair(owner, led, planner, person_id, rounds)
        led.close()
    finally:
        owner.close()
        admin = create_engine(pg)
        with admin.begin() as conn:
            for name in (lead, *(f"{prefix}_{r}" for r in ROLES)):
                conn.execute(text(f'DROP OWNED BY "{name}"'))
                conn.execute(text(f'DROP ROLE "{name}"'))
        admin.dispose()
    out = [f"  {'':<52} {'without':>9}   {'with RLS':>9}   {'cost':>6}"]
    rows = [*listings[0], ("save a revision (median)", *saves)]
    for label, a, b in rows:
        cost = b / a - 1
        verdict = "ok" if cost <= RLS_TARGET else "MISSED"
        out.append(
            f"  {label:<52} {a * 1000:>7.1f} ms {b * 1000:>7.1f} ms {cost:>+6.0%} "
            f"(target <= +{RLS_TARGET:.0%}) {verdict}"
        )
    return out


def listing_times_pair(first, second, size: int, rounds: int = 15) -> list[tuple]:
    """(label, median seconds of ``first``, of ``second``) of each listing: the two take
    turns, listing by listing, round after round, so a busy machine slows both alike. A quick
    listing is run several times in a turn (about 30 ms of work) and timed per run, so the
    scheduler's noise does not swamp a few milliseconds."""
    out = []
    ones, others = listings(first, size), listings(second, size)
    for label in ones:
        pair = (ones[label], others[label])
        warm = [statistics.median(timed(action, 3)) for action in pair]
        calls = max(1, min(50, round(0.03 / max(min(warm), 1e-4))))
        times: tuple[list, list] = ([], [])
        for _ in range(rounds):
            for side, action in enumerate(pair):
                started = time.perf_counter()
                for _ in range(calls):
                    action()
                times[side].append((time.perf_counter() - started) / calls)
        out.append((label, statistics.median(times[0]), statistics.median(times[1])))
    return out


def saving_pair(first, second, planner, person_id: str, rounds: int) -> tuple[float, float]:
    """Median seconds of a save by ``first`` and by ``second``, taking turns on one person."""
    plan = planner.plan(first.current_client(person_id), at=TODAY)
    base = first.latest_plan(person_id)[0]
    times: tuple[list, list] = ([], [])
    for round_ in range(rounds + 1):
        for store, side in ((first, 0), (second, 1)):
            started = time.perf_counter()
            base = store.save_plan(person_id, plan, "bench", "benchmark save", base)
            if round_:  # the first round warms
                times[side].append(time.perf_counter() - started)
    return statistics.median(times[0]), statistics.median(times[1])


def replanning(store, planner, repeat: int = 50) -> list[str]:
    from padplanner.demo import generate

    client = generate(1, seed=99, today=TODAY)[0]
    client = attrs.evolve(client, id="bench-replan", term_start=date(2024, 1, 1))
    if store.has_person(client.id):  # a kept caseload (--db): start from a clean slate
        client = attrs.evolve(client, id=f"bench-replan-{time.time_ns()}")
    store.add_person(client, "bench")
    store.save_plan(client.id, planner.plan(client), "bench", "intake", 0)
    day = client.term_start
    events = []
    for i in range(100):
        day += timedelta(days=6)
        if i % 10 == 9:
            events.append(ContactHeld(day))
        elif i % 25 == 24:
            events.append(ExamResult(day, "speaking", min(4, 1 + i // 25)))
        else:
            events.append(HoursAttended(day, "nt2-a0-a1" if i < 50 else "nt2-a1-a2", 6))
    for event in events:
        store.record_event(client.id, event, "bench")
    inner: list[float] = []
    plan = planner.plan

    def timed_plan(*args, **kwargs):  # the plan inside each replan, timed on its own
        started = time.perf_counter()
        result = plan(*args, **kwargs)
        inner.append(time.perf_counter() - started)
        return result

    planner.plan = timed_plan
    try:
        store.replan(client.id, planner, "bench", today=TODAY)  # warm
        inner.clear()
        total = timed(lambda: store.replan(client.id, planner, "bench", today=TODAY), repeat)
    finally:
        planner.plan = plan
    beyond = [t - p for t, p in zip(total, inner, strict=True)]
    return [
        f"  {'plan inside the replan (median)':<52} {statistics.median(inner) * 1000:>9.3f} ms",
        f"  {'replan from 100 events, plan included (median)':<52} "
        f"{statistics.median(total) * 1000:>9.3f} ms",
        line(
            "replan beyond the plan itself (median)",
            statistics.median(beyond),
            REPLAN_TARGET_MS,
            "ms",
        ),
    ]


def build(url: str, size: int, planner) -> float:
    store = open_store(url, clock=lambda: datetime(2026, 1, 5, 9, tzinfo=UTC))
    started = time.perf_counter()
    if store.count_people() == 0:
        fill_demo(store, size, seed=2023, today=TODAY, planner=planner)
    store.close()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=36_100)
    parser.add_argument("--db", help="keep the SQLite caseload in this file between runs")
    parser.add_argument("--pg", default=os.environ.get("PADPLANNER_TEST_PG"))
    args = parser.parse_args()
    print(f"padplanner store benchmark: {args.size:,} people, Python {platform.python_version()}")
    planner = Planner.default()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "caseload.db"
        url = f"sqlite:///{path}"
        built = build(url, args.size, planner)
        if built > 1:
            print(
                f"  built the caseload in {built:.1f} s ({built / args.size * 1000:.2f} ms a person)"
            )
        store = open_store(url)
        print(
            "SQLite listing (synchronous=" + os.environ.get("PADPLANNER_SQLITE_SYNC", "full") + "):"
        )
        for text in listing(store, args.size):
            print(text)
        print("SQLite writes:")
        first = store.list_people(limit=1)[0].id
        print(saving(store, planner, first))
        for text in replanning(store, planner):
            print(text)
        store.close()
        if args.pg:
            from sqlalchemy import create_engine, text

            schema = "padplanner_bench"
            admin = create_engine(args.pg)
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
                conn.execute(text(f"CREATE SCHEMA {schema}"))
            pg = f"{args.pg}{'&' if '?' in args.pg else '?'}options=-csearch_path%3D{schema}"
            backup = Path(tmp) / "copy.db"
            copy = open_store(url)
            copy.backup(backup)
            copy.close()
            started = time.perf_counter()
            restore(backup, pg)
            restored = time.perf_counter() - started
            # the state autovacuum brings a freshly loaded table to within a minute or so
            # (statistics, and the visibility map that lets a count read an index alone)
            vacuum = create_engine(pg, isolation_level="AUTOCOMMIT")
            with vacuum.connect() as conn:
                conn.execute(text("VACUUM ANALYZE"))
            vacuum.dispose()
            print(f"PostgreSQL (restored the caseload in {restored:.1f} s, then VACUUM ANALYZE):")
            store = open_store(pg)
            for text_line in listing(store, args.size):
                print(text_line)
            print(saving(store, planner, first))
            store.close()
            print("PostgreSQL row-level security (padplanner db roles), side by side:")
            for text_line in row_security(pg, args.size, planner, first):
                print(text_line)
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
