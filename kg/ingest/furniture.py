"""Page furniture: the running headers, footers and page numbers of a paged document.

They are not part of the text: left in, "Side 4 af 6" becomes an attachment and a
running header splits a paragraph. A line is furniture when it stands among the first or
last lines of a page and is either a page number or, with its digits ignored, stands
at the same end of at least 60 % of the pages (and at least three, so that a heading
that happens to open two pages is never taken for a running header). Where its digits
differ from page to page they must count the pages ("møde 3, side 4"): a line whose
numbers change otherwise, such as "Sags ID: 23.00.00-A00-1-21" under each item's heading,
is content, however often its shape repeats.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from kg.ingest.repair import RawLine

#: How many non-blank lines at each end of a page are looked at.
EDGE = 2

_PAGE_NUMBER = re.compile(
    r"(?:(?:side|page|seite|sida|pagina)\s*)?[-–]?\s*\d{1,4}\s*[-–]?"
    r"(?:\s*(?:af|of|von|av|/|de)\s*\d{1,4})?",
    re.IGNORECASE,
)


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def _edges(lines: Sequence[RawLine]) -> tuple[list[RawLine], list[RawLine]]:
    filled = [line for line in lines if line.text.strip()]
    return filled[:EDGE], filled[-EDGE:] if len(filled) > EDGE else []


def drop_page_furniture(raw: Sequence[RawLine]) -> list[RawLine]:
    """``raw`` without page numbers and running headers and footers.

    >>> pages = [RawLine("Referat", 1, 1), RawLine("tekst", 1, 2), RawLine("Side 1 af 2", 1, 3),
    ...          RawLine("mere tekst", 2, 1), RawLine("Side 2 af 2", 2, 2)]
    >>> [line.text for line in drop_page_furniture(pages)]
    ['Referat', 'tekst', 'mere tekst']
    """
    pages: dict[int, list[RawLine]] = defaultdict(list)
    for line in raw:
        pages[line.page].append(line)
    if len(pages) < 2:
        return list(raw)
    heads: Counter[str] = Counter()
    feet: Counter[str] = Counter()
    for lines in pages.values():
        top, bottom = _edges(lines)
        heads.update({_shape(line.text) for line in top})
        feet.update({_shape(line.text) for line in bottom})
    needed = max(3, math.ceil(0.6 * len(pages)))
    repeated = _counting_pages(pages, heads, feet, needed)
    drop: set[RawLine] = set()
    seen: set[str] = set()
    for page in sorted(pages):
        top, bottom = _edges(pages[page])
        for line, counts in [(line, heads) for line in top] + [(line, feet) for line in bottom]:
            shape = _shape(line.text)
            if _PAGE_NUMBER.fullmatch(line.text.strip()):
                drop.add(line)
            elif counts[shape] >= needed and shape in repeated:
                # the first one stays: a running header may repeat the document's title
                if shape in seen:
                    drop.add(line)
                seen.add(shape)
    return [line for line in raw if line not in drop]


def _counting_pages(
    pages: dict[int, list[RawLine]], heads: Counter[str], feet: Counter[str], needed: int
) -> set[str]:
    """The shapes seen often enough whose changing numbers, if any, follow the page."""
    numbers: dict[str, list[tuple[int, list[int]]]] = defaultdict(list)
    for page, lines in pages.items():
        top, bottom = _edges(lines)
        for line, counts in [(line, heads) for line in top] + [(line, feet) for line in bottom]:
            shape = _shape(line.text)
            if counts[shape] >= needed:
                numbers[shape].append((page, [int(d) for d in re.findall(r"\d+", line.text)]))
    return {shape for shape, seen in numbers.items() if _follows_pages(seen)}


def _follows_pages(seen: Sequence[tuple[int, list[int]]]) -> bool:
    """Whether each number that changes between the lines is the page plus a constant.

    >>> _follows_pages([(1, [2017, 3]), (2, [2017, 4])])
    True
    >>> _follows_pages([(1, [23, 0, 0, 1, 21]), (2, [23, 0, 0, 1, 7])])
    False
    """
    for values in zip(*(digits for _, digits in seen), strict=True):
        if (
            len(set(values)) > 1
            and len({v - page for v, (page, _) in zip(values, seen, strict=True)}) > 1
        ):
            return False
    return True
