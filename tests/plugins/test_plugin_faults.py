"""Plugin faults: an import failure, an unknown hook, a hook that raises.

Each is reported with plugin, hook and client id; planning stops only for the municipalities the
plugin serves; people elsewhere are planned normally; nothing half-made is written. Broken
plugins are installed for one test as distributions on ``sys.path`` (a ``.dist-info`` with an
entry point), exactly as pip would leave them.
"""

from __future__ import annotations

import importlib.metadata
import json
import sys
from pathlib import Path

import pytest

from padplanner.cli import main
from padplanner.engine.planner import Planner
from padplanner.errors import PlanningError
from padplanner.i18n import texts
from padplanner.plugin import Goal, PluginInfo, Reason, hookimpl
from padplanner.plugins import PluginManager, _dist_municipalities

ROOT = Path(__file__).resolve().parents[2]
BROKEN = "GM0998"
MISSPELLED = """
from padplanner.plugin import PluginInfo, hookimpl

@hookimpl
def padplanner_plugin_info():
    return PluginInfo("{name}", "1", municipalities=("GM0998",))

@hookimpl
def padplanner_goal(client):
    return []
"""
RAISES = """
from padplanner.plugin import PluginInfo, hookimpl

@hookimpl
def padplanner_plugin_info():
    return PluginInfo("{name}", "1", municipalities=("GM0998",))

@hookimpl
def padplanner_goals(client):
    raise ZeroDivisionError("the local budget table is empty")
"""


@pytest.fixture
def install(tmp_path, monkeypatch):
    """``install(name, source, keywords)``: a distribution with a ``padplanner`` entry point."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    names = []

    def make(name: str, source: str, keywords: str = "") -> None:
        module = f"fake_{name.replace('-', '_')}"
        names.append(module)
        (site / f"{module}.py").write_text(source.format(name=name), encoding="utf-8")
        dist = site / f"{module}-1.0.dist-info"
        dist.mkdir()
        metadata = f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n"
        if keywords:
            metadata += f"Keywords: {keywords}\n"
        (dist / "METADATA").write_text(metadata, encoding="utf-8")
        (dist / "entry_points.txt").write_text(
            f"[padplanner]\n{name} = {module}\n", encoding="utf-8"
        )

    yield make
    for module in names:
        sys.modules.pop(module, None)


def _client(make_client, code: str, **fields):
    return make_client(id=f"person-{code}", municipality=code, **fields)


def test_failed_import_blocks_the_municipalities_in_its_keywords(
    install, make_client, municipal_plugins
):
    install("broken", "raise ImportError('a dependency is missing')", "padplanner,GM0998")
    manager = PluginManager.default()
    (error,) = [e for e in manager.errors if e.plugin == "broken"]
    assert error.municipalities == (BROKEN,)
    assert 'Error importing plugin "broken" from fake_broken 1.0' in error.message
    assert "dependency" in error.message and str(error.distribution) == "fake_broken 1.0"
    planner = Planner(manager)
    with pytest.raises(PlanningError) as caught:
        planner.plan(_client(make_client, BROKEN))
    assert caught.value.plugin == "broken" and caught.value.client == f"person-{BROKEN}"
    assert "broken" in str(caught.value) and f"person-{BROKEN}" in str(caught.value)
    dutch = caught.value.text(texts("nl"))  # the plugin, the package and the client named
    assert f"het plannen voor person-{BROKEN} in {BROKEN} is gestopt: " in dutch
    assert 'Fout bij het laden van plugin "broken" uit fake_broken 1.0: ImportError' in dutch
    assert "Herstel of verwijder de plugin" in dutch
    other = planner.plan(_client(make_client, "GM9901"))  # others are planned normally
    assert "proefstad.values.series" in {g.reason.rule for g in other.goals}
    assert planner.plan(_client(make_client, "GM0000")).activities


def test_failed_import_without_keywords_blocks_everyone(install, make_client):
    install("anonymous", "raise ImportError('broken')")
    planner = Planner(PluginManager.default())
    with pytest.raises(PlanningError, match="anonymous"):
        planner.plan(_client(make_client, "GM0000"))


def test_the_keywords_of_a_distribution_name_its_municipalities(municipal_plugins):
    points = {e.name: e for e in importlib.metadata.entry_points(group="padplanner")}
    assert _dist_municipalities(points["proefstad"]) == ("GM9901",)
    assert _dist_municipalities(points["testdorp"]) == ("GM9902",)


def test_unknown_hook_is_reported_and_blocks_only_its_municipality(make_client):
    class Misspelled:
        @hookimpl
        def padplanner_plugin_info(self):
            return PluginInfo("typo", "1", municipalities=(BROKEN,))

        @hookimpl
        def padplanner_goal(self, client):  # should be padplanner_goals
            return [Goal("values", Reason("typo.values", "values"))]

    manager = PluginManager.default()
    assert manager.register(Misspelled(), "typo") is None
    (error,) = [e for e in manager.errors if e.plugin == "typo"]
    assert "padplanner_goal" in error.message and error.municipalities == (BROKEN,)
    assert "typo" not in manager.plugins
    planner = Planner(manager)
    with pytest.raises(PlanningError, match="typo"):
        planner.plan(_client(make_client, BROKEN))
    assert planner.plan(_client(make_client, "GM9001")).activities


def test_hook_that_raises_names_plugin_hook_and_client(install, make_client, municipal_plugins):
    install("raises", RAISES, "padplanner,GM0998")
    planner = Planner(PluginManager.default())
    with pytest.raises(PlanningError) as caught:
        planner.plan(_client(make_client, BROKEN))
    error = caught.value
    assert (error.plugin, error.hook, error.client) == (
        "raises",
        "padplanner_goals",
        f"person-{BROKEN}",
    )
    for part in ("raises", "padplanner_goals", f"person-{BROKEN}", "budget table is empty"):
        assert part in str(error)
    assert "plugin 'raises' (fake_raises 1.0) failed" in str(error)  # the package to fix
    assert planner.plan(_client(make_client, "GM9901")).activities


def _client_file(tmp_path: Path, code: str) -> Path:
    text = (ROOT / "examples" / "clients" / "amal.toml").read_text(encoding="utf-8")
    path = tmp_path / f"{code}.toml"
    path.write_text(text.replace('municipality = "GM0034"', f'municipality = "{code}"'))
    return path


def test_cli_writes_nothing_when_a_hook_raises(install, tmp_path, capsys, municipal_plugins):
    install("raises", RAISES, "padplanner,GM0998")
    out = tmp_path / "plan.json"
    code = main(["plan", str(_client_file(tmp_path, BROKEN)), "-f", "json", "-o", str(out)])
    stderr = capsys.readouterr().err
    assert code == 1
    assert not out.exists()
    assert "raises" in stderr and "padplanner_goals" in stderr and "demo-0001" in stderr
    assert "Traceback" not in stderr
    ok = tmp_path / "ok.json"
    assert main(["plan", str(_client_file(tmp_path, "GM9901")), "-f", "json", "-o", str(ok)]) == 0
    assert json.loads(ok.read_text())["municipality"] == "GM9901"


def test_cli_lists_load_errors_and_what_they_block(install, capsys, municipal_plugins):
    install("broken", "raise ImportError('a dependency is missing')", "padplanner,GM0998")
    assert main(["plugins", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (error,) = [e for e in data["errors"] if e["plugin"] == "broken"]
    assert error["blocks"] == [BROKEN]
    assert error["distribution"] == {"name": "fake_broken", "version": "1.0"}
    assert {"proefstad", "testdorp"} <= {p["name"] for p in data["plugins"]}


WORKS = """
from padplanner.plugin import PluginInfo, hookimpl

