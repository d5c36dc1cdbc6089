"""The pages in real headless Chromium: from home to a meeting, a person and back, and a
query run in the SPARQL editor."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from kg.pipeline import build
from kg.settings import BuildSettings
from tests.browser_support import chromium_page, served
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser")
    assert build([EXAMPLES], folder, BuildSettings()).ok
    with served(folder) as address:
        yield address


@pytest.fixture(scope="module")
def page(site: str) -> Iterator[Page]:
    with chromium_page() as opened:
        yield opened


def test_home_to_meeting_to_person_and_back(page: Page, site: str) -> None:
    p = page
    p.goto(site + "/")
    assert p.locator("h1").inner_text() == "Municipal meeting minutes as linked data"
    p.get_by_role("link", name="Opgaveudvalg om Grøn Omstilling, 25. april 2023").click()
    p.wait_for_url("**/id/meeting/opgaveudvalg-om-groen-omstilling-2023-04-25")
    assert p.locator("h1").inner_text() == "Opgaveudvalg om Grøn Omstilling, 25. april 2023"
    p.get_by_role("link", name="Henrik Krogh Lauridsen").first.click()
    p.wait_for_url("**/id/person/henrik-krogh-lauridsen")
    body = p.locator("main").inner_text()
    assert "Henrik Krogh Lauridsen" in body and "Grøn varme i landsbyerne" in body
    p.go_back()
    p.wait_for_url("**/id/meeting/opgaveudvalg-om-groen-omstilling-2023-04-25")
    p.go_back()
    p.wait_for_url(site + "/")


def test_search_box_finds_a_person_by_a_variant_spelling(page: Page, site: str) -> None:
    p = page
    p.goto(site + "/")
    p.fill("#site-search", "katrine dalsgaard")
    p.press("#site-search", "Enter")
    p.wait_for_url("**/search?q=*")
    assert "Kathrine Dalsgaard" in p.locator("main").inner_text()


def test_a_query_runs_in_the_sparql_editor(page: Page, site: str) -> None:
    p = page
    p.goto(site + "/editor")
    p.wait_for_function("window.kgYasgui !== undefined")
    query = "SELECT ?name WHERE { ?p a <http://www.w3.org/ns/person#Person> ; <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?name"
    p.evaluate("q => { const t = window.kgYasgui.getTab(); t.setQuery(q); t.query(); }", query)
    p.wait_for_selector(".yasr table td", timeout=20_000)
    cells = p.locator(".yasr table td").all_inner_texts()
    assert any("Anne Holm Madsen" in c for c in cells)
