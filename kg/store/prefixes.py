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
    found = list(tokens(text))
    declared: set[str] = set()
    used: dict[str, None] = {}
    for index, (kind, token, end) in enumerate(found):
        following = found[index + 1] if index + 1 < len(found) else None
        before = found[index - 1] if index else None
        if token == ":" and kind == "other":
            adjacent = before is not None and before[0] == "word" and before[2] == end - 1
            if adjacent:
                continue  # counted with its word
            name = ""
        elif (
            kind == "word"
            and following is not None
            and following[1] == ":"
            and following[2] == end + 1
        ):
            name = token
        else:
            continue
        if before is not None and before[0] == "word" and before[1].upper() == "PREFIX":
            declared.add(name)
        else:
            used.setdefault(name, None)
    return [name for name in used if name not in declared]


def prefix_hint(names: list[str], known: Mapping[str, str]) -> str:
    """What to add to the query: a PREFIX line for each name (its IRI where known).

    >>> prefix_hint(["mkg", "zz"], {"mkg": "https://w3id.org/minutes-kg/ontology#"})
    'add PREFIX mkg: <https://w3id.org/minutes-kg/ontology#> and PREFIX zz: <...> at its start'
    """
    lines = [f"PREFIX {n}: <{known.get(n, '...')}>" for n in names]
    return "add " + " and ".join(lines) + " at its start"
