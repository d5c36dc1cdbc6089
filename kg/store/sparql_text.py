"""Reading just enough of a SPARQL query's text to send it to a remote store: its form
(to ask for the right result format) and where bound values go.

A remote store cannot take Oxigraph's ``substitutions``; instead the values are bound by
a ``VALUES`` block at the start of the query's top-level group, built from RDF terms in
their N-Triples form, so no user text is ever pasted into the query unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import pyoxigraph as ox

from kg.errors import QueryError

_TOKEN = re.compile(
    "|".join(
        [
            r"(?P<space>\s+)",
            r"(?P<comment>#[^\r\n]*)",
            r'(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)',
            r"(?P<string>'''(?:'{0,2}(?:[^'\\]|\\.))*'''|\"\"\"(?:\"{0,2}(?:[^\"\\]|\\.))*\"\"\""
            r"|'(?:[^'\\\r\n]|\\.)*'|\"(?:[^\"\\\r\n]|\\.)*\")",
            r"(?P<var>[?$]\w+)",
            r"(?P<word>[A-Za-z_][\w\-]*)",
            r"(?P<other>.)",
        ]
    ),
    re.DOTALL,
)
_PROLOGUE = ("BASE", "PREFIX", "DEFINE")
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
#: The deepest nesting of groups, brackets and parentheses a query may have: Oxigraph's
#: parser recurses once per level and overflows its stack at a few thousand.
MAX_NESTING = 128
_OPENING = {"{": "}", "(": ")", "[": "]"}
_CLOSING = frozenset(_OPENING.values())


def tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, end offset) of each significant token."""
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        assert match is not None and match.lastgroup is not None  # `other` takes any char
        if match.lastgroup not in ("space", "comment"):
            yield match.lastgroup, match.group(), match.end()
        pos = match.end()


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; "" when the text is none of them.

    >>> query_form("# a comment\\nPREFIX ex: <http://example.com/> CONSTRUCT WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    >>> query_form("PREFIX : <http://example.com/> BASE <http://b/> ASK { ?s ?p ?o }")
    'ASK'
    >>> query_form("INSERT DATA { <a:b> <a:c> <a:d> }")
    ''
    """
    declaring = False  # inside "PREFIX name:" or "BASE", until its IRI
    for kind, token, _ in tokens(text):
        word = token.upper() if kind == "word" else ""
        if declaring:
            declaring = kind != "iri"
        elif word in ("PREFIX", "BASE"):
            declaring = True
        elif word in FORMS:
            return word
        elif kind == "word" and word not in _PROLOGUE:
            return ""
    return ""


def names_dataset(text: str) -> bool:
    """Whether a query says FROM or FROM NAMED (its own dataset).

    >>> names_dataset("SELECT * FROM <http://g> WHERE { ?s ?p ?o }")
    True
    >>> names_dataset("SELECT ?from WHERE { ?s <http://from> 'FROM' }")
    False
    """
    return any(kind == "word" and token.upper() == "FROM" for kind, token, _ in tokens(text))


def graphs_named(text: str) -> list[str]:
    """The IRIs a query names in ``GRAPH <iri>`` patterns (written in full).

    >>> graphs_named("SELECT * { GRAPH <http://g> { ?s ?p ?o } GRAPH ?g { ?s ?p ?o } }")
    ['http://g']
    """
    found: list[str] = []
    after_graph = False
    for kind, token, _ in tokens(text):
        if after_graph and kind == "iri" and token[1:-1] not in found:
            found.append(token[1:-1])
        after_graph = kind == "word" and token.upper() == "GRAPH"
    return found


def nesting_depth(text: str) -> int:
    """How deeply the query's groups, parentheses and brackets nest (those in strings,
    IRIs and comments do not count).

    >>> nesting_depth("SELECT * WHERE { { ?s ?p ?o FILTER(?o = '{{{') } }  # {{{{")
    3
    """
    depth = deepest = 0
    for kind, token, _ in tokens(text):
        if kind != "other":
            continue
        if token in _OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif token in _CLOSING:
            depth = max(0, depth - 1)
    return deepest


def check_nesting(text: str, limit: int = MAX_NESTING) -> None:
    """Raise `QueryError` when the query nests deeper than ``limit``, before any engine
    parses it (a parser that recurses per level would overflow its stack)."""
    depth = nesting_depth(text)
    if depth > limit:
        raise QueryError(
            f"the query nests {depth} levels deep; at most {limit} are allowed",
            hint="flatten the nested groups or parentheses",
        )


def term_text(term: ox.NamedNode | ox.Literal | ox.BlankNode | ox.Triple) -> str:
    """A term as SPARQL text: N-Triples syntax is also SPARQL syntax for IRIs and literals."""
    if isinstance(term, ox.NamedNode | ox.Literal):
        return str(term)
    raise ValueError(f"a remote store takes IRIs and literals as bound values, not {term}")


def bind(
    text: str,
    substitutions: Mapping[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple],
) -> str:
    """The query with each variable bound to its value, by a VALUES block opening the
    top-level group (so filters and aggregates see it), or a trailing one when the query
    has no WHERE group.

    >>> bind("SELECT ?w WHERE { FILTER(?w) }", {ox.Variable("w"): ox.Literal('a "b"')})
    'SELECT ?w WHERE { VALUES (?w) { ("a \\\\"b\\\\"") } FILTER(?w) }'
    """
    if not substitutions:
        return text
    names = " ".join(f"?{variable.value}" for variable in substitutions)
    values = " ".join(term_text(term) for term in substitutions.values())
    block = f"VALUES ({names}) {{ ({values}) }}"
    after_where = False
    form = ""
    for kind, token, end in tokens(text):
        word = token.upper() if kind == "word" else ""
        form = form or (word if word in FORMS else "")
        if token == "{" and (after_where or form in ("SELECT", "ASK")):
            return f"{text[:end]} {block}{text[end:]}"
        after_where = word == "WHERE"
    return f"{text}\n{block}"
