"""Limits for every query worker (issue 15): memory as well as time, deep nesting refused
before the engine, more workers than one slow query, 503 with Retry-After when all are
busy; and a served store refuses a build, so every worker answers from one version."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kg.errors import StoreError
from kg.store import OxigraphStore
from kg.web.app import create_app
from kg.web.runner import Job, QueryRunner, QuerySyntaxError
from kg.web.settings import ServeSettings
from kg.web.sparql import close_runner, query_runner

pytestmark = pytest.mark.integration  # worker processes, stores on disk, queries for seconds

EX = "http://localhost:8000/id/"
GRAPH = "http://localhost:8000/id/document/doc1"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
QUERY_BODY = {"content-type": "application/sparql-query"}
SIZE = 50
_VALUES = " ".join(str(i) for i in range(1000))
#: A billion rows counted: runs for minutes in little memory (a slow query, not a bomb).
SLOW = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {_VALUES} }} VALUES ?b {{ {_VALUES} }} VALUES ?c {{ {_VALUES} }} }}"
_SMALL = " ".join(str(i) for i in range(200))
#: 2.7 kB that asks for eight million distinct 520-byte strings: gigabytes in seconds.
BOMB = (
    f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?a {{ {_SMALL} }} "
    f"VALUES ?b {{ {_SMALL} }} VALUES ?c {{ {_SMALL} }} "
    f'BIND(CONCAT(STR(?a), "-", STR(?b), "-", STR(?c), "{"x" * 500}") AS ?x) }}'
)
DEEP = "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000


def _quads(n: int) -> list[ox.Quad]:
    return [
        ox.Quad(
            ox.NamedNode(f"{EX}thing/t{i}"),
            ox.NamedNode(LABEL),
            ox.Literal(f"t{i}"),
            ox.NamedNode(GRAPH),
        )
        for i in range(n)
    ]


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    store = OxigraphStore(tmp_path)
    store.replace_graphs({GRAPH: _quads(SIZE)})
    del store
    return tmp_path


def _served(folder: Path, **settings: object) -> FastAPI:
    return create_app(ServeSettings(store=folder, **settings))  # type: ignore[arg-type]


@pytest.fixture()
def client(folder: Path) -> Iterator[TestClient]:
    app = _served(folder, query_timeout=20.0, query_memory=1024, query_workers=3)
    with TestClient(app) as client:
        yield client
    app.state.lease.release()


def _count(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.slow
def test_a_memory_bomb_is_stopped_with_507_and_the_next_query_answers(folder: Path) -> None:
    """Regression: workers had no memory limit (a 270-byte query reached 1.6 GB in 6 s)."""
    # a small memory limit and a long time limit: the memory limit must stop it first
    # however busy the machine (one at load 6 took over 20 s to allocate a gigabyte)
    app = _served(folder, query_timeout=300.0, query_memory=256, query_workers=3)
    with TestClient(app) as client:
        response = client.post("/sparql", content=BOMB, headers=QUERY_BODY)
        # 507, not the time limit's 503: the memory limit stopped it (no clock read)
        assert response.status_code == 507, response.text
        assert "256 MiB of memory" in response.json()["error"]
        for _ in range(4):  # every worker, the fresh one too
            assert _count(client.get("/sparql", params={"query": COUNT})) == SIZE
    app.state.lease.release()


def test_a_deep_nest_is_refused_before_the_engine(client: TestClient) -> None:
    """Regression: a query nested 5,000 levels killed the worker (500 without a reason)."""
    runner = query_runner(client.app)  # type: ignore[arg-type]
    workers = {w.process.pid for w in runner._all}
    shorter = "SELECT * WHERE " + "{" * 1000 + " ?s ?p ?o " + "}" * 1000  # fits an address
    for response, depth in (
        (client.get("/sparql", params={"query": shorter}), 1000),
        (client.post("/sparql", content=DEEP, headers=QUERY_BODY), 5000),
    ):
        assert response.status_code == 400
        assert f"nests {depth} levels deep" in response.json()["error"]
    with pytest.raises(QuerySyntaxError, match="nests 5000 levels"):
        runner.run_sync(Job(DEEP, "text/csv"))
    assert {w.process.pid for w in runner._all} == workers  # no worker died
    assert _count(client.get("/sparql", params={"query": COUNT})) == SIZE


@pytest.mark.parametrize(
    ("query", "depth"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", 1),
        ("SELECT * WHERE { { ?s ?p ?o FILTER((?o > 1)) } }", 4),
        ("SELECT * WHERE { ?s ?p '{{{{(((' } # {{{{{{", 1),
        ("SELECT * WHERE { ?s ?p [ ?q [ ?r ?o ] ] }", 3),
        (DEEP, 5000),
    ],
)
def test_nesting_depth_skips_strings_and_comments(query: str, depth: int) -> None:
    from kg.store.sparql_text import nesting_depth

    assert nesting_depth(query) == depth


def test_kg_query_refuses_a_deep_nest_with_exit_2(folder: Path) -> None:
    """Regression: `kg query` on a 5,000-level nest crashed the interpreter (exit 139)."""
    done = subprocess.run(
        [sys.executable, "-m", "kg", "query", DEEP, "--store", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "nests 5000 levels deep; at most 128 are allowed" in done.stderr


@pytest.mark.slow
def test_two_slow_queries_do_not_hold_up_a_quick_one(client: TestClient) -> None:
    """Regression: two slow queries blocked /sparql for everyone for their duration."""
    slow: list[int] = []

    def run_slow() -> None:
        slow.append(client.post("/sparql", content=SLOW, headers=QUERY_BODY).status_code)

    threads = [threading.Thread(target=run_slow) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # both are running
    assert _count(client.get("/sparql", params={"query": COUNT})) == SIZE
    # the slow ones run for minutes: answered while they still run, it did not wait
    assert not slow, "the slow queries ended before the quick one was answered"
    close_runner(client.app)  # type: ignore[arg-type]  # stops the slow ones too
    for thread in threads:
        thread.join(30)


@pytest.mark.slow
def test_when_every_worker_is_busy_the_answer_is_503_with_retry_after(folder: Path) -> None:
    app = _served(folder, query_timeout=20.0, query_workers=1, query_queue_wait=0.5)
    with TestClient(app) as client:
        thread = threading.Thread(
            target=client.post,
            args=("/sparql",),
            kwargs={"content": SLOW, "headers": QUERY_BODY},
        )
        thread.start()
        time.sleep(1.0)
        busy = client.get("/sparql", params={"query": COUNT})
        assert busy.status_code == 503
        assert busy.headers["retry-after"] == "1"
        assert "busy" in busy.json()["error"]
        close_runner(app)
        thread.join(30)
    app.state.lease.release()


def test_the_queue_is_bounded(folder: Path) -> None:
    runner = QueryRunner(folder, timeout=5.0, max_results=10, workers=1, queue=0)
    runner._pending = 1  # one query runs; none may wait
    try:
        with pytest.raises(Exception, match="busy") as raised:
            import asyncio

            asyncio.run(runner.run(Job(COUNT, "text/csv")))
        assert getattr(raised.value, "headers", {}) == {"Retry-After": "5"}
    finally:
        runner.close()


def test_a_build_on_a_served_store_is_refused(folder: Path) -> None:
    """Regression: a build on a served store went ahead; pages went stale and one COUNT
    answered differently by the worker that took it."""
    app = _served(folder, query_workers=3)
    with TestClient(app) as client:
        with pytest.raises(StoreError, match="kg serve is serving the store"):
            OxigraphStore(folder)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "kg",
                "load",
                str(_turtle(folder)),
                "--store",
                str(folder),
                "--graph",
                f"{EX}graph/links",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 2
        assert "kg serve is serving the store" in done.stderr
        assert "stop the server first" in done.stderr
        counts = {_count(client.get("/sparql", params={"query": COUNT})) for _ in range(9)}
        assert counts == {SIZE}
    app.state.lease.release()
    OxigraphStore(folder).replace_graphs({GRAPH: _quads(SIZE + 1)})  # served no more: free


def test_serving_is_refused_while_a_build_writes(folder: Path) -> None:
    writer = OxigraphStore(folder)
    with pytest.raises(StoreError, match="is writing to the store"):
        _served(folder)
    del writer
    _served(folder).state.lease.release()


def _turtle(folder: Path) -> Path:
    path = folder.parent / f"{folder.name}-links.ttl"
    path.write_text(f'<{EX}thing/t1> <{LABEL}> "new" .\n', encoding="utf-8")
    return path
