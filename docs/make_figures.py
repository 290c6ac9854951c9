"""Make the screenshots of docs/import.md and docs/voice.md from a checkout:

    .venv/bin/python docs/make_figures.py

- ``import-report.svg``: the dry run of an export with three bad rows (the first rows of
  ``examples/import/caseload.csv``, three cells spoiled), as the terminal shows it;
- ``voice-pip.svg``: the terminal UI's export screen with the PIP of the synthetic example
  client Amal, her own words and the conversation about her plan recorded.

Only synthetic people; the store is a temporary SQLite file.
"""

from __future__ import annotations

import asyncio
import csv
import io
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "examples" / "import"
TODAY = date(2026, 1, 5)


def import_report(folder: Path) -> None:
    from rich.console import Console
    from rich.text import Text

    lines = (SAMPLE / "caseload.csv").read_text(encoding="utf-8-sig").splitlines()
    rows = list(csv.reader(lines[:9], delimiter=";"))
    header = rows[0]
    rows[3][header.index("Alfa: ja/nee")] = "misschien"
    rows[5][header.index("Geboortedatum")] = "31-02-1985"
    rows[7][header.index("BSN")] = "123456789"
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
    export = folder / "caseload.csv"
    export.write_text(out.getvalue(), encoding="utf-8")
    command = [
        "padplanner", "import", "caseload.csv", "-m", "mapping.toml", "--dry-run",
        "--db", "sqlite:///trial.db", "--at", "2026-01-05",
    ]  # fmt: skip
    (folder / "mapping.toml").write_bytes((SAMPLE / "mapping.toml").read_bytes())
    done = subprocess.run(
        [str(Path(sys.executable).parent / "padplanner"), *command[1:]],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    console = Console(record=True, width=112, file=io.StringIO())
    console.print(Text("$ " + " ".join(command), style="bold"))
    console.print(Text(done.stdout.rstrip()))
    console.print(Text(f"$ echo $?\n{done.returncode}", style="dim"))
    (HERE / "import-report.svg").write_text(
        console.export_svg(title="padplanner import --dry-run"), encoding="utf-8"
    )


async def voice_pip(folder: Path) -> None:
    import attrs
    from textual.widgets import Static

    from padplanner import Planner
    from padplanner.clientfile import load_client
    from padplanner.store import open_store
    from padplanner.store.events import PlanDiscussed
    from padplanner.tui.app import PadplannerApp
    from padplanner.tui.screens.export import ExportScreen

    amal = attrs.evolve(
        load_client(ROOT / "examples" / "clients" / "amal.toml"),
        own_goals="Ik wil in een magazijn werken en later teamleider worden.",
        own_wishes="Lessen in de ochtend, als de kinderen op school zijn.",
        own_worries="Mijn moeder is ziek; soms moet ik naar haar toe.",
    )
    planner = Planner.default()

    def clock() -> datetime:
        return datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

    store = open_store(f"sqlite:///{folder / 'voice.db'}", actor="k.devries", clock=clock)
    store.add_person(amal, "k.devries")
    store.replan(amal.id, planner, "k.devries", TODAY)
    store.record_event(
        amal.id, PlanDiscussed(TODAY, 1, interpreter=True, agreement="agrees"), "k.devries"
    )
    app = PadplannerApp(
        store,
        planner,
        today=TODAY,
        author="k.devries",
        settings_path=folder / "tui.toml",
        export_dir=Path("export"),  # shown as typed: a relative path
    )
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        app.push_screen(ExportScreen(amal.id))
        for _ in range(40):
            await pilot.pause(0.05)
            text = str(app.screen.query_one("#preview", Static).render())
            if "Wat u zelf wilt" in text:
                break
        lines = text.splitlines()
        at = next(i for i, line in enumerate(lines) if "Wat u zelf wilt" in line)
        app.screen.query_one("#preview-scroll").scroll_to(y=max(at - 1, 0), animate=False)
        await pilot.pause(0.2)
        app.save_screenshot("voice-pip.svg", str(HERE))
    store.close()


def main() -> int:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        import_report(folder)
        asyncio.run(voice_pip(folder))
    print(f"wrote {HERE / 'import-report.svg'} and {HERE / 'voice-pip.svg'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
