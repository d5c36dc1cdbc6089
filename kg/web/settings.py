"""The settings of the web service, frozen and loaded once."""

from __future__ import annotations

from kg.publish.settings import PublishSettings
from kg.settings import DEFAULT_BASE_IRI, BaseIri, Frozen
from kg.store.address import StoreRef


class ServeSettings(Frozen):
    """What `kg serve` needs: the store, the dataset's base IRI and the safety limits."""

    #: A store folder or a remote store's address (a path or text is read as one).
    store: StoreRef
    #: The base of the IRIs the data was built with; pages answer for their paths
    #: whatever host and port the server runs on.
    base_iri: BaseIri = DEFAULT_BASE_IRI
    #: Seconds a SPARQL query may run before it is stopped.
    query_timeout: float = 10.0
    #: Most result rows (or triples) a query may return.
    max_results: int = 10_000
    #: SPARQL endpoints a query may call with SERVICE; none by default.
    service_allowlist: tuple[str, ...] = ()
    #: Origins allowed to query from a page elsewhere ("*": any).
    cors_origins: tuple[str, ...] = ("*",)
    #: How many queries may run at once (each in a worker process of its own); the rest
    #: wait, so pages keep being served and a slow query holds up one worker only. With
    #: several server processes, shared out among them.
    query_workers: int = 4
    #: MiB of address space a query may use, on top of what its worker holds with the
    #: store open (0: no limit); a query needing more is stopped with 507 and the worker
    #: replaced.
    query_memory: int = 2048
    #: Server processes answering requests on the one port (`kg.web.processes`): a
    #: process serves pages on one core at most (Python's lock), so a busy server needs
    #: one per core.
    processes: int = 1
    #: Seconds a query waits for a free worker before it is answered 503 with Retry-After.
    query_queue_wait: float = 5.0
    #: Seconds a page's own work (outside the query workers) may take before the page is
    #: answered 503 with Retry-After.
    page_timeout: float = 10.0
    #: Rows on each page of a list page (``?page=2``: the next rows).
    page_size: int = 100
    #: What /catalog.ttl and /.well-known/void say about the release (as `kg publish`
    #: --settings); its base IRI is replaced by the one above.
    publish: PublishSettings = PublishSettings()
