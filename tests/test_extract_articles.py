"""Planning texts in article form that are not master plans — an implementation measure (第X章 / 第X节 /
第X条 with （一） items), a detailed-plan regulation in Markdown (with a pipe table) and a village-plan
guideline numbered like a standard (1 / 2.1 / 2.1.1) — read and ingest without error, as .txt, .md
and .docx, with sections that follow their numbering. The texts in tests/data/articles were written
for these tests."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from plankg.extract import reader
from plankg.graph.namespaces import sparql_prefixes
from plankg.graph.store import PlanStore

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "data" / "articles"
spec = importlib.util.spec_from_file_location("formats", ROOT / "tests" / "test_extract_formats.py")
formats = importlib.util.module_from_spec(spec)
spec.loader.exec_module(formats)  # its to_docx writer: lines → Word paragraphs, table rows → a Word table

# per text: section number → number of the section it is inside; articles that span paragraphs → paragraphs
EXPECTED = {
    "青石镇老街历史文化街区保护规划实施办法": {
        "parents": {"第一条": "第一章", "第三条": "第一章", "第一节": "第二章", "第四条": "第一节", "第六条": "第二节",
                    "第二节": "第二章", "第八条": "第三章", "第十条": "第三章"},
        "titles": {"第一章": "总则", "第三章": "实施与监督", "第三条": "保护原则", "第十条": "附则"},
        "paragraphs": {"第二条": 2, "第四条": 2, "第七条": 1},
        "items": {"第三条": 3},
    },
    "滨河片区详细规划管理规定": {
        "parents": {"第一条": "第一章", "第三条": "第一章", "第一节": "第二章", "第四条": "第一节", "第五条": "第一节",
                    "第六条": "第二节", "第八条": "第三章", "第九条": "第三章"},
        "titles": {"第二章": "地块控制", "第二节": "空间形态", "第六条": "滨水退让"},
        "paragraphs": {"第二条": 2, "第五条": 2, "第三条": 1},
        "rows": {"第四条": 3},
    },
    "山区村庄规划编制导则": {
        "parents": {"1": "", "2.1": "2", "2.2": "2", "3.1": "3", "3.2": "3", "4": ""},
        "titles": {"2": "基础调查", "3.1": "用地布局"},
        "items": {"1": 2, "2.1": 2, "3.1": 2, "4": 1},
    },
}
FILES = sorted(ARTICLES.iterdir())


def _expected(path: Path) -> dict:
    return EXPECTED[path.stem]


def _as_docx(path: Path, tmp_path: Path) -> Path:
    return formats.to_docx(path.read_text(encoding="utf-8"), tmp_path / (path.stem + ".docx"))


def check_structure(doc, expected: dict) -> None:
    by_number = {s.number: s for s in doc.sections.values() if s.key != "front"}
    for number, parent in expected["parents"].items():
        sec = by_number[number]
        assert (doc.sections[sec.parent].number if sec.parent != "front" else "") == parent, (number, sec.parent)
    for number, title in expected["titles"].items():
        assert by_number[number].title == title
    kinds = {"paragraphs": "paragraph", "items": "item", "rows": "table-row"}
    for key, kind in kinds.items():
        for number, n in expected.get(key, {}).items():
            got = [doc.passages[i] for i in by_number[number].passages if doc.passages[i].kind == kind]
            assert len(got) == n, (number, kind, [p.text for p in got])


def test_every_article_text_has_its_expectations():
    assert sorted(p.stem for p in FILES) == sorted(EXPECTED) and {p.suffix for p in FILES} == {".txt", ".md"}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_sections_follow_the_numbering_in_text_and_in_docx(path, tmp_path):
    check_structure(reader.read(path), _expected(path))
    check_structure(reader.read(_as_docx(path, tmp_path)), _expected(path))


def _sections_in_store(store: Path) -> dict[str, dict[str, tuple[str, str, int]]]:
    """file name → section number → (label, parent's number or "", paragraphs in it), from the graph."""
    out: dict[str, dict[str, tuple[str, str, int]]] = {}
    with PlanStore(store) as st:
        rows = st.select(sparql_prefixes() + """SELECT ?file ?num ?label ?pnum (COUNT(DISTINCT ?para) AS ?paras) WHERE {
            ?s a ?cls ; pk:sectionNumber ?num ; rdfs:label ?label ; pk:inDocument ?d ; eli:is_part_of ?parent .
            VALUES ?cls { pk:Chapter pk:Section } ?d pk:fileName ?file .
            OPTIONAL { ?parent pk:sectionNumber ?pnum }
            OPTIONAL { ?para eli:is_part_of ?s ; pk:passageKind "paragraph" } }
            GROUP BY ?file ?num ?label ?pnum""")
    for r in rows:
        out.setdefault(r["file"], {})[r["num"]] = (r["label"], r.get("pnum", ""), int(r["paras"]))
    return out


@pytest.mark.slow
def test_plankg_ingest_stores_article_texts_with_their_sections(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    for path in FILES:
        (folder / path.name).write_bytes(path.read_bytes())
    store = tmp_path / "store"
    run = subprocess.run([sys.executable, "-m", "plankg.cli", "ingest", str(folder), "--store", str(store), "--json"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    reports = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    assert sorted(r["file"] for r in reports) == sorted(p.name for p in FILES)
    stored = _sections_in_store(store)
    assert sorted(stored) == sorted(p.name for p in FILES)
    for path in FILES:
        sections, expected = stored[path.name], _expected(path)
        for number, parent in expected["parents"].items():
            assert sections[number][1] == parent, (path.stem, number, sections[number])
        for number, title in expected["titles"].items():
            assert sections[number][0] == f"{number} {title}"
        for number, n in expected.get("paragraphs", {}).items():
            assert sections[number][2] == n, (path.stem, number)


@pytest.mark.slow
def test_article_texts_saved_as_docx_ingest_with_the_same_sections(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    docxs = [_as_docx(path, folder) for path in FILES]
    store = tmp_path / "store"
    run = subprocess.run([sys.executable, "-m", "plankg.cli", "ingest", str(folder), "--store", str(store)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    stored = _sections_in_store(store)
    for path, docx_path in zip(FILES, docxs):
        sections = stored[docx_path.name]
        for number, parent in _expected(path)["parents"].items():
            assert sections[number][1] == parent, (path.stem, number, sections[number])
