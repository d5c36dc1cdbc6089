"""HTML to text lines with the standard library's parser, each line with its source line
(plain markup, as agenda portals write their fields, is cut at its tags by one pattern
instead, with the same calls to the same handlers: `_plain_markup`).

Block elements start a new line; paragraph-like blocks (p, headings, lists, tables,
sections) are also set apart by a blank line, as paragraphs are in text minutes.
List items get a "- " bullet ("N. " inside an ordered list); the cells of a table row
share one line. Scripts, styles and the document head are dropped; entities are decoded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser

from kg.ingest.repair import RawLine

#: Blocks set apart by a blank line before and after.
PARAGRAPH_BLOCKS = frozenset(
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "section",
        "article", "blockquote", "pre", "header", "footer", "main", "nav", "aside",
        "figure", "address", "details", "form", "fieldset", "hr",
    }
)  # fmt: skip
#: Blocks that only start a new line.
LINE_BLOCKS = frozenset(
    {"br", "div", "li", "tr", "dt", "dd", "caption", "summary", "figcaption", "legend", "option"}
)
#: Where a table cell begins in a line being built (no character of any text).
_CELL = "\x00"
#: Elements that have no end tag.
_VOID = frozenset({"img", "input", "meta", "link", "wbr", "area", "base", "col", "embed", "source"})
#: Elements whose content is not text of the document.
DROPPED = frozenset({"script", "style", "head", "title", "template", "noscript", "svg", "math"})

_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
_META_CHARSET = re.compile(
    rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)"
    rb"|<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)",
    re.IGNORECASE,
)


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML document declares near its start (meta charset or XML prolog).

    >>> declared_charset(b'<html><head><meta charset="windows-1252">')
    'windows-1252'
    """
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    return (match[1] or match[2]).decode("ascii")


def html_lines(text: str) -> list[RawLine]:
    """The text lines of an HTML document; each line's number is where its text began."""
    parser = _LineParser()
    if not _plain_markup(parser, text):
        parser.feed(text)
        parser.close()
    return parser.finish()


#: The elements `_plain_markup` tells the parser of itself: those an agenda portal's text
#: fields and plain web pages are written with, whose content any Python's parser reads as
#: text (no script, style, title or textarea, whose content it reads otherwise).
PLAIN_ELEMENTS = frozenset(
    {
        "a", "abbr", "b", "big", "blockquote", "br", "caption", "cite", "code", "col",
        "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em", "font", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "o:p", "ol", "p",
        "pre", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var", "wbr",
    }
)  # fmt: skip
_ATTRIBUTE = r"""\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'=<>`]+))?"""
#: A start or end tag written plainly (its attributes are left to the library's parser
#: wherever one holds "<" or ">").
_PLAIN_TAG = re.compile(
    rf"<(?P<start>[a-zA-Z][-a-zA-Z0-9:]*)(?P<attrs>(?:{_ATTRIBUTE})*)\s*(?P<close>/?)>"
    r"|</(?P<end>[a-zA-Z][-a-zA-Z0-9:]*)\s*>"
)
_TAG = re.compile(r"(<[^<>]*>)")
_CLASS = re.compile(r"""(?<![-\w])class\s*=\s*(?:"[^"\s]|'[^'\s]|[^\s"'=<>`])""", re.IGNORECASE)
#: The attributes `_plain_markup` tells of a classed element: that it has a class.
_CLASSED: list[tuple[str, str | None]] = [("class", "")]
_START, _END, _START_END = 0, 1, 2


@lru_cache(maxsize=4096)  # a text writes the same few tags again and again
def _plain_tag(tag: str) -> tuple[str, int, bool] | None:
    """A plain tag's element (lower case), whether it starts, ends, or starts and ends
    it, and whether it has a class; None for any other."""
    match = _PLAIN_TAG.fullmatch(tag)
    if match is None:
        return None
    name = (match["start"] or match["end"]).lower()
    if name not in PLAIN_ELEMENTS or (name == "ol" and match["attrs"]):
        return None
    kind = _END if match["end"] else _START_END if match["close"] else _START
    return name, kind, bool(match["attrs"] and _CLASS.search(match["attrs"]))


