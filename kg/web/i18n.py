"""The page language of a request: chosen from ``?lang=``, the cookie that remembers it
and ``Accept-Language`` (`kg.linked.i18n.choose`), and the link to the other language."""

from __future__ import annotations

from typing import Final
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response

from kg.linked.i18n import Language, Locale, choose
from kg.web.state import mount_root

#: The cookie that remembers a reader's choice.
COOKIE: Final = "lang"


def request_locale(request: Request) -> Locale:
    """The locale a request asks for (`choose`)."""
    return Locale(
        choose(
            request.query_params.get("lang"),
            request.cookies.get(COOKIE),
            request.headers.get("accept-language"),
        )
    )


def switch_href(request: Request, lang: Language) -> str:
    """This page's path in ``lang``: the same query with ``lang`` set."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    root = mount_root(request)
    path = request.url.path
    if root and not path.startswith(root):
        path = root + path
    return f"{path}?{urlencode([*params, ('lang', lang.value)])}"


def remember(request: Request, response: Response) -> Response:
    """Say that the page depends on the language asked for, and keep a ``?lang=`` choice
    in a cookie for the next pages (that answer is not stored: a revalidated copy, a 304,
    would not set the cookie)."""
    response.headers.append("Vary", "Accept-Language, Cookie")
    asked = request.query_params.get("lang")
    if asked in tuple(Language):
        response.set_cookie(COOKIE, str(asked), max_age=365 * 24 * 3600, samesite="lax")
        response.headers["Cache-Control"] = "no-store"
    return response
