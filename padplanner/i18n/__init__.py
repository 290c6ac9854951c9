"""One text system for everything people read: the language, the catalogues, the formats.

Interface texts (headings, labels, buttons, table columns, messages) live in gettext
catalogues, one per language: ``padplanner/locale/<lang>/LC_MESSAGES/padplanner.po``. Their
message ids are stable dotted keys (``doc.sec.person``), not English sentences: Dutch and
English are both translations, so rewording one language never touches the other. Numbers,
hours, dates, money, percentages and lists are formatted by Babel for the language's locale
(``nl_NL``, ``en_GB``): "1.691 uur", "28 augustus 2028", "€ 14.050", "45 %".

``texts(lang)`` gives the :class:`~padplanner.i18n.messages.Texts` of one language. The language
is, in order: an explicit choice (``--lang``, a function argument), ``PADPLANNER_LANG``, a
saved setting (the TUI's), Dutch. Importing this module costs nothing: the catalogues and
Babel load on first use, so ``padplanner --help`` stays fast.

Message ids must be string literals where they are used, so ``pybabel extract`` finds them
(``babel.cfg`` names the keywords: ``t(...)``, ``ngettext(...)`` and ``N_(...)``). An id
chosen at run time (a route, a severity) is declared with :func:`N_` in a table first.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from padplanner.i18n.messages import Texts

LANGS: tuple[str, ...] = ("nl", "en")
DEFAULT_LANG = "nl"
ENV = "PADPLANNER_LANG"
# Babel locales: Dutch as in the Netherlands; English as the EU writes it (28 August 2028,
# "a, b and c", €14,050).
LOCALES = {"nl": "nl_NL", "en": "en_GB"}


class LanguageError(ValueError):
    """A language padplanner does not speak; the message says where it came from and the fix."""

    def __init__(self, where: str, value: str):
        self.where, self.value = where, value
        self.problem = f"{value!r} is not a language padplanner speaks; use nl or en"
        super().__init__(f"{where}: {self.problem}")


def _code(value: str) -> str | None:
    """``nl``, ``NL``, ``nl_NL.UTF-8`` → ``nl``; None when it is not a known language."""
    code = value.strip().lower().replace("-", "_").split("_", 1)[0].split(".", 1)[0]
    return code if code in LANGS else None


def check_lang(lang: str, where: str = "language") -> str:
    """``lang`` as a language code, or :class:`LanguageError` naming ``where`` it came from."""
    code = _code(lang)
    if code is None:
        raise LanguageError(where, lang)
    return code


def resolve_lang(explicit: str | None = None, setting: str | None = None) -> str:
    """The language to use: ``explicit``, else ``PADPLANNER_LANG``, else ``setting``, else nl.

    An explicit choice or the environment variable that names an unknown language is an
    error (:class:`LanguageError`); an unreadable saved setting is ignored.
    """
    if explicit:
        return check_lang(explicit)
    env = os.environ.get(ENV, "").strip()
    if env:
        return check_lang(env, ENV)
    if setting and _code(setting):
        return _code(setting) or DEFAULT_LANG
    return DEFAULT_LANG


def N_(key: str) -> str:
    """Mark a message id for extraction without translating it (for tables of ids)."""
    return key


@functools.cache
def texts(lang: str = DEFAULT_LANG) -> Texts:
    """The texts and formats of ``lang`` (``nl`` or ``en``), loaded once."""
    from padplanner.i18n.messages import Texts

    return Texts(check_lang(lang))
