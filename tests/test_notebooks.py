"""The notebooks run top to bottom, headless, and are committed without outputs.

Each notebook is executed with nbclient in a fresh kernel whose working directory is
``notebooks/`` (as in JupyterLab), with the Agg backend. A failing cell fails the test.
The kernel is this interpreter (``sys.executable``), declared in a temporary kernelspec,
so the test never picks up another Python installed on the machine under the name
``python3``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CELL_TIMEOUT = 120  # seconds per cell
KERNEL_NAME = "framing-test-python"

RESEARCH = [
    "01_corpus_overview",
    "02_terms_and_keyness",
    "03_recurring_slogans",
    "04_framing_categories",
    "05_comparative_findings",
]
TEACHING = [
    "tutorial_text_analysis",
    "exercise_build_a_codebook",
    "exercise_build_a_codebook_solutions",
]


@pytest.fixture(scope="session")
def kernel_env(tmp_path_factory):
    """A kernelspec for the running interpreter, found first on JUPYTER_PATH."""
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "framing tests",
                "language": "python",
            }
        )
    )
    return root


def _code_cells(path: Path):
    nb = nbformat.read(path, as_version=4)
    return nb, [c for c in nb.cells if c.cell_type == "code"]


def test_notebooks_present():
    names = {p.stem for p in NOTEBOOKS}
    missing = [n for n in RESEARCH + TEACHING if n not in names]
    assert not missing, f"notebooks missing from notebooks/: {missing}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path):
    _, cells = _code_cells(path)
    dirty = [i for i, c in enumerate(cells) if c.outputs or c.execution_count is not None]
    assert not dirty, (
        f"{path.name}: code cells {dirty} have outputs or execution counts; clear them "
        "(JupyterLab: Edit > Clear Outputs of All Cells) before committing"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_has_intro_and_valid_format(path):
    nb, _ = _code_cells(path)
    nbformat.validate(nb)
    assert nb.cells and nb.cells[0].cell_type == "markdown", f"{path.name}: start with a title"
    if path.stem.startswith(("tutorial", "exercise")):
        intro = nb.cells[0].source.lower()
        assert "learning goals" in intro and "expected time" in intro, (
            f"{path.name}: a teaching notebook states its learning goals and expected time "
            "in its first cell"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path, kernel_env, monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", str(kernel_env))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("FRAMING_SEEDS", str(SEEDS))
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    # no network: HTTP(S) clients that honour proxies (urllib, requests, nltk.download)
    # fail at once instead of reaching out
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.setenv(var, "http://127.0.0.1:9")
    monkeypatch.setenv("no_proxy", "")
    monkeypatch.setenv("NO_PROXY", "")
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name=KERNEL_NAME,
        resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
        allow_errors=False,
    )
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
