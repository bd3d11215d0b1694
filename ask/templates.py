"""Safe SPARQL building: the ONE place where values enter a query.

Only IRIs (checked against an IRI pattern), integers and escaped literals go into a query; user
text never does. Templates in ``ask.intents`` build their queries from these helpers.
"""
from __future__ import annotations

import re

from plankg.graph.namespaces import sparql_prefixes
from plankg.graph.terms import is_safe_iri

PK = "https://w3id.org/plankg/def#"
ELI = "http://data.europa.eu/eli/ontology#"
NO_GRAPH = "urn:plankg:none"  # a VALUES row that matches nothing (an empty VALUES would match everything)

_VAR_OK = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
PREFIXES = sparql_prefixes()


def is_iri(text: str) -> bool:
    return is_safe_iri(text)


def sparql_iri(iri: str) -> str:
    if not is_safe_iri(iri):
        raise ValueError(f"not an IRI: {iri!r}")
    return f"<{iri}>"


def sparql_literal(text: str) -> str:
    """A SPARQL string literal for any text (quotes, backslashes, newlines escaped)."""
    esc = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
           .replace("\t", "\\t"))
    return f'"{esc}"'


def values(var: str, items, kind: str = "iri") -> str:
    """``VALUES ?var { … }`` of IRIs (default), integers (kind="int") or string literals (kind="str")."""
    if not _VAR_OK.fullmatch(var):
        raise ValueError(var)
    if kind == "iri":
        body = " ".join(sparql_iri(i) for i in sorted(items))
    elif kind == "int":
        body = " ".join(str(int(i)) for i in sorted(items))
    else:
        body = " ".join(sparql_literal(str(i)) for i in sorted(items))
    return f"VALUES ?{var} {{ {body} }}"


def iri_list(items) -> str:
    """``<a>, <b>`` for an ``IN (…)`` filter."""
    return ", ".join(sparql_iri(i) for i in sorted(items))


def with_prefixes(body: str) -> str:
    return PREFIXES + body.strip() + "\n"


def curie(iri: str) -> str:
    for pre, ns in (("pk:", PK), ("eli:", ELI)):
        if iri.startswith(ns):
            return pre + iri[len(ns):]
    return iri


def division_code(iri: str) -> str | None:
    """The significant digits of a division IRI's code (140623000 → 140623), or None."""
    m = re.search(r"/division/(\d+)$", iri)
    if not m:
        return None
    c = m.group(1)
    while len(c) > 2 and c.endswith("00"):
        c = c[:-2]
    return c


def most_specific(places: list[str]) -> list[str]:
    """Drop divisions that contain another named division (a county when one of its towns is named)."""
    codes = {p: division_code(p) for p in places}
    return [p for p in places
            if codes[p] is None or not any(q != p and codes[q] and codes[q].startswith(codes[p]) for q in places)]
