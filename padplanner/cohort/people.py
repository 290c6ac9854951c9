"""Everyone's place, finish and reason under one policy: the people list of ``cohort plan``.

The text list (after the side-by-side table) and the HTML report's table read the cohort
document like the other renderers; the reasons are said in the reader's language from the
rules' templates and the values each reason carries (``padplanner/catalog/core.toml`` for the
capacity pass, the law's or the municipality's catalogue for a priority rule): dates as the
language writes them, modules by their titles. A reason whose rule has no sentence (a plugin
written before sentences existed), or a document from before the values, is quoted as its
English ``text``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape
from typing import Any

from padplanner.catalog import Catalog
from padplanner.catalog.sentences import SentenceError, Sentences
from padplanner.i18n import resolve_lang, texts
from padplanner.i18n.messages import Texts
from padplanner.model.plan import reasons_from


def catalog_of(doc: Mapping[str, Any]) -> Catalog:
    """The catalogue of the document's municipality (the national one, its plugins' rules)."""
    from padplanner.engine.planner import Planner

    return Planner.default().catalog(doc["municipality"])


def sentences(doc: Mapping[str, Any], lang: str, catalog: Catalog | None = None) -> Sentences:
    return Sentences(catalog if catalog is not None else catalog_of(doc), lang)


def reason(say: Sentences, placement: Mapping[str, Any]) -> str:
    """Why the person starts as planned, waits or cannot be served, in ``say``'s language:
    the head (how much later, or what moved), then the causes it mentions."""
    (head,) = reasons_from([placement["reason"]])
    causes = reasons_from(placement.get("causes", ()))
    try:
        said = say.say(head, strict=True)
    except SentenceError:  # no values (an older document) or no sentence: its own words
        return head.text
    if not causes:
        return said
    return say.t("cohort.people.because", reason=said, causes="; ".join(map(say, causes)))


def priority(say: Sentences, placement: Mapping[str, Any]) -> str:
    """The priority rule's reason for the person's place in the queue."""
    (why,) = reasons_from([placement["priority"]])
    return say(why)


def _column(doc: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    return next(c for c in doc["columns"] if c["name"] == name)


def _finish(t: Texts, placement: Mapping[str, Any]) -> str:
    done = placement["completion"]
    return t.short_date(date.fromisoformat(done)) if done else "-"


def _delay(t: Texts, placement: Mapping[str, Any]) -> str:
    return "-" if placement["delay_weeks"] is None else t.number(placement["delay_weeks"])


def render_people(
    doc: dict[str, Any], column: str, lang: str | None = None, catalog: Catalog | None = None
) -> str:
    """Everyone's place, dates and reason under one policy (``cohort plan``), as text;
    ``catalog``: the municipality's (default: as the installed plugins give it)."""
    t = texts(resolve_lang(lang))
    placements = _column(doc, column).get("placements", [])
    say = sentences(doc, t.lang, catalog)
    place, who, intensive = (
        t("cohort.people.place"),
        t("cohort.people.id"),
        t("cohort.people.intensive"),
    )
    finish, delay = t("cohort.people.finish"), t("cohort.people.delay")
    lines = [
        f"{place:>5}  {who:<14} {intensive:<3} {finish:<11} {delay:>5}  "
        + t("cohort.people.reason")
    ]
    yes, first = t("cohort.people.yes"), t("cohort.people.priority")
    for p in placements:
        lines.append(
            f"{p['place']:>5}  {p['id']:<14} {yes if p['intensive'] else '':<3} "
            f"{_finish(t, p):<11} {_delay(t, p):>5}  {reason(say, p)}"
        )
        lines.append(f"{'':>5}  {'':<14} {first}: {priority(say, p)}")
    return "\n".join(lines) + "\n"


def people_html(t: Texts, doc: Mapping[str, Any], catalog: Catalog | None = None) -> Sequence[str]:
    """The HTML report's list of everyone under the policy of a ``cohort plan`` document
    (none for a simulation, whose report compares policies)."""
    if doc.get("kind") != "plan":
        return []
    out: list[str] = []
    for column in doc["columns"][1:]:
        placements = column.get("placements", [])
        if not placements:
            continue
        say = sentences(doc, t.lang, catalog)
        heads = (
            t("cohort.people.place"),
            t("cohort.people.id"),
            t("cohort.people.intensive"),
            t("cohort.people.finish"),
            t("cohort.people.delay"),
            t("cohort.people.reason"),
            t("cohort.people.priority"),
        )
        head = "".join(f"<th>{escape(h)}</th>" for h in heads)
        title = t("cohort.html.everyone", policy=column["name"])
        out.append(f"<h2>{escape(title)}</h2>")
        out.append(f'<table class="people"><thead><tr>{head}</tr></thead><tbody>')
        for p in placements:
            cells = (
                t.number(p["place"]),
                p["id"],
                t("cohort.people.yes") if p["intensive"] else "",
                _finish(t, p),
                _delay(t, p),
                reason(say, p),
                priority(say, p),
            )
            out.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        out.append("</tbody></table>")
    return out
