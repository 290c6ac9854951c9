"""Errors of the caseload store."""

from __future__ import annotations

from datetime import datetime

from padplanner.errors import InputError, Problem


class StaleRevision(RuntimeError):
    """A save on top of a revision that is no longer the latest: someone saved in between.

    ``saved`` lists ``(revision, author, created_at)`` of every revision after the base.
    Nothing was written; reload the latest revision, redo the change and save again.
    """

    def __init__(self, person_id: str, base: int, saved: list[tuple[int, str, datetime]]):
        self.person_id, self.base, self.saved = person_id, base, saved
        if saved:
            who = "; ".join(
                f"revision {rev} by {author} at {when:%Y-%m-%d %H:%M:%S} UTC"
                for rev, author, when in saved
            )
            text = (
                f"{person_id}: the plan was changed since revision {base}: {who}. "
                "Nothing was saved; reload the latest revision and make your change again."
            )
        else:
            text = (
                f"{person_id}: revision {base} does not exist (the latest is lower). "
                "Nothing was saved; reload the latest revision."
            )
        super().__init__(text)


class UnknownPerson(InputError):
    """No person with this id in the store."""

    def __init__(self, person_id: str):
        self.person_id = person_id
        super().__init__(
            [Problem(person_id, "", "no such person in the database (see: padplanner person list)")]
        )


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer padplanner than this one."""
