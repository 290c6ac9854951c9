"""Honest effect estimates: does an intervention help, and how far can the answer be trusted?

``evaluate(histories, "mediation")`` compares people who did and did not get an intervention,
from the pseudonymised research histories only, on three outcomes measured from the term
start: the first job, A2 and B1 in all four skills (people who had the level at intake are
left out of that outcome). People whose outcome has not happened yet are censored at the end
of their record; the tools for that are survival analysis: Kaplan-Meier curves and Cox
proportional-hazards regression (statsmodels). A hazard ratio above 1 means the outcome comes
sooner.

Two comparisons, kept apart and labelled:

* **Randomised** (when lots were drawn: ``padplanner.store.lottery``): among the people
  tied at a cut-off, those drawn against those not drawn, whatever they then received
  (intention to treat). Chance decided who got a place, so a difference is the
  intervention's effect, for people like those at the cut-off.
* **Adjusted** (everyone else's experience): those who received the intervention against
  those who did not, adjusted for the permitted intake fields only (:data:`COVARIATES`; never
  nationality, country of birth, ethnicity, religion or home language, none of which exist
  in the data). Its caveat is printed with it: who gets an intervention is chosen, and what
  the choice rested on (motivation, health, a counsellor's judgement) is not in the data.
  Every covariate whose groups differ (a standardised difference above 0.1) is named, and
  so is a large gap between the unadjusted and the adjusted estimate.

Every estimate comes with its 95 % interval, the number of people and events, and the
smallest effect the data could have detected (80 % power, 5 % two-sided; Schoenfeld's
formula for the number of events), so a municipality knows whether its numbers are enough.
A group of fewer than :data:`MIN_CELL` people is suppressed: no estimate, no curve, and its
count shown as "<10".
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import Any

import attrs

from padplanner.model.levels import SKILLS, Level
from padplanner.store.histories import History

OUTCOMES: dict[str, str] = {"job": "a first job", "a2": "A2 in all four skills", "b1": "B1 in all four skills"}  # fmt: skip
COVARIATES: tuple[str, ...] = (
    "education",
    "literacy",
    "learnability",
    "aim",
    "dutch_contact",
    "age_band",
    "hours_band",
    "intake_band",
)
"""The permitted intake fields an adjusted comparison may use (from the research view)."""
MIN_CELL = 10
IMBALANCE = 0.1  # standardised difference above which groups are said to differ
MIN_OVERLAP = 0.5  # share of the treated with a like control below which nothing is adjusted
STRONG = 0.5  # standardised difference of the fields the overlap is checked on
GAP = 1.25  # unadjusted and adjusted hazard ratios further apart than this are named
HORIZONS = (52, 104, 156)  # weeks: the share with the outcome by 1, 2 and 3 years
Z95 = 1.959963984540054
Z80 = 0.8416212335729143


@attrs.frozen
class Subject:
    """One person as an evaluation sees them: group, covariates and outcome times."""

    pid: str
    group: str  # "treated" | "control"
    covariates: dict[str, str]
    times: dict[str, tuple[float, bool] | None]  # outcome -> (weeks, happened); None: n/a


@attrs.frozen
class Estimate:
    outcome: str
    people: dict[str, int]  # per group
    events: dict[str, int]
    suppressed: bool
    hazard_ratio: tuple[float, float, float] | None  # (estimate, low, high)
    unadjusted: tuple[float, float, float] | None  # for an adjusted comparison
    p_value: float | None
    detectable: float | None  # smallest hazard ratio detectable with 80 % power
    shares: dict[str, dict[int, tuple[float, float, float] | None]]  # group -> weeks -> KM
    curves: dict[str, list[tuple[float, float]]]  # group -> (week, share with outcome)
    flags: tuple[Flag, ...]


@attrs.frozen
class Flag:
    """Something a reader must know about an estimate: ``id`` names the sentence (the
    report says it in the reader's language), ``values`` fill it in."""

    id: str  # few_events | no_overlap | not_converged | confounding | differ | differ_lottery
    values: dict[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class Comparison:
    kind: str  # "randomised" | "adjusted" (the report gives each its title and caveat)
    people: dict[str, int]
    adjusted_for: tuple[str, ...]
    imbalance: dict[str, float]  # covariate -> largest standardised difference
    estimates: tuple[Estimate, ...]


@attrs.frozen
class Evaluation:
    intervention: str
    people: int
    comparisons: tuple[Comparison, ...]
    notes: tuple[str, ...]  # "no_lottery": no randomised comparison could be made


def _band(value: int, bands: Sequence[tuple[int, str]]) -> str:
    label = bands[0][1]
    for low, name in bands:
        if value >= low:
            label = name
    return label


def _reached(history: History, level: Level) -> tuple[float, bool] | None:
    """Weeks to ``level`` in all four skills: None when the intake already had it."""
    profile = history.profile
    weeks = []
    for skill in SKILLS:
        if Level.parse(profile[f"intake_{skill}"]) >= level:
            weeks.append(0.0)
            continue
        passed = [
            e.week
            for e in history.of("exam")
            if e.passed and e.skill == skill and Level.parse(e.level) >= level
        ]
        if not passed:
            return (history.observed_weeks, False)
        weeks.append(min(passed))
    if max(weeks) == 0.0:
        return None
    return (max(weeks), True)


def subject(history: History, group: str) -> Subject:
    p = history.profile
    lowest = min(Level.parse(p[f"intake_{s}"]) for s in SKILLS)
    covariates = {
        "education": p["education"],
        "literacy": p["literacy"],
        "learnability": p["learnability"],
        "aim": p["aim"],
        "dutch_contact": p["dutch_contact"],
        "age_band": p["age_band"],
        "hours_band": _band(p["weekly_hours"], ((0, "under 12 h"), (12, "12-19 h"), (20, "20 h or more"))),
        "intake_band": "A0" if lowest == Level.A0 else ("A1" if lowest == Level.A1 else "A2 or more"),
    }  # fmt: skip
    jobs = history.of("job-started")
    job = (min(e.week for e in jobs), True) if jobs else (history.observed_weeks, False)
    return Subject(
        history.pid,
        group,
        covariates,
        {"job": job, "a2": _reached(history, Level.A2), "b1": _reached(history, Level.B1)},
    )


def evaluate(histories: Sequence[History], intervention: str) -> Evaluation:
    """Both comparisons (where the data allow them) for ``intervention``."""
    drawn: dict[str, str] = {}
    for h in histories:
        for e in h.of("lottery"):
            if e.name == intervention:
                drawn[h.pid] = e.value
    comparisons = []
    notes = []
    if drawn:
        people = [
            subject(h, "treated" if drawn[h.pid] == "drawn" else "control")
            for h in histories
            if h.pid in drawn
        ]
        comparisons.append(_compare("randomised", people, ()))
    else:
        notes.append("no_lottery")
    received = {h.pid for h in histories for e in h.of("intervention") if e.name == intervention}
    people = [
        subject(h, "treated" if h.pid in received else "control")
        for h in histories
        if h.pid not in drawn
    ]
    comparisons.append(_compare("adjusted", people, COVARIATES))
    return Evaluation(intervention, len(histories), tuple(comparisons), tuple(notes))


def _counts(people: Sequence[Subject]) -> dict[str, int]:
    return {g: sum(1 for p in people if p.group == g) for g in ("treated", "control")}


def _compare(kind: str, people: Sequence[Subject], covariates: tuple[str, ...]) -> Comparison:
    imbalance = _imbalance(people, COVARIATES)
    estimates = tuple(_estimate(people, outcome, covariates, imbalance) for outcome in OUTCOMES)
    return Comparison(kind, _counts(people), covariates, imbalance, estimates)


def _imbalance(people: Sequence[Subject], covariates: Sequence[str]) -> dict[str, float]:
    """Per covariate the largest standardised difference in the share of a category."""
    out = {}
    treated = [p for p in people if p.group == "treated"]
    control = [p for p in people if p.group == "control"]
    if not treated or not control:
        return {}
    for name in covariates:
        worst = 0.0
        for value in sorted({p.covariates[name] for p in people}):
            a = sum(p.covariates[name] == value for p in treated) / len(treated)
            b = sum(p.covariates[name] == value for p in control) / len(control)
            spread = math.sqrt((a * (1 - a) + b * (1 - b)) / 2)
            if spread > 0:
                worst = max(worst, abs(a - b) / spread)
        out[name] = round(worst, 3)
    return out


def _overlap(people: Sequence[Subject], imbalance: dict[str, float]) -> tuple[float, list[str]]:
    """The share of treated people with at least one control alike in every field the groups
    differ in strongly (positivity: without such people no adjustment can compare)."""
    fields = sorted(k for k, v in imbalance.items() if v > STRONG)
    if not fields:
        return 1.0, []
    controls = {tuple(p.covariates[f] for f in fields) for p in people if p.group == "control"}
    treated = [tuple(p.covariates[f] for f in fields) for p in people if p.group == "treated"]
    if not treated:
        return 1.0, fields
    return sum(key in controls for key in treated) / len(treated), fields


def _design(people: Sequence[Subject], covariates: Sequence[str]):
    """The treatment column and dummy columns of the covariates (reference: the most common
    category), leaving out columns that do not vary."""
    import numpy as np

    columns = [[1.0 if p.group == "treated" else 0.0 for p in people]]
    names = ["treated"]
    for name in covariates:
        values = [p.covariates[name] for p in people]
        levels = sorted(set(values), key=lambda v: (-values.count(v), v))
        for level in levels[1:]:
            column = [1.0 if v == level else 0.0 for v in values]
            if 0 < sum(column) < len(column):
                columns.append(column)
                names.append(f"{name}={level}")
    return np.array(columns).T, names


def _cox(times, events, exog):
    """Hazard ratio of the first column with its 95 % interval and p-value (statsmodels)."""
    import numpy as np
    from statsmodels.duration.hazard_regression import PHReg

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a failed fit is reported below, not as a warning
        result = PHReg(times, exog, status=events, ties="efron").fit(disp=0)
        beta, se = float(result.params[0]), float(result.bse[0])
        p_raw = result.pvalues[0]
    converged = getattr(result, "mle_retvals", {}).get("converged", True)
    if not converged or not (math.isfinite(beta) and math.isfinite(se)) or se <= 0:
        return None, None
    ratio = (math.exp(beta), math.exp(beta - Z95 * se), math.exp(beta + Z95 * se))
    p_value = float(p_raw) if np.isfinite(p_raw) else None
    return tuple(round(x, 3) for x in ratio), p_value


def _km(times, events):
    """Kaplan-Meier: the share with the outcome by each horizon (with a 95 % interval), and
    the curve as steps."""
    from statsmodels.duration.survfunc import SurvfuncRight

    fit = SurvfuncRight(times, events)
    grid, surv, se = fit.surv_times, fit.surv_prob, fit.surv_prob_se
    shares = {}
    for h in HORIZONS:
        if max(times) < h:
            shares[h] = None  # nobody followed that long
            continue
        index = [i for i, t in enumerate(grid) if t <= h]
        s, e = (float(surv[index[-1]]), float(se[index[-1]])) if index else (1.0, 0.0)
        shares[h] = (
            round(1 - s, 3),
            round(max(0.0, 1 - s - Z95 * e), 3),
            round(min(1.0, 1 - s + Z95 * e), 3),
        )
    curve = [(0.0, 0.0)] + [
        (round(float(t), 2), round(1 - float(p), 4)) for t, p in zip(grid, surv, strict=True)
    ]
    return shares, curve


def _estimate(
    people: Sequence[Subject], outcome: str, covariates: Sequence[str], imbalance: dict[str, float]
) -> Estimate:
    import numpy as np

    rows = [p for p in people if p.times[outcome] is not None and p.times[outcome][0] > 0]
    counts = _counts(rows)
    events = {g: sum(1 for p in rows if p.group == g and p.times[outcome][1]) for g in counts}
    if min(counts.values()) < MIN_CELL:
        return Estimate(outcome, counts, events, True, None, None, None, None, {}, {}, ())
    times = np.array([p.times[outcome][0] for p in rows])
    happened = np.array([1.0 if p.times[outcome][1] else 0.0 for p in rows])
    shares, curves = {}, {}
    for group in ("treated", "control"):
        mask = np.array([p.group == group for p in rows])
        shares[group], curves[group] = _km(times[mask], happened[mask])
    flags: list[Flag] = []
    ratio = unadjusted = p_value = None
    if sum(events.values()) >= 2 and min(events.values()) >= 1:
        plain, plain_p = _cox(times, happened, _design(rows, ())[0])
        if covariates:
            design, _ = _design(rows, covariates)
            ratio, p_value = _cox(times, happened, design)
            unadjusted = plain
            overlap, fields = _overlap(rows, imbalance)
            if ratio is not None and overlap < MIN_OVERLAP:
                ratio = p_value = None
                flags.append(Flag("no_overlap", {"share": overlap, "fields": fields}))
            elif ratio is None:
                flags.append(Flag("not_converged"))
            elif plain and max(ratio[0], plain[0]) / min(ratio[0], plain[0]) > GAP:
                flags.append(Flag("confounding", {"unadjusted": plain[0], "adjusted": ratio[0]}))
        else:
            ratio, p_value = plain, plain_p
    else:
        flags.append(Flag("few_events"))
    # In a randomised comparison groups differ by chance: only a difference beyond what
    # chance usually gives (three standard errors of a difference in shares) is named.
    limit = IMBALANCE
    if not covariates:
        limit = max(IMBALANCE, 3 * math.sqrt(1 / counts["treated"] + 1 / counts["control"]))
    differ = sorted(k for k, v in imbalance.items() if v > limit)
    if differ:
        flags.append(Flag("differ" if covariates else "differ_lottery", {"fields": differ}))
    total = sum(events.values())
    share = counts["treated"] / sum(counts.values())
    detectable = None
    if total > 0 and 0 < share < 1:
        detectable = round(math.exp((Z95 + Z80) / math.sqrt(total * share * (1 - share))), 3)
    return Estimate(
        outcome, counts, events, False, ratio, unadjusted, p_value, detectable, shares, curves,
        tuple(flags),
    )  # fmt: skip


def events_needed(ratio: float, share: float = 0.5) -> int:
    """Events needed to detect ``ratio`` with 80 % power at 5 % (Schoenfeld)."""
    return math.ceil((Z95 + Z80) ** 2 / (share * (1 - share) * math.log(ratio) ** 2))


def to_dict(evaluation: Evaluation) -> dict[str, Any]:
    """The ``padplanner.evaluation/1`` document (JSON-ready)."""

    def estimate(e: Estimate) -> dict[str, Any]:
        data = attrs.asdict(e, recurse=False)
        data["people"] = {g: (n if n >= MIN_CELL else "<10") for g, n in e.people.items()}
        data["events"] = {g: ("<10" if e.people[g] < MIN_CELL else n) for g, n in e.events.items()}
        data["shares"] = {g: {str(h): v for h, v in s.items()} for g, s in e.shares.items()}
        data["flags"] = [{"id": f.id, "values": dict(f.values)} for f in e.flags]
        return data

    return {
        "schema": "padplanner.evaluation/1",
        "intervention": evaluation.intervention,
        "people": evaluation.people,
        "notes": list(evaluation.notes),
        "comparisons": [
            {
                "kind": c.kind,
                "people": {g: (n if n >= MIN_CELL else "<10") for g, n in c.people.items()},
                "adjusted_for": list(c.adjusted_for),
                "imbalance": c.imbalance,
                "estimates": [estimate(e) for e in c.estimates],
            }
            for c in evaluation.comparisons
        ],
        "events_needed": {str(r): events_needed(r) for r in (1.2, 1.3, 1.5)},
    }
