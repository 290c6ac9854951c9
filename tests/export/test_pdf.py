"""The PDF: every part of the PIP in its text, every name intact, the summary on one page."""

from __future__ import annotations

import io

import pytest
from docshelp import NAMES, ROUTES, flat, pdf_text

from padplanner.export.pip import ORDER, SECTIONS
from padplanner.i18n import texts

T = texts("nl")


@pytest.mark.parametrize("route", ROUTES)
def test_the_pdf_holds_every_part_of_the_pip(person, route):
    made = person(route)
    data = made.render("pdf")
    assert isinstance(data, bytes) and data.startswith(b"%PDF-")
    text, pages = pdf_text(data)
    assert pages >= 2
    for number, key in enumerate(ORDER, start=1):
        assert f"{number}. {T(SECTIONS[key])}" in text, key
    assert T("doc.title") in text and made.client.name in text
    for phrase in (
        "binnen zes weken",
        "eerste 6 maanden",
        "Handtekening",
        T.date(made.plan.deadline),
    ):
        assert phrase in text
    for activity in made.plan.activities:
        assert flat(activity.title) in text or flat(activity.title)[:25] in text
    assert f"pagina {pages} van {pages}" in text


def test_the_pdf_in_english_and_its_metadata(person):
    from pypdf import PdfReader

    made = person("b1")
    data = made.render("pdf", lang="en")
    text, _ = pdf_text(data)
    assert "1. Personal details" in text and "within six weeks" in text
    info = PdfReader(io.BytesIO(data)).metadata
    assert info.title == "Personal Integration and Participation Plan (PIP) – Amal Haddad"
    assert info.creator == "padplanner"


def test_the_pdf_draws_the_timeline(person):
    text, _ = pdf_text(person("b1").render("pdf"))
    for label in ("vandaag", "einddatum", "Gesprekken", "taal", "KNM, MAP en PVT"):
        assert label in text
    assert "u/wk" in text


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("audience", ["formal", "person"])
def test_names_with_diacritics_survive(make, name, audience):
    made = make({"id": "doc-name", "name": name})
    text, _ = pdf_text(made.render("pdf", audience=audience))
    assert name in text


@pytest.mark.parametrize("audience", ["formal", "person"])
def test_a_person_without_a_name_or_with_a_very_long_one(make, audience):
    nameless = make({"id": "doc-nameless"})
    text, _ = pdf_text(nameless.render("pdf", audience=audience))
    assert "(naam niet opgegeven)" in text
    long_name = " ".join(["Wolfeschlegelsteinhausenbergerdorff"] * 12) + " " + "X" * 300
    made = make({"id": "doc-long", "name": long_name})
    text, pages = pdf_text(made.render("pdf", audience=audience))
    assert "Wolfeschlegelsteinhausenbergerdorff" in text
    assert "X" * 80 in text.replace(" ", "")  # the unbreakable part is split, not lost
    if audience == "person":
        assert pages == 1


@pytest.mark.parametrize("route", ROUTES)
def test_the_persons_copy_is_one_page(person, route):
    text, pages = pdf_text(person(route).render("pdf", audience="person"))
    assert pages == 1
    assert "Uw plan voor inburgering" in text and "Wat gaat u doen?" in text
    assert "Bel of mail uw klantmanager bij de gemeente." in text


def test_the_bsn_only_when_asked(person):
    made = person("b1")
    assert "249566758" not in pdf_text(made.render("pdf"))[0]
    assert "BSN 249566758" in pdf_text(made.render("pdf", show_bsn=True))[0]


def test_the_same_plan_gives_the_same_bytes(person):
    from padplanner.export import render

    made = person("onderwijs")
    again = render(
        made.plan, "pdf", client=made.client, catalog=made.catalog, today=made.plan.reference_date
    )
    assert again == made.render("pdf", today=made.plan.reference_date)


LIGHT = """
import sys
from padplanner import Planner, load_client
from padplanner.export import render
from padplanner.i18n.catalogue import load

planner = Planner.default()
client = load_client({path!r})
plan = planner.plan(client)
pdf = render(plan, "pdf", client=client, catalog=planner.catalog(plan.municipality), lang="nl")
assert pdf.startswith(b"%PDF")
heavy = ("numpy", "PIL", "networkx", "textual", "scipy", "statsmodels", "ortools")
print(" ".join(sorted(m for m in heavy if m in sys.modules)) or "-")
print(load.cache_info().currsize)
"""


def test_a_dutch_pdf_loads_only_what_it_needs():
    """A Dutch PIP as PDF in a fresh process imports no NumPy, Pillow, networkx or TUI, and
    reads only the Dutch catalogue (every message it shows is there)."""
    import subprocess
    import sys
    from pathlib import Path

    amal = Path(__file__).resolve().parents[2] / "examples" / "clients" / "amal.toml"
    result = subprocess.run(
        [sys.executable, "-c", LIGHT.format(path=str(amal))],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    modules, catalogues = result.stdout.split()
    assert modules == "-"
    assert catalogues == "1"  # Dutch only: no message fell back to English
