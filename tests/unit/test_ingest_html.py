"""HTML to lines: blocks, bullets, dropped content, entities and source line numbers."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg.ingest import MediaKind, read_document
from kg.ingest.html import _LineParser, _plain_markup, declared_charset, html_lines
from kg.ingest.repair import RawLine


def _raw(html: str) -> list[tuple[str, int]]:
    return [(line.text, line.line) for line in html_lines(html)]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>Et</p><p>To</p>", [("Et", 1), ("", 1), ("To", 1)]),
        ("<div>Et</div><div>To</div>", [("Et", 1), ("To", 1)]),
        ("<p>Et<br>To<br/>Tre</p>", [("Et", 1), ("To", 1), ("Tre", 1)]),
        ("<h1>Resumé</h1>Tekst", [("Resumé", 1), ("", 1), ("Tekst", 1)]),
        ("<h3>Bilag</h3><p>1. Program</p>", [("Bilag", 1), ("", 1), ("1. Program", 1)]),
        ("<section>A</section><article>B</article>", [("A", 1), ("", 1), ("B", 1)]),
        ("<ul><li>En</li><li>To</ul>", [("- En", 1), ("- To", 1)]),
        ("<ul><li>En<li>To</ul>", [("- En", 1), ("- To", 1)]),
        ("<ol><li>En</li><li>To</li></ol>", [("1. En", 1), ("2. To", 1)]),
        ('<ol start="4"><li>Fire</li></ol>', [("4. Fire", 1)]),
        ("<ul><li><p>Afsnit</p></li></ul>", [("- Afsnit", 1)]),
        ("<ul><li></li><li>To</li></ul>", [("- To", 1)]),
        (
            "<table><tr><td>Tilstede:</td><td>Ida Holm</td></tr><tr><th>a</th><td>b</td></tr></table>",
            [("Tilstede: Ida Holm", 1), ("a b", 1)],
        ),
        ("<p>Tekst &amp; mere&nbsp;tekst &#8211; &eacute;</p>", [("Tekst & mere\xa0tekst – é", 1)]),
        ("<p>  mange   \n  mellemrum </p>", [("mange mellemrum", 1)]),
        ("<p>Et<b>fed</b> <i>kursiv</i></p>", [("Etfed kursiv", 1)]),
        ("<pre>linje 1\n  linje 2</pre>", [("linje 1", 1), ("linje 2", 2)]),
        ("<p>før</p><hr><p>efter</p>", [("før", 1), ("", 1), ("efter", 1)]),
    ],
)
def test_blocks_become_lines(html: str, expected: list[tuple[str, int]]) -> None:
    assert _raw(html) == expected


@pytest.mark.parametrize(
    "html",
    [
        "<head><title>Titel</title><style>p { color: red }</style></head><body><p>Tekst</p></body>",
        "<script>document.write('<p>nej</p>')</script><p>Tekst</p>",
        "<style>.a::before { content: '<p>' }</style><p>Tekst</p>",
        "<noscript>Slå JavaScript til</noscript><p>Tekst</p>",
        "<template><p>skabelon</p></template><p>Tekst</p>",
        "<html><head><meta charset='utf-8'><title>Titel</title><body><p>Tekst</p>",
        "<svg><text>tegning</text></svg><p>Tekst</p><!-- kommentar -->",
    ],
)
def test_head_script_and_style_are_dropped(html: str) -> None:
    assert [text for text, _ in _raw(html) if text] == ["Tekst"]


def test_line_numbers_are_where_the_text_began() -> None:
    html = (
        "<html>\n"  # 1
        "<body>\n"  # 2
        "<h2>1 (Åben) Eventuelt</h2>\n"  # 3
        "<p>\n"  # 4
        "   Opgaveudvalget holder\n"  # 5
        "   møde i dag.<br>\n"  # 6
        "   Mødet er åbent.\n"  # 7
        "</p>\n"  # 8
        "<ul>\n"  # 9
        "  <li>En</li>\n"  # 10
        "  <li>\n"  # 11
        "    To</li>\n"  # 12
        "</ul>\n"  # 13
        "</body></html>\n"
    )
    text = [(t, n) for t, n in _raw(html) if t]
    assert text == [
        ("1 (Åben) Eventuelt", 3),
        ("Opgaveudvalget holder møde i dag.", 5),
        ("Mødet er åbent.", 7),
        ("- En", 10),
        ("- To", 12),
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'<meta charset="windows-1252">', "windows-1252"),
        (b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=ISO-8859-1'>", "ISO-8859-1"),
        (b'<?xml version="1.0" encoding="utf-8"?><html>', "utf-8"),
        (b"<html><body>ingen</body></html>", None),
    ],
)
def test_declared_charset(data: bytes, expected: str | None) -> None:
    assert declared_charset(data) == expected


def test_read_document_repairs_html(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="windows-1252"><title>Referat</title></head>\n'
        "<body>\n"
        "<h1>Referat af møde i Opgaveudvalg om Innovation</h1>\n"
        "<p>Mødetidspunkt 26-09-2017 16:30</p>\n"
        "<h2>1 (Åben) Dagsorden</h2>\n"
        "<h3>Resumé</h3>\n"
        "<p>Konferencen “Teknologilaboratorium” har to formål&nbsp;:</p>\n"
        "<ul><li>dels at udforske og</li><li>dels at afprøve.</li></ul>\n"
        "</body></html>\n"
    )
    path = tmp_path / "referat.html"
    path.write_bytes(html.encode("cp1252"))
    text = read_document(path)
    assert (text.media, text.encoding, text.name) == (MediaKind.HTML, "cp1252", "referat.html")
    assert [(line.text, line.first) for line in text.lines] == [
        ("Referat af møde i Opgaveudvalg om Innovation", 3),
        ("", 3),
        ("Mødetidspunkt 26-09-2017 16:30", 4),
        ("", 4),
        ("1 (Åben) Dagsorden", 5),
        ("", 5),
        ("Resumé", 6),
        ("", 6),
        ('Konferencen "Teknologilaboratorium" har to formål :', 7),
        ("", 7),
        ("- dels at udforske og", 8),
        ("- dels at afprøve.", 8),
    ]


def _library(text: str) -> list[RawLine]:
    """The lines the standard library's parser gives, as `html_lines` read every text."""
    parser = _LineParser()
    parser.feed(text)
    parser.close()
    return parser.finish()


