"""kg harvest against a stand-in portal on loopback (tests/portal_server.py) that serves
recorded Greve meetings and misbehaves on purpose. No test reaches the internet."""

from __future__ import annotations

import csv
import hashlib
import json
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.harvest import HarvestReport, HarvestSettings, Status, harvest
from kg.harvest.manifest import MANIFEST
from tests.conftest import ROOT, SHARED
from tests.portal_server import LIST_PATH, Portal, recorded, serving

pytestmark = pytest.mark.integration

PORTAL_JSON = SHARED / "corpus" / "portal-json"
#: Small meetings of three committees (a few items each), to keep the tests fast.
FILES = (
    "greve_beskaeftigelses-og-erhvervsudvalget_2022-04-04_8e89bad4.json",
    "greve_byrad-2022-2025_2022-01-14_8b2f1d8b.json",
    "greve_byrad-2022-2025_2022-03-21_a2dfd7b8.json",
    "greve_kultur-og-fritidsudvalget_2022-03-21_1d3fb686.json",
    "greve_okonomiudvalget_2022-01-10_e049b9bf.json",
    "greve_okonomiudvalget_2022-05-23_63a87694.json",
)


@pytest.fixture(scope="module")
def meetings() -> dict[str, bytes]:
    if not PORTAL_JSON.is_dir():
        pytest.skip(f"../shared/corpus/portal-json is not beside the repository ({PORTAL_JSON})")
    return recorded([PORTAL_JSON / name for name in FILES])


