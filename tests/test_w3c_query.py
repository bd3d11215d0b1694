"""W3C SPARQL 1.1 query-evaluation suites through the HTTP endpoint of a live `plankg` server.

Each test's data files are uploaded once (Graph Store protocol, with the token) as named graphs
named by the file's W3C IRI; every query is then sent over HTTP with ``default-graph-uri`` /
``named-graph-uri`` naming exactly that test's dataset, and the parsed response is compared with the
expected result: solutions as multisets (numeric literals by value, blank nodes by position only),
graphs by isomorphism, ASK by value. The pass rate must be at least 95 %; known failures are listed.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

import httpx
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD
from rdflib.query import Result

ROOT = Path(__file__).resolve().parents[2] / "shared" / "w3c" / "sparql11"
W3C = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/"
SUITES = ["aggregates", "bind", "bindings", "cast", "construct", "exists", "functions", "grouping", "negation",
          "project-expression", "property-path", "subquery", "json-res", "csv-tsv-res"]
EXPECTED_TESTS = 235
MIN_PASS_RATE = 0.95
TOKEN = "w3c-query-token"
EMPTY = "urn:plankg:test:empty-default"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
EVAL_TYPES = {MF.QueryEvaluationTest, MF.CSVResultFormatTest}
UPLOAD = {".ttl": "text/turtle", ".nt": "application/n-triples", ".rdf": "application/rdf+xml"}
NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long, XSD.short, XSD.byte,
           XSD.nonNegativeInteger, XSD.positiveInteger, XSD.negativeInteger, XSD.nonPositiveInteger,
           XSD.unsignedInt, XSD.unsignedLong, XSD.unsignedShort, XSD.unsignedByte}

# Known failures of pyoxigraph 0.5.13 behind this endpoint, with the reason; they are expected to
# fail (strict xfail), and they count against the 95 % bar.
# Each was reproduced with direct pyoxigraph calls (no HTTP), so they are engine behaviours.
_GROUP_CONCAT = "pyoxigraph keeps the common language tag on GROUP_CONCAT (\"1 2\"@en), the test expects a simple literal"
_GRAPH_SUBQ = "pyoxigraph does not join GRAPH ?g with a ?g-free sub-SELECT/VALUES inside it: ?g stays unbound"
_ZERO_PATH = "pyoxigraph gives no zero-length path match for a constant that is not in the graph (empty dataset)"
KNOWN_FAILURES: dict[str, str] = {
    "aggregates/agg-groupconcat-04": _GROUP_CONCAT,
    "aggregates/agg-groupconcat-06": _GROUP_CONCAT,
    "aggregates/agg-empty-group-count-graph": _GRAPH_SUBQ,
    "bindings/graph": _GRAPH_SUBQ,
    "negation/graph-minus": "pyoxigraph removes solutions by a MINUS with no shared variable inside GRAPH ?g",
    "property-path/zero_or_more_set_start": _ZERO_PATH,
    "property-path/zero_or_more_set_end": _ZERO_PATH,
    "property-path/zero_or_one_set_start": _ZERO_PATH,
    "property-path/zero_or_one_set_end": _ZERO_PATH,
    "csv-tsv-res/csv03": "pyoxigraph stores xsd:double in binary and prints 1.0E6 back as 1000000 (CSV keeps lexical forms)",
}


def _collect() -> list[dict]:
    tests = []
    for suite in SUITES:
        mpath = ROOT / suite / "manifest.ttl"
        if not mpath.exists():
            continue
        base = f"{W3C}{suite}/"
        g = Graph().parse(mpath, format="turtle", publicID=base + "manifest.ttl")
        manifest = next(g.subjects(RDF.type, MF.Manifest))
        for entry in Collection(g, g.value(manifest, MF.entries)):
            if g.value(entry, RDF.type) not in EVAL_TYPES:
                continue
            action = g.value(entry, MF.action)

            def local(iri) -> Path:
                return ROOT / suite / str(iri)[len(base):]

            tests.append({"id": f"{suite}/{str(entry).rsplit('#', 1)[1]}", "suite": suite, "base": base,
                          "query": local(g.value(action, QT.query)),
                          "data": sorted(str(d) for d in g.objects(action, QT.data)),
                          "graphs": sorted(str(d) for d in g.objects(action, QT.graphData)),
                          "result": local(g.value(entry, MF.result)),
                          "files": {str(d): local(d) for d in [*g.objects(action, QT.data),
                                                              *g.objects(action, QT.graphData)]}})
    return tests


TESTS = _collect()
pytestmark = pytest.mark.slow


def test_suites_collected():
    assert len(TESTS) == EXPECTED_TESTS, f"collected {len(TESTS)} evaluation tests"


@pytest.fixture(scope="module")
def server(live_server_factory, tmp_path_factory):
    if not TESTS:
        pytest.skip("W3C suites not found")
    srv = live_server_factory(tmp_path_factory.mktemp("w3cquery"), update_token=TOKEN, query_timeout=20,
                              max_rows=100000)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    files = {iri: path for t in TESTS for iri, path in t["files"].items()}
    with httpx.Client(base_url=srv.url, timeout=60) as c:
        for iri, path in files.items():
            r = c.put("/store", params={"graph": iri}, content=path.read_bytes(),
                      headers={**auth, "content-type": UPLOAD[path.suffix]})
            assert r.status_code in (201, 204), (iri, r.text)
        r = c.post("/sparql", content=f"CREATE SILENT GRAPH <{EMPTY}>",
                   headers={**auth, "content-type": "application/sparql-update"})
        assert r.status_code == 204
    return srv


def _key(term):
    if term is None:
        return None
    if isinstance(term, BNode):
        return "_:"
    if isinstance(term, Literal) and term.datatype in NUMERIC:
        try:
            return ("num", Decimal(str(term)))
        except InvalidOperation:
            return ("lit", str(term), str(term.datatype))
    if isinstance(term, Literal):  # language tags are case-insensitive (BCP 47)
        return ("lit", str(term), term.language.lower() if term.language else None,
                str(term.datatype) if term.datatype else None)
    return ("iri", str(term))


def _solutions(res: Result) -> Counter:
    names = [str(v) for v in res.vars]
    return Counter(tuple(sorted((n, _key(row[i])) for i, n in enumerate(names) if row[i] is not None))
                   for row in res)


RS = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")


def _rs_solutions(g: Graph) -> tuple[str, object]:
    """Expected results written in the DAWG result-set vocabulary (Turtle)."""
    rs = next(g.subjects(RDF.type, RS.ResultSet))
    boolean = g.value(rs, RS.boolean)
    if boolean is not None:
        return "ASK", boolean.toPython()
    rows = Counter()
    for sol in g.objects(rs, RS.solution):
        rows[tuple(sorted((str(g.value(b, RS.variable)), _key(g.value(b, RS.value)))
                          for b in g.objects(sol, RS.binding)))] += 1
    return "SELECT", rows


def _csv_rows(text: str) -> Counter:
    import csv

    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    return Counter(tuple(sorted((h, "_:" if v.startswith("_:") else v) for h, v in zip(header, r) if v))
                   for r in body)


def check_case(url: str, test: dict) -> None:
    """Send one W3C test's query and compare the answer with the expected result (AssertionError if not)."""
    query = f"BASE <{test['base']}{test['query'].name}>\n" + test["query"].read_text(encoding="utf-8")
    suffix = test["result"].suffix
    accept = {".srx": "application/sparql-results+xml", ".srj": "application/sparql-results+json",
              ".csv": "text/csv", ".tsv": "text/tab-separated-values"}.get(
        suffix, "application/n-triples, application/sparql-results+json;q=0.9")
    params = [("default-graph-uri", d) for d in test["data"]] or [("default-graph-uri", EMPTY)]
    params += [("named-graph-uri", g) for g in test["graphs"]]
    if re.search(r"^\s*FROM\s", query, re.MULTILINE | re.IGNORECASE):
        params = []  # the query names its own dataset
    with httpx.Client(base_url=url, timeout=60) as c:
        r = c.post("/sparql", params=params, content=query.encode(),
                   headers={"content-type": "application/sparql-query", "accept": accept})
    assert r.status_code == 200, r.text[:500]
    expected_bytes = test["result"].read_bytes()
    if suffix in (".ttl", ".rdf"):
        want = Graph().parse(data=expected_bytes, format="turtle" if suffix == ".ttl" else "xml",
                             publicID=test["base"] + test["result"].name)
        if (None, RDF.type, RS.ResultSet) in want:
            kind, expected = _rs_solutions(want)
            got = Result.parse(io.BytesIO(r.content), format="json")
            assert got.type == kind
            assert (got.askAnswer if kind == "ASK" else _solutions(got)) == expected
        else:
            assert isomorphic(Graph().parse(data=r.content, format="nt"), want)
    elif suffix == ".csv":
        assert r.headers["content-type"].startswith("text/csv")
        assert _csv_rows(r.text) == _csv_rows(expected_bytes.decode())
    else:
        fmt = {".srx": "xml", ".srj": "json", ".tsv": "tsv"}[suffix]
        got = Result.parse(io.BytesIO(r.content), format=fmt)
        want = Result.parse(io.BytesIO(expected_bytes), format=fmt)
        assert got.type == want.type
        if want.type == "ASK":
            assert got.askAnswer == want.askAnswer
        else:
            assert _solutions(got) == _solutions(want)


