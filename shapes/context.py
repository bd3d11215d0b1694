"""Which plans an audit reads, and the data store it runs on.

find_higher(store, lower) -> Context     the higher plan, found by citation, level, region and type
build_data(store, ctx)    -> AuditData   an in-memory store holding ONLY the graphs the audit needs
                                         (lower plan, higher plan chain, ontology, annotations) plus
                                         the triples derive.py adds — never a copy of the whole store
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from plankg import errors
from plankg.graph.base import Store
from plankg.graph.namespaces import ELI, GRAPH_BASE, ONTOLOGY_GRAPH, PK
from plankg.graph.store import PlanStore
from plankg.graph.versions import superseded_graphs
from plankg.ontology import ontology_graph
from plankg.shapes import derive
from plankg.shapes.model import LEVELS, PKA, PLAN_BASE, VERSION_ORDER, Context
from plankg.shapes.rules import annotations_nt

MASTER = "/master"


def plan_iri(plan_id: str) -> str:
    return plan_id if plan_id.startswith("http") else PLAN_BASE + plan_id


def plan_id_of(iri: str) -> str:
    return iri[len(PLAN_BASE):] if iri.startswith(PLAN_BASE) else iri


def ingested_plans(store: Store) -> dict[str, list[str]]:
    """plan IRI -> its named graphs in the store: its current version and annexes (a superseded version
    is read only when named)."""
    out: dict[str, list[str]] = {}
    superseded = superseded_graphs(store)
    for g in store.graphs():
        if not g.startswith(GRAPH_BASE) or g == ONTOLOGY_GRAPH or g in superseded:
            continue
        rest = g[len(GRAPH_BASE):]
        if "/" not in rest or rest.startswith("_"):
            continue
        out.setdefault(PLAN_BASE + rest.split("/", 1)[0], []).append(g)
    return out


def plan_graphs(graphs: list[str]) -> list[str]:
    """One document version (approved > submitted > publicity > draft > proposal > other) plus every annex."""
    annexes = [g for g in graphs if g.rsplit("/", 1)[-1].startswith("annex")]
    docs = [g for g in graphs if g not in annexes]
    rank = {v: i for i, v in enumerate(VERSION_ORDER)}
    docs.sort(key=lambda g: (rank.get(g.rsplit("/", 1)[-1], len(rank)), g))
    return docs[:1] + sorted(annexes)


def iri_values(iris) -> str:
    """A VALUES body of IRIs that come from the store's own graph names (never user text)."""
    return " ".join(f"<{URIRef(i)}>" for i in iris)


def plan_facts(store: Store, iris: list[str]) -> dict[str, dict]:
    """level, region, title, planType and cited plan IRIs of the given plans."""
    if not iris:
        return {}
    rows = store.select(
        "SELECT ?p ?level ?region ?title ?type WHERE { VALUES ?p { " + iri_values(iris) + " } "
        f"OPTIONAL {{ ?p <{PK.level}> ?level }} OPTIONAL {{ ?p <{PK.coversRegion}> ?region }} "
        f"OPTIONAL {{ ?p <{ELI.title}> ?title }} OPTIONAL {{ ?p <{PK.planType}> ?type }} }}")
    out: dict[str, dict] = {i: {"cites": []} for i in iris}
    for r in rows:
        d = out[r["p"]]
        for k in ("level", "region", "title", "type"):
            if k in r:
                d.setdefault(k, str(r[k]))
    cites = store.select(
        "SELECT DISTINCT ?p ?c WHERE { VALUES ?p { " + iri_values(iris) + " } "
        f"?p <{ELI.cites}>|<{PK.higherPlan}>|<{ELI.based_on}> ?c . "
        f"FILTER(STRSTARTS(STR(?c), \"{PLAN_BASE}\")) }}")
    for r in cites:
        out[r["p"]]["cites"].append(str(r["c"]))
    return out


def level_index(iri: str | None) -> int | None:
    key = (iri or "").rsplit("/", 1)[-1]
    return LEVELS.index(key) if key in LEVELS else None


def parent_division(code: str) -> str | None:
    """Official code hierarchy: 140623101 -> 140623, 140623 -> 140600, 140600 -> 140000."""
    if len(code) > 6:
        return code[:6]
    if len(code) == 6 and code[4:] != "00":
        return code[:4] + "00"
    if len(code) == 6 and code[2:] != "0000":
        return code[:2] + "0000"
    return None


def is_master(fact: dict) -> bool:
    return (fact.get("type") or MASTER).endswith(MASTER)  # untyped plans are read as master plans


def region_code(fact: dict) -> str:
    return (fact.get("region") or "").rsplit("/", 1)[-1]


