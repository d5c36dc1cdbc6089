"""The one table of formats (kg.formats): every format has its row, no suffix or alias
names two formats, the rows agree with pyoxigraph, and the tables that name a subset of
the formats in their own words (Serialization, ResultFormat, DumpFormat, the service
description) all find theirs in it."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.formats import FORMATS, W3C_FORMATS, Media
from kg.linked.service import SD, description
from kg.publish.dumps import DumpFormat
from kg.store.formats import Serialization
from kg.store.run import ResultFormat


def test_every_media_type_has_its_row() -> None:
    assert set(FORMATS) == set(Media)


def test_no_suffix_or_alias_names_two_formats() -> None:
    suffixes = [s for row in FORMATS.values() for s in row.suffixes]
    aliases = [a for row in FORMATS.values() for a in row.aliases]
    assert len(suffixes) == len(set(suffixes))
    assert len(aliases) == len(set(aliases))
    assert not set(aliases) & {m.value for m in Media}


@pytest.mark.parametrize("media", [m for m in Media if m.rdf_format is not None])
def test_rdf_rows_agree_with_pyoxigraph(media: Media) -> None:
    fmt = media.rdf_format
    assert fmt is not None
    assert fmt.media_type == media.value
    assert fmt.file_extension == media.suffix
    assert Media.from_rdf_format(fmt) is media


@pytest.mark.parametrize("media", [m for m in Media if m.w3c is not None])
def test_formats_with_a_w3c_name_are_the_ones_they_say(media: Media) -> None:
    results = media.results_format
    if results is not None:
        assert results.media_type.partition(";")[0] == media.value  # CSV, TSV: a charset
    else:
        assert media.rdf_format is not None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("text/turtle", Media.TURTLE),
        ("application/x-turtle", Media.TURTLE),
        ("text/plain", Media.NTRIPLES),
        ("text/xml", Media.SPARQL_XML),
        ("application/xhtml+xml", Media.HTML),
        ("image/png", None),
    ],
)
def test_media_types_and_their_aliases(given: str, expected: Media | None) -> None:
    assert Media.from_media_type(given) is expected


@pytest.mark.parametrize("fmt", list(Serialization))
def test_each_serialization_is_an_rdf_format_of_the_table(fmt: Serialization) -> None:
    assert fmt.media.rdf_format == fmt.rdf_format
    assert Serialization.from_extension(fmt.extension) is fmt
    assert Serialization.from_media_type(fmt.media_type) is fmt


@pytest.mark.parametrize("fmt", [f for f in ResultFormat if f is not ResultFormat.TABLE])
def test_each_result_format_is_a_results_format_of_the_table(fmt: ResultFormat) -> None:
    assert isinstance(fmt.results_format, ox.QueryResultsFormat)


def test_the_table_is_no_results_format() -> None:
    with pytest.raises(ValueError, match="table"):
        _ = ResultFormat.TABLE.results_format


@pytest.mark.parametrize("fmt", list(DumpFormat))
def test_each_dump_names_its_format_by_suffix(fmt: DumpFormat) -> None:
    assert fmt.value.endswith(f".{fmt.media.suffix}.gz")
    assert fmt.media_type == fmt.rdf_format.media_type
    assert fmt.file_type.rsplit("/", 1)[1].startswith("RDF_")


def test_the_service_description_lists_the_endpoints_formats() -> None:
    # The nine the endpoint answers in, as the description listed them before the table.
    listed = [
        str(t.object)
        for t in description("http://example.org/sparql", [], federated=False)
        if t.predicate == ox.NamedNode(SD + "resultFormat")
    ]
    names = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV"]
    names += ["SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "N-Quads"]
    assert listed == [f"<{W3C_FORMATS}{n}>" for n in names]
