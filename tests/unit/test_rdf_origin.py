"""Where a source document was published: a sources.csv beside it, else --source-url
followed by its name, else its path (kg/rdf/origin.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyoxigraph as ox

from kg.parse.model import SourceInfo
from kg.rdf.origin import SIDECAR, Origin, origin, origin_quads
from kg.vocab import DCT


def _source(path: Path, name: str) -> SourceInfo:
    return SourceInfo(name=name, path=str(path), sha256="0" * 64, media_type="text/plain", pages=1)


def test_the_sidecar_wins(tmp_path: Path) -> None:
    folder = tmp_path / "udvalg"
    folder.mkdir()
    (folder / SIDECAR).write_text(
        "file,url,published\nreferat.txt,https://example.org/r.pdf,2023-04-28\n"
        "dagsorden.txt,https://example.org/d.pdf,not a date\n",
        encoding="utf-8",
    )
    found = origin(_source(folder / "referat.txt", "udvalg/referat.txt"), "https://x.example/")
    assert found == Origin("https://example.org/r.pdf", date(2023, 4, 28))
    undated = origin(_source(folder / "dagsorden.txt", "udvalg/dagsorden.txt"), None)
    assert undated == Origin("https://example.org/d.pdf", None)


def test_else_the_source_url_and_the_name_else_the_path(tmp_path: Path) -> None:
    source = _source(tmp_path / "a b" / "møde 1.txt", "a b/møde 1.txt")
    assert origin(source, "https://example.org/docs/").address == (
        "https://example.org/docs/a%20b/m%C3%B8de%201.txt"
    )
    assert origin(source, None) == Origin(str(tmp_path / "a b" / "møde 1.txt"))


def test_the_quads_say_source_and_date_in_the_documents_graph() -> None:
    graph = "http://localhost:8000/id/document/x"
    dated = origin_quads(graph, Origin("https://example.org/r.pdf", date(2023, 4, 28)))
    assert {(q.predicate.value, str(getattr(q.object, "value", ""))) for q in dated} == {
        (DCT.source, "https://example.org/r.pdf"),
        (DCT.issued, "2023-04-28"),
    }
    assert all(q.graph_name == ox.NamedNode(graph) for q in dated)
    (path,) = origin_quads(graph, Origin("/data/referat.txt"))
    assert isinstance(path.object, ox.Literal) and path.object.value == "/data/referat.txt"


def test_a_listed_address_that_is_no_iri_as_written_is_escaped() -> None:
    """A sources.csv address with a space or brackets stopped the build's mapping."""
    graph = "http://localhost:8000/id/document/x"
    (source,) = origin_quads(graph, Origin("https://example.org/referat [endelig] 1.pdf"))
    assert source.object == ox.NamedNode("https://example.org/referat%20%5Bendelig%5D%201.pdf")
