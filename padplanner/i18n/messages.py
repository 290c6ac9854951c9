"""The texts and formats of one language: what every screen, report and document asks for."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from padplanner.i18n import LOCALES, N_, formats
from padplanner.i18n.catalogue import Catalogue, load

FALLBACK = "en"  # a message the language lacks is shown in English, then as its id


class Texts:
    """``t("doc.sec.person")``, ``t("plan.saved", revision=3)``, ``t.date(day)``, ...

    A message is a ``str.format`` template; keyword arguments fill its ``{fields}``. Numbers
    and dates given as fields should be formatted first (``t.number``, ``t.date``), so every
    text shows them as the language writes them.
    """

    def __init__(self, lang: str, catalogues: tuple[Catalogue, ...] | None = None):
        self.lang = lang
        self.locale = LOCALES[lang]
        self._given = catalogues  # the language's own catalogue, then English (read on a miss)

    @property
    def _chain(self) -> Iterator[Catalogue]:
        if self._given is not None:
            yield from self._given
            return
        yield load(self.lang)
        if self.lang != FALLBACK:
            yield load(FALLBACK)

    def __repr__(self) -> str:
        return f"Texts({self.lang!r})"

    # -- messages ------------------------------------------------------------------------
    def __call__(self, key: str, /, **fields: object) -> str:
        """The message ``key`` (gettext), with ``fields`` filled in."""
        for catalogue in self._chain:
            text = catalogue.get(key)
            if text is not None:
                return text.format(**fields) if fields else text
        return key

    def ngettext(self, singular: str, plural: str, count: int, /, **fields: object) -> str:
        """The form of ``singular``/``plural`` for ``count`` (the language's plural rule);
        ``{n}`` in it is ``count`` as the language writes numbers."""
        fields.setdefault("n", self.number(count))
        for catalogue in self._chain:
            text = catalogue.get_plural(singular, count)
            if text is not None:
                return text.format(**fields)
        return (singular if count == 1 else plural).format(**fields)

    def has(self, key: str) -> bool:
        return any(catalogue.get(key) is not None for catalogue in self._chain)

    def get(self, key: str | None, default: str) -> str:
        """The message ``key``, or ``default`` when there is none (a word a plugin brought)."""
        return self(key) if key is not None and self.has(key) else default

    def choices(self, labels: dict[str, str], values: Iterable[str]) -> list[tuple[str, str]]:
        """``(label, value)`` pairs for a choice list; ``labels`` maps values to message ids."""
        return [(self.get(labels.get(v), v), v) for v in values]

    # -- numbers and dates ---------------------------------------------------------------
    def number(self, value: float, decimals: int = 0) -> str:
        """``1.691`` / ``1,691``; ``decimals`` fixes the places shown (``2.206,5``)."""
        return formats.number(value, self.locale, decimals)

    def decimal(self, value: float, places: int = 1) -> str:
        """Up to ``places`` decimals, none for a whole value: ``2,5`` / ``3``."""
        return formats.decimal(value, self.locale, places)

    def _quantity(self, value: float) -> tuple[str, int]:
        """``value`` as shown, and the count that chooses its plural form (2 for 1,5)."""
        if float(value).is_integer():
            return self.number(value), int(value)
        return self.decimal(value), 2

    def hours(self, value: float) -> str:
        """``1.691 uur``, ``1 uur`` / ``1,691 hours``, ``1 hour``."""
        n, count = self._quantity(value)
        return self.ngettext("unit.hour", "unit.hours", count, n=n)

    def weeks(self, value: float) -> str:
        """``1 week``, ``3 weken`` / ``1 week``, ``3 weeks``."""
        n, count = self._quantity(value)
        return self.ngettext("unit.week", "unit.weeks", count, n=n)

    def money(self, value: float) -> str:
        """Whole euros: ``€ 14.050`` / ``€14,050``."""
        return formats.money(value, self.locale)

    def chance(self, share: float) -> str:
        """A probability in plain words: ``ongeveer 8 op de 10`` / ``about 8 in 10``; above
        0.95 ``meer dan 9 op de 10``, below 0.05 ``minder dan 1 op de 10``."""
        if share >= 0.95:
            return self(N_("chance.over9"))
        if share < 0.05:
            return self(N_("chance.under1"))
        return self(N_("chance.about"), n=min(9, max(1, round(share * 10))))

    def percent(self, share: float, decimals: int = 0) -> str:
        """``0.45`` → ``45 %`` / ``45%``."""
        return formats.percent(share, self.locale, decimals)

    def date(self, day: date) -> str:
        """``28 augustus 2028`` / ``28 August 2028``."""
        return formats.long_date(day, self.locale)

    def month(self, day: date, year: bool = True, cell: bool = False) -> str:
        """``okt 2025`` / ``Oct 2025`` (for an axis); ``cell``: three letters, ``Sep 2027``
        (for a column of months)."""
        return formats.month(day, self.locale, year, cell)

    def short_date(self, day: date) -> str:
        """``1 sep 2028`` / ``1 Sep 2028`` (for a table cell)."""
        return formats.short_date(day, self.locale)

    def weekday(self, key: str, short: bool = False) -> str:
        """``mon`` → ``maandag`` / ``Monday``; ``short``: ``ma`` / ``Mon``."""
        return formats.weekday(key, self.locale, short)

    def join(self, items: Sequence[str]) -> str:
        """``a, b en c`` / ``a, b and c``."""
        return formats.join(items, self.locale)
