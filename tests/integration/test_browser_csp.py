"""The pages' own scripts run under their Content-Security-Policy (issue 15): the editor,
the relation graphs and the OpenAPI page, in a headless Chromium that enforces the
policy (the other browser tests bypass it, since Playwright's waits evaluate code)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from tests.browser_support import CHROMIUM_ARGS, chromium_path, served

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def site(seed_store: Path) -> Iterator[str]:
    with served(seed_store) as address:
        yield address


@pytest.fixture()
def page() -> Iterator[Page]:
    executable = chromium_path()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            yield context.new_page()
        finally:
            browser.close()


def _violations(page: Page) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda m: found.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def test_the_editor_runs_a_query_under_the_policy(page: Page, site: str) -> None:
    violations = _violations(page)
    page.goto(site + "/editor")
    page.wait_for_selector(".yasqe", timeout=20_000)
    assert page.evaluate("() => typeof window.kgYasgui") == "object"
    page.evaluate(
        "() => { const t = window.kgYasgui.getTab();"
        " t.setQuery('SELECT * WHERE { ?s ?p ?o } LIMIT 3'); t.query(); }"
    )
    page.wait_for_selector(".yasr table td", timeout=20_000)
    assert violations == []


def test_a_relation_graph_is_drawn_under_the_policy(page: Page, site: str) -> None:
    violations = _violations(page)
    page.goto(site + "/graphs/who-works-on-what")
    page.wait_for_selector("canvas", timeout=20_000)
    assert violations == []


def test_the_openapi_page_renders_under_the_policy(page: Page, site: str) -> None:
    page.goto(site + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() > 5
