"""Minutes and agendas as laid-out documents, and as plain text in the seeds' format.

A `Layout` is a document split the way both writers need it: the front page (title,
meeting time and place, attendance), the table of contents, and the items each with
their heading and body lines. `as_text` joins it the way the seeds are written: four
blank lines first, a blank line between paragraphs, no newline at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kg.synth.content import Item, MeetingPlan


class Kind(StrEnum):
    """The two documents of a meeting, named as the files are."""

    AGENDA = "dagsorden"
    MINUTES = "referat"


@dataclass(frozen=True, slots=True)
class Layout:
    """A document ready to write: front matter, contents and items."""

    title: str
    front: tuple[str, ...]
    contents_heading: str
    contents: tuple[str, ...]
    items: tuple[tuple[str, tuple[str, ...]], ...]


def layout(plan: MeetingPlan, kind: Kind) -> Layout:
    """The minutes or the agenda of a planned meeting."""
    w = plan.words
    minutes = kind is Kind.MINUTES
    title = (w.minutes_title if minutes else w.agenda_title).format(plan.committee)
    when = plan.start.strftime("%d-%m-%Y %H:%M")
    letterhead = w.letterhead.format(plan.municipality)
    front = [letterhead, "", title, "", f"{w.time_label} {when}", f"{w.place_label} {plan.place}"]
    if minutes:
        front += ["", w.closing[0], w.closing[1].format(plan.end.strftime("%H:%M"))]
        front += ["", f"{w.present} {w.names(plan.present)}"]
        if plan.absent or plan.meeting.number % 2:
            front += ["", f"{w.absent} {w.names(plan.absent)}".rstrip()]
    headings = [_heading(plan, item) for item in plan.items]
    contents = [plan.committee, "", when, ""]
    contents += [f"{h}{'.....' if i == 0 else ''}\t{i + 3}" for i, h in enumerate(headings)]
    cases = minutes or plan.agenda_cases
    items = tuple(
        (h, tuple(_body(plan, item, minutes=minutes, cases=cases)))
        for h, item in zip(headings, plan.items, strict=True)
    )
    return Layout(title, tuple(front), w.contents, tuple(contents), items)


def _heading(plan: MeetingPlan, item: Item) -> str:
    marker = plan.words.markers[0 if item.public else 1]
    return f"{item.number} ({marker}) {item.title}"


def _body(plan: MeetingPlan, item: Item, *, minutes: bool, cases: bool) -> list[str]:
    w = plan.words
    summary, background, recommendation, prior, decision, files = w.headings
    lines: list[str] = []
    if cases:
        lines += ["", f"{w.case_label} {item.case_id}"]
    if not item.short:
        lines += ["", summary, "", *item.summary, "", background, "", *item.background]
        lines += ["", recommendation, ""]
        if item.unit:
            lines += [w.recommends.format(item.unit), ""]
        lines += item.recommendation
    lines += ["", prior, "", *item.prior]
    if minutes:
        lines += ["", decision, "", *item.decision]
    lines += ["", files]
    if item.attachments:
        lines += ["", *item.attachments]
    return lines


def as_text(doc: Layout) -> str:
    """The document in the seeds' plain-text format."""
    lines = ["", "", "", "", *doc.front, "", doc.contents_heading]
    lines += ["", *doc.contents]
    for heading, body in doc.items:
        lines += ["", heading, *body]
    return "\n".join(lines)
