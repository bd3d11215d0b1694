"""REST API over the plan graph: plans, entities (label search in Chinese, pinyin, English), passages.

Plain ``def`` endpoints (FastAPI runs them in its thread pool: store calls block). IRIs built from
path parameters are validated and bound with VALUES, never spliced as free text.
"""
from __future__ import annotations

import re
import threading

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from plankg import errors
from plankg.api.deps import get_store, require_upload_token, writing
from plankg.api.uploads import ingest_upload, read_upload
from plankg.ask import refresh_index
from plankg.graph.catalog import list_plans
from plankg.graph.ingest import read_limits
from plankg.graph.ingest import IngestReport
from plankg.graph.labels import LabelIndex
from plankg.graph.namespaces import ID, PK, sparql_prefixes

router = APIRouter(prefix="/api", tags=["plans"])
ID_BASE = str(ID)
LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
          "http://www.w3.org/2004/02/skos/core#altLabel")
_BAD_IRI_CHARS = re.compile(r'[<>"{}|^`\\\s\x00-\x1f]|%(?![0-9A-Fa-f]{2})')
_index_lock = threading.Lock()


# ---------------------------------------------------------------------- models
class PlanSummary(BaseModel):
    id: str = Field(description="plan id, e.g. 140600-master-2020-2035")
    iri: str
    graph: str = Field(description="named graph of this document version")
    kind: str = Field(description="plan or annex")
    title: str
    level: str = ""
    region: str = ""
    start: int | str | None = None
    end: int | str | None = None
    status: str = ""
    triples: int = 0


class Fact(BaseModel):
    property: str = Field(description="property IRI")
    value: str = Field(description="literal value, or the IRI of the object")
    iri: bool = Field(False, description="true when value is an IRI")
    label: str | None = Field(None, description="label of the object, when it has one")
    graph: str | None = None


class SectionOut(BaseModel):
    iri: str
    number: str | None = None
    label: str | None = None
    parent: str | None = None
    graph: str


class PlanDetail(BaseModel):
    id: str
    iri: str
    documents: list[PlanSummary]
    facts: list[Fact]
    sections: list[SectionOut]


class EntityHit(BaseModel):
    id: str = Field(description="path to use with /api/entities/{id}")
    iri: str
    label: str
    types: list[str]
    matched: str = Field(description="the label form that matched (Chinese, pinyin or English)")


class Neighbour(BaseModel):
    direction: str = Field(description="out (entity → neighbour) or in (neighbour → entity)")
    property: str
    iri: str
    label: str | None = None


class PassageRef(BaseModel):
    id: str
    iri: str
    text: str
    section: str | None = None


class EntityDetail(BaseModel):
    id: str
    iri: str
    label: str | None
    types: list[str]
    facts: list[Fact]
    neighbours: list[Neighbour]
    passages: list[PassageRef]


class PassageOut(BaseModel):
    id: str
    iri: str
    text: str
    kind: str | None = None
    ordinal: int | None = None
    start_offset: int | None = None
    end_offset: int | None = None
    section: str | None = None
    section_label: str | None = None
    document: str | None = None
    graph: str | None = None
    mentions: list[Neighbour] = []


# ---------------------------------------------------------------------- helpers
def _iri_for(kind: str, ident: str) -> str:
    if not ident or _BAD_IRI_CHARS.search(ident) or ".." in ident.split("/"):
        raise errors.NotFound(f"no {kind.rstrip('/') or 'entity'} {ident!r}")
    return ID_BASE + kind + ident


def _values(var: str, iris: list[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in iris)} }}"


def _q(body: str) -> str:
    return sparql_prefixes() + body


def _short(iri: str) -> str:
    return iri[len(ID_BASE):] if iri.startswith(ID_BASE) else iri


def _labels(store, iris: list[str]) -> dict[str, str]:
    iris = sorted({i for i in iris if i.startswith(("http://", "https://")) and not _BAD_IRI_CHARS.search(i)})
    if not iris:
        return {}
    out: dict[str, str] = {}
    for r in store.select(_q(f"SELECT ?s ?l WHERE {{ {_values('s', iris)} ?s rdfs:label|skos:prefLabel ?l }}")):
        if r["s"] not in out or re.search(r"[\u4e00-\u9fff]", str(r["l"])):
            out[r["s"]] = str(r["l"])
    return out


# ---------------------------------------------------------------------- plans
def _plan_rows(store) -> list[PlanSummary]:
    return [PlanSummary(id=r["id"], iri=r["plan"], graph=r["graph"], kind=r["kind"], title=r["title"],
                        level=r.get("level", ""), region=r.get("region", ""), start=r.get("start") or None,
                        end=r.get("end") or None, status=r.get("status", ""), triples=r.get("triples", 0))
            for r in list_plans(store)]


@router.get("/plans", response_model=list[PlanSummary])
def plans(request: Request) -> list[PlanSummary]:
    """Every stored document version (plan texts and annexes)."""
    return _plan_rows(get_store(request))


