"""Consistency audit of a lower plan against its higher plan (SHACL shapes in shapes/*.ttl).

A facade over the stages, each with typed output:
  context.find_higher(store, lower)   -> Context      which higher plan, found how, cited plans missing
  context.build_data(store, context)  -> AuditData    in-memory store: only the graphs the audit needs,
                                                      plus derive.py's triples
  engines.evaluate_fast / _pyshacl    -> [RawResult]  the fast path (declared SHACL subset) or pySHACL
  findings.to_findings(...)           -> [Finding]    expected/found and quoted evidence
  report.{text,markdown,html}                         what an official reads
"""
from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from rdflib.namespace import XSD

from plankg import errors
from plankg.graph.base import Store
from plankg.shapes.context import (AuditData, build_data, data_from_graph, find_higher, ingested_plans,
                                   parent_division, plan_facts, plan_iri, plan_id_of)
from plankg.shapes.engines import evaluate_fast, evaluate_pyshacl, result_keys
from plankg.shapes.findings import report_graph, title, to_findings
from plankg.shapes.model import (LEVELS, PKA, AuditReport, Context, Engine, Evidence, Finding, RawResult)
from plankg.shapes.rules import annotations_nt, shape_infos, shapes_graph

ENGINES = ("fast", "pyshacl")


def _extra(extra_shapes: Sequence[str | Path] | None) -> tuple[str, ...]:
    return tuple(str(Path(p).resolve()) for p in extra_shapes or ())


def run(data: AuditData, engine: Engine = "fast", extra_shapes: Sequence[str | Path] | None = None) -> AuditReport:
    t0 = time.perf_counter()
    if engine not in ENGINES:
        raise errors.BadOption(f"unknown audit engine {engine!r}", hint="use fast or pyshacl")
    extra = _extra(extra_shapes)
    raw = evaluate_fast(data, extra=extra) if engine == "fast" else evaluate_pyshacl(data, extra)
    findings = to_findings(data, raw, extra)
    ctx = data.context
    report = AuditReport(plan=plan_id_of(ctx.lower), plan_title=title(data.store, ctx.lower),
                         against=plan_id_of(ctx.higher) if ctx.higher else None,
                         against_title=title(data.store, ctx.higher), found_by=ctx.found_by,
                         conforms=not any(f.severity == "Violation" for f in findings),
                         findings=findings, engine=engine, seconds=0.0)
    report.ttl = report_graph(report, extra).serialize(format="turtle")
    report.seconds = round(time.perf_counter() - t0, 4)
    return report


def audit(store: Store, lower: str, against: str | None = None, engine: Engine = "fast",
          extra_shapes: Sequence[str | Path] | None = None) -> AuditReport:
    """Audit the ingested plan `lower` (id or IRI) against its higher plan (or `against`).
    `extra_shapes`: SHACL shapes files (Turtle) a bureau adds to the shipped rules."""
    t0 = time.perf_counter()
    if extra_shapes:
        shape_infos(_extra(extra_shapes))  # a bad shapes file fails before any work
    ctx = find_higher(store, plan_iri(lower), plan_iri(against) if against else None)
    data = build_data(store, ctx)
    try:
        report = run(data, engine, extra_shapes)
    finally:
        data.store.close()
    report.seconds = round(time.perf_counter() - t0, 4)
    return report


__all__ = ["AuditReport", "Finding", "Evidence", "Context", "AuditData", "RawResult", "audit", "run",
           "find_higher", "build_data", "data_from_graph", "evaluate_fast", "evaluate_pyshacl",
           "shape_infos", "shapes_graph", "report_graph", "ingested_plans", "plan_iri", "plan_id_of",
           "plan_facts", "parent_division", "annotations_nt", "result_keys", "LEVELS", "PKA", "XSD"]
