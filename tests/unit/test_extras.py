"""Heavy libraries are optional extras: a command that needs a missing one says which
pip extra to install (exit code 2), and nothing else needs them."""

from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx
import pytest

from kg.extras import MissingExtra
from kg.graphs.export import draw
from kg.graphs.model import GraphFormat
from kg.synth import SynthSettings, synthesize


def test_a_drawing_without_matplotlib_names_the_draw_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if not installed
    graph = nx.Graph()
    graph.add_node("a", type="person", label="A")
    with pytest.raises(MissingExtra, match=r"pip install 'minutes-kg\[draw\]'") as caught:
        draw(graph, GraphFormat.SVG)
    assert caught.value.exit_code == 2


def test_synth_pdfs_without_fpdf2_name_the_synth_extra_and_write_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "fpdf", None)
    out = tmp_path / "corpus"
    with pytest.raises(MissingExtra, match=r"pip install 'minutes-kg\[synth\]'"):
        synthesize(SynthSettings(docs=4, pdf_share=0.5), out)
    assert not out.exists()


def test_synth_text_only_needs_no_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "fpdf", None)
    report = synthesize(SynthSettings(docs=2, pdf_share=0.0), tmp_path / "corpus")
    assert report.pdf == 0 and report.text == 2


def test_the_core_dependencies_leave_the_extras_out() -> None:
    import tomllib

    from tests.conftest import ROOT

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = " ".join(project["dependencies"])
    for heavy in ("matplotlib", "scipy", "fpdf2"):
        assert heavy not in core
    assert {"draw", "synth"} <= set(project["optional-dependencies"])