@hookimpl
def padplanner_plugin_info():
    return PluginInfo("Gemeente Nergens regels", "2.3", municipalities=("GM0998",))
"""


def test_plugins_names_the_package_to_uninstall_and_the_plugins_own_name(install, capsys):
    """Entry-point name, the plugin's own name and the installed package all differ here."""
    install("nergens", WORKS, "padplanner,GM0998")
    assert main(["plugins", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (row,) = [p for p in data["plugins"] if p["name"] == "nergens"]
    assert row["plugin"] == {"name": "Gemeente Nergens regels", "version": "2.3"}
    assert row["distribution"] == {"name": "fake_nergens", "version": "1.0"}
    law = next(p for p in data["plugins"] if p["builtin"])
    assert law["distribution"]["name"] == "padplanner"
    assert main(["plugins", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    block = text[text.index("nergens 2.3") :].split("\n")
    assert block[1] == "  plugin: Gemeente Nergens regels 2.3"
    assert block[2] == "  package: fake_nergens 1.0 (pip uninstall fake_nergens)"


def test_a_plugin_that_fails_to_register_names_its_package(install, make_client):
    install("typo", MISSPELLED, "padplanner,GM0998")
    manager = PluginManager.default()
    (error,) = [e for e in manager.errors if e.plugin == "typo"]
    assert "plugin 'typo' (fake_typo 1.0)" in error.message and "padplanner_goal" in error.message
    with pytest.raises(PlanningError, match=r"fake_typo 1\.0"):
        Planner(manager).plan(_client(make_client, BROKEN))


def test_a_plugin_can_be_left_out_by_its_package_name(install, monkeypatch):
    install("nergens", WORKS, "padplanner,GM0998")
    assert "nergens" in PluginManager.default().plugins
    monkeypatch.setenv("PADPLANNER_DISABLE_PLUGINS", "fake_nergens")
    assert "nergens" not in PluginManager.default().plugins
    monkeypatch.setenv("PADPLANNER_DISABLE_PLUGINS", "nergens")
    assert "nergens" not in PluginManager.default().plugins
