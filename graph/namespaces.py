"""Namespaces and the fixed IRIs of plankg (see docs/data-model.md)."""
from __future__ import annotations

import re

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/plankg/"
PK = Namespace(BASE + "def#")
VOCAB = Namespace(BASE + "vocab/")
ID = Namespace(BASE + "id/")
GRAPH_BASE = BASE + "graph/"
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"
CATALOG_GRAPH = GRAPH_BASE + "catalog"  # which version of each plan is current, and what it revises

ELI = Namespace("http://data.europa.eu/eli/ontology#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
QB = Namespace("http://purl.org/linked-data/cube#")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES = {
    "pk": str(PK), "pkv": str(VOCAB), "pkid": str(ID), "eli": str(ELI), "geo": str(GEO),
    "prov": str(PROV), "skos": str(SKOS), "rdfs": str(RDFS), "rdf": str(RDF), "owl": str(OWL),
    "xsd": str(XSD), "dct": str(DCTERMS), "qb": str(QB),
}


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)


def with_prefixes(query: str) -> str:
    """The query with plankg's prefixes declared in front, except those it declares itself."""
    own = {m.group(1) or "" for m in _DECLARED.finditer(query)}
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items() if k not in own) + query


__all__ = ["PK", "VOCAB", "ID", "ELI", "GEO", "QB", "SH", "PROV", "SKOS", "RDFS", "RDF", "OWL", "XSD",
           "DCTERMS", "GRAPH_BASE", "ONTOLOGY_GRAPH", "CATALOG_GRAPH", "PREFIXES", "sparql_prefixes",
           "with_prefixes"]
