"""Served behind a proxy under a prefix (uvicorn's ``--root-path``, the ASGI root path), every
link a page writes starts with the prefix: the lists, a resource's links, a graph page's
drawing, the language switch and the API docs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kg.web.app import create_app
from kg.web.settings import ServeSettings

pytestmark = pytest.mark.integration
PREFIX = "/minutes"


@pytest.fixture(scope="module")
def client(examples_store: Path) -> Iterator[TestClient]:
    app = create_app(ServeSettings(store=examples_store))
    with TestClient(app, root_path=PREFIX) as client:
        yield client
    app.state.lease.release()


def _links(html: str) -> list[str]:
    return re.findall(r'(?:href|src|action|data-[a-z]+)="(/[^"]*)"', html)


@pytest.mark.parametrize("path", ["/", "/committees", "/graphs", "/graphs/who-works-on-what"])
def test_every_link_of_a_page_starts_with_the_prefix(client: TestClient, path: str) -> None:
    page = client.get(path, headers={"Accept": "text/html"})
    assert page.status_code == 200, page.text
    links = _links(page.text)
    assert links, f"{path}: no links found, the check proves nothing"
    assert [link for link in links if not link.startswith(PREFIX + "/")] == []


def test_a_resource_page_links_under_the_prefix(client: TestClient) -> None:
    listing = client.get("/committees", headers={"Accept": "text/html"}).text
    committee = next(link for link in _links(listing) if "/id/committee/" in link)
    page = client.get(committee.removeprefix(PREFIX), headers={"Accept": "text/html"})
    assert page.status_code == 200
    links = _links(page.text)
    assert any("/id/" in link for link in links)
    assert [link for link in links if not link.startswith(PREFIX + "/")] == []


def test_the_api_docs_load_the_schema_under_the_prefix(client: TestClient) -> None:
    docs = client.get("/docs").text
    assert f"{PREFIX}/openapi.json" in docs
