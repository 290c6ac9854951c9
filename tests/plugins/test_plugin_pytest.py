"""``padplanner.testing`` is a pytest plugin loaded in every pytest session on a machine where
padplanner is installed: its fixtures carry a ``padplanner_`` prefix, a project's own fixture
names stay free, and a session that uses none of it does not pay for the engine."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


def run_pytest(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_fixture_of_the_plugin_is_prefixed(tmp_path):
    result = run_pytest(tmp_path, "--fixtures")
    section = result.stdout.split("fixtures defined from padplanner.testing", 1)[1]
    section = section.split("\n---", 1)[0]
    names = re.findall(r"^(\w+)", section, re.MULTILINE)
    assert set(names) == {"padplanner_planner", "padplanner_client", "padplanner_plugin_planner"}


def test_another_projects_planner_and_make_client_are_its_own(tmp_path):
    (tmp_path / "test_other.py").write_text(
        "import pytest\n\n"
        "@pytest.fixture\n"
        "def planner():\n"
        "    return 'the other project'\n\n"
        "def test_own(planner):\n"
        "    assert planner == 'the other project'\n\n"
        "def test_not_given(make_client):\n"
        "    pass\n"
    )
    result = run_pytest(tmp_path, "-q")
    assert "1 passed" in result.stdout and "1 error" in result.stdout, result.stdout
    assert "fixture 'make_client' not found" in result.stdout


def test_a_session_that_uses_none_of_it_does_not_import_the_engine(tmp_path):
    (tmp_path / "test_light.py").write_text(
        "import sys\n\n"
        "def test_light():\n"
        "    assert 'padplanner.testing' in sys.modules\n"
        "    assert 'padplanner.engine.planner' not in sys.modules\n"
    )
    result = run_pytest(tmp_path, "-q")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_transparency_report_does_not_need_pytest():
    """``padplanner rules`` lists the rule cases that pin each rule: it reads them without
    pytest, which is only a test dependency."""
    code = (
        "import sys, padplanner.rules_report, padplanner.rulecases\n"
        "assert 'pytest' not in sys.modules and '_pytest' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_core_tests_never_load_an_installed_municipality_plugin():
    """``tests/conftest.py`` leaves every installed plugin out of the core tests, so they pass
    the same with or without the municipality packages (each tests its own rules)."""
    from padplanner.plugins import PluginManager

    assert set(PluginManager.default().plugins) == {"wi2021"}
