"""Hours per level step per learner profile, learned from the municipality's own data.

**Data.** From each person's pseudonymised history: the language courses they started first
(their first language hours, and any course whose hours began within 4 weeks of that), the
hours attended in each, and whether the exams of the level it brings were passed. A course
finished counts the hours up to the last of those exams; a course still under way counts as
*censored*: the person needed at least the hours so far, not "failed". Only the first
courses are used: later steps are seen only for the people quick enough to get there, and
since a person's speed runs through all their courses that would make later steps look
quicker than they are.

**Model.** The log of the hours a course took is normal around the hours the law's rule
plans for the course per unit of the profile factor (asked of ``padplanner_module_hours`` for
a person of that profile: the reference hours × the learnability and Dutch-contact factors;
``padplanner.engine.asked.ProfileHours``) × a factor per learner profile, with one spread (a
censored log-normal regression, fitted by maximum likelihood with statsmodels; standard
errors robust to several courses of one person, and never below the model's own).

**Shrinkage.** The profile factors are then pulled toward the catalogue's reference factors
by a *hierarchical* normal model (the eight-schools model of Gelman et al., *Bayesian Data
Analysis*, ch. 5): each profile's true log factor lies around its reference with a spread
``tau`` learned from how far all profiles are from theirs; ``tau`` is integrated over a grid
(uniform prior on 0..2) rather than fixed at one estimate, so that a municipality whose
data agree with the reference figures still gets honest, not zero-width, intervals. A
profile with many people keeps its own figure; one with few stays near the reference.
Figures are posterior medians with 95 % intervals; ``weight`` says how much the data count
against the reference.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

import attrs

from padplanner.catalog import Catalog
from padplanner.catalog.calibration import SCHEMA
from padplanner.engine.asked import ProfileHours
from padplanner.model.levels import SKILLS, Level
from padplanner.model.profiles import PROFILES, hours_profile, reference_factor
from padplanner.store.histories import History

MIN_COMPLETED = 3  # fewer people who finished a step: no figure of its own for the profile
TAU_MAX = 2.0
GRID = 201
START_WINDOW_WEEKS = 4.0


@attrs.frozen
class Observation:
    pid: str
    profile: str
    module: str
    hours: float
    completed: bool
    offset: float  # log of the reference hours × the person's learnability and contact factors


@attrs.frozen
class Figure:
    """The calibrated factor of one learner profile (× the reference hours)."""

    profile: str
    factor: float
    low: float
    high: float
    reference: float
    n: int  # people
    completed: int  # of them, how many finished the step (the rest are censored)
    weight: float  # 0: the reference only, 1: the data only
    estimate: float | None  # the data alone (maximum likelihood), before shrinkage

    @property
    def uses_data(self) -> bool:
        return self.estimate is not None


@attrs.frozen
class Calibration:
    made: date
    municipality: str
    people: int
    figures: tuple[Figure, ...]
    sigma: float  # spread of the log hours of one person around their profile's figure
    tau: float  # posterior median spread of the profiles around their references
    reference_hours_per_step: float

    def figure(self, profile: str) -> Figure:
        return next(f for f in self.figures if f.profile == profile)


def _param(catalog: Catalog, at: date) -> Callable[[str], Any]:
    return lambda name: catalog.param(name, at)


def observations(
    histories: Sequence[History], catalog: Catalog, at: date, unit_hours: ProfileHours
) -> list[Observation]:
    """The first language courses of every person, finished or censored (module docs).
    ``unit_hours`` is the law's hours rule per unit of the profile factor."""
    modules = {m.id: m for m in catalog.modules.values() if m.scaling == "profile"}
    out = []
    for history in histories:
        p = history.profile
        language = [e for e in history.events if e.kind == "hours" and e.module in modules]
        if not language:
            continue
        first: dict[str, float] = {}
        for event in language:
            first.setdefault(event.module, event.week)
        opened = min(first.values())
        profile = hours_profile(p["education"], p["literacy"], p["learnability"], p["aim"])
        passes: dict[str, list[tuple[float, Level]]] = {}
        for event in history.of("exam"):
            if event.passed:
                passes.setdefault(event.skill, []).append((event.week, Level.parse(event.level)))
        for module_id, began in sorted(first.items()):
            if began > opened + START_WINDOW_WEEKS:
                continue
            module = modules[module_id]
            done = _finished(module.grants, passes, began)
            hours = sum(
                e.hours
                for e in language
                if e.module == module_id and (done is None or e.week <= done)
            )
            if hours <= 0:
                continue
            unit = unit_hours(p, module, at)
            if unit is None:
                continue  # no profile factor scales this module here
            offset = math.log(unit)
            out.append(
                Observation(history.pid, profile, module_id, hours, done is not None, offset)
            )
    return out


