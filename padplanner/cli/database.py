"""Opening the caseload database from the command line: the ``--db`` option and its help,
``open_db``, and how a URL is shown in messages. Shared by every command that uses the store.
"""

from __future__ import annotations

from typing import Any

DB_HELP = "Database URL (default: PADPLANNER_DB or SQLite in the user data folder)."
AUTHOR_HELP = "Who makes this change (default: your user name)."


def shown(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def open_db(db: str | None, *, create: bool = True, actor: str | None = None) -> Any:
    """Open the store (migrating a new or older database) or raise InputError."""
    from padplanner.errors import InputError, Problem
    from padplanner.store import open_store
    from padplanner.store.connect import default_url
    from padplanner.store.errors import SchemaTooNew

    url = db or default_url()
    try:
        return open_store(url, create=create, actor=actor)
    except SchemaTooNew as exc:
        raise InputError([Problem(shown(url), "", str(exc))]) from None
    except InputError:
        raise
    except Exception as exc:  # cannot connect: say where and why, no traceback
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, SQLAlchemyError | OSError):
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise InputError(
                [Problem.worded(shown(url), "", "cli.problem.db.open", reason=reason)]
            ) from None
        raise


def stale_to_input(exc: Exception) -> Exception:
    from padplanner.errors import InputError, Problem

    return InputError([Problem("save", "", getattr(exc, "message", str(exc)))])
