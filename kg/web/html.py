"""A page of the server: a template of `kg.linked.render` in the language the request
asks for, with the link to the other language."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from kg.linked.render import render
from kg.web.i18n import remember, request_locale, switch_href
from kg.web.state import mount_root, state


def respond(request: Request, template: str, built: str, **values: Any) -> HTMLResponse:
    """A page of the server in the language the request asks for."""
    locale = request_locale(request)
    root = mount_root(request)
    switch = switch_href(request, locale.other)
    html = render(template, locale, root=root, switch=switch, built=built, **values)
    response = HTMLResponse(html)
    remember(request, response)
    return response


def html_page(request: Request, template: str, **values: Any) -> HTMLResponse:
    """`respond` with the time the served data was built, as every page shows it."""
    return respond(request, template, state(request).built(), **values)
