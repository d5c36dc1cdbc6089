"""Long synthetic minutes, for measuring that reading time grows linearly with size.

`long_minutes` writes one meeting's minutes of about ``size`` characters: items of
ordinary length plus one item whose background section alone is a quarter of the
document (real agendas run to 140,000 characters; a pattern that backtracks shows on one
long section). The paragraphs carry what the extractors look for: people with titles,
invited councils, collaborations, working groups, announced projects, technologies,
phone numbers, e-mail addresses, dates, amounts and case numbers.
`read_file` runs ingest, parse, the privacy gate and extract on a file, as a build does.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import NamedTuple

from kg.extract import extract
from kg.extract.concepts import Scheme
from kg.ingest import read_document
from kg.parse import parse
from kg.privacy import apply_privacy
from kg.settings import BuildSettings

HEADER = """Referat af møde i Klima- og Miljøudvalget

Mødetidspunkt 14-03-2023 17:00
Mødeafholdelse Mødelokale 1, Havnbjerg Rådhus

Protokollen blev læst
og mødet hævet kl.: 19:25

Tilstede: Mette Brandt, Henrik K. Lauridsen, Anne Holm, Torben Melgaard og Jonas Brix

Fraværende: Peter Skovbo

"""

PARAGRAPHS = (
    "Kommunalbestyrelsen besluttede den 29. august 2022 at igangsætte arbejdet med en ny "
    "klimahandleplan. Udkastet bygger på klimaregnskabet for 2022, som viser, at de største "
    "udledninger kommer fra individuel opvarmning, vejtransport og landbrug, jf. bilag 3.",
    "Oplæg ved Gry Ravn, Innovationschef i Havnbjerg Kommune, om varmepumper og solceller "
    "samt om erfaringerne fra 4. kvartal. Gry Ravn, Innovationschef i Havnbjerg Kommune, "
    "interviewer Tim Frank Andersen, Digitaliseringsdirektør Charlie Tango om droner.",
    "Ældre- og Handicaprådet samt Integrationsrådet er inviteret til mødet den 3. oktober "
    "2023 kl. 17.00, hhv. med to og tre repræsentanter, ca. 45 min. i alt.",
    "Mødet holdes i samarbejde med Udvalget for Teknik og Miljø den 12. marts 2024. "
    "Spørgsmål kan rettes til Lise Holm på tlf. 45 11 22 33, mobil 20304050 eller "
    "lise.holm@example.com; sekretariatet svarer på post@havnbjerg.dk og +45 7012 3456.",
    "Følgende medlemmer i udvalget ser på Grøn varme: Mette Brandt, Anne Holm og Jonas Brix.",
    "Udvalget arbejder videre med følgende tre projekter:\n- Grøn varme i landsbyerne\n"
    "- Deleøkonomi og grøn mobilitet\n- Klimavenlige skoler",
    "Der er afsat 1.250.000 kr. i 2024 og 2.500.000 kr. i 2025 (sag 16/35237, KLE "
    "00.01.00P35-0104, EMN-2023-01234). Samarbejdsplatforme blev udvalgt: Dels facebook "
    "og Trello samt platformen Teams.",
    "- Demens v/Berit Kronby, Forstander, Rygårdscenteret, Havnbjerg Kommune",
    "Projektet afprøver kunstig intelligens, elbiler og ladestandere i tre landsbyer, "
    "og erfaringerne skal dokumenteres . . . så de kan bruges i det videre arbejde "
    "med Klimahandleplan 2023-2030.",
)


def _body(size: int, seed: int) -> str:
    out: list[str] = []
    length = 0
    index = seed
    while length < size:
        paragraph = PARAGRAPHS[index % len(PARAGRAPHS)]
        out.append(paragraph)
        length += len(paragraph) + 2
        index += 1
    return "\n\n".join(out)


def _item(number: int, body_size: int) -> str:
    return (
        f"{number} (Åben) Klimahandleplan, del {number}\n\n"
        f"Sags ID: EMN-2023-{number:05d}\n\n"
        f"Resumé\n\n{_body(600, number)}\n\n"
        f"Baggrund\n\n{_body(body_size, number + 1)}\n\n"
        "Indstilling\n\nTværgående Funktioner indstiller, at udvalget drøfter sagen.\n\n"
        "Beslutninger\n\nTaget til efterretning.\n\n"
    )


def long_minutes(size: int) -> str:
    """Minutes of about ``size`` characters, one long item and many ordinary ones."""
    items = [_item(1, size // 4)]
    length = len(HEADER) + len(items[0])
    number = 2
    while length < size:
        items.append(_item(number, 8_000))
        length += len(items[-1])
        number += 1
    return HEADER + "".join(items)


class Timing(NamedTuple):
    """Seconds on the clock and of this process's CPU (the fairer measure on a busy
    machine: other processes' work does not count)."""

    wall: float
    cpu: float


def read_file(path: Path, scheme: Scheme, settings: BuildSettings | None = None) -> Timing:
    """The time to ingest, parse, privacy-filter and extract the document at ``path``."""
    settings = settings or BuildSettings()
    wall, cpu = time.perf_counter(), time.process_time()
    doc, _ = apply_privacy(parse(read_document(path), settings), settings)
    extract(doc, scheme)
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)
