"""An agenda's own start and end (issue 13, point 9): agenda 003 announces "den 25. april
2017 kl. 19.00-21.00" on its line 6; its graph states both times from that line, not the
start copied from the minutes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import BASE, open_store, select

pytestmark = pytest.mark.integration

GRAPH_003 = f"{BASE}id/document/003-bd0ca278388b9c75-txt"


def test_agenda_states_its_own_start_and_end(seed_store: Path) -> None:
    rows = select(
        open_store(seed_store),
        f"""SELECT ?p ?o ?line ?from WHERE {{ GRAPH <{GRAPH_003}> {{
            ?s rdf:predicate ?p ; rdf:object ?o
            FILTER(?p IN (prov:startedAtTime, prov:endedAtTime))
            OPTIONAL {{ ?s mkg:firstLine ?line }} OPTIONAL {{ ?s mkg:resolvedFrom ?from }} }} }}""",
    )
    found = {(r["p"].rsplit("#", 1)[1], r["o"], r.get("line"), r.get("from")) for r in rows}
    assert found == {
        ("startedAtTime", "2017-04-25T19:00:00+02:00", "6", None),
        ("endedAtTime", "2017-04-25T21:00:00+02:00", "6", None),
    }
