"""A Virtuoso server of the tests' own: Debian's virtuoso-opensource, started on loopback
in a temporary folder, with updates granted to the SPARQL user, stopped by its PID."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

SKIP_REASON = (
    "Virtuoso is not installed (apt-get install virtuoso-opensource; CI does): "
    "the remote-store tests need virtuoso-t and isql-vt"
)
STARTUP_SECONDS = 90.0

_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
DirsAllowed = {dir}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
CaseMode = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 600
MaxQueryCostEstimationTime = 0
"""


def programs() -> tuple[str, str] | None:
    """The server and the SQL client, when installed."""
    server = shutil.which("virtuoso-t")
    client = shutil.which("isql-vt") or shutil.which("isql")
    return (server, client) if server and client else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True)
class Virtuoso:
    http_port: int
    sql_port: int
    folder: Path
    pid: int

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def address(self) -> str:
        """What ``--store`` takes."""
        return "sparql+" + self.endpoint

    def clear(self) -> None:
        """Drop every graph kg may have written (Virtuoso's own graphs stay)."""
        from kg.store import StoreAddress
        from kg.store.remote import RemoteStore

        store = RemoteStore(StoreAddress.parse(self.address, work=self.folder / "work"))
        try:
            for graph in list(store.graphs()):
                store.remove_graph(graph)
        finally:
            store.close()


@contextmanager
def running(folder: Path) -> Iterator[Virtuoso]:
    """A fresh Virtuoso with its database in ``folder``, for the life of the block."""
    found = programs()
    if found is None:
        raise RuntimeError(SKIP_REASON)
    server, client = found
    http_port, sql_port = _free_port(), _free_port()
    folder.mkdir(parents=True, exist_ok=True)
    ini = folder / "virtuoso.ini"
    ini.write_text(_INI.format(dir=folder, http_port=http_port, sql_port=sql_port))
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen(
        [server, "+foreground", "+configfile", str(ini)],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    try:
        _wait(process, http_port, folder)
        grant = (
            "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"
        )
        subprocess.run(
            [client, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={grant}"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        yield Virtuoso(http_port, sql_port, folder, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        log.close()


def _wait(process: subprocess.Popen[bytes], port: int, folder: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = (folder / "stdout.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"virtuoso-t stopped at start (exit {process.returncode}):\n{tail}")
        try:
            answer = httpx.get(
                f"http://127.0.0.1:{port}/sparql",
                params={"query": "ASK {}"},
                headers={"Accept": "application/sparql-results+xml"},
                timeout=5,
            )
            if answer.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"Virtuoso did not answer on port {port} in {STARTUP_SECONDS:g} s")
