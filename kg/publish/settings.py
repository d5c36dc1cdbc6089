"""What a release says about itself: publisher, contact, licence, coverage, version.

Loaded once from a TOML file (``kg publish --settings FILE``) and the command's options, and
frozen. Every field has a default, so a publish without a settings file works; the
defaults name the project itself as publisher, which a real publisher replaces.
"""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kg.errors import UsageError
from kg.settings import DEFAULT_BASE_IRI, BaseIri, Frozen

EU = "http://publications.europa.eu/resource/authority/"
CC_BY_4 = "http://creativecommons.org/licenses/by/4.0/"
#: Denmark in the EU country authority table.
DENMARK = EU + "country/DNK"
#: The contact point of the defaults; `kg publish` refuses it unless told otherwise.
PLACEHOLDER_EMAIL = "info@example.org"


class ByteSize(StrEnum):
    """How the catalogue states a dump's size. The two profiles disagree: DCAT-AP 3.0.1
    types ``dcat:byteSize`` as ``xsd:nonNegativeInteger``, DCAT-AP-DK 2.0.2 as
    ``xsd:decimal``, each with at most one value; so a record that must pass both leaves
    it out (the sizes are in ``dumps/dumps.json`` and on the index page)."""

    OMIT = "omit"
    DCAT_AP_3 = "dcat-ap-3"
    DCAT_AP_DK = "dcat-ap-dk"

    @property
    def datatype(self) -> str | None:
        xsd = "http://www.w3.org/2001/XMLSchema#"
        return {
            ByteSize.OMIT: None,
            ByteSize.DCAT_AP_3: xsd + "nonNegativeInteger",
            ByteSize.DCAT_AP_DK: xsd + "decimal",
        }[self]


class Checksum(StrEnum):
    """The algorithm of the checksums in the catalogue. DCAT-AP-DK 2.0.2 allows SHA-1 only
    (``sh:hasValue spdx:checksumAlgorithm_sha1``); DCAT-AP 3 allows any. The SHA-256 of
    every dump is in ``dumps/SHA256SUMS`` whichever is chosen."""

    SHA1 = "sha1"
    SHA256 = "sha256"


class PublishSettings(Frozen):
    """The facts of a release that the graph does not hold."""

    base_iri: BaseIri = DEFAULT_BASE_IRI
    #: The release's version; empty: one is made from the date and time of the publish.
    version: str = ""
    title: str = "Kommunale mødereferater som linked data"
    title_en: str = "Municipal meeting minutes as linked data"
    description: str = (
        "Udvalgenes dagsordener og referater som en vidensgraf: møder, dagsordenspunkter,"
        " sager, bilag, personer, organisationer og teknologier, med kilden til hvert faktum."
    )
    description_en: str = (
        "Committee agendas and minutes as a knowledge graph: meetings, agenda items, cases,"
        " attachments, people, organisations and technologies, each fact with its source."
    )
    publisher_name: str = "minutes-kg"
    #: The publisher's IRI; empty: ``{base}id/organization/publisher``.
    publisher_iri: str = ""
    contact_name: str = "minutes-kg"
    contact_email: str = PLACEHOLDER_EMAIL
    licence: str = CC_BY_4
    #: Where the data is about: a country, region or municipality IRI (EU NAL or other).
    spatial: str = DENMARK
    #: Languages of the data, as codes of the EU language table (DAN, ENG).
    languages: tuple[str, ...] = ("DAN",)
    #: Themes of the EU data-theme vocabulary (GOVE: government and public sector).
    themes: tuple[str, ...] = ("GOVE",)
    #: Keywords beside the committees and concepts found in the data.
    keywords: tuple[str, ...] = ("mødereferater", "dagsordener", "kommune")
    #: How often a new release is made, a code of the EU frequency table.
    frequency: str = "IRREG"
    #: When the dataset was first issued; none: the date of the latest build.
    issued: date | None = None
    byte_size: ByteSize = ByteSize.OMIT
    checksum: Checksum = Checksum.SHA1

    @property
    def publisher(self) -> str:
        return self.publisher_iri or f"{self.base_iri}id/organization/publisher"

    def resolved_version(self, built: datetime | None = None) -> str:
        """The version, or one made from the time of the latest build (else now), in UTC.

        >>> PublishSettings().resolved_version(datetime(2026, 11, 23, 13, 45, 17, tzinfo=UTC))
        '2026.11.23-134517'
        """
        if self.version:
            return self.version
        moment = (built or datetime.now(UTC)).astimezone(UTC)
        return moment.strftime("%Y.%m.%d-%H%M%S")


def load_settings(path: Path | None = None, **options: Any) -> PublishSettings:
    """Settings from a TOML file (top level, or a ``[publish]`` table) with ``options``
    (those not None) on top."""
    values: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: cannot read the settings: {exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise UsageError(f"{path}: not valid TOML: {exc}") from exc
        table = data.get("publish", data)
        values.update({k: tuple(v) if isinstance(v, list) else v for k, v in table.items()})
    values.update({k: v for k, v in options.items() if v is not None})
    try:
        return PublishSettings(**values)
    except ValidationError as exc:
        where = f"{path}: " if path else ""
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise UsageError(
            f"{where}bad publish settings: {problems}",
            hint="see README, Publishing, for the fields",
        ) from exc
