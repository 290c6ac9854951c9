"""``padplanner new-plugin``: the generated package installs and passes its own tests unchanged.

The package is built and installed with pip (``--target`` a temporary folder, no network: the
build backend comes from this environment), then its tests run with pytest in a subprocess
that finds it on ``PYTHONPATH``, exactly as a municipality would run them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from padplanner.cli import main
from padplanner.cli.newplugin import FILES, render, template_dir

NAME, CODE = "den-haag", "GM0518"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, Path]:
    """The generated package, and the folder it was pip-installed into."""
    out = tmp_path_factory.mktemp("new-plugin")
    assert main(["new-plugin", NAME, "--municipality", CODE, "-o", str(out)]) == 0
    package = out / f"padplanner-{NAME}"
    site = out / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "--target",
            str(site),
            str(package),
        ],
        check=True,
        capture_output=True,
    )
    return package, site


def _env(site: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")])
    env.pop("PADPLANNER_DISABLE_PLUGINS", None)
    return env


def test_generated_package_has_every_file(generated):
    package, _ = generated
    files = {p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file()}
    assert files == {
        "pyproject.toml",
        "README.md",
        ".gitignore",
        "padplanner_den_haag/__init__.py",
        "padplanner_den_haag/hooks.py",
        "padplanner_den_haag/catalog/den-haag.toml",
        "padplanner_den_haag/catalog/rules.toml",
        "tests/rules/den-haag.toml",
        "tests/test_padplanner_den_haag.py",
    }
    pyproject = (package / "pyproject.toml").read_text(encoding="utf-8")
    assert 'den-haag = "padplanner_den_haag.hooks"' in pyproject
    assert 'keywords = ["padplanner", "GM0518"]' in pyproject


def test_generated_package_passes_its_own_tests_unchanged(generated):
    package, site = generated
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=package,
        env=_env(site),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b7 passed\b", result.stdout), result.stdout


def test_generated_rules_are_published_with_their_tests(generated):
    _, site = generated
    result = subprocess.run(
        [sys.executable, "-m", "padplanner", "rules", "-m", CODE, "--format", "json"],
        env=_env(site),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    (plugin,) = [p for p in json.loads(result.stdout)["plugins"] if p["name"] == NAME]
    assert plugin["municipalities"] == [CODE]
    assert {r["id"] for r in plugin["rules"]} == {
        "den-haag.checkins.progress",
        "den-haag.contact.advice",
    }
    assert all(r["tests"] and r["text"] for r in plugin["rules"])


def test_generated_code_is_lint_clean(generated):
    package, _ = generated
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.exists():
        pytest.skip("ruff is not installed next to this Python")
    result = subprocess.run([str(ruff), "check", "."], cwd=package, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_every_template_is_used_and_fully_filled():
    assert {p.name for p in template_dir().iterdir()} == set(FILES)
    for path, content in render("a-b2", "GM0001").items():
        assert "$" not in content.replace("$$", ""), path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Den Haag", "--municipality", CODE], "is geen pluginnaam"),
        (["wi2021", "--municipality", CODE], "gereserveerd"),
        ([NAME, "--municipality", "0518"], "geen CBS-gemeentecode"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(tmp_path, capsys, args, message):
    assert main(["new-plugin", *args, "-o", str(tmp_path)]) == 2
    assert message in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_existing_package_is_not_overwritten(tmp_path, capsys):
    assert main(["new-plugin", NAME, "-m", CODE, "-o", str(tmp_path)]) == 0
    hooks = tmp_path / f"padplanner-{NAME}" / "padplanner_den_haag" / "hooks.py"
    hooks.write_text("# my own rules\n", encoding="utf-8")
    assert main(["new-plugin", NAME, "-m", CODE, "-o", str(tmp_path)]) == 2
    assert "bestaat al" in capsys.readouterr().err
    assert hooks.read_text(encoding="utf-8") == "# my own rules\n"
