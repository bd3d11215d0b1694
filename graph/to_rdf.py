"""Extraction → RDF triples for one named graph. The only module that mints IRIs (with iris.py).

Everything that needs knowledge (division codes and their chain, which plan a title cites, which
role word is a known town role) was resolved by extraction; this module only names and writes."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from plankg.extract.document import PlanDocument
from plankg.extract.model import Citation, DivisionRecord, EntityRef, Extraction, normalise
from plankg.graph import iris
from plankg.graph.namespaces import ELI, PK, VOCAB
from plankg.graph.versions import STATUS_LABELS
from plankg.ontology import unit_table

PASSAGE_CLASS = {"heading": PK.Heading, "paragraph": PK.Paragraph, "item": PK.ListItem, "table-row": PK.TableRow,
                 "table-header": PK.TableRow, "table-group": PK.TableRow, "title": PK.Heading, "toc": PK.Passage}
LEVEL_CLASS = {"province": PK.Province, "city": PK.City, "county": PK.County, "township": PK.Township}
ADOPTED = {"Strategy", "Positioning", "Goal", "SpatialStructure", "NamedNetwork"}
SEGMENTS = {"上游": "upstream", "中游": "midstream", "下游": "downstream"}
# classes that name one kind of thing under two class words: one IRI whichever a plan used, so a
# project in a city plan's table and in a special plan's prose is one node across plans, and a
# term one plan calls a strategy and another only quotes ("生态立市") is one node too
IDENTITY_KIND = {"WaterProject": "Project", "Strategy": "NamedConcept", "Slogan": "NamedConcept"}
MODE_LABELS = {"indicator": "指标约束", "boundary": "界限管控", "zoning": "分区管控", "list": "名录管理", "policy": "政策要求"}
GAZETTEER_SOURCE = URIRef("https://w3id.org/plankg/id/dataset/nbs-division-codes-2023")


@dataclass
class RdfResult:
    graph: URIRef
    document: URIRef  # the pk:Plan or pk:Annex node of this document version
    plan: URIRef
    triples: list[tuple]
    entities_by_type: Counter
    statements: int


def version_key(ex: Extraction, doc: PlanDocument) -> str:
    if ex.meta.is_annex:
        return "annex-" + iris.short_hash(normalise(doc.name))
    return ex.meta.status or "text"


def to_rdf(doc: PlanDocument, ex: Extraction) -> RdfResult:
    meta = ex.meta
    plan = iris.plan(meta.plan_id)
    version = version_key(ex, doc)
    graph = iris.graph(meta.plan_id, version)
    document = iris.annex(meta.plan_id, version) if meta.is_annex else plan
    out: list[tuple] = []
    add = out.append
    passage = lambda o: iris.passage(meta.plan_id, version, o)  # noqa: E731

    # --- document and structure
    add((plan, RDF.type, PK.Plan))
    add((plan, PK.planId, Literal(meta.plan_id)))
    if meta.is_annex:
        add((document, RDF.type, PK.Annex))
        add((document, PK.annexOf, plan))
        add((document, ELI.is_part_of, plan))
        add((document, RDFS.label, Literal(doc.passages[0].text if doc.passages else doc.name)))
    else:
        _plan_meta(ex, plan, passage, add)
        _expression(ex, plan, iris.expression(meta.plan_id, version), version, add)
    add((document, PK.fileName, Literal(doc.name)))
    for sec in doc.sections.values():
        s_iri = iris.section(meta.plan_id, version, sec.key)
        add((s_iri, RDF.type, PK.Chapter if sec.level == 1 else PK.Section))
        front = "前言" if len(doc.sections) > 1 else (doc.passages[0].text if doc.passages else doc.name)
        add((s_iri, RDFS.label, Literal(sec.label or front)))  # an annex without chapters: its title
        add((s_iri, PK.sectionNumber, Literal(sec.number)))
        add((s_iri, PK.inDocument, document))
        parent = iris.section(meta.plan_id, version, sec.parent) if sec.parent else document
        add((s_iri, ELI.is_part_of, parent))
        add((parent, ELI.has_part, s_iri))
    for p in doc.passages:
        p_iri = passage(p.ordinal)
        add((p_iri, RDF.type, PASSAGE_CLASS[p.kind]))
        add((p_iri, PK.text, Literal(p.text)))
        add((p_iri, PK.startOffset, Literal(p.start)))
        add((p_iri, PK.endOffset, Literal(p.end)))
        add((p_iri, PK.ordinal, Literal(p.ordinal)))
        add((p_iri, PK.passageKind, Literal(p.kind)))
        add((p_iri, ELI.is_part_of, iris.section(meta.plan_id, version, p.section)))
        add((p_iri, PK.inDocument, document))
        if p.cells:
            add((p_iri, PK.cellText, Literal(json.dumps(p.cells, ensure_ascii=False))))

    # --- entities
    by_type: Counter = Counter()
    emitted_divisions: set[str] = set()
    for ent in ex.entities.values():
        node = entity_iri(ent.ref, meta.plan_id, ex)
        cls = PK[ent.ref.kind] if ent.ref.kind not in ("Category",) else SKOS.Concept
        add((node, RDF.type, cls))
        by_type[ent.ref.kind] += 1
        add((node, RDFS.label, Literal(ent.label)))
        for alt in sorted(ent.alt_labels):
            add((node, SKOS.altLabel, Literal(alt)))
        for o in sorted(ent.sources):
            add((node, PK.source, passage(o)))
            add((passage(o), PK.mentions, node))
        if ent.ref.kind == "Category":
            add((node, SKOS.prefLabel, Literal(ent.label)))
        if ent.ref.code:
            _division(ex.divisions.get(ent.ref.code), ex.divisions, add, emitted_divisions)
        elif ent.ref.kind == "AdministrativeDivision" and ent.level in LEVEL_CLASS:
            # a division the plan lists but the gazetteer lacks: its level from the text, no code
            add((node, RDF.type, LEVEL_CLASS[ent.level]))
            add((node, PK.divisionLevel, VOCAB[f"level/{ent.level}"]))
        if ent.ref.kind in ADOPTED and not meta.is_annex:
            add((plan, PK.adopts, node))

    # --- relations (asserted, and reified with their source passage)
    statements = 0
    for rel in ex.relations:
        s, o = entity_iri(rel.subject, meta.plan_id, ex), _object(ex.canonical(rel.object), meta.plan_id, ex, add)
        p = _predicate(rel.predicate)
        add((s, p, o))
        _reify(s, p, o, passage(rel.source), add)
        statements += 1

    for predicate, obj, source in ex.plan_relations:  # links from the plan itself (hasPattern)
        if not meta.is_annex:
            o, p = entity_iri(obj, meta.plan_id, ex), _predicate(predicate)
            add((plan, p, o))
            _reify(plan, p, o, passage(source), add)
            statements += 1

    for a in ex.attributes:  # literal facts from table columns (period, construction type, new in this plan)
        s, p = entity_iri(a.subject, meta.plan_id, ex), _predicate(a.predicate)
        add((s, p, Literal(a.value)))
        _reify(s, p, Literal(a.value), passage(a.source), add)

    # --- groups
    for g in ex.groups:
        node = entity_iri(g.ref, meta.plan_id, ex)
        if g.declared_count is not None:
            add((node, PK.declaredCount, Literal(g.declared_count)))
        add((node, PK.listedCount, Literal(len(dict.fromkeys(g.members)))))
        role = _role(g.role, g.role_key, add) if g.role else None
        if role is not None:
            add((node, PK.memberRole, role))
        for m in dict.fromkeys(g.members):
            m_iri = entity_iri(m, meta.plan_id, ex)
            add((node, PK.hasMember, m_iri))
            _reify(node, PK.hasMember, m_iri, passage(g.source), add)
            statements += 1
            if role is not None:
                add((m_iri, PK.role, role))
                _reify(m_iri, PK.role, role, passage(g.source), add)

    # --- roles given one by one (seats, levels, role columns, statuses)
    for a in ex.roles:
        m_iri = entity_iri(a.member, meta.plan_id, ex)
        role = _role(a.role, a.role_key, add)
        add((m_iri, PK.role, role))
        _reify(m_iri, PK.role, role, passage(a.source), add)
        statements += 1

    # --- citations
    for c in ex.citations:
        cited = _cited(c, add)
        add((document, ELI.cites, cited))
        _reify(document, ELI.cites, cited, passage(c.source), add)
        statements += 1
        if c.higher:
            add((document, PK.higherPlan, cited))
            add((document, ELI.based_on, cited))
            _reify(document, PK.higherPlan, cited, passage(c.source), add)

    # --- transmission requirements ("下位规划应予以落实的…指标")
    for r in ex.requirements:
        node = iris.entity("requirement", f"{r.mode}:{normalise(r.target)}@{meta.plan_id}")
        target = iris.indicator(normalise(r.target)) if r.target_ref is None else entity_iri(r.target_ref, meta.plan_id, ex)
        if r.target_ref is None:
            add((target, RDF.type, PK.Indicator))
            add((target, RDFS.label, Literal(r.target)))
        bound_plan = entity_iri(r.binds, meta.plan_id, ex)
        add((node, RDF.type, PK.TransmissionRequirement))
        add((node, RDFS.label, Literal(f"{r.target}（{MODE_LABELS[r.mode]}）")))
        add((node, PK.mode, VOCAB[f"transmission-mode/{r.mode}"]))
        add((node, PK.constrains, target))
        add((node, PK.bindsPlan, bound_plan))
        add((node, PK.source, passage(r.source)))
        if not meta.is_annex:
            add((plan, PK.adopts, node))
        for p_, o_ in ((PK.constrains, target), (PK.bindsPlan, bound_plan)):
            _reify(node, p_, o_, passage(r.source), add)
            statements += 1

    # --- indicator values
    units = unit_table()
    for i, q in enumerate(ex.quantities):
        node = iris.value(meta.plan_id, version, i)
        add((node, RDF.type, PK.IndicatorValue))
        add((node, RDF.type, PK[q.kind]))
        ind = iris.indicator(normalise(q.indicator))
        add((ind, RDF.type, PK.Indicator))
        add((ind, RDFS.label, Literal(q.indicator)))
        add((node, PK.indicator, ind))
        if q.value is not None:
            add((node, PK.value, Literal(str(round(q.value, 6)), datatype=XSD.decimal)))
        add((node, PK.valueText, Literal(q.value_text)))
        add((node, PK.unitLabel, Literal(q.unit)))
        add_unit(add, node, q.value, q.unit, units)
        if q.year is not None:
            add((node, PK.year, Literal(q.year)))
        add((node, PK.bound, VOCAB[f"bound/{q.bound}"]))
        if q.nature:
            add((node, PK.nature, VOCAB[f"nature/{q.nature}"]))
        for area in q.areas:
            add((node, PK.refArea, entity_iri(area, meta.plan_id, ex)))
        if q.kind == "Allocation":
            add((node, PK.allocatedBy, plan))
        if q.is_count:
            add((node, PK.isCount, Literal(True)))
        add((node, PK.source, passage(q.source)))
        add((node, PK.sourceText, Literal(q.text)))
    return RdfResult(graph, document, plan, out, by_type, statements)


def add_unit(add, node, value: float | None, unit_label: str, units: dict) -> str | None:
    """pk:unit, pk:canonicalUnit and the value in that unit, when the printed unit is one of the unit
    scheme's (``units``: ontology.unit_table()); its IRI, or None."""
    hit = units.get(unit_label)
    if hit is None:
        return None
    unit_iri, factor, canonical = hit
    add((node, PK.unit, URIRef(unit_iri)))
    if value is not None:
        add((node, PK.canonicalValue, Literal(str(round(value * factor, 6)), datatype=XSD.decimal)))
    add((node, PK.canonicalUnit, URIRef(canonical)))
    return unit_iri


