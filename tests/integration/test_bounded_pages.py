"""Every page bounded: list pages a page at a time, summaries read from the statistics
graph (counted once when a store has none), /healthz, and a page's own work answered 503
with Retry-After past its time limit or given up when the client goes."""

from __future__ import annotations

import asyncio
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pyoxigraph as ox
import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from kg import __version__, stats
from kg.errors import KgError
from kg.store import open_store as open_writable
from kg.web import resources
from kg.web.app import create_app
from kg.web.bounded import bounded
from kg.web.errors import HttpError, handle_kg_error
from kg.web.settings import ServeSettings
from tests.helpers import BASE, open_store, select

pytestmark = pytest.mark.integration

#: Each list page with the class of what it lists.
LISTS = {
    "committees": "mkg:Committee",
    "meetings": "mkg:Meeting",
    "people": "person:Person",
    "projects": "mkg:Project",
}


@pytest.fixture(scope="module")
def store(examples_store: Path) -> Path:
    return examples_store


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[TestClient]:
    settings = ServeSettings(store=store, page_size=2)
    with TestClient(create_app(settings), headers={"Accept-Language": "en"}) as c:
        yield c


def _links(html: str) -> list[str]:
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return re.findall(r'href="(/id/[^"]+)"', body)


@pytest.mark.parametrize(("name", "cls"), LISTS.items())
def test_list_pages_are_paged_and_together_list_every_resource(
    client: TestClient, store: Path, name: str, cls: str
) -> None:
    expected = {
        row["x"].removeprefix(BASE.rstrip("/"))
        for row in select(open_store(store), f"SELECT DISTINCT ?x WHERE {{ ?x a {cls} }}")
    }
    seen: list[str] = []
    page = 1
    while True:
        answer = client.get(f"/{name}", params={"page": page})
        assert answer.status_code == 200
        links = _links(answer.text)
        assert 1 <= len(links) <= 2
        seen += links
        if 'rel="next"' not in answer.text:
            break
        assert f'href="?page={page + 1}"' in answer.text
        page += 1
    assert page == -(-len(expected) // 2) > 1
    assert sorted(seen) == sorted(expected)  # each once, over the pages
    assert f"Page {page} of {page}" in answer.text and 'rel="prev"' in answer.text
    assert client.get(f"/{name}", params={"page": page + 1}).status_code == 404
    assert client.get(f"/{name}", params={"page": 0}).status_code == 400


def test_paging_is_in_danish_too(client: TestClient) -> None:
    html = client.get("/people", params={"lang": "da"}).text
    assert "Side 1 af" in html and ">Næste</a>" in html


def test_healthz_is_cheap_and_says_what_it_serves(client: TestClient) -> None:
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok" and answer.json()["version"] == __version__
    assert answer.json()["built"].startswith("20")


def test_a_store_without_statistics_is_counted_once(store: Path, tmp_path: Path) -> None:
    """A store built before the build wrote statistics: the pages count them themselves,
    once, and show the same figures."""
    folder = tmp_path / "old"
    shutil.copytree(store, folder)
    writable = open_writable(folder)
    writable.remove_graph(stats.statistics_graph(BASE))
    del writable
    assert stats.read(open_store(folder), BASE) is None
    meetings = len(select(open_store(folder), "SELECT DISTINCT ?m WHERE { ?m a mkg:Meeting }"))
    app = create_app(ServeSettings(store=folder))
    with TestClient(app, headers={"Accept-Language": "en"}) as c:
        assert f"<strong>{meetings}</strong> meetings" in c.get("/").text
        first = app.state.kg.statistics()
        c.get("/people")
        assert app.state.kg.statistics() is first


def _app(limit: float, work: Any) -> FastAPI:
    """An app with one page whose work is ``work``, under the page time limit ``limit``."""
    app = FastAPI()
    app.state.kg = SimpleNamespace(settings=SimpleNamespace(page_timeout=limit))
    app.add_exception_handler(KgError, handle_kg_error)

    @app.get("/work")
    async def page(request: Request) -> dict[str, object]:
        return {"answer": await bounded(request, work)}

    return app


def _slow() -> int:
    time.sleep(3)
    return 1


def test_page_work_past_its_time_limit_is_answered_503_with_retry_after() -> None:
    with TestClient(_app(0.2, _slow)) as c:
        start = time.monotonic()
        answer = c.get("/work")
        waited = time.monotonic() - start
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "1"
    assert waited < 2
    with TestClient(_app(5, lambda: 42)) as c:
        assert c.get("/work").json() == {"answer": 42}


def test_page_work_of_a_client_that_went_is_given_up() -> None:
    class Gone:
        app = SimpleNamespace(
            state=SimpleNamespace(kg=SimpleNamespace(settings=SimpleNamespace(page_timeout=30.0)))
        )

        async def is_disconnected(self) -> bool:
            return True

    async def ask() -> float:
        start = time.monotonic()
        with pytest.raises(HttpError) as raised:
            await bounded(Gone(), lambda: time.sleep(2))  # type: ignore[arg-type]
        assert raised.value.status == 499
        return time.monotonic() - start

    assert asyncio.run(ask()) < 1  # answered before the work ended


def test_the_statistics_graph_states_nothing_about_the_resources(store: Path) -> None:
    """The rows are one literal per list: no triple of the statistics graph names a
    committee, meeting or person, so their pages and SPARQL answers stay the documents'."""
    graph = ox.NamedNode(stats.statistics_graph(BASE))
    quads = list(open_store(store).quads_for_pattern(None, None, None, graph))
    assert quads
    named = {q.object.value for q in quads if isinstance(q.object, ox.NamedNode)}
    named |= {q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)}
    assert not {iri for iri in named if iri.startswith(f"{BASE}id/")}


