"""Work outcomes per policy: a job within 1, 2, 3 and 5 years of the term start, out of
welfare, and the cost per extra person in work, as bands from explicit assumptions.

Per person the yearly chance of a first job is the baseline of their learner profile × the
factor of their aim (``effects.py``), turned into a constant hazard; each intervention the
person gets multiplies it by its hazard ratio: intensive mediation when the policy gives it
(the capacity pass found a coach), a dual trajectory and values conversations when their
plan holds them. The chance of a job within ``t`` years is then ``1 - exp(-hazard × t)``;
out of welfare is that × retention × welfare exit. The cohort's share is the mean over its
people.

**Bands, not points.** Every assumption is drawn ``DRAWS`` times (seeded): a figure with a
point from a triangular distribution on its band, an unknown one log-uniformly over its
band. The same draws serve every policy, so differences between policies are paired. The
report shows the median and the 2.5-97.5 % band of the draws. The bands are about the
assumptions, not about chance in a cohort of this size (which is small next to them).

**Cost per extra person in work** compares each policy with the same people without
intensive mediation: the mediation money spent divided by the extra people with a job within
3 years (per draw; a draw without extra people counts as infinitely expensive).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from padplanner.catalog import Catalog
from padplanner.cohort.allocation import Placement
from padplanner.cohort.effects import INTERVENTIONS, Band, Effects
from padplanner.cohort.outline import Outline
from padplanner.i18n import N_
from padplanner.i18n.messages import Texts
from padplanner.model import ClientView
from padplanner.model.profiles import hours_profile

HORIZONS = (1, 2, 3, 5)
DRAWS = 2000
SEED = 20180301
COST_HORIZON = 3  # years: the cost per extra person in work counts jobs within 3 years


@attrs.frozen
class Outcomes:
    people: int
    mediated: int
    job_within: dict[int, tuple[float, float, float]]  # years -> (low, median, high) share
    out_of_welfare: dict[int, tuple[float, float, float]]  # at 3 and 5 years
    extra_in_work: tuple[float, float, float]  # people with a job within 3 years, vs none
    mediation_eur: int
    cost_per_extra: tuple[float, float, float] | None  # euros; None without mediation
    unknown: tuple[str, ...]  # effects this column relies on that nobody measured

    def to_dict(self) -> dict[str, Any]:
        return {
            "people": self.people,
            "mediated": self.mediated,
            "job_within": {str(k): list(v) for k, v in self.job_within.items()},
            "out_of_welfare": {str(k): list(v) for k, v in self.out_of_welfare.items()},
            "extra_in_work": list(self.extra_in_work),
            "mediation_eur": self.mediation_eur,
            "cost_per_extra": None if self.cost_per_extra is None else list(self.cost_per_extra),
            "unknown": list(self.unknown),
        }


def interventions(outline: Outline, catalog: Catalog) -> set[str]:
    """The interventions a plan holds: a dual trajectory (an activity that brings
    ``practice:``) and values conversations (one that brings ``values``)."""
    found = set()
    for step in outline.steps:
        module = catalog.modules.get(step.module)
        grants = {str(g) for g in module.grants} if module else set()
        if any(g.startswith("practice:") for g in grants):
            found.add("dual")
        if "values" in grants:
            found.add("values")
    return found


def _draw(band: Band, size: int, rng):
    import numpy as np

    if band.high <= band.low:
        return np.full(size, band.low)
    if band.unknown:
        return np.exp(rng.uniform(math.log(band.low), math.log(band.high), size))
    return rng.triangular(band.low, band.point, band.high, size)


def _bands(values, digits: int = 4) -> tuple[float, float, float]:
    import numpy as np

    low, mid, high = np.percentile(values, [2.5, 50, 97.5], method="nearest")
    return (round(float(low), digits), round(float(mid), digits), round(float(high), digits))


def outcomes(
    views: Sequence[ClientView],
    outlines: Sequence[Outline],
    placements: Sequence[Placement] | None,
    catalog: Catalog,
    effects: Effects,
    *,
    draws: int = DRAWS,
    seed: int = SEED,
) -> Outcomes:
    """The outcome bands of one column (``placements`` None: nobody mediated)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    base = {k: _draw(b, draws, rng) for k, b in sorted(effects.baseline.items())}
    aims = {k: _draw(b, draws, rng) for k, b in sorted(effects.aim.items())}
    ratio = {k: _draw(b, draws, rng) for k, b in sorted(effects.effect.items())}
    keep = _draw(effects.retention, draws, rng)
    leave = _draw(effects.welfare_exit, draws, rng)
    mediated_ids = {
        p.id for p in placements or () if p.intensive and p.mediation is not None and p.served
    }
    by_id: Mapping[str, Outline] = {o.id: o for o in outlines}
    cells: dict[tuple[str, str, frozenset[str]], int] = {}
    for view in views:
        got = interventions(by_id[view.id], catalog)
        if view.id in mediated_ids:
            got.add("mediation")
        profile = hours_profile(view.education, view.literacy, view.learnability, view.aim)
        key = (profile, view.aim, frozenset(got))
        cells[key] = cells.get(key, 0) + 1
    people = len(views)
    job = {t: np.zeros(draws) for t in HORIZONS}
    without = np.zeros(draws)
    for (profile, aim, got), count in sorted(cells.items(), key=lambda c: str(c[0])):
        chance = np.clip(base[profile] * aims[aim], 0.0, 0.999)
        hazard = -np.log1p(-chance)
        boosted = hazard.copy()
        for name in got:
            boosted = boosted * ratio[name]
        for t in HORIZONS:
            job[t] += count * (1 - np.exp(-boosted * t))
        plain = hazard
        for name in got - {"mediation"}:
            plain = plain * ratio[name]
        without += count * (1 - np.exp(-plain * COST_HORIZON))
    shares = {t: job[t] / max(1, people) for t in HORIZONS}
    extra = job[COST_HORIZON] - without
    money = sum(p.mediation_eur for p in placements or () if p.id in mediated_ids)
    cost = None
    if mediated_ids:
        per_extra = np.where(extra > 1e-9, money / np.maximum(extra, 1e-9), np.inf)
        cost = _bands(per_extra, 0)
    used = {"mediation"} if mediated_ids else set()
    for _, _, got in cells:
        used |= got
    return Outcomes(
        people=people,
        mediated=len(mediated_ids),
        job_within={t: _bands(shares[t]) for t in HORIZONS},
        out_of_welfare={t: _bands(shares[t] * keep * leave) for t in (3, 5)},
        extra_in_work=_bands(extra, 1),
        mediation_eur=int(money),
        cost_per_extra=cost,
        unknown=tuple(n for n in INTERVENTIONS if n in used and effects.effect[n].unknown),
    )


