"""The one term converter: rdflib ↔ pyoxigraph ↔ plain Python values.

Every backend in ``plankg.graph`` converts terms here, so a literal keeps the same lexical form,
language and datatype whichever way it travels.
"""
from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from plankg import errors

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
# Serialisations named on the CLI and in ``Store.dump`` / ``Store.load``.
EXPORT_FORMATS = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS, "ttl": ox.RdfFormat.TURTLE,
                  "nt": ox.RdfFormat.N_TRIPLES}


def rdf_format(fmt: str) -> ox.RdfFormat:
    if fmt not in EXPORT_FORMATS:
        raise errors.BadOption(f"unknown RDF format {fmt!r}", hint="use trig, nq, ttl or nt")
    return EXPORT_FORMATS[fmt]

# An IRI that may be written as <…> in SPARQL and named in a URL: none of the characters the IRIREF rule
# excludes, no control character (C0, space, DEL), and every % starts a two-digit hex escape. Checked with
# fullmatch: a `$` anchor would let a trailing newline through.
_IRI_CHAR = r"(?:[^\s<>\"{}|^`\\\x00-\x20\x7f%]|%[0-9A-Fa-f]{2})"
SAFE_HTTP_IRI = re.compile(rf"https?://{_IRI_CHAR}{{1,1900}}")
SAFE_IRI = re.compile(rf"[A-Za-z][A-Za-z0-9+.-]*:{_IRI_CHAR}*")


def is_safe_http_iri(text: object) -> bool:
    """An absolute http(s) IRI of at most 1,900 characters after the scheme, safe to bind in a query."""
    return isinstance(text, str) and SAFE_HTTP_IRI.fullmatch(text) is not None


def is_safe_iri(text: object) -> bool:
    """An absolute IRI of any scheme, safe to bind in a query."""
    return isinstance(text, str) and SAFE_IRI.fullmatch(text) is not None


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_INT_TYPES = ("#integer", "#int", "#long", "#short", "#nonNegativeInteger", "#positiveInteger", "#gYear")
_FLOAT_TYPES = ("#decimal", "#double", "#float")


def to_ox(term: Node | OxTerm) -> OxTerm:
    """An rdflib term (or an already converted one) as a pyoxigraph term."""
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_ox_triple(triple: tuple) -> tuple[OxTerm, OxTerm, OxTerm]:
    s, p, o = triple
    return to_ox(s), to_ox(p), to_ox(o)


def to_rdflib(term: OxTerm) -> Node:
    """A pyoxigraph term as an rdflib term; a literal keeps its lexical form (no normalisation)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # RDF 1.1 simple literal: rdflib spells it without a datatype
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    raise TypeError(f"not an RDF term: {term!r}")


def to_python(term: OxTerm | None) -> object:
    """A result cell as a Python value: numbers and booleans typed, everything else its string value."""
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt.endswith(_INT_TYPES):
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if dt.endswith(_FLOAT_TYPES):
            try:
                return float(term.value)
            except ValueError:
                return term.value
        if dt.endswith("#boolean"):
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def solutions_to_dicts(res) -> list[dict[str, object]]:
    """pyoxigraph ``QuerySolutions`` → ``[{variable: python value}]`` (unbound variables left out)."""
    names = [v.value for v in res.variables]
    return [{n: to_python(t) for n, t in zip(names, row) if t is not None} for row in res]