def entity_iri(ref: EntityRef, plan_id: str, ex: Extraction) -> URIRef:
    ref = ex.canonical(ref)
    if ref.code:
        d = ex.divisions.get(ref.code)
        return iris.division(d.full_code if d else ref.code)
    if ref.kind == "Group":  # a list belongs to the plan that states it
        return iris.entity("group", f"{ref.name}@{plan_id}")
    if ref.kind == "Category":
        return VOCAB[f"category/{iris.short_hash(ref.name)}"]
    kind = IDENTITY_KIND.get(ref.kind, ref.kind)
    return iris.entity(kind, ref.name + (f"@{ref.scope}" if ref.scope else ""))


def _object(ref: EntityRef, plan_id: str, ex: Extraction, add) -> URIRef:
    if ref.kind == "Segment":
        key = SEGMENTS.get(ref.name)
        if key:
            return VOCAB[f"segment/{key}"]
        node = VOCAB[f"segment/{iris.short_hash(ref.name)}"]
        add((node, RDF.type, SKOS.Concept))
        add((node, SKOS.prefLabel, Literal(ref.name)))
        return node
    return entity_iri(ref, plan_id, ex)


def _predicate(name: str) -> URIRef:
    prefix, local = name.split(":")
    return {"pk": PK, "eli": ELI}[prefix][local]


