"""What the core does about a plugin's mistakes: a hook that hangs, an answer of the wrong type,
a plugin that changes what it is given or reads a counsellor's words.

The plugins are in ``tests/hostile/``. The time limit is a fifth of a second here
(``PADPLANNER_HOOK_TIMEOUT``; 5 s by default), so the suite stays fast.
"""

from __future__ import annotations

import threading
import time
from datetime import date
from pathlib import Path

import attrs
import pytest
from hostile import hang, hours, tamper, wrong

from padplanner.cli import main
from padplanner.engine.adjust import Adjustments
from padplanner.engine.planner import Planner
from padplanner.errors import PlanningError
from padplanner.hookcall import DEFAULT_TIMEOUT, hook_timeout
from padplanner.i18n import texts
from padplanner.plugin import PluginInfo, hookimpl
from padplanner.plugins import PluginManager

ROOT = Path(__file__).resolve().parents[2]
CODE = "GM0997"
AT = date(2025, 9, 1)
LIMIT = 0.2
WORDS = "private words about the person 7391"


@pytest.fixture
def release():
    """A hanging hook, let go at the end (and after 10 s at the latest)."""
    with hang.hanging(backstop=10):
        yield hang


def planner_with(*plugins: tuple[object, str]) -> Planner:
    manager = PluginManager.default(entry_points=False)
    manager.hook_timeout = LIMIT
    for plugin, name in plugins:
        assert manager.register(plugin, name) == name, manager.errors
    return Planner(manager)


def person(make_client, **fields):
    return make_client(id="person-7", municipality=CODE, **fields)


def assert_names(error: PlanningError, plugin: str, hook: str) -> None:
    assert (error.plugin, error.hook, error.client) == (plugin, hook, "person-7")
    text = str(error)
    assert repr(plugin) in text and hook in text and "person-7" in text


# -- the time limit --------------------------------------------------------------------------
def test_the_limit_is_documented_and_configurable(monkeypatch):
    monkeypatch.delenv("PADPLANNER_HOOK_TIMEOUT", raising=False)
    assert hook_timeout() == DEFAULT_TIMEOUT == 5
    monkeypatch.setenv("PADPLANNER_HOOK_TIMEOUT", "0.5")
    assert hook_timeout() == 0.5 and PluginManager().hook_timeout == 0.5
    monkeypatch.setenv("PADPLANNER_HOOK_TIMEOUT", "0")
    assert hook_timeout() is None


def test_a_hook_that_hangs_stops_the_plan(release, make_client):
    planner = planner_with((hang, "hang"))
    started = time.monotonic()
    with pytest.raises(PlanningError) as caught:
        planner.plan(person(make_client))
    assert time.monotonic() - started < 2
    assert_names(caught.value, "hang", "padplanner_goals")
    assert f"within {LIMIT:g} s" in str(caught.value)


