"""padplanner evaluate: effect estimates that say how far they can be trusted."""

from __future__ import annotations

import json
import random

from evidencehelp import trial

from padplanner.evidence.evaluate import MIN_CELL, evaluate, events_needed, to_dict
from padplanner.evidence.report import render_html, render_text


def _job(evaluation, kind: str):
    comparison = next(c for c in evaluation.comparisons if c.kind == kind)
    return comparison, next(e for e in comparison.estimates if e.outcome == "job")


def test_the_randomised_estimate_covers_the_truth_about_95_percent_of_the_time():
    """Over seeded lotteries with a known effect and people still looking for work
    (censored), the true hazard ratio lies inside the 95 % interval about 95 % of the time."""
    inside = 0
    runs = 40
    for seed in range(runs):
        _, job = _job(evaluate(trial(400, 1.5, random.Random(seed)), "mediation"), "randomised")
        low, high = job.hazard_ratio[1], job.hazard_ratio[2]
        inside += low <= 1.5 <= high
        assert 0 < job.events["treated"] < job.people["treated"]  # some still censored
    assert 0.87 <= inside / runs <= 1.0, inside / runs


def test_a_planted_confounder_is_flagged_and_adjusted_for():
    """No effect at all, but the better educated get the intervention more often and find
    work sooner anyway: the comparison says it is not randomised, names the field the groups
    differ in and the gap between the unadjusted and adjusted estimates."""
    evaluation = evaluate(trial(1200, 1.0, random.Random(11), confounded=True), "mediation")
    assert [c.kind for c in evaluation.comparisons] == ["adjusted"]
    assert evaluation.notes == ("no_lottery",)
    comparison, job = _job(evaluation, "adjusted")
    assert comparison.imbalance["education"] > 0.5
    assert job.unadjusted[1] > 1.0  # the naive comparison "finds" an effect
    assert job.hazard_ratio[1] <= 1.0 <= job.hazard_ratio[2]  # adjusted: consistent with none
    flags = {f.id: f.values for f in job.flags}
    assert "confounding" in flags and "education" in flags["differ"]["fields"]
    text = render_text(to_dict(evaluation), "en")
    assert "Not randomised" in text and "confounding: the unadjusted hazard ratio" in text
    assert "Niet gerandomiseerd" in render_text(to_dict(evaluation), "nl")


def test_small_groups_are_suppressed():
    histories = trial(2 * MIN_CELL - 2, 1.5, random.Random(2))
    evaluation = evaluate(histories, "mediation")
    _, job = _job(evaluation, "randomised")
    assert job.suppressed and job.hazard_ratio is None and not job.curves
    doc = to_dict(evaluation)
    counts = doc["comparisons"][0]["people"]
    assert "<10" in counts.values()
    assert "suppressed" in render_text(doc, "en")
    assert "niet getoond" in render_text(doc, "nl")


def test_power_says_what_the_data_could_have_detected():
    small = _job(evaluate(trial(200, 1.0, random.Random(4)), "mediation"), "randomised")[1]
    large = _job(evaluate(trial(2000, 1.0, random.Random(4)), "mediation"), "randomised")[1]
    assert small.detectable > large.detectable > 1.0
    assert events_needed(1.3) > events_needed(1.5) > 0


def test_the_report_has_curves_and_intervals():
    doc = to_dict(evaluate(trial(400, 1.5, random.Random(1)), "mediation"))
    html = render_html(doc, "en")
    assert html.count("<svg") >= 3 and "Time to a first job (randomised)" in html
    assert "Hazard ratios with 95 % intervals" in html and "<script" not in html
    assert "Tijd tot een eerste baan (gerandomiseerd)" in render_html(doc, "nl")
    json.dumps(doc)


def test_the_models_read_only_permitted_fields(planner):
    """A spy on the research profile: an evaluation and a calibration read only permitted
    fields, even when the profile offers more."""
    from padplanner.evidence.calibrate import calibrate
    from padplanner.store.histories import EXCLUDED, PERMITTED, History

    read: set[str] = set()

    class Spy(dict):
        def __getitem__(self, key):
            read.add(key)
            return super().__getitem__(key)

        def get(self, key, default=None):
            read.add(key)
            return super().get(key, default)

    planted = {name: "planted" for name in EXCLUDED}
    histories = [
        History(h.pid, Spy({**h.profile, **planted}), h.observed_weeks, h.events)
        for h in trial(300, 1.5, random.Random(3))
    ]
    evaluate(histories, "mediation")
    calibrate(histories, planner, __import__("datetime").date(2026, 1, 5))
    assert read and read <= set(PERMITTED)
    assert not read & set(EXCLUDED)


def test_evaluate_runs_on_the_demo_caseload(tmp_path, cli):
    from datetime import date

    from padplanner.store import open_store
    from padplanner.store.demo_fill import fill_demo

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    with open_store(url, actor="t") as store:
        fill_demo(store, 300, seed=1, today=date(2026, 1, 5))
    out = tmp_path / "mediation.html"
    code, _, err = cli("evaluate", "--intervention", "mediation", "--db", url,
                       "--at", "2026-01-05", "-o", out, "--lang", "en")  # fmt: skip
    assert code == 0, err
    assert "DRAWN BY LOT" in err and "RECEIVED AGAINST" in err
    assert "<svg" in out.read_text()
    code, printed, _ = cli("evaluate", "--intervention", "dual", "--db", url, "-f", "json")
    assert code == 0 and json.loads(printed)["intervention"] == "dual"
    code, _, err = cli("evaluate", "--intervention", "coaching", "--db", url)
    assert code == 2 and "coaching" in err
