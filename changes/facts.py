"""What one version states, read from its RDF into plain typed facts that the comparison can match.

Reads an rdflib graph holding one version's triples (the named graph as stored, or ``to_rdf`` output
for a file that is not stored). Nothing here knows a particular plan: it reads the data model's
terms (docs/data-model.md) and keys every fact by identity — entity IRI, indicator IRI, target year.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from plankg.changes.model import Quantity
from plankg.extract import lexicon
from plankg.extract.model import normalise
from plankg.graph.namespaces import ELI, PK
from plankg.ontology import concept_label

BOUND_SIGN = {"ge": "≥", "le": "≤", "eq": "=", "approx": "≈"}
# things a plan lists and a reader asks "was it added or dropped?" about; concepts, groups, documents
# and organisations are not listed items (their wording changes with every redraft)
LISTED_KINDS = {"Project", "WaterProject", "Programme", "IndustrialPark", "IndustryCluster", "EnergyBase", "Park",
                "GreenSpace", "ProtectedArea", "HeritageSite", "Landmark", "TransportFacility", "Expressway", "Road",
                "Railway", "Airport", "Reservoir", "Pipeline", "Town", "Township", "Village"}
# a count's classifier left on a name ("7个乡镇为…" read as a town "个乡镇") is no name of a thing
CLASSIFIER_START = re.compile(r"^[个座处条项家所片]")
ATTRIBUTE_PREDICATES = ("startYear", "endYear", "implementationPeriod", "constructionType")
# a named works ("…管网改造工程") that a list item or a table row leads with is an item of a project list, even
# when extraction kept it a plain concept; a works named in passing inside an item is not
WORKS_SUFFIX = "工程"
_ITEM_MARK = re.compile(r"^\s*(?:[□■●○◆·\-–]|[（(]?[0-9一二三四五六七八九十]+[)）.、．]|[①-⑳])\s*")
_PUNCT = re.compile(r"[\s，。、；：:,.;！？!?“”\"'‘’《》「」（）()【】\[\]—\-–·□■●○◆]")


def flat(text: str) -> str:
    """Text reduced for "is this named anywhere" tests: normalised, no punctuation or spaces."""
    return _PUNCT.sub("", normalise(text))


@dataclass(frozen=True)
class Value:
    indicator: URIRef
    name: str
    year: int | None
    areas: frozenset[URIRef]
    quantity: Quantity
    binding: bool  # a table row or a target with a stated nature, preferred when both versions are shown
    passage: str


@dataclass
class Thing:
    label: str
    kind: str
    labels: set[str] = field(default_factory=set)  # preferred + printed forms
    listed: bool = False  # a list member, a table row, a role holder or the subject of a located fact


@dataclass
class VersionFacts:
    plan: URIRef | None
    title: str = ""
    status: str = ""  # the process step's label (征求意见稿, 公示稿, …)
    date: str = ""
    period: tuple[int | None, int | None] = (None, None)
    cites: dict[str, str] = field(default_factory=dict)  # normalised title → printed title
    values: list[Value] = field(default_factory=list)
    things: dict[URIRef, Thing] = field(default_factory=dict)
    roles: dict[URIRef, set[str]] = field(default_factory=lambda: defaultdict(set))
    tiers: dict[URIRef, set[str]] = field(default_factory=lambda: defaultdict(set))  # town-role keys only
    attributes: dict[tuple[URIRef, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    places: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))  # thing → locatedIn
    patterns: dict[URIRef, str] = field(default_factory=dict)  # structures the plan adopts → label
    parts: dict[URIRef, set[str]] = field(default_factory=lambda: defaultdict(set))  # structure → part labels
    labels: dict[URIRef, str] = field(default_factory=dict)  # role holders and located things → label
    text: str = ""  # every passage, flattened

    def names(self, thing: Thing) -> bool:
        """Does this version's text name the thing in any of its printed forms?"""
        return any(len(flat(label)) >= 2 and flat(label) in self.text for label in thing.labels)


def read_facts(graph: Graph) -> VersionFacts:
    plan = _plan_node(graph)
    facts = VersionFacts(plan)
    if plan is not None:
        facts.title = str(graph.value(plan, ELI.title) or graph.value(plan, RDFS.label) or "")
        step = graph.value(plan, PK.processStep)
        facts.status = (concept_label(str(step)) or str(step).rsplit("/", 1)[-1]) if step is not None else ""
        facts.date = str(graph.value(plan, PK.issueDate) or "")
        facts.period = (_int(graph.value(plan, PK.periodStart)), _int(graph.value(plan, PK.periodEnd)))
        for cited in graph.objects(plan, ELI.cites):
            title = str(graph.value(cited, ELI.title) or graph.value(cited, RDFS.label) or "")
            if title:
                facts.cites.setdefault(normalise(title), title)
        for pattern in graph.objects(plan, PK.hasPattern):
            facts.patterns[pattern] = _label(graph, pattern)
    facts.text = flat("".join(str(t) for _, t in sorted(
        ((int(graph.value(p, PK.ordinal) or 0), t) for p, t in graph.subject_objects(PK.text)), key=lambda x: x[0])))
    _things(graph, facts)
    _values(graph, facts)
    return facts