def test_a_hook_that_hangs_on_another_thread_stops_the_plan(release, make_client):
    """Off the main thread (the terminal UI's workers) the hook runs on a helper thread."""
    planner, client, outcome = planner_with((hang, "hang")), person(make_client), []

    def plan() -> None:
        try:
            outcome.append(planner.plan(client))
        except PlanningError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=plan)
    started = time.monotonic()
    worker.start()
    worker.join(timeout=5)
    assert time.monotonic() - started < 2 and not worker.is_alive()
    (error,) = outcome
    assert isinstance(error, PlanningError)
    assert_names(error, "hang", "padplanner_goals")


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """``installed(name)``: the hostile plugin ``name`` as an installed distribution."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delenv("PADPLANNER_DISABLE_PLUGINS", raising=False)

    def install(name: str) -> None:
        dist = site / f"padplanner_test_{name}-1.0.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: padplanner-test-{name}\nVersion: 1.0\n"
            f"Keywords: padplanner,{CODE}\n"
        )
        (dist / "entry_points.txt").write_text(f"[padplanner]\n{name} = hostile.{name}\n")

    return install


def client_file(tmp_path: Path) -> Path:
    text = (ROOT / "examples" / "clients" / "amal.toml").read_text()
    path = tmp_path / "person.toml"
    path.write_text(text.replace('municipality = "GM0034"', f'municipality = "{CODE}"'))
    return path


def test_the_command_line_names_the_hung_plugin(release, installed, tmp_path, capsys, monkeypatch):
    installed("hang")
    monkeypatch.setenv("PADPLANNER_HOOK_TIMEOUT", str(LIMIT))
    monkeypatch.delenv("PADPLANNER_LANG", raising=False)
    code = main(["plan", str(client_file(tmp_path))])
    err = capsys.readouterr().err
    assert code == 1, err  # in Dutch by default
    assert "plugin 'hang' (padplanner-test-hang 1.0) antwoordde niet op padplanner_goals" in err
    assert "voor cliënt demo-0001 binnen 0.2 s; herstel of verwijder de plugin" in err
    assert "PADPLANNER_HOOK_TIMEOUT" in err and "Traceback" not in err
    code = main(["plan", str(client_file(tmp_path)), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "plugin 'hang' (padplanner-test-hang 1.0) did not answer padplanner_goals" in err
    assert "for client demo-0001 within 0.2 s" in err


def test_a_bad_limit_is_bad_input(capsys, monkeypatch):
    monkeypatch.setenv("PADPLANNER_HOOK_TIMEOUT", "soon")
    monkeypatch.delenv("PADPLANNER_LANG", raising=False)
    code = main(["plan", str(ROOT / "examples" / "clients" / "amal.toml")])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: PADPLANNER_HOOK_TIMEOUT: 'soon' is geen aantal")
    code = main(["plan", str(ROOT / "examples" / "clients" / "amal.toml"), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: PADPLANNER_HOOK_TIMEOUT: 'soon' is not"), err


# -- answers of the wrong type ---------------------------------------------------------------
def test_an_answer_of_the_wrong_type_names_plugin_hook_and_client(make_client):
    with pytest.raises(PlanningError) as caught:
        planner_with((wrong, "wrong")).plan(person(make_client))
    assert_names(caught.value, "wrong", "padplanner_goals")
    assert "it returned an int (3); padplanner_goals returns a list of Goal" in str(caught.value)
    assert "not iterable" not in str(caught.value)
    assert (  # said in the reader's language, the types as Python names them
        "gaf een verkeerd antwoord in padplanner_goals voor cliënt "
        in caught.value.text(texts("nl"))
    )
    assert "het antwoord is een int (3); padplanner_goals geeft een lijst van Goal" in (
        caught.value.text(texts("nl"))
    )


def test_a_wrong_item_in_a_list_is_named(make_client):
    class Constraints:
        @hookimpl
        def padplanner_plugin_info(self):
            return PluginInfo("constraints", "1", municipalities=(CODE,))

        padplanner_constraints = staticmethod(hookimpl(wrong.padplanner_constraints))

    with pytest.raises(PlanningError) as caught:
        planner_with((Constraints(), "constraints")).plan(person(make_client))
    assert_names(caught.value, "constraints", "padplanner_constraints")
    assert "item 0 of its answer is a str ('nt2 after knm'), not a Constraint" in str(caught.value)


# -- what plugins are given ------------------------------------------------------------------
def test_nothing_a_plugin_does_to_what_it_is_given_reaches_the_plan(make_client):
    client = person(make_client, route={"choice": "b1", "reason": WORDS})
    tamper.SEEN.clear()
    expected = planner_with().plan(client)
    tampered = planner_with((tamper, "tamper")).plan(client)
    assert tampered.to_dict() == expected.to_dict()
    assert client == person(make_client, route={"choice": "b1", "reason": WORDS})
    view, activities, plan = tamper.SEEN
    assert view.weekly_hours == 60  # its own copy changed, nothing else
    assert not hasattr(view.route, "reason") and view.route.choice == "b1"
    for seen in (view, activities, plan):
        assert WORDS not in repr(seen)
    assert WORDS in repr(expected.route.reasons)  # the counsellor still reads it


def test_a_counsellors_reasons_for_edits_do_not_reach_plugins(make_client):
    """A module left out (here one the plan needs, so a finding names it) and one added, each
    with the counsellor's words: plugins get the rule ids, not the words."""
    client = person(make_client)
    adjust = Adjustments(remove={"knm": WORDS}, add={"values-series": WORDS + " (added)"})
    tamper.SEEN.clear()
    plan = planner_with((tamper, "tamper")).plan(client, adjust=adjust)
    assert any(f.rule == "padplanner.path.unreachable" for f in plan.findings)
    assert WORDS in repr(plan)  # the counsellor's plan keeps them
    _, activities, seen = tamper.SEEN
    assert WORDS not in repr(activities) and WORDS not in repr(seen)


def test_the_hours_a_person_did_cannot_be_changed(make_client):
    client = person(make_client, progress={"hours_done": {"nt2-a0-a1": 12.0}})
    with pytest.raises(PlanningError) as caught:
        planner_with((hours, "hours")).plan(client)
    assert_names(caught.value, "hours", "padplanner_goals")
    assert "does not support item assignment" in str(caught.value)
    assert client.progress.hours_done == {"nt2-a0-a1": 12.0}


def test_lists_reach_plugins_as_tuples(make_client):
    seen = []

    class Reader:
        @hookimpl
        def padplanner_plugin_info(self):
            return PluginInfo("reader", "1", municipalities=(CODE,))

        @hookimpl
        def padplanner_check_ins(self, activities):
            seen.append(activities)
            return []

    planner_with((Reader(), "reader")).plan(person(make_client))
    assert isinstance(seen[0], tuple) and seen[0]
    assert attrs.has(type(seen[0][0]))


def test_the_catalogue_a_plugin_reads_cannot_be_changed(make_client):
    """Parameter tables, lists and the module graph are shared by every plan: read-only."""
    attempts = []

    class Careless:
        @hookimpl
        def padplanner_plugin_info(self):
            return PluginInfo("careless", "1", municipalities=(CODE,))

        @hookimpl
        def padplanner_goals(self, ctx):
            for change in (
                lambda: ctx.param("hours_factor_learnability").__setitem__("low", 9.0),
                lambda: ctx.param("goals_b1").append("speaking>=C2"),
                lambda: ctx.catalog.graph.add_edge("knm", "pvt"),
            ):
                try:
                    change()
                except Exception as exc:  # each must fail, not change what others read
                    attempts.append(type(exc).__name__)
            return []

    planner = planner_with((Careless(), "careless"))
    before = planner.plan(person(make_client))
    assert len(attempts) == 3
    catalog = planner.catalog(CODE)
    assert catalog.param("hours_factor_learnability", AT)["low"] != 9.0
    assert "speaking>=C2" not in catalog.param("goals_b1", AT)
    assert not catalog.graph.has_edge("knm", "pvt")
    assert planner.plan(person(make_client)).to_dict() == before.to_dict()
