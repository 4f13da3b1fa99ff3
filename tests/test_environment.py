"""pyproject.toml is the source of truth; environment.yml must mirror its version ranges."""

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]

# PyPI name (normalised) -> conda-forge name(s); extras such as dask[distributed] expand.
CONDA_NAMES = {"dask": ["dask", "distributed"]}


def _pyproject_requirements() -> dict[str, str]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(meta["dependencies"])
    for extra in meta["optional-dependencies"].values():
        reqs += extra
    out: dict[str, str] = {}
    for r in map(Requirement, reqs):
        name = r.name.lower().replace("_", "-")
        for conda_name in CONDA_NAMES.get(name, [name]):
            spec = str(r.specifier)
            if conda_name in out and out[conda_name] != spec:
                raise AssertionError(f"{conda_name} has two ranges in pyproject: {spec}")
            out[conda_name] = spec
    return out


def _environment_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out = {}
    for dep in env["dependencies"]:
        if not isinstance(dep, str) or dep == "pip" or dep.startswith("python="):
            continue
        name, spec = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", dep).groups()
        out[name.lower()] = ",".join(sorted(s.strip() for s in spec.split(",") if s.strip()))
    return out


def _normalise(spec: str) -> str:
    return ",".join(sorted(s.strip() for s in spec.split(",") if s.strip()))


def test_every_pyproject_dependency_is_in_environment_yml_with_the_same_range():
    py = {k: _normalise(v) for k, v in _pyproject_requirements().items()}
    env = _environment_requirements()
    missing = sorted(set(py) - set(env))
    assert not missing, f"in pyproject.toml but not environment.yml: {missing}"
    differ = {k: (py[k], env[k]) for k in py if py[k] != env[k]}
    assert not differ, f"ranges differ (pyproject, environment.yml): {differ}"


def test_environment_yml_has_nothing_pyproject_lacks():
    extra = sorted(set(_environment_requirements()) - set(_pyproject_requirements()))
    assert not extra, f"in environment.yml but not pyproject.toml: {extra}"


def test_python_version_agrees():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = [d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python=")]
    assert pins == ["python=3.11"]
    assert meta["requires-python"] == ">=3.11"
