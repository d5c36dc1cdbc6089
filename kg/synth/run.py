"""Writing a synthetic corpus to a folder, one meeting at a time."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import UsageError
from kg.extras import require
from kg.synth.content import MeetingPlan, plan_meeting
from kg.synth.ledger import Ledger
from kg.synth.settings import SynthSettings
from kg.synth.text import Kind, as_text, layout
from kg.synth.world import World, build_world, calendar

#: The ground-truth manifest; ingest reads no .json file, and the leading "_" marks it.
TRUTH = "_truth.json"
GENERATOR = "kg synth"
_FOOTERS = {"da": "Side {} af {}", "en": "Page {} of {}"}


@dataclass(frozen=True, slots=True)
class SynthReport:
    """What was written: documents by format, and where the truth is."""

    documents: int
    text: int
    pdf: int
    truth: Path


def synthesize(
    settings: SynthSettings,
    out: Path,
    *,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
) -> SynthReport:
    """Write ``settings.docs`` documents and the truth manifest into ``out``.

    Raises UsageError when ``out`` is a file, or a non-empty folder and ``force`` is not
    set. With ``force``, the documents of an earlier synthetic corpus there are removed
    first; other files are left alone. PDFs (``settings.pdf_share`` above 0) need the
    ``synth`` extra (fpdf2): `MissingExtra` says so before anything is written.
    """
    if settings.pdf_share > 0:
        require("fpdf", extra="synth", purpose="kg synth's PDF documents")
    _prepare(out, force=force)
    world = build_world(settings)
    ledger = Ledger(variant_rate=settings.variant_rate)
    written = {"txt": 0, "pdf": 0}
    for meeting in calendar(world):
        remaining = settings.docs - written["txt"] - written["pdf"]
        if remaining <= 0:
            break
        plan = plan_meeting(world, meeting, ledger)
        kinds = [Kind.AGENDA, Kind.MINUTES] if plan.agenda and remaining >= 2 else [Kind.MINUTES]
        for kind in kinds:
            media = _write(world, plan, kind, out)
            ledger.document(kind.value, media)
            written[media] += 1
            if progress is not None:
                progress(written["txt"] + written["pdf"])
    truth = out / TRUTH
    shape = world.shape
    header = {
        "generator": GENERATOR,
        "settings": settings.model_dump(),
        "shape": {"committees": shape.committees, "years": shape.years, "per_year": shape.per_year},
    }
    ledger.write(truth, header)
    return SynthReport(written["txt"] + written["pdf"], written["txt"], written["pdf"], truth)


def _write(world: World, plan: MeetingPlan, kind: Kind, out: Path) -> str:
    """Write one document of the meeting as text or PDF; the suffix used."""
    settings = world.settings
    rng = random.Random(f"format:{settings.seed}:{plan.slug}:{kind.value}")
    pdf = rng.random() < settings.pdf_share
    folder = out / world.committees[plan.meeting.committee].slug
    folder.mkdir(parents=True, exist_ok=True)
    doc = layout(plan, kind)
    name = f"{kind.value}-{plan.meeting.day.isoformat()}"
    if pdf:
        footer = _FOOTERS[plan.words.language]
        running = f"{plan.committee}, {plan.start.strftime('%d-%m-%Y')}"
        from kg.synth.pdf import render_pdf  # needs fpdf2, the "synth" extra

        data = render_pdf(doc, printed=plan.start, footer=footer, running=running)
        (folder / f"{name}.pdf").write_bytes(data)
        return "pdf"
    (folder / f"{name}.txt").write_text(as_text(doc), encoding="utf-8", newline="\n")
    return "txt"


def _prepare(out: Path, *, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file, not a folder", hint="give a folder for --out")
    if not out.exists() or not any(out.iterdir()):
        out.mkdir(parents=True, exist_ok=True)
        return
    if not force:
        raise UsageError(
            f"{out} is not empty",
            hint="give an empty or new folder, or add --force to write into it",
        )
    if _is_synthetic(out / TRUTH):
        for path in sorted(out.glob("*/*")):
            if path.is_file() and path.suffix in {".txt", ".pdf"}:
                path.unlink()
        for folder in sorted(out.iterdir()):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()


def _is_synthetic(path: Path) -> bool:
    try:
        return bool(json.loads(path.read_text("utf-8")).get("generator") == GENERATOR)
    except (OSError, ValueError, AttributeError):
        return False
