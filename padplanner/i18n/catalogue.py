"""The message catalogues: ``padplanner/locale/<lang>/LC_MESSAGES/padplanner.po``, read as is.

The ``.po`` files are read directly with Babel's reader on first use and kept in memory; no
``.mo`` is compiled. A catalogue is small (well under a thousand messages, some milliseconds to
read), reading it needs nothing but Babel, and what runs is always what the file says: there
is no compiled copy that can fall behind an edited ``.po`` and no build step a municipality or
a translator must remember. Fuzzy and empty translations are left out, as ``msgfmt`` does.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Callable
from pathlib import Path

import attrs

CATALOGUE_NAME = "padplanner"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{CATALOGUE_NAME}.po"


@attrs.frozen
class Catalogue:
    """The translations of one language: plain messages, plural forms and the plural rule."""

    lang: str
    messages: dict[str, str]
    plurals: dict[str, tuple[str, ...]]
    plural: Callable[[int], int]

    def get(self, key: str) -> str | None:
        return self.messages.get(key)

    def get_plural(self, key: str, count: int) -> str | None:
        forms = self.plurals.get(key)
        if not forms:
            return None
        index = self.plural(count)
        return forms[index] if index < len(forms) else forms[-1]


@functools.cache
def load(lang: str) -> Catalogue:
    """The catalogue of ``lang``, read once; a missing file is an empty catalogue."""
    from babel.messages.pofile import read_po

    path = po_path(lang)
    messages: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    if not path.is_file():
        return Catalogue(lang, messages, plurals, lambda n: int(n != 1))
    with path.open("rb") as file:
        catalog = read_po(file, locale=lang, domain=CATALOGUE_NAME)
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple | list):
            forms = tuple(message.string)
            if all(forms):
                plurals[message.id[0]] = forms
        elif message.string:
            messages[message.id] = message.string
    return Catalogue(lang, messages, plurals, gettext.c2py(catalog.plural_expr))
