"""The invented world a synthetic corpus describes: municipalities, committees with their
members term by term, officials and speakers, projects, and the calendar of meetings.

Built once from the settings with one seeded random generator; the writers only read it.
Rules that keep the resolver's answer knowable (see kg.resolve.people):

- a member sits on a committee for consecutive terms, and joins a second committee only in
  a term in which they already sit on the first, so that all their spans overlap;
- an official is named only within a four-year tenure;
- a namesake (a new member bearing an earlier member's name) sits on another committee and
  starts two terms after the earlier one left, more than four years later.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from kg.iri import slugify
from kg.synth.names import NameRegister, PersonName
from kg.synth.settings import Shape, SynthSettings, shape_of
from kg.synth.vocabulary import (
    AREAS,
    EXTERNAL_ORGS,
    PLACES,
    THEMES,
    TITLES,
    TOWN_HEADS,
    TOWN_TAILS,
    UNITS,
)

#: Danish municipal terms start in January of these years modulo 4.
TERM_YEAR = 2014
#: A municipality has about this many committees; a larger corpus has more municipalities.
COMMITTEES_PER_MUNICIPALITY = 12
#: Months with meetings (none in January, so namesakes are always more than 4 years apart).
MONTHS = (2, 3, 4, 5, 6, 8, 9, 10, 11, 12)


@dataclass(slots=True)
class Person:
    """One person; ``committees`` and ``terms`` say where and when a member sits."""

    id: int
    name: PersonName
    committees: set[int] = field(default_factory=set)
    terms: set[int] = field(default_factory=set)
    #: For officials and speakers: title, unit (or None), organisation, first year of tenure.
    title: str | None = None
    unit: str | None = None
    org: str | None = None
    tenure: int | None = None
    #: Bears the name of another person: sits on one committee only.
    namesake: bool = False


@dataclass(slots=True)
class Committee:
    """A committee; task committees (``theme`` set) work in groups on projects."""

    index: int
    name: str
    municipality: int
    area: str
    theme: str | None
    place: str
    weekday: int
    hour: time
    unit: str
    #: Term -> members (person ids) in seat order.
    members: dict[int, list[int]] = field(default_factory=dict)
    #: Term -> projects (name, owner person id).
    projects: dict[int, list[tuple[str, int]]] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return slugify(self.name)


@dataclass(frozen=True, slots=True)
class Municipality:
    name: str
    towns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting on the calendar; ``number`` counts the committee's meetings from 1."""

    committee: int
    day: date
    number: int

    @property
    def term(self) -> int:
        return term_of(self.day.year)


@dataclass(slots=True)
class World:
    settings: SynthSettings
    shape: Shape
    municipalities: list[Municipality]
    committees: list[Committee]
    people: list[Person]
    #: Municipality -> officials and speakers (person ids).
    officials: dict[int, list[int]]

    def members(self, meeting: Meeting) -> list[Person]:
        """The members of the meeting's committee in the meeting's term, in seat order."""
        ids = self.committees[meeting.committee].members[meeting.term]
        return [self.people[i] for i in ids]

    def officials_at(self, municipality: int, year: int) -> list[Person]:
        """The officials and speakers of a municipality in their tenure in ``year``."""
        found = [self.people[i] for i in self.officials[municipality]]
        return [p for p in found if p.tenure is not None and p.tenure <= year <= p.tenure + 3]


def term_of(year: int) -> int:
    """The municipal term (0 = 2014-2017) a year belongs to.

    >>> term_of(2017), term_of(2018), term_of(2013)
    (0, 1, -1)
    """
    return (year - TERM_YEAR) // 4


