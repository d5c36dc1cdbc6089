"""The reader on real documents of 13 municipalities (../shared/corpus/text): every one
loads, and kg eval's scores against the hand labels meet the targets of issue 11."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.evaluate import Evaluation, Score, evaluate_folder
from kg.pipeline import Status, build
from kg.settings import BuildSettings, RunSettings
from tests.conftest import CORPUS_TEXT
from tests.helpers import select

pytestmark = pytest.mark.integration

LABELS = CORPUS_TEXT / "labels.json"


@pytest.fixture(scope="module")
def corpus(corpus_text: Path) -> Path:
    return corpus_text


@pytest.fixture(scope="module")
def scores(corpus: Path) -> Evaluation:
    return evaluate_folder(LABELS, corpus)


def _combined(*scores: Score) -> Score:
    return Score(
        tp=sum(s.tp for s in scores), fp=sum(s.fp for s in scores), fn=sum(s.fn for s in scores)
    )


def test_every_labelled_document_is_read(scores: Evaluation) -> None:
    assert scores.errors == {}
    assert scores.scores["load"].recall == 1.0


@pytest.mark.parametrize("field", ["kind", "committee", "date"])
def test_kind_committee_and_date_wherever_labelled(scores: Evaluation, field: str) -> None:
    score = scores.scores[field]
    assert score.recall == 1.0, score.misses
    assert score.precision == 1.0, score.misses


@pytest.mark.parametrize("field", ["start", "place"])
def test_start_and_place(scores: Evaluation, field: str) -> None:
    assert scores.scores[field].recall >= 0.95, scores.scores[field].misses


def test_attendance_names(scores: Evaluation) -> None:
    attendance = _combined(scores.scores["present"], scores.scores["absent"])
    assert attendance.f1 >= 0.95, scores.scores["present"].misses + scores.scores["absent"].misses


def test_items_by_number_and_title(scores: Evaluation) -> None:
    assert scores.scores["items"].f1 >= 0.95, scores.scores["items"].misses


def test_case_ids(scores: Evaluation) -> None:
    assert scores.scores["case"].recall >= 0.95, scores.scores["case"].misses


def test_every_document_builds_into_the_graph(corpus: Path, tmp_path: Path) -> None:
    files = sorted(corpus / name for name in json.loads(LABELS.read_text("utf-8")))
    report = build(files, tmp_path / "store", BuildSettings(), run=RunSettings(jobs=1))
    statuses = {o.name: o.status for o in report.outcomes}
    assert len(statuses) == 16
    assert set(statuses.values()) == {Status.LOADED}, report.outcomes
    store = ox.Store.read_only(str(tmp_path / "store" / "oxigraph"))
    rows = select(
        store,
        """SELECT ?m ?label WHERE { ?m a mkg:Meeting ; mkg:heldBy ?c .
           ?c org:subOrganizationOf ?k . ?k rdfs:label ?label }""",
    )
    municipalities = {r["label"] for r in rows}
    assert {"Aarhus Kommune", "Gentofte Kommune", "Tårnby Kommune"} <= municipalities
    # the two municipalities' committees of one name are two committees
    rows = select(
        store,
        """SELECT ?c WHERE { ?c a mkg:Committee ; rdfs:label "Børne- og Skoleudvalget"@da }""",
    )
    assert len({r["c"] for r in rows}) >= 2


def test_kg_eval_prints_and_writes_the_scores(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(app, ["eval", str(LABELS), str(corpus), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "items" in result.output and "precision" in result.output
    rows = {row["field"]: row for row in json.loads(out.read_text("utf-8"))}
    assert rows["committee"]["recall"] == 1.0
    assert set(rows) >= {"kind", "date", "start", "place", "present", "absent", "items", "case"}
