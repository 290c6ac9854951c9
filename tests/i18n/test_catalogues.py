"""Every message the code asks for has a Dutch and an English text, and nothing more.

The ids are extracted from the code with ``babel.cfg``, exactly as ``make catalogues`` does;
each language's ``.po`` must hold all of them, translated and not fuzzy, with the same
``{fields}`` in both languages, and no id that the code no longer uses.
"""

from __future__ import annotations

import re
import string
import tokenize
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from babel.util import pathmatch

from padplanner.i18n import LANGS
from padplanner.i18n.catalogue import po_path

ROOT = Path(__file__).resolve().parents[2]


@cache
def in_code() -> dict[str, str | None]:
    """id → its plural id (None for a plain message), as ``pybabel extract`` finds them."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file)
    found: dict[str, str | None] = {}
    for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map, options_map):
        if isinstance(message, tuple):
            found[message[0]] = message[1]
        else:
            found.setdefault(message, None)
    return found


@cache
def catalogue(lang: str):
    with po_path(lang).open("rb") as file:
        return read_po(file, locale=lang)


def entries(lang: str) -> dict:
    return {m.id[0] if isinstance(m.id, tuple) else m.id: m for m in catalogue(lang) if m.id}


def some(keys: list[str]) -> str:
    return ", ".join(keys[:12]) + (f" and {len(keys) - 12} more" if len(keys) > 12 else "")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_code_asks_for_messages():
    assert {"unit.hour", "unit.week"} <= set(in_code())


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_in_the_code_is_translated(lang):
    have = entries(lang)
    missing = sorted(set(in_code()) - set(have))
    assert not missing, (
        f"{po_path(lang)} lacks {some(missing)}: run `make catalogues`, then translate"
    )
    empty = sorted(k for k in in_code() if not all(_forms(have[k].string)))
    assert not empty, f"{po_path(lang)}: no translation for {some(empty)}"
    fuzzy = sorted(k for k in in_code() if have[k].fuzzy)
    assert not fuzzy, f"{po_path(lang)}: fuzzy translations {some(fuzzy)}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_message_the_code_does_not_use(lang):
    stale = sorted(set(entries(lang)) - set(in_code()))
    assert not stale, f"{po_path(lang)} has ids no code uses: {some(stale)} (run `make catalogues`)"
    assert not catalogue(lang).obsolete, f"{po_path(lang)} keeps obsolete (#~) entries"


@pytest.mark.parametrize("lang", LANGS)
def test_plural_messages_are_plural_in_the_catalogue(lang):
    have = entries(lang)
    for key, plural in in_code().items():
        if key not in have:
            continue
        assert isinstance(have[key].id, tuple) == (plural is not None), key
        if plural is not None:
            assert have[key].id[1] == plural, key


def test_both_languages_fill_the_same_fields():
    nl, en = entries("nl"), entries("en")
    for key in in_code():
        if key in nl and key in en:
            for a, b in zip(_forms(nl[key].string), _forms(en[key].string), strict=False):
                assert fields(a) == fields(b), f"{key}: nl {fields(a)} vs en {fields(b)}"


def _forms(value) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, tuple | list) else (value,)


def test_no_message_is_looked_up_inside_an_f_string():
    """The extractor does not read inside f-strings: a ``t("...")`` there would be missed."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as file:
        method_map, _ = parse_mapping_cfg(file)
    patterns = [pattern for pattern, method in method_map if method == "python"]
    lookup = re.compile(r"""\b(?:t|N_|ngettext)\(\s*['"][a-z]""")
    found = []
    for path in sorted((ROOT / "padplanner").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if not any(pathmatch(pattern, name) for pattern in patterns):
            continue
        with path.open("rb") as file:
            for token in tokenize.tokenize(file.readline):
                text = token.string
                f_string = token.type == tokenize.STRING and text[:2].lower() in ("f'", 'f"')
                if f_string and lookup.search(text):
                    found.append(f"{name}:{token.start[0]}")
    assert not found, f"message ids inside f-strings: {found}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_catalogue_is_as_make_catalogues_writes_it(lang):
    """Sorted by id and wrapped as ``pybabel update`` writes it, so that two changes that add
    messages meet in as few lines as possible."""
    from io import BytesIO

    from babel.messages.pofile import write_po

    raw = po_path(lang).read_bytes()
    written = BytesIO()
    write_po(written, read_po(BytesIO(raw), locale=lang), width=76, ignore_obsolete=True)
    keys = [m.id[0] if isinstance(m.id, tuple) else m.id for m in catalogue(lang) if m.id]
    assert keys == sorted(keys), f"{po_path(lang)}: not sorted by id; run `make catalogues`"
    assert written.getvalue() == raw, f"{po_path(lang)}: run `make catalogues` to rewrap it"
