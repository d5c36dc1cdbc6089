"""Building agenda portal meetings: the bundled examples/portal/ files, what the pages show
of them, what a non-portal .json gets, and a harvested meeting that changed replacing its
own graph rather than adding a second meeting."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kg.harvest import HarvestSettings, Status, harvest
from kg.ingest import discover
from kg.pipeline import Status as BuildStatus
from kg.pipeline import build
from kg.settings import BuildSettings, RunSettings
from kg.web.app import create_app
from kg.web.settings import ServeSettings
from tests.conftest import EXAMPLES, SHARED
from tests.helpers import open_store, select
from tests.portal_server import Portal, recorded, serving

pytestmark = pytest.mark.integration

PORTAL = EXAMPLES / "portal"
ONE = RunSettings(jobs=1)
#: The portal ids of the held KMU meeting and of the BSU meeting not yet held.
KMU_ID, BSU_ID = "c41f6e20-93d8-4b7a-b5e2-0a9d17f3e812", "3e8d5b17-0f2c-4a69-9c41-d7a6e2f0b918"


def _meeting(store: Path, portal_id: str) -> str:
    """The IRI of the meeting with that portal id."""
    rows = select(open_store(store), f'SELECT ?m WHERE {{ ?m dct:identifier "{portal_id}" }}')
    assert len(rows) == 1, rows
    return rows[0]["m"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("portal-examples")
    report = build([PORTAL], folder, BuildSettings(), run=ONE)
    assert report.ok and report.count(BuildStatus.LOADED) == 3, report.outcomes
    return folder


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[TestClient]:
    app = create_app(ServeSettings(store=store))
    with TestClient(app, headers={"Accept-Language": "en"}) as c:
        yield c


def test_the_meeting_page_cites_the_json_path_of_its_facts(client: TestClient, store: Path) -> None:
    path = "/" + _meeting(store, KMU_ID).split("/", 3)[3]
    page = client.get(path, headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "/Moede/Sted" in page.text
    assert "/Moede/Moededeltagere/0/Name" in page.text


def test_an_attachment_links_to_the_portal(client: TestClient) -> None:
    ttl = client.get("/id/attachment/e3b07a52-6f1d-4c98-a2e4-90c5d1b7f613.ttl")
    assert ttl.status_code == 200
    link = "https://dagsordener.havnbjerg.dk/Vis/Pdf/bilag/e3b07a52-6f1d-4c98-a2e4-90c5d1b7f613"
    assert link in ttl.text


def test_a_meeting_not_yet_held_is_an_agenda_with_nobody_present(store: Path) -> None:
    meeting = _meeting(store, BSU_ID)
    rows = select(
        open_store(store),
        f"""SELECT ?kind ?who WHERE {{
          <{meeting}> prov:wasDerivedFrom ?doc . ?doc dct:type ?kind .
          OPTIONAL {{ <{meeting}> mkg:present|mkg:absent ?who }} }}""",
    )
    assert rows == [{"kind": "https://w3id.org/minutes-kg/ontology#Agenda"}]


def test_a_json_file_that_is_no_portal_meeting_is_refused_by_name(tmp_path: Path) -> None:
    other = tmp_path / "package.json"
    other.write_text(json.dumps({"name": "x", "version": "1"}), encoding="utf-8")
    half = tmp_path / "half.json"
    half.write_bytes((PORTAL / "boerne-og-skoleudvalget-2024-04-09.json").read_bytes()[:500])
    assert [name for _, name in discover([tmp_path])] == ["half.json", "package.json"]
    report = build([tmp_path], tmp_path / "store", BuildSettings(), run=ONE)
    messages = {o.name: " ".join(o.messages) for o in report.outcomes}
    assert "package.json" in messages["package.json"]
    assert "no agenda portal meeting" in messages["package.json"]
    assert "not valid JSON" in messages["half.json"] and "truncated" in messages["half.json"]
    assert report.count(BuildStatus.UNREADABLE) == 2 and not report.ok


def test_a_later_harvest_of_a_changed_meeting_replaces_it(tmp_path: Path) -> None:
    folder = SHARED / "corpus" / "portal-json"
    if not folder.is_dir():
        pytest.skip(f"../shared/corpus/portal-json is not beside the repository ({folder})")
    name = "greve_okonomiudvalget_2022-05-23_63a87694.json"
    meetings = recorded([folder / name])
    out, store = tmp_path / "harvest", tmp_path / "store"
    settings = HarvestSettings(portal="http://127.0.0.1/", out=out, delay=0)
    with serving(Portal(dict(meetings))) as portal:
        settings = settings.model_copy(update={"portal": portal.url})
        assert harvest(settings).ok
        assert build([out], store, BuildSettings(), run=ONE).ok
        (meeting_id,) = meetings
        data = json.loads(meetings[meeting_id])
        data["Moede"]["Sted"] = "Byrådssalen"
        portal.change(meeting_id, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        second = harvest(settings)
    assert [o.status for o in second.outcomes] == [Status.FETCHED]
    report = build([out], store, BuildSettings(), run=ONE)
    assert report.ok and len(report.outcomes) == 1
    reader = open_store(store)
    assert len(select(reader, "SELECT ?m WHERE { ?m a mkg:Meeting }")) == 1
    rows = select(
        reader,
        f"""SELECT ?m ?place WHERE {{ ?m a mkg:Meeting ; dct:identifier "{meeting_id}" ;
              prov:atLocation ?place }}""",
    )
    assert [r["place"] for r in rows] == ["Byrådssalen"]
    shutil.rmtree(out)


def test_a_copy_of_a_meeting_under_another_name_replaces_the_earlier(tmp_path: Path) -> None:
    first, second, store = tmp_path / "first", tmp_path / "second", tmp_path / "store"
    first.mkdir()
    second.mkdir()
    source = PORTAL / "boerne-og-skoleudvalget-2024-04-09.json"
    shutil.copy(source, first / "bsu.json")
    data = json.loads(source.read_bytes())
    data["Moede"]["Sted"] = "Byrådssalen"
    (second / f"{BSU_ID}.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert build([first], store, BuildSettings(), run=ONE).ok
    report = build([second], store, BuildSettings(), run=ONE)
    assert report.ok and report.removed == ["bsu.json"]
    assert report.warnings == ["bsu.json: replaced by a later copy of its meeting"]
    reader = open_store(store)
    assert len(select(reader, "SELECT ?d WHERE { ?d a mkg:SourceDocument }")) == 1
    places = select(
        reader, f'SELECT ?p WHERE {{ ?m dct:identifier "{BSU_ID}" ; prov:atLocation ?p }}'
    )
    assert [r["p"] for r in places] == ["Byrådssalen"]


#: A portal id whose last group holds ten digits that read as a CPR number (010203-1234):
#: the privacy gate rewrote it, and the attachment's IRI with it, which stopped the build.
CPR_LIKE_ID = "3f393702-8784-5a08-b00c-2f0102031234"


def test_portal_ids_that_look_like_cpr_numbers_stay_and_mint_iris(tmp_path: Path) -> None:
    source = PORTAL / "klima-og-miljoeudvalget-2024-03-12.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    bilag = [b for item in data["Dagsordenpunkter"] for b in item.get("Bilag") or []]
    bilag[0]["Id"] = CPR_LIKE_ID
    bilag[1]["Id"] = "Bilag [2] / udkast"  # an id that is no IRI segment as it stands
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / source.name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = build([folder], tmp_path / "store", BuildSettings(), run=ONE)
    assert report.ok, report.outcomes
    rows = select(
        open_store(tmp_path / "store"),
        "SELECT ?a ?title WHERE { ?a a mkg:Attachment ; dct:title ?title }",
    )
    slugs = {row["a"].rsplit("/", 1)[1]: row["title"] for row in rows}
    assert slugs == {
        CPR_LIKE_ID: bilag[0]["Navn"],
        "bilag-2-udkast": bilag[1]["Navn"],
    }


def test_a_document_that_cannot_be_mapped_is_quarantined_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fault of the mapping (an IRI it could not mint, say) stopped the whole build
    with a traceback; it now quarantines that document, says so, and loads the rest."""
    from kg import preparing

    real = preparing.map_document  # type: ignore[attr-defined]
    broken = "boerne-og-skoleudvalget-2024-04-09.json"

    def mapping(placed, resolution, minter):  # type: ignore[no-untyped-def]
        if placed.mentions.doc.source.name == broken:
            raise ValueError("Invalid IRI code point '['")
        return real(placed, resolution, minter)

    monkeypatch.setattr(preparing, "map_document", mapping)
    report = build([PORTAL], tmp_path / "store", BuildSettings(), run=ONE)
    outcomes = {o.name: o for o in report.outcomes}
    assert not report.ok
    assert outcomes[broken].status is BuildStatus.QUARANTINED
    assert (
        "could not be turned into RDF (ValueError: Invalid IRI code point '[')"
        in (outcomes[broken].messages[0])
    )
    assert report.count(BuildStatus.LOADED) == 2
    documents = select(
        open_store(tmp_path / "store"), "SELECT ?d WHERE { ?d a mkg:SourceDocument }"
    )
    assert len(documents) == 2 and not any(broken.split(".")[0] in d["d"] for d in documents)