@router.get("/plans/{plan_id}", response_model=PlanDetail, responses={404: {"description": "unknown plan"}})
def plan(request: Request, plan_id: str) -> PlanDetail:
    """A plan's metadata (facts of the plan node) and the outline of its sections."""
    store = get_store(request)
    iri = _iri_for("plan/", plan_id)
    docs = [p for p in _plan_rows(store) if p.iri == iri]
    if not docs:
        raise errors.UnknownPlan(f"no plan {plan_id!r}")
    graphs = [d.graph for d in docs]
    rows = store.select(_q(f"""SELECT ?g ?p ?o WHERE {{ {_values('g', graphs)} {_values('s', [iri])}
        GRAPH ?g {{ ?s ?p ?o }} FILTER(?p NOT IN (eli:has_part, pk:source, pk:adopts, eli:cites)) }}"""))
    labels = _labels(store, [str(r["o"]) for r in rows])
    facts = [Fact(property=r["p"], value=str(r["o"]), iri=str(r["o"]) in labels or str(r["o"]).startswith("http"),
                  label=labels.get(str(r["o"])), graph=r["g"]) for r in rows]
    secs = store.select(_q(f"""SELECT ?g ?s ?n ?l ?parent WHERE {{ {_values('g', graphs)}
        GRAPH ?g {{ ?s a pk:Section . OPTIONAL {{ ?s pk:sectionNumber ?n }} OPTIONAL {{ ?s rdfs:label ?l }}
                   OPTIONAL {{ ?s eli:is_part_of ?parent }} }} }}"""))
    sections = [SectionOut(iri=r["s"], number=_str(r.get("n")), label=_str(r.get("l")), parent=r.get("parent"),
                           graph=r["g"]) for r in secs]
    sections.sort(key=lambda s: (s.graph, _section_key(s.number), s.iri))
    return PlanDetail(id=plan_id, iri=iri, documents=docs, facts=facts, sections=sections)


def _str(v) -> str | None:
    return None if v is None else str(v)


def _section_key(number: str | None) -> tuple:
    if not number:
        return (1,)
    return (0, *[(int(p), "") if p.isdigit() else (10**9, p) for p in re.split(r"[.．]", number)])


# ---------------------------------------------------------------------- entity search
def _label_index(request: Request) -> LabelIndex:
    """The index for the store's current write generation, built once (others wait for it)."""
    state = request.app.state
    cached = getattr(state, "label_index", None)
    if cached and cached[0] == state.generation:
        return cached[1]
    with _index_lock:
        cached = getattr(state, "label_index", None)  # built while this request waited?
        if cached and cached[0] == state.generation:
            return cached[1]
        generation = state.generation
        index = LabelIndex.build(state.store)
        state.label_index = (generation, index)
    return index


@router.get("/entities", response_model=list[EntityHit], tags=["entities"])
def entities(request: Request,
             q: str = Query(..., min_length=1, max_length=200,
                            description="label text: Chinese (右卫), pinyin (youwei), initials (yw) or English"),
             type: str | None = Query(None, max_length=200, description="class: local name (County) or full IRI"),
             limit: int = Query(20, ge=1, le=200)) -> list[EntityHit]:
    """Search entities (and vocabulary concepts and classes) by a Chinese, pinyin or English label."""
    type_iri = None
    if type:
        type_iri = type if type.startswith(("http://", "https://")) else str(PK) + type
    return [EntityHit(id=_short(h.iri), iri=h.iri, label=h.label, types=h.types, matched=h.matched)
            for h in _label_index(request).search(q, type_iri, limit)]


@router.get("/entities/{entity_id:path}", response_model=EntityDetail, tags=["entities"],
            responses={404: {"description": "unknown entity"}})
