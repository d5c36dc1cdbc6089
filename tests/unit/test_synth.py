"""The synthetic corpus generator: deterministic, parseable, and honest about its truth."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest.documents import discover, read_document
from kg.iri import slugify
from kg.parse import parse
from kg.parse.model import DocKind, SectionKind
from kg.resolve.people import resolve_people
from kg.resolve.people_model import NameOccurrence, NameRole
from kg.settings import BuildSettings
from kg.synth import TRUTH, SynthSettings, synthesize
from kg.synth.names import NameRegister, PersonName, VariantKind
from kg.synth.world import build_world, calendar

SMALL = SynthSettings(docs=30, seed=3, pdf_share=0.2, english_share=0.2)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.*")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synth")
    synthesize(SMALL, folder)
    return folder


def test_same_seed_gives_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    synthesize(SMALL, tmp_path)
    again, first = _files(tmp_path), _files(corpus)
    assert any(name.endswith(".pdf") for name in first)
    assert again == first


def test_another_seed_gives_another_corpus(corpus: Path, tmp_path: Path) -> None:
    synthesize(SMALL.model_copy(update={"seed": 4}), tmp_path)
    assert _files(tmp_path) != _files(corpus)


def test_writes_the_number_of_documents_asked_and_the_truth_is_no_document(corpus: Path) -> None:
    found = discover([corpus])
    assert len(found) == SMALL.docs
    assert TRUTH not in {name for _, name in found}
    truth = json.loads((corpus / TRUTH).read_text("utf-8"))
    assert truth["counts"]["documents"] == SMALL.docs
    assert truth["settings"]["seed"] == SMALL.seed


def test_every_document_parses_like_the_seeds(corpus: Path) -> None:
    settings = BuildSettings()
    languages = set()
    for path, name in discover([corpus]):
        doc = parse(read_document(path, name=name), settings)
        languages.add(doc.language)
        folder, file = name.split("/")
        assert doc.committee is not None
        assert slugify(doc.committee.value) == folder
        assert doc.start is not None
        assert doc.start.value.date() == date.fromisoformat(file.split("-", 1)[1][:10])
        assert doc.place is not None
        numbers = [i.number.value for i in doc.items if i.number]
        assert numbers == list(range(1, len(doc.items) + 1))
        assert all(i.title for i in doc.items)
        if file.startswith("referat"):
            assert doc.kind is DocKind.MINUTES
            assert doc.present and doc.end is not None
            assert all(i.case_id for i in doc.items)
            assert all(i.section(SectionKind.DECISION) for i in doc.items)
        else:
            assert doc.kind is DocKind.AGENDA
            assert not doc.present
            assert not any(i.section(SectionKind.DECISION) for i in doc.items)
        open_items = [i for i in doc.items if i.public and i.public.value]
        assert open_items[-1].title is not None
        assert open_items[-1].title.value in {"Eventuelt", "Any other business"}
    assert languages == {"da", "en"}


def test_some_items_are_closed_and_have_attachments(corpus: Path) -> None:
    truth = json.loads((corpus / TRUTH).read_text("utf-8"))["counts"]
    assert truth["closed_items"] > 0
    assert truth["attachments"] > 0
    assert truth["items"] > truth["meetings"]


def test_small_corpus_spans_several_committees_and_years() -> None:
    world = build_world(SynthSettings(docs=40))
    meetings = calendar(world)
    assert len({m.committee for m in meetings}) >= 3
    assert len({m.day.year for m in meetings}) >= 2
    assert len({(m.committee, m.day) for m in meetings}) == len(meetings)


def test_register_refuses_names_the_resolver_would_merge() -> None:
    register = NameRegister()
    assert register.claim(PersonName("Anne Holm"))
    assert not register.claim(PersonName("Anne Holm Madsen"))  # continues the first two words
    assert register.claim(PersonName("Torben Melgaard"))
    assert not register.claim(PersonName("Torben Meglaard"))  # one letter apart
    assert not register.claim(PersonName("Torben Mølgaard"))  # a Danish letter apart
    assert register.claim(PersonName("Mads Melgaard"))  # another first name


def test_every_kind_of_variant_is_one_person_to_the_resolver() -> None:
    world = build_world(SynthSettings(docs=3000, seed=1))
    kinds: set[VariantKind] = set()
    for person in world.people:
        if not person.name.variants:
            continue
        # the ledger writes a variant only while the canonical name is written more often
        canonical = [person.name.canonical] * 3
        spellings = [*canonical, *(v for _, v in person.name.variants)]
        occurrences = [
            NameOccurrence(s, f"doc{i}", NameRole.ATTENDANCE, "c", date(2020, 3, 1), f"list{i}")
            for i, s in enumerate(spellings)
        ]
        clusters = resolve_people(occurrences).clusters
        assert len(clusters) == 1, spellings
        assert clusters[0].label == person.name.canonical
        kinds.update(k for k, _ in person.name.variants)
    assert kinds == set(VariantKind)


def test_namesakes_are_apart_by_committee_and_years(tmp_path: Path) -> None:
    settings = SynthSettings(docs=400, years=9, committees=3, namesake_rate=0.5)
    world = build_world(settings)
    by_name: dict[str, list[int]] = {}
    for person in world.people:
        if person.committees:
            by_name.setdefault(person.name.canonical, []).append(person.id)
    pairs = [ids for ids in by_name.values() if len(ids) > 1]
    assert pairs
    for a, b in (ids[:2] for ids in pairs):
        first, second = world.people[a], world.people[b]
        assert first.committees.isdisjoint(second.committees)
        assert max(first.terms) + 2 <= min(second.terms)
        assert not first.name.variants and not second.name.variants


def test_cli_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    result = CliRunner().invoke(app, ["synth", "--docs", "3", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "not empty" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_cli_force_replaces_an_earlier_synthetic_corpus(tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["synth", "--docs", "12", "--out", str(tmp_path)])
    assert first.exit_code == 0, first.output
    second = runner.invoke(
        app, ["synth", "--docs", "5", "--seed", "9", "--out", str(tmp_path), "--force"]
    )
    assert second.exit_code == 0, second.output
    assert len(discover([tmp_path])) == 5
    assert json.loads((tmp_path / TRUTH).read_text("utf-8"))["settings"]["seed"] == 9


def test_cli_rejects_a_share_out_of_range(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["synth", "--out", str(tmp_path / "new"), "--pdf-share", "1.5"]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "new").exists()
