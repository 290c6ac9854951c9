"""The HTML: one well-formed, self-contained file with an SVG timeline that prints well."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from docshelp import NAMES, ROUTES, html_text

from padplanner.export.pip import ORDER, SECTIONS
from padplanner.i18n import texts

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("audience", ["formal", "person"])
@pytest.mark.parametrize("route", ROUTES)
def test_the_html_is_well_formed_xhtml(person, route, audience, lang):
    html = person(route).render("html", audience=audience, lang=lang)
    root = ET.fromstring(html)  # raises on any well-formedness error
    assert root.tag == f"{XHTML}html" and root.get("lang") == lang
    assert html.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("route", ROUTES)
def test_the_html_holds_every_part_of_the_pip(person, route):
    made = person(route)
    t = texts("nl")
    root = ET.fromstring(made.render("html"))
    headings = [" ".join(h.itertext()) for h in root.iter(f"{XHTML}h2")]
    assert headings == [f"{n}. {t(SECTIONS[key])}" for n, key in enumerate(ORDER, start=1)]
    ids = [s.get("id") for s in root.iter(f"{XHTML}section")]
    assert ids == list(ORDER)
    text = html_text(made.render("html"))
    for phrase in ("binnen zes weken", "eerste 6 maanden", t.date(made.plan.deadline)):
        assert phrase in text
    rows = root.find(f".//{XHTML}section[@id='activities']/{XHTML}table/{XHTML}tbody")
    assert len(rows) == len(made.plan.activities)


def test_the_timeline_is_an_inline_svg_with_labels_not_only_colours(person):
    made = person("b1")
    root = ET.fromstring(made.render("html"))
    svg = root.find(f".//{XHTML}figure/{SVG}svg")
    assert svg is not None
    texts = [" ".join(e.itertext()) for e in svg.iter(f"{SVG}text")]
    assert any("vandaag" in s for s in texts) and any("einddatum" in s for s in texts)
    for activity in made.plan.activities:  # every bar has its row label
        assert any(activity.title[:20] in s for s in texts)
    patterns = {p.get("id") for p in svg.iter(f"{SVG}pattern")}
    fills = {
        r.get("fill") for r in svg.iter(f"{SVG}rect") if (r.get("fill") or "").startswith("url(")
    }
    assert fills and {f[5:-1] for f in fills} <= patterns
    assert len({f for f in fills}) >= len({a.kind for a in made.plan.activities})
    dashed = [line for line in svg.iter(f"{SVG}line") if line.get("stroke-dasharray")]
    assert len(dashed) == 1  # today: dashed, the deadline: solid and labelled


def test_the_html_needs_nothing_from_outside_and_prints(person):
    html = person("b1").render("html")
    root = ET.fromstring(html)
    assert not list(root.iter(f"{XHTML}script")) and not list(root.iter(f"{XHTML}link"))
    assert not list(root.iter(f"{XHTML}img"))
    for element in root.iter():
        for attribute in ("src", "href"):
            assert not (element.get(attribute) or "").startswith(("http", "//"))
    style = root.find(f".//{XHTML}style").text
    assert "@media print" in style and "@page" in style


@pytest.mark.parametrize("name", [*NAMES, '<b>Tom & Jerry</b> "O\'Neil"'])
def test_names_survive_and_markup_is_escaped(make, name):
    made = make({"id": "doc-name", "name": name})
    for audience in ("formal", "person"):
        root = ET.fromstring(made.render("html", audience=audience))
        assert name in " ".join(root.itertext())
        assert not list(root.iter(f"{XHTML}b"))


def test_no_name_and_an_extremely_long_name(make):
    root = ET.fromstring(make({"id": "doc-nameless"}).render("html"))
    assert "(naam niet opgegeven)" in " ".join(root.itertext())
    long_name = "Q" * 2000
    root = ET.fromstring(make({"id": "doc-long", "name": long_name}).render("html"))
    assert long_name in " ".join(root.itertext())
