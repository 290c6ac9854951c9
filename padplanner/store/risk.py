"""Planned against actual, risk flags and the caseload summary of one person.

Pure functions of the plan in force, the recorded events and today's date.

- **Per activity**: the hours the plan expected by today (``hours_per_week`` times the weeks
  since the start, at most the activity's hours) against the hours attended since the plan was
  made. ``done`` when everything the activity grants is reached (an exam passed, a component
  completed) or its hours are attended; ``behind`` when less than 75 % of the expected hours
  were attended and at least 8 h are missing; ``ahead`` above 110 %.
- **Risk flags** (``RISKS``, from mild to severe):
  ``contact``: no conversation recorded for longer than the check-in cadence (13 weeks in the
  national catalogue; a municipality may set its own); ``behind``: an activity is behind;
  ``deadline``: the plan's slack minus the weeks needed to catch up on the missing hours is
  under 8 weeks (or the plan already misses the deadline). The caseload shows the most severe.
- **Phase** (``PHASES``): ``intake`` (no plan yet), the kind of the activity running today
  (``literacy``, ``language``, ``civic``, ``values``, ``work``, ``education``, ``support``),
  ``waiting`` (between activities), ``finished`` (after the last one, or a plan made when
  nothing was left to do), ``ended`` (term ended).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import attrs

from padplanner.i18n import N_, texts
from padplanner.i18n.messages import Texts
from padplanner.model import Client, Plan, Requirement
from padplanner.model.levels import SKILLS
from padplanner.store.derive import Status, hours_since

RISKS: tuple[str, ...] = ("none", "contact", "behind", "deadline")
PHASES: tuple[str, ...] = (
    "intake",
    "waiting",
    "literacy",
    "language",
    "education",
    "civic",
    "values",
    "work",
    "support",
    "finished",
    "ended",
)
BEHIND_SHARE = 0.75
AHEAD_SHARE = 1.1
BEHIND_MIN_HOURS = 8.0
DEADLINE_MARGIN_WEEKS = 8
DEFAULT_CADENCE_WEEKS = 13


@attrs.frozen
class ActivityProgress:
    activity: str
    module: str
    kind: str
    start: date
    end: date
    planned_hours: float
    expected_by_now: float
    attended: float
    status: str  # planned | on-track | ahead | behind | done

    @property
    def missing(self) -> float:
        return 0.0 if self.status == "done" else max(0.0, self.expected_by_now - self.attended)


@attrs.frozen
class ModuleRef:
    """A module named in a risk's sentence: said by its title where the reader has one."""

    id: str


# a module id -> its title in the reader's language
ModuleTitles = Callable[[str], str]


