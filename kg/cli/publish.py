"""The publish command: a release of the store as open data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kg.cli.options import PublishSettingsOption, StoreOption, err, fail, out, say
from kg.cli.progress import Stages
from kg.errors import KgError, UsageError
from kg.publish.settings import PLACEHOLDER_EMAIL
from kg.settings import DEFAULT_BASE_IRI


def publish(
    store: StoreOption,
    output: Annotated[
        Path,
        typer.Option("--out", help="The release folder (made if missing; earlier releases kept)."),
    ],
    base_iri: Annotated[
        str | None,
        typer.Option(
            "--base-iri",
            envvar="KG_BASE_IRI",
            help="Prefix of the minted IRIs (as the build used); default: the settings' or "
            + DEFAULT_BASE_IRI,
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        str | None,
        typer.Option(
            "--version",
            help="The release's version; default: the date and time of the latest build.",
            show_default=False,
        ),
    ] = None,
    settings_file: PublishSettingsOption = None,
    placeholder_contact: Annotated[
        bool,
        typer.Option(
            "--placeholder-contact",
            help="Publish even though the catalogue's contact point is the placeholder"
            f" {PLACEHOLDER_EMAIL} (for a trial release).",
        ),
    ] = False,
    standards: Annotated[
        Path | None,
        typer.Option(
            "--standards",
            envvar="KG_STANDARDS",
            file_okay=False,
            help="The folder of the official DCAT-AP 3.0.1 and DCAT-AP-DK 2.0.2 shapes; without"
            " it the catalogue record is not checked.",
        ),
    ] = None,
) -> None:
    """Publish the store as open data: dumps, DCAT-AP catalogue, VoID, a static site.

    Writes gzipped N-Quads and Turtle dumps with checksums, catalog.ttl,
    .well-known/void, sparql.ttl, a page and a .ttl file for every minted IRI, and a
    changelog against the previous release. Exit 0 when done,
    1 when the catalogue record violates the DCAT-AP 3.0.1 or DCAT-AP-DK 2.0.2 shapes,
    2 on a usage or input error.
    """
    from kg.publish.settings import load_settings
    from kg.publish.site import publish as run_publish
    from kg.store import open_store

    try:
        settings = load_settings(settings_file, base_iri=base_iri, version=version)
        if settings.contact_email == PLACEHOLDER_EMAIL and not placeholder_contact:
            raise UsageError(
                f"the catalogue's contact point would be the placeholder {PLACEHOLDER_EMAIL}",
                hint="set contact_name and contact_email in a --settings file (see"
                " examples/publish.toml), or give --placeholder-contact for a trial release",
            )
        db = open_store(store, read_only=True).raw
        with Stages() as stages:
            report = run_publish(db, output, settings, standards=standards, progress=stages)
    except KgError as exc:
        raise fail(exc) from exc
    grid = Table("file", "bytes", "sha256", show_lines=False)
    for dump in report.dumps:
        grid.add_row(dump.path, str(dump.byte_size), dump.sha256[:16])
    out.print(grid)
    say(out, f"release {report.version}: {report.resources} resources in {report.out}")
    say(out, f"changelog: {report.changelog}")
    if report.standards is None:
        say(
            err,
            "note: the catalogue record was NOT checked against DCAT-AP 3.0.1 and DCAT-AP-DK"
            " 2.0.2: give --standards DIR (or set KG_STANDARDS) to the folder of their shapes",
        )
    else:
        say(out, f"catalogue record checked against the shapes in {report.standards}")
    for violation in report.violations:
        say(err, violation.describe())
    raise typer.Exit(0 if report.ok else 1)
