"""A store's documents over time, and the CLI when something is wrong (issue 15): each
test is named after what broke and failed on the code before its fix."""

from __future__ import annotations

import gc
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner, Result

from kg import stats
from kg.cli import app
from kg.errors import StoreError
from kg.iri import Kind, Minter, slugify
from kg.pipeline import REDACTIONS_FILE, build, explain_people
from kg.report import Status
from kg.resources import data_folder
from kg.search import SearchIndex
from kg.settings import DEFAULT_BASE_IRI, BuildSettings, RunSettings
from kg.store import lease
from kg.validate import load_shapes
from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.integration

SETTINGS = BuildSettings()
MINUTES = EXAMPLES / "klima-og-miljoeudvalget" / "referat-2023-03-14.txt"
AGENDA = EXAMPLES / "klima-og-miljoeudvalget" / "dagsorden-2023-03-14.txt"
runner = CliRunner()

_NO_Q = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix mkg: <https://w3id.org/minutes-kg/ontology#> .

<urn:test:NoQ> a sh:NodeShape ;
    sh:targetClass mkg:SourceDocument ;
    sh:property [ sh:path rdfs:label ; sh:pattern "^[^Q]*$" ;
                  sh:message "no Q in a file name"@en ] .
"""


def _graph(name: str) -> str:
    return Minter(DEFAULT_BASE_IRI).iri(Kind.DOCUMENT, slugify(name))


def _graphs(store: Path) -> set[str]:
    """The named graphs in the store, read by a process of its own (a command run here
    may still hold the store open)."""
    code = (
        "import sys, pyoxigraph as ox; db = ox.Store.read_only(sys.argv[1]);"
        "print(*(g.value for g in db.named_graphs() if isinstance(g, ox.NamedNode)), sep='\\n')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(store / "oxigraph")],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stdout.split())


def _close(result: Result) -> None:
    """Let go of the store a command run here opened: the error it ended with holds it
    (a command run as a process of its own lets go when it ends)."""
    result.exc_info = None
    result.exception = None
    gc.collect()


def _size(store: Path, graph: str) -> int:
    """How many quads the graph holds (by a process of its own, as `_graphs`)."""
    code = (
        "import sys, pyoxigraph as ox; db = ox.Store.read_only(sys.argv[1]);"
        "print(len(list(db.quads_for_pattern(None, None, None, ox.NamedNode(sys.argv[2])))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(store / "oxigraph"), graph],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


@pytest.fixture
def quarantine(tmp_path: Path) -> tuple[Path, Path, object]:
    """A folder with a good minutes document and one whose name breaks a test shape."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(MINUTES, folder / "referat.txt")
    bad = folder / "referat-Q.txt"
    bad.write_text(MINUTES.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    shapes_dir = tmp_path / "shapes"
    shapes_dir.mkdir()
    shutil.copy(data_folder("shapes") / "core.ttl", shapes_dir)
    (shapes_dir / "no-q.ttl").write_text(_NO_Q, encoding="utf-8")
    return folder, bad, load_shapes(shapes_dir)


def test_a_quarantined_document_no_longer_fails_later_builds_that_do_not_touch_it(
    tmp_path: Path, quarantine: tuple[Path, Path, object]
) -> None:
    folder, bad, shapes = quarantine
    store = tmp_path / "store"
    first = build([bad], store, SETTINGS, shapes=shapes)  # type: ignore[arg-type]
    assert [o.status for o in first.outcomes] == [Status.QUARANTINED] and not first.ok
    later = build([folder / "referat.txt"], store, SETTINGS, shapes=shapes)  # type: ignore[arg-type]
    assert later.ok  # exit 0: this build's own document loaded
    still = [o for o in later.outcomes if o.status is Status.QUARANTINED]
    assert [(o.name, o.kept) for o in still] == [("referat-Q.txt", True)]


def test_kg_remove_takes_documents_and_their_graphs_out(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(MINUTES, folder / "referat.txt")
    shutil.copy(AGENDA, folder / "dagsorden.txt")
    store = tmp_path / "store"
    assert build([folder], store, SETTINGS, run=RunSettings(jobs=1)).ok
    assert {_graph("referat.txt"), _graph("dagsorden.txt")} <= _graphs(store)
    done = runner.invoke(app, ["remove", "referat.txt", "--store", str(store)])
    assert done.exit_code == 0, done.output
    assert "removed referat.txt" in done.output
    graphs = _graphs(store)
    assert _graph("referat.txt") not in graphs and _graph("dagsorden.txt") in graphs
    assert not (store / "documents" / f"{slugify('referat.txt')}.json").exists()
    assert "referat.txt" not in (store / REDACTIONS_FILE).read_text(encoding="utf-8")
    # the meeting stays, from the agenda that still names it
    again = build([], store, SETTINGS, run=RunSettings(jobs=1))
    assert again.ok and _graph("referat.txt") not in _graphs(store)


@pytest.mark.parametrize("how", ["slug", "iri"])
def test_kg_remove_takes_a_document_by_its_slug_or_its_graphs_iri(tmp_path: Path, how: str) -> None:
    store = tmp_path / "store"
    assert build([MINUTES], store, SETTINGS, run=RunSettings(jobs=1)).ok
    given = slugify(MINUTES.name) if how == "slug" else _graph(MINUTES.name)
    done = runner.invoke(app, ["remove", given, "--store", str(store)])
    assert done.exit_code == 0, done.output
    assert f"removed {MINUTES.name}" in done.output
    _close(done)
    assert _graph(MINUTES.name) not in _graphs(store)


def test_kg_remove_of_a_document_not_in_the_store_exits_2_and_removes_nothing(
    tmp_path: Path,
) -> None:
    store = tmp_path / "store"
    assert build([MINUTES], store, SETTINGS, run=RunSettings(jobs=1)).ok
    before = _graphs(store)
    done = runner.invoke(app, ["remove", MINUTES.name, "nope.txt", "--store", str(store)])
    assert done.exit_code == 2
    assert "nope.txt" in done.output and "Traceback" not in done.output
    _close(done)
    assert _graphs(store) == before
    # and nothing was marked as changing: the downloads the build kept are still served,
    # and the search index is not read again from the store at the next start
    assert not stats.Downloads.beside(store).marked
    with closing(sqlite3.connect(SearchIndex.beside(store).path)) as db:
        assert db.execute("SELECT value FROM state WHERE key = 'writing'").fetchone() == ("0",)


def test_kg_remove_quarantined_clears_the_quarantined_documents(
    tmp_path: Path, quarantine: tuple[Path, Path, object]
) -> None:
    folder, _, shapes = quarantine
    store = tmp_path / "store"
    report = build([folder], store, SETTINGS, shapes=shapes, run=RunSettings(jobs=1))  # type: ignore[arg-type]
    assert report.count(Status.QUARANTINED) == 1
    done = runner.invoke(app, ["remove", "--quarantined", "--store", str(store)])
    assert done.exit_code == 0, done.output
    assert "removed referat-Q.txt" in done.output
    assert not (store / "documents" / f"{slugify('referat-Q.txt')}.json").exists()
    assert _graph("referat.txt") in _graphs(store)
    later = build([], store, SETTINGS, shapes=shapes, run=RunSettings(jobs=1))  # type: ignore[arg-type]
    assert later.count(Status.QUARANTINED) == 0


def test_kg_load_refuses_to_write_into_a_documents_graph(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert build([MINUTES], store, SETTINGS, run=RunSettings(jobs=1)).ok
    target = _graph(MINUTES.name)
    before = _size(store, target)
    links = tmp_path / "links.ttl"
    links.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    done = runner.invoke(app, ["load", str(links), "--store", str(store), "--graph", target])
    assert done.exit_code == 2
    assert "source document" in done.output and "Traceback" not in done.output
    _close(done)
    assert _size(store, target) == before
    other = "http://localhost:8000/id/graph/links"
    done = runner.invoke(app, ["load", str(links), "--store", str(store), "--graph", other])
    assert done.exit_code == 0, done.output


def test_a_refused_concurrent_build_writes_nothing_not_even_its_overrides(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    overrides = tmp_path / "overrides.toml"
    overrides.write_text('[[same]]\nnames = ["Anne Holm", "Anne H. Holm"]\n', encoding="utf-8")
    held = lease.writing(store)  # another process writing (a lock of this one does as well)
    try:
        with pytest.raises(StoreError):
            build([MINUTES], store, SETTINGS, overrides=overrides, run=RunSettings(jobs=1))
    finally:
        held.release()
    assert sorted(p.name for p in store.iterdir()) == [lease.LEASE_FILE]


def test_a_symlink_loop_in_an_input_folder_is_skipped_with_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(MINUTES, folder / "referat.txt")
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    store = tmp_path / "store"
    done = runner.invoke(app, ["build", str(folder), "--store", str(store), "--jobs", "1"])
    assert done.exit_code == 0, done.output
    assert "Traceback" not in done.output
    skipped = [line for line in done.output.splitlines() if "skipped" in line]
    assert len(skipped) == 2 and all("loop" in line for line in skipped)  # a.txt, b.txt
    assert _graph("referat.txt") in _graphs(store)


def test_an_unreadable_file_in_an_input_folder_is_one_line_and_the_others_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(MINUTES, folder / "referat.txt")
    locked = folder / "locked.txt"
    locked.write_text("Referat\n", encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(path: Path) -> bytes:  # as chmod 000 does for anyone but root
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    report = build([folder], tmp_path / "store", SETTINGS, run=RunSettings(jobs=1))
    statuses = {o.name: o.status for o in report.outcomes}
    assert statuses == {"locked.txt": Status.UNREADABLE, "referat.txt": Status.LOADED}
    (outcome,) = [o for o in report.outcomes if o.name == "locked.txt"]
    assert len(outcome.messages) == 1 and "Permission denied" in outcome.messages[0]


def test_an_unsupported_file_type_exits_2_as_documented(tmp_path: Path) -> None:
    given = tmp_path / "referat.docx"
    given.write_bytes(b"PK\x03\x04")
    done = runner.invoke(app, ["build", str(given), "--store", str(tmp_path / "store")])
    assert done.exit_code == 2, done.output
    assert "unsupported file type '.docx'" in done.output


def test_export_into_a_missing_folder_makes_it_and_an_unwritable_path_says_so(
    tmp_path: Path,
) -> None:
    store = tmp_path / "store"
    assert build([MINUTES], store, SETTINGS, run=RunSettings(jobs=1)).ok
    target = tmp_path / "missing-dir" / "x.nq"
    done = runner.invoke(
        app, ["export", "--store", str(store), "--format", "nquads", "-o", str(target)]
    )
    assert done.exit_code == 0, done.output
    assert target.stat().st_size > 0
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    done = runner.invoke(
        app, ["export", "--store", str(store), "--format", "nquads", "-o", str(blocked / "x.nq")]
    )
    assert done.exit_code == 2
    assert ("cannot write" in done.output and done.exception is None) or isinstance(
        done.exception, SystemExit
    )


@pytest.mark.slow  # two builds
def test_after_a_killed_build_resolve_explain_still_works(
    tmp_path: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = tmp_path / "whole"
    assert build([seeds], whole, SETTINGS, run=RunSettings(jobs=1)).ok
    expected = explain_people(whole, SETTINGS)
    assert expected  # the seeds spell some people more than one way

    def killed(*args: object, **kwargs: object) -> list[str]:
        raise KeyboardInterrupt  # as if the build were stopped while loading

    monkeypatch.setattr("kg.loading.Batches.load_all", killed)
    with pytest.raises(KeyboardInterrupt):
        build([seeds], tmp_path / "killed", SETTINGS, run=RunSettings(jobs=1))
    assert explain_people(tmp_path / "killed", SETTINGS) == expected


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.mark.slow
def _wait_until_served(port: int) -> None:
    """Wait (up to some 30 s) until the server on ``port`` answers its health check."""
    for _ in range(150):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_on_dev_demo_prints_no_traceback(seed_store: Path) -> None:
    """dev.py demo's last step is kg serve; Ctrl-C reaches the whole process group."""
    port = _free_port()
    code = "import sys, dev; dev._run(*sys.argv[1:])"
    serve = [sys.executable, "-m", "kg", "serve", "--store", str(seed_store), "--port", str(port)]
    child = subprocess.Popen(
        [sys.executable, "-c", code, *serve],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group, as a terminal gives it
        # and Ctrl-C's default action, as a terminal's foreground job has it: a test run in
        # the background of a shell inherits SIGINT ignored, which dev.py would keep
        preexec_fn=_interruptible,
    )
    try:
        _wait_until_served(port)
        os.killpg(child.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        _, errors = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.terminate()  # dev.py passes SIGTERM on: its server, in a session of its
            child.communicate(timeout=30)  # own, is not left serving
    assert child.returncode == 130
    assert "Traceback" not in errors, errors


def test_sigterm_to_dev_py_stops_the_server_it_started(seed_store: Path) -> None:
    """Regression: dev.py runs its command in a session of its own, so a SIGTERM sent to
    dev.py alone (by a process manager or `timeout`) left `kg serve` running on its port."""
    port = _free_port()
    code = "import sys, dev; dev._run(*sys.argv[1:])"
    serve = [sys.executable, "-m", "kg", "serve", "--store", str(seed_store), "--port", str(port)]
    child = subprocess.Popen(
        [sys.executable, "-c", code, *serve], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        _wait_until_served(port)
        child.send_signal(signal.SIGTERM)  # to dev.py only, not to its command's session
        child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 128 + signal.SIGTERM  # the command ended by the signal
    with pytest.raises(httpx.ConnectError):  # nothing listens on the port any more
        httpx.get(f"http://127.0.0.1:{port}/healthz")
