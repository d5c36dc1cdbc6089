"""Benchmark: how long every kind of HTML page takes, one request at a time, and linked-data
pages per second from concurrent clients.

    python benchmarks/pages.py --store DIR [--label TEXT] [--limit 30] [--repeat 3]
                               [--clients 8] [--ld 600] [--processes 1 2]

Starts `kg serve` on a free loopback port over the store (built beforehand, e.g. with
`kg synth --docs 1000` and `kg build`), then fetches each page kind --repeat times from one
client: the home page, every list page (first and a later page), `/graphs` and each graph
page with the drawing it fetches and the whole graph's download (.json), `/healthz`, and
the resource page of one resource of every kind. A request that takes longer than --limit
seconds is abandoned, and the server restarted (the abandoned work would otherwise go on
and slow every later figure). Then Turtle pages of
resources, spread over the kinds, from --clients concurrent clients, once for each number
of server processes in --processes (`kg serve --processes`): pages per second. The clients
are wrk's when Debian's wrk is installed (a C load generator: the clients then take little
of the CPU the server shares with them) for 10 s, else Python threads sending --ld pages.
Prints a table and appends it to benchmarks/RESULTS.md with the load average. Not a test.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from machine import record

from kg.graphs import GraphName
from tests.browser_support import served

ROOT = Path(__file__).resolve().parents[1]
MKG = "https://w3id.org/minutes-kg/ontology#"
#: The kinds of resource whose pages are timed, by their class.
KINDS = {
    "committee": f"{MKG}Committee",
    "meeting": f"{MKG}Meeting",
    "item": f"{MKG}AgendaItem",
    "person": "http://www.w3.org/ns/person#Person",
    "project": f"{MKG}Project",
    "case": f"{MKG}Case",
    "document": f"{MKG}SourceDocument",
}
LISTS = ("committees", "meetings", "people", "projects", "technologies")
GRAPHS = tuple(name.value for name in GraphName)


def samples(store_dir: Path, per_kind: int) -> dict[str, list[str]]:
    """Up to ``per_kind`` resource IRIs of each kind, spread over the store."""
    store = ox.Store.read_only(str(store_dir / "oxigraph"))
    found: dict[str, list[str]] = {}
    for kind, cls in KINDS.items():
        rows = store.query(f"SELECT DISTINCT ?r WHERE {{ ?r a <{cls}> }} LIMIT {per_kind * 7}")
        assert isinstance(rows, ox.QuerySolutions)
        iris = [str(r["r"].value) for r in rows if isinstance(r["r"], ox.NamedNode)]
        found[kind] = iris[:: max(1, len(iris) // per_kind)][:per_kind]
    return found


def paths(found: dict[str, list[str]]) -> Iterator[tuple[str, str]]:
    """(kind of page, path) for every page kind timed."""
    yield "home", "/"
    yield "healthz", "/healthz"
    for name in LISTS:
        yield f"/{name}", f"/{name}"
        yield f"/{name}?page=3", f"/{name}?page=3"
    yield "/graphs", "/graphs"
    for name in GRAPHS:
        yield f"/graphs/{name}", f"/graphs/{name}"
        yield f"/graphs/{name}/drawing", f"/graphs/{name}/drawing"  # what the page fetches
        yield f"/graphs/{name}.json", f"/graphs/{name}.json"  # the whole graph, a download
    for kind, iris in found.items():
        if iris:
            yield f"{kind} page", "/" + iris[0].split("/", 3)[3]


class Server:
    """`kg serve` over a store, restarted on demand."""

    def __init__(self, store: Path, processes: int = 1) -> None:
        self.store = store
        self.processes = processes
        self.stack = ExitStack()
        self.address = ""

    def start(self) -> None:
        options = ("--processes", str(self.processes))
        self.address = self.stack.enter_context(served(self.store, *options))

    def restart(self) -> None:
        self.stack.close()
        self.stack = ExitStack()
        self.start()


def fetched(
    client: httpx.Client, server: Server, path: str, limit: float, repeat: int, accept: str
) -> tuple[list[float], str, int]:
    """The seconds each of ``repeat`` requests for ``path`` took, the last status and the
    last body's size; no times, and the server restarted, when one passes ``limit``."""
    times: list[float] = []
    status, size = "", 0
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            answer = client.get(server.address + path, headers={"Accept": accept})
        except httpx.TimeoutException:
            server.restart()
            return [], f"> {limit:g} s", 0
        times.append(time.perf_counter() - start)
        status, size = str(answer.status_code), len(answer.content)
    return times, status, size


