"""The plan document as one self-contained HTML file (XHTML-compatible, inline CSS and SVG)."""

from __future__ import annotations

from typing import Any

from padplanner.export.document import build_document
from padplanner.export.svg import timeline_svg
from padplanner.export.templates import render_template
from padplanner.model import Plan


def render_html(plan: Plan, **options: Any) -> str:
    """Render the PIP (or, with ``audience="person"``, the A2 summary) as HTML."""
    from markupsafe import Markup

    doc = build_document(plan, **options)
    width = 760 if doc.audience == "person" else 960
    label = 210 if doc.audience == "person" else 250
    svg = Markup(timeline_svg(doc.timeline, width=width, label_width=label))
    return render_template("document.html.j2", doc=doc, timeline_svg=svg)
