"""What one meeting's documents say: attendance, items and their sections, in one language.

`plan_meeting` draws a meeting's content from the world with a generator seeded by the
corpus seed and the meeting, and records in the ledger what a correct build must find.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from kg.synth.ledger import Ledger
from kg.synth.phrases import Phrases, phrases_for
from kg.synth.settings import AGENDA_SHARE
from kg.synth.vocabulary import (
    CITIZEN_SURNAMES,
    CLOSED_SUBJECTS,
    DECISIONS,
    FIRST_NAMES,
    STREETS,
    SUBJECTS,
    TECHNOLOGIES,
)
from kg.synth.world import TERM_YEAR, Meeting, Person, World


@dataclass(slots=True)
class Item:
    """One agenda item as both documents write it (``decision`` only in the minutes)."""

    number: int
    public: bool
    title: str
    case_id: str
    summary: list[str] = field(default_factory=list)
    background: list[str] = field(default_factory=list)
    unit: str | None = None
    recommendation: list[str] = field(default_factory=list)
    prior: list[str] = field(default_factory=lambda: ["."])
    decision: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    #: "Eventuelt": only case id, prior decisions, decision and an empty "Bilag".
    short: bool = False


@dataclass(slots=True)
class MeetingPlan:
    """Everything the writers need for a meeting's minutes and agenda."""

    meeting: Meeting
    slug: str
    committee: str
    #: The name of the committee's municipality, as its letterhead writes it.
    municipality: str
    words: Phrases
    start: datetime
    end: time
    place: str
    present: list[str]
    absent: list[str]
    items: list[Item]
    agenda: bool
    agenda_cases: bool


def plan_meeting(world: World, meeting: Meeting, ledger: Ledger) -> MeetingPlan:
    """The content of ``meeting``; the ledger learns its truth as it is drawn."""
    settings = world.settings
    committee = world.committees[meeting.committee]
    rng = random.Random(f"meeting:{settings.seed}:{committee.index}:{meeting.number}")
    groups = bool(committee.theme) and meeting.number == _first_of_term(world, meeting)
    english = not groups and rng.random() < settings.english_share
    words = phrases_for("en" if english else "da")
    slug = f"{committee.slug}-{meeting.day.isoformat()}"
    start = datetime.combine(meeting.day, committee.hour)
    end = (start + timedelta(minutes=rng.choice((75, 90, 110, 125, 150, 170)))).time()
    members = world.members(meeting)
    absent_ids = {p.id for p in members if rng.random() < 0.12}
    present = [ledger.spell(p, committee.index, rng) for p in members if p.id not in absent_ids]
    absent = [ledger.spell(p, committee.index, rng) for p in members if p.id in absent_ids]
    muni = world.municipalities[committee.municipality]
    plan = MeetingPlan(
        meeting=meeting,
        slug=slug,
        committee=committee.name,
        municipality=muni.name,
        words=words,
        start=start,
        end=end,
        place=f"{committee.place}, {muni.name} Rådhus",
        present=present,
        absent=absent,
        items=[],
        agenda=rng.random() < AGENDA_SHARE,
        agenda_cases=rng.random() >= settings.agenda_without_case_share,
    )
    ledger.meeting(plan)
    titles: set[str] = set()
    count = rng.choice((2, 3, 3, 4, 4, 5, 6))
    for number in range(1, count + 1):
        if groups and number == 1:
            item = _group_item(world, meeting, plan, rng, ledger)
        elif rng.random() < settings.closed_rate:
            item = _closed_item(number, plan, rng, ledger)
        else:
            item = _open_item(world, meeting, plan, number, rng, ledger, titles)
        titles.add(item.title)
        plan.items.append(item)
    plan.items.append(_eventuelt(count + 1, plan, rng, ledger, members))
    return plan


def _first_of_term(world: World, meeting: Meeting) -> int:
    """The number of the committee's first meeting in the meeting's term (from its year)."""
    per_year = world.shape.per_year
    first_year = max(world.settings.first_year, TERM_YEAR + 4 * meeting.term)
    return (first_year - world.settings.first_year) * per_year + 1


def _dateline(plan: MeetingPlan) -> str:
    return plan.words.dateline(plan.committee, plan.meeting.day)


def _attachments(plan: MeetingPlan, titles: list[str], case: str, ledger: Ledger) -> list[str]:
    lines = []
    for n, title in enumerate(titles, 1):
        number = ledger.next_document_number()
        lines.append(f"{n}. {title} ({number} - {case})")
    return lines


