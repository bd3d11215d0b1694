"""graph/terms.py: the one term converter keeps lexical forms, language tags and datatypes both ways."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from plankg.graph import terms


@pytest.mark.parametrize("term", [
    URIRef("https://w3id.org/plankg/id/division/140623"),
    Literal("右玉县", lang="zh"),
    Literal("0.50", datatype=XSD.decimal, normalize=False),  # the lexical form survives
    Literal("2035", datatype=XSD.gYear),
    Literal("plain"),
    BNode("b0"),
])
def test_round_trip_rdflib_pyoxigraph_rdflib(term):
    back = terms.to_rdflib(terms.to_ox(term))
    assert back == term and str(back) == str(term)
    if isinstance(term, Literal):
        assert back.language == term.language
        assert (back.datatype or XSD.string) == (term.datatype or XSD.string)


def test_python_values_are_typed():
    lit = lambda v, dt: ox.Literal(v, datatype=ox.NamedNode(str(dt)))  # noqa: E731
    assert terms.to_python(lit("12", XSD.integer)) == 12
    assert terms.to_python(lit("12.5", XSD.decimal)) == 12.5
    assert terms.to_python(lit("true", XSD.boolean)) is True
    assert terms.to_python(lit("2035", XSD.gYear)) == 2035
    assert terms.to_python(lit("x1", XSD.integer)) == "x1"  # an ill-typed value stays text
    assert terms.to_python(ox.NamedNode("urn:a")) == "urn:a"
    assert terms.to_python(ox.Literal("耕地", language="zh")) == "耕地"


def test_already_converted_terms_pass_through_and_others_are_refused():
    n = ox.NamedNode("urn:a")
    assert terms.to_ox(n) is n
    with pytest.raises(TypeError):
        terms.to_ox(42)
