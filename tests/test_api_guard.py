"""The parse-based guard and the USING rewriting, checked against rdflib's parser and pyoxigraph."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib.plugins.sparql as rsparql

from plankg import errors
from plankg.graph import guard


@pytest.mark.parametrize("q", [
    "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "select * { service silent ?ep { ?s ?p ?o } }",
    "SELECT * { ?s ?p ?o OPTIONAL { SERVICE <http://x/> { ?s ?q ?r } } }",
    "SELECT * { { SELECT * { SERVICE <http://x/> { ?s ?p ?o } } } }",
    "ASK { FILTER EXISTS { SERVICE <http://x/> { ?s ?p ?o } } }",
    "SELECT * { SERV\\u0049CE <http://x/> { ?s ?p ?o } }",  # \u escapes are never taken on trust
])
def test_service_refused_anywhere(q):
    with pytest.raises((errors.ForbiddenQuery, errors.BadQuery)):
        guard.check_query(q)


@pytest.mark.parametrize("u", ["LOAD <http://x/a.ttl>", "load silent <file:///etc/passwd> into graph <urn:g>",
                               "INSERT DATA { <urn:a> <urn:b> 1 } ; LOAD <http://x/>",
                               "INSERT { ?s ?p ?o } WHERE { SERVICE <http://x/> { ?s ?p ?o } }"])
def test_load_and_service_refused_in_updates(u):
    with pytest.raises(errors.ForbiddenQuery):
        guard.check_update(u)


def test_dataset_clauses_are_reported_with_prefixes_resolved():
    c = guard.check_query("PREFIX g: <urn:g:> SELECT * FROM g:a FROM NAMED <urn:g:b> { ?s ?p ?o }")
    assert c.default_graphs == ("urn:g:a",) and c.named_graphs == ("urn:g:b",)
    assert guard.check_query("SELECT ?from { ?from ?p ?o }") == guard.Checked("SELECT ?from { ?from ?p ?o }")
    with pytest.raises(errors.ForbiddenQuery):
        guard.check_graphs(["urn:g:a", "urn:g:z"], {"urn:g:a"}, "FROM")


def test_rdflib_hardening_is_installed():
    assert rsparql.SPARQL_LOAD_GRAPHS is False
    assert "plankg_no_service" in rsparql.CUSTOM_EVALS


def test_add_using_only_touches_top_level_where():
    u = ('PREFIX ex: <urn:x:> # WHERE in a comment\n'
         'INSERT { GRAPH <urn:g:out> { ?s ex:note "WHERE { }" } } WHERE { ?s a ex:T } ;\n'
         'DELETE WHERE { ?s ex:gone ?o } ;\n'
         "DELETE { ?s ex:p ?o } INSERT { ?s ex:q ?o } WHERE { ?s ex:p ?o FILTER NOT EXISTS { ?s ex:r 'WHERE' } }")
    out = guard.add_using(u, ["urn:g:in"], ["urn:g:named"])
    assert out.count("USING <urn:g:in> USING NAMED <urn:g:named>") == 2
    assert "DELETE WHERE" in out
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                      ox.NamedNode("urn:x:T"), ox.NamedNode("urn:g:in")))
    store.update(out)  # still valid SPARQL Update, and the USING dataset is used
    assert bool(store.query('ASK { GRAPH <urn:g:out> { <urn:a> <urn:x:note> "WHERE { }" } }'))
    assert guard.check_update(out).has_using