def row(label: str, status: str, times: list[float], size: int) -> str:
    """A table row: label, status, median and longest time in ms, bytes."""
    if not times:
        return f"| {label} | {status} | – | – | – |"
    median, most = statistics.median(times) * 1000, max(times) * 1000
    return f"| {label} | {status} | {median:,.1f} | {most:,.1f} | {size:,} |"


def timings(server: Server, limit: float, repeat: int, found: dict[str, list[str]]) -> str:
    lines = [
        "| page | status | median ms | max ms | bytes |",
        "|---|---:|---:|---:|---:|",
    ]
    # one client for every request: making an httpx.Client costs some 20 ms (its TLS
    # context), which the figures took for the server's before
    client = httpx.Client(timeout=limit)
    for kind, path in paths(found):
        times, status, size = fetched(client, server, path, limit, repeat, "text/html")
        lines.append(row(kind, status, times, size))
        print(lines[-1], flush=True)
    client.close()
    return "\n".join(lines)


#: wrk's script: each request the next resource's Turtle page, round the list.
_WRK_SCRIPT = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1], {["Accept"] = "text/turtle"})
end
"""


def linked_data(address: str, found: dict[str, list[str]], clients: int, total: int) -> LdRow:
    """Turtle pages per second from ``clients`` concurrent clients (wrk's, when it is
    installed)."""
    iris = [iri for group in found.values() for iri in group]
    if shutil.which("wrk"):
        return _wrk(address, ["/" + iri.split("/", 3)[3] for iri in iris], clients)
    targets = [address + "/" + iris[i % len(iris)].split("/", 3)[3] for i in range(total)]
    errors = 0

    def fetch(chunk: list[str]) -> int:
        failed = 0
        with httpx.Client(timeout=60) as client:
            for url in chunk:
                answer = client.get(url, headers={"Accept": "text/turtle"})
                failed += answer.status_code != 200
        return failed

    chunks = [targets[i::clients] for i in range(clients)]
    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        errors = sum(pool.map(fetch, chunks))
    seconds = time.perf_counter() - start
    return LdRow("Python threads", clients, total, errors, seconds)


@dataclass(frozen=True)
class LdRow:
    """One run of concurrent clients: how many pages, errors, seconds."""

    client: str
    clients: int
    pages: int
    errors: int
    seconds: float

    def cells(self, processes: int) -> str:
        rate = self.pages / self.seconds
        return (
            f"| {processes} | {self.client} | {self.clients} | {self.pages} | {self.errors} | "
            f"{self.seconds:.2f} | {rate:,.1f} |"
        )


LD_HEADER = (
    "| server processes | client | clients | pages | errors | seconds | pages per second |\n"
    "|---:|---|---:|---:|---:|---:|---:|"
)


def _wrk(address: str, paths: list[str], clients: int, seconds: int = 10) -> LdRow:
    """wrk with ``clients`` connections on two threads for ``seconds``, round ``paths``."""
    with tempfile.TemporaryDirectory() as tmp:
        listed = Path(tmp) / "paths.txt"
        listed.write_text("".join(f"{path}\n" for path in paths))
        script = Path(tmp) / "pages.lua"
        script.write_text(_WRK_SCRIPT % listed)
        out = subprocess.run(
            ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "-s", str(script), address],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    done = re.search(r"(\d+) requests in ([\d.]+)(m?s)", out)
    if done is None:
        raise SystemExit(f"wrk said nothing readable:\n{out}")
    took = float(done[2]) / (1000 if done[3] == "ms" else 1)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    failed = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(bad[1]) if bad else 0) + (sum(map(int, failed.groups())) if failed else 0)
    return LdRow("wrk", clients, int(done[1]), errors, took)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--label", default="")
    parser.add_argument("--limit", type=float, default=30.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--ld", type=int, default=600)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    found = samples(args.store, per_kind=20)
    quads = len(ox.Store.read_only(str(args.store / "oxigraph")))
    load_before = os.getloadavg()[0]
    rows = [LD_HEADER]
    for number, processes in enumerate(args.processes):
        server = Server(args.store, processes)
        server.start()
        try:
            if number == 0:
                table = timings(server, args.limit, args.repeat, found)
            rows.append(linked_data(server.address, found, args.clients, args.ld).cells(processes))
            print(rows[-1], flush=True)
        finally:
            server.stack.close()
    ld = "\n".join(rows)
    print(ld)
    load = f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
    title = f"Pages, one client ({args.label or args.store.name}, {quads:,} quads; {load})"
    record(ROOT / "benchmarks" / "RESULTS.md", title, table + "\n\n" + ld)


if __name__ == "__main__":
    main()
