"""The plan document as PDF (fpdf2), with an embedded open Unicode font and a drawn timeline.

This module lays the document's blocks out on A4 pages (text wrapping, facts, tables,
signatures); fpdf2 and the font are loaded by :mod:`.pdf_setup`, the timeline is drawn by
:mod:`.pdf_timeline`.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from padplanner.export.blocks import (
    Document,
    Facts,
    Items,
    Paragraph,
    Signatures,
    Table,
    TimelineFigure,
)
from padplanner.export.document import build_document
from padplanner.export.pdf_setup import (
    ACCENT,
    FAMILY,
    MUTED,
    RULE,
    fit,
    font_paths,
    fpdf_class,
)
from padplanner.export.pdf_timeline import draw_timeline, legend
from padplanner.export.timeline import geometry
from padplanner.i18n import texts
from padplanner.model import Plan

PERSON_SIZES = (11.5, 10.5, 9.5, 8.5, 7.5)


def render_pdf(plan: Plan, **options: Any) -> bytes:
    """Render the PIP (or, with ``audience="person"``, the one-page A2 summary) as PDF bytes."""
    doc = build_document(plan, **options)
    if doc.audience != "person":
        return _Writer(doc).write()
    for size in PERSON_SIZES:  # the person's copy is one page: shrink the type until it fits
        writer = _Writer(doc, size)
        data = writer.write()
        if writer.pdf.page == 1:
            break
    return data


class _Writer:
    def __init__(self, doc: Document, size: float | None = None):
        self.doc = doc
        self.person = doc.audience == "person"
        self.size = size or (PERSON_SIZES[0] if self.person else 10.0)
        self.line = self.size * 0.47
        self.pdf = self._make_pdf()
        self._widths: dict[tuple[str, float], dict[str, float]] = {}

    # -- set-up --------------------------------------------------------------------------
    def _make_pdf(self):
        doc = self.doc
        base = fpdf_class()
        footer_text = self._footer_text()

        class PlanPDF(base):  # type: ignore[misc, valid-type]
            def footer(self) -> None:
                self.set_y(-12)
                self.set_font(FAMILY, "", 8)
                self.set_text_color(*MUTED)
                page = footer_text.replace("{page}", str(self.page_no()))
                self.cell(0, 5, page, align="C")
                self.set_text_color(0, 0, 0)

        pdf = PlanPDF(orientation="P", unit="mm", format="A4")
        for style, path in font_paths().items():
            pdf.add_font(FAMILY, style, str(path))
        pdf.set_margins(18, 16, 18)
        pdf.set_auto_page_break(True, margin=18)
        pdf.set_title(f"{doc.title} – {doc.person}"[:200])
        pdf.set_subject(doc.subtitle or doc.title)
        pdf.set_author("padplanner")
        pdf.set_creator("padplanner")
        pdf.set_lang(doc.lang)
        pdf.set_creation_date(datetime.combine(doc.date, time(0, 0), tzinfo=UTC))
        pdf.alias_nb_pages()
        return pdf

    def _footer_text(self) -> str:
        doc = self.doc
        name = doc.person if len(doc.person) <= 60 else doc.person[:59] + "…"
        t = texts(doc.lang)
        page = t("doc.page", page="{page}", pages="{nb}")
        if self.person:
            return f"{name} · {doc.footer}"
        return f"{doc.title} · {name} · {doc.reference} · {page}"

    def write(self) -> bytes:
        pdf, doc = self.pdf, self.doc
        pdf.add_page()
        pdf.set_text_color(*ACCENT)
        self._write(doc.title, "B", 18 if self.person else 16, line=8)
        pdf.set_text_color(*MUTED)
        if doc.subtitle:
            self._write(doc.subtitle, "", 10, line=5)
        if not self.person:
            self._write(f"{doc.person} · {doc.reference}", "", 10, line=5)
        pdf.set_text_color(0, 0, 0)
        self._rule(ACCENT, 0.6)
        for section in doc.sections:
            self._heading(section.heading)
            for block in section.blocks:
                self._block(block)
        return bytes(pdf.output())

    # -- text layout (fpdf2's multi_cell is exact but slow; plain greedy wrapping is enough) --
    def _width(self, text: str) -> float:
        """The width of ``text`` in the current font: the sum of its characters' widths.

        fpdf2 adds no kerning without text shaping, so this equals ``get_string_width`` while
        asking fpdf2 only once per character and font.
        """
        pdf = self.pdf
        font = (pdf.font_style, pdf.font_size_pt)
        widths = self._widths.setdefault(font, {})
        total = 0.0
        for char in text:
            width = widths.get(char)
            if width is None:
                width = widths[char] = pdf.get_string_width(char)
            total += width
        return total

    def _wrap(self, text: str, width: float) -> list[str]:
        """Greedy word wrap in the current font; a word wider than a line is split."""
        lines: list[str] = []
        space = self._width(" ")
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for word in paragraph.split():
                size = self._width(word)
                if line and used + space + size <= width:
                    line, used = f"{line} {word}", used + space + size
                    continue
                if line:
                    lines.append(line)
                while size > width:  # split a very long word by characters
                    cut, part = 0, 0.0
                    while cut < len(word) - 1 and part + self._width(word[cut]) <= width:
                        part += self._width(word[cut])
                        cut += 1
                    cut = max(cut, 1)
                    lines.append(word[:cut])
                    word = word[cut:]
                    size = self._width(word)
                line, used = word, size
            lines.append(line)
        return lines

    def _write(
        self, text: str, style: str, size: float, line: float | None = None, indent: float = 0
    ) -> None:
        """A paragraph at the current position, breaking pages between lines."""
        pdf = self.pdf
        line = line or self.line
        pdf.set_font(FAMILY, style, size)
        x = pdf.l_margin + indent
        for part in self._wrap(text, pdf.epw - indent):
            self._room(line)
            y = pdf.get_y()
            pdf.text(x, y + line * 0.74, part)
            pdf.set_y(y + line)

    def _rule(self, colour, width: float) -> None:
        pdf = self.pdf
        pdf.set_y(pdf.get_y() + 1)
        pdf.set_draw_color(*colour)
        pdf.set_line_width(width)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.set_line_width(0.2)
        pdf.set_draw_color(0, 0, 0)
        pdf.set_y(pdf.get_y() + 1.5)

    def _room(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit on this one."""
        pdf = self.pdf
        if pdf.get_y() + height > pdf.h - pdf.b_margin:
            pdf.add_page()

    def _heading(self, text: str) -> None:
        pdf = self.pdf
        if self.person:
            pdf.set_y(pdf.get_y() + 1.5)
        else:
            self._room(28)
            pdf.set_y(pdf.get_y() + 3)
        pdf.set_text_color(*ACCENT)
        self._write(text, "B", self.size + 2.5, line=self.line + 1.2)
        pdf.set_text_color(0, 0, 0)
        if not self.person:
            self._rule(RULE, 0.2)

    def _block(self, block) -> None:
        if isinstance(block, Paragraph):
            self._paragraph(block)
        elif isinstance(block, Items):
            self._items(block)
        elif isinstance(block, Facts):
            self._facts(block)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, TimelineFigure):
            self._timeline(block)
        elif isinstance(block, Signatures):
            self._signatures(block)
        else:  # pragma: no cover - the Document only holds the blocks above
            raise TypeError(f"unknown block {block!r}")

    def _paragraph(self, block: Paragraph) -> None:
        pdf = self.pdf
        if block.style == "note":
            pdf.set_text_color(*MUTED)
            self._write(block.text, "", self.size - 1)
            pdf.set_text_color(0, 0, 0)
        else:
            self._write(block.text, "B" if block.style == "strong" else "", self.size)
        pdf.set_y(pdf.get_y() + 1)

    def _items(self, block: Items) -> None:
        pdf = self.pdf
        for item in block.items:
            self._room(self.line)
            pdf.set_font(FAMILY, "", self.size)
            pdf.text(pdf.l_margin + 1.5, pdf.get_y() + self.line * 0.74, "•")
            self._write(item, "", self.size, indent=5)
            pdf.set_y(pdf.get_y() + 0.6)
        pdf.set_y(pdf.get_y() + 0.6)

    def _facts(self, block: Facts) -> None:
        pdf = self.pdf
        label_w = 50 if self.person else 62
        for label, value in block.rows:
            pdf.set_font(FAMILY, "B", self.size)
            labels = self._wrap(label, label_w - 2)
            pdf.set_font(FAMILY, "", self.size)
            values = self._wrap(value, pdf.epw - label_w)
            for k in range(max(len(labels), len(values))):
                self._room(self.line)
                y = pdf.get_y() + self.line * 0.74
                if k < len(labels):
                    pdf.set_font(FAMILY, "B", self.size)
                    pdf.text(pdf.l_margin, y, labels[k])
                if k < len(values):
                    pdf.set_font(FAMILY, "", self.size)
                    pdf.text(pdf.l_margin + label_w, y, values[k])
                pdf.set_y(pdf.get_y() + self.line)
            pdf.set_y(pdf.get_y() + 0.4)
        pdf.set_y(pdf.get_y() + 1.5)

    def _table(self, block: Table) -> None:
        pdf = self.pdf
        size = self.size - 1.5
        line, pad = size * 0.42, 1.2
        weights = block.widths or tuple(1 for _ in block.header)
        widths = [pdf.epw * w / sum(weights) for w in weights]

        def layout(cells, style: str) -> tuple[list[list[str]], float]:
            pdf.set_font(FAMILY, style, size)
            lines = [self._wrap(str(c), w - 2 * pad) for c, w in zip(cells, widths, strict=False)]
            return lines, max(len(c) for c in lines) * line + 2 * pad * 0.8

        def draw(lines: list[list[str]], height: float, style: str, fill: bool) -> None:
            y, x = pdf.get_y(), pdf.l_margin
            pdf.set_font(FAMILY, style, size)
            pdf.set_draw_color(*RULE)
            pdf.set_fill_color(238, 242, 247)
            for cell, w in zip(lines, widths, strict=False):
                pdf.rect(x, y, w, height, "DF" if fill else "D")
                for k, text in enumerate(cell):
                    pdf.text(x + pad, y + pad * 0.8 + line * (k + 0.76), text)
                x += w
            pdf.set_draw_color(0, 0, 0)
            pdf.set_y(y + height)

        head, head_h = layout(block.header, "B")
        rows = [layout(row, "") for row in block.rows]
        if block.caption:
            self._room(head_h + (rows[0][1] if rows else 0) + self.line + 2)
            self._write(block.caption, "B", self.size)
            pdf.set_y(pdf.get_y() + 0.5)
        self._room(head_h + (rows[0][1] if rows else 0))
        draw(head, head_h, "B", True)
        for lines, height in rows:
            if pdf.get_y() + height > pdf.h - pdf.b_margin:
                pdf.add_page()
                draw(head, head_h, "B", True)  # repeat the header on each page
            draw(lines, height, "", False)
        pdf.set_y(pdf.get_y() + 2)

    def _signatures(self, block: Signatures) -> None:
        pdf = self.pdf
        field_h = 9.0
        height = 8 + field_h * (len(block.fields) + 0.5)
        self._room(height)
        gap = 10
        width = (pdf.epw - gap * (len(block.parties) - 1)) / max(1, len(block.parties))
        top = pdf.get_y() + 2
        for index, (role, name) in enumerate(block.parties):
            x = pdf.l_margin + index * (width + gap)
            pdf.set_font(FAMILY, "B", self.size)
            roles = self._wrap(role, width)[:2]
            for k, text in enumerate(roles):
                pdf.text(x, top + self.line * (k + 0.74), text)
            y = top + 2 * self.line
            for k, field in enumerate(block.fields):
                base = y + field_h * (1.6 if k == len(block.fields) - 1 else 1)
                pdf.set_draw_color(0, 0, 0)
                pdf.line(x, base, x + width, base)
                pdf.set_font(FAMILY, "", self.size - 1.5)
                pdf.set_text_color(*MUTED)
                pdf.text(x, base - 1.2, field)
                pdf.set_text_color(0, 0, 0)
                if k == 0 and name:
                    pdf.set_font(FAMILY, "", self.size)
                    pdf.text(x + 24, base - 1.2, fit(pdf, name, width - 25))
                y = base
        pdf.set_y(top + 2 * self.line + field_h * (len(block.fields) + 0.6) + 2)

    # -- the timeline --------------------------------------------------------------------
    def _timeline(self, block: TimelineFigure) -> None:
        pdf, tl = self.pdf, self.doc.timeline
        row = 4.6 if self.person else 4.4
        label_w = 48 if self.person else 52
        g = geometry(tl, pdf.epw, label_w, row, right=10)
        legend_h = 5.5 * (1 + len(tl.legend) // 5)
        height = g.height + 5 + legend_h + (5 if block.caption else 0)
        self._room(height)
        x0, y0 = pdf.l_margin, pdf.get_y() + 1
        draw_timeline(pdf, tl, g, x0, y0)
        pdf.set_y(y0 + g.height + 5)
        legend(pdf, tl, x0, pdf.get_y())
        pdf.set_y(pdf.get_y() + legend_h)
        if block.caption:
            pdf.set_text_color(*MUTED)
            self._write(block.caption, "", self.size - 1.5, line=4)
            pdf.set_text_color(0, 0, 0)
        pdf.set_y(pdf.get_y() + 2)
