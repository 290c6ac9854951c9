"""The counsellor's terminal UI (Textual): caseload, intake, plan, progress, export, rules.

Open it with ``padplanner tui`` (``--demo`` fills an empty database with synthetic people) or
from Python with :func:`padplanner.tui.app.run`. Textual is imported only here, never by the
CLI's ``--help``.
"""
