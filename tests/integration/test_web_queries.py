"""Named queries as an API, in-process and through a real server on loopback."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from kg.web.app import create_app
from kg.web.settings import ServeSettings
from tests.helpers import iri

pytestmark = pytest.mark.integration
POUL = iri("person", "poul-vagn-jensen")


@pytest.fixture(scope="module")
def client(seed_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServeSettings(store=seed_store))) as c:
        yield c


def test_listing_names_every_query_file(client: TestClient) -> None:
    from tests.conftest import ROOT

    listed = {q["name"]: q for q in client.get("/api/queries").json()}
    assert set(listed) == {p.stem for p in (ROOT / "kg" / "data" / "sparql").glob("*.rq")}
    assert listed["attendance-of-person"]["parameters"] == [
        {
            "name": "person",
            "kind": "iri",
            "required": True,
            "description": listed["attendance-of-person"]["parameters"][0]["description"],
        }
    ]


@pytest.mark.parametrize(
    ("accept", "fmt", "media"),
    [
        ("application/sparql-results+json", None, "application/sparql-results+json"),
        ("text/csv", None, "text/csv"),
        ("text/tab-separated-values", None, "text/tab-separated-values"),
        ("application/sparql-results+xml", None, "application/sparql-results+xml"),
        ("text/html", "csv", "text/csv"),
        (None, None, "application/sparql-results+json"),
    ],
)
def test_answers_each_format(
    client: TestClient, accept: str | None, fmt: str | None, media: str
) -> None:
    params = {"person": POUL} | ({"format": fmt} if fmt else {})
    headers = {"accept": accept} if accept else {}
    response = client.get("/api/queries/attendance-of-person", params=params, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media


def test_json_answer_is_the_attendance(client: TestClient) -> None:
    data = client.get("/api/queries/attendance-of-person", params={"person": POUL}).json()
    assert [b["attendance"]["value"] for b in data["results"]["bindings"]] == ["present", "absent"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 400),
        ({"person": "not an iri"}, 400),
        ({"person": POUL, "nobody": "x"}, 400),
        ({"person": POUL, "format": "png"}, 406),
    ],
)
def test_bad_requests(client: TestClient, params: dict[str, str], status: int) -> None:
    response = client.get("/api/queries/attendance-of-person", params=params)
    assert response.status_code == status
    assert response.json()["status"] == status


def test_a_hostile_value_is_a_literal_not_query_text(client: TestClient) -> None:
    response = client.get(
        "/api/queries/decisions-containing", params={"text": '"))} UNION {?s ?p ?o} #'}
    )
    assert response.status_code == 200
    assert response.json()["results"]["bindings"] == []


def test_openapi_lists_each_query_with_its_parameters(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    operation = paths["/api/queries/items-by-case"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"caseId", "format"}
    assert "/api/queries/who-works-on-what" in paths


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow  # a `kg serve` of its own
def test_a_real_server_on_loopback(seed_store: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(seed_store), "--port", str(port)],
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(
                    f"http://127.0.0.1:{port}/api/queries/who-works-on-what?format=csv", timeout=5
                )
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert response.status_code == 200
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert len({r["person"] for r in rows}) == 15
        listing = httpx.get(f"http://127.0.0.1:{port}/api/queries", timeout=5).json()
        assert json.dumps(listing)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_docs_page_loads_swagger_ui_from_the_package_not_a_cdn(client: TestClient) -> None:
    """Regression (issue 15): /docs loaded Swagger UI from a CDN, blank offline."""
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page.text
    assert "https://" not in page.text.replace(
        "https://fastapi.tiangolo.com", ""
    )  # nothing fetched from elsewhere
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"):
        assert client.get(f"/static/vendor/swagger-ui/{asset}").status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "minutes-kg"