def _finished(
    grants, passes: Mapping[str, list[tuple[float, Level]]], began: float
) -> float | None:
    """The week the last exam a module brings was passed, or None while one is missing."""
    weeks = []
    for grant in grants:
        if grant.level is None or grant.name not in SKILLS:
            return None  # a flag or another scale (no exam): not a language level step
        need = Level.parse(grant.level)
        found = [w for w, level in passes.get(grant.name, []) if level >= need and w >= began]
        if not found:
            return None
        weeks.append(min(found))
    return max(weeks) if weeks else None


def calibrate(
    histories: Sequence[History], planner: Any, at: date, municipality: str = ""
) -> Calibration:
    """Fit and shrink the profile factors (module docs): the catalogue and the rules of
    ``municipality`` (``planner``) as of ``at``."""
    catalog = planner.catalog(municipality)
    obs = observations(histories, catalog, at, ProfileHours(planner, municipality))
    param = _param(catalog, at)
    reference = {key: reference_factor(param, key) for key in PROFILES}
    people: dict[str, set[str]] = {k: set() for k in PROFILES}
    finished: dict[str, set[str]] = {k: set() for k in PROFILES}
    for o in obs:
        people[o.profile].add(o.pid)
        if o.completed:
            finished[o.profile].add(o.pid)
    usable = [k for k in PROFILES if len(finished[k]) >= MIN_COMPLETED]
    estimates, errors, sigma = _fit([o for o in obs if o.profile in usable], usable)
    shrunk, tau = _shrink(
        {k: estimates[k] - math.log(reference[k]) for k in usable}, errors, PROFILES
    )
    figures = []
    for key in PROFILES:
        centre, low, high, weight = shrunk[key]
        log_ref = math.log(reference[key])
        figures.append(
            Figure(
                key,
                round(math.exp(log_ref + centre), 3),
                round(math.exp(log_ref + low), 3),
                round(math.exp(log_ref + high), 3),
                reference[key],
                len(people[key]),
                len(finished[key]),
                round(weight, 3),
                round(math.exp(estimates[key]), 3) if key in estimates else None,
            )
        )
    step = catalog.modules["nt2-a1-a2"].hours if "nt2-a1-a2" in catalog.modules else 240.0
    return Calibration(
        at,
        municipality,
        len({o.pid for o in obs}),
        tuple(figures),
        round(sigma, 4),
        round(tau, 4),
        step,
    )


def _fit(obs: Sequence[Observation], keys: Sequence[str]):
    """Censored log-normal regression: per profile the log factor and its standard error
    (robust to clustering by person), and the spread ``sigma`` of the log hours."""
    import numpy as np
    from scipy import stats
    from statsmodels.base.model import GenericLikelihoodModel

    if not obs:
        return {}, {}, 0.0
    index = {k: i for i, k in enumerate(keys)}
    exog = np.zeros((len(obs), len(keys)))
    for row, o in enumerate(obs):
        exog[row, index[o.profile]] = 1.0
    endog = np.array([math.log(o.hours) - o.offset for o in obs])
    censored = np.array([not o.completed for o in obs])
    groups = np.unique([o.pid for o in obs], return_inverse=True)[1]

    class CensoredLogNormal(GenericLikelihoodModel):
        def loglikeobs(self, params):
            beta, log_sigma = params[:-1], params[-1]
            z = (self.endog - self.exog @ beta) / np.exp(log_sigma)
            return np.where(censored, stats.norm.logsf(z), stats.norm.logpdf(z) - log_sigma)

    start = [float(endog[(exog[:, i] > 0) & ~censored].mean()) for i in range(len(keys))]
    spread = float(np.std(endog[~censored])) or 0.3
    model = CensoredLogNormal(endog, exog, extra_params_names=["log_sigma"])
    result = model.fit(
        start_params=np.array([*start, math.log(spread)]),
        method="bfgs",
        maxiter=500,
        disp=0,
        cov_type="cluster",
        cov_kwds={"groups": groups},
    )
    params = result.params
    # The sandwich is robust to several courses of one person but unreliable with a handful
    # of people in a profile (it then underestimates); the model's own errors are right for
    # one course a person. Take the larger of the two.
    plain = np.sqrt(np.abs(np.diag(np.linalg.inv(-model.hessian(params)))))
    errors = np.maximum(result.bse, plain)
    estimates = {k: float(params[i]) for k, i in index.items()}
    ses = {k: float(errors[i]) for k, i in index.items()}
    return estimates, ses, float(math.exp(params[-1]))


