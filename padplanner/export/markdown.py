"""The plan document as Markdown, from the same :class:`Document` as HTML and PDF."""

from __future__ import annotations

import re
from typing import Any

from padplanner.export.document import build_document
from padplanner.export.templates import render_template
from padplanner.export.timeline import text_gantt
from padplanner.model import Plan


def render_markdown(plan: Plan, **options: Any) -> str:
    """Render the PIP (or, with ``audience="person"``, the A2 summary) as Markdown."""
    doc = build_document(plan, **options)
    text = render_template("document.md.j2", doc=doc, gantt=text_gantt(doc.timeline))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
