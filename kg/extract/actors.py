"""People with their parts and titles, working groups, projects, themes and organisations,
as the text of agenda items names them."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kg.extract import patterns as p
from kg.extract.concepts import Scheme
from kg.extract.model import (
    Affiliation,
    GroupMention,
    OrganisationMention,
    Part,
    PersonMention,
    Relation,
    TopicMention,
)
from kg.language import language
from kg.parse.dates import DateError, parse_when
from kg.parse.model import Located, MinutesDoc, Section, SectionKind


@dataclass(frozen=True)
class Actors:
    people: tuple[PersonMention, ...]
    groups: tuple[GroupMention, ...]
    topics: tuple[TopicMention, ...]
    organisations: tuple[OrganisationMention, ...]


def _sections(doc: MinutesDoc) -> Iterator[tuple[int, Section]]:
    for index, item in enumerate(doc.items):
        for section in item.sections:
            if section.kind is not SectionKind.ATTACHMENTS:
                yield index, section


def _at(section: Section, match: re.Match[str], group: str) -> Located[str]:
    value = " ".join(match[group].split()).strip(" .\"'")
    return Located(value, section.span_at(match.start(group)), match[group])


def extract_actors(doc: MinutesDoc, scheme: Scheme | None = None) -> Actors:
    """Everything :mod:`kg.extract.patterns` finds in the items of ``doc``; a collaboration
    platform that ``scheme`` knows comes with its links (Wikidata)."""
    people: list[PersonMention] = []
    groups: list[GroupMention] = []
    topics: list[TopicMention] = []
    organisations: list[OrganisationMention] = []
    for index, section in _sections(doc):
        text = section.text.value
        people.extend(_people(section, index))
        groups.extend(_groups(section, index))
        organisations.extend(_organisations(section, index, text))
        for match in p.ANNOUNCED.finditer(text):
            for entry in re.finditer(r"^- (?P<name>[^\n]+)$", match["list"], re.MULTILINE):
                offset = match.start("list") + entry.start("name")
                name = entry["name"].strip(" .\"'")
                topics.append(
                    TopicMention(Located(name, section.span_at(offset), entry["name"]), index, True)
                )
    for index, section in _sections(doc):
        topics.extend(_platforms(section, index, scheme))
    projects = {g.project.value.casefold() for g in groups}
    projects |= {t.name.value.casefold() for t in topics if t.is_project}
    for index, section in _sections(doc):
        for match in p.owned(section.text.value):
            topic = _at(section, match, "topic")
            owner = " ".join(match["name"].split())
            is_project = topic.value.casefold() in projects
            topics.append(TopicMention(topic, index, is_project, owner))
    return Actors(tuple(people), tuple(groups), tuple(topics), tuple(organisations))


def _people(section: Section, index: int) -> Iterator[PersonMention]:
    text = section.text.value
    interviews = list(p.interviews(text))
    #: Where each interviewer's name ends: "Gry Ravn, Innovationschef i Gentofte Kommune,
    #: interviewer …" names her title, and makes her the interviewer, not a presenter.
    interviewers = {match.end("name") for match in interviews}
    for match in p.owned(text):
        chain = [c.strip() for c in match["chain"].split(",") if c.strip()]
        affiliation = Affiliation(match["title"], tuple(chain[:-1]), chain[-1] if chain else None)
        yield PersonMention(_at(section, match, "name"), None, index, Part.OWNER, affiliation)
    titled: set[int] = set()
    for match in p.TITLE_IN_ORG.finditer(text):
        part = Part.PRESENTER if _after(text, match, "Oplæg ved") else Part.OFFICIAL
        if part is Part.OFFICIAL and match.end("name") in interviewers:
            part = Part.INTERVIEWER
            titled.add(match.end("name"))
        affiliation = Affiliation(match["title"], (), " ".join(match["org"].split()))
        yield PersonMention(_at(section, match, "name"), None, index, part, affiliation)
    for match in p.titled_with_org(text):
        part = Part.PRESENTER if match["cue"] == "Oplæg ved" else Part.INTERVIEWEE
        affiliation = Affiliation(match["title"], (), " ".join(match["org"].split()))
        yield PersonMention(_at(section, match, "name"), None, index, part, affiliation)
    for match in interviews:
        if match.end("name") not in titled:
            yield PersonMention(_at(section, match, "name"), None, index, Part.INTERVIEWER)
        yield PersonMention(_at(section, match, "other"), None, index, Part.INTERVIEWEE)


def _after(text: str, match: re.Match[str], cue: str) -> bool:
    return text[max(0, match.start() - len(cue) - 1) : match.start()].strip() == cue


def _sentence(text: str, ends: Sequence[int], start: int, end: int) -> str:
    """The sentence around ``text[start:end]``, given the sorted ``ends`` of the text's
    sentences: one ends at . ! or ? before a capital (so "4. møde" and "3. oktober" do not
    end it), across line breaks."""
    before = bisect_right(ends, start)
    after = bisect_right(ends, end)
    first = ends[before - 1] if before else 0
    last = ends[after] if after < len(ends) else len(text)
    return text[first:last]


def _dates(sentence: str) -> Iterator[str]:
    """The dates a sentence names ("d. 3. oktober 2023"), in ISO form."""
    for match in p.DATE_IN_TEXT.finditer(sentence):
        try:
            day, _ = parse_when(match.group(), language("da"))
        except DateError:
            continue
        yield day.isoformat()


def _platforms(section: Section, index: int, scheme: Scheme | None) -> Iterator[TopicMention]:
    """Collaboration platforms named after "samarbejdsplatforme …:", once each; those the
    scheme knows with their links."""
    seen: set[str] = set()
    for offset, found in p.platform_lists(section.text.value):
        for part in p.PLATFORM_SPLIT.split(found):
            name = " ".join(part.split()).strip(" .,;")
            while p.PLATFORM_NOISE.match(name):
                name = p.PLATFORM_NOISE.sub("", name)
            if not name or len(name) > 40 or name.casefold() in seen:
                continue
            seen.add(name.casefold())
            label = name[0].upper() + name[1:]
            where = section.span_at(offset)
            known = scheme.platform(name) if scheme else None
            links = known.exact_match if known else ()
            yield TopicMention(Located(label, where, part.strip()), index, False, None, True, links)


def _groups(section: Section, index: int) -> Iterator[GroupMention]:
    for match in p.GROUP.finditer(section.text.value):
        members = []
        base = match.start("names")
        for name in re.finditer(r"[^,]+", match["names"]):
            for part in re.split(r"\s+og\s+", name.group()):
                clean = " ".join(part.split()).strip(" .")
                if clean:
                    where = section.span_at(base + name.start())
                    members.append(Located(clean, where, part))
        yield GroupMention(_at(section, match, "project"), tuple(members), index)


def _organisations(section: Section, index: int, text: str) -> Iterator[OrganisationMention]:
    ends: list[int] | None = None  # found once per section, only when needed
    for match in p.COLLABORATION.finditer(text):
        if ends is None:
            ends = [m.end() for m in p.SENTENCE_END.finditer(text)]
        dates = tuple(_dates(_sentence(text, ends, match.start(), match.end())))
        org = _at(section, match, "org")
        yield OrganisationMention(org, index, Relation.COLLABORATOR, True, dates)
    for start, sentence in p.invited_sentences(text):
        for match in p.SUSPENDED.finditer(sentence):
            for word in (match["first"], match["second"]):
                name = f"{word.capitalize()}{match['head']}"
                where = section.span_at(start + match.start())
                yield OrganisationMention(
                    Located(name, where, match.group()),
                    index,
                    Relation.INVITED,
                    post=_post(sentence, match.start()),
                )
        for match in p.COUNCIL.finditer(sentence):
            if p.SUSPENDED.search(sentence[max(0, match.start() - 30) : match.end()]):
                continue
            name = match["org"][0].upper() + match["org"][1:]
            where = section.span_at(start + match.start())
            yield OrganisationMention(
                Located(name, where, match["org"]),
                index,
                Relation.INVITED,
                post=_post(sentence, match.start()),
            )


def _post(sentence: str, start: int) -> str | None:
    """The post ("formand") whose holder in the body named at ``start`` is meant, where
    the words before the name say so ("formanden for hhv. …")."""
    match = p.POST_OF.search(sentence[max(0, start - 40) : start])
    return match["title"].lower() if match else None