def _shrink(
    gaps: Mapping[str, float], errors: Mapping[str, float], keys: Sequence[str]
) -> tuple[dict[str, tuple[float, float, float, float]], float]:
    """The normal-normal hierarchical model over the profiles' log gaps to the reference.

    Returns per profile (posterior median, 2.5 % and 97.5 % quantile, weight of the data),
    as log gaps, and the posterior median of ``tau``. A profile without a gap of its own
    (too few data) gets the prior around its reference.
    """
    import numpy as np
    from scipy import stats

    taus = np.linspace(0.0, TAU_MAX, GRID)[1:]  # tau = 0 exactly would make a point mass
    d = np.array([gaps[k] for k in gaps])
    s = np.array([errors[k] for k in gaps])
    if len(d):
        total = taus[:, None] ** 2 + s[None, :] ** 2
        marginal = -0.5 * (np.log(total) + d[None, :] ** 2 / total).sum(axis=1)
    else:
        marginal = np.zeros_like(taus)
    weights = np.exp(marginal - marginal.max())
    weights /= weights.sum()
    tau = float(taus[np.searchsorted(np.cumsum(weights), 0.5)])
    grid = np.linspace(-4.0, 4.0, 4001)
    out: dict[str, tuple[float, float, float, float]] = {}
    for key in keys:
        if key in gaps:
            shrink = taus**2 / (taus**2 + errors[key] ** 2)
            means = shrink * gaps[key]
            sds = np.sqrt(shrink) * errors[key]
        else:
            shrink = np.zeros_like(taus)
            means, sds = np.zeros_like(taus), taus
        cdf = (
            weights[:, None] * stats.norm.cdf((grid[None, :] - means[:, None]) / sds[:, None])
        ).sum(axis=0)
        low, mid, high = (float(np.interp(q, cdf, grid)) for q in (0.025, 0.5, 0.975))
        out[key] = (mid, low, high, float((weights * shrink).sum()))
    return out, tau


def to_toml(calibration: Calibration, source: str, applies_from: date | None = None) -> str:
    """The ``padplanner.calibration/1`` file: only profiles with figures of their own."""
    c = calibration
    sigma = c.sigma or 0.3
    z = 1.2815515655446004  # the 90th percentile of the standard normal
    lines = [
        "# Hours per level step per learner profile, calibrated on this municipality's own",
        "# recorded hours and exams (padplanner calibrate). Put this file among the",
        "# municipality plugin's catalogue files (or name it in PADPLANNER_CALIBRATION) to",
        "# plan with it from applies_from; see docs/evidence.md.",
        f'schema = "{SCHEMA}"',
        f"made = {c.made.isoformat()}",
        f"applies_from = {(applies_from or c.made).isoformat()}",
        f'municipality = "{c.municipality}"',
        f"source = {_quote(source)}",
        'method = "censored log-normal regression per learner profile (statsmodels), shrunk '
        "toward the catalogue's reference factors by a normal-normal hierarchical model "
        '(tau integrated over a grid)"',
        f"reference_hours_per_step = {c.reference_hours_per_step:g}",
        "",
        "[spread]  # a person's hours around the profile's figure: 10th and 90th percentile",
        f"low = {math.exp(-z * sigma):.3f}",
        f"high = {math.exp(z * sigma):.3f}",
        f"sigma = {sigma:.4f}",
    ]
    for f in c.figures:
        if not f.uses_data:
            continue
        lines += [
            "",
            f'[profile."{f.profile}"]',
            f"factor = {f.factor:g}",
            f"low = {f.low:g}",
            f"high = {f.high:g}",
            f"reference = {f.reference:g}",
            f"n = {f.n}",
            f"completed = {f.completed}",
            f"weight = {f.weight:g}",
            f"hours_per_step = {round(f.factor * c.reference_hours_per_step)}",
        ]
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
