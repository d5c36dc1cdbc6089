"""The relation graphs of the seeds: who-works-on-what holds the three projects and their
fifteen people, resolved, in every file format `kg graph` writes and the web serves."""

from __future__ import annotations

import csv
import io
import json
import shlex
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kg import graphs
from kg.cli import app
from kg.graphs import GraphName
from kg.linked.i18n import Language, Locale
from kg.resources import data_folder
from kg.store.queries import resolve_query
from kg.store.run import run
from kg.web.app import create_app
from kg.web.settings import ServeSettings
from tests.conftest import ROOT
from tests.helpers import open_store, select

pytestmark = pytest.mark.integration
runner = CliRunner()
NAME = GraphName.WHO_WORKS_ON_WHAT.value
INNOVATION = "http://localhost:8000/id/committee/gentofte-opgaveudvalg-om-innovation"
DIGITAL = (
    "http://localhost:8000/id/committee/gentofte-opgaveudvalget-for-digitalisering-og-teknologi"
)


@pytest.fixture(scope="module")
def expected(seed_store: Path) -> dict[str, tuple[str, str, str]]:
    """Node id -> (iri, label, type), from the named query who-works-on-what.rq: what the
    graph must hold, found without kg.graphs."""
    store = open_store(seed_store)
    results = run(store, resolve_query("who-works-on-what", data_folder("sparql")))
    assert isinstance(results, ox.QuerySolutions)
    found: dict[str, tuple[str, str, str]] = {}
    for row in results:
        person, name, project, title = (
            _value(row[v]) for v in ("person", "name", "project", "projectLabel")
        )
        found[person] = (person, name, "person")
        found[project] = (project, title, "project")
    return found


def _value(term: object) -> str:
    assert isinstance(term, ox.NamedNode | ox.Literal)
    return term.value


def _attrs(graph: nx.Graph) -> dict[str, tuple[str, str, str]]:
    return {n: (d["iri"], d["label"], d["type"]) for n, d in graph.nodes(data=True)}


def test_three_projects_and_fifteen_resolved_people(seed_store: Path) -> None:
    graph = graphs.build_graph(open_store(seed_store), GraphName.WHO_WORKS_ON_WHAT)
    people = [d for _, d in graph.nodes(data=True) if d["type"] == "person"]
    projects = [d for _, d in graph.nodes(data=True) if d["type"] == "project"]
    assert len(projects) == 3 and len(people) == 15
    assert len({p["label"] for p in people}) == 15  # no person twice under two spellings
    assert {p["label"] for p in projects} == {
        "Borgere i udkanten af arbejdsmarkedet",
        "Iværksættermiljø",
        "Sundhedsdata",
    }
    for node, data in graph.nodes(data=True):
        if data["type"] == "person":
            neighbours = [graph.nodes[n]["type"] for n in graph[node]]
            assert neighbours == ["project"], data["label"]
        else:
            assert graph.degree(node) == 5
    # each edge names the working group, which belongs to the innovation committee
    groups = {d["group"] for _, _, d in graph.edges(data=True)}
    assert len(groups) == 3 and all(g.startswith("Arbejdsgruppe") for g in groups)
    assert {d["committee"] for _, _, d in graph.edges(data=True)} == {INNOVATION}


def test_graph_matches_the_named_query(
    seed_store: Path, expected: dict[str, tuple[str, str, str]]
) -> None:
    graph = graphs.build_graph(open_store(seed_store), GraphName.WHO_WORKS_ON_WHAT)
    assert _attrs(graph) == expected