def _plain_markup(parser: _LineParser, text: str) -> bool:
    """Tell ``parser`` of the text and tags of ``text`` as the standard library's parser
    would (the same calls, at the same lines), when ``text`` is text and plain tags of
    `PLAIN_ELEMENTS` alone (no comment, declaration, stray "<" or ordered list with
    attributes); else tell it nothing and answer False. The library's parser goes through
    a text a few characters at a time in Python; here one pattern cuts it at its tags."""
    pieces = _TAG.split(text)  # text, tag, text, ..., text
    tags = [_plain_tag(tag) for tag in pieces[1::2]]
    if None in tags or any("<" in piece for piece in pieces[::2]):
        return False
    line = 1
    for index, piece in enumerate(pieces):
        parser.lineno = line
        if index % 2 == 0:
            if piece:
                parser.handle_data(unescape(piece))
        else:
            tag = tags[index // 2]
            assert tag is not None
            name, kind, classed = tag
            if kind == _END:
                parser.handle_endtag(name)
            else:
                parser.handle_starttag(name, _CLASSED if classed else [])
                if kind == _START_END:
                    parser.handle_endtag(name)
        line += piece.count("\n")
    return True


#: An ordered list's item whose text opens with its own number before a capital
#: ("41. Godkendelse …"); an ordinal before a lower-case word is the title's own.
_NUMBERED = re.compile(r"\s*\d{1,3}[.)]\s+[A-ZÆØÅ]")  # not "2. behandling af ..."


#: A list item's text opening with a number before a capital, "1 Godkendelse …".
_NUMBER_FIRST = re.compile(r"\s*(\d{1,3})\s+[A-ZÆØÅ]")
#: A list item's text that is its number alone, its title in a block of its own below.
_NUMBER_ALONE = re.compile(r"\s*(\d{1,3})\.?\s*")


def _numbers_itself(text: str, prefix: str) -> bool:
    """Whether an ordered list's item text opens with its own number: any number with
    its full stop ("41. Godkendelse"), or the list's own number alone ("1 Godkendelse",
    its number in a field of its own)."""
    bare = _NUMBER_FIRST.match(text) or _NUMBER_ALONE.fullmatch(text)
    return bool(_NUMBERED.match(text) or (bare and f"{bare[1]}. " == prefix))


@dataclass
class _Lines:
    """The lines built so far and the line being built (private to one parse)."""

    lines: list[RawLine] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    start: int | None = None
    prefix: str = ""

    def add(self, text: str, line: int) -> None:
        """Add text that begins on source ``line`` to the current line."""
        if not text.strip():
            if self.parts:
                self.parts.append(" ")
            return
        if self.start is None:
            self.start = line
            self.parts.append(self.prefix)
            self.prefix = ""
        self.parts.append(text)

    def cell(self) -> None:
        """Start a table cell: a space between it and the cell before, and a mark."""
        if self.parts:
            self.parts.append(_CELL)

    def end_line(self) -> None:
        """Finish the current line, if it has text; a pending bullet waits for text."""
        if self.start is not None:
            prefix, *rest = self.parts
            joined = "".join(rest)
            cells: tuple[str, ...] = ()
            if _CELL in joined:
                cells = tuple(_WHITESPACE.sub(" ", c).strip(" ") for c in joined.split(_CELL))
                joined = joined.replace(_CELL, " ")
            text = _WHITESPACE.sub(" ", joined).strip(" ")
            if not (prefix[:1].isdigit() and _numbers_itself(text, prefix)):
                text = prefix + text  # not "1. 41. Title": the text numbers itself
            table = sum(1 for c in cells if c) >= 2  # a row: empty cells keep their places
            self.lines.append(RawLine(text, 1, self.start, cells if table else ()))
            self.prefix = ""
        self.parts, self.start = [], None

    def blank(self, line: int) -> None:
        """Finish the current line and leave one blank line."""
        self.end_line()
        if self.lines and self.lines[-1].text:
            self.lines.append(RawLine("", 1, line))


class _LineParser(HTMLParser):
    """Collects text lines; one instance parses one document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.state = _Lines()
        self._dropped = 0
        self._pre = 0
        self._lists: list[int | None] = []  # None for <ul>, the next number for <ol>
        #: The inline elements open, each with whether it has a class of its own.
        self._inline: list[tuple[str, bool]] = []
        #: Whether a classed inline element ended just now, with no text since.
        self._after_field = False

    def finish(self) -> list[RawLine]:
        """The lines, once the whole text has been told: the last ended, blank ones at the
        end left out."""
        self.state.end_line()
        lines = self.state.lines
        while lines and not lines[-1].text:
            lines.pop()
        return lines

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Start a line or paragraph at a block; note lists, pre and dropped content."""
        line = self.getpos()[0]
        if tag == "body":
            self._dropped = 0
        if tag in DROPPED:
            self._dropped += 1
        if self._dropped:
            return
        self._break(tag, line)
        if tag not in PARAGRAPH_BLOCKS and tag not in LINE_BLOCKS and tag not in _VOID:
            classed = any(name == "class" for name, value in attrs)
            if classed and self._after_field:
                self.state.add(" ", line)  # fields side by side: "1", "Titel", "Åben"
            self._inline.append((tag, classed))
        self._after_field = False
        if tag == "pre":
            self._pre += 1
        elif tag in ("ul", "ol"):
            self._lists.append(_start(attrs) if tag == "ol" else None)
        elif tag == "li":
            self.state.prefix = self._bullet()
        elif tag in ("td", "th"):
            self.state.cell()

    def handle_endtag(self, tag: str) -> None:
        """Close a block, a list, pre or dropped content."""
        if tag in DROPPED:
            self._dropped = max(0, self._dropped - 1)
            return
        if self._dropped or tag == "br":
            return
        self._break(tag, self.getpos()[0])
        self._after_field = False
        for depth in range(len(self._inline) - 1, -1, -1):
            if self._inline[depth][0] == tag:  # an end tag missing before it: closed too
                self._after_field = self._inline[depth][1]
                del self._inline[depth:]
                break
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        elif tag in ("ul", "ol") and self._lists:
            self._lists.pop()
        if tag in ("li", "ul", "ol"):
            self.state.prefix = ""

    def handle_data(self, data: str) -> None:
        """Add text to the current line; inside pre, newlines end lines."""
        if self._dropped:
            return
        line = self.getpos()[0]
        if not self._pre:
            self._add(data, line)
            return
        for offset, chunk in enumerate(data.split("\n")):
            if offset:
                self.state.end_line()
            self._add(chunk, line + offset)

    def _add(self, data: str, line: int) -> None:
        """Add text, counting the newlines before its first visible character."""
        stripped = data.lstrip(" \t\n\r\f")
        if stripped:
            self._after_field = False
        self.state.add(data, line + data[: len(data) - len(stripped)].count("\n"))

    def _break(self, tag: str, line: int) -> None:
        """End the current line at a block element's edge."""
        if tag in PARAGRAPH_BLOCKS:
            self.state.blank(line)
        elif tag in LINE_BLOCKS:
            self.state.end_line()

    def _bullet(self) -> str:
        """The marker of a new list item: "- ", or "N. " in an ordered list."""
        if not self._lists or self._lists[-1] is None:
            return "- "
        number = self._lists[-1]
        self._lists[-1] = number + 1
        return f"{number}. "


def _start(attrs: list[tuple[str, str | None]]) -> int:
    """The first number of an ordered list (its ``start`` attribute, else 1)."""
    for name, value in attrs:
        if name == "start" and value and value.strip().lstrip("-").isdigit():
            return int(value)
    return 1
