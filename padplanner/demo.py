"""Synthetic caseloads for demos, tests and benchmarks. Never real people.

``generate(n, seed, today=...)`` returns ``n`` valid ``Client`` objects; the same ``n``,
``seed`` and ``today`` always give the same people. ``padplanner.store.demo_fill.fill_demo``
puts them into a store, planned, with simulated progress.

Distributions, and where they come from (docs/domain.md; **[thumb]** marks our own assumption
where no public figure gives a share, to be replaced by a municipality's own figures):

=================  ===========================================================================
field              distribution
=================  ===========================================================================
age at term start  18-24: 20 %, 25-34: 38 %, 35-44: 25 %, 45-54: 12 %, 55-66: 5 %. Domain:
                   obliged from 18 up to the state-pension age [law]; shares [thumb]
term start         a Monday, uniform over the 156 weeks (the 3-year term [law]) before
                   ``today``, never before 2022-01-01 (Wi2021 applies from then [law])
education          none 15 %, primary 25 %, secondary 33 %, vocational 17 %, higher 10 %.
                   Hours per profile follow the Flemish figures [practice]; an alderman's
                   interview reported 1-2 % higher educated (Sociale Vraagstukken, 2018;
                   docs/domain.md); shares [thumb]
literacy           no education: not literate 55 %, other script 30 %; primary: 20 % / 40 %;
                   otherwise 3 % / 35 %; the rest reads the Latin script. Domain: literacy
                   first for people who cannot read or write the Latin script [practice];
                   shares [thumb]
learnability       low 25 %, average 55 %, high 20 %, shifted one step down for no education
                   and up for higher education. Domain: everyone takes the LBT [law]
levels             not literate: A0 everywhere; otherwise a base level (A0 45 %, A1 35 %,
                   A2 15 %, B1 5 %) and each skill one step apart with 25 % chance
                   (speaking/listening tend up, writing down). Domain: A0 = no Dutch [thumb]
weekly hours       8: 10 %, 12: 25 %, 16: 35 %, 20: 20 %, 24: 10 %; 28-32 for young people
                   aiming at study (the onderwijsroute is full-time [law/Divosa])
aim                work 65 %, study 12 %, participation 23 %; study mostly under 28 with
                   secondary or higher education (onderwijsroute up to ~28 [law]);
                   participation more often from 50. Domain: dualiteit [practice]; [thumb]
work goal          care 22 %, logistics 22 %, retail 16 %, hospitality 16 %, technology 14 %,
                   childcare-education 10 % (the catalogue's sectors [practice]); [thumb]
foreign diploma    follows education (higher: bachelor/master/doctorate); IDW evaluation
                   done for 20 % of them. Domain: diploma recognition (IDW) [law]
Dutch contact      none 35 %, some 50 %, daily 15 % [thumb]
availability       five days 70 %, four days 30 %; childcare needed 25 % [thumb]
municipality       the caller's: ``fill_demo`` spreads people evenly over the municipalities
                   the installed plugins serve. Fallback, when no plugin serves one (and for
                   ``generate`` called without): by CBS code, GM0034 35 %, GM0363 15 %, GM0599
                   12 %, GM0518 10 %, GM0344 8 %, GM0772 6 %, GM0014 6 %, GM0153 8 % [thumb]
names              given names and family names drawn independently from one mixed pool
                   (Dutch and international, with diacritics), so a name says nothing about
                   anyone's origin: no nationality is modelled (domain: SyRI ruling)
BSN                nine digits starting with 99 that pass the elfproef (domain: BSN), unique
                   within a caseload; synthetic, easy to recognise
=================  ===========================================================================

"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from padplanner.model import Client, Level
from padplanner.model.client import Availability, Levels, Work
from padplanner.model.levels import SKILLS

DEMO_TODAY = date(2026, 1, 5)
LAW_FROM = date(2022, 1, 3)  # the first Monday under the Wi2021

GIVEN_NAMES: tuple[str, ...] = (
    "Amal", "Fatima", "Yusuf", "Mariam", "Tesfaye", "Aster", "Dawit", "Helen", "Ahmad",
    "Zainab", "Omar", "Layla", "Kofi", "Ama", "José", "María", "Ana", "João", "Łukasz",
    "Zoë", "Chloé", "Anaïs", "Noël", "Søren", "Björn", "Inês", "Noor", "Sanne", "Daan",
    "Emma", "Lucas", "Mila", "Sem", "Tess", "Anouk", "Bram", "Linh", "Minh", "Thảo",
    "Rustam", "Dilnoza", "Aziz", "Şeyma", "Emre", "Gül", "Olena", "Andrii", "Kateryna",
    "Dmytro", "Aylin", "Hüseyin", "Rania", "Samir", "Yara", "Ibrahim", "Hawa", "Abdi",
    "Safiya", "Mohamed", "Nour", "Elif", "Sébastien", "Renée", "Joëlle", "Małgorzata",
    "Jiří", "Ngozi", "Chidi", "Senait", "Yonas", "Meseret", "Hamid", "Soraya", "Farid",
    "Leïla", "Andrés", "Lucía", "Ramón", "Ilse", "Joris", "Femke", "Thijs",
)  # fmt: skip
FAMILY_NAMES: tuple[str, ...] = (
    "Haddad", "Öztürk", "Yılmaz", "Bekele", "Tesfay", "Gebremedhin", "Al-Khatib", "Nasser",
    "Mensah", "Osei", "García", "Muñoz", "Pérez", "Gonçalves", "Nowak", "Wiśniewski",
    "Kovačević", "Horváth", "Dvořák", "de Vries", "van den Berg", "Jansen", "Bakker",
    "Visser", "Smit", "de Jong", "van Dijk", "Meijer", "Mulder", "Nguyễn", "Trần", "Lê",
    "Phạm", "Karimi", "Rahimi", "Hosseini", "Ahmadi", "Shevchenko", "Kovalenko",
    "Bondarenko", "Çelik", "Şahin", "Doğan", "Mohamud", "Warsame", "Abdullahi", "Diallo",
    "Traoré", "Ndiaye", "Sørensen", "Müller", "Ó Briain", "Brontë", "Ŝimko", "Şen",
    "van 't Hek", "Kaya", "Okafor", "Adeyemi", "Haile", "Tadesse", "Rahman", "Begum",
)  # fmt: skip

FALLBACK_MUNICIPALITIES: tuple[tuple[str, int], ...] = (  # when no plugin serves one
    ("GM0034", 35),
    ("GM0363", 15),
    ("GM0599", 12),
    ("GM0518", 10),
    ("GM0344", 8),
    ("GM0772", 6),
    ("GM0014", 6),
    ("GM0153", 8),
)
EDUCATION = (("none", 15), ("primary", 25), ("secondary", 33), ("vocational", 17), ("higher", 10))
SECTORS = (
    ("care", 22),
    ("logistics", 22),
    ("retail", 16),
    ("hospitality", 16),
    ("technology", 14),
    ("childcare-education", 10),
)
AGE_GROUPS = ((18, 24, 20), (25, 34, 38), (35, 44, 25), (45, 54, 12), (55, 66, 5))
EDUCATION_YEARS = {"none": 0, "primary": 6, "secondary": 10, "vocational": 13, "higher": 16}
DIPLOMA = {
    "none": ("none",),
    "primary": ("none",),
    "secondary": ("none", "secondary"),
    "vocational": ("vocational",),
    "higher": ("bachelor", "bachelor", "master", "doctorate"),
}


def _pick(rng: random.Random, weighted: Sequence[tuple[Any, int]]) -> Any:
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights=weights)[0]


def synthetic_bsn(rng: random.Random) -> str:
    """A nine-digit number starting with 99 that passes the elfproef."""
    while True:
        digits = [9, 9] + [rng.randrange(10) for _ in range(6)]
        total = sum(d * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2), strict=True))
        check = total % 11  # total - check digit must be divisible by 11
        if check < 10:
            return "".join(map(str, [*digits, check]))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _levels(rng: random.Random, literacy: str) -> Levels:
    if literacy == "none":
        return Levels()
    base = _pick(rng, ((0, 45), (1, 35), (2, 15), (3, 5)))
    out = {}
    for skill in SKILLS:
        level = base
        if rng.random() < 0.25:
            step = 1 if skill in ("speaking", "listening") else -1
            level = min(4, max(0, base + (step if rng.random() < 0.7 else -step)))
        out[skill] = Level(level)
    return Levels(**out)


def _person(
    rng: random.Random,
    index: int,
    today: date,
    bsns: set[str],
    municipalities: Sequence[tuple[str, int]],
) -> Client:
    low, high, _ = _pick(rng, [((a, b, w), w) for a, b, w in AGE_GROUPS])
    age = rng.randint(low, high)
    first = max(LAW_FROM, _monday(today - timedelta(weeks=155)))
    weeks = max(0, (_monday(today) - first).days // 7)
    term_start = first + timedelta(weeks=rng.randint(0, weeks))
    birth = term_start - timedelta(days=age * 365 + rng.randint(0, 364) + age // 4)
    education = _pick(rng, EDUCATION)
    roll = rng.random()
    not_literate, other = {"none": (0.55, 0.30), "primary": (0.20, 0.40)}.get(
        education, (0.03, 0.35)
    )
    literacy = (
        "none"
        if roll < not_literate
        else "other-script"
        if roll < not_literate + other
        else "latin"
    )
    learn_weights = [25, 55, 20]
    if education == "none":
        learn_weights = [45, 45, 10]
    elif education == "higher":
        learn_weights = [10, 50, 40]
    learnability = rng.choices(("low", "average", "high"), weights=learn_weights)[0]
    young_student = age < 28 and education in ("secondary", "vocational", "higher")
    aim_weights = [65, 12, 23]
    if young_student:
        aim_weights = [50, 40, 10]
    elif age >= 50 or education == "none":
        aim_weights = [50, 3, 47]
    aim = rng.choices(("work", "study", "participation"), weights=aim_weights)[0]
    weekly = _pick(rng, ((8, 10), (12, 25), (16, 35), (20, 20), (24, 10)))
    if aim == "study" and young_student:
        weekly = rng.choice((28, 30, 32))
    diploma = rng.choice(DIPLOMA[education])
    experience = tuple(
        sorted({_pick(rng, SECTORS) for _ in range(_pick(rng, ((0, 40), (1, 45), (2, 15))))})
    )
    days = ("mon", "tue", "wed", "thu", "fri")
    if rng.random() < 0.3:
        days = tuple(d for d in days if d != rng.choice(days))
    start_after = None
    if rng.random() < 0.1:
        start_after = term_start + timedelta(weeks=rng.randint(2, 10))
    while True:
        bsn = synthetic_bsn(rng)
        if bsn not in bsns:
            bsns.add(bsn)
            break
    return Client(
        id=f"demo-{index:05d}",
        name=f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}",
        bsn=bsn,
        birth_date=birth,
        municipality=_pick(rng, municipalities),
        term_start=term_start,
        weekly_hours=weekly,
        learnability=learnability,
        education=education,
        education_years=EDUCATION_YEARS[education],
        literacy=literacy,
        dutch_contact=_pick(rng, (("none", 35), ("some", 50), ("daily", 15))),
        aim=aim,
        levels=_levels(rng, literacy),
        work=Work(
            experience=experience,
            goal=_pick(rng, SECTORS) if aim == "work" else None,
            foreign_diploma=diploma,
            diploma_evaluated=diploma != "none" and rng.random() < 0.2,
        ),
        availability=Availability(
            days=days, start_after=start_after, childcare_needed=rng.random() < 0.25
        ),
    )


def generate(
    n: int,
    seed: int = 0,
    today: date | None = None,
    municipalities: Sequence[tuple[str, int]] = FALLBACK_MUNICIPALITIES,
) -> list[Client]:
    """``n`` synthetic people; deterministic for the same ``n``, ``seed``, ``today`` and
    ``municipalities`` (CBS codes with their weights). Only the municipalities differ between
    two lists of them: every other field is drawn the same."""
    if not 0 <= n <= 99_999:
        raise ValueError("n must be between 0 and 99,999")
    if not municipalities:
        raise ValueError("municipalities must name at least one municipality")
    rng = random.Random(seed)
    today = today or DEMO_TODAY
    bsns: set[str] = set()
    return [_person(rng, i + 1, today, bsns, municipalities) for i in range(n)]
