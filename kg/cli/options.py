"""What the commands share: the consoles, the options every store command takes, and
how a `KgError` becomes a message and an exit code."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console

from kg.errors import KgError
from kg.store.address import StoreAddress

err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)


def say(console: Console, text: str) -> None:
    """Print text from documents or reports as it is: no markup, no wrapping, one line."""
    console.print(text, markup=False, highlight=False, emoji=False, soft_wrap=True)


def _store_address(text: str) -> StoreAddress:
    try:
        work = os.environ.get("KG_WORK")
        return StoreAddress.parse(text, work=Path(work) if work else None)
    except KgError as exc:
        raise typer.BadParameter(str(exc)) from exc


def _store_option(help_text: str) -> Any:
    """The ``--store`` option (a folder or a SPARQL store's address), with its help."""
    return typer.Option(
        "--store",
        envvar="KG_STORE",
        parser=_store_address,
        metavar="FOLDER|sparql+http://HOST:PORT/PATH",
        help=help_text,
        show_default=False,
    )


StoreOption = Annotated[
    StoreAddress,
    _store_option(
        "The store folder (as kg build made it), or a SPARQL store's address (see README)."
    ),
]
#: The store of a command that writes: the folder is made if missing.
NewStoreOption = Annotated[
    StoreAddress,
    _store_option("The store folder (made if missing), or a SPARQL store's address (see README)."),
]
PublishSettingsOption = Annotated[
    Path | None,
    typer.Option(
        "--settings",
        exists=True,
        dir_okay=False,
        help="A TOML file of publish settings (publisher, contact, licence, spatial, ...), "
        "for kg publish and for the catalogue and VoID that kg serve answers.",
    ),
]
BaseIriOption = Annotated[
    str,
    typer.Option(
        "--base-iri",
        envvar="KG_BASE_IRI",
        help="Prefix of every minted IRI; the default makes them dereference on `kg serve`.",
    ),
]


def refused(message: str) -> typer.Exit:
    """Say why the command line was refused on stderr; the exit for a usage error (2)."""
    say(err, f"error: {message}")
    return typer.Exit(2)


def settings_refused(exc: ValueError) -> typer.Exit:
    """`refused` for settings that do not validate: each setting and what is wrong with
    it ("--timezone: no time zone 'Mars/Base': ..."), not the validator's whole report."""
    if not isinstance(exc, ValidationError):
        return refused(str(exc))
    reasons = [  # a setting is given by the option of its name: base_iri by --base-iri
        f"--{'.'.join(str(part) for part in error['loc']).replace('_', '-')}: "
        f"{str(error['msg']).removeprefix('Value error, ')}"
        for error in exc.errors()
    ]
    return refused("; ".join(reasons))


def fail(exc: KgError) -> typer.Exit:
    """Say what went wrong (and how to mend it) on stderr; the exit of the error's code."""
    say(err, f"error: {exc.message}")
    if exc.hint:
        say(err, f"  {exc.hint}")
    return typer.Exit(exc.exit_code)
