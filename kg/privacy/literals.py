"""The gate's last line: every text literal of a mapped document graph passes the CPR
filter once more, in the build (`kg.preparing`), before the graph is validated or stored.

The gate (`kg.privacy.gate`) has already taken every CPR number, private e-mail address
and phone number out of the parsed document; this check is there for a value that the
mapping puts together from several fields of it. Only CPR numbers are looked for
(`kg.privacy.rules.CPR_ONLY`): e-mail addresses and phone numbers need the settings to judge.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from pyoxigraph import Literal, Quad

from kg.privacy.rules import redact_text

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def redact_literals(quads: Iterable[Quad]) -> tuple[Quad, ...]:
    """``quads`` with the CPR numbers taken out of each text literal (a plain or
    language-tagged string). A quad that becomes the same as an earlier one is dropped,
    so that the graph stays a set in the order it was made.

    >>> from pyoxigraph import NamedNode
    >>> s, p = NamedNode("http://example.org/s"), NamedNode("http://example.org/p")
    >>> [q.object.value for q in redact_literals([Quad(s, p, Literal("cpr 010203-1234"))])]
    ['cpr [CPR-nummer fjernet]']
    """
    quads = tuple(quads)
    checked: dict[Literal, Literal] = {}
    changed = False
    result = []
    for quad in quads:
        obj = quad.object
        if isinstance(obj, Literal):
            clean = checked.get(obj) or checked.setdefault(obj, _redacted(obj))
            if clean != obj:
                quad = Quad(quad.subject, quad.predicate, clean, quad.graph_name)
                changed = True
        result.append(quad)
    return tuple(dict.fromkeys(result)) if changed else quads


def redact_graph(quads: Sequence[Quad], literals: Collection[Literal]) -> tuple[Quad, ...]:
    """`redact_literals` of a graph whose distinct literals are ``literals`` (as a graph
    builder keeps them): the quads are gone through only when one of those changes.

    >>> from pyoxigraph import NamedNode
    >>> s, p = NamedNode("http://example.org/s"), NamedNode("http://example.org/p")
    >>> clean = [Quad(s, p, Literal("ok"))]
    >>> redact_graph(clean, [Literal("ok")]) == tuple(clean)
    True
    >>> dirty = [Quad(s, p, Literal("cpr 010203-1234"))]
    >>> redact_graph(dirty, [Literal("cpr 010203-1234")])[0].object.value
    'cpr [CPR-nummer fjernet]'
    """
    if all(_redacted(literal) is literal for literal in literals):
        return tuple(quads)
    return redact_literals(quads)


def _redacted(obj: Literal) -> Literal:
    """A text literal with what the CPR filter withholds taken out; any other as it is."""
    if not (obj.language or obj.datatype.value == XSD_STRING):
        return obj
    clean, count = redact_text(obj.value)
    if not count:
        return obj
    return Literal(clean, language=obj.language) if obj.language else Literal(clean)
