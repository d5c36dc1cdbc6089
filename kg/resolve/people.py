"""Person resolution: which spellings of names, across all documents, are one person.

A spelling key in one committee is a node. Curated overrides, then scored rules, merge
nodes into people, best-scored first; every merge keeps its score and evidence. Names in
one list (an attendance list, a working group) are never merged, nor names a curated
``different`` group separates, even transitively.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import NamedTuple

from kg.iri import slugify
from kg.resolve.overrides import (
    clash,
    conflicts,
    first_name,
    fold,
    initial_of,
    name_key,
    name_tokens,
    one_edit,
    written_words,
)
from kg.resolve.people_model import NameOccurrence, Overrides, PersonCluster

#: Contexts further apart than this (4 years, in days) are never one person's.
MAX_GAP_DAYS = 4 * 365 + 1
NO_OVERRIDES = Overrides()
CURATED = "curated: one person by the overrides"


@dataclass(frozen=True, slots=True)
class PeopleResolution:
    """The people of a corpus, and which person each spelling in each document is."""

    clusters: tuple[PersonCluster, ...]
    #: Document to {name key: slug}.
    where: Mapping[str, Mapping[str, str]] = field(default_factory=dict, repr=False)
    #: Document to its committee, when known.
    committee_of: Mapping[str, str] = field(default_factory=dict, repr=False)

    def slug_of(self, name: str, document: str) -> str:
        """The person a spelling in a document is. A first name alone is the one person of the
        document with that first name, else of the document's committee; KeyError when the
        name does not occur there or the first name is not one person's."""
        names = self.where.get(document, {})
        if (slug := names.get(name_key(name))) is not None:
            return slug
        tokens = name_tokens(name)
        if len(tokens) != 1:
            raise KeyError(f"{name!r} does not occur in {document}")
        found = self._named(tokens[0], set(names.values()))
        if not found and (committee := self.committee_of.get(document)):
            docs = (n for d, n in self.where.items() if self.committee_of.get(d) == committee)
            found = self._named(tokens[0], {slug for n in docs for slug in n.values()})
        if len(found) != 1:
            raise KeyError(f"first name {name!r} in {document} is {len(found)} people: {found}")
        return found[0]

    def _named(self, first: str, slugs: set[str]) -> list[str]:
        """The people among ``slugs`` with a spelling of this first name, sorted."""
        people = [self.clusters[bisect_left(self.clusters, s, key=lambda c: c.slug)] for s in slugs]
        wanted = first_name(first)
        return sorted(
            p.slug for p in people if wanted in {first_name(name_tokens(n)[0]) for n in p.names}
        )


@dataclass(frozen=True, slots=True)
class _Node:
    """One spelling key in one committee (None: unknown), with all its occurrences."""

    index: int
    tokens: tuple[str, ...]
    committee: str | None
    spellings: Counter[str]
    lists: frozenset[str]
    documents: frozenset[str]
    #: The first and last date the spelling is seen in the committee, when known.
    span: tuple[date, date] | None
    #: The municipality of the committee, when known.
    municipality: str | None = None

    @property
    def spelling(self) -> str:
        """The node's most used spelling (the first in order on a tie)."""
        return min(self.spellings, key=lambda s: (-self.spellings[s], s))


class _Merge(NamedTuple):
    """Two nodes found to be one person, how sure (0, 1], and why."""

    a: int
    b: int
    score: float
    evidence: tuple[str, ...]


class _Clusters:
    """Union-find over nodes that refuses a merge joining two nodes known to differ."""

    def __init__(self, nodes: Sequence[_Node], overrides: Overrides) -> None:
        self.nodes = nodes
        self.by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for node in nodes:
            self.by_key[node.tokens].append(node.index)
        self.apart = _apart(nodes, self.by_key, overrides)
        self.parent = [n.index for n in nodes]
        self.lists = {n.index: set(n.lists) for n in nodes}
        self.keys = {n.index: {n.tokens} for n in nodes}

    def root(self, i: int) -> int:
        """The representative node of i's cluster."""
        while self.parent[i] != i:
            i = self.parent[i]
        return i

    def conflict(self, a: int, b: int) -> bool:
        """Whether the clusters of a and b share a list, hold two nodes kept apart, or two
        spellings that clash (so that no spelling bridges two people)."""
        ra, rb = self.root(a), self.root(b)
        if self.lists[ra] & self.lists[rb] or any(self.root(x) == rb for x in self.apart[ra]):
            return True
        return any(clash(x, y) for x in self.keys[ra] for y in self.keys[rb])

    def union(self, a: int, b: int) -> None:
        """Merge the clusters of a and b (the caller has checked for conflicts)."""
        ra, rb = sorted((self.root(a), self.root(b)))
        self.parent[rb] = ra
        self.lists[ra] |= self.lists.pop(rb)
        self.apart[ra] |= self.apart.pop(rb, set())
        self.keys[ra] |= self.keys.pop(rb)


