"""CEFR levels, exam skills and competency requirements.

A *competency* is either leveled on a scale (``speaking>=B1``, ``literacy>=alfa-c``) or a flag
(``pvt``, ``knm``, ``work:care``). :class:`Requirement` is the parsed form of both.
"""

from __future__ import annotations

import enum
import re

import attrs

from padplanner.errors import phrased

SKILLS: tuple[str, ...] = ("reading", "listening", "writing", "speaking")


class Level(enum.IntEnum):
    """The CEFR scale, ordered; ``A0`` means no Dutch at all."""

    A0 = 0
    A1 = 1
    A2 = 2
    B1 = 3
    B2 = 4
    C1 = 5
    C2 = 6

    @classmethod
    def parse(cls, text: str) -> Level:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = " ".join(level.name for level in cls)
            raise ValueError(phrased("input.value.cefr", value=repr(text), names=names)) from None

    def __str__(self) -> str:
        return self.name


_REQ = re.compile(r"^\s*([a-z][a-z0-9_:\-]*)\s*(?:>=\s*([A-Za-z0-9\-]+))?\s*$")


@attrs.frozen(order=True)
class Requirement:
    """``name`` alone is a flag; ``name>=level`` a level on the competency's scale."""

    name: str
    level: str | None = None

    @classmethod
    def parse(cls, text: str) -> Requirement:
        match = _REQ.match(text)
        if not match:
            raise ValueError(phrased("input.value.requirement", value=repr(text)))
        return cls(match.group(1), match.group(2))

    def __str__(self) -> str:
        return self.name if self.level is None else f"{self.name}>={self.level}"
