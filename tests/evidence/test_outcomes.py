"""Outcomes per policy in the cohort simulation: bands from explicit, sourced assumptions."""

from __future__ import annotations

import json

import attrs
import pytest

from padplanner.cohort import POLICIES, simulate
from padplanner.cohort.effects import load_effects
from padplanner.cohort.intake import synthetic_intake
from padplanner.cohort.outcomes import outcomes
from padplanner.cohort.render import render_text
from padplanner.cohort.render_html import render_html
from padplanner.cohort.report import document
from padplanner.errors import InputError

CODE = "GM0034"
LOCAL = "GM9901"


@pytest.fixture(scope="module")
def sim(planner):
    import testplugins

    # a municipality with its own priority rule (the fictional test municipality Proefstad):
    # intensive mediation for the first 30 %
    local = testplugins.planner()
    people = synthetic_intake(160, seed=5, municipality=LOCAL)
    chosen = [POLICIES["fifo"], POLICIES["municipal"], POLICIES["everyone"]]
    return simulate(people, LOCAL, chosen, local, workers=1)


def test_each_policy_has_outcome_bands_side_by_side(sim):
    doc = document(sim)
    columns = {c["name"]: c["outcomes"] for c in doc["columns"]}
    assert set(columns) == {"as-planned", "fifo", "municipal", "everyone"}
    for found in columns.values():
        for years in ("1", "2", "3", "5"):
            low, mid, high = found["job_within"][years]
            assert 0 <= low <= mid <= high <= 1
        shares = [found["job_within"][y][1] for y in ("1", "2", "3", "5")]
        assert shares == sorted(shares)  # more years, more jobs
        low, mid, high = found["out_of_welfare"]["5"]
        assert high <= found["job_within"]["5"][2]
    assert columns["fifo"]["mediated"] == 0 and columns["fifo"]["cost_per_extra"] is None
    assert columns["everyone"]["mediated"] > columns["municipal"]["mediated"] > 0
    everyone = columns["everyone"]
    assert everyone["extra_in_work"][2] > 0 and everyone["cost_per_extra"] is not None
    assert "mediation" in everyone["unknown"]
    text = render_text(doc, "en")
    assert "a job within 3 years" in text and "cost per extra person in work" in text
    assert "werk binnen 3 jaar" in render_text(doc, "nl")
    html = render_html(doc, "en")
    assert "Outcomes: work and welfare" in html and "unknown: 0.9-1.6" in html
    assert "onbekend: 0,9-1,6" in render_html(doc, "nl")
    json.dumps(doc)  # the document stays JSON


def test_an_unknown_effect_widens_the_bands_and_is_never_zero(sim, planner, tmp_path):
    effects = load_effects()
    catalog = planner.catalog(CODE)
    cohort = sim.cohort
    run = next(r for r in sim.runs if r.policy.name == "everyone")
    placements = run.allocation.placements
    unknown = outcomes(cohort.views, cohort.outlines, placements, catalog, effects)
    known = attrs.evolve(
        effects,
        effect={
            **effects.effect,
            "mediation": attrs.evolve(effects.effect["mediation"], point=1.2, low=1.2, high=1.2),
        },
    )
    measured = outcomes(cohort.views, cohort.outlines, placements, catalog, known)
    width = unknown.job_within[3][2] - unknown.job_within[3][0]
    narrower = measured.job_within[3][2] - measured.job_within[3][0]
    assert width > narrower
    none = outcomes(cohort.views, cohort.outlines, None, catalog, effects)
    assert unknown.job_within[3][2] > none.job_within[3][2]  # not silently zero


def test_the_same_assumptions_give_the_same_bands(sim, planner):
    effects = load_effects()
    cohort = sim.cohort
    first = outcomes(cohort.views, cohort.outlines, None, planner.catalog(CODE), effects)
    again = outcomes(cohort.views, cohort.outlines, None, planner.catalog(CODE), effects)
    assert first == again


class ViewSpy:
    """Records every attribute an outcome model reads from a person."""

    def __init__(self, view, seen: set[str]):
        self._view, self._seen = view, seen

    def __getattr__(self, name):
        self._seen.add(name)
        return getattr(self._view, name)


def test_the_outcome_model_reads_only_permitted_fields(sim, planner):
    from padplanner.cohort.policies import EXCLUDED_FIELDS, NOT_SHOWN_TO_RULES

    seen: set[str] = set()
    views = [ViewSpy(v, seen) for v in sim.cohort.views]
    outcomes(views, sim.cohort.outlines, None, planner.catalog(CODE), load_effects())
    assert seen == {"id", "education", "literacy", "learnability", "aim"}
    assert not seen & {*EXCLUDED_FIELDS, *NOT_SHOWN_TO_RULES}


def test_a_bad_effects_file_names_every_field(tmp_path):
    path = tmp_path / "effects.toml"
    path.write_text(
        'schema = "padplanner.effects/1"\n[effect.mediation]\nratio = 1.3\nlow = 1.5\nhigh = 2\n'
        'source = "x"\n[effect.values]\nunknown = true\nratio = 1\nlow = 0.9\nhigh = 1.1\n'
        'source = "y"\n[retention]\nshare = 1.2\nlow = 0.5\nhigh = 1.5\nsource = "z"\n'
    )
    with pytest.raises(InputError) as caught:
        load_effects(path)
    text = str(caught.value)
    assert "effects.toml: effect.mediation: needs low <= ratio <= high" in text
    assert "effect.values.ratio: an unknown figure has a band (low, high), not a value" in text
    assert "baseline.secondary: is missing" in text
    assert "retention.high: a chance or share is at most 1" in text


def test_the_cli_takes_an_effects_file(cli, tmp_path):
    from padplanner.cohort.effects import default_path

    mine = tmp_path / "mine.toml"
    mine.write_text(default_path().read_text().replace('unknown = true\nlow = 0.9\nhigh = 1.6',
                                                       'ratio = 1.4\nlow = 1.2\nhigh = 1.6'))  # fmt: skip
    out = tmp_path / "report.json"
    code, _, err = cli(
        "cohort", "simulate", "--size", "60", "--municipality", CODE, "--policy", "everyone",
        "--effects", mine, "--workers", "1", "-o", out,
    )  # fmt: skip
    assert code == 0, err
    doc = json.loads(out.read_text())
    assert doc["effects"]["effect"]["mediation"]["point"] == 1.4
    assert "mediation" not in doc["columns"][1]["outcomes"]["unknown"]
    code, _, err = cli(
        "cohort", "simulate", "--size", "10", "--municipality", CODE,
        "--effects", tmp_path / "none.toml",
    )  # fmt: skip
    assert code == 2 and "none.toml: bestand niet gevonden" in err
