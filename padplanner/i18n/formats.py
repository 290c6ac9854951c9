"""Numbers, money, percentages, dates and lists as a language writes them (Babel, CLDR data).

Every function takes the Babel locale (``nl_NL``, ``en_GB``). Two choices beyond CLDR's
defaults: money is shown in whole euros ("€ 14.050", as budgets and fines are written), and
Dutch puts a (non-breaking) space before the percent sign ("45 %", as the Taalunie advises).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from babel.dates import format_date, get_day_names
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, format_percent

NBSP = "\u00a0"
_PERCENT = {"nl_NL": f"#,##0{NBSP}%"}
_MONEY = {"nl_NL": f"¤{NBSP}#,##0;¤{NBSP}-#,##0"}
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def number(value: float, locale: str, decimals: int = 0) -> str:
    """``1691`` → ``1.691`` (nl) / ``1,691`` (en); ``decimals`` fixes the places shown."""
    return format_decimal(value, _pattern(decimals), locale=locale)


def decimal(value: float, locale: str, places: int = 1) -> str:
    """Up to ``places`` decimals, none when the value is whole: ``2,5`` / ``3``."""
    return format_decimal(value, "#,##0." + "#" * places, locale=locale)


def money(value: float, locale: str, currency: str = "EUR") -> str:
    """Whole euros: ``€ 14.050`` / ``€14,050``."""
    pattern = _MONEY.get(locale, "¤#,##0;-¤#,##0")
    return format_currency(value, currency, pattern, locale=locale, currency_digits=False)


def percent(share: float, locale: str, decimals: int = 0) -> str:
    """``0.45`` → ``45 %`` (nl) / ``45%`` (en)."""
    pattern = _PERCENT.get(locale, "#,##0%")
    if decimals:
        pattern = pattern.replace("#,##0", _pattern(decimals))
    return format_percent(share, pattern, locale=locale)


def long_date(day: date, locale: str) -> str:
    """``28 augustus 2028`` / ``28 August 2028``."""
    return format_date(day, "d MMMM y", locale=locale)


def month(day: date, locale: str, year: bool = True, cell: bool = False) -> str:
    """A short month for an axis: ``okt 2025`` / ``Oct 2025`` (or without the year). In a
    table ``cell`` the month has three letters (English ``Sep``, not CLDR's ``Sept``), so a
    column of months is 8 wide in both languages."""
    name = format_date(day, "LLL", locale=locale).rstrip(".")
    name = name[:3] if cell else name
    return f"{name} {day.year}" if year else name


def short_date(day: date, locale: str) -> str:
    """A date in a table cell: ``1 sep 2028`` / ``1 Sep 2028`` (three letters, no dot)."""
    return f"{day.day} {month(day, locale, cell=True)}"


def weekday(key: str, locale: str, short: bool = False) -> str:
    """``mon`` → ``maandag`` / ``Monday`` (``short``: ``ma`` / ``Mon``); other keys unchanged."""
    if key not in _DAYS:
        return key
    names = get_day_names("abbreviated" if short else "wide", locale=locale)
    return str(names[_DAYS.index(key)]).rstrip(".")


def join(items: Sequence[str], locale: str) -> str:
    """``a, b en c`` / ``a, b and c``."""
    return format_list(list(items), locale=locale) if items else ""