def entity(request: Request, entity_id: str) -> EntityDetail:
    """One entity: its facts, neighbours (in and out) and the passages it comes from."""
    store = get_store(request)
    iri = _iri_for("", entity_id)
    out = store.select(_q(f"SELECT ?g ?p ?o WHERE {{ {_values('s', [iri])} GRAPH ?g {{ ?s ?p ?o }} }} LIMIT 2000"))
    inc = store.select(_q(f"""SELECT DISTINCT ?s ?p WHERE {{ {_values('o', [iri])} ?s ?p ?o
        FILTER(?p NOT IN (rdf:subject, rdf:object, pk:mentions)) }} LIMIT 500"""))
    if not out and not inc:
        raise errors.NotFound(f"no entity {entity_id!r}")
    src = {str(r["o"]) for r in out if r["p"] == str(PK.source)}
    objects = [str(r["o"]) for r in out] + [r["s"] for r in inc]
    labels = _labels(store, objects + [iri])
    types = sorted({str(r["o"]) for r in out if r["p"] == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"})
    facts, neighbours = [], []
    for r in out:
        o = str(r["o"])
        if r["p"] == str(PK.source):
            continue
        is_iri = o.startswith(("http://", "https://")) and not isinstance(r["o"], (int, float))
        facts.append(Fact(property=r["p"], value=o, iri=is_iri, label=labels.get(o), graph=r["g"]))
        if is_iri and r["p"] not in LABELS and o.startswith(ID_BASE):
            neighbours.append(Neighbour(direction="out", property=r["p"], iri=o, label=labels.get(o)))
    for r in inc:
        if r["s"].startswith(ID_BASE) and "/passage/" not in r["s"] and "/section/" not in r["s"]:
            neighbours.append(Neighbour(direction="in", property=r["p"], iri=r["s"], label=labels.get(r["s"])))
    passages = []
    if src:
        rows = store.select(_q(f"""SELECT ?p ?t ?sl WHERE {{ {_values('p', sorted(src)[:200])} ?p pk:text ?t .
            OPTIONAL {{ ?p eli:is_part_of ?sec . ?sec rdfs:label ?sl }} }}"""))
        passages = [PassageRef(id=_short(r["p"])[len("passage/"):], iri=r["p"], text=str(r["t"]),
                               section=_str(r.get("sl"))) for r in rows]
        passages.sort(key=lambda p: p.iri)
    return EntityDetail(id=entity_id, iri=iri, label=labels.get(iri), types=types, facts=facts,
                        neighbours=neighbours, passages=passages)


@router.get("/passages/{passage_id:path}", response_model=PassageOut, tags=["entities"],
            responses={404: {"description": "unknown passage"}})
def passage(request: Request, passage_id: str) -> PassageOut:
    """One passage of a plan: its text, kind, offsets, section and the entities it mentions."""
    store = get_store(request)
    iri = _iri_for("passage/", passage_id)
    rows = store.select(_q(f"""SELECT ?g ?t ?k ?o ?so ?eo ?sec ?sl ?doc WHERE {{ {_values('p', [iri])}
        GRAPH ?g {{ ?p pk:text ?t . OPTIONAL {{ ?p pk:passageKind ?k }} OPTIONAL {{ ?p pk:ordinal ?o }}
          OPTIONAL {{ ?p pk:startOffset ?so }} OPTIONAL {{ ?p pk:endOffset ?eo }} OPTIONAL {{ ?p pk:inDocument ?doc }}
          OPTIONAL {{ ?p eli:is_part_of ?sec OPTIONAL {{ ?sec rdfs:label ?sl }} }} }} }} LIMIT 1"""))
    if not rows:
        raise errors.NotFound(f"no passage {passage_id!r}")
    r = rows[0]
    ments = store.select(_q(f"""SELECT DISTINCT ?e WHERE {{ {_values('p', [iri])} {{ ?e pk:source ?p }}
        UNION {{ ?p pk:mentions ?e }} FILTER NOT EXISTS {{ ?e a rdf:Statement }} }} LIMIT 500"""))
    labels = _labels(store, [m["e"] for m in ments])
    return PassageOut(id=passage_id, iri=iri, text=str(r["t"]), kind=_str(r.get("k")), ordinal=_int(r.get("o")),
                      start_offset=_int(r.get("so")), end_offset=_int(r.get("eo")), section=r.get("sec"),
                      section_label=_str(r.get("sl")), document=r.get("doc"), graph=r["g"],
                      mentions=[Neighbour(direction="out", property=str(PK.mentions), iri=m["e"],
                                          label=labels.get(m["e"])) for m in ments])


def _int(v) -> int | None:
    try:
        return None if v is None else int(v)
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------------- upload
IngestOut = IngestReport  # the API answers with ingest's own report model

UPLOAD_DOC = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary", "description": "plan file: .txt .md .docx .pdf"}}}}}}}


@router.post("/plans", response_model=IngestOut, status_code=201, openapi_extra=UPLOAD_DOC,
             dependencies=[Depends(require_upload_token)],
             responses={401: {"description": "no bearer token"}, 403: {"description": "updates disabled or wrong token"},
                        413: {"description": "file larger than PLANKG_MAX_DOCUMENT_BYTES"},
                        415: {"description": "not multipart/form-data"}})
async def upload_plan(request: Request, response: Response) -> IngestOut:
    """Upload a plan file and ingest it as a version of its plan. Needs the bearer token.

    201 when it adds a plan, a version or an annex; 200 when the same text was stored (`outcome`
    "unchanged") or when it replaces the stored text of the same status (`outcome` "replaced-version",
    said in `message` and `warnings`). Another plan is never replaced."""
    state = request.app.state
    limit = state.settings.max_document_bytes
    upload = await read_upload(request, limit, max_fields=5)

    def ingest() -> IngestOut:
        with writing(state) as store:
            report = ingest_upload(store, upload, read_limits(state.settings))
        refresh_index(store)  # the chat index follows the graphs written (re-reads only changed stamps)
        return report

    report = await run_in_threadpool(ingest)
    if report.outcome in ("unchanged", "replaced-version"):
        response.status_code = 200
    return report
