"""A fair lottery where places are scarce: lots are drawn only among the people tied at the
cut-off, with a recorded seed.

A policy ranks its candidates (a lower rank goes first; the municipality's priority rule or
any permitted ordering). Everyone ranked before the cut-off gets a place, everyone after it
does not; only the people whose rank equals the last place's rank share the places left, in
an order drawn from the seed (numpy's PCG64: the same candidates, places and seed always give
the same draw). Each tied person's result is a counsellor decision (``lottery``) with its
reason, and an audit entry; people drawn out keep their normal plan. Those draws are what
makes a randomised comparison possible (``padplanner evaluate``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from padplanner.store.events import INTERVENTIONS, Decision

TITLES = {
    "mediation": "intensive mediation",
    "dual": "a dual trajectory",
    "values": "values conversations",
}


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

    def reason(self, draw: Draw) -> str:
        what = TITLES[self.intervention]
        head = (
            f"Lottery for {what} (seed {self.seed}): {self.tied} people with priority "
            f"{self.cut_rank:g} at the cut-off for {self.left} of {self.places} places"
        )
        if draw.result == "drawn":
            return f"{head}; drawn as number {draw.number} of {self.tied}: a place"
        return (
            f"{head}; drawn as number {draw.number} of {self.tied}: no place, the normal plan stays"
        )


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
        (d.person, Decision("lottery", f"{lottery.intervention}:{d.result}", lottery.reason(d)))
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