def _reify(s, p, o, source, add) -> None:
    # a stable IRI (not a blank node): re-ingesting gives identical triples, so updates are diffs
    st = iris.statement(f"{s} {p} {o} {source}")
    add((st, RDF.type, RDF.Statement))
    add((st, RDF.subject, s))
    add((st, RDF.predicate, p))
    add((st, RDF.object, o))
    add((st, PK.source, source))


def _role(label: str, key: str | None, add) -> URIRef:
    if key:
        return VOCAB[f"town-role/{key}"]
    node = VOCAB[f"role/{iris.short_hash(normalise(label))}"]
    add((node, RDF.type, SKOS.Concept))
    add((node, SKOS.prefLabel, Literal(label)))
    add((node, RDFS.label, Literal(label)))
    add((node, SKOS.inScheme, VOCAB["role"]))
    return node


def _cited(c: Citation, add) -> URIRef:
    title = c.title
    if c.plan_id is not None:
        node = iris.plan(c.plan_id)
        add((node, RDF.type, PK.Plan))
    else:
        node = iris.entity("document", normalise(title))
        add((node, RDF.type, PK.CitedDocument))
        if c.kind is not None:
            add((node, RDF.type, PK[c.kind]))
    add((node, RDFS.label, Literal(title)))
    add((node, PK.citedTitle, Literal(f"《{title}》")))
    add((node, ELI.title, Literal(title)))
    return node


