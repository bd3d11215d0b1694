"""Foundation (issue 2): reading, extraction, provenance, identity, store atomicity, CLI, bad input."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from plankg import errors
from plankg.cli import app
from plankg.extract import pipeline, reader
from plankg.graph.ingest import bundled_examples, ingest_file
from plankg.graph.namespaces import sparql_prefixes
from plankg.graph.store import PlanStore

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = next(p for p in bundled_examples() if "征求意见稿" in p.name)
ANNEX = next(p for p in bundled_examples() if "附表" in p.name)
# ../shared/corpus/dev holds several plans: pick the county plan by name
COUNTY = next(iter(sorted((SHARED / "corpus" / "dev").glob("右玉县*"))), None)
needs_county = pytest.mark.skipif(COUNTY is None, reason="needs ../shared/corpus/dev/右玉县* (the shared corpus)")
runner = CliRunner()


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    store = PlanStore(tmp_path_factory.mktemp("seed") / "store")
    for f in (SEED, ANNEX):
        ingest_file(store, f)
    yield store
    store.close()


def test_bare_layout_packages_are_not_importable(tmp_path):
    # the top-level folders install only as plankg.*; outside the checkout a bare `graph` import fails
    code = ("import importlib.util; names = ['graph', 'api', 'extract', 'shapes', 'ontology'];"
            "print([n for n in names if importlib.util.find_spec(n) is not None]);"
            "import plankg.graph.store, plankg.api, plankg.extract.reader, plankg.ontology")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_reader_sections_merge_repeated_headings():
    doc = reader.read(SEED)
    numbered = [s for s in doc.sections.values() if s.level == 2]
    assert len({s.key for s in numbered}) == len(numbered)
    # "1.1 规划背景" is printed three times (TOC and two page headers) but is one section
    assert sum(1 for p in doc.passages if p.text == "1.1 规划背景") >= 2
    assert doc.sections["1.1"].title == "规划背景"
    assert any(p.kind == "toc" for p in doc.passages)
    table = doc.tables[0]
    assert table.header[:3] == ("序号", "工程名称", "工程类别") and len(table.rows) == 8
    for p in doc.passages:  # offsets point at the passage text
        assert doc.text[p.start:p.end].strip().endswith(p.text[-3:])


def test_plan_metadata_of_seed_and_county():
    ex = pipeline.extract(reader.read(SEED))
    m = ex.meta
    assert (m.title, m.level, m.start, m.end, m.base_year, m.near_term_year, m.vision_year) == (
        "朔州市国土空间总体规划（2020-2035年）", "city", 2020, 2035, 2019, 2025, 2050)
    assert m.issuer == "朔州市规划和自然资源局" and m.status == "draft" and m.plan_id == "140600-master"


@needs_county
def test_plan_metadata_of_county():
    county = pipeline.extract(reader.read(COUNTY)).meta
    assert (county.level, county.start, county.base_year) == ("county", 2021, 2020)


def test_misprint_and_short_forms_link_to_gazetteer(seed_store):
    rows = seed_store.select(sparql_prefixes() + """SELECT ?code ?alt WHERE {
        ?d pk:divisionCode ?code ; skos:altLabel ?alt . FILTER(?alt IN ("薛圉圉乡", "山阴", "怀仁")) }""")
    found = {(r["code"], r["alt"]) for r in rows}
    assert ("140621206", "薛圉圉乡") in found
    assert ("140621", "山阴") in found and ("140681", "怀仁") in found


def test_table_rows_become_projects_with_location_segment_category(seed_store):
    rows = seed_store.select(sparql_prefixes() + """SELECT DISTINCT ?name ?code ?seg WHERE {
        ?p a pk:Project ; rdfs:label ?name ; pk:locatedIn ?d ; pk:segment ?s .
        ?d pk:divisionCode ?code . ?s skos:prefLabel ?seg FILTER(lang(?seg) = "zh") }""")
    assert len(rows) == 8
    shanyin = [r for r in rows if r["code"] == "140621"]
    assert len(shanyin) == 1 and shanyin[0]["seg"] == "下游"


def test_targets_have_value_unit_year_bound(seed_store):
    rows = seed_store.select(sparql_prefixes() + """SELECT ?v ?y WHERE {
        ?t a pk:Target ; pk:indicator/rdfs:label "燃气普及率" ; pk:value ?v ; pk:year ?y ; pk:bound pkv:bound\\/ge }""")
    assert {(float(r["v"]), r["y"]) for r in rows} >= {(96.0, 2025), (80.0, 2025), (98.0, 2035), (95.0, 2035)}


def test_every_entity_and_statement_has_provenance(seed_store):
    pre = sparql_prefixes()
    graphs = [g for g in seed_store.graphs() if not g.endswith("/ontology")]
    values = " ".join(f"<{g}>" for g in graphs)
    entities = seed_store.select(pre + f"""SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?g {{ {values} }}
        GRAPH ?g {{ ?e pk:source ?p ; rdfs:label ?l }} }}""")
    # classes come from the ontology graph; count entities lacking pk:source or a gazetteer source
    missing = seed_store.select(pre + f"""SELECT ?e WHERE {{ VALUES ?g {{ {values} }}
        GRAPH ?g {{ ?e rdfs:label ?l . ?e a ?c . FILTER(?c NOT IN (skos:Concept, pk:Plan, pk:Annex, pk:Section, pk:Chapter, pk:Indicator, pk:CitedDocument))
                   FILTER NOT EXISTS {{ ?e a pk:Section }} FILTER NOT EXISTS {{ ?e a pk:Plan }} FILTER NOT EXISTS {{ ?e a pk:CitedDocument }} }}
        FILTER NOT EXISTS {{ ?e pk:source ?p }} FILTER NOT EXISTS {{ ?e prov:wasDerivedFrom ?src }} }}""")
    assert entities[0]["n"] > 300
    assert missing == []
    statements = seed_store.select(pre + f"""SELECT (COUNT(?s) AS ?n) (COUNT(?src) AS ?withSource) WHERE {{
        VALUES ?g {{ {values} }} GRAPH ?g {{ ?s a rdf:Statement . OPTIONAL {{ ?s pk:source ?src }} }} }}""")
    assert statements[0]["n"] > 300 and statements[0]["n"] == statements[0]["withSource"]
    # every asserted entity-to-entity relation in the plan graph has a reified copy with its source
    unreified = seed_store.select(pre + f"""SELECT ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{
        ?s ?p ?o . FILTER(?p IN (pk:locatedIn, pk:partOf, pk:hasPart, pk:hasMember, pk:role, pk:segment, pk:category,
                                 pk:relatedTo, pk:adjacentTo, pk:cooperatesWith, pk:programme, eli:cites))
        FILTER NOT EXISTS {{ ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; pk:source ?src }} }} }}""")
    assert unreified == []
    values_without_source = seed_store.select(pre + """SELECT ?v WHERE { ?v a pk:IndicatorValue FILTER NOT EXISTS { ?v pk:source ?p } }""")
    assert values_without_source == []


def test_reingest_is_idempotent(tmp_path):
    store = PlanStore(tmp_path / "s")
    first = ingest_file(store, SEED)
    size = len(store)
    second = ingest_file(store, SEED)
    assert len(store) == size and first.triples == second.triples
    store.close()


@needs_county
def test_nodes_are_shared_across_plans(tmp_path):
    store = PlanStore(tmp_path / "s")
    ingest_file(store, SEED)
    ingest_file(store, COUNTY)
    shared = store.select(sparql_prefixes() + """SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {
        GRAPH ?g { <https://w3id.org/plankg/id/division/140623101> pk:source ?p } }""")
    assert shared[0]["n"] == 2  # 右卫镇 is one node, mentioned by the city and the county plan
    store.close()


def test_failed_ingest_leaves_previous_version(tmp_path):
    store = PlanStore(tmp_path / "s")
    report = ingest_file(store, SEED)
    before = store.graph_size(report.graph)

    store.ox = _FailingStore(store.ox)
    with pytest.raises(RuntimeError):
        ingest_file(store, _edited_copy(tmp_path))
    store.ox = store.ox.inner
    assert store.graph_size(report.graph) == before
    store.close()


def _edited_copy(tmp_path) -> Path:
    """The seed with one changed number: a new version of the same plan graph."""
    f = tmp_path / SEED.name
    f.write_text(SEED.read_text(encoding="utf-8").replace("10625.4", "10625.5"), encoding="utf-8")
    return f


class _FailingStore:
    """Wraps the real pyoxigraph store; the atomic MOVE fails, as a crash there would."""

    def __init__(self, inner):
        self.inner = inner

    def update(self, q, *a, **k):
        if q.startswith(("MOVE", "DELETE DATA")):
            raise RuntimeError("crash before the switch-over")
        return self.inner.update(q, *a, **k)

    def __getattr__(self, name):
        return getattr(self.inner, name)


BAD_INPUTS = [
    ("empty.txt", b"", "PKG-101"),
    ("blank.txt", b"   \n\n ", "PKG-101"),
    ("binary.txt", bytes(range(256)) * 4, "PKG-102"),
    ("plan.pptx", "朔州".encode(), "PKG-104"),  # (.xlsx is read: an observation table)
    ("undecodable.txt", b"\xff\xfe\xfa" * 50 + b"\x81", "PKG-103"),
]


@pytest.mark.parametrize("name,data,code", BAD_INPUTS)
def test_bad_input_exit_2_and_store_unchanged(tmp_path, name, data, code):
    store_dir = tmp_path / "store"
    ok = runner.invoke(app, ["ingest", str(SEED), "--store", str(store_dir)])
    assert ok.exit_code == 0, ok.output
    before = runner.invoke(app, ["stats", "--json", "--store", str(store_dir)]).stdout
    bad = tmp_path / name
    bad.write_bytes(data)
    result = runner.invoke(app, ["ingest", str(bad), "--store", str(store_dir)])
    assert result.exit_code == 2
    assert code in result.stderr
    assert runner.invoke(app, ["stats", "--json", "--store", str(store_dir)]).stdout == before


def test_bad_input_cases_collected(collected_cases):
    assert collected_cases("test_bad_input_exit_2_and_store_unchanged") == 5


def test_fifty_megabytes_refused(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        line = ("朔州市国土空间总体规划" * 20 + "\n").encode()
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    with pytest.raises(errors.DocumentTooLarge):
        reader.read(big)
    result = runner.invoke(app, ["ingest", str(big), "--store", str(tmp_path / "s")])
    assert result.exit_code == 2 and "PKG-105" in result.stderr


def test_gb18030_text_is_decoded(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    doc = reader.read(f)
    assert doc.passages[0].text == "朔州市国土空间总体规划"


def test_cli_plans_query_export(tmp_path):
    s = str(tmp_path / "s")
    assert runner.invoke(app, ["ingest", str(SEED), str(ANNEX), "--store", s]).exit_code == 0
    plans = json.loads(runner.invoke(app, ["plans", "--json", "--store", s]).stdout)
    assert {p["kind"] for p in plans} == {"version", "annex"}
    q = runner.invoke(app, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "json", "--store", s])
    assert q.exit_code == 0 and int(json.loads(q.stdout)["rows"][0]["n"]) > 10000
    bad = runner.invoke(app, ["query", "SELEC nonsense", "--store", s])
    assert bad.exit_code == 2 and "PKG-201" in bad.stderr
    remote = runner.invoke(app, ["query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                                 "--store", s])
    assert remote.exit_code == 2 and "PKG-202" in remote.stderr
    out = tmp_path / "dump.trig"
    assert runner.invoke(app, ["export", "--format", "trig", "-o", str(out), "--store", s]).exit_code == 0
    assert out.stat().st_size > 100_000


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=400))
def test_reader_and_extractor_never_raise_on_unicode(text):
    doc = reader.parse(text, "x.txt")
    ex = pipeline.extract(doc)
    assert ex.meta.title


def test_every_setting_is_documented_in_readme():
    from plankg.settings import Settings

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [f"PLANKG_{name.upper()}" for name in Settings.model_fields]
    assert len(names) >= 9
    assert [n for n in names if n not in readme] == []


def test_docx_paragraphs_and_tables_are_read(tmp_path):
    import docx

    d = docx.Document()
    for line in ("某某县国土空间总体规划（2021-2035年）", "某某县规划和自然资源局", "01 规划总则", "1.1 规划范围",
                 "规划范围为县域全部国土空间。", "项目安排表"):
        d.add_paragraph(line)
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate((("序号", "项目名称", "实施地点"), ("1", "甲河综合治理工程", "乙镇"), ("2", "丙路改造工程", "丁乡"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "plan.docx"
    d.save(path)
    doc = reader.read(path)
    assert doc.sections["1.1"].title == "规划范围"
    assert len(doc.tables) == 1 and doc.tables[0].header == ("序号", "项目名称", "实施地点")
    ex = pipeline.extract(doc)
    assert ex.meta.start == 2021 and ex.meta.end == 2035
    projects = {e.label for e in ex.entities.values() if e.ref.kind == "Project"}
    assert {"甲河综合治理工程", "丙路改造工程"} <= projects


def _minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer (Helvetica), written by hand for the test."""
    stream = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({s}) '" for s in lines) + " ET"
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_pdf_text_layer_is_read(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(_minimal_pdf(["Master Plan 2021-2035", "01 General", "1.1 Scope", "The plan covers the county."]))
    doc = reader.read(path)
    assert "1.1" in doc.sections and doc.sections["1.1"].title == "Scope"
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(errors.UnreadableDocument):
        reader.read(broken)
