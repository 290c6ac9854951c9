"""``padplanner compare`` as text: the plans side by side and every difference, in a language.

The JSON records each difference as plain data strings (the same in every language); the text
says them again from the values behind them: routes and competencies by name, dates, hours and
money as the language writes them, findings in their rules' sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from padplanner.catalog.sentences import Sentences
from padplanner.export.words import CHECKINS, ROUTES
from padplanner.i18n import N_, resolve_lang, texts
from padplanner.i18n.messages import Texts

AREAS = {  # what a difference is about
    "route": N_("cli.compare.area.route"),
    "goal": N_("cli.compare.area.goal"),
    "activity": N_("cli.compare.area.activity"),
    "check-ins": N_("cli.compare.area.check-ins"),
    "finding": N_("cli.compare.area.finding"),
    "completion": N_("cli.compare.area.completion"),
    "totals": N_("cli.compare.area.totals"),
}


def to_text(data: dict[str, Any], lang: str | None = None) -> str:
    """The comparison as a table and, per municipality, its differences with their rules,
    in ``lang``."""
    t = texts(resolve_lang(lang))
    codes: list[str] = data["municipalities"]
    plans = data["plans"]
    modules: dict[str, int] = {}
    for plan in plans.values():
        for a in plan.activities:
            modules[a.module] = min(modules.get(a.module, a.start_week), a.start_week)
    kinds = sorted({c.kind for p in plans.values() for c in p.check_ins})
    kind_names = {kind: t.get(CHECKINS.get(kind), kind) for kind in kinds}
    catalogs = [data["catalogs"][c] for c in codes if c in data.get("catalogs", {})]
    titles = {m: _module(t, m, catalogs) for m in modules}
    first = max([len(m) for m in (*titles.values(), *kind_names.values())] + [14])
    width = 18

    def row(label: str, cells: Iterable[str]) -> str:
        return f"{label:<{first}}  " + "".join(f"{c:<{width}}" for c in cells).rstrip()

    plan0 = plans[codes[0]]
    weeks_hpw = t("cli.compare.weeks_hpw")
    lines = [
        t(
            "cli.compare.heading",
            client=data["client"],
            municipalities=", ".join(codes),
            date=t.date(plan0.reference_date),
            home=data["home"],
        ),
        "",
        row("", codes),
        row(t("cli.compare.route"), [_route(t, plans[c].route.id) for c in codes]),
        row(t("cli.compare.completion"), [_short(t, plans[c].completion_date) for c in codes]),
        row(t("cli.compare.hours"), [t.hours(round(plans[c].total_hours)) for c in codes]),
        row(t("cli.compare.cost"), [t.money(plans[c].cost_eur) for c in codes]),
        "",
        row(t("cli.compare.activity"), [weeks_hpw for _ in codes]),
    ]
    for module in sorted(modules, key=lambda m: (modules[m], m)):
        cells = []
        for code in codes:
            found = [a for a in plans[code].activities if a.module == module]
            a = found[0] if found else None
            hpw = t.decimal(a.hours_per_week) if a else ""
            cells.append(f"{a.start_week}-{a.end_week - 1}  {hpw}" if a else "-")
        lines.append(row(titles[module], cells))
    if kinds:
        lines += ["", row(t("cli.compare.check_ins"), ["" for _ in codes])]
        for kind in kinds:
            counts = [str(sum(c.kind == kind for c in plans[code].check_ins)) for code in codes]
            lines.append(row(kind_names[kind], counts))
    says = {code: Sentences(catalog, t.lang) for code, catalog in data.get("catalogs", {}).items()}
    for code in codes[1:]:
        lines += ["", t("cli.compare.differences", code=code, base=codes[0])]
        items = data["differences"][code]
        if not items:
            lines.append("  " + t("cli.compare.none"))
        say = says.get(code) or says.get(codes[0])
        for d in items:
            why = ", ".join(d.rules) or t("cli.compare.unexplained")
            if d.indirect:
                why = t("cli.compare.follows", rules=why)
            subject = titles.get(d.subject, d.subject) if d.area == "activity" else None
            head = " ".join(
                part
                for part in (t.get(AREAS.get(d.area), d.area), subject or _subject(t, d, say))
                if part
            )
            old, new = _value(t, d, 0, say), _value(t, d, 1, say)
            lines.append(f"  {head}: {old} → {new}  [{why}]")
    return "\n".join(lines) + "\n"


def _module(t: Texts, module: str, catalogs: list[Any]) -> str:
    """A module's title in the reader's language, from the first catalogue that has it; its
    id when none has."""
    for catalog in catalogs:
        if module in catalog.modules:
            return catalog.modules[module].title.get(t.lang)
    return module


def _route(t: Texts, route: str) -> str:
    return t.get(ROUTES.get(route), route)


def _short(t: Texts, day: date) -> str:
    """A date in a table cell: ``1 sep 2028`` / ``1 Sep 2028``."""
    return t.short_date(day)


def _subject(t: Texts, d: Any, say: Any) -> str:
    if d.area in ("completion", "totals"):
        return ""  # the area says it
    if d.area == "goal" and say is not None:
        return say.format(d.subject, "competency")
    if d.area == "check-ins":
        return t.get(CHECKINS.get(d.subject), d.subject)
    return d.subject  # a rule id, as the JSON has it


def _value(t: Texts, d: Any, side: int, say: Any) -> str:
    """The baseline's (``side`` 0) or the other plan's (1) value of a difference, said."""
    value = d.values[side] if d.values else None
    if value is None:
        return "-" if d.area not in ("route", "completion") else (d.baseline, d.other)[side]
    if d.area == "route":
        return _route(t, value)
    if d.area == "goal":
        return say.format(value.competency, "competency") if say else value.competency
    if d.area == "activity":
        return t(
            "cli.compare.when",
            first=value.start_week,
            last=value.end_week - 1,
            hpw=t.decimal(value.hours_per_week),
            hours=t.hours(round(value.hours)),
        )
    if d.area == "check-ins":
        if not value:
            return "-"
        return f"{len(value)}: " + ", ".join(_short(t, c.date) for c in value)
    if d.area == "finding":
        words: Callable[[Any], str] = say or (lambda f: f.message)
        return " / ".join(sorted(words(f) for f in value)) or "-"
    if d.area == "completion":
        return t.date(value)
    if d.area == "totals":
        return f"{t.hours(round(value.total_hours))}, {t.money(value.cost_eur)}"
    return (d.baseline, d.other)[side]
