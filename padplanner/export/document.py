"""The plan document's content, once, for every format (md, html, pdf).

:func:`build_document` turns a plan, the person's intake and the catalogue into a
:class:`~padplanner.export.blocks.Document` (the formal PIP or the person's A2 summary) in one
language. Renderers only lay its blocks out; they decide no wording.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from padplanner.export.blocks import Document
from padplanner.export.context import DocContext
from padplanner.export.pip import pip_document
from padplanner.export.summary import summary_document

AUDIENCES: tuple[str, ...] = ("formal", "person")


def build_document(
    plan: Any,
    *,
    client: Any = None,
    catalog: Any = None,
    lang: str | None = None,
    audience: str = "formal",
    show_bsn: bool = False,
    today: date | None = None,
    municipality_name: str | None = None,
    discussion: Any = None,
    **_: Any,
) -> Document:
    """The document for ``plan``: the formal PIP (``audience="formal"``) or the A2 summary.

    ``client`` adds the name, BSN (only with ``show_bsn``) and intake details; without it the
    document still renders from the plan alone. ``catalog`` gives titles and parameters (the
    national catalogue when omitted). ``today`` marks the timeline and dates the document.
    ``discussion`` (a ``discussed`` event) says how the plan was discussed with the person.
    """
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r} (use {', '.join(AUDIENCES)})")
    ctx = DocContext.make(
        plan,
        client=client,
        catalog=catalog,
        lang=lang,
        today=today,
        show_bsn=show_bsn,
        municipality_name=municipality_name,
        discussion=discussion,
    )
    if audience == "person":
        return summary_document(ctx)
    return pip_document(ctx)
