"""Where the graph lives: a folder (embedded Oxigraph) or a SPARQL 1.1 store's address.

``--store`` takes either. A remote address is written ``sparql+http://HOST:PORT/PATH``
(or ``sparql+https://``): the query endpoint, with optional parameters

- ``update=URL`` the SPARQL Update endpoint (default: the query endpoint);
- ``graph-store=URL`` the Graph Store Protocol endpoint graphs are written through
  (default: for Virtuoso its ``/sparql-graph-crud``, else none: SPARQL Update);

a URL may be absolute or a path on the same server. Credentials never go in the address:
they are read from ``KG_STORE_USER`` and ``KG_STORE_PASSWORD`` (digest authentication,
or basic with ``KG_STORE_AUTH=basic``). What a build keeps beside the graph (the parsed
documents and the overrides file) goes into a local work folder: ``KG_WORK`` when set,
else ``.kg/remote/HOST-PORT`` under the current directory.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from pydantic import BeforeValidator

from kg.errors import UsageError
from kg.settings import Frozen

SCHEMES = {"sparql+http": "http", "sparql+https": "https"}
#: The work folders of remote stores, under the current directory.
REMOTE_WORK = Path(".kg") / "remote"


class StoreKind(StrEnum):
    FOLDER = "folder"
    SPARQL = "sparql"


class StoreAddress(Frozen):
    """A store folder, or a remote store's endpoints and its local work folder."""

    kind: StoreKind
    #: The store folder, or the work folder of a remote store.
    work: Path
    query_url: str | None = None
    update_url: str | None = None
    graph_store_url: str | None = None

    @classmethod
    def parse(cls, text: str, *, work: Path | None = None) -> StoreAddress:
        """An address from ``--store``; `UsageError` when it cannot be one.

        >>> StoreAddress.parse("sparql+http://127.0.0.1:8890/sparql").work
        PosixPath('.kg/remote/127.0.0.1-8890')
        """
        scheme, sep, _ = text.partition("://")
        if not sep or scheme.lower() not in SCHEMES:
            if sep and scheme.lower() in ("http", "https"):
                raise UsageError(
                    f"--store {text}: a remote store's address starts with sparql+{scheme}://",
                    hint=f"write --store sparql+{text}",
                )
            return cls(kind=StoreKind.FOLDER, work=Path(text))
        parts = urlsplit(text)
        if parts.username or parts.password:
            raise UsageError(
                "--store: credentials do not go in the address (they would show in logs)",
                hint="set KG_STORE_USER and KG_STORE_PASSWORD instead",
            )
        if not parts.hostname:
            raise UsageError(f"--store {text}: the address names no host")
        try:
            port = parts.port or (443 if parts.scheme.endswith("s") else 80)
        except ValueError as exc:
            raise UsageError(f"--store {text}: {exc}") from exc
        fields = parse_qsl(parts.query, keep_blank_values=True)
        known = {"update", "graph-store"}
        endpoint = urlunsplit(
            (
                SCHEMES[parts.scheme.lower()],
                parts.netloc,
                parts.path or "/",
                urlencode([(k, v) for k, v in fields if k not in known]),
                "",
            )
        )
        given = dict(fields)
        return cls(
            kind=StoreKind.SPARQL,
            work=work or REMOTE_WORK / f"{parts.hostname}-{port}",
            query_url=endpoint,
            update_url=urljoin(endpoint, given["update"]) if given.get("update") else None,
            graph_store_url=urljoin(endpoint, given["graph-store"])
            if given.get("graph-store")
            else None,
        )

    @classmethod
    def of(cls, value: object) -> StoreAddress:
        """An address from an address, a path or the text of ``--store``."""
        if isinstance(value, StoreAddress):
            return value
        if isinstance(value, Path):
            return cls(kind=StoreKind.FOLDER, work=value)
        if isinstance(value, str):
            return cls.parse(value)
        raise TypeError(f"not a store address: {value!r}")

    @property
    def remote(self) -> bool:
        return self.kind is StoreKind.SPARQL

    def __str__(self) -> str:
        if self.query_url is None:
            return str(self.work)
        return "sparql+" + self.query_url


def _coerce(value: Any) -> Any:
    return StoreAddress.of(value) if isinstance(value, str | Path) else value


#: A settings field that takes a folder, an address's text or an address.
StoreRef = Annotated[StoreAddress | Path, BeforeValidator(_coerce)]