def resolve_people(
    occurrences: Sequence[NameOccurrence], overrides: Overrides = NO_OVERRIDES
) -> PeopleResolution:
    """The people the names of a corpus stand for, independent of the order of input. A first
    name alone is no person (see ``slug_of``). ValueError when the overrides join names they
    also separate."""
    if found := conflicts(overrides):
        raise ValueError(f"the overrides join names they also separate: {found}")
    clusters = _Clusters(_nodes(occurrences), overrides)
    merges = _curated(clusters, overrides) + _algorithmic(clusters)
    groups: dict[int, list[_Node]] = defaultdict(list)
    for node in clusters.nodes:
        groups[clusters.root(node.index)].append(node)
    by_root: dict[int, list[_Merge]] = defaultdict(list)
    for merge in merges:
        by_root[clusters.root(merge.a)].append(merge)
    people = _people(groups, by_root, overrides)
    return _resolution(occurrences, clusters, people)


def explain(resolution: PeopleResolution) -> list[str]:
    """One block per person with more than one spelling, least sure first: the slug,
    score and spellings, then the evidence of each merge and the retired slugs."""
    merged = [c for c in resolution.clusters if len(c.names) > 1]
    lines: list[str] = []
    for c in sorted(merged, key=lambda c: (c.score, c.slug)):
        lines.append(f"{c.slug} (score {c.score:.2f}): {' | '.join(sorted(c.names))}")
        lines.extend(f"  {e}" for e in c.evidence)
        if c.retired:
            lines.append(f"  retired: {', '.join(c.retired)}")
    return lines


def _nodes(occurrences: Sequence[NameOccurrence]) -> list[_Node]:
    """Nodes from occurrences of names of two words or more, numbered in sorted order."""
    grouped: dict[tuple[tuple[str, ...], str], list[NameOccurrence]] = defaultdict(list)
    for occ in occurrences:
        if len(tokens := name_tokens(occ.name)) >= 2:
            grouped[(tokens, occ.committee or "")].append(occ)
    nodes = []
    for index, ((tokens, committee), occs) in enumerate(sorted(grouped.items())):
        dates = sorted(o.date for o in occs if o.date is not None)
        spellings = Counter(" ".join(o.name.split()) for o in occs)
        lists = frozenset(o.list_id for o in occs if o.list_id is not None)
        docs = frozenset(o.document for o in occs)
        span = (dates[0], dates[-1]) if dates else None
        municipality = next((o.municipality for o in occs if o.municipality), None)
        nodes.append(
            _Node(index, tokens, committee or None, spellings, lists, docs, span, municipality)
        )
    return nodes


def _gap_days(a: _Node, b: _Node) -> int | None:
    """Days between the dates of two nodes (0 when they overlap; None when unknown)."""
    if a.span is None or b.span is None:
        return None
    return max(0, (max(a.span[0], b.span[0]) - min(a.span[1], b.span[1])).days)


def _apart(
    nodes: Sequence[_Node], by_key: Mapping[tuple[str, ...], list[int]], overrides: Overrides
) -> dict[int, set[int]]:
    """Node to the nodes that are other people: by a curated ``different`` group, or the
    same name in two committees whose dates are more than 4 years apart."""
    pairs = []
    for group in overrides.different:
        for ka, kb in combinations(sorted({name_tokens(n) for n in group}), 2):
            pairs += [(a, b) for a in by_key.get(ka, ()) for b in by_key.get(kb, ())]
    for indexes in by_key.values():
        for a, b in combinations(indexes, 2):
            if (_gap_days(nodes[a], nodes[b]) or 0) > MAX_GAP_DAYS or _other_municipality(
                nodes[a], nodes[b]
            ):
                pairs.append((a, b))
    apart: dict[int, set[int]] = defaultdict(set)
    for a, b in pairs:
        apart[a].add(b)
        apart[b].add(a)
    return apart


def _other_municipality(a: _Node, b: _Node) -> bool:
    """Whether two nodes are known to be of two municipalities (so never one person on
    their name alone)."""
    return (
        a.municipality is not None
        and b.municipality is not None
        and a.municipality != b.municipality
    )


