"""Helpers for the document tests: example people on each route, cached renders, text."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date
from typing import Any

from padplanner.export import render
from padplanner.testing import build_client

TODAY = date(2025, 9, 1)
A0 = {"reading": "A0", "listening": "A0", "writing": "A0", "speaking": "A0"}
# One synthetic person per route. The Z person starts at A0: with the A1 defaults of
# build_client the same intake still fits the B1-route (780 h needed, 874 h usable).
PEOPLE: dict[str, dict[str, Any]] = {
    "b1": {"id": "doc-b1", "name": "Amal Haddad", "bsn": "249566758"},
    "onderwijs": {"id": "doc-onderwijs", "name": "Hamid Karimi", "age": 25, "aim": "study"},
    "z": {
        "id": "doc-z",
        "name": "Bilal Osman",
        "literacy": "none",
        "education": "none",
        "weekly_hours": 8,
        "levels": A0,
    },
}
ROUTES = tuple(PEOPLE)
NAMES = ("Çelik Yılmaz", "Nguyễn Thị Minh Khai", "Ayşe Şahin", "Øyvind Ærø", "Antonín Dvořák")


class Made:
    """A client, its plan and the catalogue, with cached renders."""

    def __init__(self, planner, fields: dict[str, Any]):
        self.client = build_client(fields)
        self.plan = planner.plan(self.client)
        self.catalog = planner.catalog(self.plan.municipality)
        self._cache: dict[tuple, Any] = {}

    def render(self, fmt: str, **options: Any) -> Any:
        key = (fmt, *sorted(options.items()))
        if key not in self._cache:
            values = {"lang": "nl", "audience": "formal", "show_bsn": False, "today": TODAY}
            values.update(options)
            self._cache[key] = render(
                self.plan, fmt, client=self.client, catalog=self.catalog, **values
            )
        return self._cache[key]

    def document(self, **options: Any):
        from padplanner.export.document import build_document

        values = {"lang": "nl", "audience": "formal", "show_bsn": False, "today": TODAY}
        values.update(options)
        return build_document(self.plan, client=self.client, catalog=self.catalog, **values)


def flat(text: str) -> str:
    """Text with every run of whitespace as one space, Unicode NFC (for PDF text)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def pdf_text(data: bytes) -> tuple[str, int]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return flat(" ".join(page.extract_text() for page in reader.pages)), len(reader.pages)


def html_text(html: str) -> str:
    import xml.etree.ElementTree as ET

    return flat(" ".join(ET.fromstring(html).itertext()))


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)