class Sleeps:
    """Stands in for time.sleep: notes each wait, waits not."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def _settings(url: str, out: Path, **more: object) -> HarvestSettings:
    options: dict[str, object] = {"delay": 0.0, "timeout": 0.5, "retries": 2, "backoff": 0.01}
    options.update(more)
    return HarvestSettings.model_validate({"portal": url, "out": out, **options})


def _statuses(report: HarvestReport) -> dict[str, Status]:
    return {o.meeting.id: o.status for o in report.outcomes}


def _ids(meetings: dict[str, bytes]) -> list[str]:
    return sorted(meetings)


def test_a_misbehaving_portal_is_harvested_as_far_as_it_can_be(
    meetings: dict[str, bytes], tmp_path: Path
) -> None:
    a, b, c, d, e, f = _ids(meetings)
    faults = {
        a: ["500"],  # retried
        b: ["429"],  # retried after Retry-After
        c: ["slow"],  # timed out once, retried
        d: ["always-truncated"],  # never whole: reported, no file
        e: ["always-503"],  # never served: reported
    }
    sleeps = Sleeps()
    with serving(Portal(dict(meetings), faults=faults)) as portal:
        report = harvest(_settings(portal.url, tmp_path), sleep=sleeps)
    assert _statuses(report) == {
        a: Status.FETCHED,
        b: Status.FETCHED,
        c: Status.FETCHED,
        d: Status.FAILED,
        e: Status.FAILED,
        f: Status.FETCHED,
    }
    assert not report.ok
    assert 1.0 in sleeps.waits  # the 429's Retry-After was honoured
    reasons = {o.meeting.id: o.reason for o in report.outcomes}
    assert "truncated" in reasons[d] and "HTTP 503" in reasons[e]
    # every file whole and exactly as served; nothing of the failed ones, no temporary files
    saved = sorted(p.name for p in tmp_path.glob("*.json") if not p.name.startswith("."))
    assert saved == sorted(f"{m}.json" for m in (a, b, c, f))
    for meeting_id in (a, b, c, f):
        assert (tmp_path / f"{meeting_id}.json").read_bytes() == meetings[meeting_id]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert all(agent.startswith("minutes-kg/") for agent in portal.agents)
    rows = list(csv.DictReader((tmp_path / MANIFEST).open(encoding="utf-8")))
    assert {r["meeting_id"] for r in rows} == {a, b, c, f}
    for row in rows:
        body = (tmp_path / row["file"]).read_bytes()
        assert row["sha256"] == hashlib.sha256(body).hexdigest()
        assert row["url"] == f"{portal.url}api/agenda/dagsorden/{row['meeting_id']}"
        assert row["committee"] and row["date"] and row["fetched_at"]


def test_a_second_harvest_fetches_nothing_and_a_third_only_what_changed(
    meetings: dict[str, bytes], tmp_path: Path
) -> None:
    with serving(Portal(dict(meetings))) as portal:
        first = harvest(_settings(portal.url, tmp_path))
        assert first.count(Status.FETCHED) == len(meetings)
        portal.answers.clear()
        second = harvest(_settings(portal.url, tmp_path))
        assert second.count(Status.UNCHANGED) == len(meetings)
        assert portal.fetched()[200] == 0  # nothing downloaded: 304s only
        assert portal.fetched(LIST_PATH)[200] == 0
        changed = _ids(meetings)[0]
        data = json.loads(meetings[changed])
        data["Moede"]["Sted"] = "Mødelokale 9"
        new = json.dumps(data, ensure_ascii=False).encode("utf-8")
        portal.change(changed, new)
        portal.answers.clear()
        third = harvest(_settings(portal.url, tmp_path))
    assert {m for m, s in _statuses(third).items() if s is Status.FETCHED} == {changed}
    assert portal.fetched()[200] == 1
    assert (tmp_path / f"{changed}.json").read_bytes() == new


def test_a_portal_without_validators_still_resumes(
    meetings: dict[str, bytes], tmp_path: Path
) -> None:
    with serving(Portal(dict(meetings), validators=False)) as portal:
        harvest(_settings(portal.url, tmp_path))
        before = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("[!.]*.json")}
        second = harvest(_settings(portal.url, tmp_path))
    assert second.count(Status.UNCHANGED) == len(meetings)
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("[!.]*.json")} == before


def test_committees_and_dates_choose_the_meetings(
    meetings: dict[str, bytes], tmp_path: Path
) -> None:
    with serving(Portal(dict(meetings))) as portal:
        report = harvest(
            _settings(
                portal.url,
                tmp_path,
                committees=("Økonomiudvalget", "byråd 2022-2025"),
                since="2022-01-12",
                until="2022-05-23",
            )
        )
    chosen = {(o.meeting.committee, str(o.meeting.day)) for o in report.outcomes}
    assert chosen == {
        ("Byråd 2022-2025", "2022-01-14"),
        ("Byråd 2022-2025", "2022-03-21"),
        ("Økonomiudvalget", "2022-05-23"),
    }


def test_the_command_exits_1_naming_what_failed_and_2_for_an_unknown_committee(
    meetings: dict[str, bytes], tmp_path: Path
) -> None:
    broken = _ids(meetings)[0]
    runner = CliRunner()
    args = ["harvest", "--out", str(tmp_path), "--delay", "0", "--retries", "0"]
    with serving(Portal(dict(meetings), faults={broken: ["always-500"]})) as portal:
        result = runner.invoke(app, [*args[:1], portal.url, *args[1:]])
        unknown = runner.invoke(app, [*args[:1], portal.url, *args[1:], "--committee", "Nope"])
    assert result.exit_code == 1, result.output
    assert f"{len(meetings) - 1} fetched" in result.stdout
    assert "failed:" in result.stderr and "HTTP 500" in result.stderr
    assert unknown.exit_code == 2
    assert "no committee 'Nope'" in unknown.stderr and "Økonomiudvalget" in unknown.stderr


def test_the_readme_commands_harvest_and_build(meetings: dict[str, bytes], tmp_path: Path) -> None:
    """The two commands of the README's agenda portal section, against the loopback
    portal instead of the real one (and without the pause between requests)."""
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("### From a municipality's agenda portal", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0].replace("\\\n", " ")
    commands = [shlex.split(line, comments=True) for line in block.splitlines() if line.strip()]
    assert [c[:2] for c in commands] == [["kg", "harvest"], ["kg", "build"]]
    runner = CliRunner()
    with serving(Portal(dict(meetings))) as portal:
        for command in commands:
            args = [
                portal.url
                if a.startswith("https://dagsordener.")
                else str(tmp_path / a)
                if a in ("greve", "greve-store")
                else a
                for a in command[1:]
            ]
            if args[0] == "harvest":
                args += ["--delay", "0"]
            result = runner.invoke(app, args)
            assert result.exit_code == 0, (args, result.output)
    harvested = sorted(p.name for p in (tmp_path / "greve").glob("[!.]*.json"))
    assert len(harvested) == 4  # Økonomiudvalget and the council in the first half of 2022
    assert "documents: 4 loaded" in result.stdout
