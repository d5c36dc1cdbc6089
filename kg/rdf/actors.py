"""The people, roles, organisations, working groups, projects and themes of a document."""

from __future__ import annotations

import re

from kg.extract.model import Affiliation, ConceptMention, Mentions, Part, PersonMention
from kg.iri import Kind, Minter, slugify
from kg.language import language
from kg.parse.model import Located, Span
from kg.rdf.builder import GraphBuilder
from kg.rdf.entities import write_committee, write_entity, write_person
from kg.rdf.terms import iri, text
from kg.resolve.model import Entity, PlacedDoc, Resolution
from kg.vocab import (
    MEMBERSHIP,
    MKG,
    ORG,
    ORGANIZATION,
    ORGANIZATIONAL_UNIT,
    POST,
    PROJECT,
    PROV,
    RDF,
    RDFS,
    ROLE,
    SKOS,
    WORKING_GROUP,
)

#: The chair and vice-chair, as an attendance list marks them: "Ole Berg (formand)".
_CHAIR = re.compile(r"\((?P<office>(?:næst)?formand)\)", re.IGNORECASE)
_PART_PROPERTY = {Part.INTERVIEWER: MKG.interviewer, Part.INTERVIEWEE: MKG.interviewee}


class ActorMapper:
    """Writes the actors of one placed document into its graph builder."""

    def __init__(
        self,
        b: GraphBuilder,
        placed: PlacedDoc,
        resolution: Resolution,
        minter: Minter,
        items: dict[int, str],
        meeting: str,
    ) -> None:
        self.b, self.placed, self.r, self.m = b, placed, resolution, minter
        self.items, self.meeting, self.lang = items, meeting, placed.mentions.doc.language
        #: The words of the document's language, for what the document does not name.
        self._words = language(self.lang)

    def _entity(self, kind: Kind, entity: Entity, cls: str, lang: str | None) -> str:
        return write_entity(self.b, entity, self.m.iri(kind, entity.slug), cls, lang)

    def person(self, name: str) -> str | None:
        """The person a name in this document is, written into the graph; None when the
        name is no person resolution could name."""
        slug = self.placed.people.get(name)
        return write_person(self.b, self.r, slug, self.m) if slug else None

    def map(self, mentions: Mentions) -> None:
        for mention in mentions.people:
            if mention.item is not None and mention.item in self.items:
                self._person_part(mention)
        for group in mentions.groups:
            if group.item in self.items:
                self._group(group.project.value, group.members, group.project.span)
        self._committee_members(mentions)
        for topic in mentions.topics:
            if topic.item not in self.items:
                continue
            if topic.is_platform:
                self._platform(topic.name.value, topic.item, topic.name, topic.links)
            else:
                self._topic(topic.name.value, topic.is_project, topic.owner, topic.item, topic.name)
        meeting_day = self.placed.meeting.day if self.placed.meeting else None
        day = meeting_day.isoformat() if meeting_day else ""
        for org in mentions.organisations:
            if org.dates and day not in org.dates:
                continue  # the sentence is about another meeting
            if org.item in self.items:
                self._organisation(
                    org.name.value, org.is_committee, org.relation.value, org.name, org.post
                )
        for concept in mentions.concepts:
            if concept.item in self.items:
                self._concept(concept)

    def _concept(self, mention: ConceptMention) -> None:
        """The item discusses a concept of a scheme (which the vocabulary graph describes,
        `kg.rdf.vocabulary`)."""
        node = mention.concept.iri
        located = mention.text
        item = self.items[mention.item]
        self.b.fact(item, MKG.discusses, iri(node), located.span, raw=located.value)

    def _person_part(self, mention: PersonMention) -> None:
        assert mention.item is not None
        person = self.person(mention.name.value)
        if person is None:
            return
        prop = _PART_PROPERTY.get(mention.part or Part.OFFICIAL, MKG.presenter)
        self.b.fact(
            self.items[mention.item], prop, iri(person), mention.name.span, raw=mention.name.raw
        )
        if mention.affiliation is not None:
            self._affiliation(person, mention.affiliation, mention.name)

    def _affiliation(self, person: str, affiliation: Affiliation, name: Located[str]) -> None:
        where = None
        if affiliation.organisation:
            slug = self.placed.organisations[affiliation.organisation]
            where = self._entity(
                Kind.ORGANIZATION, self.r.organisations[slug], ORGANIZATION, self.lang
            )
        for unit in reversed(affiliation.units):
            slug = self.placed.units[unit]
            node = self._entity(Kind.UNIT, self.r.units[slug], ORGANIZATIONAL_UNIT, self.lang)
            if where is not None:
                self.b.add(node, ORG.subOrganizationOf, iri(where))
            where = node
        if where is None or affiliation.title is None:
            return
        role_slug = self.placed.roles[affiliation.title]
        role = self._entity(Kind.ROLE, self.r.roles[role_slug], ROLE, self.lang)
        slug = "-".join(s.rsplit("/", 1)[1] for s in (person, where, role))
        self._membership(slug, person, where, role, name)

    def _membership(
        self, slug: str, person: str, organisation: str, role: str, name: Located[str]
    ) -> None:
        """Person's membership of an organisation in a role, as this meeting states it."""
        node = self.m.iri(Kind.MEMBERSHIP, slug)
        self.b.add(node, RDF.type, iri(MEMBERSHIP))
        self.b.add(node, PROV.wasDerivedFrom, iri(self.b.graph))
        self.b.fact(node, ORG.member, iri(person), name.span, raw=name.raw)
        self.b.add(node, ORG.organization, iri(organisation))
        self.b.add(node, ORG.role, iri(role))
        self.b.add(node, MKG.statedAt, iri(self.meeting))

    def _group(self, project_name: str, members: tuple[Located[str], ...], span: Span) -> None:
        project = self._project(project_name)
        committee_slug = self.placed.meeting.committee if self.placed.meeting else None
        if committee_slug is None:
            return
        committee = write_committee(self.b, self.r, committee_slug, self.m, self.lang)
        group_slug = f"{committee_slug}-{project.rsplit('/', 1)[1]}"
        group = self.m.iri(Kind.GROUP, group_slug)
        label = self.r.projects[self.placed.projects[project_name]].label
        self.b.add(group, RDF.type, iri(WORKING_GROUP))
        self.b.add(group, RDFS.label, text(self._words.working_group.format(label), self.lang))
        self.b.add(group, PROV.wasDerivedFrom, iri(self.b.graph))
        self.b.add(group, ORG.subOrganizationOf, iri(committee))
        self.b.fact(group, MKG.worksOn, iri(project), span)
        role = self._member_role()
        for member in members:
            person = self.person(member.value)
            if person is None:
                continue
            slug = f"{person.rsplit('/', 1)[1]}-{group_slug}"
            self._membership(slug, person, group, role, member)

    def _member_role(self) -> str:
        role = self.m.iri(Kind.ROLE, "medlem")
        self.b.add(role, RDF.type, iri(ROLE))
        self.b.add(role, RDFS.label, text(self._words.member_role, self.lang))
        self.b.add(role, PROV.wasDerivedFrom, iri(self.b.graph))
        return role

    def _committee_members(self, mentions: Mentions) -> None:
        """Membership in the meeting's committee: stated where a text calls people its
        members ("Følgende medlemmer i udvalget …"), inferred where an attendance list
        names them; ``mkg:membershipBasis`` tells the two apart."""
        slug = self.placed.meeting.committee if self.placed.meeting else None
        if slug is None:
            return
        named = [(p.name, MKG.Attendance) for p in mentions.people if p.attendance is not None]
        named += [
            (member, MKG.Stated)
            for group in mentions.groups
            if group.item in self.items
            for member in group.members
        ]
        if not named:
            return
        committee = write_committee(self.b, self.r, slug, self.m, self.lang)
        role = self._member_role()
        for name, basis in named:
            person = self.person(name.value)
            if person is None:
                continue
            membership = f"{person.rsplit('/', 1)[1]}-{slug}-medlem"
            self._membership(membership, person, committee, role, name)
            node = self.m.iri(Kind.MEMBERSHIP, membership)
            self.b.add(node, MKG.membershipBasis, iri(basis))  # cited by its org:member
            chair = _CHAIR.search(name.raw)
            if chair is not None:  # "Ole Berg (formand)": the chair, as the list states
                office = chair["office"].lower()
                post = self._post_role(office)
                membership = f"{person.rsplit('/', 1)[1]}-{slug}-{slugify(office)}"
                self._membership(membership, person, committee, post, name)
                node = self.m.iri(Kind.MEMBERSHIP, membership)
                self.b.add(node, MKG.membershipBasis, iri(MKG.Stated))

    def _project(self, name: str) -> str:
        return self._entity(
            Kind.PROJECT, self.r.projects[self.placed.projects[name]], PROJECT, self.lang
        )

    def _topic(
        self, name: str, is_project: bool, owner: str | None, item: int, located: Located[str]
    ) -> None:
        if is_project:
            node = self._project(name)
        else:
            entity = self.r.themes[self.placed.themes[name]]
            node = self._discussed(Kind.THEME, entity, ("themes", "Temaer"), item, located)
        person = self.person(owner) if owner else None
        if person is not None:
            self.b.fact(node, MKG.owner, iri(person), located.span)

    def _platform(
        self, name: str, item: int, located: Located[str], links: tuple[str, ...]
    ) -> None:
        """A collaboration platform the item names: a concept of the dataset's scheme of
        platforms, which the item discusses; a known platform is skos:exactMatch its
        Wikidata item."""
        entity = self.r.platforms[self.placed.platforms[name]]
        scheme = ("platforms", "Samarbejdsplatforme")
        node = self._discussed(Kind.PLATFORM, entity, scheme, item, located)
        for link in links:
            self.b.add(node, SKOS.exactMatch, iri(link))

    def _discussed(
        self,
        kind: Kind,
        entity: Entity,
        scheme_slug_label: tuple[str, str],
        item: int,
        located: Located[str],
    ) -> str:
        """A concept of one of the dataset's own schemes (themes, platforms) that the item
        discusses; returns the concept's IRI."""
        lang = self.lang if kind is Kind.THEME else None
        node = self._entity(kind, entity, SKOS.Concept, lang)
        self.b.add(node, SKOS.prefLabel, text(entity.label, lang))
        slug, label = scheme_slug_label
        scheme = self.m.iri(Kind.SCHEME, slug)
        self.b.add(scheme, RDF.type, iri(SKOS.ConceptScheme))
        self.b.add(scheme, RDFS.label, text(label, self.lang))
        self.b.add(scheme, PROV.wasDerivedFrom, iri(self.b.graph))
        self.b.add(node, SKOS.inScheme, iri(scheme))
        self.b.fact(self.items[item], MKG.discusses, iri(node), located.span, raw=located.raw)
        return node

    def _organisation(
        self,
        name: str,
        is_committee: bool,
        relation: str,
        located: Located[str],
        post: str | None = None,
    ) -> None:
        if is_committee:
            slug = self.placed.committees[name]
            node = write_committee(self.b, self.r, slug, self.m, self.lang)
            label = self.r.committees[slug].label
        else:
            entity = self.r.organisations[self.placed.organisations[name]]
            node = self._entity(Kind.ORGANIZATION, entity, ORGANIZATION, self.lang)
            label = entity.label
        if post is not None:  # the holder of a post in the body, not the body
            node = self._post(node, label, post)
        prop = MKG.inCollaborationWith if relation == "collaborator" else MKG.invited
        self.b.fact(self.meeting, prop, iri(node), located.span, raw=located.raw)

    def _post_role(self, title: str) -> str:
        """The role ``title`` ("formand") names, written into the graph."""
        role_slug = slugify(title)
        known = self.r.roles.get(role_slug)
        role = self.m.iri(Kind.ROLE, role_slug)
        self.b.add(role, RDF.type, iri(ROLE))
        self.b.add(role, RDFS.label, text(known.label if known else title.capitalize(), self.lang))
        self.b.add(role, PROV.wasDerivedFrom, iri(self.b.graph))
        return role

    def _post(self, body: str, body_label: str, title: str) -> str:
        """The post ``title`` ("formand") in ``body``: an ``org:Post`` with its role."""
        role_slug = slugify(title)
        role = self._post_role(title)
        known = self.r.roles.get(role_slug)
        role_label = known.label if known else title.capitalize()
        body_slug = body.rsplit("/", 1)[1]
        node = self.m.iri(Kind.POST, f"{body_slug}-{role_slug}")
        self.b.add(node, RDF.type, iri(POST))
        self.b.add(node, RDFS.label, text(f"{role_label} for {body_label}", self.lang))
        self.b.add(node, ORG.postIn, iri(body))
        self.b.add(node, ORG.role, iri(role))
        self.b.add(node, PROV.wasDerivedFrom, iri(self.b.graph))
        return node
