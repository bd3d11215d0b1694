"""Monitoring reports and observation tables → one named graph each (W3C Data Cube observations).

Each observation is a qb:Observation (pk:MonitoringObservation) in the data set of its file, with the
dimensions pk:observedIndicator (the plan's indicator node of the same name), sdmx-dimension:refArea
and sdmx-dimension:refPeriod, the measure sdmx-measure:obsValue, the unit as printed and in the
ontology's unit, a canonical value, and pk:source to the passage or table row it was read from.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from plankg.extract import observations as obs_reader
from plankg.extract.document import PlanDocument
from plankg.extract.model import EntityRef, ObservationSet, normalise
from plankg.graph import iris, versions
from plankg.graph.namespaces import GRAPH_BASE, ID, PK, QB
from plankg.graph.to_rdf import add_unit
from plankg.ontology import unit_table

SDMX_DIM = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTR = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
KIND_CLASS = {"report": PK.MonitoringReport, "table": PK.ObservationTable}


def dataset_key(doc: PlanDocument, data: ObservationSet) -> str:
    """A stable key per file: its region code, kind and a hash of its file name (re-ingesting replaces it)."""
    code = data.region.code if data.region and data.region.code else "x"
    return f"{code.ljust(6, '0')}-{data.kind}-{iris.short_hash(normalise(doc.name))}"


def observations_to_rdf(doc: PlanDocument, data: ObservationSet) -> tuple[URIRef, URIRef, list[tuple]]:
    """(graph IRI, data set IRI, triples) for one report or table."""
    key = dataset_key(doc, data)
    graph, dataset = URIRef(f"{GRAPH_BASE}{key}"), ID[f"dataset/{key}"]
    passage = lambda o: ID[f"passage/{key}/{o}"]  # noqa: E731
    out: list[tuple] = []
    add = out.append
    add((dataset, RDF.type, QB.DataSet))
    add((dataset, RDF.type, KIND_CLASS[data.kind]))
    add((dataset, RDFS.label, Literal(data.title)))
    add((dataset, PK.fileName, Literal(doc.name)))
    if data.year is not None:
        add((dataset, PK.reportYear, Literal(data.year)))
    if data.base_year is not None:
        add((dataset, PK.reportBaseYear, Literal(data.base_year)))
    if data.region is not None:
        add((dataset, SDMX_DIM.refArea, _area(data.region, data)))
    for p in doc.passages:
        node = passage(p.ordinal)
        add((node, RDF.type, PK.TableRow if p.kind in ("table-row", "table-header", "table-group") else PK.Paragraph))
        add((node, PK.text, Literal(p.text)))
        add((node, PK.ordinal, Literal(p.ordinal)))
        add((node, PK.passageKind, Literal(p.kind)))
        add((node, PK.inDocument, dataset))
        if p.cells:
            add((node, PK.cellText, Literal(_json(p.cells))))
    units = unit_table()
    for i, o in enumerate(data.observations):
        node = ID[f"observation/{key}/{i}"]
        add((node, RDF.type, QB.Observation))
        add((node, RDF.type, PK.MonitoringObservation))
        add((node, QB.dataSet, dataset))
        ind = iris.indicator(normalise(o.indicator))
        add((ind, RDF.type, PK.Indicator))
        add((ind, RDFS.label, Literal(o.indicator)))
        add((node, PK.observedIndicator, ind))
        if o.area is not None:
            add((node, SDMX_DIM.refArea, _area(o.area, data)))
        add((node, SDMX_DIM.refPeriod, Literal(str(o.year), datatype=XSD.gYear)))
        add((node, SDMX_MEASURE.obsValue, Literal(str(round(o.value, 6)), datatype=XSD.decimal)))
        add((node, PK.valueText, Literal(o.value_text)))
        add((node, PK.unitLabel, Literal(o.unit)))
        unit_iri = add_unit(add, node, o.value, o.unit, units)
        if unit_iri is not None:
            add((node, SDMX_ATTR.unitMeasure, URIRef(unit_iri)))
        if o.is_base:
            add((node, PK.isBaseValue, Literal(True)))
        if o.printed != o.indicator:
            add((node, RDFS.comment, Literal(f"printed as {o.printed}")))
        add((node, PK.source, passage(o.source)))
        add((node, PK.sourceText, Literal(o.text)))
    return graph, dataset, out


def _area(ref: EntityRef, data: ObservationSet) -> URIRef:
    if ref.code:
        d = data.divisions.get(ref.code)
        return iris.division(d.full_code if d else ref.code)
    return iris.entity(ref.kind, ref.name)


def _json(cells) -> str:
    return json.dumps(list(cells), ensure_ascii=False)


def division_triples(data: ObservationSet) -> list[tuple]:
    """The divisions the observations name, as the plans name them (code, label, parent)."""
    out = []
    for d in data.divisions.values():
        node = iris.division(d.full_code)
        out.append((node, RDF.type, PK.AdministrativeDivision))
        out.append((node, RDFS.label, Literal(d.name)))
        out.append((node, PK.divisionCode, Literal(d.full_code)))
        parent = data.divisions.get(d.parent_code) if d.parent_code else None
        if parent is not None:
            out.append((node, PK.withinDivision, iris.division(parent.full_code)))
    return out


def is_observation_file(path: Path) -> bool:
    return path.suffix.lower() in obs_reader.TABLE_SUFFIXES


def is_report(doc: PlanDocument) -> bool:
    """A monitoring report is recognised from its title (…监测评估报告, …体检报告)."""
    return bool(doc.passages) and obs_reader.is_report_title(doc.passages[0].text)


def read_observations(path: Path, doc: PlanDocument | None, max_bytes: int) -> tuple[PlanDocument, ObservationSet]:
    """A table file, or a report already read (``doc``) → (its document, its observations)."""
    if doc is None:
        return obs_reader.read_table_file(path, max_bytes)
    return doc, obs_reader.read_report(doc)


def store_observations(store, doc: PlanDocument, data: ObservationSet, started: float) -> dict:
    """Write one report/table as its own named graph (content-stamped like a plan version: the same file
    again changes nothing); return the summary fields of an ingest report."""
    graph, _dataset, triples = observations_to_rdf(doc, data)
    body, stamp = versions.stamped(str(graph), triples + division_triples(data))
    present = str(graph) in set(store.graphs())
    if present and versions.stored_stamp(store, str(graph)) == stamp:
        outcome, message, size = "unchanged", f"unchanged: the same observations of {data.title} are stored", \
            store.graph_size(str(graph))
    else:
        size = store.replace_graph(str(graph), body)
        outcome = "replaced-version" if present else "new-observations"
        message = (f"replaces the observations of {data.title} stored in {graph}" if present
                   else f"new {'monitoring report' if data.kind == 'report' else 'observation table'}: "
                        f"{len(data.observations)} observations")
    warnings = list(data.warnings)
    if data.region is None:
        warnings.append("no administrative unit recognised in the title; observations without a default place")
    if outcome == "replaced-version":
        warnings.append(message)
    return dict(file=doc.name, title=data.title, plan_id="", graph=str(graph), passages=len(doc.passages),
                entity_count=0, entities_by_type={}, statements=0, indicator_values=len(data.observations),
                triples=size, seconds=time.perf_counter() - started, warnings=warnings,
                outcome=outcome, message=message, stamp=stamp)