# -- rendering (read only the document, through the language's texts) ---------------------
INTERVENTION_NAMES = {
    "mediation": N_("cohort.intervention.mediation"),
    "dual": N_("cohort.intervention.dual"),
    "values": N_("cohort.intervention.values"),
}


def _band(t: Texts, band: Sequence[float], show) -> str:
    low, mid, high = band
    return t("cohort.outcome.band", mid=show(mid), low=show(low), high=show(high))


def _eur(t: Texts, value: float) -> str:
    return t("cohort.outcome.no_extra") if math.isinf(value) else t.money(value)


def rows(t: Texts, columns: Sequence[Mapping[str, Any]]) -> list[list[str]]:
    """The side-by-side outcome table: a header, then one row per figure."""
    table = [["", *[c["name"] for c in columns]]]
    found = [c["outcomes"] for c in columns]

    def pct(value: float) -> str:
        return t.percent(value)

    for years in HORIZONS:
        label = t("cohort.outcome.job.one") if years == 1 else t("cohort.outcome.job", years=years)
        table.append([label, *[_band(t, o["job_within"][str(years)], pct) for o in found]])
    for years in (3, 5):
        table.append(
            [
                t("cohort.outcome.welfare", years=years),
                *[_band(t, o["out_of_welfare"][str(years)], pct) for o in found],
            ]
        )
    table.append([t("cohort.outcome.mediated"), *[t.number(o["mediated"]) for o in found]])
    table.append(
        [
            t("cohort.outcome.extra"),
            *[_band(t, o["extra_in_work"], lambda v: t.number(round(v))) for o in found],
        ]
    )
    table.append([t("cohort.outcome.spent"), *[t.money(o["mediation_eur"]) for o in found]])
    table.append(
        [
            t("cohort.outcome.cost"),
            *[
                "-" if o["cost_per_extra"] is None
                else _band(t, o["cost_per_extra"], lambda v: _eur(t, v))
                for o in found
            ],
        ]
    )  # fmt: skip
    return table


