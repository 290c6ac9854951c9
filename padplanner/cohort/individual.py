"""Independent individual plans for a whole cohort, in parallel worker processes.

Each person's plan depends only on that person, so the cohort is cut into chunks that worker
processes plan one by one. Every worker builds its own :meth:`Planner.default` once; it sends
back compact :class:`~padplanner.cohort.outline.Outline` objects, in the order of the input.
Shared capacities are applied afterwards, in one pass (:mod:`padplanner.cohort.allocation`).
"""

from __future__ import annotations

import math
import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta

import attrs

from padplanner.cohort.outline import Outline, outline
from padplanner.context import PlanContext
from padplanner.engine.planner import Planner
from padplanner.errors import InputError, PlanningError, Problem
from padplanner.model import Client, Constraint, Plan, weekly_capacity

MIN_PARALLEL = 200  # below this many people, starting processes costs more than it saves

_PLANNER: Planner | None = None


@attrs.frozen
class Skipped:
    """A person the cohort could not plan (bad or out-of-scope data), and why: ``message`` in
    English, ``problems`` with their message ids, to be said in the reader's language."""

    id: str
    message: str
    problems: tuple[Problem, ...] = ()


@attrs.frozen
class _Failure:
    """A plugin failure inside a worker, carried back to be raised in the parent."""

    message: str
    plugin: str
    hook: str
    client: str


def available_cpus() -> int:
    """The CPUs this process may run on: its CPU affinity where the system reports one (a
    container or ``taskset`` may allow fewer than the machine has), else every CPU."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def plan_one(planner: Planner, client: Client, at: date | None) -> Outline | Skipped:
    """Plan one person; bad data becomes :class:`Skipped`, a plugin failure is raised."""
    try:
        plan = planner.plan(client, at=at)
    except InputError as exc:
        problems = tuple(exc.problems)
        return Skipped(client.id, "; ".join(p.message for p in problems), problems)
    return outline(client, plan, weekly_capacity(client), constraints(planner, client, plan))


def constraints(planner: Planner, client: Client, plan: Plan) -> list[Constraint] | None:
    """The plugins' scheduling constraints for this plan, asked again with the same inputs.

    The plan keeps its path dependencies but not the orderings plugins added; the capacity
    pass needs them to move activities safely. ``None`` when a plugin cannot answer outside
    the planner (the pass then keeps every gap of the plan).
    """
    if not plan.activities:
        return []
    catalog = planner.catalog(plan.municipality)
    first = plan.activities[0]
    ctx = PlanContext(
        reference_date=plan.reference_date,
        municipality=plan.municipality,
        law=plan.law,
        catalog=catalog,
        plan_start=first.start - timedelta(weeks=first.start_week),
        deadline=plan.deadline,
    )
    view = client.view(plan.reference_date)
    if view.municipality != plan.municipality:
        view = attrs.evolve(view, municipality=plan.municipality)
    modules = [catalog.modules[a.module] for a in plan.activities if a.module in catalog.modules]
    rules = planner.manager.rules(plan.municipality)
    try:
        batches = rules.collect(
            "padplanner_constraints", client.id, client=view, modules=modules, ctx=ctx
        )
    except PlanningError:
        return None
    return [c for batch in batches for c in batch]


def _init_worker() -> None:
    global _PLANNER
    _PLANNER = Planner.default()


def _plan_chunk(job: tuple[list[Client], date | None]) -> list[Outline | Skipped | _Failure]:
    clients, at = job
    assert _PLANNER is not None
    out: list[Outline | Skipped | _Failure] = []
    for client in clients:
        try:
            out.append(plan_one(_PLANNER, client, at))
        except PlanningError as exc:  # carried back whole: the parent raises it
            out.append(_Failure(exc.message, exc.plugin, exc.hook, exc.client))
            break
    return out


def _context() -> multiprocessing.context.BaseContext:
    """``fork`` where it is safe (no other threads, e.g. a TUI worker); else ``forkserver``."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def chunks(items: Sequence[Client], workers: int) -> list[list[Client]]:
    """About eight chunks per worker (so a slow chunk does not hold everyone up)."""
    size = max(25, min(500, math.ceil(len(items) / (workers * 8))))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def plan_all(
    clients: Sequence[Client],
    at: date | None = None,
    *,
    workers: int | None = None,
    planner: Planner | None = None,
    min_parallel: int = MIN_PARALLEL,
) -> tuple[list[Outline], list[Skipped]]:
    """Plan every client independently; returns outlines and skipped people, in input order.

    ``at`` is the reference date of every plan (default: each person's term start). With
    ``workers > 1`` (default: :func:`available_cpus`) and at least ``min_parallel`` people,
    plans are made in that many worker processes; otherwise in this process with ``planner``
    (default: :meth:`Planner.default`).
    """
    workers = available_cpus() if workers is None else workers
    if workers > 1 and len(clients) >= min_parallel:
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=_context(), initializer=_init_worker
        ) as pool:
            results = [
                item
                for batch in pool.map(_plan_chunk, [(c, at) for c in chunks(clients, workers)])
                for item in batch
            ]
    else:
        planner = planner or Planner.default()
        results = [plan_one(planner, client, at) for client in clients]
    outlines: list[Outline] = []
    skipped: list[Skipped] = []
    for item in results:
        if isinstance(item, _Failure):
            raise PlanningError(
                item.message, plugin=item.plugin, hook=item.hook, client=item.client
            )
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            outlines.append(item)
    return outlines, skipped
