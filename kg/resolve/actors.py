"""Entities for the actors that item texts name: organisations, units, roles, projects,
themes and the committees a meeting was held with."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract.model import Mentions, Relation
from kg.resolve.committees import Committees
from kg.resolve.entities import fuzzy_keys, group
from kg.resolve.model import Entity


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class DocNames:
    """The actor names one document uses, each to the slug of its entity."""

    committees: dict[str, str]
    organisations: dict[str, str]
    units: dict[str, str]
    roles: dict[str, str]
    projects: dict[str, str]
    themes: dict[str, str]
    platforms: dict[str, str]


@dataclass(frozen=True)
class ActorEntities:
    """Entities by key, with the key function for each kind."""

    organisations: dict[str, Entity]
    units: dict[str, Entity]
    roles: dict[str, Entity]
    projects: dict[str, Entity]
    project_keys: dict[str, str]
    themes: dict[str, Entity]
    platforms: dict[str, Entity]
    unit_parents: dict[str, tuple[str, str]]


def actor_entities(corpus: Sequence[Mentions]) -> ActorEntities:
    """Group the actor names of the whole corpus into entities."""
    affiliations = [p.affiliation for m in corpus for p in m.people if p.affiliation]
    recommending = [u.value for m in corpus for u in m.units]
    unit_names = recommending + [u for a in affiliations for u in a.units]
    org_names = [a.organisation for a in affiliations if a.organisation]
    org_names += [
        o.name.value
        for m in corpus
        for o in m.organisations
        if not o.is_committee and o.relation is Relation.INVITED
    ]
    project_names = [t.name.value for m in corpus for t in m.topics if t.is_project]
    project_names += [g.project.value for m in corpus for g in m.groups]
    project_keys = fuzzy_keys(project_names)
    units = group(unit_names, _fold)
    organisations = group(org_names, _fold)
    parents: dict[str, tuple[str, str]] = {}
    for a in sorted(affiliations, key=lambda a: (a.units, a.organisation or "")):
        chain = list(a.units)
        for inner, outer in itertools.pairwise(chain):
            parents.setdefault(units[_fold(inner)].slug, ("unit", units[_fold(outer)].slug))
        if chain and a.organisation:
            parents.setdefault(
                units[_fold(chain[-1])].slug,
                ("organisation", organisations[_fold(a.organisation)].slug),
            )
    return ActorEntities(
        organisations=organisations,
        units=units,
        roles=group([a.title for a in affiliations if a.title], _fold),
        projects=group(project_names, lambda n: project_keys[n]),
        project_keys=project_keys,
        themes=group(
            [
                t.name.value
                for m in corpus
                for t in m.topics
                if not t.is_project and not t.is_platform
            ],
            _fold,
        ),
        platforms=group([t.name.value for m in corpus for t in m.topics if t.is_platform], _fold),
        unit_parents=parents,
    )


def doc_maps(mentions: Mentions, actors: ActorEntities, committees: Committees) -> DocNames:
    """For one document: each actor name it uses, to the slug of its entity."""
    affiliations = [p.affiliation for p in mentions.people if p.affiliation]
    projects = [t.name.value for t in mentions.topics if t.is_project]
    projects += [g.project.value for g in mentions.groups]
    org_names = [a.organisation for a in affiliations if a.organisation]
    org_names += [o.name.value for o in mentions.organisations if not o.is_committee]
    unit_names = [u.value for u in mentions.units] + [u for a in affiliations for u in a.units]
    themes = [t.name.value for t in mentions.topics if not t.is_project and not t.is_platform]
    platforms = [t.name.value for t in mentions.topics if t.is_platform]
    return DocNames(
        committees=committees.text_names.get(mentions.doc.source.name, {})
        | {
            o.name.value: committees.of(mentions.doc.source.name, o.name.value).slug
            for o in mentions.organisations
            if o.is_committee
        },
        organisations={n: actors.organisations[_fold(n)].slug for n in org_names},
        units={n: actors.units[_fold(n)].slug for n in unit_names},
        roles={a.title: actors.roles[_fold(a.title)].slug for a in affiliations if a.title},
        projects={n: actors.projects[actors.project_keys[n]].slug for n in projects},
        themes={n: actors.themes[_fold(n)].slug for n in themes},
        platforms={n: actors.platforms[_fold(n)].slug for n in platforms},
    )
