"""read_document and discover: fields of Text, errors, corpus naming, and the real seeds."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import MediaKind, Text, discover, read_document
from kg.ingest.repair import heading_pattern

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def _seed(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix``; skips the test when seeds are absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"the real seed documents are not at {SEEDS}")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix}_*.txt is not in {SEEDS}")
    return matches[0]


def test_text_fields(tmp_path: Path) -> None:
    data = "Resumé\r\n  Mødet holdes på Rådhuset.\r\n".encode("cp1252")
    path = tmp_path / "referat.txt"
    path.write_bytes(data)
    text = read_document(path)
    assert text == Text(
        name="referat.txt",
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        media=MediaKind.TEXT,
        encoding="cp1252",
        lines=text.lines,
    )
    assert [(line.text, line.page, line.first, line.last) for line in text.lines] == [
        ("Resumé", 1, 1, 1),
        ("Mødet holdes på Rådhuset.", 1, 2, 2),
    ]
    assert text.pages == 1
    assert read_document(path, name="2017/referat.txt").name == "2017/referat.txt"


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        ("referat.docx", "file", "unsupported file type '.docx'"),
        ("README", "file", "unsupported file without extension"),
        ("missing.txt", None, "no such file"),
        ("folder.txt", "folder", "is a folder"),
    ],
)
def test_read_document_errors(tmp_path: Path, name: str, make: str | None, reason: str) -> None:
    path = tmp_path / name
    if make == "file":
        path.write_text("Resumé")
    elif make == "folder":
        path.mkdir()
    with pytest.raises(InputError, match=reason) as caught:
        read_document(path)
    assert caught.value.path == path
    assert str(path) in str(caught.value)


def _corpus(root: Path) -> None:
    files = [
        "b.txt",
        "a.PDF",
        "2017/09/referat.html",
        "2017/dagsorden.htm",
        "2017/notes.text",
        ".hidden.txt",
        ".git/objects/x.txt",
        "README.md",
        "readme.txt",
        "notes.docx",
        "Z/image.png",
    ]
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")


def test_discover_orders_and_names_a_folder(tmp_path: Path) -> None:
    _corpus(tmp_path)
    assert [
        (path.relative_to(tmp_path).as_posix(), name) for path, name in discover([tmp_path])
    ] == [
        ("2017/09/referat.html", "2017/09/referat.html"),
        ("2017/dagsorden.htm", "2017/dagsorden.htm"),
        ("2017/notes.text", "2017/notes.text"),
        ("a.PDF", "a.PDF"),
        ("b.txt", "b.txt"),
    ]


def test_discover_names_a_file_by_its_file_name(tmp_path: Path) -> None:
    _corpus(tmp_path)
    found = discover([tmp_path / "2017" / "09" / "referat.html", tmp_path / "2017"])
    assert [(path.name, name) for path, name in found] == [
        ("dagsorden.htm", "dagsorden.htm"),
        ("notes.text", "notes.text"),
        ("referat.html", "referat.html"),
    ]


def test_discover_lists_a_file_given_directly(tmp_path: Path) -> None:
    _corpus(tmp_path)
    found = discover([tmp_path / "2017" / "notes.text", tmp_path / ".hidden.txt"])
    assert [name for _, name in found] == [".hidden.txt", "notes.text"]


def test_discover_lists_a_file_once(tmp_path: Path) -> None:
    _corpus(tmp_path)
    found = discover([tmp_path / "2017", tmp_path / "2017" / "notes.text"])
    assert [name for _, name in found] == ["09/referat.html", "dagsorden.htm", "notes.text"]


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("nowhere", "no such file or folder"),
        ("notes.docx", "unsupported file type '.docx'"),
    ],
)
def test_discover_errors(tmp_path: Path, given: str, reason: str) -> None:
    _corpus(tmp_path)
    with pytest.raises(InputError, match=reason) as caught:
        discover([tmp_path / "b.txt", tmp_path / given])
    assert caught.value.path == tmp_path / given


def test_discover_rejects_two_documents_with_one_name(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "referat.txt").write_text("x")
    with pytest.raises(InputError, match=re.escape("same name 'referat.txt'")):
        discover([tmp_path / "one", tmp_path / "two"])


def test_discover_of_an_empty_folder(tmp_path: Path) -> None:
    assert discover([tmp_path]) == []


# The real seeds in ../shared/seeds


def test_seed_002_bullets_and_broken_lines() -> None:
    text = read_document(_seed("002"))
    lines = [line.text for line in text.lines]
    assert lines[0] == "Resumé"
    assert (
        "- Fremsætte forslag til model, der sikrer at innovation forankres og integreres i den "
        "politiske ledelse og proces. Forslag til model forventes klar efteråret 2017 med henblik "
        "på mulig integrering i den politiske ledelse og proces fra 2018."
    ) in lines
    assert (
        "Opgaveudvalget om Innovation skal med udgangspunkt i ønsket om at øge "
        "innovationskraften i kommunen:"
    ) in lines
    assert (
        "Opgaveudvalget om Innovation holder fjerde møde tirsdag d. 26. september 2017 i form af "
        'konferencen "Teknologilaboratorium – indsigt i morgendagens teknologibaserede '
        'velfærdsløsninger", som afholdes i samarbejde med Opgaveudvalget for digitalisering og '
        "teknologi."
    ) in lines
    for heading in ("Baggrund", "Indstilling", "Tidligere beslutninger:"):
        assert heading in lines


def test_seed_003_sentence_broken_across_a_blank_line() -> None:
    text = read_document(_seed("003"))
    wanted = (
        "3. Hvordan hænger arbejdet med de tre projekter sammen med kommissoriets formål "
        '"Vi skaber metoder og viden, mens vi arbejder"'
    )
    spans = [(line.first, line.last) for line in text.lines if line.text == wanted]
    assert spans[0] == (13, 15)
    assert [line.text for line in text.lines][:3] == [
        "1 (Åben) Andet møde i Opgaveudvalg om Innovation",
        "",
        "Sags ID: EMN-2017-02193",
    ]
    assert (
        "Opgaveudvalget om Innovation mødes 2. gang tirsdag den 25. april 2017 kl. "
        "19.00-21.00 Mødelokale G, Gentofte Rådhus."
    ) in [line.text for line in text.lines]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_seed_has_no_pdf_artefacts_left(prefix: str) -> None:
    text = read_document(_seed(prefix))
    assert (text.encoding, text.media) == ("utf-8", MediaKind.TEXT)
    for line in text.lines:
        assert not set(line.text) & set("•”“„’‘\u00a0\t"), line
        assert line.text == line.text.strip(), line
        assert "  " not in line.text, line
    assert text.lines[0].text and text.lines[-1].text
    blanks = [i for i, line in enumerate(text.lines) if not line.text]
    assert all(b + 1 not in blanks for b in blanks)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_seed_headings_stay_lines_of_their_own(prefix: str) -> None:
    path = _seed(prefix)
    raw = path.read_text(encoding="utf-8").splitlines()
    pattern = heading_pattern()
    lines = {(line.text, line.first, line.last) for line in read_document(path).lines}
    headings = [(n, " ".join(t.split())) for n, t in enumerate(raw, 1) if pattern.match(t.strip())]
    assert headings
    for number, heading in headings:
        assert (heading, number, number) in lines


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_clean_minutes_keep_their_header_lines(prefix: str) -> None:
    lines = [line.text for line in read_document(_seed(prefix)).lines]
    assert "Protokollen blev læst" in lines
    assert "og mødet hævet kl.: 21:00" in lines
    assert any(line.startswith("Tilstede: Marie-Louise Andreassen") for line in lines)
