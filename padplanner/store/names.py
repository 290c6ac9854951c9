"""The sort and search key of a name: case- and accent-insensitive (``Öztürk`` ~ ``ozturk``)."""

from __future__ import annotations

import unicodedata

KEY_LENGTH = 200


def name_key(name: str | None) -> str:
    """Lower case without diacritics, whitespace collapsed; ``""`` for no name."""
    if not name:
        return ""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    special = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss", "đ": "d"})
    return " ".join(plain.translate(special).casefold().split())[:KEY_LENGTH]