def test_filters_on_the_seeds(seed_store: Path) -> None:
    store = open_store(seed_store)
    assert (
        len(graphs.build_graph(store, GraphName.WHO_WORKS_ON_WHAT, graphs.Filter(INNOVATION))) == 18
    )
    assert len(graphs.build_graph(store, GraphName.WHO_WORKS_ON_WHAT, graphs.Filter(DIGITAL))) == 0
    # the groups were stated at the meeting of 25 April 2017
    after = graphs.Filter.parse(start="2017-04-26")
    assert len(graphs.build_graph(store, GraphName.WHO_WORKS_ON_WHAT, after)) == 0
    # co-attendance: only the people present at the September meeting
    september = graphs.Filter.parse(start="2017-09-01", end="2017-09-30")
    present = select(
        store,
        f"SELECT DISTINCT ?p WHERE {{ <{INNOVATION.replace('committee', 'meeting')}-2017-09-26>"
        " mkg:present ?p }",
    )
    graph = graphs.build_graph(store, GraphName.CO_ATTENDANCE, september)
    assert set(graph.nodes) == {r["p"] for r in present}
    assert all(w == 1 for _, _, w in graph.edges(data="weight"))


def _read(fmt: str, path: Path) -> nx.Graph:
    if fmt == "json":
        return nx.node_link_graph(json.loads(path.read_text("utf-8")), edges="edges")
    if fmt == "graphml":
        return nx.read_graphml(path)
    return nx.read_gexf(path)


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf"])
def test_cli_writes_a_file_networkx_reads_back(
    seed_store: Path, tmp_path: Path, fmt: str, expected: dict[str, tuple[str, str, str]]
) -> None:
    out = tmp_path / f"g.{fmt}"
    args = ["graph", NAME, "--store", str(seed_store), "-o", str(out)]
    result = runner.invoke(app, args)  # the format comes from the suffix
    assert result.exit_code == 0, result.output
    graph = _read(fmt, out)
    assert _attrs(graph) == expected
    assert graph.number_of_edges() == 15
    assert all(isinstance(d["betweenness"], float) for _, d in graph.nodes(data=True))


def test_cli_csv_holds_the_same_nodes(
    seed_store: Path, tmp_path: Path, expected: dict[str, tuple[str, str, str]]
) -> None:
    out = tmp_path / "g.txt"
    args = ["graph", NAME, "--store", str(seed_store), "--format", "csv", "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert len(rows) == 15
    found = {}
    for row in rows:
        for end in ("source", "target"):
            found[row[end]] = (row[end], row[f"{end}_label"], row[f"{end}_type"])
    assert found == expected
    assert {r["relation"] for r in rows} == {"works on"}


def test_cli_drawings(
    seed_store: Path, tmp_path: Path, expected: dict[str, tuple[str, str, str]]
) -> None:
    png, svg = tmp_path / "g.png", tmp_path / "g.svg"
    for out in (png, svg):
        result = runner.invoke(app, ["graph", NAME, "--store", str(seed_store), "-o", str(out)])
        assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    root = ET.fromstring(svg.read_bytes())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = "\n".join(e.text or "" for e in root.iter())
    labels = [label for _, label, _ in expected.values()]
    assert any(c in label for label in labels for c in "æøå")
    for label in labels:
        assert label in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["who-knows-whom", "-o", "x.json"], "no graph called"),
        ([NAME, "--from", "2017-02-30", "-o", "x.json"], "not a date"),
        ([NAME, "-o", "x.pdf"], "unknown format"),
        ([NAME, "--format", "dot", "-o", "x.json"], "unknown format"),
        ([NAME, "--committee", "innovation", "-o", "x.json"], "IRI"),
        ([NAME], "nothing to do"),
    ],
)
def test_cli_usage_errors_exit_2(seed_store: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["graph", *args, "--store", str(seed_store)])
    assert result.exit_code == 2
    assert message in result.stderr


def test_cli_summary(seed_store: Path) -> None:
    result = runner.invoke(app, ["graph", NAME, "--store", str(seed_store), "--summary"])
    assert result.exit_code == 0
    assert "nodes: 18 (15 person, 3 project)" in result.stdout
    assert "edges: 15" in result.stdout and "components: 3" in result.stdout


# ---------------------------------------------------------------- the web


@pytest.fixture(scope="module")
def client(seed_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServeSettings(store=seed_store))) as c:
        yield c


