"""SELECT results written by Oxigraph's own encoder: the row count read back from the bytes, the row cap
and the byte budget (then the result is encoded row by row), and XML that cannot carry a value."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest

from plankg.graph import results
from plankg.graph.results import NotXml, QueryTask, count_rows, run_query

EX = "http://example.org/"
# values whose bytes look like the structure the counters read: row separators, quotes, tags, line breaks
TRICKY = ['甲},{"乙', "行一\n行二\t列", 'say "hi", then', "<result>x</result>", "ends in backslash\\", "}},{",
          "{}", "a},{", "[{", "},{}", '"', "\r\n", "普通的名字", "x,y"]
FORMATS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
           "csv": "text/csv", "tsv": "text/tab-separated-values"}


@pytest.fixture(scope="module")
def store() -> ox.Store:
    st = ox.Store()
    p, q = ox.NamedNode(EX + "p"), ox.NamedNode(EX + "q")
    for i, v in enumerate(TRICKY):
        s = ox.NamedNode(f"{EX}s{i:02d}")
        st.add(ox.Quad(s, p, ox.Literal(v)))
        if i % 3 == 0:  # some rows leave ?extra unbound
            st.add(ox.Quad(s, q, ox.Literal(v, language="zh")))
    return st


def parsed_rows(body: bytes, fmt: str) -> int:
    """The row count as an independent parser reads it."""
    if fmt == "json":
        return len(json.loads(body)["results"]["bindings"])
    if fmt == "xml":
        ns = "{http://www.w3.org/2005/sparql-results#}"
        return len(ET.fromstring(body).findall(f"{ns}results/{ns}result"))
    if fmt == "csv":
        return len(list(csv.reader(io.StringIO(body.decode(), newline="")))) - 1
    return len(body.decode().split("\n")) - 2  # header line, one line per row, final newline


QUERIES = {
    "values that look like structure": "SELECT ?s ?v ?extra WHERE { ?s <http://example.org/p> ?v "
                                       "OPTIONAL { ?s <http://example.org/q> ?extra } } ORDER BY ?s",
    "rows with nothing bound": "SELECT ?none WHERE { ?s <http://example.org/p> ?v "
                               "OPTIONAL { ?s <http://example.org/absent> ?none } }",
    "no rows": "SELECT ?s WHERE { ?s <http://example.org/absent> ?o }",
    "one row, nothing bound": "SELECT ?x WHERE { OPTIONAL { ?a <http://example.org/absent> ?x } }",
    "one value per row": "SELECT ?v WHERE { ?s <http://example.org/p> ?v }",
    "no value looks like structure": "SELECT ?s ?extra WHERE { ?s <http://example.org/p> ?v OPTIONAL { "
                                     "?s <http://example.org/q> ?extra FILTER(STR(?extra) = \"普通的名字\") } }",
}
CASES = [(name, fmt) for name in QUERIES for fmt in FORMATS]


def test_cases_collected():
    assert len(CASES) == 24


@pytest.mark.parametrize("name,fmt", CASES)
def test_count_rows_agrees_with_a_parser(store, name, fmt):
    body = store.query(QUERIES[name]).serialize(format=results.OXIGRAPH_FORMATS[fmt])
    assert count_rows(body, fmt) == parsed_rows(body, fmt)
    if fmt == "json" and name == "no value looks like structure":  # the count read from the separators alone
        assert b"{}" not in body and not results._JSON_STRING_ENDS_LIKE_A_ROW.search(body)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_result_within_the_cap_is_oxigraphs_own_bytes(store, fmt):
    q = QUERIES["values that look like structure"]
    enc = run_query(store, QueryTask(q, FORMATS[fmt], max_rows=100))
    assert enc.rows == len(TRICKY) and not enc.truncated
    assert enc.body == store.query(q).serialize(format=results.OXIGRAPH_FORMATS[fmt])


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_result_over_the_cap_is_cut_at_the_cap_and_marked(store, fmt):
    q = QUERIES["values that look like structure"]
    enc = run_query(store, QueryTask(q, FORMATS[fmt], max_rows=5))
    assert enc.truncated and enc.rows == 5
    assert parsed_rows(enc.body, fmt) == 5


def test_a_result_exactly_at_the_cap_is_not_truncated(store):
    q = QUERIES["values that look like structure"]
    enc = run_query(store, QueryTask(q, FORMATS["json"], max_rows=len(TRICKY)))
    assert not enc.truncated and enc.rows == len(TRICKY)


def test_past_the_byte_budget_the_result_is_encoded_row_by_row(store, monkeypatch):
    sink = results._Sink(10)
    with pytest.raises(results._Overflow):
        sink.write(b"x" * 11)
    monkeypatch.setattr(results, "MIN_BYTES", 0)
    monkeypatch.setattr(results, "BYTES_PER_ROW", 2)  # 100 rows allowed, 200 bytes: the result is larger
    q = QUERIES["values that look like structure"]
    assert results.serialize_within_cap(store.query(q), "json", 100) is None
    enc = run_query(store, QueryTask(q, FORMATS["json"], max_rows=100))
    assert enc.rows == len(TRICKY) and not enc.truncated
    assert [b["v"]["value"] for b in json.loads(enc.body)["results"]["bindings"]] == TRICKY


def test_xml_refuses_a_value_it_cannot_carry():
    st = ox.Store()
    st.add(ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("bell\x07")))
    with pytest.raises(NotXml):
        run_query(st, QueryTask("SELECT ?o WHERE { ?s ?p ?o }", FORMATS["xml"]))
    assert run_query(st, QueryTask("SELECT ?o WHERE { ?s ?p ?o }", FORMATS["json"])).rows == 1
