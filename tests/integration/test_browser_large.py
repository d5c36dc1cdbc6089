"""The home page and the largest relation graph's page of a large store, in headless
Chromium: each loads, the home page's figures are the store's, and the drawing holds at
most what the page may draw.

The store is built by the test (``kg synth`` of 10,000 documents, then a build with two
jobs: some two minutes on two cores, 3.5 GB of disk, removed afterwards), or is one built
beforehand, named by ``KG_LARGE_STORE`` (e.g. ``kg synth --docs 100000 --out C`` and
``kg build C --store S``).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from kg import stats
from kg.graphs.view import NODES
from kg.pipeline import build
from kg.report import Status
from kg.settings import BuildSettings, RunSettings
from kg.synth import SynthSettings, synthesize
from tests.browser_support import chromium_page, served
from tests.helpers import BASE, open_store

pytestmark = [pytest.mark.integration, pytest.mark.slow]
LARGE = os.environ.get("KG_LARGE_STORE", "")
GRAPH = "items-technologies-committees"


#: The documents of the store the test builds (the issue's 10,000).
DOCS = 10_000


@pytest.fixture(scope="module")
def store() -> Iterator[Path]:
    if LARGE:
        yield Path(LARGE)
        return
    with tempfile.TemporaryDirectory(prefix="kg-large-") as work:
        corpus, built = Path(work) / "corpus", Path(work) / "store"
        synthesize(SynthSettings(docs=DOCS, seed=0), corpus)
        report = build([corpus], built, BuildSettings(), run=RunSettings(jobs=2))
        assert report.ok, report.warnings[:5]
        assert report.count(Status.LOADED) == DOCS
        yield built


@pytest.fixture(scope="module")
def site(store: Path) -> Iterator[str]:
    with served(store) as address:
        yield address


@pytest.fixture(scope="module")
def page(site: str) -> Iterator[Page]:
    with chromium_page() as opened:
        yield opened


def test_home_page_of_a_large_store(page: Page, site: str, store: Path) -> None:
    found = stats.read(open_store(store), BASE)
    assert found is not None, "the store has no statistics graph: build it with this code"
    start = time.monotonic()
    answer = page.goto(site + "/?lang=en")
    assert answer is not None and answer.status == 200
    assert time.monotonic() - start < 5
    counts = page.locator("ul.counts").inner_text().replace(",", "")
    assert f"{found.counts['meetings']} meetings" in counts
    assert f"{found.counts['documents']} source documents" in counts


def test_graph_page_of_a_large_store_draws_within_its_cap(page: Page, site: str) -> None:
    answer = page.goto(f"{site}/graphs/{GRAPH}?lang=en")
    assert answer is not None and answer.status == 200
    page.wait_for_selector("#graph[data-ready=true]", timeout=60_000)
    drawn = page.evaluate("() => window.kgGraph.nodes().length")
    assert 0 < drawn <= NODES
    if page.locator("#graph-capped").count():
        assert "most connected" in page.locator("#graph-capped").inner_text()
