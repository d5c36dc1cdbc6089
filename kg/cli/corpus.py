"""The commands of documents before a build: eval (how well kg reads them), harvest
(fetch them from a portal), synth (write a synthetic corpus)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.options import err, fail, out, say, settings_refused
from kg.cli.progress import progress_bar
from kg.errors import KgError


def evaluate(
    labels: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            help="The hand labels: a JSON object from file name to kind, municipality,"
            " committee, date, start, end, place, present, absent and items (see README).",
        ),
    ],
    folder: Annotated[
        Path,
        typer.Argument(exists=True, file_okay=False, help="The folder of the labelled files."),
    ],
    show_misses: Annotated[
        bool, typer.Option("--misses", help="Also list every difference from the labels.")
    ] = False,
    json_file: Annotated[
        Path | None,
        typer.Option("--json", dir_okay=False, help="Also write the scores as JSON."),
    ] = None,
) -> None:
    """Measure how well kg reads your documents: precision, recall and F1 per field.

    Each labelled file is read as kg build reads it (its sidecar metadata included) and
    compared with its labels. Exit 0 when it ran (whatever the scores), 2 when the labels
    or the folder cannot be read.
    """
    from kg.evaluate import evaluate_folder, misses, table

    try:
        result = evaluate_folder(labels, folder)
    except KgError as exc:
        raise fail(exc) from exc
    say(out, table(result))
    if show_misses:
        say(out, misses(result))
    if json_file is not None:
        json_file.write_text(json.dumps(result.rows(), indent=2) + "\n", encoding="utf-8")


def harvest(
    portal: Annotated[
        str, typer.Argument(help="The agenda portal's address, e.g. https://dagsordener.greve.dk/")
    ],
    folder: Annotated[Path, typer.Option("--out", help="The folder the meetings are saved in.")],
    committee: Annotated[
        list[str] | None,
        typer.Option("--committee", help="Only this committee (its name); repeatable."),
    ] = None,
    since: Annotated[
        datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Meetings on or after this day.")
    ] = None,
    until: Annotated[
        datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Meetings on or before this day.")
    ] = None,
    delay: Annotated[float, typer.Option(help="Seconds between two requests.", min=0)] = 1.0,
    timeout: Annotated[float, typer.Option(help="Seconds before a request times out.")] = 30.0,
    retries: Annotated[int, typer.Option(help="Retries after a 429, 5xx or timeout.", min=0)] = 4,
) -> None:
    """Fetch a municipality's meetings from its agenda portal as JSON, for kg build.

    One request at a time; a meeting saved before is fetched again only when the portal
    says it changed. Writes one file per meeting (exactly as served) and manifest.csv.
    Exit 0 when every meeting was fetched or current, 1 when any failed, 2 on bad input.
    """
    from kg.harvest import HarvestSettings, Listed, Status
    from kg.harvest import harvest as run_harvest

    try:
        settings = HarvestSettings(
            portal=portal,
            out=folder,
            committees=tuple(committee or ()),
            since=since.date() if since else None,
            until=until.date() if until else None,
            delay=delay,
            timeout=timeout,
            retries=retries,
        )
    except ValueError as exc:
        raise settings_refused(exc) from exc
    try:
        with progress_bar() as progress:
            task = progress.add_task("meetings", total=None)

            def step(done: int, total: int, meeting: Listed) -> None:
                progress.update(task, description=meeting.committee, completed=done, total=total)

            report = run_harvest(settings, progress=step)
    except KgError as exc:
        raise fail(exc) from exc
    for outcome in report.outcomes:
        if outcome.status is Status.FAILED:
            say(err, f"failed: {outcome.meeting.committee} {outcome.meeting.day}: {outcome.reason}")
    say(out, f"{report.summary()}; in {folder} (build it: kg build {folder} --store DIR)")
    raise typer.Exit(0 if report.ok else 1)


def synth(
    folder: Annotated[Path, typer.Option("--out", help="The folder to write into (new or empty).")],
    docs: Annotated[int, typer.Option("--docs", help="How many documents to write.")] = 40,
    seed: Annotated[int, typer.Option("--seed", help="The same seed writes the same files.")] = 0,
    committees: Annotated[
        int | None, typer.Option(help="Committees (default: enough for --docs).")
    ] = None,
    years: Annotated[int | None, typer.Option(help="Years covered (default: from --docs).")] = None,
    first_year: Annotated[int, typer.Option(help="The first year of the corpus.")] = 2014,
    pdf_share: Annotated[float, typer.Option(help="Share of documents written as PDF.")] = 0.02,
    english_share: Annotated[
        float, typer.Option(help="Share of meetings written in English.")
    ] = 0.0,
    variant_rate: Annotated[
        float, typer.Option(help="Chance that an attendance list spells a name otherwise.")
    ] = 0.05,
    closed_rate: Annotated[float, typer.Option(help="Chance that an item is closed.")] = 0.08,
    namesake_rate: Annotated[
        float, typer.Option(help="Chance that a new member is named like an earlier one.")
    ] = 0.03,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Write into a non-empty folder (an earlier corpus"
            " written there by kg synth is removed first).",
        ),
    ] = False,
) -> None:
    """Write a synthetic corpus: minutes and agendas of invented committees, as text and PDF.

    The documents copy the formats of real minutes (name variants, closed items,
    attachments, working groups, agendas matching their minutes), and _truth.json beside
    them says what a correct build contains. Exit 2 when --out is not empty (without
    --force) or an option is out of range.
    """
    from kg.synth import SynthSettings, synthesize

    try:
        settings = SynthSettings(
            docs=docs,
            seed=seed,
            committees=committees,
            years=years,
            first_year=first_year,
            pdf_share=pdf_share,
            english_share=english_share,
            variant_rate=variant_rate,
            closed_rate=closed_rate,
            namesake_rate=namesake_rate,
        )
    except ValueError as exc:
        raise settings_refused(exc) from exc
    try:
        with progress_bar() as progress:
            task = progress.add_task("writing", total=docs)
            report = synthesize(
                settings, folder, force=force, progress=lambda n: progress.update(task, completed=n)
            )
    except KgError as exc:
        raise fail(exc) from exc
    say(
        out,
        f"wrote {report.documents} documents ({report.text} text, {report.pdf} PDF) to {folder};"
        f" truth: {report.truth}",
    )