@attrs.frozen
class Note:
    """One risk in words: a message id and the values its sentence is made from."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, t: Texts, title: ModuleTitles | None = None) -> str:
        return t(self.key, **{name: _shown(t, value, title) for name, value in self.values})


def _shown(t: Texts, value: object, title: ModuleTitles | None = None) -> str:
    if isinstance(value, ModuleRef):
        return title(value.id) if title else value.id
    if isinstance(value, date):
        return t.date(value)
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int | float):
        return t.decimal(value)
    if isinstance(value, Note):
        return value.text(t, title)
    if isinstance(value, tuple):
        return "; ".join(_shown(t, v, title) for v in value)
    return str(value)


@attrs.frozen
class ProgressReport:
    """Planned against actual for one person, with the risk flags and their explanations."""

    person_id: str
    today: date
    revision: int
    activities: tuple[ActivityProgress, ...]
    flags: tuple[str, ...]
    explanations: tuple[str, ...]
    last_contact: date | None
    slack_weeks: int | None
    missing_hours: float
    notes: tuple[Note, ...] = ()  # the explanations, for any language

    @property
    def risk(self) -> str:
        return most_severe(self.flags)

    def explain(self, t: Texts, title: ModuleTitles | None = None) -> list[str]:
        """The explanations in the language of ``t``; modules by ``title`` (else their ids)."""
        return [note.text(t, title) for note in self.notes]


def most_severe(flags: Sequence[str]) -> str:
    return max(flags, key=RISKS.index, default="none")


def _reached(grant: str, client: Client) -> bool:
    try:
        req = Requirement.parse(grant)
    except ValueError:
        return False
    if req.name in SKILLS and req.level:
        return int(client.levels.get(req.name)) >= _cefr(req.level)
    if req.level is None:
        if req.name == "diploma-evaluated":
            return client.work.diploma_evaluated
        return req.name in client.progress.completed
    return False


def _cefr(level: str) -> int:
    from padplanner.model.levels import Level

    try:
        return int(Level.parse(level))
    except ValueError:
        return 99


def compare(plan: Plan, client: Client, events, today: date) -> list[ActivityProgress]:
    """Planned against actual for every activity of ``plan`` as of ``today``."""
    attended = hours_since(events, plan.reference_date, today)
    out = []
    for activity in plan.activities:
        weeks = max(0.0, min(float(activity.weeks), (today - activity.start).days / 7))
        expected = min(activity.hours, activity.hours_per_week * weeks)
        got = attended.get(activity.module, 0.0)
        grants_met = bool(activity.grants) and all(_reached(g, client) for g in activity.grants)
        if grants_met or (activity.hours > 0 and got >= activity.hours):
            state = "done"
        elif expected <= 0:
            state = "planned"
        elif got < BEHIND_SHARE * expected and expected - got >= BEHIND_MIN_HOURS:
            state = "behind"
        elif got > AHEAD_SHARE * expected:
            state = "ahead"
        else:
            state = "on-track"
        out.append(
            ActivityProgress(
                activity=activity.id,
                module=activity.module,
                kind=activity.kind,
                start=activity.start,
                end=activity.end,
                planned_hours=activity.hours,
                expected_by_now=round(expected, 1),
                attended=round(got, 1),
                status=state,
            )
        )
    return out


def assess(
    person_id: str,
    revision: int,
    plan: Plan | None,
    client: Client,
    events,
    state: Status,
    today: date,
    cadence_weeks: int = DEFAULT_CADENCE_WEEKS,
) -> ProgressReport:
    """The progress report and risk flags of one person on ``today``."""
    last_contact = state.last_contact
    if state.ended is not None and state.ended <= today:
        rows = compare(plan, client, events, today) if plan else []
        return ProgressReport(
            person_id, today, revision, tuple(rows), (), (), last_contact, None, 0.0
        )
    flags: list[str] = []
    why: list[Note] = []
    since = last_contact or client.term_start
    if today > since and (today - since).days > cadence_weeks * 7:
        flags.append("contact")
        last = (
            Note(N_("risk.contact.last"), (("date", last_contact),))
            if last_contact
            else Note(N_("risk.contact.none"))
        )
        weeks = (today - since).days // 7
        why.append(
            Note(N_("risk.contact"), (("weeks", weeks), ("last", last), ("cadence", cadence_weeks)))
        )
    rows = compare(plan, client, events, today) if plan else []
    missing = round(sum(r.missing for r in rows), 1)
    behind = [r for r in rows if r.status == "behind"]
    if behind:
        flags.append("behind")
        items = tuple(
            Note(
                N_("risk.behind.item"),
                (
                    ("module", ModuleRef(r.module)),
                    ("attended", r.attended),
                    ("expected", r.expected_by_now),
                ),
            )
            for r in behind
        )
        why.append(Note(N_("risk.behind"), (("modules", items),)))
    slack = plan.slack_weeks if plan else None
    if plan is not None:
        catch_up_weeks = missing / max(1, client.weekly_hours)
        left = slack - catch_up_weeks
        if left < DEADLINE_MARGIN_WEEKS:
            flags.append("deadline")
            catch_up = (("weeks", round(catch_up_weeks)), ("hours", missing))
            why.append(
                Note(
                    N_("risk.deadline.catch_up") if missing else N_("risk.deadline"),
                    (("slack", slack), ("deadline", plan.deadline), *(catch_up if missing else ())),
                )
            )
    return ProgressReport(
        person_id,
        today,
        revision,
        tuple(rows),
        tuple(flags),
        tuple(note.text(texts("en")) for note in why),
        last_contact,
        slack,
        missing,
        tuple(why),
    )


def phase(plan: Plan | None, state: Status, today: date) -> str:
    """The phase keyword for the caseload list (see ``PHASES``)."""
    if state.ended is not None and state.ended <= today:
        return "ended"
    if plan is None:
        return "intake"
    running = [a for a in plan.activities if a.start <= today < a.end]
    if running:
        order = {kind: i for i, kind in enumerate(PHASES)}
        return min((a.kind for a in running), key=lambda k: order.get(k, len(PHASES)))
    if today >= max((a.end for a in plan.activities), default=plan.reference_date):
        return "finished"  # after the last activity, or nothing was left to plan
    return "waiting"


def next_milestone(plan: Plan | None, today: date) -> tuple[str, date] | None:
    if plan is None:
        return None
    upcoming = [m for m in plan.milestones if m.date >= today]
    if not upcoming:
        return None
    first = min(upcoming, key=lambda m: (m.date, m.id))
    return first.id, first.date
