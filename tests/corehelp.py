"""Constants and helpers shared by the core tests (imported by name: ``from corehelp import A0``)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "clients"
NATIONAL = ROOT / "curricula" / "wi2021"
A0 = {"reading": "A0", "listening": "A0", "writing": "A0", "speaking": "A0"}


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.toml"))