def _curated(clusters: _Clusters, overrides: Overrides) -> list[_Merge]:
    """Apply the ``same`` groups (they win over lists and rules); the merges they made."""
    merges, by_key = [], clusters.by_key
    for names, _ in sorted(overrides.same, key=lambda g: sorted(g[0])):
        keys = sorted({name_tokens(n) for n in names} & by_key.keys())
        heads = [by_key[k][0] for k in keys]
        same_key = [(by_key[k][0], i) for k in keys for i in by_key[k][1:]]
        for a, b in same_key + [(heads[0], h) for h in heads[1:]]:
            if clusters.root(a) != clusters.root(b):
                clusters.union(a, b)
                na, nb = clusters.nodes[a], clusters.nodes[b]
                same = f"same name in {na.committee} and {nb.committee}"
                evidence = (CURATED, same) if na.tokens == nb.tokens else (CURATED,)
                merges.append(_Merge(a, b, 1.0, evidence))
    return merges


def _algorithmic(clusters: _Clusters) -> list[_Merge]:
    """Score the candidate pairs and merge the best first, refusing conflicting merges."""
    nodes = clusters.nodes
    lists = {k: set[str]().union(*(nodes[i].lists for i in v)) for k, v in clusters.by_key.items()}
    scored = []
    for a, b in sorted(_candidates(nodes)):
        shared = bool(lists[nodes[a].tokens] & lists[nodes[b].tokens])
        if (merge := _compare(nodes[a], nodes[b], shared)) is not None:
            scored.append(merge)
    merges = []
    for m in sorted(scored, key=lambda m: (-m.score, m.a, m.b)):
        if clusters.root(m.a) != clusters.root(m.b) and not clusters.conflict(m.a, m.b):
            clusters.union(m.a, m.b)
            merges.append(m)
    return merges


def _candidates(nodes: Sequence[_Node]) -> set[tuple[int, int]]:
    """Pairs worth comparing, in one committee or with one committee unknown: one first name
    and last names at most one letter apart, or the same first two words; and the same name
    in any two committees."""
    blocks: dict[tuple[str | None, ...], list[int]] = defaultdict(list)
    for node in nodes:
        first, last = first_name(node.tokens[0]), fold(node.tokens[-1])
        near = {last[:i] + last[i + 1 :] for i in range(len(last))} if len(last) >= 5 else set()
        keys = {("2nd", first, fold(node.tokens[1])), *(("last", first, w) for w in near | {last})}
        for kind, a, b in keys:
            blocks[(kind, a, b, node.committee)].append(node.index)
        blocks[("name", " ".join(node.tokens), None, None)].append(node.index)
    pairs: set[tuple[int, int]] = set()
    for (*key, committee), members in blocks.items():
        pairs.update(combinations(members, 2))
        if committee is not None:
            unknown = blocks.get((*key, None), [])
            pairs.update((min(a, b), max(a, b)) for a in members for b in unknown)
    return pairs


def _compare(a: _Node, b: _Node, shared: bool) -> _Merge | None:
    """The merge of two nodes if a rule and their context support it; ``shared`` says
    whether their names stand in one list anywhere."""
    gap = _gap_days(a, b)
    if gap is not None and gap > MAX_GAP_DAYS:
        return None
    if a.tokens == b.tokens:
        where = f"{a.committee or 'unknown committee'} and {b.committee or 'unknown committee'}"
        dated = "dated within 4 years" if gap is not None else "undated"
        return _Merge(a.index, b.index, 1.0, (f"same name in {where}", dated))
    if shared or (a.committee and b.committee and a.committee != b.committee):
        return None
    strong = a.committee is not None and a.committee == b.committee
    if (found := _rule(a, b, strong)) is None:
        return None
    score, rule = found
    context = f"same committee {a.committee}" if strong else "committee unknown"
    score = score if strong else score - 0.1
    return _Merge(a.index, b.index, round(score, 2), (rule, context, "never in one list"))


def _rule(a: _Node, b: _Node, strong: bool) -> tuple[float, str] | None:
    """The rule by which two different names are one: (score, evidence), or None."""
    ta, tb = a.tokens, b.tokens
    wa, wb = written_words(a.spelling), written_words(b.spelling)
    if len(ta) != len(tb):
        return _prefix(a, b, strong)
    differ = [i for i in range(len(ta)) if ta[i] != tb[i]]
    pairs = ", ".join(f"'{wa[i]}' ~ '{wb[i]}'" for i in differ)
    if all(fold(ta[i]) == fold(tb[i]) for i in differ):
        return 0.95, f"same name but for Danish letters or accents: {pairs}"
    if 0 in differ:
        variant = len(differ) == 1 and first_name(ta[0]) == first_name(tb[0])
        return (0.85, f"first-name variant: {pairs}") if variant else None
    middle = len(ta) - 1 not in differ
    if middle and all(initial_of(ta[i], tb[i]) for i in differ):
        return 0.9, f"abbreviated middle name: {pairs}"
    i = differ[0]
    if len(differ) == 1 and min(len(ta[i]), len(tb[i])) >= 5 and one_edit(ta[i], tb[i]):
        return 0.8, f"one letter apart: {ta[i]}/{tb[i]}"
    return None