def test_graphs_page_lists_every_graph(client: TestClient) -> None:
    response = client.get("/graphs")
    home = client.get("/").text
    english = client.get("/graphs?lang=en").text  # the cookie keeps English from here on
    assert response.status_code == 200
    for name in GraphName:
        assert f'href="/graphs/{name.value}"' in response.text
        assert Locale(Language.DA)(name.heading) in response.text  # Danish by default
        assert name.heading in english
    assert "Iværksættermiljø" in response.text or "Borgere i udkanten" in response.text
    assert 'href="/graphs">Grafer</a>' in home  # Danish by default
    assert 'href="/graphs">Graphs</a>' in client.get("/?lang=en").text


@pytest.mark.parametrize(
    ("suffix", "media"),
    [
        ("json", "application/json"),
        ("graphml", "application/graphml+xml"),
        ("gexf", "application/gexf+xml"),
    ],
)
def test_downloads_are_the_same_graph(
    client: TestClient,
    tmp_path: Path,
    suffix: str,
    media: str,
    expected: dict[str, tuple[str, str, str]],
) -> None:
    response = client.get(f"/graphs/{NAME}.{suffix}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert response.headers["content-disposition"] == f'attachment; filename="{NAME}.{suffix}"'
    (tmp_path / f"g.{suffix}").write_bytes(response.content)
    assert _attrs(_read(suffix, tmp_path / f"g.{suffix}")) == expected


def test_csv_download(client: TestClient) -> None:
    response = client.get(f"/graphs/{NAME}.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(response.text)))) == 15


def test_filters_on_the_web(client: TestClient) -> None:
    empty = client.get(f"/graphs/{NAME}.json", params={"committee": DIGITAL}).json()
    assert empty["nodes"] == []
    full = client.get(f"/graphs/{NAME}.json", params={"committee": INNOVATION, "to": "2017-12-31"})
    assert len(full.json()["nodes"]) == 18


def test_page_links_every_node_and_offers_the_filters(
    client: TestClient, expected: dict[str, tuple[str, str, str]]
) -> None:
    html = client.get(f"/graphs/{NAME}", params={"committee": INNOVATION}).text
    for iri, label, _ in expected.values():
        path = iri.removeprefix("http://localhost:8000")
        assert f'<a href="{path}">{label}</a>' in html
    assert f'<option value="{INNOVATION}" selected>Opgaveudvalg om Innovation</option>' in html
    assert f'<option value="{DIGITAL}">' in html
    assert "/static/vendor/cytoscape/cytoscape.min.js" in html
    assert client.get("/static/vendor/cytoscape/cytoscape.min.js").status_code == 200
    assert client.get("/static/graphs.js").status_code == 200


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/graphs/who-knows-whom", 404),
        ("/graphs/who-knows-whom.json", 404),
        (f"/graphs/{NAME}.png", 404),
        (f"/graphs/{NAME}.json?from=2017-13-01", 400),
        (f"/graphs/{NAME}?committee=not%20an%20iri", 400),
        (f"/graphs/{NAME}?from=2018-01-01&to=2017-01-01", 400),
    ],
)
def test_bad_requests(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.json()["error"]


def test_every_graph_renders_on_the_seeds(client: TestClient) -> None:
    for name in GraphName:
        assert client.get(f"/graphs/{name.value}").status_code == 200
        data = client.get(f"/graphs/{name.value}.json").json()
        assert data["nodes"], name
        for node in data["nodes"]:
            assert {"iri", "label", "type"} <= set(node)


def _readme_commands() -> list[list[str]]:
    """The `kg graph` commands of the README's "Relation graphs" section."""
    text = (ROOT / "README.md").read_text("utf-8")
    section = text[text.index("### Relation graphs") :]
    block = section[section.index("```sh") + 5 : section.index("```", section.index("```sh") + 5)]
    lines = block.replace("\\\n", " ").splitlines()
    return [shlex.split(line, comments=True) for line in lines if line.startswith("kg graph")]


def test_the_readme_commands_run(seed_store: Path, tmp_path: Path) -> None:
    commands = _readme_commands()
    assert len(commands) == 3
    for words in commands:
        args = [str(seed_store) if w == "my-store" else w for w in words[1:]]
        output = args.index("-o") + 1
        args[output] = str(tmp_path / args[output])
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (words, result.output)
        assert Path(args[output]).stat().st_size > 0
