"""The capacity pass's books: shared seats, coaches and budget, and each person's calendar.

``Ledger`` holds the shared use of every capacity so far; ``PreparedPath`` is one outline
made ready for placement (its week offset, step order and course calendars). ``hold`` keeps
the seats of activities already under way and ``commit`` books a finished placement; only
committed placements are ever recorded.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from padplanner.catalog import Catalog
from padplanner.cohort.capacity import Capacities
from padplanner.cohort.outline import Outline

_SLACK_WEEKS = 60  # room for follow-up after the latest possible end


class ModuleSeats(NamedTuple):
    """A module's seat limit and course calendar, as the pass reads them."""

    seats: int | None  # None: no limit
    rolling: bool
    first: date | None
    every: int
    first_ordinal: int | None


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def to_cents(euros: float) -> int:
    return round(euros * 100)


class Ledger:
    """Shared use of every capacity so far; only committed placements are recorded."""

    def __init__(self, caps: Capacities, catalog: Catalog, epoch: date, last_end: int):
        self.caps = caps
        self.epoch = epoch
        self.limit = caps.horizon_weeks  # the longest anyone's activity may wait
        self.length = last_end + caps.horizon_weeks + _SLACK_WEEKS
        self.budget = to_cents(caps.budget_eur)
        self.coach_cap = caps.coach_places
        self.coach = [0] * self.length
        self.rolling: dict[str, list[int]] = {}
        self.taken: dict[tuple[str, int], int] = {}
        self.full: dict[tuple[str, int], int] = {}  # (module, start) → next start to try
        self.spent: dict[int, int] = {}
        self.modules: dict[str, ModuleSeats] = {}
        for module in catalog.modules.values():
            starts = module.starts
            seats = caps.seats.get(module.id)
            first = starts.first.toordinal() if starts.first else None
            self.modules[module.id] = ModuleSeats(
                seats, starts.rolling, starts.first, starts.every_weeks, first
            )

    def next_open(self, module: str, index: int) -> int:
        """The first course start at or after ``index`` with a free seat (path-compressed)."""
        path = []
        while (module, index) in self.full:
            path.append(index)
            index = self.full[(module, index)]
        for item in path:
            self.full[(module, item)] = index
        return index

    def rolling_row(self, module: str) -> list[int]:
        row = self.rolling.get(module)
        if row is None:
            row = self.rolling[module] = [0] * self.length
        return row


class PreparedPath:
    """One outline prepared for placement: its week offset, step order and course calendars."""

    __slots__ = ("every", "first_index", "held", "modules", "off", "order", "outline")

    def __init__(self, outline: Outline, ledger: Ledger):
        self.outline = outline
        steps = outline.steps
        self.off = (outline.plan_start - ledger.epoch).days // 7
        self.order = _order(outline)
        self.held: set[int] = set()
        self.modules: list[ModuleSeats | None] = []
        self.every: list[int] = []
        self.first_index: list[int] = []
        ordinal = outline.plan_start.toordinal()
        for step in steps:
            module = ledger.modules.get(step.module)
            self.modules.append(module)
            if module is None or module.rolling:
                self.every.append(1)
                self.first_index.append(0)
                continue
            self.every.append(module.every)
            first = module.first_ordinal if module.first_ordinal is not None else ordinal
            # the course start joined on that day (see capacity.course_index)
            self.first_index.append((ordinal + 7 * step.start - first) // (7 * module.every))


def _order(outline: Outline) -> list[int]:
    """Steps by planned start, but every step after the steps it follows or runs alongside."""
    steps = outline.steps
    todo = sorted(range(len(steps)), key=lambda i: (steps[i].start, steps[i].module))
    if all(a is None for a in outline.along):
        return todo  # a step starts after every step it follows ends: plan order suffices
    needs = [
        {b for b, _ in outline.after[i]} | ({outline.along[i]} - {None}) for i in range(len(steps))
    ]
    done: list[int] = []
    placed: set[int] = set()
    while todo:
        pick = next((i for i in todo if needs[i] <= placed), todo[0])  # a cycle: plan order
        todo.remove(pick)
        done.append(pick)
        placed.add(pick)
    return done


def hold(person: PreparedPath, ledger: Ledger) -> set[int]:
    """Keep the seats of activities already under way (they are not moved or paid again)."""
    held = set()
    for i in person.outline.running:
        step = person.outline.steps[i]
        module = person.modules[i]
        absolute = person.off + step.start
        if module is not None and module.seats is not None:
            if module.rolling:
                row = ledger.rolling_row(step.module)
                if max(row[absolute : absolute + step.weeks]) >= module.seats:
                    continue
                for w in range(absolute, absolute + step.weeks):
                    row[w] += 1
            else:
                key = (step.module, person.first_index[i])
                if ledger.next_open(*key) != key[1]:
                    continue
                ledger.taken[key] = ledger.taken.get(key, 0) + 1
                if ledger.taken[key] == module.seats:
                    ledger.full[key] = key[1] + 1
        held.add(i)
    return held


def commit(person, ledger, starts, spend, mediation: tuple[int, int] | None) -> None:
    """Book one person's seats, coach weeks and money; the ledger's limits are never exceeded."""
    outline = person.outline
    for i, step in enumerate(outline.steps):
        module = person.modules[i]
        if module is None or module.seats is None or i in person.held:
            continue
        absolute = person.off + starts[i]
        if module.rolling:
            row = ledger.rolling_row(step.module)
            end = absolute + step.weeks
            row[absolute:end] = [used + 1 for used in row[absolute:end]]
            assert max(row[absolute:end]) <= module.seats
        else:
            index = person.first_index[i] + (starts[i] - step.start) // person.every[i]
            key = (step.module, index)
            taken = ledger.taken.get(key, 0) + 1
            ledger.taken[key] = taken
            assert taken <= module.seats
            if taken == module.seats:
                ledger.full[key] = index + 1
    if mediation is not None:
        coach = ledger.coach
        begin, end = mediation
        coach[begin:end] = [used + 1 for used in coach[begin:end]]
        assert max(coach[begin:end]) <= ledger.coach_cap
    for year, amount in spend.items():
        ledger.spent[year] = ledger.spent.get(year, 0) + amount
        assert ledger.spent[year] <= ledger.budget
