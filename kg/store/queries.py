"""Named queries: the ``.rq`` files of ``kg/data/sparql/``, with their documented parameters.

A file starts with a comment header::

    # title: Meetings of a committee
    # description: Every meeting of one committee, newest first.
    # param: committee iri  The committee (optional)

A parameter of kind ``text`` is looked up in the search index (`kg.search`) when the
header says where::

    # param: text text  The words to look for
    # search: text ?item mkg:decision

binds ``?item`` to the resources whose decision texts the index finds for the words (best
ranked first; the caller runs the search and passes what it found to `NamedQuery.bound`),
so the query only fetches their details. A query reads the store, the index finds texts.

A summary of the whole store whose cost grows with the corpus while its answer does not
(an aggregate over every presentation, say) is marked::

    # kept: yes

and is answered from what the build counted when run without parameters (`kg.store.kept`).

A parameter is a variable of the query; its value is taken as an RDF term of the declared
kind and bound by a ``VALUES`` block written from that term's N-Triples form (never from
the raw text given). The block opens the query's top-level group and the group of each
sub-select that projects the variable. Measured on 395k quads (benchmarks/rewrites.py):
Oxigraph's optimiser uses a VALUES block where it stands (but does not push one from the
top into a sub-select), while a value given as ``substitutions`` does not narrow the
evaluation - attendance-of-person took 327 ms that way and 0.5 ms with VALUES. The
variable should be in the SELECT projection, so results also say what was asked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError, UsageError
from kg.store.sparql_text import (
    check_nesting,
    open_at,
    query_form,
    tokens,
    top_group,
    values_block,
)
from kg.vocab import PREFIXES, XSD

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class ParamKind(StrEnum):
    IRI = "iri"
    STRING = "string"
    TEXT = "text"  # words, looked up in the search index when the query says where
    DATE = "date"
    INTEGER = "integer"


@dataclass(frozen=True)
class Param:
    name: str
    kind: ParamKind
    description: str
    required: bool

    def term(self, value: str) -> ox.NamedNode | ox.Literal:
        """``value`` as the RDF term this parameter takes; `UsageError` when it cannot be."""
        try:
            if self.kind is ParamKind.IRI:
                if not re.match(r"^[a-z][a-z0-9+.-]*:\S+$", value, re.I):
                    raise ValueError("not an absolute IRI")
                return ox.NamedNode(value)
            if self.kind is ParamKind.DATE:
                return ox.Literal(
                    date.fromisoformat(value).isoformat(), datatype=ox.NamedNode(XSD.date)
                )
            if self.kind is ParamKind.INTEGER:
                return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD.integer))
            return ox.Literal(value)
        except ValueError as exc:
            raise UsageError(
                f"parameter {self.name}: {value!r} is not a valid {self.kind} ({exc})"
            ) from exc


@dataclass(frozen=True)
class Search:
    """Where a text parameter is looked up: the resources found for its words in the
    texts of ``properties`` are bound to ``variable``."""

    param: str
    variable: str
    properties: tuple[str, ...]


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path | None = None
    search: Search | None = None
    kept: bool = False  # answered from the build's count when run without parameters

    def __post_init__(self) -> None:
        # checked once, here, for every run: the VALUES blocks `bound` adds nest two
        # levels more, far below the thousands where the engine's parser breaks
        check_nesting(self.text)

    def searched(self, values: dict[str, str]) -> str | None:
        """The words to look up in the search index for a run with ``values``; None
        when the query looks up none."""
        if self.search is None:
            return None
        return values.get(self.search.param)

    def bindings(self, values: dict[str, str]) -> dict[ox.Variable, Term]:
        """The substitutions for a run: each given value as its parameter's term."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise UsageError(
                f"query {self.name} has no parameter {', '.join(unknown)}",
                hint=f"its parameters: {', '.join(known) or 'none'}",
            )
        missing = [p.name for p in self.params if p.required and p.name not in values]
        if missing:
            raise UsageError(f"query {self.name} needs the parameter {', '.join(missing)}")
        return {ox.Variable(n): known[n].term(v) for n, v in values.items()}

    def bound(self, values: dict[str, str], found: Sequence[str] | None = None) -> str:
        """The query text with each given value bound by a VALUES block (see the module),
        and the resources ``found`` for its text parameter (`searched`) by another."""
        terms = self.bindings(values)
        rows: dict[str, str] = {}  # variable: its VALUES block of one row per resource
        if self.search is not None and self.searched(values) is not None:
            if found is None:
                raise UsageError(f"query {self.name}: its text parameter needs the search index")
            resources = " ".join(str(ox.NamedNode(iri)) for iri in found)
            rows[self.search.variable] = f"VALUES ?{self.search.variable} {{ {resources} }}"
        if not terms and not rows:
            return self.text
        text = self.text
        for offset, projected in reversed(_subselect_groups(text)):
            inner = {v: t for v, t in terms.items() if projected is None or v.value in projected}
            blocks = [values_block(inner)] if inner else []
            blocks += [b for v, b in rows.items() if projected is None or v in projected]
            if blocks:
                text = f"{text[:offset]} {' '.join(blocks)}{text[offset:]}"
        # the top-level group opens where it opens in the query's own text: every
        # sub-select's block went in after it; its blocks: the values, then the rows, last first
        opening = ([values_block(terms)] if terms else []) + list(reversed(rows.values()))
        return open_at(text, top_group(self.text), opening)


