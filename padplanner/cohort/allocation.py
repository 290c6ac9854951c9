"""The capacity pass: individual plans meet shared seats, coaches and a yearly budget.

People are taken in priority order (a serial schedule generation scheme with the policy's
priority as the priority rule). Each person's activities are placed in the order of their own
plan, each at the earliest week that

- is not earlier than in the individual plan, and keeps every ordering of the plan (the
  path's dependencies and the plugins' ``after`` constraints with their lag; a step that runs
  ``with`` another shares its delay);
- is one of the module's course starts (``release + k × every`` of the plan);
- has a free seat: per course start for scheduled modules, at every week for rolling ones;
- keeps the person within their own hours per week;
- fits in the budget of the calendar year it starts in.

A person in intensive mediation then needs a job coach from the start of the path to its end
plus the policy's follow-up. When the coaches are fully booked somewhere in that span,
mediation starts after that week, and the person's work activities (placements, which the
coach mediates) wait for it; the path is placed again with that limit.

Capacities and budget are hard limits: the pass never exceeds them. A person whose activity
would wait longer than the horizon is reported as not served, with the binding capacity.
Every delay is recorded with its cause.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

import attrs

from padplanner.catalog import Catalog
from padplanner.cohort.capacity import Capacities
from padplanner.cohort.outline import Outline
from padplanner.model import Reason

CAUSES = ("coach", "seats", "budget", "hours")
AS_PLANNED = Reason(
    "padplanner.cohort.as_planned",
    "Starts as planned: the seats, coach and budget this plan needs are available",
    (),
)
_SLACK_WEEKS = 60  # room for follow-up after the latest possible end


class Wait(NamedTuple):
    """One thing that held a person back: its cause, module and what was full."""

    cause: str  # coach | seats | budget | hours
    module: str  # "" for the coach
    detail: str  # the course start, the budget year or the date a coach is free
    weeks: int


@attrs.frozen
class Ticket:
    """A person's place in the queue, from the policy's priority rule."""

    id: str
    place: int  # 1-based place in the queue
    reason: Reason
    intensive: bool
    follow_up_weeks: int


@attrs.frozen
class Placement:
    """Where the capacity pass put one person, and why they wait (if they do).

    ``starts`` holds the start week of every step (plan weeks, as in the outline); ``None``
    when the person cannot be served within the horizon. ``delay`` is how many weeks later
    the path ends than the individual plan. ``mediation`` is when a job coach mediates the
    person (``None``: no intensive mediation, or no coach free before the path ended).
    """

    id: str
    place: int
    priority: Reason
    intensive: bool
    follow_up_weeks: int
    starts: tuple[int, ...] | None
    delay: int
    waits: tuple[Wait, ...]
    reason: Reason
    mediation: tuple[int, int] | None = None  # plan weeks [start, end) with a job coach
    mediation_eur: int = 0

    @property
    def served(self) -> bool:
        return self.starts is not None


@attrs.frozen
class Allocation:
    """The outcome of the pass: one placement per person (in queue order) and the ledgers."""

    placements: tuple[Placement, ...]
    capacities: Capacities
    epoch: date  # the Monday of week 0 of every ledger
    seats_taken: dict[tuple[str, int], int]  # (module, course start index) → seats taken
    rolling_use: dict[str, list[int]]  # module → seats taken per week
    coach_use: list[int]  # people in intensive mediation per week
    spent: dict[int, int]  # calendar year → euro cents booked

    def week_date(self, week: int) -> date:
        return self.epoch + timedelta(weeks=week)


class _Module(NamedTuple):
    seats: int | None  # None: no limit
    rolling: bool
    first: date | None
    every: int
    first_ordinal: int | None


def _add(waits: list[Wait], wait: Wait) -> None:
    """Record a wait; repeated waits for the same reason and module add up."""
    if waits and waits[-1][:3] == wait[:3]:
        waits[-1] = waits[-1]._replace(weeks=waits[-1].weeks + wait.weeks)
    else:
        waits.append(wait)


class _Failed(Exception):
    def __init__(self, wait: Wait):
        self.wait = wait


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _money(euros: float) -> int:
    return round(euros * 100)


class _Ledger:
    """Shared use of every capacity so far; only committed placements are recorded."""

    def __init__(self, caps: Capacities, catalog: Catalog, epoch: date, last_end: int):
        self.caps = caps
        self.epoch = epoch
        self.limit = caps.horizon_weeks  # the longest anyone's activity may wait
        self.length = last_end + caps.horizon_weeks + _SLACK_WEEKS
        self.budget = _money(caps.budget_eur)
        self.coach_cap = caps.coach_places
        self.coach = [0] * self.length
        self.rolling: dict[str, list[int]] = {}
        self.taken: dict[tuple[str, int], int] = {}
        self.full: dict[tuple[str, int], int] = {}  # (module, start) → next start to try
        self.spent: dict[int, int] = {}
        self.modules: dict[str, _Module] = {}
        for module in catalog.modules.values():
            starts = module.starts
            seats = caps.seats.get(module.id)
            first = starts.first.toordinal() if starts.first else None
            self.modules[module.id] = _Module(
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


class _Person:
    """One outline prepared for placement: its week offset, step order and course calendars."""

    __slots__ = ("every", "first_index", "held", "modules", "off", "order", "outline")

    def __init__(self, outline: Outline, ledger: _Ledger):
        self.outline = outline
        steps = outline.steps
        self.off = (outline.plan_start - ledger.epoch).days // 7
        self.order = _order(outline)
        self.held: set[int] = set()
        self.modules: list[_Module | None] = []
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


def _hold(person: _Person, ledger: _Ledger) -> set[int]:
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


def _fits(load: list[tuple[int, int, int]], start: int, end: int, hours: int, cap: int) -> int:
    """0 when ``hours`` more a week fit in weeks ``[start, end)`` next to ``load``; otherwise
    the first week after ``start`` where the load can be lower (an overlapping step ends)."""
    total = hours
    for s, e, h in load:
        if s < end and start < e:
            total += h
    if total <= cap:  # even all overlapping steps at once leave room
        return 0
    overlapping = [(s, e, h) for s, e, h in load if s < end and start < e]
    # the use only rises where an overlapping step starts, so check those weeks
    for week in sorted({start, *(s for s, _, _ in overlapping if s > start)}):
        if sum(h for s, e, h in overlapping if s <= week < e) + hours > cap:
            return min(e for s, e, _ in overlapping if s <= week < e)
    return 0


def _place(person: _Person, ledger: _Ledger, work_from: int):
    """Place every step of one person; work steps not before absolute week ``work_from``.

    Returns start weeks, money per year and waits; nothing is committed to the ledger.
    """
    outline = person.outline
    steps = outline.steps
    cap = outline.capacity
    off = person.off
    load: list[tuple[int, int, int]] = []  # (start, end, hours) of the steps placed so far
    spend: dict[int, int] = {}
    delays = [0] * len(steps)
    starts = [0] * len(steps)
    waits: list[Wait] = []
    plan_ordinal = outline.plan_start.toordinal()
    ends: dict[int, int] = {}
    for i in person.order:
        step = steps[i]
        module = person.modules[i]
        every = person.every[i]
        if i in person.held:  # under way: stays where it is, its seat is already counted
            starts[i], ends[i] = step.start, step.end
            load.append((step.start, step.end, step.hours_per_week))
            continue
        shift = 0
        for b, lag in outline.after[i]:
            if b in ends:
                shift = max(shift, ends[b] + lag - step.start)
        along = outline.along[i]
        if along is not None and along in ends:
            shift = max(shift, delays[along])
        if step.kind == "work" and off + step.start + shift < work_from:
            waiting = work_from - off - step.start - shift
            shift += waiting
            _add(waits, Wait("coach", step.module, "", waiting))
        k = -(-shift // every)
        cost = _money(step.cost_eur)
        while True:
            week = step.start + k * every
            absolute = off + week
            if week - step.start > ledger.limit or absolute + step.weeks > ledger.length:
                cause = waits[-1] if waits else Wait("seats", step.module, "", 0)
                raise _Failed(cause)
            free = _fits(load, week, week + step.weeks, step.hours_per_week, cap)
            if free:
                jump = max(1, -(-(free - week) // every))
                _add(waits, Wait("hours", step.module, "", jump * every))
                k += jump
                continue
            if module is not None and module.seats is not None:
                if module.seats <= 0:
                    raise _Failed(Wait("seats", step.module, "no seats at all", 0))
                if module.rolling:
                    row = ledger.rolling_row(step.module)
                    window = row[absolute : absolute + step.weeks]
                    if max(window) >= module.seats:
                        last = max(j for j, used in enumerate(window) if used >= module.seats)
                        day = ledger.epoch + timedelta(weeks=absolute + last)
                        _add(waits, Wait("seats", step.module, day.isoformat(), last + 1))
                        k += last + 1
                        continue
                else:
                    index = person.first_index[i] + k
                    open_index = ledger.next_open(step.module, index)
                    if open_index != index:
                        first = module.first or outline.plan_start
                        day = first + timedelta(weeks=index * module.every)
                        jump = open_index - index
                        _add(waits, Wait("seats", step.module, day.isoformat(), jump * every))
                        k += jump
                        continue
            if cost:
                year = date.fromordinal(plan_ordinal + 7 * week).year
                if ledger.spent.get(year, 0) + spend.get(year, 0) + cost > ledger.budget:
                    next_year = date(year + 1, 1, 1).toordinal()
                    weeks_on = -(-(next_year - plan_ordinal - 7 * week) // 7)
                    jump = -(-weeks_on // every)
                    _add(waits, Wait("budget", step.module, str(year), jump * every))
                    k += jump
                    continue
                spend[year] = spend.get(year, 0) + cost
            break
        delays[i] = week - step.start
        starts[i] = week
        ends[i] = week + step.weeks
        load.append((week, week + step.weeks, step.hours_per_week))
    return starts, spend, waits


def _allocate_one(person: _Person, ticket: Ticket, ledger: _Ledger) -> Placement:
    outline = person.outline
    caps = ledger.caps
    if not outline.steps:
        return _placement(ticket, outline, (), [], None, 0, caps)
    work_from = 0  # absolute week from which a coach is free for this person
    extra: list[Wait] = []
    cents = _money(caps.mediation_eur)
    while True:
        try:
            starts, spend, waits = _place(person, ledger, work_from)
        except _Failed as failed:
            return _unserved(ticket, outline, failed.wait, ledger)
        if not ticket.intensive:
            _commit(person, ledger, starts, spend, None)
            return _placement(ticket, outline, starts, waits, None, 0, caps)
        off = person.off
        begin = max(off + min(starts), work_from)
        end = off + max(s + step.weeks for s, step in zip(starts, outline.steps, strict=True))
        end += ticket.follow_up_weeks
        if begin >= end:  # the path and its follow-up end before a coach is free
            _commit(person, ledger, starts, spend, None)
            free = ledger.epoch + timedelta(weeks=work_from)
            extra.append(Wait("coach", "", f"none before {free.isoformat()}", 0))
            return _placement(ticket, outline, starts, extra + waits, None, 0, caps)
        if end > ledger.length or ledger.coach_cap <= 0:
            return _unserved(ticket, outline, Wait("coach", "", "no coach capacity", 0), ledger)
        window = ledger.coach[begin:end]
        if max(window) >= ledger.coach_cap:
            full = max(j for j, used in enumerate(window) if used >= ledger.coach_cap)
            work_from = begin + full + 1
            free = ledger.epoch + timedelta(weeks=work_from)
            extra.append(Wait("coach", "", free.isoformat(), full + 1))
            continue
        year = (ledger.epoch + timedelta(weeks=begin)).year
        if cents and ledger.spent.get(year, 0) + spend.get(year, 0) + cents > ledger.budget:
            work_from = -(-(date(year + 1, 1, 1) - ledger.epoch).days // 7)
            extra.append(Wait("budget", "mediation", str(year), work_from - begin))
            continue
        if cents:
            spend[year] = spend.get(year, 0) + cents
        _commit(person, ledger, starts, spend, (begin, end))
        mediation = (begin - off, end - off)
        return _placement(
            ticket, outline, starts, extra + waits, mediation, caps.mediation_eur, caps
        )


def _commit(person, ledger, starts, spend, mediation: tuple[int, int] | None) -> None:
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
    for year, cents in spend.items():
        ledger.spent[year] = ledger.spent.get(year, 0) + cents
        assert ledger.spent[year] <= ledger.budget


_NAMES = {
    "coach": "no coach free",
    "seats": "course full",
    "budget": "budget spent",
    "hours": "own weekly hours",
}


def _describe(wait: Wait, caps: Capacities) -> str:
    if wait.cause == "coach":
        team = f"{caps.coaches} coaches × {caps.caseload} people"
        if wait.detail.startswith("none before"):
            return f"no job coach free for intensive mediation during the path ({team})"
        if wait.detail and wait.detail[0].isdigit():
            return f"no job coach free for intensive mediation until {wait.detail} ({team})"
        if wait.module:
            return f"{wait.module} waits for the job coach who mediates it"
        return f"no job coach capacity ({team})"
    if wait.cause == "seats":
        seats = caps.seats.get(wait.module, 0)
        if wait.detail and wait.detail[0].isdigit():
            return f"{wait.module} starting {wait.detail} is full ({seats} seats)"
        return f"{wait.module}: {wait.detail or 'no free seat'}"
    if wait.cause == "budget":
        what = "mediation" if wait.module == "mediation" else wait.module
        return f"{what}: the {wait.detail} budget (€{caps.budget_eur:,}) is spent"
    return f"{wait.module} moves to fit the person's own hours after an earlier wait"


def _summary(waits: Sequence[Wait]) -> tuple[str, list[Wait]]:
    """The dominant cause and the waits to mention (first of each cause and module)."""
    weeks: dict[str, int] = {}
    for wait in waits:
        weeks[wait.cause] = weeks.get(wait.cause, 0) + wait.weeks
    # moving to fit one's own hours is a knock-on effect: the root cause is what moved first
    roots = [c for c in CAUSES if c != "hours" and weeks.get(c, 0) > 0] or ["hours"]
    main = max(roots, key=lambda c: (weeks.get(c, 0), -CAUSES.index(c)))
    seen, mention = set(), []
    for wait in waits:
        key = (wait.cause, wait.module)
        if key not in seen and wait.cause != "hours":
            seen.add(key)
            mention.append(wait)
    mention.sort(key=lambda w: (w.cause != main, CAUSES.index(w.cause)))
    return main, mention


def _placement(ticket, outline, starts, waits, mediation, mediation_eur, caps) -> Placement:
    end = max((s + step.weeks for s, step in zip(starts, outline.steps, strict=True)), default=0)
    delay = end - outline.completion
    moved = any(s != step.start for s, step in zip(starts, outline.steps, strict=True))
    late_coach = mediation is not None and mediation[0] > min(starts, default=0)
    if not waits or (delay <= 0 and not moved and not late_coach and mediation_eur == 0):
        reason = AS_PLANNED
        waits = []
    else:
        main, mention = _summary(waits)
        finish = outline.plan_start + timedelta(weeks=end)
        planned = outline.plan_start + timedelta(weeks=outline.completion)
        if delay > 0:
            head = (
                f"Finishes {delay} weeks later than planned ({finish.isoformat()} instead of "
                f"{planned.isoformat()})"
            )
        elif moved:
            head = "Some activities start later than planned; the path still ends as planned"
        else:
            head = "The path runs as planned, but intensive mediation starts late"
        text = head + ": " + "; ".join(_describe(w, caps) for w in mention[:3])
        reason = Reason(f"padplanner.cohort.wait.{main}", text, ())
    return Placement(
        id=outline.id,
        place=ticket.place,
        priority=ticket.reason,
        intensive=ticket.intensive,
        follow_up_weeks=ticket.follow_up_weeks,
        starts=tuple(starts),
        delay=max(0, delay),
        waits=tuple(waits),
        reason=reason,
        mediation=mediation,
        mediation_eur=mediation_eur,
    )


def _unserved(ticket: Ticket, outline: Outline, wait: Wait, ledger: _Ledger) -> Placement:
    years = ledger.caps.horizon_weeks // 52
    reason = Reason(
        f"padplanner.cohort.unserved.{wait.cause}",
        f"Cannot be served within {years} years of the planned dates: "
        + _describe(wait, ledger.caps),
        (),
    )
    return Placement(
        id=outline.id,
        place=ticket.place,
        priority=ticket.reason,
        intensive=ticket.intensive,
        follow_up_weeks=ticket.follow_up_weeks,
        starts=None,
        delay=0,
        waits=(wait,),
        reason=reason,
    )


def allocate(
    outlines: Sequence[Outline],
    tickets: Sequence[Ticket],
    capacities: Capacities,
    catalog: Catalog,
) -> Allocation:
    """Serve ``outlines`` in the order of ``tickets`` within ``capacities``.

    Every outline needs exactly one ticket (same ids). Deterministic: the same outlines,
    tickets and capacities give the same allocation.
    """
    by_id = {o.id: o for o in outlines}
    queued = {t.id for t in tickets}
    missing = [o.id for o in outlines if o.id not in queued]
    if missing or len(tickets) != len(outlines) or any(t.id not in by_id for t in tickets):
        raise ValueError(
            "every person needs exactly one place in the queue; "
            f"without one: {', '.join(missing[:5]) or '-'}"
        )
    starts = [o.plan_start for o in outlines] or [date.today()]
    epoch = _monday(min(starts))
    last_end = max(((o.plan_start - epoch).days // 7 + o.completion for o in outlines), default=0)
    ledger = _Ledger(capacities, catalog, epoch, last_end)
    queue = sorted(tickets, key=lambda t: (t.place, t.id))
    people = {t.id: _Person(by_id[t.id], ledger) for t in queue}
    for ticket in queue:  # activities under way keep their seats, whatever the queue says
        person = people[ticket.id]
        if person.outline.running:
            person.held = _hold(person, ledger)
    placements = [_allocate_one(people[t.id], t, ledger) for t in queue]
    return Allocation(
        placements=tuple(placements),
        capacities=capacities,
        epoch=epoch,
        seats_taken=dict(ledger.taken),
        rolling_use=ledger.rolling,
        coach_use=ledger.coach,
        spent=dict(ledger.spent),
    )
