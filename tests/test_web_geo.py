"""Boundaries: the packaged layer, GeoSPARQL WKT at ingest, GeoJSON for maps (graph/geo.py)."""
from __future__ import annotations

import pytest
from plankg.graph import geo
from plankg.graph.ingest import bundled_examples, ingest_paths
from plankg.graph.store import PlanStore
from rdflib import URIRef

SHUOZHOU = ("140600", "140602", "140603", "140621", "140622", "140623", "140681")
PREFIXES = "PREFIX geo: <http://www.opengis.net/ont/geosparql#> PREFIX pk: <https://w3id.org/plankg/def#>\n"


@pytest.fixture(scope="module")
def seed_store():
    store = PlanStore(None)
    ingest_paths(store, bundled_examples())
    yield store
    store.close()


def test_layer_covers_every_county_level_unit_of_the_gazetteer():
    from plankg.extract.gazetteer import gazetteer

    # x7x codes are statistical zones (开发区), not GB/T 2260 units: they have no official boundary
    counties = [d.code for d in gazetteer().by_code.values() if d.level == "county" and d.code[4] != "7"]
    have = geo.layer()["divisions"]
    covered = [c for c in counties if c in have]
    # the official list (2023) and the boundary data differ by a handful of recent code changes only
    assert len(counties) > 2800
    assert len(covered) / len(counties) > 0.99, sorted(set(counties) - set(have))[:20]
    levels = {r["level"] for r in have.values()}
    assert levels == {"country", "province", "city", "county"}


def test_division_code_accepts_codes_and_iris_only():
    assert geo.division_code(geo.DIVISION_BASE + "140623") == "140623"
    assert geo.division_code(" 140623101 ") == "140623101"
    for bad in ("", "14062", "https://w3id.org/plankg/id/town/abc", "140623; DROP", "1406231010"):
        assert geo.division_code(bad) is None


def test_geometry_triples_are_geosparql_wkt():
    triples = geo.geometry_triples(["410102", "410102", "410102001"])  # a county twice, a township (no boundary)
    assert len(triples) == 3
    (s, p, g), (_, _, cls), (_, p2, lit) = triples
    assert s == URIRef(geo.DIVISION_BASE + "410102") and str(p).endswith("#hasGeometry")
    assert str(cls).endswith("#Geometry") and str(p2).endswith("#asWKT")
    assert str(lit.datatype).endswith("#wktLiteral")
    assert str(lit).startswith(("POLYGON", "MULTIPOLYGON"))


def test_with_geometry_adds_boundaries_only_for_mentioned_divisions():
    a = URIRef("https://w3id.org/plankg/id/town/x")
    triples = [(a, URIRef("https://w3id.org/plankg/def#locatedIn"), URIRef(geo.DIVISION_BASE + "530102"))]
    out = geo.with_geometry(triples)
    assert out[:1] == triples
    assert {str(t[0]) for t in out[1:]} == {geo.DIVISION_BASE + "530102", geo.DIVISION_BASE + "530102/geometry"}
    assert geo.with_geometry([(a, a, a)]) == [(a, a, a)]


def test_feature_collection_counts_townships_and_missing():
    fc = geo.feature_collection([geo.DIVISION_BASE + "320102", "320102", "320102002", "999999", "nonsense"],
                                counts={geo.DIVISION_BASE + "320102": 3}, names={"320102002": "某街道"})
    assert fc["type"] == "FeatureCollection"
    assert [f["id"] for f in fc["features"]] == ["320102", "320102002"]
    county, township = fc["features"]
    assert county["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert county["properties"]["count"] == 3 and county["properties"]["located"] == "boundary"
    assert county["properties"]["level"] == "county" and county["properties"]["name"]
    assert township["geometry"]["type"] == "Point" and township["properties"]["located"] == "county"
    assert township["properties"]["name"] == "某街道" and township["properties"]["count"] == 0
    assert fc["missing"] == ["999999", "nonsense"]
    lon, lat = township["geometry"]["coordinates"]
    assert 73 < lon < 135 and 18 < lat < 54  # inside China's bounding box


def test_seed_divisions_of_shuozhou_have_wkt(seed_store):
    values = " ".join(f"<{geo.DIVISION_BASE}{c}>" for c in SHUOZHOU)
    rows = seed_store.select(PREFIXES + f"""SELECT ?d ?wkt WHERE {{ VALUES ?d {{ {values} }}
        ?d geo:hasGeometry ?g . ?g a geo:Geometry ; geo:asWKT ?wkt }}""")
    have = {r["d"].rsplit("/", 1)[-1] for r in rows}
    assert have == set(SHUOZHOU)
    assert all(str(r["wkt"]).startswith(("POLYGON", "MULTIPOLYGON")) for r in rows)


def test_places_map_counts_the_nodes_in_each_division(seed_store):
    rows = seed_store.select(PREFIXES + """SELECT ?p ?d WHERE { ?p a pk:Project ; pk:locatedIn ?d
        FILTER(STRSTARTS(STR(?d), "https://w3id.org/plankg/id/division/")) }""")
    projects = sorted({r["p"] for r in rows})
    expected: dict[str, int] = {}
    for d in {r["d"] for r in rows}:
        expected[d] = len({r["p"] for r in rows if r["d"] == d})
    assert len(expected) >= 3  # the seed's projects lie in several county-level units
    fc = geo.places_map(seed_store, projects + ["not an iri> } ; <x"])
    got = {f["properties"]["iri"]: f["properties"]["count"] for f in fc["features"]}
    assert got == expected
    assert all(f["properties"]["name"] and f["properties"]["name"] != f["id"] for f in fc["features"])
    # a division given itself counts as being in itself
    county = next(iter(expected))
    assert geo.places_map(seed_store, [county])["features"][0]["properties"]["count"] == 1
    assert geo.places_map(seed_store, [])["features"] == []