@pytest.fixture(scope="module")
def outcome(server):
    """Each case runs once per module, whichever test asks first: (passed, failure message)."""
    done: dict[str, tuple[bool, str]] = {}

    def get(test: dict) -> tuple[bool, str]:
        if test["id"] not in done:
            try:
                check_case(server.url, test)
                done[test["id"]] = (True, "")
            except Exception as exc:  # a wrong answer, or an answer that cannot be parsed
                done[test["id"]] = (False, f"{type(exc).__name__}: {str(exc)[:2000]}")
        return done[test["id"]]
    return get


@pytest.mark.parametrize("test", TESTS, ids=[t["id"] for t in TESTS])
def test_query(outcome, test, request):
    if test["id"] in KNOWN_FAILURES:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_FAILURES[test["id"]], strict=True))
    ok, message = outcome(test)
    assert ok, message


def test_pass_rate(outcome):
    """The suites pass at ≥ 95 %, with exactly the known failures (runs every case it needs itself)."""
    results = {t["id"]: outcome(t)[0] for t in TESTS}
    assert len(results) == EXPECTED_TESTS
    passed = sum(results.values())
    failed = sorted(k for k, ok in results.items() if not ok)
    assert set(failed) == set(KNOWN_FAILURES), f"unlisted failures: {set(failed) - set(KNOWN_FAILURES)}"
    assert passed / len(TESTS) >= MIN_PASS_RATE, f"{passed}/{len(TESTS)} passed; failing: {failed}"
