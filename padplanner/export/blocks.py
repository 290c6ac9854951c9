"""The blocks a plan document is made of: sections of paragraphs, lists, facts, tables, the
timeline and signature lines, in one language. Builders (the PIP, the A2 summary) make them;
renderers (md, html, pdf) only lay them out and decide no wording.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import attrs

from padplanner.export.timeline import Timeline


def _tuple(value) -> tuple:
    return tuple(value)


def _rows(value) -> tuple:
    return tuple(tuple(row) for row in value)


@attrs.frozen
class Paragraph:
    """Running text; ``style`` is ``normal``, ``note`` (smaller) or ``strong``."""

    kind: ClassVar[str] = "paragraph"
    text: str
    style: str = "normal"


@attrs.frozen
class Items:
    """A bulleted list."""

    kind: ClassVar[str] = "items"
    items: tuple[str, ...] = attrs.field(converter=_tuple)


@attrs.frozen
class Facts:
    """Label–value pairs (a definition list)."""

    kind: ClassVar[str] = "facts"
    rows: tuple[tuple[str, str], ...] = attrs.field(converter=_rows)


@attrs.frozen
class Table:
    """A table; ``widths`` are relative column widths for paged formats."""

    kind: ClassVar[str] = "table"
    header: tuple[str, ...] = attrs.field(converter=_tuple)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_rows)
    widths: tuple[float, ...] = attrs.field(converter=_tuple, default=())
    caption: str = ""


@attrs.frozen
class TimelineFigure:
    """Where the document's timeline is drawn, with its caption."""

    kind: ClassVar[str] = "timeline"
    caption: str


@attrs.frozen
class Signatures:
    """Signature lines: one column per party, each with the same fields to fill in."""

    kind: ClassVar[str] = "signatures"
    parties: tuple[tuple[str, str], ...] = attrs.field(converter=_rows)  # (role, name or "")
    fields: tuple[str, ...] = attrs.field(converter=_tuple)


Block = Paragraph | Items | Facts | Table | TimelineFigure | Signatures


@attrs.frozen
class Section:
    key: str  # stable: "person", "route", ... (tests and styles use it)
    heading: str
    blocks: tuple[Block, ...] = attrs.field(converter=_tuple)


@attrs.frozen
class Document:
    lang: str
    audience: str
    title: str
    subtitle: str
    person: str  # the name as shown (or the "no name" text)
    reference: str  # client id and municipality, for page headers
    date: date
    sections: tuple[Section, ...] = attrs.field(converter=_tuple)
    timeline: Timeline
    footer: str = ""

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    def plain_text(self) -> str:
        """Every text of the document, one block per line (for tests and word counts)."""
        out = [self.title, self.subtitle]
        for section in self.sections:
            out.append(section.heading)
            for block in section.blocks:
                out.extend(block_texts(block))
        return "\n".join(t for t in out if t)


def block_texts(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Items):
        return list(block.items)
    if isinstance(block, Facts):
        return [f"{label}: {value}" for label, value in block.rows]
    if isinstance(block, Table):
        return [block.caption, " | ".join(block.header)] + [" | ".join(r) for r in block.rows]
    if isinstance(block, TimelineFigure):
        return [block.caption]
    if isinstance(block, Signatures):
        return [role for role, _ in block.parties] + list(block.fields)
    raise TypeError(f"unknown block {block!r}")
