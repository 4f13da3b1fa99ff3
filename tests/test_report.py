"""The one-command report: files, working links, evidence counts, byte-identical reruns."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import matplotlib
import pandas as pd
import pytest

from framing.cli import main
from framing.corpus import load_corpus
from framing.report import build_report, report_style

REPO = Path(__file__).resolve().parent.parent
FIGURES = REPO / "figures"

TEXTS = {
    "a": "China seeks win-win cooperation with developing countries. Peace and stability "
    "matter. We will build a community with a shared future for mankind.",
    "b": "The Global South calls for dialogue and mutual trust. Win-win cooperation grows. "
    "The Belt and Road Initiative brings development.",
    "c": "Tensions rose over trade. Rivalry and conflict continued between the two powers.",
    "d": "Officials met for talks on trade. The dispute and the tension eased after talks.",
}
SOURCES = {"a": "state", "b": "state", "c": "foreign", "d": "foreign"}


def _write_toy(folder: Path) -> Path:
    folder.mkdir()
    for doc, text in TEXTS.items():
        (folder / f"{doc}.txt").write_text(text + "\n", encoding="utf-8")
    meta = pd.DataFrame({"file": [f"{d}.txt" for d in TEXTS], "source": list(SOURCES.values())})
    meta.to_csv(folder / "metadata.csv", index=False)
    return folder


@pytest.fixture()
def toy_folder(tmp_path) -> Path:
    return _write_toy(tmp_path / "toy")


@pytest.fixture(scope="module")
def toy_report(tmp_path_factory):
    """The toy corpus's report, built once: (folder, output folder, files, progress lines)."""
    base = tmp_path_factory.mktemp("toy_report")
    folder = _write_toy(base / "toy")
    lines = []
    out = base / "report"
    files = build_report(load_corpus(folder), out, by="source", n_boot=20, progress=lines.append)
    return folder, out, files, lines


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if key in attrs:
                self.links.append(attrs[key])


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _check_links(out: Path) -> int:
    """Every relative link of every page points to an existing file (and anchor)."""
    pages = {p.name: _parse(p) for p in out.glob("*.html")}
    n = 0
    for name, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{name}: external link {link}"
            target = unquote(parts.path) or name
            assert (out / target).is_file(), f"{name}: {link} points to a missing file"
            if parts.fragment:
                assert target in pages, f"{name}: anchor into a non-page {link}"
                assert parts.fragment in pages[target].ids, f"{name}: missing anchor {link}"
            n += 1
    return n


def _sections(page: str) -> dict[str, int]:
    """Evidence rows (highlighted matches) under each <h3 id=...> heading."""
    out = {}
    parts = re.split(r"<h[23] id='([^']+)'", page)
    for anchor, body in zip(parts[1::2], parts[2::2], strict=True):
        out[anchor] = body.count("<mark>")
    return out


# --------------------------------------------------------------------------- the toy report


def test_toy_report_files_links_and_evidence(toy_report):
    _, out, files, lines = toy_report
    assert lines[0].startswith("[1/8]") and lines[-1].startswith("[8/8]")
    # everything listed exists; each figure has a PNG and an SVG
    assert files.columns.tolist() == ["file", "kind", "title"]
    assert all((out / f).is_file() for f in files["file"])
    assert sorted(p.name for p in out.iterdir()) == sorted(files["file"])
    figs = set(files.loc[files["kind"] == "figure", "file"])
    stems = {f.rsplit(".", 1)[0] for f in figs}
    assert {f"{s}.png" for s in stems} | {f"{s}.svg" for s in stems} == figs
    assert {
        "frame_profile",
        "frame_intervals",
        "frame_cooccurrence",
        "keyness",
        "frequency_comparison",
        "slogan_matrix",
        "slogan_xray",
        "source_similarity",
    } == stems
    # every link and image of every page resolves, anchors included
    assert _check_links(out) > 50
    # index.html shows every figure (as SVG) and links each to its table
    index = (out / "index.html").read_text(encoding="utf-8")
    for stem in stems:
        assert f'src="{stem}.svg"' in index
    # the key terms compare the largest group (state: more tokens) with the other one
    key = pd.read_csv(out / "keyness.csv")
    assert set(key["target"]) == {"state"}
    terms = pd.read_csv(out / "term_rates.csv")
    assert set(terms["group"]) == {"state", "foreign"}


def test_each_count_links_to_as_many_evidence_rows(toy_report):
    out = toy_report[1]
    index = (out / "index.html").read_text(encoding="utf-8")
    for page, prefix in (("evidence_frames.html", "frame-"), ("evidence_slogans.html", "slogan-")):
        rows = _sections((out / page).read_text(encoding="utf-8"))
        links = re.findall(rf'<a href="{page}#({prefix}[^"]+--[^"]+)">([\d,]+)</a>', index)
        assert links, page
        for anchor, count in links:
            assert rows[anchor] == int(count.replace(",", "")), (page, anchor)
    # and the evidence CSV holds exactly the hits counted in frame_rates.csv
    rates = pd.read_csv(out / "frame_rates.csv")
    evidence = pd.read_csv(out / "frame_evidence.csv")
    per_cell = evidence.groupby(["group", "category"]).size()
    for row in rates.itertuples():
        assert per_cell.get((row.group, row.category), 0) == row.hits


def test_max_evidence_caps_rows_not_counts(toy_folder, tmp_path):
    out = tmp_path / "report"
    build_report(load_corpus(toy_folder), out, by="source", n_boot=0, max_evidence=1)
    rows = _sections((out / "evidence_frames.html").read_text(encoding="utf-8"))
    assert max(v for k, v in rows.items() if "--" in k) == 1
    shown = sum(v for k, v in rows.items() if "--" in k)
    assert shown < len(pd.read_csv(out / "frame_evidence.csv"))  # the CSV keeps every hit


