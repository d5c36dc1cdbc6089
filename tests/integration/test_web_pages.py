"""The front door: home, list pages, Danish-aware search, the SPARQL editor page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kg.pipeline import build
from kg.settings import BuildSettings
from kg.web.app import create_app
from kg.web.settings import ServeSettings
from tests.conftest import EXAMPLES
from tests.helpers import open_store, select

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    assert build([EXAMPLES], folder, BuildSettings()).ok
    return folder


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServeSettings(store=store))) as c:
        yield c


def _links(html: str) -> list[str]:
    return re.findall(r'href="(/id/[^"]+)"', html)


def test_home_says_what_the_dataset_holds(client: TestClient, store: Path) -> None:
    html = client.get("/").text
    meetings = len(select(open_store(store), "SELECT DISTINCT ?m WHERE { ?m a mkg:Meeting }"))
    assert f"<strong>{meetings}</strong> meetings" in html
    assert "<strong>31</strong> people" in html
    assert "Klima- og Miljøudvalget" in html
    assert 'href="/editor"' in html and 'href="/api/queries"' in html


@pytest.mark.parametrize(
    ("page", "cls", "expected"),
    [
        ("committees", "mkg:Committee", 3),
        ("meetings", "mkg:Meeting", 7),
        ("people", "person:Person", 31),
        ("projects", "mkg:Project", 3),
    ],
)
def test_list_pages_list_every_resource_with_a_working_link(
    client: TestClient, store: Path, page: str, cls: str, expected: int
) -> None:
    response = client.get(f"/{page}")
    assert response.status_code == 200
    links = sorted(set(_links(response.text)))
    assert len(links) == expected
    stored = select(open_store(store), f"SELECT DISTINCT ?r WHERE {{ ?r a {cls} }}")
    assert {"/" + r["r"].split("/", 3)[3] for r in stored} == set(links)
    for link in links[:5]:
        assert client.get(link).status_code == 200


def test_technologies_page_lists_the_ten(client: TestClient) -> None:
    assert (
        len(
            set(
                re.findall(
                    r'href="(https://w3id.org/minutes-kg/concepts/[^"]+)"',
                    client.get("/technologies").text,
                )
            )
        )
        == 10
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("raadhus", "Rådhus"),  # æ/ø/å written out
        ("KLIMAHANDLEPLAN", "Klimahandleplan 2023-2030"),  # case
        ("klimahandleplanen", "Klimahandleplan 2023-2030"),  # definite form
        ("ladestandere", "Ladestandere til elbiler"),  # plural
        ("henrik lauridsen", "Henrik Krogh Lauridsen"),  # several words, a name
    ],
)
def test_search_is_danish_aware(client: TestClient, query: str, expected: str) -> None:
    html = client.get("/search", params={"q": query}).text
    assert expected in html


def test_search_escapes_what_it_echoes(client: TestClient) -> None:
    html = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_editor_page_uses_the_vendored_editor_and_the_named_queries(client: TestClient) -> None:
    html = client.get("/editor").text
    assert '/static/vendor/yasgui/yasgui.min.js"' in html
    assert not re.search(r'src="https?://', html)
    assert "Who works on what" in html
    script = client.get("/static/vendor/yasgui/yasgui.min.js")
    assert script.status_code == 200 and len(script.content) > 500_000


def test_unknown_page_is_404(client: TestClient) -> None:
    response = client.get("/no-such-page", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert "no page" in response.text