def _open_item(
    world: World,
    meeting: Meeting,
    plan: MeetingPlan,
    number: int,
    rng: random.Random,
    ledger: Ledger,
    titles: set[str],
) -> Item:
    committee = world.committees[meeting.committee]
    w = plan.words
    techs = rng.sample(TECHNOLOGIES, rng.choice((0, 0, 1, 1, 2)))
    tech = techs[0][w.tech_index] if techs else None
    for _ in range(20):
        subject = rng.choice(SUBJECTS)[w.subject_index]
        if "{tech}" in subject and tech is None:
            continue
        title = subject.format(area=committee.area, tech=tech) + f" {meeting.day.year}"
        if title not in titles:
            break
        title = f"{title} ({number})"
    used = {i.case_id for i in plan.items}
    case = ledger.case_for(committee.index, meeting.day.year, rng, used)
    muni = world.municipalities[committee.municipality]
    town = rng.choice(muni.towns or (muni.name,))
    item = Item(number, True, title, case, unit=committee.unit)
    item.summary = [w.summary(plan.committee, title, rng)]
    item.background = w.background(town, [t[w.tech_index] for t in techs], rng)
    speakers = world.officials_at(committee.municipality, meeting.day.year)
    if w.language == "da" and speakers and rng.random() < 0.35:
        person = rng.choice(speakers)
        item.background += ["", _speaker_line(person)]
        ledger.named(person, committee.index, person.name.canonical)
    item.recommendation = [w.to_committee(plan.committee), "", w.proposal(title, rng)]
    if case in ledger.earlier_cases:
        item.prior = [w.prior(plan.committee, ledger.earlier_cases[case], rng)]
    item.decision = [_dateline(plan), "", rng.choice(DECISIONS)[w.subject_index]]
    files = [w.attachment(title, k) for k in range(rng.choice((0, 1, 1, 2, 3)))]
    item.attachments = _attachments(plan, files, case, ledger)
    ledger.item(plan, item, [t[2] for t in techs])
    return item


def _speaker_line(person: Person) -> str:
    if person.unit is None:
        return f"Oplæg ved {person.name.canonical}, {person.title} i {person.org}."
    return (
        f"{person.name.canonical}, {person.title} i {person.org}, deltager under punktet "
        "og svarer på spørgsmål."
    )


def _closed_item(number: int, plan: MeetingPlan, rng: random.Random, ledger: Ledger) -> Item:
    w = plan.words
    street, house = rng.choice(STREETS), rng.randrange(2, 180)
    title = rng.choice(CLOSED_SUBJECTS)[w.subject_index].format(street=street, number=house)
    citizen = " ".join([rng.choice(FIRST_NAMES), rng.choice(CITIZEN_SURNAMES)])
    born = f"{rng.randrange(1, 29):02d}{rng.randrange(1, 13):02d}{rng.randrange(40, 99)}"
    cpr = f"{born}-{rng.randrange(1000, 9999)}"
    case = ledger.new_case(plan.meeting.day.year, stored=False)
    item = Item(number, False, title, case, unit=None)
    item.summary = [w.closed_summary(citizen, cpr)]
    item.recommendation = [w.to_committee(plan.committee), "", w.closed_proposal]
    item.decision = [_dateline(plan), "", rng.choice(DECISIONS)[w.subject_index]]
    files = [w.attachment(title, 0)]
    item.attachments = _attachments(plan, files, case, ledger)
    ledger.closed(plan, item, [citizen, cpr, case])
    return item


def _eventuelt(
    number: int, plan: MeetingPlan, rng: random.Random, ledger: Ledger, members: list[Person]
) -> Item:
    w = plan.words
    case = ledger.standing_case(plan.meeting.committee, plan.meeting.day.year)
    item = Item(number, True, w.any_other_business, case, short=True)
    text = rng.choice(members).name.canonical + w.asked if rng.random() < 0.3 else w.nothing
    item.decision = [_dateline(plan), "", text]
    ledger.item(plan, item, [])
    return item


def _group_item(
    world: World, meeting: Meeting, plan: MeetingPlan, rng: random.Random, ledger: Ledger
) -> Item:
    """A task committee's first meeting of a term: projects, owners and working groups."""
    committee = world.committees[meeting.committee]
    projects = committee.projects[meeting.term]
    title = f"Nedsættelse af arbejdsgrupper {meeting.day.year}"
    case = ledger.new_case(meeting.day.year)
    item = Item(1, True, title, case, unit=committee.unit)
    item.summary = [f"{plan.committee} skal nedsætte arbejdsgrupper for valgperioden."]
    item.background = [f"Udvalget arbejder videre med følgende {len(projects)} projekter:", ""]
    item.background += [f"- {name}" for name, _ in projects]
    item.background += ["", "Projektejerne præsenterer projekterne for udvalget:", ""]
    for name, owner_id in projects:
        owner = world.people[owner_id]
        item.background.append(
            f"- {name} v/{owner.name.canonical}, {owner.title}, {owner.unit}, {owner.org}"
        )
        ledger.named(owner, committee.index, owner.name.canonical)
    members = world.members(meeting)
    order = list(members)
    rng.shuffle(order)
    item.recommendation = [f"Til {plan.committee}:", "", "At udvalget nedsætter arbejdsgrupper."]
    item.decision = [_dateline(plan), "", "Udvalget nedsatte arbejdsgrupper:", ""]
    for k, (name, _) in enumerate(projects):
        group = order[k :: len(projects)]
        names = ", ".join(p.name.canonical for p in group)
        item.decision += [f"Følgende medlemmer i udvalget ser på {name}: {names}.", ""]
        for p in group:
            ledger.named(p, committee.index, p.name.canonical)
        ledger.group(committee.index, name)
    item.decision.append("Godkendt.")
    files = [f"Projektbeskrivelser {meeting.day.year}"]
    item.attachments = _attachments(plan, files, case, ledger)
    ledger.item(plan, item, [])
    return item