def _plan_node(graph: Graph) -> URIRef | None:
    """The version's own plan node: the pk:Plan with an id and a title (cited plans have neither)."""
    for node in graph.subjects(PK.planId, None):
        if (node, RDF.type, PK.Plan) in graph and graph.value(node, ELI.title) is not None:
            return node
    return next(iter(graph.subjects(PK.planId, None)), None)


def _things(graph: Graph, facts: VersionFacts) -> None:
    for node, cls in graph.subject_objects(RDF.type):
        kind = str(cls).rsplit("#", 1)[-1]
        if kind not in LISTED_KINDS or not isinstance(node, URIRef):
            continue
        label = _label(graph, node)
        if CLASSIFIER_START.match(label):
            continue
        thing = facts.things.get(node) or Thing(label, kind)
        thing.labels |= {str(x) for p in (RDFS.label, SKOS.altLabel) for x in graph.objects(node, p)}
        facts.things[node] = thing
    for node in graph.subjects(RDF.type, PK.NamedConcept):
        label = _label(graph, node)
        if isinstance(node, URIRef) and node not in facts.things and label.endswith(WORKS_SUFFIX) \
                and len(label) >= 6 and any(_leads(graph, src, label) for src in graph.objects(node, PK.source)):
            facts.things[node] = Thing(label, "Project", {label}, listed=True)
    for group, member in graph.subject_objects(PK.hasMember):
        if member in facts.things:
            facts.things[member].listed = True
    for node, role in graph.subject_objects(PK.role):
        word = concept_label(str(role)) or _label(graph, role)
        if "/town-role/" not in str(role) and lexicon.role_key(word) is None:
            continue  # a role word only a list's heading gave ("…分解到各乡镇"): not a role of the thing
        facts.roles[node].add(word)
        facts.labels[node] = _label(graph, node)
        if "/town-role/" in str(role):
            facts.tiers[node].add(str(role).rsplit("/", 1)[-1])
        if node in facts.things:
            facts.things[node].listed = True
    for node, place in graph.subject_objects(PK.locatedIn):
        facts.places[node].add(place)
        facts.labels.setdefault(place, _label(graph, place))
        if node in facts.things:
            facts.things[node].listed = True
    for name in ATTRIBUTE_PREDICATES:
        for node, value in graph.subject_objects(PK[name]):
            facts.attributes[(node, name)].add(str(value))
            if node in facts.things:
                facts.things[node].listed = True
    for structure in facts.patterns:
        for part in graph.objects(structure, PK.hasPart):
            facts.parts[structure].add(_label(graph, part))


def _values(graph: Graph, facts: VersionFacts) -> None:
    for node in graph.subjects(RDF.type, PK.IndicatorValue):
        if graph.value(node, PK.isCount) is not None:
            continue  # "8个一般乡镇" counts a list; the list itself is compared
        indicator = graph.value(node, PK.indicator)
        value, canonical = _float(graph.value(node, PK.value)), _float(graph.value(node, PK.canonicalValue))
        bound = str(graph.value(node, PK.bound) or "").rsplit("/", 1)[-1]
        quantity = Quantity(value, str(graph.value(node, PK.unitLabel) or ""), BOUND_SIGN.get(bound, bound), canonical,
                            str(graph.value(node, PK.canonicalUnit) or "").rsplit("/", 1)[-1],
                            str(graph.value(node, PK.sourceText) or ""))
        binding = graph.value(node, PK.nature) is not None or (node, RDF.type, PK.Target) in graph
        source = graph.value(node, PK.source)
        facts.values.append(Value(indicator, _label(graph, indicator), _int(graph.value(node, PK.year)),
                                  frozenset(graph.objects(node, PK.refArea)), quantity, binding,
                                  str(graph.value(source, PK.text) or "") if source is not None else ""))


def _leads(graph: Graph, passage, label: str) -> bool:
    """Is ``label`` what the list item starts with, or a cell of the table row?"""
    if (passage, RDF.type, PK.TableRow) in graph:
        return flat(label) in {flat(c) for c in _cells(graph.value(passage, PK.cellText))}
    if (passage, RDF.type, PK.ListItem) in graph:
        return flat(_ITEM_MARK.sub("", str(graph.value(passage, PK.text) or ""))).startswith(flat(label))
    return False


def _cells(value) -> list[str]:
    try:
        cells = json.loads(str(value)) if value is not None else []
    except ValueError:
        return []
    return [str(c) for c in cells] if isinstance(cells, list) else []


def _label(graph: Graph, node) -> str:
    for p in (RDFS.label, SKOS.prefLabel):
        v = graph.value(node, p)
        if v is not None:
            return str(v)
    return concept_label(str(node)) or str(node).rsplit("/", 1)[-1]


def _int(v) -> int | None:
    try:
        return int(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def _float(v) -> float | None:
    if not isinstance(v, Literal):
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None
