"""A fair lottery where places are scarce: lots are drawn only among the people tied at the
cut-off, with a recorded seed.

A policy ranks its candidates (a lower rank goes first; the municipality's priority rule or
any permitted ordering). Everyone ranked before the cut-off gets a place, everyone after it
does not; only the people whose rank equals the last place's rank share the places left, in
an order drawn from the seed (numpy's PCG64: the same candidates, places and seed always give
the same draw). Each tied person's result is a counsellor decision (``lottery``) with its
reason, and an audit entry; people drawn out keep their normal plan. Those draws are what
makes a randomised comparison possible (``padplanner evaluate``).

The reason is stored as data, not as a sentence: a rule id and its values
(:class:`DrawReason`, JSON in the decision's reason and the audit entry's detail), said in
the reader's language when it is shown (:func:`say`). A reason that is not such data (a
counsellor's own words, or a lottery recorded as an English sentence before) is shown as it
was written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from padplanner.i18n import N_
from padplanner.store.events import INTERVENTIONS, Decision

if TYPE_CHECKING:
    from padplanner.i18n.messages import Texts

TITLES = {
    "mediation": N_("cohort.intervention.mediation"),
    "dual": N_("cohort.intervention.dual"),
    "values": N_("cohort.intervention.values"),
}
RULES = {  # the rule id of each result, and its sentence
    "drawn": ("padplanner.lottery.drawn", N_("ev.lottery.reason.drawn")),
    "not-drawn": ("padplanner.lottery.not_drawn", N_("ev.lottery.reason.not_drawn")),
}
SENTENCES = dict(RULES.values())
VALUES = ("intervention", "seed", "tied", "rank", "left", "places", "number")


@attrs.frozen
class DrawReason:
    """Why a tied person got a place or not: the rule id and the draw's values."""

    rule: str
    values: dict[str, Any]

    def to_text(self) -> str:
        """The stored form: compact JSON, keys sorted (the same draw, the same text)."""
        return json.dumps(
            {"rule": self.rule, "values": self.values}, sort_keys=True, separators=(",", ":")
        )

    @classmethod
    def parse(cls, text: str) -> DrawReason | None:
        """The reason stored by :meth:`to_text`, or None for any other text."""
        if not text.startswith("{"):
            return None
        try:
            data = json.loads(text)
        except ValueError:
            return None
        if not isinstance(data, dict) or data.get("rule") not in SENTENCES:
            return None
        values = data.get("values")
        if not isinstance(values, dict) or any(key not in values for key in VALUES):
            return None
        return cls(data["rule"], values)


def say(reason: str, t: Texts) -> str:
    """A decision's reason (or a lottery's audit detail) as the reader reads it: a lottery
    draw in ``t``'s language, any other text as it was written."""
    found = DrawReason.parse(reason)
    if found is None:
        return reason
    v = found.values
    what = TITLES.get(str(v["intervention"]))
    try:
        return t(
            SENTENCES[found.rule],
            what=t(what) if what else str(v["intervention"]),
            seed=v["seed"],
            tied=t.number(int(v["tied"])),
            rank=t.decimal(float(v["rank"]), 2),
            left=t.number(int(v["left"])),
            places=t.number(int(v["places"])),
            number=t.number(int(v["number"])),
        )
    except (TypeError, ValueError):  # values that are not numbers: show what was stored
        return reason


@attrs.frozen
class Draw:
    person: str
    rank: float
    result: str  # "before" the cut-off (a place), "drawn", "not-drawn", "after" (no place)
    number: int | None = None  # place in the drawn order among the tied (1-based)


@attrs.frozen
class Lottery:
    intervention: str
    places: int
    seed: int
    cut_rank: float | None  # the rank at the cut-off (None: places for everyone)
    tied: int  # people at the cut-off
    left: int  # places left for them
    draws: tuple[Draw, ...]

    @property
    def held(self) -> bool:
        """True when lots were drawn (more people tied at the cut-off than places left)."""
        return self.tied > 0

    def reason(self, draw: Draw) -> DrawReason:
        """Why ``draw`` (a person tied at the cut-off) got a place or not."""
        values = {
            "intervention": self.intervention,
            "seed": self.seed,
            "tied": self.tied,
            "rank": self.cut_rank,
            "left": self.left,
            "places": self.places,
            "number": draw.number,
        }
        return DrawReason(RULES[draw.result][0], values)


def draw_lots(
    candidates: Sequence[tuple[str, float]], places: int, seed: int, intervention: str
) -> Lottery:
    """Give ``places`` places to ``candidates`` (``(person, rank)``, lower ranks first),
    drawing lots only among the people tied at the cut-off."""
    import numpy as np

    if intervention not in INTERVENTIONS:
        raise ValueError(f"unknown intervention {intervention!r} ({', '.join(INTERVENTIONS)})")
    if places < 0:
        raise ValueError("places must be at least 0")
    ordered = sorted(candidates, key=lambda c: (c[1], c[0]))
    if len({p for p, _ in ordered}) != len(ordered):
        raise ValueError("a candidate appears twice")
    if places >= len(ordered) or places == 0:
        result = "before" if places else "after"
        draws = tuple(Draw(p, r, result) for p, r in ordered)
        return Lottery(intervention, places, seed, None, 0, 0, draws)
    cut = ordered[places - 1][1]
    before = [(p, r) for p, r in ordered if r < cut]
    tied = [(p, r) for p, r in ordered if r == cut]
    after = [(p, r) for p, r in ordered if r > cut]
    left = places - len(before)
    if left == len(tied):  # the places reach exactly to the end of the tie: nothing to draw
        draws = tuple(Draw(p, r, "before" if r <= cut else "after") for p, r in ordered)
        return Lottery(intervention, places, seed, None, 0, 0, draws)
    order = np.random.default_rng(seed).permutation(len(tied))
    drawn = []
    for number, index in enumerate(order, start=1):
        person, rank = tied[int(index)]
        result = "drawn" if number <= left else "not-drawn"
        drawn.append(Draw(person, rank, result, number))
    draws = (
        *(Draw(p, r, "before") for p, r in before),
        *sorted(drawn, key=lambda d: d.number or 0),
        *(Draw(p, r, "after") for p, r in after),
    )
    return Lottery(intervention, places, seed, cut, len(tied), left, tuple(draws))


def decisions(lottery: Lottery) -> list[tuple[str, Decision]]:
    """One ``lottery`` decision per person tied at the cut-off, with its reason."""
    return [
        (
            d.person,
            Decision("lottery", f"{lottery.intervention}:{d.result}", lottery.reason(d).to_text()),
        )
        for d in lottery.draws
        if d.result in ("drawn", "not-drawn")
    ]


def record(store: Any, lottery: Lottery, author: str) -> int:
    """Record every draw as a decision and an audit entry (``lottery``, with the reason);
    returns how many. Nobody's plan changes: people drawn out keep their normal plan."""
    recorded = 0
    for person, decision in decisions(lottery):
        store.decide(person, decision, author=author)
        with store.write() as conn:
            store.log(conn, "lottery", person, decision.reason, actor=author)
        recorded += 1
    return recorded