def test_report_without_groups_and_one_document(tmp_path):
    docs = pd.DataFrame({"doc_id": ["only"], "text": ["Win-win cooperation. Peace and talks."]})
    files = build_report(docs, tmp_path / "one", n_boot=10)
    # one group: no key terms, no similarity figure, but the rest is written
    assert "keyness.png" not in set(files["file"])
    assert "source_similarity.png" not in set(files["file"])
    assert "frame_profile.svg" in set(files["file"])
    _check_links(tmp_path / "one")


def test_report_errors(toy_folder, tmp_path):
    corpus = load_corpus(toy_folder)
    with pytest.raises(ValueError, match=r"target: 'blogs' is not a group of 'source'"):
        build_report(corpus, tmp_path / "x", by="source", target="blogs")
    with pytest.raises(ValueError, match=r"by: no metadata column 'outlet'"):
        build_report(corpus, tmp_path / "x", by="outlet")
    with pytest.raises(ValueError, match="measure must be one of"):
        build_report(corpus, tmp_path / "x", measure="tfidf")
    with pytest.raises(TypeError, match="corpus must be a Corpus, a path or a DataFrame"):
        build_report(["text"], tmp_path / "x")


def test_report_leaves_no_global_state(toy_folder, tmp_path):
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"font.size": 13.0}):  # a user's own setting...
        before = dict(matplotlib.rcParams)
        build_report(load_corpus(toy_folder), tmp_path / "r", by="source", n_boot=0)
        assert dict(matplotlib.rcParams) == before  # ...is neither lost nor leaked
        with report_style():
            assert matplotlib.rcParams["font.size"] == 9.0
    assert plt.get_fignums() == []


def test_reruns_are_byte_identical_whatever_the_user_style(toy_report, tmp_path):
    folder, first, _, _ = toy_report
    with matplotlib.rc_context({"font.size": 20, "svg.hashsalt": None, "figure.dpi": 55}):
        build_report(load_corpus(folder), tmp_path / "two", by="source", n_boot=20)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir())
    for name in names:
        assert (first / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_outputs_carry_no_dates_versions_or_paths(toy_report):
    folder, out, _, _ = toy_report
    for path in out.iterdir():
        data = path.read_bytes()
        assert b"Matplotlib v" not in data and b"matplotlib.org" not in data, path.name
        assert b"<dc:date>" not in data, path.name
        assert str(folder.parent).encode() not in data, path.name
    assert b"\r\n" not in (out / "frame_rates.csv").read_bytes()


# --------------------------------------------------------------------------- command line


def test_cli_report(toy_folder, tmp_path, capsys):
    out = tmp_path / "cli"
    assert main(["report", str(toy_folder), "--out", str(out), "--by", "source"]) == 0
    err = capsys.readouterr().err
    assert "framing report: [1/8]" in err and "framing report: [8/8]" in err
    assert (out / "index.html").is_file()
    assert main(["report", str(toy_folder), "--out", str(out), "--target", "nope"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("framing report: error: target: 'nope' is not a group")


# --------------------------------------------------------------------------- committed figures


def test_committed_figures_are_reproduced_byte_for_byte(seeds_dir, tmp_path):
    """The Makefile's main job (framing report seeds --by source_type --out figures)."""
    assert FIGURES.is_dir(), "figures/ is missing: run `make figures` and commit it"
    out = tmp_path / "figures"
    assert main(["report", str(seeds_dir), "--by", "source_type", "--out", str(out)]) == 0
    committed = sorted(p.name for p in FIGURES.iterdir())
    regenerated = sorted(p.name for p in out.iterdir())
    assert regenerated == committed, "files differ: rerun `make figures` and commit figures/"
    changed = [n for n in committed if (FIGURES / n).read_bytes() != (out / n).read_bytes()]
    assert changed == [], (
        f"{changed} differ from figures/ (regenerated here with matplotlib "
        f"{matplotlib.__version__}; the figures are byte-identical only with the versions "
        "in constraints.txt, which `make` installs): if the results changed on purpose, "
        "rerun `make figures`, look at the figures and commit them"
    )


def _pins() -> dict[str, str]:
    from packaging.utils import canonicalize_name

    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep and version, f"constraints.txt: {line!r} is not an exact pin name==version"
            pins[canonicalize_name(name)] = version
    return pins


def test_constraints_pin_every_dependency_inside_the_pyproject_ranges():
    """constraints.txt (exact versions, for byte-identical figures) agrees with pyproject."""
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    pins = _pins()
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = [*meta["dependencies"], *meta["optional-dependencies"]["test"]]
    for req in map(Requirement, reqs):
        name = canonicalize_name(req.name)
        assert name in pins, f"constraints.txt does not pin {req.name} (pyproject: {req})"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"constraints.txt pins {req.name}=={pins[name]}, outside pyproject's {req}"
        )
    assert "framing" not in pins  # the package itself is installed from the checkout


def test_constraints_match_this_environment_for_what_the_figures_depend_on():
    """The suite runs with the versions figures/ was made with (else the byte test is moot)."""
    from importlib.metadata import version

    pins = _pins()
    for name in ("matplotlib", "numpy", "pandas", "scipy", "scikit-learn", "nltk", "pillow"):
        assert version(name) == pins[name], (
            f"{name} {version(name)} is installed but constraints.txt pins {pins[name]}: "
            "install with `pip install -c constraints.txt -e '.[test]'` (make does)"
        )
