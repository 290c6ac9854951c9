"""Saving on the plan screen: a reason asked, the revision written in a worker, and a save
conflict (someone saved in between) offered as a reload that keeps the edits.

Mixed into :class:`~padplanner.tui.screens.plan.PlanScreen`.
"""

from __future__ import annotations

from textual import work

from padplanner.model import Plan
from padplanner.tui.planning import PlanSession, decisions
from padplanner.tui.screens.dialogs import MessageDialog, ValueDialog
from padplanner.tui.screens.plan_edits import error_words, refuse


class PlanSaving:
    """The plan screen's save key (a mixin: it uses the screen's session, store and say)."""

    # -- saving ----------------------------------------------------------------------------
    def action_save(self) -> None:
        session = self.session
        assert session is not None
        if self.busy:
            self.say(self.t("tui.plan.busy"), "warning")
            return
        if not session.dirty and session.client.route == self.route_before:
            self.say(self.t("tui.plan.nothing_to_save"), "warning")
            return

        def done(reason: str | None) -> None:
            if reason and not self.busy:
                self.busy = True  # no edit while saving: it would build on the unsaved base
                self._save(session, reason)

        self.app.push_screen(
            ValueDialog(
                self.t,
                self.t("tui.dialog.save.title"),
                "",
                lambda text: text.strip() or refuse(self.t("tui.dialog.reason.missing")),
                help_text=self.t("tui.dialog.save.reason"),
            ),
            done,
        )

    @work(thread=True, exit_on_error=False, exclusive=True, group="plan-save")
    def _save(self, session: PlanSession, reason: str) -> None:
        from padplanner.store import StaleRevision

        app = self.pad
        try:
            revision, plan = self._write_revision(session, reason)
        except StaleRevision as exc:
            app.call_from_thread(self._conflict, exc.text(self.t))
            return
        except Exception as exc:  # bad input, a locked database: say so, keep the edits
            app.call_from_thread(self._save_failed, error_words(exc, self.t))
            return
        app.call_from_thread(self._saved, revision, plan)

    def _write_revision(self, session: PlanSession, reason: str) -> tuple[int, Plan]:
        from padplanner.store import Decision

        store, app = self.pad.store, self.pad
        assert session.plan is not None
        plan = session.final()  # with the chance to finish on time, computed once, at saving
        revision = store.save_plan(
            self.person_id,
            plan,
            author=app.author,
            reason=reason,
            base_revision=session.base_revision,
            adjustments=session.adjust.to_dict(),
        )
        for decision in decisions(session.saved_adjust, session.adjust, reason):
            store.decide(self.person_id, decision, author=app.author)
        route = session.client.route
        if route is not None and route != self.route_before:
            store.decide(
                self.person_id, Decision("route", route.choice, route.reason), author=app.author
            )
        return revision, plan

    def _save_failed(self, error: str) -> None:
        self.busy = False
        self.say(error, "error")

    def _saved(self, revision: int, plan: Plan) -> None:
        self.busy = False
        session = self.session
        assert session is not None
        session.base_revision = revision
        session.plan = plan  # as saved: with the chance to finish on time
        session.previous = plan
        session.saved_adjust = session.adjust
        self.route_before = session.client.route
        self.refresh_plan()
        self.say(self.t("tui.plan.saved", revision=revision))

    def _conflict(self, error: str) -> None:
        self.busy = False
        self.say(error, "error")

        def done(choice: str | None) -> None:
            if choice == "reload" and self.session is not None:
                changed_route = self.session.client.route != self.route_before
                self._load(
                    keep=self.session.adjust,
                    keep_route=self.session.client.route if changed_route else None,
                )

        self.app.push_screen(
            MessageDialog(
                self.t,
                self.t("tui.dialog.conflict.title"),
                self.t("tui.dialog.conflict.text", error=error),
                [
                    (self.t("tui.dialog.conflict.reload"), "reload"),
                    (self.t("tui.dialog.cancel"), "cancel"),
                ],
            ),
            done,
        )
