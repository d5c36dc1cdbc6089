"""Rendering a page template: the page language's messages, dates and numbers, the link
to the other language, and when the data was built, for every template alike."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from kg.store.protocol import QueryStore
from kg.store.run import distinct_rows
from kg.vocab import BUILD
from kg.web.i18n import Locale, remember, request_locale, switch_href
from kg.web.resources import templates


def built_at(store: QueryStore) -> str:
    """When the latest build that wrote the store ended (its PROV activity), as an
    ``xsd:dateTime`` lexical form; "" when the store records no build."""
    rows = distinct_rows(
        store, f"SELECT (MAX(?t) AS ?t) WHERE {{ ?b a <{BUILD}> ; prov:endedAtTime ?t }}"
    )
    return rows[0].get("t", "") if rows else ""


def context(locale: Locale, *, root: str, switch: str | None, built: str) -> dict[str, Any]:
    """What every template reads besides its own values: ``_`` (the messages), ``loc``
    (dates, numbers), ``lang``, ``switch`` (the other language's page, or None) and
    ``as_of`` (when the data was built, as the reader writes it; "" when unknown)."""
    return {
        "_": locale,
        "loc": locale,
        "lang": locale.lang.value,
        "switch": switch,
        "as_of": locale.moment(built) if built else "",
        "built": built,
        "root": root,
    }


def render(
    template: str, locale: Locale, *, root: str, switch: str | None, built: str, **values: Any
) -> str:
    """One template rendered in ``locale``."""
    page = templates().get_template(template)
    return page.render(**context(locale, root=root, switch=switch, built=built), **values)


def respond(request: Request, template: str, built: str, **values: Any) -> HTMLResponse:
    """A page of the server in the language the request asks for."""
    locale = request_locale(request)
    root = str(request.scope.get("root_path", "")).rstrip("/")
    switch = switch_href(request, locale.other)
    html = render(template, locale, root=root, switch=switch, built=built, **values)
    response = HTMLResponse(html)
    remember(request, response)
    return response
