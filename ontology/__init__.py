"""The plankg ontology (plankg.ttl) and SKOS vocabularies (vocabularies.ttl) as one rdflib graph."""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDFS, SKOS

FILES = ("plankg.ttl", "vocabularies.ttl")
_PK = Namespace("https://w3id.org/plankg/def#")


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """Both Turtle files parsed once into one graph. Shared: do not modify (copy it first)."""
    graph = Graph()
    root = files("plankg.ontology")
    for name in FILES:
        graph.parse(data=root.joinpath(name).read_text(encoding="utf-8"), format="turtle")
    return graph


def concept_label(iri: str, lang: str = "zh") -> str | None:
    """skos:prefLabel (else rdfs:label) of a concept or term in `lang`, else in any language."""
    graph, node = ontology_graph(), URIRef(str(iri))
    labels = [o for p in (SKOS.prefLabel, RDFS.label) for o in graph.objects(node, p)
              if isinstance(o, Literal)]
    for wanted in (lang, None):
        for label in labels:
            if wanted is None or label.language == wanted:
                return str(label)
    return None


@lru_cache(maxsize=1)
def _unit_table() -> tuple[tuple[str, tuple[str, float, str]], ...]:
    graph = ontology_graph()
    rows: dict[str, tuple[str, float, str]] = {}
    for unit, factor in sorted(graph.subject_objects(_PK.conversionFactor)):
        canonical = graph.value(unit, _PK.canonicalUnit)
        entry = (str(unit), float(factor), str(canonical))
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(unit, prop):
                rows.setdefault(str(label), entry)
    return tuple(rows.items())


def unit_table() -> dict[str, tuple[str, float, str]]:
    """Every unit label and altLabel → (unit IRI, conversion factor, canonical unit IRI).

    >>> iri, factor, canonical = unit_table()["万亩"]
    >>> round(54.70 * factor, 1), canonical.rsplit("/", 1)[-1]
    (36466.7, 'hectare')
    """
    return dict(_unit_table())


__all__ = ["FILES", "ontology_graph", "concept_label", "unit_table"]
