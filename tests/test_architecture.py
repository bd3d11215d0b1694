"""The house rules of docs/architecture.md, checked on the installed layout.

The source folders (graph/, extract/, …) become plankg.graph, plankg.extract, … only through
setuptools' package-dir, so the checks run on a copy laid out as installed (built from
pyproject.toml here), never on the source tree's own folder names.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import networkx as nx
import pytest

REPO = Path(__file__).resolve().parents[1]
MAX_MODULE_LINES = 700


def package_dirs() -> dict[str, Path]:
    """Every installed package → its source folder (package-dir mapping, else under its parent's folder)."""
    cfg = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    mapped = cfg["package-dir"]
    out = {}
    for pkg in cfg["packages"]:
        parent = max((p for p in mapped if pkg == p or pkg.startswith(p + ".")), key=len)
        out[pkg] = REPO / mapped[parent] / pkg[len(parent):].lstrip(".").replace(".", "/")
    return out


def python_files() -> list[tuple[str, Path]]:
    """(dotted module name, source file) for every module of the installed package."""
    out = []
    for pkg, src in package_dirs().items():
        for f in sorted(src.glob("*.py")):
            out.append((pkg if f.stem == "__init__" else f"{pkg}.{f.stem}", f))
    return out


@pytest.fixture(scope="module")
def installed_copy(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    for module, src in python_files():
        parts = module.split(".") if src.stem != "__init__" else module.split(".") + ["__init__"]
        dst = site.joinpath(*parts[:-1], parts[-1] + ".py")
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, dst)
    return site


@pytest.fixture(scope="module")
def import_graph(installed_copy):
    sys.path.insert(0, str(installed_copy))
    saved = {k: v for k, v in sys.modules.items() if k == "plankg" or k.startswith("plankg.")}
    for k in saved:
        del sys.modules[k]
    try:
        yield grimp.build_graph("plankg", include_external_packages=True, cache_dir=None)
    finally:
        sys.path.remove(str(installed_copy))
        for k in [k for k in sys.modules if k == "plankg" or k.startswith("plankg.")]:
            del sys.modules[k]
        sys.modules.update(saved)


def test_the_copy_holds_every_module(installed_copy):
    modules = python_files()
    assert len(modules) >= 40  # the package is not a handful of files: a broken mapping would show here
    for module, _ in modules:
        path = installed_copy.joinpath(*module.split("."))
        assert path.with_suffix(".py").exists() or (path / "__init__.py").exists(), module


def test_no_import_cycle_between_modules(import_graph):
    internal = {m for m in import_graph.modules if m == "plankg" or m.startswith("plankg.")}
    edges = nx.DiGraph()
    edges.add_nodes_from(internal)
    for m in internal:
        for target in import_graph.find_modules_directly_imported_by(m):
            if target in internal:
                edges.add_edge(m, target)
    cycles = list(nx.simple_cycles(edges))
    assert not cycles, f"import cycles: {cycles[:5]}"


def test_import_linter_contracts_hold(installed_copy):
    """Layers (api/cli → ask → shapes → monitor/changes → graph → extract → ontology: the chat may read the
    audit's findings, the audit never the chat), no sibling cycles, pyoxigraph only in graph."""
    exe = Path(sys.executable).with_name("lint-imports")
    env = {"PYTHONPATH": str(installed_copy), "PATH": str(exe.parent)}
    res = subprocess.run([str(exe), "--no-cache", "--no-logo", str(REPO / ".importlinter")],
                         cwd=installed_copy, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-2000:]
    assert re.search(r"Contracts: 3 kept, 0 broken", res.stdout), res.stdout[-2000:]


def test_no_raw_store_handles_outside_graph():
    pattern = re.compile(r"\.ox\b|\.ox_query\b|hasattr\([^)]*[\"']ox")
    offenders = [f"{module}:{n}" for module, path in python_files() if not module.startswith("plankg.graph")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert offenders == []


def test_no_module_over_the_size_limit():
    sizes = {module: len(path.read_text(encoding="utf-8").splitlines()) for module, path in python_files()}
    assert max(sizes.values()) > 50  # the count reads real files
    assert {m: n for m, n in sizes.items() if n > MAX_MODULE_LINES} == {}


def test_one_chinese_numeral_table():
    """Exactly one module maps Chinese digits to numbers (the numeral parser's home)."""
    table = re.compile(r"[\"']七[\"']\s*:\s*7\b")
    homes = [module for module, path in python_files() if table.search(path.read_text(encoding="utf-8"))]
    assert homes in ([], ["plankg.extract.lexicon"])  # none when a library (cn2an) holds the table
