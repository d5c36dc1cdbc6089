"""What every response gets (issue 15, web hardening): HEAD wherever GET works, 414 / 431
/ 413 for oversize requests, security headers, ETag / Last-Modified with 304, and one
kind of error page (HTML with navigation for browsers, JSON for programs)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi import FastAPI
from fastapi.responses import StreamingResponse
from fastapi.testclient import TestClient

from kg.store import OxigraphStore
from kg.web.app import create_app
from kg.web.hardening import Hardening, http_date
from kg.web.settings import ServeSettings
from kg.web.sparql import close_runner

EX = "http://localhost:8000/id/"
GRAPH = "http://localhost:8000/id/document/doc1"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hardening-store")
    store = OxigraphStore(folder)
    store.replace_graphs(
        {
            GRAPH: [
                ox.Quad(
                    ox.NamedNode(EX + "committee/udvalg"),
                    ox.NamedNode(LABEL),
                    ox.Literal("Udvalget", language="da"),
                    ox.NamedNode(GRAPH),
                )
            ]
        }
    )
    del store
    return folder


@pytest.fixture(scope="module")
def app(folder: Path) -> Iterator[FastAPI]:
    app = create_app(ServeSettings(store=folder, query_workers=1))
    yield app
    close_runner(app)
    app.state.lease.release()


@pytest.fixture(scope="module")
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


@pytest.mark.parametrize(
    "path",
    ["/", "/sparql", "/graphs", "/api/queries", "/editor", "/static/style.css", "/nowhere/x"],
)
def test_head_answers_wherever_get_does(client: TestClient, path: str) -> None:
    """Regression: HEAD was 405 on /, /sparql and /graphs."""
    get = client.get(path, headers=HTML)
    head = client.head(path, headers=HTML)
    assert head.status_code == get.status_code != 405
    assert head.content == b""
    assert head.headers.get("etag") == get.headers.get("etag")


def test_an_oversize_address_is_414(client: TestClient) -> None:
    """Regression: a long address reset the connection (a real server: see
    tests/integration/test_web_limits.py)."""
    response = client.get("/sparql", params={"query": COUNT + " " * 20_000})
    assert response.status_code == 414
    assert "POST" in response.json()["hint"]


def test_huge_headers_are_431(client: TestClient) -> None:
    response = client.get("/", headers={"x-padding": "a" * 20_000})
    assert response.status_code == 431
    assert "headers" in response.json()["error"]


def test_an_oversize_body_is_413_with_or_without_a_length(client: TestClient) -> None:
    big = b"a" * (2 << 20)
    sized = client.post(
        "/sparql", content=big, headers={"content-type": "application/sparql-query"}
    )
    assert sized.status_code == 413

    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b"a" * 65536

    chunked = client.post(
        "/sparql", content=chunks(), headers={"content-type": "application/sparql-query"}
    )
    assert chunked.status_code == 413


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/sparql?query=" + COUNT, 200),
        ("GET", "/sparql?query=DROP+ALL", 400),
        ("GET", "/nowhere/x", 404),
        ("DELETE", "/sparql", 405),
        ("GET", "/static/style.css", 200),
    ],
)
def test_every_response_has_the_security_headers(
    client: TestClient, method: str, path: str, status: int
) -> None:
    """Regression: no Content-Security-Policy, X-Content-Type-Options or Referrer-Policy."""
    response = client.request(method, path, headers={"accept": "text/html, */*;q=0.8"})
    assert response.status_code == status
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


def test_the_policy_allows_the_pages_own_inline_scripts_and_no_others(client: TestClient) -> None:
    from kg.web.hardening import content_security_policy

    page = client.get("/editor", headers=HTML)
    policy = page.headers["content-security-policy"]
    scripts = re.findall(r"<script(?![^>]*src=)[^>]*>(.*?)</script>", page.text, re.DOTALL)
    assert scripts, "the editor page has an inline script"
    for script in scripts:
        assert (
            content_security_policy(script.encode()).split(b"; ")[1].decode().split()[-1] in policy
        )
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "http" not in policy  # the vendored scripts only: no CDN


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        ("/", "text/html"),
        ("/id/committee/udvalg", "text/html"),
        ("/id/committee/udvalg", "text/turtle"),
        ("/sparql?query=" + COUNT, "application/sparql-results+json"),
    ],
)
def test_pages_and_representations_are_validated_and_answer_304(
    client: TestClient, path: str, accept: str
) -> None:
    """Regression: no ETag or Last-Modified, so every visit fetched the page whole."""
    first = client.get(path, headers={"accept": accept})
    assert first.status_code == 200, first.text
    tag, modified = first.headers["etag"], first.headers["last-modified"]
    assert first.headers["cache-control"] == "no-cache"
    again = client.get(path, headers={"accept": accept, "if-none-match": tag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == tag
    since = client.get(path, headers={"accept": accept, "if-modified-since": modified})
    assert since.status_code == 304
    stale = client.get(path, headers={"accept": accept, "if-none-match": '"other"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_each_representation_has_its_own_etag(client: TestClient) -> None:
    turtle = client.get("/id/committee/udvalg", headers={"accept": "text/turtle"})
    html = client.get("/id/committee/udvalg", headers=HTML)
    assert turtle.headers["etag"] != html.headers["etag"]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/nowhere/x", 404), ("DELETE", "/", 405), ("GET", "/sparql?query=", 400)],
)
def test_errors_are_a_page_with_navigation_for_browsers_and_json_for_programs(
    client: TestClient, method: str, path: str, status: int
) -> None:
    """Regression: the framework's own 404 and 405 were {"detail": ...} whatever was asked."""
    page = client.request(method, path, headers=HTML)
    assert page.status_code == status
    assert page.headers["content-type"].startswith("text/html")
    assert f"<h1>{status} " in page.text
    assert '<nav aria-label="Site">' in page.text and 'href="/sparql"' not in page.text
    assert 'href="/editor"' in page.text and 'href="/people"' in page.text
    data = client.request(method, path, headers={"accept": "application/json"})
    assert data.status_code == status
    body = data.json()
    assert body["status"] == status and body["error"] and "detail" not in body
    if status == 405:
        assert "HEAD" in data.headers["allow"]


