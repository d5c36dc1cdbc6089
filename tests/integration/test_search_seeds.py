"""Search on the real seeds understands Danish word forms: a definite form finds the bare
word the minutes use ("rådhuset": "Gentofte Rådhus"), a definite compound finds the
project ("iværksættermiljøet": "Iværksættermiljø"), in the index the build kept beside the
store and on the page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kg.search import SearchIndex, search
from kg.web.app import create_app
from kg.web.settings import ServeSettings

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def index(seed_store: Path) -> SearchIndex:
    index = SearchIndex.beside(seed_store)
    assert index.path.is_file()  # the build made it
    return index


@pytest.fixture(scope="module")
def client(seed_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServeSettings(store=seed_store))) as c:
        yield c


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("rådhuset", "Opgaveudvalg om Innovation, 26. september 2017"),  # "Rådhusallen"
        ("rådhuset", "Andet møde i Opgaveudvalg om Innovation"),  # "Gentofte Rådhus"
        ("raadhuset", "Andet møde i Opgaveudvalg om Innovation"),  # å written out
        ("iværksættermiljøet", "Iværksættermiljø"),  # the project
        ("iværksættermiljøet", "Arbejdsgruppen om Iværksættermiljø"),  # its working group
        ("miljøet", "Iværksættermiljø"),  # the last part of the compound
        ("innovationsprojekterne", "Andet møde i Opgaveudvalg om Innovation"),  # plural definite
    ],
)
def test_danish_word_forms_find_the_seeds(index: SearchIndex, query: str, found: str) -> None:
    assert found in [hit.label for hit in search(index, query, limit=50).hits]


def test_the_search_page_finds_them(client: TestClient) -> None:
    for query, expected in (("rådhuset", "Rådhus"), ("iværksættermiljøet", "Iværksættermiljø")):
        page = client.get("/search", params={"q": query})
        assert page.status_code == 200
        assert expected in page.text
        assert "0 fundet" not in page.text


def test_the_search_page_marks_the_words_found(client: TestClient) -> None:
    page = client.get("/search", params={"q": "rådhuset"}).text
    assert "<mark>Rådhus</mark>" in page or "<mark>Rådhusallé</mark>" in page


def test_the_search_page_speaks_danish_and_english(client: TestClient) -> None:
    danish = client.get("/search", params={"q": "innovation", "lang": "da"}).text
    english = client.get("/search", params={"q": "innovation", "lang": "en"}).text
    assert "9 fundet for" in danish
    assert "9 found for" in english


def test_the_search_page_pages_its_hits(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.web.search

    monkeypatch.setattr(kg.web.search, "PAGE_SIZE", 4)
    pages = [
        client.get("/search", params={"q": "innovation", "page": n, "lang": "en"}).text
        for n in (1, 2, 3)
    ]
    shown = [re.findall(r'<li><a href="([^"]*)"', page) for page in pages]
    assert [len(s) for s in shown] == [4, 4, 1]
    assert len({href for s in shown for href in s}) == 9  # no hit on two pages
    assert "page 2 of 3" in pages[1]
    assert 'rel="prev"' in pages[1] and 'rel="next"' in pages[1]
    assert 'rel="next"' not in pages[2]
    assert client.get("/search", params={"q": "innovation", "page": 0}).status_code == 400
