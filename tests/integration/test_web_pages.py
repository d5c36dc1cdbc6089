"""The front door: home, list pages, Danish-aware search, the SPARQL editor page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kg.web.app import create_app
from kg.web.settings import ServeSettings
from tests.helpers import open_store, select

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def store(examples_store: Path) -> Path:
    return examples_store


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[TestClient]:
    # the pages are Danish by default: these tests read the English ones
    with TestClient(create_app(ServeSettings(store=store)), headers={"Accept-Language": "en"}) as c:
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
        ("meetings", "mkg:Meeting", 9),  # 7 in text and PDF, 2 from portal JSON
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


@pytest.fixture(scope="module")
def browser_default(store: Path) -> Iterator[TestClient]:
    """A client that sends no language preference, as a first visit can."""
    with TestClient(create_app(ServeSettings(store=store))) as c:
        yield c


MEETING = "/id/meeting/havnbjerg-opgaveudvalg-om-groen-omstilling-2023-04-25"


@pytest.mark.parametrize("path", ["/", "/meetings", "/people", MEETING, "/search?q=klima"])
def test_pages_are_danish_by_default(browser_default: TestClient, path: str) -> None:
    html = browser_default.get(path, headers={"Accept-Language": ""}).text
    assert '<html lang="da">' in html
    assert ">Møder</a>" in html and ">Meetings</a>" not in html
    assert 'hreflang="en"' in html  # the switch to English


@pytest.mark.parametrize(
    ("accept", "lang"),
    [("en-GB,en;q=0.9", "en"), ("da-DK", "da"), ("de,en;q=0.5,da;q=0.4", "en"), ("fr", "da")],
)
def test_accept_language_chooses(browser_default: TestClient, accept: str, lang: str) -> None:
    response = browser_default.get("/", headers={"Accept-Language": accept})
    assert f'<html lang="{lang}">' in response.text
    assert "Accept-Language" in response.headers["vary"]


def test_the_switch_wins_and_is_remembered(store: Path) -> None:
    with TestClient(create_app(ServeSettings(store=store))) as c:
        first = c.get("/?lang=en", headers={"Accept-Language": "da"})
        assert '<html lang="en">' in first.text and "lang=en" in first.headers["set-cookie"]
        later = c.get(MEETING, headers={"Accept-Language": "da"})  # the cookie is sent
        assert '<html lang="en">' in later.text
        assert c.get("/?lang=da").text.startswith('<!doctype html>\n<html lang="da">')


def test_danish_dates_and_numbers(browser_default: TestClient) -> None:
    meeting = browser_default.get(MEETING).text
    assert "25. april 2023" in meeting and "25 April 2023" not in meeting
    english = browser_default.get(MEETING + "?lang=en").text
    assert re.search(r"25 April 2023, \d\d:\d\d", english)
    meetings = browser_default.get("/meetings?lang=da").text
    assert re.search(r"<time datetime=\"2023-04-25T[^\"]+\">25\. april 2023, \d\d\.\d\d", meetings)


def test_pages_say_when_the_data_was_built(browser_default: TestClient) -> None:
    html = browser_default.get("/?lang=da").text
    assert re.search(r'Data pr\. <time datetime="\d{4}-\d\d-\d\dT[^"]+">\d+\. \w+ \d{4}', html)


def test_facts_link_to_the_published_document(browser_default: TestClient) -> None:
    html = browser_default.get(MEETING + "?lang=da").text
    url = "https://dagsordener.havnbjerg.example/opgaveudvalg-om-groen-omstilling/2023-04-25/referat.pdf"
    assert f'href="{url}"' in html
    assert "offentliggjort 28. april 2023" in html
    assert re.search(r"side \d+, linje \d+", html)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rådhuset", "Rådhus"),  # definite form of a word the texts use bare
        ("klimahandleplanerne", "Klimahandleplan 2023-2030"),  # definite plural
        ("handleplan", "Klimahandleplan 2023-2030"),  # the head of a compound
    ],
)
def test_search_understands_danish_word_forms(
    client: TestClient, query: str, expected: str
) -> None:
    assert expected in client.get("/search", params={"q": query}).text
