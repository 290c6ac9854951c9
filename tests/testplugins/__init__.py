"""Two fictional municipalities' plugins for the core tests, so no core test depends on a
municipality package being installed (each package tests its own rules under ``plugins/``).

- ``proefstad`` (GM9901): values conversations for everyone, a progress conversation every 6
  weeks, a finding with Dutch words for the person when they have no Dutch contact, and a
  cohort priority rule with its own named cohort policy (``proefstad-30``).
- ``testdorp`` (GM9902): volunteer work from the start (a local module), and no separate
  writing course (the integrated course teaches it).

``planner()`` registers both in-process, next to the law; the ``municipal_plugins`` fixture
(``tests/conftest.py``) installs them as distributions on a temporary path, for tests that go
through ``Planner.default()`` (the CLI, the TUI) exactly as an installed plugin would.
"""

from __future__ import annotations

from pathlib import Path

from padplanner.engine.planner import Planner
from padplanner.plugins import PluginManager

HERE = Path(__file__).resolve().parent
CODES = {"proefstad": "GM9901", "testdorp": "GM9902"}


def modules():
    from testplugins import proefstad, testdorp

    return {"proefstad": proefstad, "testdorp": testdorp}


def planner() -> Planner:
    """The law plus both test municipalities, registered in this process."""
    manager = PluginManager.default(entry_points=False)
    for name, module in modules().items():
        assert manager.register(module, name) == name, manager.errors
    return Planner(manager)


def install(site: Path) -> None:
    """Both plugins as installed distributions (a ``.dist-info`` with an entry point) in
    ``site``, which the caller puts on ``sys.path``."""
    for name, code in CODES.items():
        dist = site / f"padplanner_test_{name}-1.0.dist-info"
        dist.mkdir(parents=True)
        (dist / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: padplanner-test-{name}\nVersion: 1.0\n"
            f"Keywords: padplanner,{code}\n",
            encoding="utf-8",
        )
        (dist / "entry_points.txt").write_text(
            f"[padplanner]\n{name} = testplugins.{name}\n", encoding="utf-8"
        )