def _division(d: DivisionRecord | None, divisions: dict[str, DivisionRecord], add, emitted: set[str]) -> None:
    """Official code, level and the chain of containing divisions (resolved from the gazetteer by extract)."""
    while d is not None and d.code not in emitted:
        emitted.add(d.code)
        n = iris.division(d.full_code)
        add((n, RDF.type, PK.AdministrativeDivision))
        add((n, RDF.type, LEVEL_CLASS[d.level]))
        add((n, RDFS.label, Literal(d.name)))
        add((n, PK.divisionCode, Literal(d.full_code)))
        add((n, PK.divisionLevel, VOCAB[f"level/{d.level}"]))
        add((n, PROV.wasDerivedFrom, GAZETTEER_SOURCE))
        parent = divisions.get(d.parent_code) if d.parent_code else None
        if parent is not None:
            add((n, PK.withinDivision, iris.division(parent.full_code)))
        d = parent


def _expression(ex: Extraction, plan: URIRef, expr: URIRef, version: str, add) -> None:
    """ELI: the plan (a LegalResource, the work) is realised by this text (a LegalExpression) — one per
    published version; which version is current and what it revises is kept in the catalog graph."""
    meta = ex.meta
    add((plan, RDF.type, ELI.LegalResource))
    add((plan, ELI.is_realized_by, expr))
    if meta.subject:
        add((plan, PK.planSubject, Literal(meta.subject)))
    add((expr, RDF.type, ELI.LegalExpression))
    add((expr, ELI.realizes, plan))
    add((expr, PK.versionKey, Literal(version)))
    add((expr, ELI.title, Literal(meta.title)))
    if meta.status:
        add((expr, ELI.version, Literal(STATUS_LABELS.get(meta.status, meta.status))))
        add((expr, PK.processStep, VOCAB[f"process-step/{meta.status}"]))
    if meta.date:
        add((expr, ELI.date_document, Literal(meta.date, datatype=XSD.date if len(meta.date) == 10 else XSD.gYearMonth)))


def _plan_meta(ex: Extraction, plan: URIRef, passage, add) -> None:
    meta = ex.meta
    src = lambda f: passage(meta.sources[f]) if f in meta.sources else None  # noqa: E731
    add((plan, ELI.title, Literal(meta.title)))
    add((plan, RDFS.label, Literal(meta.title)))
    if meta.level:
        add((plan, PK.level, VOCAB[f"level/{meta.level}"]))
    add((plan, PK.planType, VOCAB[f"plan-type/{meta.plan_type}"]))
    if meta.status:
        add((plan, PK.processStep, VOCAB[f"process-step/{meta.status}"]))
    for field_name, prop in (("start", PK.periodStart), ("end", PK.periodEnd), ("base_year", PK.baseYear),
                             ("near_term_year", PK.nearTermYear), ("vision_year", PK.visionYear)):
        value = getattr(meta, field_name)
        if value is not None:
            add((plan, prop, Literal(value)))
            source = src(field_name) or src("period")
            if source is not None:
                _reify(plan, prop, Literal(value), source, add)
    if meta.date:
        add((plan, PK.issueDate, Literal(meta.date)))
    for issuer in meta.issuers:
        org = entity_iri(EntityRef("Organization", normalise(issuer)), meta.plan_id, ex)
        add((plan, PK.issuedBy, org))
        if src("issuer") is not None:
            _reify(plan, PK.issuedBy, org, src("issuer"), add)
    if meta.organizer:
        org = entity_iri(EntityRef("Organization", normalise(meta.organizer)), meta.plan_id, ex)
        add((plan, PK.organizedBy, org))
        if src("organizer") is not None:
            _reify(plan, PK.organizedBy, org, src("organizer"), add)
    if meta.region is not None:
        region = entity_iri(meta.region, meta.plan_id, ex)
        add((plan, PK.coversRegion, region))
    if src("title") is not None:
        add((plan, PK.source, src("title")))
