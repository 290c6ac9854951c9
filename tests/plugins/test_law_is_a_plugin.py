"""The law is a plugin like any other: the core names none of its rules, parameters or
municipalities, and only the plugin manager imports it (held by lint-imports; this test keeps
the contract covering every package, so a new one cannot import the law unnoticed)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "padplanner"
NOT_CORE = {"law", "locale", "templates", "plugins", "__init__", "__main__"}
# `plugins` is the plugin manager (it registers the law); locale files carry the law's words


def _core_files() -> list[Path]:
    return [
        path
        for path in PACKAGE.rglob("*")
        if path.is_file()
        and path.suffix in {".py", ".toml"}
        and path.relative_to(PACKAGE).parts[0] not in {"law", "locale", "templates"}
    ]


def test_the_contract_covers_every_package_but_the_plugin_manager():
    with (ROOT / "pyproject.toml").open("rb") as handle:
        contracts = tomllib.load(handle)["tool"]["importlinter"]["contracts"]
    (contract,) = [c for c in contracts if c["id"] == "law-registered"]
    assert contract["forbidden_modules"] == ["padplanner.law"]
    assert not contract.get("ignore_imports")
    names = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()}
    names = {n for n in names if not n.startswith((".", "_")) or n == "__init__"}
    names = {n for n in names if (PACKAGE / n).is_dir() or (PACKAGE / f"{n}.py").is_file()}
    wanted = {f"padplanner.{n}" for n in names - NOT_CORE}
    assert wanted <= set(contract["source_modules"]), sorted(
        wanted - set(contract["source_modules"])
    )


def test_the_core_names_no_rule_of_the_law_and_no_municipality():
    rule = re.compile(r"""["'`]wi2021\.[a-z_]+""")
    for path in _core_files():
        text = path.read_text(encoding="utf-8")
        assert not rule.search(text), f"{path}: {rule.search(text).group()}"
        assert "almere" not in text.lower(), path


def test_the_engine_reads_no_parameter_of_the_law():
    with (ROOT / "curricula" / "wi2021" / "parameters.toml").open("rb") as handle:
        parameters = set(tomllib.load(handle)["parameter"])
    for path in (PACKAGE / "engine").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used = {name for name in parameters if re.search(rf"""["']{name}["']""", text)}
        assert not used, f"{path} reads the law's parameters {sorted(used)}"