_PLAIN = [
    "Byrådet", "godkendte", " ", "  ", "\n", "\n\n", "&amp;", "&nbsp;", "&aelig;", "&#230;",
    "&#xE6;", "&aelig", "AT&T", "a > b", "x;y", "<br>", "<br/>", "<BR />", "</br>", "<p>",
    "</p>", "<p/>", "<div />", "<li/>", "<pre />", "<ol/>", "<P class='x'>", '<p style="a>b">', "<div\n  class=\"c\">",
    "</div >", "<span>", "</span>", "<li>", "</li>", "<ul>", "</ul>", "<ol>", "</ol>",
    "<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>", "<h3>", "</h3>", "<pre>",
    "</pre>", "<o:p>", "</o:p>", "<img src=a.png alt=''>", "<strong>", "</strong>", "<em>",
    "</em>",
]  # fmt: skip
#: What the library's parser alone reads: a text with any of these goes to it whole.
_OTHER = [
    "<!-- note -->", "<!DOCTYPE html>", "<script>x<y</script>", "<style>p{}</style>",
    "<title>T</title>", "a < b", "<", "<ol start=3>", "<custom>", "<p.x>", "<?xml?>",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(40))
def test_plain_markup_is_read_as_the_librarys_parser_reads_it(seed: int) -> None:
    """Texts of plain tags are read by one pattern (`_plain_markup`), the others by the
    standard library's parser; either way the lines, and the line each starts on, are
    what the library's parser gives."""
    rng = random.Random(seed)
    plain = 0
    for _ in range(150):
        pieces = rng.choices(
            _PLAIN if rng.random() < 0.7 else _PLAIN + _OTHER, k=rng.randint(1, 40)
        )
        text = "".join(pieces)
        plain += _plain_markup(_LineParser(), text)
        assert html_lines(text) == _library(text), text
    assert plain > 50  # most took the pattern's way


def test_a_portal_field_is_read_by_the_pattern() -> None:
    field = '<div><h3>Beslutning</h3><p style="margin:0">Godkendt&nbsp;med <strong>5</strong> stemmer.</p></div>'
    parser = _LineParser()
    assert _plain_markup(parser, field)
    assert (
        parser.finish()
        == _library(field)
        == [
            RawLine("Beslutning", 1, 1),
            RawLine("", 1, 1),
            RawLine("Godkendt\xa0med 5 stemmer.", 1, 1),
        ]
    )
