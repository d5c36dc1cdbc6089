"""Benchmark: requests per second and p99 latency with many concurrent clients on / and on
/sparql, and the server's memory before and after.

    python benchmarks/load.py [--store DIR] [--clients 200] [--requests 3000]
                              [--seconds 60] [--no-record]

Without --store, builds the bundled examples into a temporary store. Starts `kg serve` on
a free loopback port (127.0.0.1 only), then for each target (the home page, and /sparql
with a small COUNT query) opens --clients connections that together send --requests
requests, stopping early after --seconds; then stops the server. Reports requests per
second, the median and p99 latency, and the answers by status (a 503 is the queue's
"busy", with Retry-After), and the resident memory (RSS) of the server and of its query
workers before the load and after it. Prints the table and appends it to
benchmarks/RESULTS.md with the machine's description. The load generator runs on the
same machine, so it shares the CPU with the server. Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from machine import record
from procs import rss_mib, tree
from serve import prepared_store

from tests.browser_support import free_port

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }"
TARGETS = {
    "/": ("/", {"accept": "text/html"}),
    "/sparql (COUNT)": (
        "/sparql?" + str(httpx.QueryParams({"query": COUNT})),
        {"accept": "application/sparql-results+json"},
    ),
}


@dataclass(frozen=True)
class Run:
    target: str
    seconds: float
    latencies: list[float]
    statuses: Counter[int | str]

    def row(self, clients: int) -> str:
        done = len(self.latencies)
        ordered = sorted(self.latencies)
        p99 = ordered[min(done - 1, int(done * 0.99))] * 1000 if done else float("nan")
        median = statistics.median(ordered) * 1000 if done else float("nan")
        shown = ", ".join(f"{k}: {v}" for k, v in sorted(self.statuses.items(), key=str))
        return (
            f"| {self.target} | {clients} | {done} | {done / self.seconds:,.0f} "
            f"| {median:,.0f} | {p99:,.0f} | {shown} |"
        )


def memory(pid: int) -> tuple[float, float]:
    """RSS of the server process and the sum of its workers' (MiB)."""
    return rss_mib(pid), sum(rss_mib(worker) for worker in tree(pid) - {pid})


async def _exchange(
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter], request: bytes
) -> int:
    """Send one request on a kept-alive connection and read the whole answer; its status."""
    reader, writer = connection
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def hammer(
    address: str,
    target: tuple[str, str, dict[str, str]],
    clients: int,
    total: int,
    seconds: float,
) -> Run:
    """``total`` requests from ``clients`` concurrent kept-alive connections, stopping at
    ``seconds``. The client is a few lines of asyncio (no HTTP library) so that it takes
    as little of the shared CPU as it can."""
    name, path, headers = target
    host, port = address.removeprefix("http://").split(":")
    fields = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n{fields}\r\n".encode()
    latencies: list[float] = []
    statuses: Counter[int | str] = Counter()
    left = total
    deadline = time.monotonic() + seconds

    async def one_client() -> None:
        nonlocal left
        connection = None
        while left > 0 and time.monotonic() < deadline:
            left -= 1
            began = time.perf_counter()
            try:
                if connection is None:
                    connection = await asyncio.open_connection(host, int(port))
                status = await asyncio.wait_for(_exchange(connection, request), 60)
            except (OSError, asyncio.IncompleteReadError, TimeoutError) as exc:
                statuses[type(exc).__name__] += 1
                if connection is not None:
                    connection[1].close()
                connection = None
                continue
            statuses[status] += 1
            latencies.append(time.perf_counter() - began)
        if connection is not None:
            connection[1].close()

    began = time.monotonic()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    return Run(name, time.monotonic() - began, latencies, statuses)


def start(store: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port)],
        stderr=subprocess.PIPE,
    )
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(address + "/api/queries", timeout=5)
            return server, address
        except httpx.TransportError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise RuntimeError("the server did not start") from None
            time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=3000, help="per target")
    parser.add_argument("--seconds", type=float, default=60.0, help="per target, at most")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        store = prepared_store(args.store, 0, Path(scratch))
        server, address = start(store)
        try:
            for path, headers in TARGETS.values():  # warm: each page and worker once
                httpx.get(address + path, headers=headers, timeout=60)
            before = memory(server.pid)
            runs = [
                asyncio.run(
                    hammer(address, (name, *target), args.clients, args.requests, args.seconds)
                )
                for name, target in TARGETS.items()
            ]
            after = memory(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    lines = [
        "| target | clients | requests answered | requests/s | median ms | p99 ms | statuses |",
        "|---|---:|---:|---:|---:|---:|---|",
        *(run.row(args.clients) for run in runs),
        "",
        "| server RSS MiB | before | after |",
        "|---|---:|---:|",
        f"| server process | {before[0]:.0f} | {after[0]:.0f} |",
        f"| query workers (all) | {before[1]:.0f} | {after[1]:.0f} |",
    ]
    table = "\n".join(lines)
    print(table)
    if not args.no_record:
        record(args.results, f"kg serve under load ({args.clients} clients)", table)


if __name__ == "__main__":
    main()
