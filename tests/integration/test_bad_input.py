"""Bad input: one clear line per bad document, the others load, nothing of it is stored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fpdf import FPDF
from typer.testing import CliRunner

from kg.cli import app
from tests.helpers import ask, open_store, select

pytestmark = pytest.mark.integration


def _scanned_pdf(path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(40, 40, 40)
    pdf.rect(20, 20, 150, 200, style="F")  # a page with marks but no text layer
    pdf.output(str(path))


def _minutes_pdf(path: Path) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Referat af møde i Kulturudvalget\nMødetidspunkt 05-05-2021 17:00")
    pdf.output(str(path))
    return path.read_bytes()


BAD = {
    "empty.txt": "empty file",
    "binary.txt": "binary",
    "scan.pdf": "no text layer",
    "corrupt.pdf": "PDF",
    "indkoeb.txt": "does not look like minutes or an agenda",
    "forkert-dato.txt": "cannot read the meeting time",
}


@pytest.fixture()
def corpus(seeds: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(seeds, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    _scanned_pdf(folder / "scan.pdf")
    whole = _minutes_pdf(tmp_path / "whole.pdf")
    (folder / "corrupt.pdf").write_bytes(whole[: len(whole) // 3])
    (folder / "indkoeb.txt").write_text("Indkøbsliste\n\nmælk\nbrød\nsmør\n", encoding="utf-8")
    minutes = (seeds / "001_347c8e4df3f056bf.txt").read_text(encoding="utf-8")
    (folder / "forkert-dato.txt").write_text(
        minutes.replace("25-04-2017 19:00", "31-04-2017 19:00").replace(
            "Udvalgsværelse G", "Kælderen"
        ),
        encoding="utf-8",
    )
    # A Windows-era copy of the September minutes in cp1252: must load without mojibake.
    sept = (seeds / "000_fd3d242d88b435d4.txt").read_text(encoding="utf-8")
    cp1252 = sept.replace("Rådhusallen", "Rådhusallén").replace("\u2013", "-")
    (folder / "gammel-kopi.txt").write_bytes(
        cp1252.replace("26-09-2017", "27-09-2017").encode("cp1252")
    )
    return folder


def test_each_bad_document_gets_one_line_and_the_rest_load(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = CliRunner().invoke(app, ["build", str(corpus), "--store", str(store)])
    assert result.exit_code == 1, result.output
    lines = [
        line
        for line in result.stderr.splitlines()
        if line.startswith(("unreadable:", "quarantined:"))
    ]
    for name, reason in BAD.items():
        mine = [line for line in lines if name in line]
        assert len(mine) == 1, (name, lines)
        assert reason in mine[0], (name, mine[0])
    assert len(lines) == len(BAD)
    assert "5 loaded" in result.stdout


def test_nothing_of_a_bad_document_enters_the_store(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    CliRunner().invoke(app, ["build", str(corpus), "--store", str(store)])
    db = open_store(store)
    labels = {
        r["l"] for r in select(db, "SELECT ?l WHERE { ?d a mkg:SourceDocument ; rdfs:label ?l }")
    }
    assert labels.isdisjoint(BAD)
    assert not ask(db, 'ASK { ?m prov:atLocation "Kælderen" }')
    assert not ask(db, 'ASK { ?s ?p ?o FILTER(CONTAINS(STR(?o), "Indkøbsliste")) }')


def test_cp1252_minutes_load_without_mojibake(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    CliRunner().invoke(app, ["build", str(corpus), "--store", str(store)])
    db = open_store(store)
    assert ask(
        db,
        'ASK { ?m prov:atLocation "Rådhusallén" ; prov:startedAtTime ?t FILTER(STR(?t) = "2017-09-27T16:30:00+02:00") }',
    )
    assert not ask(db, 'ASK { ?s ?p ?o FILTER(CONTAINS(STR(?o), "Ã")) }')