def assumption_rows(t: Texts, effects: Mapping[str, Any]) -> list[list[str]]:
    """Every assumption with its band and source ("unknown" where nobody measured it)."""

    def shown(band: Mapping[str, Any]) -> str:
        low, high = t.decimal(band["low"], 2), t.decimal(band["high"], 2)
        if band["unknown"]:
            return t("cohort.outcome.unknown_band", low=low, high=high)
        return t("cohort.outcome.band", mid=t.decimal(band["point"], 2), low=low, high=high)

    out = [
        [
            t("cohort.outcome.col.assumption"),
            t("cohort.outcome.col.value"),
            t("cohort.outcome.col.source"),
        ]
    ]
    for key, band in effects["baseline"].items():
        out.append([t("cohort.outcome.baseline", profile=key), shown(band), band["source"]])
    for key, band in effects["aim"].items():
        out.append([t("cohort.outcome.aim", aim=key), shown(band), band["source"]])
    for key, name in (
        ("retention", N_("cohort.outcome.retention")),
        ("welfare_exit", N_("cohort.outcome.exit")),
    ):
        out.append([t(name), shown(effects[key]), effects[key]["source"]])
    for key, band in effects["effect"].items():
        what = t(INTERVENTION_NAMES[key])
        out.append([t("cohort.outcome.effect", name=what), shown(band), band["source"]])
    return out


def unknown_note(t: Texts, doc: Mapping[str, Any], columns) -> str:
    """Which unknown assumptions the outcomes of ``columns`` rest on (empty when none)."""
    names = sorted({name for c in columns for name in c["outcomes"]["unknown"]})
    if not names:
        return ""
    return t(
        "cohort.outcome.unknown",
        names=", ".join(t(INTERVENTION_NAMES[n]) for n in names),
        file=doc["effects"]["file"],
    )


def outcome_lines(t: Texts, doc: Mapping[str, Any]) -> list[str]:
    """The outcome table as text, and the unknown assumptions it rests on."""
    columns = [c for c in doc["columns"] if "outcomes" in c]
    if not columns:
        return []
    table = rows(t, columns)
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = [t("cohort.outcome.title")]
    for row in table:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    unknown = unknown_note(t, doc, columns)
    if unknown:
        lines.append(unknown)
    lines.append("")
    return lines


def outcome_html(t: Texts, doc: Mapping[str, Any], table, heading) -> list[str]:
    """The outcome section of the HTML report: the table and every assumption's source."""
    from html import escape

    columns = [c for c in doc["columns"] if "outcomes" in c]
    if not columns:
        return []
    found = rows(t, columns)
    assumptions = assumption_rows(t, doc["effects"])
    note = t("cohort.outcome.note")
    body = [
        heading(t("cohort.outcome.title")),
        f'<p class="note">{escape(note)}</p>',
        table(found[0], found[1:]),
    ]
    unknown = unknown_note(t, doc, columns)
    if unknown:
        body.append(f'<p class="note">{escape(unknown)}</p>')
    body += [heading(t("cohort.outcome.assumptions")), table(assumptions[0], assumptions[1:])]
    return body
