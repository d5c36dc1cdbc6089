"""The pages in real headless Chromium: from home to a meeting, a person and back, in
Danish and in English, a fact's link to its published source, and a query run in the
SPARQL editor."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser_support import chromium_page, served

pytestmark = [pytest.mark.integration, pytest.mark.slow]
MEETING = "/id/meeting/havnbjerg-opgaveudvalg-om-groen-omstilling-2023-04-25"
PERSON = "/id/person/henrik-krogh-lauridsen"


@pytest.fixture(scope="module")
def site(examples_store: Path) -> Iterator[str]:
    with served(examples_store) as address:
        yield address


@pytest.fixture(scope="module")
def page(site: str) -> Iterator[Page]:
    with chromium_page() as opened:
        yield opened


def test_home_to_meeting_to_person_and_back(page: Page, site: str) -> None:
    p = page
    p.goto(site + "/?lang=da")
    assert p.locator("h1").inner_text() == "Kommunale mødereferater som linked data"
    p.get_by_role("link", name="Opgaveudvalg om Grøn Omstilling, 25. april 2023").click()
    p.wait_for_url("**/id/meeting/havnbjerg-opgaveudvalg-om-groen-omstilling-2023-04-25")
    assert p.locator("h1").inner_text() == "Opgaveudvalg om Grøn Omstilling, 25. april 2023"
    p.get_by_role("link", name="Henrik Krogh Lauridsen").first.click()
    p.wait_for_url("**/id/person/henrik-krogh-lauridsen")
    body = p.locator("main").inner_text()
    assert "Henrik Krogh Lauridsen" in body and "Grøn varme i landsbyerne" in body
    p.go_back()
    p.wait_for_url("**/id/meeting/havnbjerg-opgaveudvalg-om-groen-omstilling-2023-04-25")
    p.go_back()
    p.wait_for_url(site + "/?lang=da")


@pytest.mark.parametrize(
    ("lang", "heading", "date", "source"),
    [
        ("da", "Kommunale mødereferater som linked data", "25. april 2023, ", "Kilde:"),
        ("en", "Municipal meeting minutes as linked data", "25 April 2023, ", "Source:"),
    ],
)
def test_home_meeting_and_person_in_each_language(
    page: Page, site: str, lang: str, heading: str, date: str, source: str
) -> None:
    p = page
    # the switch on the home page chooses the language; the cookie keeps it
    p.goto(site + "/?lang=" + ("en" if lang == "da" else "da"))
    p.locator("header .language a").click()
    p.wait_for_url(f"**/?lang={lang}")
    assert p.locator("html").get_attribute("lang") == lang
    assert p.locator("h1").inner_text() == heading
    p.goto(site + MEETING)  # no ?lang: the cookie says
    assert p.locator("html").get_attribute("lang") == lang
    lead = p.locator("p.lead time").first
    assert lead.inner_text().startswith(date)
    assert lead.get_attribute("datetime", timeout=1000) is not None
    assert p.locator("h1").get_attribute("lang") == "da"  # the data's own language
    # a fact links to the document as published, with page and lines
    first_source = p.locator("ul.sources li", has_text=source).first
    assert first_source.is_visible()
    link = p.locator("a.source-link").first
    href = link.get_attribute("href") or ""
    assert href.startswith("https://dagsordener.havnbjerg.example/"), href
    assert p.locator("ul.sources li", has=p.locator("a.source-link")).count() > 3
    p.goto(site + PERSON)
    assert p.locator("html").get_attribute("lang") == lang
    assert p.locator("h1").inner_text() == "Henrik Krogh Lauridsen"
    assert p.locator("footer .as-of time").count() == 1


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


def test_the_editor_results_fit_the_window(page: Page, site: str) -> None:
    p = page
    p.goto(site + "/editor")
    p.wait_for_function("window.kgYasgui !== undefined")
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 200"  # long IRIs and texts in many columns
    p.evaluate("q => { const t = window.kgYasgui.getTab(); t.setQuery(q); t.query(); }", query)
    p.wait_for_selector(".yasr table td", timeout=20_000)
    width = p.evaluate("() => window.innerWidth")
    assert width == 1280
    assert p.evaluate("() => document.documentElement.scrollWidth") <= width
    right = p.evaluate("() => document.querySelector('.yasr table').getBoundingClientRect().right")
    assert right <= width