def _prefix(a: _Node, b: _Node, strong: bool) -> tuple[float, str] | None:
    """A shorter name that the longer continues with extra names at the end."""
    short, long = sorted((a.tokens, b.tokens), key=len)
    if long[: len(short)] != short or len(short[-1]) == 1:
        return None
    extra = " ".join(written_words(max((a, b), key=lambda n: len(n.tokens)).spelling)[len(short) :])
    if len(short) >= 3:
        return 0.85, f"extra name at the end: '{extra}'"
    if strong:
        return 0.7, f"extra name at the end of a two-word name: '{extra}'"
    return None


def _label(spellings: Counter[str], overrides: Overrides) -> str:
    """The curated label, else the most complete spelling (most words, no initials), the
    most used, the one with more Danish letters (not spelt out), the first in order."""
    keys = {name_key(s) for s in spellings}
    if chosen := [lb for ns, lb in overrides.same if lb and keys & {name_key(n) for n in ns}]:
        return min(chosen)

    def rank(s: str) -> tuple[bool, int, int, int, str]:
        tokens, danish = name_tokens(s), -sum(not c.isascii() for c in s)
        return any(len(t) == 1 for t in tokens), -len(tokens), -spellings[s], danish, s

    return min(spellings, key=rank)


def _slugs(drafts: Mapping[int, tuple[str, Counter[str], str]]) -> dict[int, str]:
    """A unique slug per root; on a collision the earliest-dated person keeps the plain one."""
    slugs: dict[int, str] = {}
    taken: set[str] = set()
    for root in sorted(drafts, key=lambda r: (slugify(drafts[r][0]), drafts[r][2], r)):
        slug, base, n = slugify(drafts[root][0]), slugify(drafts[root][0]), 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        slugs[root] = slug
        taken.add(slug)
    return slugs


def _people(
    groups: Mapping[int, list[_Node]], merges: Mapping[int, list[_Merge]], overrides: Overrides
) -> dict[int, PersonCluster]:
    """One person per cluster root: label, unique slug, spellings, score and evidence."""
    drafts = {}
    for root, members in groups.items():
        spellings = sum((n.spellings for n in members), Counter[str]())
        earliest = min((n.span[0].isoformat() for n in members if n.span), default="~")
        drafts[root] = (_label(spellings, overrides), spellings, earliest)
    slugs = _slugs(drafts)
    live = set(slugs.values())
    spelling = {n.index: n.spelling for members in groups.values() for n in members}
    people = {}
    for root, (label, spellings, _) in drafts.items():
        own = sorted(merges.get(root, []), key=lambda m: (m.score, m.a, m.b))
        people[root] = PersonCluster(
            slug=slugs[root],
            label=label,
            alt_labels=tuple(sorted(s for s in spellings if s != label)),
            names=frozenset(spellings),
            score=min((m.score for m in own), default=1.0),
            evidence=tuple(
                f"{spelling[m.a]} ~ {spelling[m.b]} ({m.score:.2f}): {'; '.join(m.evidence)}"
                for m in own
            ),
            retired=tuple(sorted({slugify(s) for s in spellings} - live)),
        )
    return people


def _resolution(
    occurrences: Sequence[NameOccurrence], clusters: _Clusters, people: Mapping[int, PersonCluster]
) -> PeopleResolution:
    """The resolution with the look-up tables of :meth:`PeopleResolution.slug_of`."""
    where: dict[str, dict[str, str]] = defaultdict(dict)
    for node in clusters.nodes:
        for document in node.documents:
            where[document][" ".join(node.tokens)] = people[clusters.root(node.index)].slug
    # The smallest committee named for a document wins, should two be.
    known = sorted((o for o in occurrences if o.committee), key=lambda o: o.committee or "")
    return PeopleResolution(
        clusters=tuple(sorted(people.values(), key=lambda p: p.slug)),
        where=dict(where),
        committee_of={o.document: o.committee for o in reversed(known) if o.committee},
    )
