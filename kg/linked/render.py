"""The HTML of the views: the Jinja templates (package data beside this module, with the
style sheet and scripts they use in ``static/``) rendered in a page language, with what
every template reads: the messages, dates and numbers of the language, the link to the
other language, and when the data was built."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from kg.linked.i18n import Locale
from kg.linked.model import Page
from kg.store.protocol import QueryStore
from kg.store.run import distinct_rows
from kg.vocab import BUILD

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
#: The pages' style sheet, scripts and vendored components (served at ``/static``).
STATIC = HERE / "static"


@cache
def templates() -> Environment:
    """The page templates; every value is escaped unless a template says otherwise. Each
    is read once per process (no check of the file on every use: a stat per page was a
    tenth of a page's time under load)."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        auto_reload=False,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


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


def render_page(page: Page, *, switch: str | None = None, built: str = "") -> str:
    """The HTML of a resource's page, in the page's language; ``switch`` links the other
    language's page, ``built`` says when the data was built."""
    return render(
        "resource.html", page.locale, root=page.root, switch=switch, built=built, page=page
    )
