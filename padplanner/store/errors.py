"""Errors of the caseload store."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from padplanner.errors import InputError, Phrased, Problem, phrased, said


class StaleRevision(RuntimeError):
    """A save on top of a revision that is no longer the latest: someone saved in between.

    ``saved`` lists ``(revision, author, created_at)`` of every revision after the base.
    Nothing was written; reload the latest revision, redo the change and save again.
    """

    def __init__(self, person_id: str, base: int, saved: list[tuple[int, str, datetime]]):
        self.person_id, self.base, self.saved = person_id, base, saved
        if saved:
            who = [
                phrased("store.stale.by", revision=rev, author=author, when=when)
                for rev, author, when in saved
            ]
            self.message = phrased(
                "store.stale.changed", person=person_id, base=base, who=_joined(who)
            )
        else:
            self.message = phrased("store.stale.missing", person=person_id, base=base)
        super().__init__(str.__str__(self.message))

    def text(self, t: Any) -> str:
        """The conflict in the language of ``t``."""
        return said(t, self.message)


def _joined(items: list[Phrased]) -> Phrased:
    """``a; b; c``, each said in the reader's language."""
    out = items[0]
    for item in items[1:]:
        out = phrased("store.stale.and", first=out, second=item)
    return out


class UnknownPerson(InputError):
    """No person with this id in the store."""

    def __init__(self, person_id: str):
        self.person_id = person_id
        super().__init__([Problem.worded(person_id, "", "store.problem.unknown_person")])


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer padplanner than this one."""