def test_graph_pages_read_the_build_s_views_and_compute_nothing(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/graphs and an unfiltered graph page and its drawing come from the statistics
    graph: with the graph code broken they still answer, and the drawing is the graph."""
    from kg import graphs

    whole = client.get("/graphs/who-works-on-what.json").json()
    monkeypatch.setattr(graphs, "analysed", lambda *a, **k: pytest.fail("computed"))
    assert client.get("/graphs").status_code == 200
    page = client.get("/graphs/who-works-on-what")
    assert page.status_code == 200 and "/graphs/who-works-on-what/drawing" in page.text
    drawn = client.get("/graphs/who-works-on-what/drawing").json()
    assert drawn["capped"] is False and drawn["total"]["nodes"] == len(whole["nodes"])
    assert sorted(n["id"] for n in drawn["nodes"]) == sorted(n["id"] for n in whole["nodes"])
    assert len(drawn["edges"]) == len(whole["edges"])
    assert client.get("/graphs/who-knows-whom/drawing").status_code == 404


@pytest.mark.slow  # waits for a count it holds up on purpose
def test_healthz_answers_while_the_statistics_are_counted(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A probe is answered at once while a store without statistics is counted, and a
    page waiting for the count is answered 503 past its time limit."""
    folder = tmp_path / "old"
    shutil.copytree(store, folder)
    writable = open_writable(folder)
    writable.remove_graph(stats.statistics_graph(BASE))
    del writable
    real = stats.count

    def slow(found: Any) -> stats.Statistics:
        time.sleep(3)
        return real(found)

    monkeypatch.setattr(stats, "count", slow)
    app = create_app(ServeSettings(store=folder, page_timeout=0.5))
    with TestClient(app) as c:
        start = time.monotonic()
        assert c.get("/healthz").status_code == 200
        assert time.monotonic() - start < 1
        busy = c.get("/")
        assert busy.status_code == 503 and busy.headers["Retry-After"] == "1"
        time.sleep(3)
        assert c.get("/").status_code == 200


@pytest.mark.slow  # waits for a page it holds up on purpose
def test_a_resource_page_past_the_time_limit_is_answered_503_and_its_rdf_is_not_held_up(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A resource's HTML page runs under the page time limit, as the other pages do; its
    RDF description, answered in the event loop, is not held up by it."""
    committee = select(open_store(store), "SELECT ?c WHERE { ?c a mkg:Committee }")[0]
    path = "/" + committee["c"].removeprefix(BASE)
    real = resources.dereference

    def slow(request: Request, folder: str, segment: str) -> Any:
        if not segment.endswith(".ttl"):
            time.sleep(2)
        return real(request, folder, segment)

    monkeypatch.setattr(resources, "dereference", slow)
    with TestClient(create_app(ServeSettings(store=store, page_timeout=0.5))) as c:
        start = time.monotonic()
        busy = c.get(path, headers={"Accept": "text/html"})
        assert busy.status_code == 503 and busy.headers["Retry-After"] == "1"
        assert time.monotonic() - start < 1.5
        turtle = c.get(path + ".ttl")
        assert turtle.status_code == 200 and path.rsplit("/", 1)[-1] in turtle.text
    monkeypatch.setattr(resources, "dereference", real)
    with TestClient(create_app(ServeSettings(store=store, page_timeout=5.0))) as c:
        assert c.get(path, headers={"Accept": "text/html"}).status_code == 200
