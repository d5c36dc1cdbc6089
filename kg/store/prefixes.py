"""The prefixes a SPARQL query uses without declaring them: a parser says "expected
OPTIONAL" or lists the characters it expected; the user made a simpler mistake."""

from __future__ import annotations

from collections.abc import Mapping

from kg.store.sparql_text import tokens


def undeclared_prefixes(text: str) -> list[str]:
    """The prefixes of prefixed names in ``text`` that no ``PREFIX`` declares, in order
    ("" is the default prefix ``:``).

    >>> undeclared_prefixes("SELECT * WHERE { ?s a mkg:Meeting ; foaf:name 'x:y' }")
    ['mkg', 'foaf']
    >>> undeclared_prefixes("PREFIX mkg: <https://example.org/#> ASK { ?s a mkg:M }")
    []
    >>> undeclared_prefixes("ASK { ?s a :M . <http://a/b:c> ?p ?o }")
    ['']
    """
    declared: set[str] = set()
    used: dict[str, None] = {}
    before = None
    for token in tokens(text):
        if token.kind == "pname":
            name = token.text.partition(":")[0]
            if before is not None and before.keyword == "PREFIX":
                declared.add(name)
            else:
                used.setdefault(name, None)
        before = token
    return [name for name in used if name not in declared]


def prefix_hint(names: list[str], known: Mapping[str, str]) -> str:
    """What to add to the query: a PREFIX line for each name (its IRI where known).

    >>> prefix_hint(["mkg", "zz"], {"mkg": "https://w3id.org/minutes-kg/ontology#"})
    'add PREFIX mkg: <https://w3id.org/minutes-kg/ontology#> and PREFIX zz: <...> at its start'
    """
    lines = [f"PREFIX {n}: <{known.get(n, '...')}>" for n in names]
    return "add " + " and ".join(lines) + " at its start"
