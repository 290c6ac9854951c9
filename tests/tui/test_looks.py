"""Each person screen opened in the TUI is one row in the access log, no more."""

from __future__ import annotations

from padplanner.tui.screens.plan import PlanScreen
from padplanner.tui.screens.progress import ProgressScreen

from .conftest import settle


async def test_opening_a_person_is_one_look_per_screen(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert demo_store.accesses() == []  # the caseload list is not a look at anyone
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        person = app.screen.person_id
        looks = demo_store.accesses()
        assert [(e.action, e.person_id, e.detail) for e in looks] == [("open", person, "plan")]
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        looks = demo_store.accesses()
        assert [(e.action, e.detail) for e in looks] == [("open", "progress"), ("open", "plan")]
        assert all(e.person_id == person and e.actor == demo_store.actor for e in looks)


async def test_the_header_says_which_mode_it_runs_in(demo_store, make_app):
    from padplanner.store.identity import Access

    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.title == "padplanner · lokaal, één gebruiker"
    demo_store.access = Access("shared", "k.jansen", "counsellor", "west")
    app = make_app(demo_store, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.title == "padplanner · shared: k.jansen (counsellor)"


async def test_in_a_browser_an_export_is_a_download_and_one_look(
    demo_store, make_app, monkeypatch, tmp_path
):
    from padplanner.tui.app import PadplannerApp
    from padplanner.tui.screens.export import ExportScreen

    delivered = []
    monkeypatch.setattr(PadplannerApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(
        PadplannerApp,
        "deliver_text",
        lambda self, file, save_filename=None, **_: delivered.append((save_filename, file.read())),
    )
    app = make_app(demo_store, export_dir=tmp_path / "exports")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        person = app.screen.person_id
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [name for name, _ in delivered] == [f"{person}-plan.md"]
    assert delivered[0][1].strip()  # the document itself
    assert not (tmp_path / "exports").exists()  # nothing on the server's disk
    looks = [(e.action, e.detail) for e in demo_store.accesses(person_id=person)]
    assert looks == [("document", "md (formal) downloaded"), ("open", "export screen")]
