"""The interactive graph page in real headless Chromium: every node of the graph's JSON is
drawn, the search finds a node, and a click on a node opens its linked-data page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page

from tests.browser_support import chromium_page, served

pytestmark = [pytest.mark.integration, pytest.mark.slow]  # a server and Chromium
NAME = "who-works-on-what"


@pytest.fixture(scope="module")
def site(seed_store: Path) -> Iterator[str]:
    with served(seed_store) as address:
        yield address


@pytest.fixture(scope="module")
def page(site: str) -> Iterator[Page]:
    with chromium_page() as opened:
        yield opened


def _open(page: Page, site: str) -> None:
    page.goto(f"{site}/graphs/{NAME}")
    page.wait_for_selector("#graph[data-ready=true]", timeout=20_000)


def test_every_node_of_the_json_is_drawn(page: Page, site: str) -> None:
    data = httpx.get(f"{site}/graphs/{NAME}.json").json()
    _open(page, site)
    drawn = page.evaluate("() => window.kgGraph.nodes().map(n => [n.id(), n.data('label')])")
    assert sorted(map(tuple, drawn)) == sorted((n["id"], n["label"]) for n in data["nodes"])
    assert len(drawn) == 18
    # each node is inside the drawing area, with a size
    boxes = page.evaluate(
        """() => window.kgGraph.nodes().map(n => {
             const p = n.renderedPosition(); return [p.x, p.y, n.renderedWidth()]; })"""
    )
    width = page.evaluate("() => window.kgGraph.width()")
    assert all(0 <= x <= width and w > 0 for x, _, w in boxes)
    assert page.locator("#graph canvas").count() > 0


def test_search_highlights_a_node(page: Page, site: str) -> None:
    _open(page, site)
    page.fill("#graph-find", "schiøtz")
    page.press("#graph-find", "Enter")
    page.wait_for_function("window.kgGraph.nodes('.found').length === 1")
    found = page.evaluate("() => window.kgGraph.nodes('.found').map(n => n.data('label'))")
    assert found == ["Casper Schiøtz Bratvold"]
    assert "1 found" in page.locator("#graph-status").inner_text()  # Chromium asks for en-US


@pytest.mark.parametrize("name", ["who-works-on-what", "co-attendance"])
def test_labels_do_not_overlap_at_the_default_zoom(page: Page, site: str, name: str) -> None:
    page.goto(f"{site}/graphs/{name}")
    page.wait_for_selector("#graph[data-ready=true]", timeout=20_000)
    boxes = page.evaluate(
        """() => window.kgGraph.nodes().filter(n => !n.hasClass('unlabelled')).map(n => {
             const b = n.renderedBoundingBox({includeNodes: false, includeEdges: false,
                                              includeLabels: true});
             return [b.x1, b.y1, b.x2, b.y2]; }).filter(b => b[2] > b[0])"""
    )
    assert len(boxes) >= 5  # the largest nodes keep their labels
    overlaps = [
        (a, b)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]
    assert not overlaps
    # a hidden label shows on hover
    hidden = page.evaluate("() => window.kgGraph.nodes('.unlabelled').length")
    if hidden:
        shown = page.evaluate(
            """() => { const n = window.kgGraph.nodes('.unlabelled')[0]; n.emit('mouseover');
                       return n.style('label'); }"""
        )
        assert shown


def test_a_click_on_a_node_opens_its_page(page: Page, site: str) -> None:
    _open(page, site)
    page.locator("#graph").scroll_into_view_if_needed()
    node_id = "http://localhost:8000/id/person/marie-louise-andreassen"
    # centre the node so that no other node or label lies under the pointer
    page.evaluate(
        "id => { const cy = window.kgGraph; cy.resize(); cy.zoom(1.5); cy.center(cy.getElementById(id)); }",
        node_id,
    )
    x, y = page.evaluate(
        """id => { const box = document.getElementById('graph').getBoundingClientRect();
                   const p = window.kgGraph.getElementById(id).renderedPosition();
                   return [box.left + p.x, box.top + p.y]; }""",
        node_id,
    )
    with page.expect_navigation() as navigation:
        page.mouse.click(x, y)
    response = navigation.value
    assert response is not None and response.status == 200
    assert page.url == f"{site}/id/person/marie-louise-andreassen"
    assert page.locator("h1").inner_text() == "Marie-Louise Andreassen"


def test_the_filter_form_redraws_for_a_committee(page: Page, site: str) -> None:
    _open(page, site)
    page.select_option(
        "select[name=committee]", label="Opgaveudvalget for digitalisering og teknologi"
    )
    page.click("form.graph-filter button[type=submit]")
    page.wait_for_url("**committee=*")
    page.wait_for_selector("#graph[data-ready=true]", timeout=20_000)
    assert page.evaluate("() => window.kgGraph.nodes().length") == 0
