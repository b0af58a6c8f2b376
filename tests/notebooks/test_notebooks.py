"""The notebooks in notebooks/, run top to bottom from a clean kernel on this venv's own Python
(as a reader runs them, in notebooks/ as the working folder), show what their prose says."""

from __future__ import annotations

import html
import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbformat import NotebookNode
from pypdf import PdfReader

from ..api.conftest import LiveServer, start_server, stop_server

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
NAMES = ["contested-claims", "report", "who-claimed-what"]
KERNEL = "claimgraph-test-venv"
CELL_TIMEOUT = 120
OWN_VARIABLES = ("CLAIMGRAPH_ENDPOINT", "CLAIMGRAPH_REPORT_DIR", "CLAIMGRAPH_STORE",
                 "CLAIMGRAPH_TOKEN", "CLAIMGRAPH_TOKEN_FILE")
"""Settings of the user's shell that must not leak into a notebook under test."""
CONTESTED = ["hrw-cluster-munitions", "moscow-fending-off-terror",
             "residents-weapons-paralyse-life", "russia-syria-deny", "snhr-deliberate-targeting"]
SNHR = ["snhr-civilians-killed", "snhr-deliberate-targeting", "snhr-injured"]


# ------------------------------------------------------------------------------ helpers

def execute(name: str, kernels: Path, **environment: str) -> NotebookNode:
    """Run notebook NAME in a fresh kernel; nbclient raises on the first cell that fails."""
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    manager = AsyncKernelManager(kernel_name=KERNEL, kernel_spec_manager=KernelSpecManager(
        kernel_dirs=[str(kernels)]))
    env = {k: v for k, v in os.environ.items() if k not in OWN_VARIABLES} | environment
    client = NotebookClient(notebook, km=manager, timeout=CELL_TIMEOUT,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute(env=env, cleanup_kc=True)  # stop the kernel even though we made its manager
    return notebook


def shown(notebook: NotebookNode, cell_id: str, mime: str | None = None) -> str:
    """What one cell showed: its printed text and its results (only ``mime`` if given)."""
    cell = next(c for c in notebook.cells if c.get("id") == cell_id)
    parts: list[str] = []
    for output in cell.outputs:
        if output.output_type == "stream" and mime is None:
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            parts += [text for kind, text in output.data.items() if mime in (None, kind)]
    return "\n".join(parts)


def stderr_of(notebook: NotebookNode) -> list[str]:
    """Everything any cell wrote to stderr (warnings included)."""
    return [output.text for cell in notebook.cells if cell.cell_type == "code"
            for output in cell.outputs
            if output.output_type == "stream" and output.name == "stderr"]


def words(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Report:
    notebook: NotebookNode
    folder: Path


# ----------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def kernels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A kernelspec for ipykernel on this venv's Python, whatever Jupyter the machine has."""
    folder = tmp_path_factory.mktemp("kernels")
    (folder / KERNEL).mkdir()
    (folder / KERNEL / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "claimgraph (test venv)", "language": "python"}), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def who_claimed_what(kernels: Path) -> NotebookNode:
    """Run as a reader runs it: the notebook starts and stops its own server."""
    return execute("who-claimed-what", kernels)


@pytest.fixture(scope="module")
def contested_claims(kernels: Path) -> NotebookNode:
    return execute("contested-claims", kernels)


@pytest.fixture(scope="module")
def report(kernels: Path, tmp_path_factory: pytest.TempPathFactory) -> Report:
    folder = tmp_path_factory.mktemp("report")
    return Report(execute("report", kernels, CLAIMGRAPH_REPORT_DIR=str(folder)), folder)


@pytest.fixture
def running_server(tmp_path: Path) -> Iterator[LiveServer]:
    server = start_server(tmp_path / "store", token=None)
    yield server
    stop_server(server)


# -------------------------------------------------------------------- committed files

def test_committed_notebooks_are_these_and_carry_no_outputs() -> None:
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == NAMES
    for name in NAMES:
        notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
        nbformat.validate(notebook)
        assert notebook.metadata.kernelspec.name == "python3", name
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        assert code, name
        for cell in code:
            assert cell.outputs == [], f"{name}: cell {cell.id} was committed with outputs"
            assert cell.execution_count is None, f"{name}: cell {cell.id} has a count"
        assert notebook.cells[0].cell_type == "markdown"
        assert notebook.cells[0].source.startswith("# "), name


# ------------------------------------------------------------------- who-claimed-what

def test_who_claimed_what_lists_every_claim_by_source_with_its_status(
        who_claimed_what: NotebookNode) -> None:
    notebook = who_claimed_what
    assert stderr_of(notebook) == []
    assert ("statuses: 5 contested, 1 corroborated, 3 not comparable, 11 single source"
            in shown(notebook, "load"))
    table = shown(notebook, "by-source", "text/html")
    assert table.count("<tr>") == 25  # 20 claims, five of them with two claimants
    assert table.count("<td>contested</td>") == 6  # the denial has two claimants
    assert "Another 2,117 people have been injured." in table
    assert "Last month" in table and "2019-06-01 to 2019-06-30" in table
    snhr = shown(notebook, "snhr", "text/html")
    assert snhr.count("<tr>") == 3
    for claim in SNHR:
        assert f"<td>{claim}</td>" in snhr
    assert "the 544 civilians killed in the hundreds of attacks" in snhr
    assert re.search(r"<td>snhr-deliberate-targeting</td>\s*<td>contested</td>", snhr)
    assert re.search(r"<td>snhr-injured</td>\s*<td>single source</td>", snhr)


def test_who_claimed_what_follows_one_quote_to_its_span(who_claimed_what: NotebookNode) -> None:
    chain = shown(who_claimed_what, "chain", "text/plain")
    for link in ("snhr-deliberate-targeting", "contested", "Fadel Abdul Ghany", "chairman",
                 "told Reuters", "Reuters", "At least 544 civilians killed in Russian-led",
                 "849", "976"):
        assert link in chain, link
    anchor = shown(who_claimed_what, "anchor")
    assert "the span 849-976 is the quote: True" in anchor
    assert "Fadel Abdul Ghany, chairman of SNHR, told Reuters." in anchor


def test_who_claimed_what_asks_its_own_endpoint_with_sparqlwrapper(
        who_claimed_what: NotebookNode) -> None:
    assert re.fullmatch(r"asking http://127\.0\.0\.1:\d+/sparql\n",
                        shown(who_claimed_what, "start-server"))
    remote = shown(who_claimed_what, "sparqlwrapper", "text/html")
    assert remote.count("<tr>") == 3
    assert "<td>Fadel Abdul Ghany</td>" in remote
    assert "Another 2,117 people have been injured." in remote
    assert "the endpoint and the store give the same rows: True" in shown(who_claimed_what,
                                                                         "compare")
    assert shown(who_claimed_what, "cleanup") == "server stopped\n"


def test_who_claimed_what_asks_a_running_server_named_in_the_environment(
        kernels: Path, running_server: LiveServer) -> None:
    notebook = execute("who-claimed-what", kernels, CLAIMGRAPH_ENDPOINT=running_server.sparql)
    assert stderr_of(notebook) == []
    assert shown(notebook, "start-server") == f"asking {running_server.sparql}\n"
    assert "same rows: True" in shown(notebook, "compare")
    assert shown(notebook, "cleanup") == ""  # it started no server, so it stopped none
    assert running_server.process.poll() is None


# ------------------------------------------------------------------- contested-claims

def test_contested_claims_lists_the_five_and_why(contested_claims: NotebookNode) -> None:
    notebook = contested_claims
    assert stderr_of(notebook) == []
    listing = shown(notebook, "contested-set", "text/html")
    assert listing.count("<tr>") == 5
    assert listing.count("<td>contested</td>") == 5
    for claim in CONTESTED:
        assert f"<td>{claim}</td>" in listing
    assert "<td>Russian government, Syrian army</td>" in listing
    reasons = shown(notebook, "reasons")
    assert [line.split(" [")[0] for line in reasons.splitlines()
            if not line.startswith(" ")] == CONTESTED
    assert ("  contested, rule contested-by-denial: denied by an independent source: Russia "
            "and the Syrian army deny their jets hit civilian areas") in reasons
    assert "    other claim: russia-syria-deny [contested]" in reasons
    assert ("  corroborated, rule corroborated-by-support: supported by an independent "
            "source: UOSSM's vice president") in reasons
    assert "    other claim: uossm-war-crime [corroborated]" in reasons


def test_contested_claims_draws_the_interactive_view_inline(
        contested_claims: NotebookNode) -> None:
    fragment = shown(contested_claims, "view", "text/html")
    assert fragment.startswith('<div class="claimgraph-embed"')
    srcdoc = html.unescape(re.search(r'srcdoc="([^"]*)"', fragment)[1])
    assert 'sandbox="allow-scripts' in fragment
    assert "Russia and the Syrian army deny their jets hit civilian areas" in srcdoc
    assert "vis-network" in srcdoc and 'class="cg-search"' in srcdoc
    assert not re.search(r"""\b(src|href)=["']?https?:""", srcdoc)  # nothing from outside
    drawn = shown(contested_claims, "view-claims")
    assert re.match(r"Contested claims: \d+ nodes, \d+ edges\n", drawn)
    assert drawn.count("<td>contested</td>") == 5
    assert all(f"<td>{claim}</td>" in drawn for claim in CONTESTED)


def test_contested_claims_narrows_with_a_construct_query(
        contested_claims: NotebookNode) -> None:
    assert shown(contested_claims, "construct").startswith("10 triples\n")
    assert '<div class="claimgraph-embed"' in shown(contested_claims, "construct", "text/html")
    narrowed = shown(contested_claims, "construct-claims")
    nodes = [int(re.search(r": (\d+) nodes", shown(contested_claims, cell))[1])
             for cell in ("view-claims", "construct-claims")]
    assert narrowed.startswith("CONSTRUCT query: ") and nodes[1] < nodes[0]
    assert narrowed.count("<td>contested</td>") == 5
    assert all(f"<td>{claim}</td>" in narrowed for claim in CONTESTED)


# ----------------------------------------------------------------------------- report

def test_report_writes_html_with_the_snippets_and_the_table(report: Report) -> None:
    assert stderr_of(report.notebook) == []
    page = (report.folder / "report.html").read_text(encoding="utf-8")
    assert f"wrote {report.folder / 'report.html'}" in shown(report.notebook, "html")
    assert "<h1>At least 544 civilians killed in Russian-led offensive on Idlib" in page
    assert "20 claims: 11 single source, 5 contested, 3 not comparable, 1 corroborated." in page
    svg = page[page.index("<svg"):page.index("</svg>", page.index("<svg"))]
    assert "<title>Contested claims</title>" in svg and "CONTESTED" in svg
    assert '<div class="claimgraph-embed"' in page and "srcdoc=" in page
    table = page[page.index('<table class="claims">'):page.index("</table>")]
    assert table.count("<tr class=") == 20
    assert table.count('<td class="status">contested</td>') == 5
    assert "“Another 2,117 people have been injured.”" in table
    assert ("“The Russian military and its Syrian ally are deliberately targeting civilians "
            "with a record number of medical facilities bombed”") in table
    assert "<td>Syrian Network for Human Rights: Fadel Abdul Ghany, chairman</td>" in table
    assert not re.search(r"""\b(src|href)=["']?https?:""", page)
    for claim in CONTESTED:
        assert f"({claim})" in page


def test_report_prints_to_pdf_with_the_claims_and_without_the_interactive_view(
        report: Report) -> None:
    pdf = PdfReader(report.folder / "report.pdf")
    text = words(" ".join(page.extract_text() for page in pdf.pages))
    assert "At least 544 civilians killed in Russian-led offensive on Idlib" in text
    assert "Another 2,117 people have been injured." in text
    assert "deliberately targeting civilians with a record number of medical facilities" in text
    assert "denied by an independent source: Russia and the Syrian army deny" in text
    assert text.count("contested") >= 10  # the list, the table and the picture
    assert "The HTML version of this report has an interactive view" in text
    assert "Interactive: drag, zoom" not in text
    assert f"wrote {report.folder / 'report.pdf'}" in shown(report.notebook, "pdf")
