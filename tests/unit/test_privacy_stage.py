"""The privacy stage as the build calls it: a document read as the build reads it
(`kg.reading`), resolved, mapped and checked as the workers do (`kg.preparing`) leaves
no personal data in the graph that would be written; and a CPR number that reaches the
mapping by a path around the gate is taken out by the last line on the mapped literals."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from kg.extract import Mentions, extract
from kg.extract.concepts import SCHEME_FILE, load_default_scheme
from kg.iri import Minter
from kg.parse import parse
from kg.preparing import Job, Tables, prepare
from kg.reading import Context, Task, read_one
from kg.resolve import resolve
from kg.resources import data_folder
from kg.settings import BuildSettings
from kg.validate import compile_shapes, load_shapes
from tests.textdoc import text_of

SETTINGS = BuildSettings()

MINUTES = """
    Referat af møde i Ældreudvalget
    Mødetidspunkt 12-09-2024 09:30
    Tilstede: Lis Dahl og Per Kure
    1 (Åben) Klage over hjemmehjælp
    Beslutninger:
    Borger med cpr-nr. 150675-4321 har klaget. Klagen er besvaret.
    Datteren skriver fra karen.mortensen@hotmail.com og træffes på mobil 61 23 45 67.
"""

SECRETS = ("150675-4321", "1506754321", "karen.mortensen", "hotmail", "61 23 45 67")


def _written(mentions: Mentions) -> str:
    """The N-Quads the build would write for the document of ``mentions``."""
    resolution = resolve([mentions], SETTINGS)
    compiled = compile_shapes(load_shapes(data_folder("shapes")))
    tables = Tables.of(resolution, Minter(SETTINGS.base_iri), compiled, None)
    chunk = prepare([Job(placed) for placed in resolution.docs], tables)
    assert len(chunk.graphs) == 1, chunk.docs  # written, not quarantined
    return chunk.nquads.decode()


def test_a_document_read_as_the_build_reads_it_leaves_no_personal_data_in_its_graph(
    tmp_path: Path,
) -> None:
    path = tmp_path / "referat.txt"
    path.write_text(dedent(MINUTES).strip() + "\n", encoding="utf-8")
    context = Context(SETTINGS, data_folder("ontology") / SCHEME_FILE, tmp_path / "cache", "d")
    read = read_one(context, load_default_scheme(), Task("referat.txt", path))
    assert read.mentions is not None, read.error
    written = _written(read.mentions)
    assert "Borger med cpr-nr. [CPR-nummer fjernet] har klaget." in written
    assert "[e-mail fjernet]" in written and "[telefon fjernet]" in written
    assert [s for s in SECRETS if s in written] == []


@pytest.mark.parametrize("cpr", ["150675-4321", "1506754321", "150675 4321"])
def test_the_last_line_takes_a_cpr_number_out_of_a_graph_mapped_around_the_gate(
    cpr: str,
) -> None:
    """The parsed document does not pass the gate here: the check on the mapped
    literals (`kg.privacy.literals`, called by `kg.preparing`) is all that stands."""
    doc = parse(text_of(MINUTES.replace("150675-4321", cpr), "referat.txt"), SETTINGS)
    assert any(cpr in section.text.value for item in doc.items for section in item.sections)
    written = _written(extract(doc))
    assert "Borger med cpr-nr. [CPR-nummer fjernet] har klaget." in written
    assert cpr not in written
