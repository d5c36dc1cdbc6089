"""The privacy gate at build time: after a build, no CPR number, private e-mail address,
phone number or closed item's text is anywhere in the store folder, and the redaction
report says where each was, never what."""

from __future__ import annotations

import csv
from pathlib import Path
from textwrap import dedent

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.pipeline import REDACTIONS_FILE, BuildReport, Status, build
from kg.privacy import RedactionKind
from kg.settings import BuildSettings
from tests.helpers import open_store

pytestmark = pytest.mark.integration

MINUTES = """
    Referat af møde i Socialudvalget

    Mødetidspunkt 05-03-2024 16:00
    Mødeafholdelse Rådhuset

    Tilstede: Ida Holm og Ole Berg

    1 (Åben) Henvendelse om vejbump

    Sags ID: EMN-2024-00010

    Resumé
    Borger med cpr-nr. 150675-4321 har klaget.
    Hun skriver fra karen.mortensen@hotmail.com.
    Hun kan træffes på mobil 61 23 45 67.
    Forvaltningen svarer fra trafik@gentofte.dk.

    Beslutninger:
    Godkendt.

    2 (Lukket) Personalesag

    Resumé
    Medarbejderen Bent Hemmeligsen er indstillet til afsked.

    Beslutninger:
    Godkendt.
"""

AGENDA = """
    Dagsorden til møde i Teknikudvalget

    Mødetidspunkt 06-03-2024 16:00
    Mødeafholdelse Rådhuset

    1 (Åben) Støj fra byggeplads

    Sags ID: EMN-2024-00011

    Resumé
    Naboen kan kontaktes på tlf. +45 40 11 22 33.
"""

SECRETS = (
    "150675-4321",
    "1506754321",
    "karen.mortensen",
    "hotmail",
    "61 23 45 67",
    "61234567",
    "Hemmeligsen",
    "afsked",
    "40 11 22 33",
)


def _write(folder: Path, name: str, text: str) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    body = dedent(text).strip() + "\n"
    (folder / name).write_text(body, encoding="utf-8")
    return body.splitlines()


def _line(lines: list[str], part: str) -> str:
    return str(next(n for n, line in enumerate(lines, start=1) if part in line))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport, list[str]]:
    root = tmp_path_factory.mktemp("privacy")
    lines = _write(root / "in", "referat.txt", MINUTES)
    report = build([root / "in"], root / "store", BuildSettings())
    assert [o.status for o in report.outcomes] == [Status.LOADED], report.outcomes
    return root / "store", report, lines


def _rows(store_dir: Path) -> list[list[str]]:
    with (store_dir / REDACTIONS_FILE).open(newline="", encoding="utf-8") as file:
        return list(csv.reader(file))


def test_no_secret_is_in_any_literal_or_iri_of_the_store(
    built: tuple[Path, BuildReport, list[str]],
) -> None:
    store = open_store(built[0])
    terms = [
        term.value
        for quad in store.quads_for_pattern(None, None, None, None)
        for term in (quad.subject, quad.object)
        if isinstance(term, ox.Literal | ox.NamedNode)
    ]
    assert terms
    for secret in SECRETS:
        assert not [t for t in terms if secret in t or secret.lower() in t], secret
    assert any("[CPR-nummer fjernet]" in t for t in terms)
    assert any("[e-mail fjernet]" in t for t in terms)
    assert any("[telefon fjernet]" in t for t in terms)


def test_an_organisational_address_survives(built: tuple[Path, BuildReport, list[str]]) -> None:
    store = open_store(built[0])
    assert any(
        "trafik@gentofte.dk" in quad.object.value
        for quad in store.quads_for_pattern(None, None, None, None)
        if isinstance(quad.object, ox.Literal)
    )


def test_no_secret_is_in_any_file_of_the_store_folder_but_the_database(
    built: tuple[Path, BuildReport, list[str]],
) -> None:
    """The document cache and the report, byte for byte (the database is checked above,
    through its terms, as its files may be compressed)."""
    files = [
        f
        for f in built[0].rglob("*")
        if f.is_file() and "oxigraph" not in f.relative_to(built[0]).parts
    ]
    assert {f.parent.name for f in files} >= {"documents", built[0].name}
    for file in files:
        data = file.read_bytes()
        for secret in SECRETS:
            assert secret.encode() not in data, (file.name, secret)


def test_the_report_lists_file_line_and_kind_of_each(
    built: tuple[Path, BuildReport, list[str]],
) -> None:
    store_dir, report, lines = built
    expected = [
        ["referat.txt", "1", _line(lines, "cpr-nr."), "cpr"],
        ["referat.txt", "1", _line(lines, "hotmail"), "email"],
        ["referat.txt", "1", _line(lines, "mobil"), "phone"],
        ["referat.txt", "1", _line(lines, "(Lukket)"), "closed-item"],
    ]
    assert _rows(store_dir) == [["file", "page", "line", "kind"], *sorted(expected)]
    assert sorted(
        [r.document, str(r.span.page), str(r.span.first), r.kind.value] for r in report.redactions
    ) == sorted(expected)


def test_the_report_covers_every_document_of_the_store(tmp_path: Path) -> None:
    _write(tmp_path / "a", "referat.txt", MINUTES)
    agenda = _write(tmp_path / "b", "dagsorden.txt", AGENDA)
    build([tmp_path / "a"], tmp_path / "store", BuildSettings())
    report = build([tmp_path / "b"], tmp_path / "store", BuildSettings())
    assert [r.kind for r in report.redactions] == [RedactionKind.PHONE]
    rows = _rows(tmp_path / "store")
    assert ["dagsorden.txt", "1", _line(agenda, "tlf."), "phone"] in rows
    assert sorted(r[3] for r in rows[1:] if r[0] == "referat.txt") == [
        "closed-item",
        "cpr",
        "email",
        "phone",
    ]
    assert rows[1:] == sorted(rows[1:])


def test_kg_build_prints_a_count_per_kind(tmp_path: Path) -> None:
    _write(tmp_path / "in", "referat.txt", MINUTES)
    result = CliRunner().invoke(
        app, ["build", str(tmp_path / "in"), "--store", str(tmp_path / "s")]
    )
    assert result.exit_code == 0, result.output
    assert "withheld: 1 cpr, 1 email, 1 phone, 1 closed-item" in result.stdout
