"""The ontology and SKOS vocabularies: they parse, every term is labelled, units convert, code uses only declared terms."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from plankg.ontology import FILES, concept_label, ontology_graph, unit_table

ROOT = Path(__file__).parents[1]
PK = "https://w3id.org/plankg/def#"
VOCAB = "https://w3id.org/plankg/vocab/"
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
CODE_DIRS = ("graph", "extract", "shapes", "api", "plankg")

SCHEMES = {
    "level": {"province", "city", "county", "township"},
    "plan-type": {"master", "detailed", "special"},
    "process-step": {"proposal", "draft", "publicity", "submitted", "approved"},
    "town-role": {"main-centre", "sub-centre", "county-centre", "county-seat", "key-town", "general-town"},
    "transmission-mode": {"zoning", "indicator", "boundary", "list", "policy"},
    "nature": {"binding", "guidance"},
    "bound": {"ge", "le", "eq", "approx"},
    "segment": {"upstream", "midstream", "downstream"},
    "unit": {"mu-10k", "mu", "hectare", "km2", "km2-10k", "percent", "km", "m", "year", "count"},
}


@pytest.fixture(scope="module")
def g() -> Graph:
    return ontology_graph()


def pk_terms(graph: Graph) -> set[URIRef]:
    return {s for t in TERM_TYPES for s in graph.subjects(RDF.type, t)
            if isinstance(s, URIRef) and str(s).startswith(PK)}


def concepts(graph: Graph) -> set[URIRef]:
    return set(graph.subjects(RDF.type, SKOS.Concept))


def langs(graph: Graph, node: URIRef, prop: URIRef) -> list[str | None]:
    return [o.language for o in graph.objects(node, prop) if isinstance(o, Literal)]


# ---------------------------------------------------------------- parsing

@pytest.mark.parametrize("name", FILES)
def test_file_parses_on_its_own(name: str) -> None:
    graph = Graph().parse(ROOT / "ontology" / name, format="turtle")
    assert len(graph) > 100


def test_merged_graph_is_cached_and_complete(g: Graph) -> None:
    assert ontology_graph() is g
    separate = sum(len(Graph().parse(ROOT / "ontology" / n, format="turtle")) for n in FILES)
    assert len(g) == separate  # the files share no triples, so nothing is lost or doubled


def test_ontology_header(g: Graph) -> None:
    onto = URIRef("https://w3id.org/plankg/def")
    assert (onto, RDF.type, OWL.Ontology) in g
    assert {"zh", "en"} <= set(langs(g, onto, URIRef("http://purl.org/dc/terms/title")))
    assert g.value(onto, OWL.versionInfo) is not None


# ---------------------------------------------------------------- terms

def test_every_term_has_zh_and_en_label_and_definition(g: Graph) -> None:
    terms = pk_terms(g)
    assert len(terms) > 100
    problems = []
    for term in sorted(terms):
        labels = langs(g, term, RDFS.label)
        if sorted(labels) != ["en", "zh"]:
            problems.append(f"{term}: labels {labels}")
        if "en" not in langs(g, term, SKOS.definition):
            problems.append(f"{term}: no @en definition")
    assert not problems, "\n".join(problems)


def test_each_term_has_exactly_one_kind(g: Graph) -> None:
    for term in pk_terms(g):
        kinds = [t for t in TERM_TYPES if (term, RDF.type, t) in g]
        assert len(kinds) == 1, (term, kinds)


def test_every_pk_iri_in_the_graph_is_declared(g: Graph) -> None:
    """A typo such as rdfs:range pk:Pasage would otherwise go unnoticed."""
    declared = pk_terms(g)
    used = {n for triple in g for n in triple if isinstance(n, URIRef) and str(n).startswith(PK)}
    assert used - declared == set()


def test_terms_listed_in_data_model_doc_are_declared(g: Graph) -> None:
    doc = ROOT / "docs" / "data-model.md"
    if not doc.exists():
        pytest.skip("docs/data-model.md not present")
    text = doc.read_text(encoding="utf-8")
    section = text.split("## Terms", 1)[1].split("**SKOS schemes**", 1)[0]
    names = set(re.findall(r"`([A-Za-z][A-Za-z]*)`", section))
    assert len(names) > 100
    missing = sorted(n for n in names if URIRef(PK + n) not in pk_terms(g))
    assert not missing


@pytest.mark.parametrize("child, parent", [
    ("Plan", "http://data.europa.eu/eli/ontology#LegalResource"),
    ("Passage", "http://data.europa.eu/eli/ontology#LegalResourceSubdivision"),
    ("Section", "http://data.europa.eu/eli/ontology#LegalResourceSubdivision"),
    ("Place", "http://www.opengis.net/ont/geosparql#Feature"),
    ("IndicatorValue", "http://purl.org/linked-data/cube#Observation"),
    ("UrbanArea", PK + "Region"),
    ("NamedNetwork", PK + "SpatialStructure"),
    ("Allocation", PK + "Target"),
    ("Township", PK + "AdministrativeDivision"),
])
def test_subclass_axioms(g: Graph, child: str, parent: str) -> None:
    assert (URIRef(PK + child), RDFS.subClassOf, URIRef(parent)) in g


def test_places_and_entities_are_entities(g: Graph) -> None:
    entity = URIRef(PK + "Entity")
    for cls in ("Town", "Airport", "River", "Project", "Group", "Indicator", "Allocation", "Organization"):
        supers = set(g.transitive_objects(URIRef(PK + cls), RDFS.subClassOf))
        assert entity in supers, cls


@pytest.mark.parametrize("prop, parent", [
    ("source", "http://www.w3.org/ns/prov#wasDerivedFrom"),
    ("locatedIn", "http://www.opengis.net/ont/geosparql#sfWithin"),
    ("higherPlan", "http://data.europa.eu/eli/ontology#based_on"),
])
def test_subproperty_axioms(g: Graph, prop: str, parent: str) -> None:
    assert (URIRef(PK + prop), RDFS.subPropertyOf, URIRef(parent)) in g


@pytest.mark.parametrize("a, b", [("hasMember", "memberOf"), ("hasPart", "partOf")])
def test_inverse_properties(g: Graph, a: str, b: str) -> None:
    assert (URIRef(PK + a), OWL.inverseOf, URIRef(PK + b)) in g


# ---------------------------------------------------------------- SKOS

def test_every_concept_has_labels_scheme_and_notation(g: Graph) -> None:
    problems = []
    for c in sorted(concepts(g)):
        pref = langs(g, c, SKOS.prefLabel)
        if sorted(pref) != ["en", "zh"]:
            problems.append(f"{c}: prefLabels {pref}")
        schemes = list(g.objects(c, SKOS.inScheme))
        if len(schemes) != 1 or (schemes[0], RDF.type, SKOS.ConceptScheme) not in g:
            problems.append(f"{c}: scheme {schemes}")
        elif str(c) != f"{schemes[0]}/{g.value(c, SKOS.notation)}":
            problems.append(f"{c}: IRI is not scheme/notation")
        if g.value(c, SKOS.definition) is None:
            problems.append(f"{c}: no definition")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_scheme_has_documented_keys(g: Graph, scheme: str) -> None:
    iri = URIRef(VOCAB + scheme)
    assert (iri, RDF.type, SKOS.ConceptScheme) in g
    assert {"zh", "en"} <= set(langs(g, iri, SKOS.prefLabel))
    keys = {str(g.value(c, SKOS.notation)) for c in g.subjects(SKOS.inScheme, iri)}
    assert SCHEMES[scheme] <= keys


def test_transmission_modes_are_typed(g: Graph) -> None:
    modes = set(g.subjects(SKOS.inScheme, URIRef(VOCAB + "transmission-mode")))
    assert modes == set(g.subjects(RDF.type, URIRef(PK + "TransmissionMode")))
    assert concept_label(VOCAB + "transmission-mode/boundary") == "界限管控"
    assert concept_label(VOCAB + "transmission-mode/list", "en") == "list management"


@pytest.mark.parametrize("iri, lang, label", [
    ("level/city", "zh", "市级"),
    ("town-role/county-centre", "zh", "县（市）级中心"),
    ("town-role/key-town", "en", "key town"),
    ("nature/binding", "zh", "约束性"),
    ("bound/ge", "zh", "不低于"),
    ("process-step/draft", "zh", "征求意见稿"),
    ("process-step/proposal", "en", "draft plan (proposal)"),
    ("plan-type/master", "zh", "总体规划"),
    ("segment/upstream", "zh", "上游"),
])
def test_concept_label(iri: str, lang: str, label: str) -> None:
    assert concept_label(VOCAB + iri, lang) == label


def test_concept_label_of_terms_and_fallbacks() -> None:
    assert concept_label(PK + "Plan") == "国土空间规划"
    assert concept_label(PK + "Plan", "en") == "plan"
    assert concept_label(VOCAB + "unit/hectare", "fr") in {"公顷", "hectare"}
    assert concept_label(VOCAB + "no/such") is None


@pytest.mark.parametrize("iri, alt", [
    ("bound/ge", "不少于"), ("bound/ge", "≥"), ("nature/binding", "约束性指标"),
    ("town-role/county-centre", "县级中心"), ("town-role/key-town", "重点镇（或乡）"),
    ("town-role/key-town", "重点乡镇"), ("town-role/general-town", "一般乡镇"),
    ("town-role/general-town", "一般镇（或乡）"), ("unit/km2", "平方千米"), ("unit/km2", "km²"),
    ("unit/km", "公里"),
])
def test_alt_labels(g: Graph, iri: str, alt: str) -> None:
    assert alt in {str(o) for o in g.objects(URIRef(VOCAB + iri), SKOS.altLabel)}


def test_no_label_is_shared_by_two_concepts_of_one_scheme(g: Graph) -> None:
    for scheme in g.subjects(RDF.type, SKOS.ConceptScheme):
        owner: dict[str, URIRef] = {}
        for c in g.subjects(SKOS.inScheme, scheme):
            for p in (SKOS.prefLabel, SKOS.altLabel):
                for label in {str(o) for o in g.objects(c, p)}:
                    assert owner.setdefault(label, c) == c, (scheme, label)


# ---------------------------------------------------------------- units

def test_every_unit_has_factor_and_canonical_unit(g: Graph) -> None:
    units = set(g.subjects(SKOS.inScheme, URIRef(VOCAB + "unit")))
    assert len(units) >= len(SCHEMES["unit"])
    for u in units:
        factor = g.value(u, URIRef(PK + "conversionFactor"))
        canonical = g.value(u, URIRef(PK + "canonicalUnit"))
        assert isinstance(factor, Literal) and factor.datatype == XSD_DECIMAL, u
        assert canonical is not None and (canonical, SKOS.inScheme, URIRef(VOCAB + "unit")) in g, u
        # a canonical unit is canonical for itself, with factor 1
        assert g.value(canonical, URIRef(PK + "canonicalUnit")) == canonical
        assert float(g.value(canonical, URIRef(PK + "conversionFactor"))) == 1.0


def test_unit_table_covers_all_labels(g: Graph) -> None:
    table = unit_table()
    for u in g.subjects(SKOS.inScheme, URIRef(VOCAB + "unit")):
        for p in (SKOS.prefLabel, SKOS.altLabel):
            for label in g.objects(u, p):
                assert table[str(label)][0] == str(u), label
    for label in ("万亩", "亩", "公顷", "平方公里", "平方千米", "km²", "万平方公里", "%", "千米", "公里", "米",
                  "个", "处", "条", "座", "类", "张", "项", "家", "年"):
        assert label in table, label
    table["万亩"] = ("x", 0.0, "x")  # callers get a copy
    assert unit_table()["万亩"][0] == VOCAB + "unit/mu-10k"


@pytest.mark.parametrize("value, label, expected, canonical", [
    (54.70, "万亩", 36466.7, "hectare"),
    (1, "万亩", 666.6667, "hectare"),
    (15, "亩", 1.0, "hectare"),
    (512.4, "平方公里", 51240, "hectare"),
    (512.4, "km²", 51240, "hectare"),
    (15.67, "万平方公里", 15_670_000, "hectare"),
    (1234.5, "公顷", 1234.5, "hectare"),
    (2500, "米", 2.5, "km"),
    (86, "公里", 86, "km"),
    (35.5, "%", 35.5, "percent"),
    (15, "处", 15, "count"),
    (3, "座", 3, "count"),
])
def test_unit_conversion(value: float, label: str, expected: float, canonical: str) -> None:
    _, factor, canonical_iri = unit_table()[label]
    assert value * factor == pytest.approx(expected, abs=0.1)
    assert canonical_iri == VOCAB + "unit/" + canonical


def test_unit_round_trip() -> None:
    table = unit_table()
    for a, b in [("万亩", "亩"), ("万亩", "平方公里"), ("平方公里", "公顷"), ("万平方公里", "平方公里"), ("米", "千米")]:
        (_, fa, ca), (_, fb, cb) = table[a], table[b]
        assert ca == cb
        there = 54.70 * fa / fb
        assert there * fb / fa == pytest.approx(54.70, rel=1e-9)
    assert 54.70 * table["万亩"][1] / table["亩"][1] == pytest.approx(547_000, rel=1e-6)


# ---------------------------------------------------------------- guard: code uses declared terms only

_ATTR = re.compile(r"\bPK\.([A-Za-z_][A-Za-z0-9_]*)\b(?!\s*\()")
_ITEM = re.compile(r"""\bPK\[\s*["']([^"']+)["']\s*\]""")
_TERM_CALL = re.compile(r"""\bPK\.term\(\s*["']([^"']+)["']\s*\)""")
_VOCAB_ITEM = re.compile(r"""\bVOCAB\[\s*["']([^"'{}]+)["']\s*\]""")


def _sources() -> list[Path]:
    return sorted(p for d in CODE_DIRS for p in (ROOT / d).rglob("*.py") if "__pycache__" not in p.parts)


def test_guard_finds_sources() -> None:
    assert any(p.name == "namespaces.py" for p in _sources())


def test_code_uses_only_declared_pk_terms(g: Graph) -> None:
    declared = {str(t)[len(PK):] for t in pk_terms(g)}
    undeclared = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        for rx in (_ATTR, _ITEM, _TERM_CALL):
            for m in rx.finditer(text):
                if m.group(1) not in declared:
                    line = text.count("\n", 0, m.start()) + 1
                    undeclared.append(f"{path.relative_to(ROOT)}:{line}: PK {m.group(1)}")
    assert not undeclared, "declare these in ontology/plankg.ttl:\n" + "\n".join(undeclared)


def test_code_uses_only_declared_vocab_concepts(g: Graph) -> None:
    known = {str(s) for s in g.subjects(RDF.type, SKOS.Concept)} | \
            {str(s) for s in g.subjects(RDF.type, SKOS.ConceptScheme)}
    unknown = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        for m in _VOCAB_ITEM.finditer(text):
            iri = VOCAB + m.group(1)
            if iri not in known and not m.group(1).endswith("/"):
                unknown.append(f"{path.relative_to(ROOT)}: VOCAB[{m.group(1)!r}]")
    assert not unknown, "\n".join(unknown)
