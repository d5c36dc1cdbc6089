"""Publish settings from TOML, versions, and the changelog's comparison of manifests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kg.errors import UsageError
from kg.publish.release import GraphEntry, compare
from kg.publish.settings import CC_BY_4, PublishSettings, load_settings

BASE = "http://localhost:8000/"
DOC = BASE + "id/document/"


def test_settings_from_toml_with_options_on_top(tmp_path: Path) -> None:
    path = tmp_path / "publish.toml"
    path.write_text(
        '[publish]\npublisher_name = "Havnbjerg Kommune"\nlanguages = ["DAN", "ENG"]\n'
        'base_iri = "https://data.example.org/x"\nversion = "0.9"\n'
    )
    settings = load_settings(path, version="1.0", base_iri=None)
    assert settings.publisher_name == "Havnbjerg Kommune"
    assert settings.languages == ("DAN", "ENG")
    assert settings.base_iri == "https://data.example.org/x/"
    assert settings.version == "1.0"
    assert settings.licence == CC_BY_4


@pytest.mark.parametrize(
    "text",
    ['licence = ["x"]', "not valid toml = = 1", 'unknown_field = "x"', 'base_iri = "ftp://x/"'],
)
def test_bad_settings_are_a_usage_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(UsageError):
        load_settings(path)


def test_version_defaults_to_the_build_time() -> None:
    built = datetime(2026, 11, 23, 14, 45, 17, tzinfo=UTC)
    assert PublishSettings().resolved_version(built) == "2026.11.23-144517"
    assert PublishSettings(version="3").resolved_version(built) == "3"


def _entry(*hashes: str) -> GraphEntry:
    return GraphEntry("f.txt", len(hashes), "-".join(sorted(hashes)), tuple(sorted(hashes)))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ({}, {DOC + "a": _entry("1", "2")}, [(DOC + "a", "added", 2, 0, True)]),
        ({DOC + "a": _entry("1", "2")}, {}, [(DOC + "a", "removed", 0, 2, True)]),
        (
            {DOC + "a": _entry("1", "2", "3")},
            {DOC + "a": _entry("2", "3", "4", "5")},
            [(DOC + "a", "changed", 2, 1, True)],
        ),
        ({DOC + "a": _entry("1")}, {DOC + "a": _entry("1")}, []),
        (
            {BASE + "id/build/x": _entry("1")},
            {BASE + "id/build/y": _entry("1")},
            [
                (BASE + "id/build/x", "removed", 0, 1, False),
                (BASE + "id/build/y", "added", 1, 0, False),
            ],
        ),
    ],
)
def test_compare_manifests(
    old: dict[str, GraphEntry],
    new: dict[str, GraphEntry],
    expected: list[tuple[str, str, int, int, bool]],
) -> None:
    found = [(c.graph, c.change, c.added, c.removed, c.document) for c in compare(old, new, BASE)]
    assert found == expected