def higher_candidates(facts: dict[str, dict], lower: str) -> list[str]:
    """Plans the lower plan answers to, nearest first: a special plan answers to the master plan of its
    own region and level; a master plan to the master plan one level up covering the parent division."""
    me = facts[lower]
    my_level, region = level_index(me.get("level")), region_code(me)
    if my_level is None:
        return []
    if not is_master(me):
        same = [p for p, f in facts.items() if p != lower and is_master(f)
                and level_index(f.get("level")) == my_level and region_code(f) == region and region]
        if same:
            return sorted(same)
    parent = parent_division(region) if region else None
    up = [p for p, f in facts.items() if p != lower and level_index(f.get("level")) == my_level - 1
          and (parent is None or region_code(f) == parent)]
    return sorted(up, key=lambda p: (not is_master(facts[p]), p))


def find_higher(store: Store, lower: str, against: str | None = None) -> Context:
    plans = ingested_plans(store)
    if lower not in plans:
        raise errors.UnknownPlan(f"plan {plan_id_of(lower)!r} is not in the store")
    facts = plan_facts(store, sorted(plans))
    me = facts[lower]
    missing = sorted({c for c in me["cites"] if c not in plans and c != lower})
    if against is not None:
        if against not in plans:
            raise errors.UnknownPlan(f"plan {plan_id_of(against)!r} is not in the store")
        return Context(lower, against, "explicit", missing, _chain(facts, against))
    candidates = higher_candidates(facts, lower)
    cited = [c for c in candidates if c in me["cites"]]
    if cited:
        return Context(lower, cited[0], "citation", missing, _chain(facts, cited[0]))
    if candidates and (region_code(me) or not is_master(me)):
        found_by = "hierarchy" if is_master(me) else "master"
        return Context(lower, candidates[0], found_by, missing, _chain(facts, candidates[0]))
    return Context(lower, None, None, missing)


def _chain(facts: dict[str, dict], higher: str) -> list[str]:
    """The master plans above `higher` (its own higher plan, and so on) — their lists may name the unit."""
    out: list[str] = []
    current = higher
    while True:
        nxt = next((c for c in higher_candidates(facts, current) if c not in out and c != higher), None)
        if nxt is None or not is_master(facts[nxt]):
            return out
        out.append(nxt)
        current = nxt


@dataclass
class AuditData:
    context: Context
    store: PlanStore          # in-memory store: the audit's graphs in its default graph, plus derived triples
    _graph: Graph | None = None

    @property
    def graph(self) -> Graph:
        """rdflib graph for pySHACL, parsed on first use from the same triples."""
        if self._graph is None:
            self._graph = Graph().parse(data=self.store.export("nt").decode("utf-8"), format="nt")
        return self._graph


def context_triples(ctx: Context) -> Graph:
    g = Graph()
    lower = URIRef(ctx.lower)
    g.add((lower, RDF.type, PKA.AuditedPlan))
    if ctx.higher:
        g.add((lower, PKA.auditedAgainst, URIRef(ctx.higher)))
        g.add((lower, PKA.higherFoundBy, Literal(ctx.found_by)))
    for m in ctx.missing_cited:
        g.add((lower, PKA.missingCitedPlan, URIRef(m)))
    return g


def _ontology_nt(store: Store) -> bytes:
    if ONTOLOGY_GRAPH in store.graphs():
        return store.dump("nt", graph=ONTOLOGY_GRAPH)
    return ontology_graph().serialize(format="nt", encoding="utf-8")


def build_data(store: Store, ctx: Context) -> AuditData:
    """Copy only the graphs the audit reads (lower plan, higher plan and its chain, ontology)."""
    plans = ingested_plans(store)
    mem = PlanStore(None)
    for chunk in (_ontology_nt(store), annotations_nt(), context_triples(ctx).serialize(format="nt", encoding="utf-8")):
        mem.load(chunk, "nt")
    attributes: list = []
    for p in filter(None, [ctx.lower, ctx.higher, *ctx.chain]):
        graphs = plan_graphs(plans.get(p, []))
        for g in graphs:
            mem.load(store.dump("nt", graph=g), "nt")
        attributes += derive.stated_attributes(store, p, graphs)
    mem.load(derive.to_nt(attributes), "nt")
    return with_derived(mem, ctx)


def data_from_graph(graph: Graph, ctx: Context) -> AuditData:
    """For hand-written test data: the graph already holds everything the shapes read."""
    mem = PlanStore(None)
    mem.load(graph.serialize(format="nt", encoding="utf-8"), "nt")
    return with_derived(mem, ctx)


def with_derived(mem: PlanStore, ctx: Context) -> AuditData:
    mem.load(derive.derived_nt(mem, ctx.lower, ctx.higher, ctx.chain), "nt")
    return AuditData(ctx, mem)
