"""The same plan read from .docx scores as it does from text (issue 10: recall from DOCX within 0.03).
The .docx files are written here with python-docx: one paragraph per line, tab or pipe rows as tables."""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import docx
import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("extract_eval", ROOT / "bench" / "extract_eval.py")
extract_eval = importlib.util.module_from_spec(spec)
spec.loader.exec_module(extract_eval)

CASES = {name: (files, gold) for name, files, gold in extract_eval.dev_cases(["右卫镇", "朔城区"])}
needs_shared = pytest.mark.skipif(len(CASES) < 2, reason="needs ../shared/corpus/dev and ../shared/eval/gold")


def _cells(line: str) -> list[str] | None:
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    if line.strip().startswith("|"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        return None if all(re.fullmatch(r":?-{2,}:?", c) for c in cells) else cells
    return None


def to_docx(text: str, out: Path) -> Path:
    """Lines → paragraphs (Markdown marks dropped); runs of table rows → one Word table each."""
    document = docx.Document()
    rows: list[list[str]] = []

    def flush():
        if rows:
            table = document.add_table(rows=len(rows), cols=max(map(len, rows)))
            for r, cells in enumerate(rows):
                for c, cell in enumerate(cells):
                    table.cell(r, c).text = cell
            rows.clear()

    for line in text.splitlines():
        cells = _cells(line)
        if cells is not None:
            rows.append(cells)
            continue
        if line.strip().startswith("|"):
            continue  # a Markdown separator row
        flush()
        if line.strip() and not re.fullmatch(r"-{3,}", line.strip()):
            document.add_paragraph(re.sub(r"^#+\s*", "", line).replace("**", ""))
    flush()
    document.save(str(out))
    return out


def _score(files: list[Path], gold_path: Path) -> dict:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    store = extract_eval.build_graph(files)
    try:
        return extract_eval.score(gold, *extract_eval.load_view(store, store.graphs()))
    finally:
        store.close()


@needs_shared
@pytest.mark.parametrize("name", ["右卫镇", "朔城区"])
def test_docx_recall_within_003_of_text(name, tmp_path):
    files, gold_path = CASES[name]
    text = files[0].read_text(encoding="utf-8")
    as_docx = to_docx(text, tmp_path / (files[0].stem + ".docx"))
    plain, from_docx = _score(files, gold_path), _score([as_docx], gold_path)
    for key in ("entity_recall", "relation_recall", "indicator_recall"):
        assert from_docx[key] >= plain[key] - 0.03, (key, plain[key], from_docx[key])
    assert from_docx["indicator_recall"] >= 0.95  # the Word tables came through: most indicators are in tables
