"""The privacy gate: closed items keep only their existence; CPR numbers, private e-mail
addresses and phone numbers never survive; the report says where, never what."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.parse import parse
from kg.parse.model import AgendaItem, Span, hashed_words
from kg.privacy import (
    PrivacyRules,
    Redaction,
    RedactionKind,
    apply_privacy,
    redact_text,
    write_report,
)
from kg.settings import BuildSettings
from tests.textdoc import text_of

CPR, EMAIL, PHONE, CLOSED = (
    RedactionKind.CPR,
    RedactionKind.EMAIL,
    RedactionKind.PHONE,
    RedactionKind.CLOSED_ITEM,
)

DOC = """
    Referat af møde i Socialudvalget
    Mødetidspunkt 01-02-2024 15:00
    1 (Lukket) Klage over afgørelse
    Sags ID: EMN-2024-00001
    Resumé
    Borgeren med cpr-nr. 010203-1234 klager over afgørelsen.
    Beslutninger:
    Klagen afvises.
    2 (Åben) Orientering
    Resumé
    Henvendelse fra 0102031234 er besvaret.
    Borgeren kan skrives til på anna.jensen@gmail.com
    eller ringes op på tlf. 22 33 44 55.
    Spørgsmål til forvaltningen: sagsbehandler@gentofte.dk eller post@firma.dk.