def build_world(settings: SynthSettings) -> World:
    """The world of a corpus, the same for the same settings."""
    rng = random.Random(f"world:{settings.seed}")
    shape = shape_of(settings)
    register = NameRegister()
    n_munis = -(-shape.committees // COMMITTEES_PER_MUNICIPALITY)
    municipalities = _municipalities(rng, n_munis)
    world = World(settings, shape, municipalities, [], [], {})
    names = _committee_names(rng, shape.committees)
    for index, (name, area, theme) in enumerate(names):
        world.committees.append(
            Committee(
                index=index,
                name=name,
                municipality=index % n_munis,
                area=area,
                theme=theme,
                place=rng.choice(PLACES),
                weekday=rng.choice((0, 1, 1, 2, 3)),
                hour=rng.choice((time(16), time(16, 30), time(17), time(17), time(19))),
                unit=rng.choice(UNITS),
            )
        )
    last_year = settings.first_year + shape.years - 1
    for m in range(n_munis):
        world.officials[m] = _officials(world, rng, register, m, settings.first_year, last_year)
    for term in range(term_of(settings.first_year), term_of(last_year) + 1):
        for committee in world.committees:
            _seat(world, rng, register, committee, term)
        for committee in world.committees:
            _invite(world, rng, committee, term)
            if committee.theme:
                _projects(world, rng, committee, term)
    return world


def _municipalities(rng: random.Random, count: int) -> list[Municipality]:
    pool = [h + t for h in TOWN_HEADS for t in TOWN_TAILS]
    chosen = rng.sample(pool, min(len(pool), count * 5))
    return [
        Municipality(chosen[i * 5], tuple(chosen[i * 5 + 1 : i * 5 + 5]))
        if i * 5 < len(chosen)
        else Municipality(f"{chosen[i % len(chosen)]} {i}", ())
        for i in range(count)
    ]


def _committee_names(rng: random.Random, count: int) -> list[tuple[str, str, str | None]]:
    """Distinct committee names: some task committees, most "A- og B-udvalget"."""
    themes = list(THEMES)
    rng.shuffle(themes)
    pairs = [(a, b) for a in AREAS for b in AREAS if a != b]
    rng.shuffle(pairs)
    found: list[tuple[str, str, str | None]] = []
    for index in range(count):
        if index % 5 == 2 and themes:
            theme = themes.pop()
            found.append((f"Opgaveudvalg om {theme}", theme.lower(), theme))
            continue
        a, b = pairs[index]
        area = " og ".join(w.lower().removesuffix("s") for w in (a, b))
        found.append((f"{a}- og {b}udvalget", area, None))
    return found


def _new_person(world: World, name: PersonName) -> Person:
    person = Person(len(world.people), name)
    world.people.append(person)
    return person


def _officials(
    world: World, rng: random.Random, register: NameRegister, m: int, first: int, last: int
) -> list[int]:
    """Officials and outside speakers with four-year tenures covering every year."""
    ids = []
    muni = world.municipalities[m].name
    for start in range(first - 2, last + 1, 2):
        for k in range(5):
            person = _new_person(world, register.new_name(rng, variants=False))
            person.title = rng.choice(TITLES)
            person.tenure = start
            if k < 4:
                person.unit, person.org = rng.choice(UNITS), f"{muni} Kommune"
            else:
                person.org = rng.choice(EXTERNAL_ORGS)
            ids.append(person.id)
    return ids


def _seat(
    world: World, rng: random.Random, register: NameRegister, committee: Committee, term: int
) -> None:
    """The members of a committee in a term: some stay from the last term, some are new."""
    size = world.settings.people_per_committee + (6 if committee.theme else 0)
    earlier = committee.members.get(term - 1, [])
    stay = [i for i in earlier if rng.random() < 0.6]
    seats = list(stay)
    for i in stay:
        world.people[i].terms.add(term)
    while len(seats) < size:
        person = _namesake(world, rng, committee, term) or _new_person(
            world, register.new_name(rng)
        )
        person.committees.add(committee.index)
        person.terms.add(term)
        seats.append(person.id)
    committee.members[term] = seats


def _invite(world: World, rng: random.Random, committee: Committee, term: int) -> None:
    """Members of other committees of the municipality who also sit on this one."""
    others = [
        i
        for c in world.committees
        if c.municipality == committee.municipality and c.index != committee.index
        for i in c.members.get(term, [])
        if len(world.people[i].committees) == 1
        and world.people[i].terms == {term}
        and not world.people[i].namesake
    ]
    seats = committee.members[term]
    for i in rng.sample(sorted(set(others)), min(len(set(others)), 2)):
        if rng.random() < 0.5 and i not in seats:
            seats.insert(rng.randrange(len(seats) + 1), i)
            world.people[i].committees.add(committee.index)


def _namesake(world: World, rng: random.Random, committee: Committee, term: int) -> Person | None:
    """A new member named like a member of another committee who left two terms ago."""
    if rng.random() >= world.settings.namesake_rate:
        return None
    earlier = [
        p
        for c in world.committees
        if c.index != committee.index
        for i in c.members.get(term - 2, [])
        if (p := world.people[i]).terms == {term - 2} and len(p.committees) == 1
    ]
    taken = {p.name.canonical for p in world.people if p.terms & {term - 1, term}}
    earlier = [p for p in earlier if p.name.canonical not in taken]
    if not earlier:
        return None
    source = rng.choice(earlier)
    source.name = PersonName(source.name.canonical)  # namesakes are written one way only
    source.namesake = True
    person = _new_person(world, PersonName(source.name.canonical))
    person.namesake = True
    return person


def _projects(world: World, rng: random.Random, committee: Committee, term: int) -> None:
    """Two or three projects for a task committee's term, each with an official as owner."""
    muni = world.municipalities[committee.municipality]
    year = max(world.settings.first_year, TERM_YEAR + 4 * term)
    owners = [p for p in world.officials_at(committee.municipality, year) if p.unit]
    places = list(muni.towns) or [muni.name]
    heads = ["Grøn varme i", "Fællesskaber i", "Klimavenlige skoler i", "Deleøkonomi i"]
    chosen = rng.sample(heads, rng.choice((2, 3)))
    committee.projects[term] = [
        (f"{head} {rng.choice(places)}", rng.choice(owners).id) for head in chosen
    ]


def calendar(world: World) -> list[Meeting]:
    """Every meeting of every committee, in the order they are held."""
    first, shape = world.settings.first_year, world.shape
    meetings = []
    for committee in world.committees:
        number = 0
        for year in range(first, first + shape.years):
            for month in _months(shape.per_year):
                number += 1
                day = _weekday_on_or_after(date(year, month, 3 + 7 * (number % 3)), committee)
                meetings.append(Meeting(committee.index, day, number))
    meetings.sort(key=lambda m: (m.day, m.committee))
    return meetings


def _months(per_year: int) -> list[int]:
    """``per_year`` meeting months spread over the year.

    >>> _months(4), len(_months(10))
    ([2, 4, 8, 10], 10)
    """
    return [MONTHS[i * len(MONTHS) // per_year] for i in range(per_year)]


def _weekday_on_or_after(day: date, committee: Committee) -> date:
    return day + timedelta(days=(committee.weekday - day.weekday()) % 7)
