"""Synthetic research histories with known truths (imported by name: pytest puts this folder
on the path)."""

from __future__ import annotations

import math
import random

from padplanner.store.histories import Happening, History

PROFILE_FIELDS = {
    # learner profile -> the intake fields that make it (hours_profile)
    "not-literate": dict(education="none", literacy="none", learnability="average", aim="work"),
    "fast-track": dict(education="higher", literacy="latin", learnability="high", aim="study"),
    "none": dict(education="none", literacy="latin", learnability="average", aim="work"),
    "primary": dict(education="primary", literacy="latin", learnability="average", aim="work"),
    "secondary": dict(education="secondary", literacy="latin", learnability="average", aim="work"),
    "vocational": dict(
        education="vocational", literacy="latin", learnability="average", aim="work"
    ),
    "higher": dict(education="higher", literacy="latin", learnability="average", aim="work"),
}
SKILLS = ("reading", "listening", "writing", "speaking")
LEARN = {"low": 1.3, "average": 1.0, "high": 0.8}  # the catalogue's hours_factor_learnability


def profile(kind: str, **extra) -> dict:
    return {
        "age_band": "28-34",
        "municipality": "GM0034",
        "term_start_year": 2024,
        "dutch_contact": "some",
        "weekly_hours": 16,
        **{f"intake_{s}": "A1" for s in SKILLS},
        **PROFILE_FIELDS[kind],
        **extra,
    }


def learners(
    truth: dict[str, float],
    people: dict[str, int],
    rng: random.Random,
    *,
    sigma: float = 0.3,
    reference: float = 240.0,
    weekly: float = 12.0,
    observed: tuple[float, float] = (10.0, 120.0),
) -> list[History]:
    """People taking nt2-a1-a2 (240 reference hours) from week 0 at ``weekly`` hours, needing
    ``reference × truth[profile] × the learnability factor × exp(N(0, sigma))`` hours; each is observed for a uniform
    number of weeks in ``observed``: who has not finished by then is still learning."""
    out = []
    for kind, count in people.items():
        for i in range(count):
            need = reference * truth[kind] * LEARN[PROFILE_FIELDS[kind]["learnability"]]
            need *= math.exp(rng.gauss(0.0, sigma))
            seen = rng.uniform(*observed)
            done = need / weekly
            events = []
            week = 0.0
            while week < min(done, seen):
                step = min(4.0, min(done, seen) - week)
                events.append(Happening(week + step, "hours", module="nt2-a1-a2",
                                        hours=round(weekly * step, 3)))  # fmt: skip
                week += step
            if done <= seen:
                events += [Happening(done, "exam", skill=s, level="A2") for s in SKILLS]
            out.append(History(f"{kind}-{i}", profile(kind), seen, tuple(events)))
    return out


def trial(
    n: int,
    ratio: float,
    rng: random.Random,
    *,
    confounded: bool = False,
    yearly: float = 0.25,
    follow: tuple[float, float] = (26.0, 208.0),
    intervention: str = "mediation",
) -> list[History]:
    """``n`` people, half given ``intervention`` and time to a first job exponential with
    ``yearly`` chance a year × ``ratio`` when treated. Randomised: a lottery decides (its
    draws are in the histories). ``confounded``: no lottery; people with higher education get
    the intervention far more often and find work twice as fast anyway (a planted
    confounder on a permitted field)."""
    out = []
    base = -math.log(1 - yearly) / 52
    for i in range(n):
        education = rng.choice(("primary", "secondary", "higher"))
        if confounded:
            treated = rng.random() < (0.8 if education == "higher" else 0.2)
        else:
            treated = rng.random() < 0.5
        hazard = base * (2.0 if confounded and education == "higher" else 1.0)
        hazard *= ratio if treated else 1.0
        seen = rng.uniform(*follow)
        job = rng.expovariate(hazard)
        events = []
        if not confounded:
            events.append(Happening(1.0, "lottery", name=intervention,
                                    value="drawn" if treated else "not-drawn"))  # fmt: skip
        if treated:
            events.append(Happening(2.0, "intervention", name=intervention))
        if job <= seen:
            events.append(Happening(round(job, 3), "job-started", value="care"))
        kind = "higher" if education == "higher" else education
        out.append(
            History(f"t{i}", profile(kind), seen, tuple(sorted(events, key=lambda e: e.week)))
        )
    return out