def test_an_unexpected_failure_is_a_500_without_a_traceback_and_with_the_headers(
    folder: Path,
) -> None:
    """An exception no handler knows: the same error renderer, the security headers, and
    no Python traceback for the client."""
    from fastapi.routing import APIRoute

    def fail() -> None:
        raise RuntimeError("secret internals")

    app = create_app(ServeSettings(store=folder, query_workers=1))
    app.router.routes.insert(0, APIRoute("/boom/now", fail))
    try:
        client = TestClient(app, raise_server_exceptions=False)
        for accept, kind in (("text/html", "text/html"), ("application/json", "application/json")):
            response = client.get("/boom/now", headers={"accept": accept})
            assert response.status_code == 500
            assert response.headers["content-type"].startswith(kind)
            assert "secret internals" not in response.text and "Traceback" not in response.text
            assert response.headers["x-content-type-options"] == "nosniff"
    finally:
        close_runner(app)
        app.state.lease.release()


def test_a_page_elsewhere_may_revalidate_and_read_retry_after(client: TestClient) -> None:
    """A client on another origin sees the validators and Retry-After (CORS)."""
    response = client.get(
        "/sparql", params={"query": COUNT}, headers={"origin": "https://x.example"}
    )
    exposed = response.headers["access-control-expose-headers"].lower()
    assert {"etag", "last-modified", "retry-after"} <= {h.strip() for h in exposed.split(",")}
    preflight = client.options(
        "/sparql",
        headers={
            "origin": "https://x.example",
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )
    assert preflight.status_code == 200


def test_a_response_its_route_tagged_answers_304_to_that_tag_only() -> None:
    """A kept graph download is tagged by its route (the digest of its bytes) and streamed:
    the tag stays, a client that names it gets 304 without the body, and If-Modified-Since
    alone does not (the store's date says nothing of a file)."""
    app = FastAPI()

    @app.get("/file")
    def file() -> StreamingResponse:
        return StreamingResponse(iter([b"a", b"b"]), headers={"ETag": '"t"'})

    app.add_middleware(Hardening, modified=datetime(2020, 1, 1, tzinfo=UTC))
    client = TestClient(app)
    first = client.get("/file")
    assert first.content == b"ab" and first.headers["etag"] == '"t"'
    again = client.get("/file", headers={"if-none-match": '"t"'})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == '"t"'
    assert "x-content-type-options" in again.headers
    later = http_date(datetime(2030, 1, 1, tzinfo=UTC))
    since = client.get("/file", headers={"if-modified-since": later})
    assert since.status_code == 200 and since.content == b"ab"
    assert client.get("/file", headers={"if-none-match": '"u"'}).content == b"ab"
