"""The build keeps the search index in step with the store, in the same run: a document
rebuilt with other words has its texts replaced, a removed document's texts go (and what
another document also states stays), and `kg load` adds what it loads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.pipeline import build
from kg.removal import Removal
from kg.search import Field, SearchIndex, find, search
from kg.settings import BuildSettings, RunSettings
from kg.store import open_store

pytestmark = [pytest.mark.integration, pytest.mark.slow]

#: The minutes of the second meeting: their decisions name Trello (no other seed does).
MINUTES = "001_347c8e4df3f056bf.txt"
RUN = RunSettings(jobs=1)


@pytest.fixture
def built(seeds: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the seeds, built: (its folder, the store)."""
    folder, store = tmp_path / "seeds", tmp_path / "store"
    shutil.copytree(seeds, folder)
    assert build([folder], store, BuildSettings(), run=RUN).ok
    return folder, store


def decisions(store: Path, words: str) -> list[str]:
    return find(SearchIndex.beside(store), words, fields=[Field.DECISION])


def test_a_rebuilt_document_has_its_texts_replaced(built: tuple[Path, Path]) -> None:
    folder, store = built
    assert len(decisions(store, "trello")) == 1
    minutes = folder / MINUTES
    minutes.write_text(
        minutes.read_text(encoding="utf-8").replace("platformen Trello", "platformen Slack"),
        encoding="utf-8",
    )
    assert build([folder], store, BuildSettings(), run=RUN).ok
    assert decisions(store, "trello") == []
    assert len(decisions(store, "slack")) == 1


def test_a_removed_document_takes_its_texts_out(built: tuple[Path, Path]) -> None:
    _, store = built
    index = SearchIndex.beside(store)
    shared = search(index, "iværksættermiljøet").total  # the agenda states it too
    assert len(decisions(store, "trello")) == 1
    report = build([], store, BuildSettings(), run=RUN, remove=Removal((MINUTES,)))
    assert report.removed == [MINUTES]
    assert decisions(store, "trello") == []
    assert search(index, "iværksættermiljøet").total >= 1
    assert search(index, "iværksættermiljøet").total <= shared
    raw = open_store(store, read_only=True).raw
    assert SearchIndex.beside(store).ensure(raw) is False  # left in step


def test_kg_load_indexes_what_it_loads(built: tuple[Path, Path], tmp_path: Path) -> None:
    _, store = built
    links = tmp_path / "links.ttl"
    links.write_text(
        '<http://example.org/org/1> <http://www.w3.org/2000/01/rdf-schema#label> "Gentofte'
        ' Bibliotekerne"@da .\n',
        encoding="utf-8",
    )
    graph = "http://example.org/graph/links"
    result = CliRunner().invoke(app, ["load", str(links), "--store", str(store), "--graph", graph])
    assert result.exit_code == 0, result.output
    hits = search(SearchIndex.beside(store), "bibliotekerne").hits
    assert [h.label for h in hits] == ["Gentofte Bibliotekerne"]


def test_a_failure_of_the_index_fails_the_build_and_its_next_build_mends_it(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index is written in a thread of its own beside the store (kg.loading): what it
    raises still stops the build, and the next build brings the index in step."""
    store = tmp_path / "store"

    def broken(self: SearchIndex, data: bytes, graphs: object) -> None:
        raise RuntimeError("the disk is full")

    with monkeypatch.context() as patched:
        patched.setattr(SearchIndex, "update_nquads", broken)
        with pytest.raises(RuntimeError, match="the disk is full"):
            build([seeds], store, BuildSettings(), run=RUN)
    assert build([seeds], store, BuildSettings(), run=RUN).ok
    assert decisions(store, "Trello")  # the second meeting's decisions are found
