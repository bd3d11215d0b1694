"""IRI minting (docs/data-model.md, "IRIs"). Deterministic: the same input gives the same IRI."""
from __future__ import annotations

import hashlib
import re

from rdflib import URIRef

from plankg.graph.namespaces import GRAPH_BASE, ID

KIND_SLUG = re.compile(r"(?<!^)(?=[A-Z])")


def short_hash(text: str, n: int = 16) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def plan(plan_id: str) -> URIRef:
    return ID[f"plan/{plan_id}"]


def annex(plan_id: str, version: str) -> URIRef:
    return ID[f"annex/{plan_id}/{version}"]


def expression(plan_id: str, version: str) -> URIRef:
    """One published text of a plan (an eli:LegalExpression), e.g. its 公示稿."""
    return ID[f"expression/{plan_id}/{version}"]


def graph(plan_id: str, version: str) -> URIRef:
    return URIRef(f"{GRAPH_BASE}{plan_id}/{version}")


def section(plan_id: str, version: str, key: str) -> URIRef:
    return ID[f"section/{plan_id}/{version}/{key}"]


def passage(plan_id: str, version: str, ordinal: int) -> URIRef:
    return ID[f"passage/{plan_id}/{version}/{ordinal}"]


def value(plan_id: str, version: str, index: int) -> URIRef:
    return ID[f"value/{plan_id}/{version}/{index}"]


def division(code: str) -> URIRef:
    return ID[f"division/{code}"]


def indicator(name: str) -> URIRef:
    return ID[f"indicator/{short_hash(name)}"]


def entity(kind: str, key: str) -> URIRef:
    return ID[f"{KIND_SLUG.sub('-', kind).lower()}/{short_hash(key)}"]


def statement(key: str) -> URIRef:
    return ID[f"statement/{short_hash(key, 24)}"]