"""

SECRETS = ("010203-1234", "0102031234", "anna.jensen", "gmail.com", "22 33 44 55")


def _gated(body: str = DOC) -> tuple[str, tuple[Redaction, ...]]:
    doc, redactions = apply_privacy(parse(text_of(body, "s.txt"), BuildSettings()))
    return repr(doc), redactions


def test_closed_item_keeps_only_number_and_title() -> None:
    doc, redactions = apply_privacy(parse(text_of(DOC, "s.txt"), BuildSettings()))
    closed = doc.items[0]
    assert closed.title is not None and closed.title.value == "Klage over afgørelse"
    assert closed.sections == () and closed.case_id is None and closed.attachments == ()
    assert ("s.txt", 3, CLOSED) in {(r.document, r.span.first, r.kind) for r in redactions}


def test_each_redaction_is_reported_on_its_own_source_line() -> None:
    _, redactions = _gated()
    assert sorted(r.row() for r in redactions) == [
        ("s.txt", 1, 3, "closed-item"),
        ("s.txt", 1, 11, "cpr"),
        ("s.txt", 1, 12, "email"),
        ("s.txt", 1, 13, "phone"),
    ]


def test_no_secret_survives_anywhere_in_the_document_nor_in_the_report() -> None:
    text, redactions = _gated()
    for secret in SECRETS:
        assert secret not in text
        assert all(secret not in repr(r) for r in redactions)
    assert "[CPR-nummer fjernet]" in text and "[e-mail fjernet]" in text
    assert "tlf. [telefon fjernet]." in text


def test_organisational_addresses_survive() -> None:
    text, _ = _gated()
    assert "sagsbehandler@gentofte.dk" in text and "post@firma.dk" in text


def test_the_allow_list_is_a_setting() -> None:
    settings = BuildSettings(public_contact_domains=("gmail.com",), public_mailboxes=())
    doc, redactions = apply_privacy(parse(text_of(DOC, "s.txt"), settings), settings)
    text = repr(doc)
    assert "anna.jensen@gmail.com" in text
    assert "sagsbehandler@gentofte.dk" not in text and "post@firma.dk" not in text
    assert [r.span.first for r in redactions if r.kind is EMAIL] == [14, 14]


def test_closed_item_text_is_withheld_even_of_its_secrets_fingerprint() -> None:
    """The fingerprint of a closed item is made from its redacted text, so that an agenda
    extract of it (redacted the same way) matches, and no word of an address is kept."""
    body = DOC.replace("cpr-nr. 010203-1234", "jens.hansen@gmail.com")
    doc, _ = apply_privacy(parse(text_of(body, "s.txt"), BuildSettings()))
    gate = PrivacyRules.of(BuildSettings())
    words = set(doc.items[0].fingerprint)
    plain = parse(text_of(body, "s.txt"), BuildSettings()).items[0]
    assert not hashed_words("jens hansen gmail") & words
    assert hashed_words(gate.redact("klager over afgørelsen")[0]) <= words
    assert hashed_words("jens hansen gmail") <= plain.words()


def test_redactions_in_an_english_document_say_so_in_english() -> None:
    body = """
        Minutes of the meeting of the Finance Committee
        Meeting time 01-02-2024 15:00
        1 (Open) Enquiry
        Summary
        Write to anna@example.org or call +44 20 7946 0958.
    """
    doc, _ = apply_privacy(parse(text_of(body, "e.txt"), BuildSettings()))
    if doc.language != "en":
        pytest.skip("the parser did not read this as English")
    assert "[e-mail removed]" in repr(doc) and "[phone removed]" in repr(doc)


RULES = PrivacyRules.of(BuildSettings())


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # CPR
        ("010203-1234", [CPR]),
        ("0102031234", [CPR]),
        ("010203 1234", [CPR]),
        ("993399-1234", []),  # not a date
        ("1010203-12345", []),  # part of a longer number
        ("bilag/3f393702-8784-5a08-b00c-2f0102031234", []),  # inside a UUID (a portal id)
        ("3F393702-8784-5A08-B00C-2F0102031234 og cpr 010203-1234", [CPR]),
        # e-mail
        ("jens.hansen@gmail.com", [EMAIL]),
        ("Mail: anne_b+x@hotmail.dk.", [EMAIL]),
        ("skriv til søren@æblehaven.dk", [EMAIL]),
        ("mailto:k.l@firma.co.uk", [EMAIL]),
        ("info@jh.dk", []),  # a function mailbox
        ("jh@gentofte.dk", []),  # a public body
        ("jh@byg.gentofte.dk", []),  # and its subdomain
        ("jh@gentofte.dk.evil.com", [EMAIL]),
        ("jh@notgentofte.dk", [EMAIL]),
        ("@gentofte på sociale medier", []),
        # phone: Danish
        ("tlf. 3333 4444", [PHONE]),
        ("ring på 22 33 44 55", [PHONE]),
        ("22-33-44-55", [PHONE]),
        ("+45 22334455", [PHONE]),
        ("+4522 33 44 55", [PHONE]),
        ("0045 22 33 44 55", [PHONE]),
        ("Tlf.: 22334455", [PHONE]),
        ("mobil 2012 2034", [PHONE]),
        ("telefon 22.33.44.55", [PHONE]),
        ("(22 33 44 55)", [PHONE]),
        # phone: international
        ("+44 20 7946 0958", [PHONE]),
        ("+44 (0)20 7946 0958", [PHONE]),
        ("+1 202-555-0143", [PHONE]),
        ("+46 8 123 456 78", [PHONE]),
        # not phone numbers
        ("Sag 23.00.00-A00-1-21", []),
        ("EMN-2017-04615", []),
        ("2021-123456", []),
        ("bilag 1804694", []),
        ("bilag 18046941", []),  # eight digits without a cue
        ("01-02-2024", []),
        ("01.02.2024 kl. 15:00", []),
        ("27-02-2024 17:00", []),
        ("kl. 19.00-21.00", []),
        ("kr. 12.345.678", []),
        ("1.250.000 kr.", []),
        ("kr. 1234 5678", []),
        ("1234 5678 kr.", []),
        ("12 34 56 78 mio.", []),
        ("i årene 2023 2030", []),
        ("2023-2030", []),
        ("2820 Gentofte", []),
        ("Bernstorffsvej 161, 2920 Charlottenlund", []),
        ("side 12 af 34", []),
        ("12 (Åben) Orientering", []),
        ("Budget 1200 1300 1400 1500", []),  # a run of numbers: a table
        ("+45", []),
        ("+1 23", []),
        # phone: every Danish form (issue 15: "Ring 20304050." was stored as written)
        ("Ring 20304050.", [PHONE]),
        ("Ring 20304050", [PHONE]),
        ("ring til 20 30 40 50", [PHONE]),
        ("ring til 2030 4050", [PHONE]),
        ("20.30.40.50", [PHONE]),
        ("+45 20 30 40 50", [PHONE]),
        ("+4520304050", [PHONE]),
        ("0045 2030 4050", [PHONE]),
        ("004520304050", [PHONE]),
        ("tlf. 20304050", [PHONE]),
        ("Tlf 2030-4050", [PHONE]),
        ("telefon: 20 30 40 50", [PHONE]),
        ("Telefonnummer 12345678", [PHONE]),  # a cue: any eight digits
        ("mobil: 40 50 60 70 eller tlf. 33 44 55 66", [PHONE, PHONE]),
        # not phone numbers: case and journal numbers, dates, amounts, years, KLE, ids
        ("KLE 00.01.00P35-0104", []),
        ("00.01.00P35-0104", []),
        ("j.nr. 16/35237", []),
        ("16/35237", []),
        ("sag 27.00.00-A00-1-21", []),
        ("EMN-2023-01234", []),
        ("den 20230314", []),  # a date, year first
        ("den 14032023", []),  # a date, day first
        ("14.03.2023", []),
        ("1.250.000 kr.", []),
        ("kr. 25000000", []),
        ("25000000 kr.", []),
        ("DKK 2030 4050", []),
        ("i 2030 2045", []),
        ("fra 2023-2030", []),
        ("CVR 29189846", []),
        ("CVR-nr. 29189846", []),
        ("bilag 28046941", []),
        ("Dok.nr. 40123456", []),
        ("j.nr. 40123456", []),
        ("10203040", []),  # a Danish number never starts with 0 or 1
        ("Budget 2030 4050 6070 8090", []),
    ],
)
def test_what_is_withheld(text: str, kinds: list[RedactionKind]) -> None:
    assert [kind for _, _, kind in RULES.find(text)] == kinds


def test_redact_text_keeps_the_text_around_and_counts() -> None:
    assert redact_text("Borger 010203-1234 på 22 33 44 55", RULES) == (
        "Borger [CPR-nummer fjernet] på [telefon fjernet]",
        2,
    )
    assert redact_text("Borger 010203-1234 på 22 33 44 55") == (
        "Borger [CPR-nummer fjernet] på 22 33 44 55",
        1,
    )  # the default rules, of the last check on a mapped graph's literals, are CPR only


def test_the_report_has_file_line_kind_and_keeps_other_documents(tmp_path: Path) -> None:
    path = tmp_path / "redactions.csv"
    first = [
        Redaction("b.txt", Span(1, 7, 7), PHONE),
        Redaction("a.txt", Span(2, 3, 4), CPR),
        Redaction("c.txt", Span(1, 1, 1), EMAIL),
    ]
    write_report(path, first, read={"a.txt", "b.txt", "c.txt"}, kept={"a.txt", "b.txt", "c.txt"})
    # a.txt read again (now clean), c.txt no longer in the store, b.txt only kept
    write_report(path, [], read={"a.txt"}, kept={"a.txt", "b.txt"})
    with path.open(newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows == [["file", "page", "line", "kind"], ["b.txt", "1", "7", "phone"]]


def test_a_checksum_with_a_date_like_digit_run_is_not_a_cpr_number() -> None:
    """A document's SHA-256 held "0102031234" by chance; the builder's last CPR check
    rewrote it and the document was quarantined for a malformed checksum."""
    checksum = "9f" + "0102031234" + "ab" * 26
    assert len(checksum) == 64
    assert redact_text(checksum) == (checksum, 0)
    assert redact_text(f"sha256 {checksum}, cpr 010203-1234")[1] == 1


def test_a_bare_phone_number_is_not_stored() -> None:
    """Regression (issue 15): "Ring 20304050." was stored as written."""
    body = DOC.replace("eller ringes op på tlf. 22 33 44 55.", "Ring 20304050.")
    stored, redactions = _gated(body)
    assert "20304050" not in stored
    assert PHONE in {r.kind for r in redactions}


def _one_item(lines: str) -> tuple[AgendaItem, tuple[Redaction, ...]]:
    """The gated item of a one-item document whose item holds ``lines``."""
    body = f"Referat\nØkonomiudvalget\nDato: 12-03-2025\n\n1. Salg af grund\n{lines}"
    gated, redactions = apply_privacy(parse(text_of(body, name="doc.txt"), BuildSettings()))
    (item,) = gated.items
    return item, redactions


def test_an_eight_digit_case_id_is_kept_and_a_phone_number_beside_it_is_not() -> None:
    """A case id is an identifier by where it stands ("Sagsnr.: 25000412"), whatever its
    digits; the same digits after "tlf." in the item's text are a phone number."""
    item, redactions = _one_item(
        "Sagsnr.: 25000412\n\nSagsfremstilling\nKøber kan kontaktes på tlf. 25000412.\n"
    )
    assert item.case_id is not None and item.case_id.value == "25000412"
    assert "25000412" not in " ".join(s.text.value for s in item.sections if s.text)
    assert [r.kind for r in redactions] == [PHONE]


def test_a_phone_number_on_a_case_id_s_line_is_withheld_from_the_line() -> None:
    item, _ = _one_item("Sagsnr.: 24/1234 Sagsbehandler: Jens Hansen, tlf. 23 45 67 89\n")
    assert item.case_id is not None and item.case_id.value == "24/1234"
    assert "23 45 67 89" not in item.case_id.raw