@lru_cache(maxsize=256)  # of a query's own text: a named query is bound again at each run
def _subselect_groups(text: str) -> tuple[tuple[int, frozenset[str] | None], ...]:
    """Where the group of each sub-select opens (the offset just after its ``{``), with
    the variables it projects (None for ``*``). A query that is a SELECT is not its own
    sub-select: `bind` takes its top-level group."""
    groups: list[tuple[int, frozenset[str] | None]] = []
    form = query_form(text)
    selects = 0
    projected: set[str] | None = None
    depth = 0  # of parentheses in a projection
    after_as = False
    for found in tokens(text):
        kind, token, end, word = found.kind, found.text, found.end, found.keyword
        if word == "SELECT":
            selects += 1
            projected, depth, after_as = set(), 0, False
        elif projected is not None:
            if token == "{":
                if selects > 1 or form != "SELECT":
                    groups.append((end, None if "*" in projected else frozenset(projected)))
                projected = None
            elif kind == "var" and (depth == 0 or after_as):
                projected.add(token[1:])
            elif token in ("(", ")"):
                depth += 1 if token == "(" else -1
            elif token == "*" and depth == 0:
                projected.add("*")
            after_as = word == "AS"
    return tuple(groups)


_HEADER = re.compile(r"^#\s*(?P<key>title|description|param|search|kept):\s*(?P<value>.*)$")
_SEARCH = re.compile(r"^(?P<param>\w+)\s+\?(?P<variable>\w+)\s+(?P<properties>\S.*)$")
_PARAM = re.compile(r"^(?P<name>\w+)\s+(?P<kind>\w+)(?P<optional>\?)?\s*(?P<description>.*)$")


def read_query(path: Path) -> NamedQuery:
    """One named query from its file."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params = []
    search = None
    kept = False
    for line in text.splitlines():
        match = _HEADER.match(line)
        if not match:
            if line.strip() and not line.startswith("#"):
                break
            continue
        if match["key"] == "param":
            params.append(_param(match["value"], path))
        elif match["key"] == "search":
            search = _search(match["value"], path)
        elif match["key"] == "kept":
            kept = _yes(match["value"], path)
        else:
            fields[match["key"]] = (fields.get(match["key"], "") + " " + match["value"]).strip()
    required = [p.name for p in params if p.required]
    if kept and required:
        raise QueryError(
            f"{path}: a kept query is answered without parameters, and this one needs "
            + ", ".join(required),
            hint="make the parameters optional, or remove the kept line",
        )
    return NamedQuery(
        name=path.stem,
        title=fields.get("title", path.stem),
        description=fields.get("description", ""),
        params=tuple(params),
        text=text,
        path=path,
        search=search,
        kept=kept,
    )


def _yes(value: str, path: Path) -> bool:
    """``yes`` or ``no``, as a header line says it."""
    word = value.strip().lower()
    if word not in ("yes", "no"):
        raise QueryError(f"{path}: the kept line says {value.strip()!r}", hint="write: # kept: yes")
    return word == "yes"


def _search(spec: str, path: Path) -> Search:
    """``text ?item mkg:decision [...]``: the parameter, the variable, the properties."""
    match = _SEARCH.match(spec.strip())
    if not match:
        raise QueryError(
            f"{path}: cannot read the search line {spec!r}",
            hint="write it as: # search: PARAM ?VARIABLE PROPERTY...",
        )
    properties = []
    for name in match["properties"].split():
        prefix, _, local = name.partition(":")
        if prefix not in PREFIXES:
            raise QueryError(f"{path}: the search line's {name!r} is not a known prefixed name")
        properties.append(PREFIXES[prefix] + local)
    return Search(match["param"], match["variable"], tuple(properties))


def _param(spec: str, path: Path) -> Param:
    match = _PARAM.match(spec.strip())
    if not match:
        raise QueryError(f"{path}: cannot read the parameter line {spec!r}")
    try:
        kind = ParamKind(match["kind"])
    except ValueError as exc:
        raise QueryError(f"{path}: unknown parameter kind {match['kind']!r}") from exc
    return Param(match["name"], kind, match["description"].strip(), not match["optional"])


def catalogue(folder: Path) -> dict[str, NamedQuery]:
    """Every named query in ``folder``, by name."""
    return {q.name: q for q in (read_query(p) for p in sorted(folder.glob("*.rq")))}


def resolve_query(spec: str, folder: Path) -> NamedQuery:
    """A query given as a ``.rq`` file, the name of a query in ``folder``, or query text."""
    candidate = Path(spec)
    if spec.endswith(".rq") and candidate.is_file():
        return read_query(candidate)
    named = catalogue(folder) if folder.is_dir() else {}
    if spec in named:
        return named[spec]
    if re.match(r"^[\w-]+$", spec):
        raise UsageError(
            f"no named query {spec!r}", hint=f"the named queries: {', '.join(named) or 'none'}"
        )
    return NamedQuery(name="query", title="query", description="", params=(), text=spec)
