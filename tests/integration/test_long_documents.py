"""Reading grows linearly with a document's length (issue 15: one pattern backtracked
quadratically, and a 50 kB document took 197 s), and a very large document is read with
a warning, never refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.concepts import load_default_scheme
from kg.pipeline import build
from kg.report import Status
from kg.settings import BuildSettings, RunSettings
from tests.long_document import long_minutes, read_file

pytestmark = pytest.mark.integration


@pytest.mark.slow
def test_ten_times_the_text_costs_at_most_about_twenty_times_the_time(tmp_path: Path) -> None:
    """A 1 MB and a 10 MB document, measured in one run (a ratio, not a timed limit:
    linear reading gives about 10, quadratic about 100). benchmarks/long_documents.py
    records the times."""
    scheme = load_default_scheme()
    seconds = {}
    for size in (1_000_000, 10_000_000):
        path = tmp_path / f"long-{size}.txt"
        path.write_text(long_minutes(size), encoding="utf-8")
        seconds[size] = read_file(path, scheme).cpu  # CPU time: the machine may be busy
    ratio = seconds[10_000_000] / seconds[1_000_000]
    assert ratio <= 20, f"1 MB: {seconds[1_000_000]:.2f} s, 10 MB: {seconds[10_000_000]:.2f} s"


def test_a_document_larger_than_the_setting_is_read_with_a_warning(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "referat.txt").write_text(long_minutes(30_000), encoding="utf-8")
    run = RunSettings(jobs=1, large_document=10_000)
    report = build([corpus], tmp_path / "store", BuildSettings(), run=run)
    assert [o.status for o in report.outcomes] == [Status.LOADED]
    assert report.ok
    (warning,) = report.warnings
    assert "referat.txt" in warning and "large_document" in warning
