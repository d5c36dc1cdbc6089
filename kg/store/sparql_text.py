"""Reading just enough of a SPARQL query's text to send it to a remote store: its form
(to ask for the right result format) and where bound values go.

A remote store cannot take Oxigraph's ``substitutions``; instead the values are bound by
a ``VALUES`` block at the start of the query's top-level group, built from RDF terms in
their N-Triples form, so no user text is ever pasted into the query unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

import pyoxigraph as ox

from kg.errors import QueryError

#: One lexer for every reader of query text (forms, nesting, bound values, prefixes,
#: the endpoint's checks): escapes in IRIs, blank nodes and prefixed names included.
_LOCAL_ESCAPE = r"\\[_~.\-!$&'()*+,;=/?#@%]"
_TOKEN = re.compile(
    "|".join(
        [
            r"(?P<space>\s+)",
            r"(?P<comment>#[^\r\n]*)",
            r'(?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)',
            r"(?P<string>'''(?:'{0,2}(?:[^'\\]|\\.))*'''|\"\"\"(?:\"{0,2}(?:[^\"\\]|\\.))*\"\"\""
            r"|'(?:[^'\\\r\n]|\\.)*'|\"(?:[^\"\\\r\n]|\\.)*\")",
            r"(?P<var>[?$]\w+)",
            r"(?P<bnode>_:[\w.\-]*)",
            rf"(?P<pname>(?:[^\W\d_][\w.\-]*)?:(?:(?:[\w:%]|{_LOCAL_ESCAPE})"
            rf"(?:[\w.\-:%]|{_LOCAL_ESCAPE})*)?)",
            r"(?P<word>[^\W\d_]\w*)",
            r"(?P<other>.)",
        ]
    ),
    re.DOTALL,
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_PROLOGUE = ("BASE", "PREFIX", "DEFINE")
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
#: The deepest nesting of groups, brackets and parentheses a query may have: Oxigraph's
#: parser recurses once per level and overflows its stack at a few thousand.
MAX_NESTING = 128
_OPENING = {"{": "}", "(": ")", "[": "]"}
_CLOSING = frozenset(_OPENING.values())


class Token(NamedTuple):
    """A significant token: its kind (the lexer's group name), text and offsets."""

    kind: str
    text: str
    start: int
    end: int

    @property
    def keyword(self) -> str:
        """The token upper-cased when it is a bare word (a keyword or function name)."""
        return self.text.upper() if self.kind == "word" else ""


def tokens(text: str) -> Iterator[Token]:
    """The significant tokens of a query (no spaces, no comments).

    >>> [t.kind for t in tokens("PREFIX ex: <a:b> ASK { ?s ex:p. _:b <c\\u0041:d> }")]
    ['word', 'pname', 'iri', 'word', 'other', 'var', 'pname', 'other', 'bnode', 'iri', 'other']
    """
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        assert match is not None and match.lastgroup is not None  # `other` takes any char
        kind, end = match.lastgroup, match.end()
        if kind == "pname":  # a local name does not end with a dot
            while text[end - 1] == "." and text[end - 2] != "\\":
                end -= 1
        if kind not in ("space", "comment"):
            yield Token(kind, text[pos:end], pos, end)
        pos = end


def absolute_iri(text: str) -> str | None:
    """The IRI written between ``<`` and ``>`` with its escapes read; None for a relative
    or broken one.

    >>> absolute_iri("http://a/\\u0062"), absolute_iri("relative")
    ('http://a/b', None)
    """
    try:
        value = _CODEPOINT.sub(lambda m: chr(int(m[1] or m[2], 16)), text)
    except (ValueError, OverflowError):
        return None
    return value if _ABSOLUTE.match(value) else None


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
    for token in tokens(text):
        word = token.keyword
        if declaring:
            declaring = token.kind != "iri"
        elif word in ("PREFIX", "BASE"):
            declaring = True
        elif word in FORMS:
            return word
        elif token.kind == "word" and word not in _PROLOGUE:
            return ""
    return ""


def names_dataset(text: str) -> bool:
    """Whether a query says FROM or FROM NAMED (its own dataset).

    >>> names_dataset("SELECT * FROM <http://g> WHERE { ?s ?p ?o }")
    True
    >>> names_dataset("SELECT ?from WHERE { ?s <http://from> 'FROM' }")
    False
    """
    return any(token.keyword == "FROM" for token in tokens(text))


def graphs_named(text: str) -> list[str]:
    """The IRIs a query names in ``GRAPH <iri>`` patterns (written in full).

    >>> graphs_named("SELECT * { GRAPH <http://g> { ?s ?p ?o } GRAPH ?g { ?s ?p ?o } }")
    ['http://g']
    """
    found: list[str] = []
    after_graph = False
    for token in tokens(text):
        if after_graph and token.kind == "iri" and token.text[1:-1] not in found:
            found.append(token.text[1:-1])
        after_graph = token.keyword == "GRAPH"
    return found


def nesting_depth(text: str) -> int:
    """How deeply the query's groups, parentheses and brackets nest (those in strings,
    IRIs and comments do not count).

    >>> nesting_depth("SELECT * WHERE { { ?s ?p ?o FILTER(?o = '{{{') } }  # {{{{")
    3
    """
    depth = deepest = 0
    for token in tokens(text):
        if token.kind != "other":
            continue
        if token.text in _OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif token.text in _CLOSING:
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
    return open_with(text, values_block(substitutions))


def values_block(
    substitutions: Mapping[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple],
) -> str:
    """A VALUES block of one row binding each variable to its value."""
    names = " ".join(f"?{variable.value}" for variable in substitutions)
    values = " ".join(term_text(term) for term in substitutions.values())
    return f"VALUES ({names}) {{ ({values}) }}"


def open_with(text: str, block: str) -> str:
    """The query with ``block`` opening its top-level group (see `bind`)."""
    return open_at(text, top_group(text), [block])


def open_at(text: str, end: int | None, blocks: Sequence[str]) -> str:
    """The query with ``blocks``, in order, opening the group whose ``{`` ends at
    ``end`` (`top_group`); appended, each on a line, when ``end`` is None. The same as
    `open_with` of each block, last first."""
    if end is None:
        return text + "".join(f"\n{block}" for block in reversed(blocks))
    return text[:end] + "".join(f" {block}" for block in blocks) + text[end:]


def top_group(text: str) -> int | None:
    """The offset just after the ``{`` opening the query's top-level group; None when it
    has no WHERE group."""
    return _top_group(text) if len(text) <= _CACHED else _top_group.__wrapped__(text)


#: The longest text whose top-level group is remembered (a named query's, not a 1 MB
#: request's).
_CACHED = 16_384


@lru_cache(maxsize=256)  # a named query's text is opened at each run
def _top_group(text: str) -> int | None:
    after_where = False
    form = ""
    for token in tokens(text):
        word = token.keyword
        form = form or (word if word in FORMS else "")
        if token.text == "{" and (after_where or form in ("SELECT", "ASK")):
            return token.end
        after_where = word == "WHERE"
    return None
