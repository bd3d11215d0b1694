"""Ingest: file → PlanDocument → Extraction → RDF → one named graph, all or nothing."""
from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from importlib.resources import files
from pathlib import Path

from plankg import errors
from plankg.settings import Settings
from plankg.extract import pipeline, reader
from plankg.graph import observations, versions
from plankg.graph.geo import with_geometry
from plankg.graph.store import PlanStore
from plankg.graph.to_rdf import to_rdf
from plankg.ontology import ontology_graph


@dataclass
class IngestReport:
    file: str
    title: str
    plan_id: str
    graph: str
    passages: int
    entity_count: int
    entities_by_type: dict[str, int]
    statements: int
    indicator_values: int
    triples: int
    seconds: float
    warnings: list[str] = field(default_factory=list)
    outcome: str = "new-plan"  # new-plan | new-version | unchanged | replaced-version (graph/versions.py)
    status: str = ""           # the version's status as printed (征求意见稿, 公示稿 …)
    message: str = ""          # the outcome in words (printed by the CLI)
    stamp: str = ""            # the content stamp of the graph written

    def to_dict(self) -> dict:
        return asdict(self)


def collect_files(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given, folders searched (sorted) for supported plan files."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and (f.suffix.lower() in reader.SUPPORTED
                                                                             or observations.is_observation_file(f))))
        elif p.exists():
            out.append(p)
        else:
            raise errors.FileMissing(f"{p} does not exist")
    if not out:
        raise errors.FileMissing("no plan files found", hint="give .txt/.md/.docx/.pdf files or folders holding them")
    return out


def read_limits(settings: Settings) -> reader.ReadLimits:
    """The reading limits (decompression and page bombs) the PLANKG_* settings ask for."""
    return reader.ReadLimits(max_bytes=settings.max_document_bytes, max_text_chars=settings.max_text_chars,
                             max_passages=settings.max_passages, max_pdf_pages=settings.max_pdf_pages,
                             max_zip_member_bytes=settings.max_zip_member_bytes, max_zip_ratio=settings.max_zip_ratio,
                             max_pdf_page_bytes=settings.max_pdf_page_bytes, max_pdf_page_glyphs=settings.max_pdf_page_glyphs,
                             max_pdf_page_shapes=settings.max_pdf_page_shapes,
                             max_pdf_table_crossings=settings.max_pdf_table_crossings)


def ingest_file(store: PlanStore, path: Path | str, max_bytes: int | None = None,
                limits: reader.ReadLimits = reader.DEFAULT_LIMITS) -> IngestReport:
    """Read, extract and store one document. Everything is built before the store is touched.

    ``limits`` bound how far the file may expand when read (see extract/loaders.py)."""
    started = time.perf_counter()
    path = Path(path)
    if observations.is_observation_file(path):  # a statistics table (.csv/.xlsx): observations only
        doc, data = observations.read_observations(path, None, max_bytes or limits.max_bytes)
    else:
        doc = reader.read(path, max_bytes, limits)
        data = observations.read_observations(path, doc, 0)[1] if observations.is_report(doc) else None
    if data is not None:  # a monitoring report or table is its own named graph of observations
        store.ensure_ontology(ontology_graph())
        return IngestReport(**observations.store_observations(store, doc, data, started))
    ex = pipeline.extract(doc)
    result = to_rdf(doc, ex)
    graph = str(result.graph)
    triples, stamp = versions.stamped(graph, list(with_geometry(result.triples)))
    outcome = versions.classify(store, ex.meta.plan_id, graph, stamp)  # read before anything is written
    store.ensure_ontology(ontology_graph())
    size = store.replace_graph(graph, triples) if outcome.kind != "unchanged" else store.graph_size(graph)
    versions.refresh_catalog(store)
    status = versions.STATUS_LABELS.get(ex.meta.status or "text", "")
    warnings = list(ex.warnings)
    if outcome.kind == "replaced-version":
        warnings.append(outcome.message(status))
    if ex.meta.region is None:
        warnings.append("no administrative unit recognised in the title; the plan id is made from the title")
    if ex.meta.start is None:
        warnings.append("no plan period (YYYY-YYYY年) found")
    return IngestReport(
        file=path.name, title=ex.meta.title, plan_id=ex.meta.plan_id, graph=str(result.graph),
        passages=len(doc.passages), entity_count=len(ex.entities),
        entities_by_type=dict(result.entities_by_type.most_common()), statements=result.statements,
        indicator_values=len(ex.quantities), triples=size, seconds=time.perf_counter() - started, warnings=warnings,
        outcome=outcome.kind, status=status, message=outcome.message(status), stamp=stamp)


def ingest_paths(store: PlanStore, paths: Iterable[Path | str], max_bytes: int | None = None,
                 limits: reader.ReadLimits = reader.DEFAULT_LIMITS) -> list[IngestReport]:
    return [ingest_file(store, f, max_bytes, limits) for f in collect_files(paths)]


def bundled_examples() -> list[Path]:
    """The sample plans shipped with plankg (the Shuozhou plan and its annex)."""
    folder = files("plankg.examples")
    return sorted(Path(str(folder.joinpath(name.name))) for name in folder.iterdir()
                  if name.name.endswith((".txt", ".md")))
