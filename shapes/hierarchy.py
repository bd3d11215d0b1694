"""The plan hierarchy as a networkx DiGraph: plans as nodes, based_on / cites edges (lower → higher).

Each ingested plan also gets its `parent`: the higher plan the audit would use (context.find_higher's
rules: by citation, level, region and type), so the tree reads province → city → county → township,
with each special plan printed beside the master plan of its region.

Problems reported: a plan with no path to a higher plan, a level skip (a county based on a province
plan only), cycles, and cited plans missing from the store.
"""
from __future__ import annotations

import networkx as nx
from pydantic import BaseModel

from plankg.graph.namespaces import ELI, PK
from plankg.shapes.context import higher_candidates, ingested_plans, is_master, level_index, plan_facts, plan_id_of
from plankg.shapes.model import LEVELS


class Problem(BaseModel):
    kind: str   # no-higher-plan | level-skip | cycle | missing-cited-plan
    plan: str
    detail: str


class Hierarchy(BaseModel):
    nodes: list[dict]
    edges: list[dict]
    problems: list[Problem]


def build_graph(store) -> nx.DiGraph:
    plans = ingested_plans(store)
    facts = plan_facts(store, sorted(plans))
    g = nx.DiGraph()
    for p, f in facts.items():
        candidates = higher_candidates(facts, p)
        parent = next((c for c in candidates if c in f["cites"]), candidates[0] if candidates else None)
        g.add_node(p, title=f.get("title"), level=f.get("level"), region=f.get("region"), ingested=True,
                   special=not is_master(f), parent=parent)
    rows = store.select(
        "SELECT DISTINCT ?p ?c ?rel WHERE { VALUES ?p { " + " ".join(f"<{p}>" for p in plans) + " } "
        f"{{ ?p <{ELI.based_on}>|<{PK.higherPlan}> ?c BIND(\"based_on\" AS ?rel) }} UNION "
        f"{{ ?p <{ELI.cites}> ?c BIND(\"cites\" AS ?rel) }} "
        "FILTER(STRSTARTS(STR(?c), \"https://w3id.org/plankg/id/plan/\")) }") if plans else []
    for r in rows:
        p, c = str(r["p"]), str(r["c"])
        if p == c:
            continue
        if c not in g:
            title = next((str(t["t"]) for t in store.select(
                f"SELECT ?t WHERE {{ <{c}> <{ELI.title}>|<{PK.citedTitle}> ?t }} LIMIT 1")), None)
            g.add_node(c, title=title, level=None, region=None, ingested=False, special=False, parent=None)
        rel = g.edges[p, c]["rel"] if g.has_edge(p, c) else None
        g.add_edge(p, c, rel="based_on" if "based_on" in (rel, r["rel"]) else "cites")
    return g


def problems(g: nx.DiGraph) -> list[Problem]:
    out: list[Problem] = []
    for cycle in nx.simple_cycles(g):
        out.append(Problem(kind="cycle", plan=plan_id_of(cycle[0]),
                           detail=" → ".join(plan_id_of(p) for p in cycle + cycle[:1])))
    for p, data in g.nodes(data=True):
        if not data["ingested"]:
            citing = sorted(plan_id_of(s) for s in g.predecessors(p))
            out.append(Problem(kind="missing-cited-plan", plan=plan_id_of(p),
                               detail=f"《{data.get('title') or plan_id_of(p)}》 cited by {', '.join(citing)} is not in the store"))
            continue
        lv = level_index(data.get("level"))
        if lv is None or lv == 0:
            continue
        higher = [h for h in nx.descendants(g, p) if g.nodes[h]["ingested"]
                  and (level_index(g.nodes[h].get("level")) if level_index(g.nodes[h].get("level")) is not None else 99) < lv]
        if not higher and not (data.get("special") and data.get("parent")):  # a special plan answers to its master plan
            out.append(Problem(kind="no-higher-plan", plan=plan_id_of(p),
                               detail="no path to an ingested plan of a higher level"))
        direct = [h for h in g.successors(p) if g.edges[p, h]["rel"] == "based_on"]
        levels = [level_index(g.nodes[h].get("level")) for h in direct if g.nodes[h]["ingested"]]
        levels += [_level_from_id(h) for h in direct if not g.nodes[h]["ingested"]]
        known = [x for x in levels if x is not None]
        if known and lv - 1 not in known:
            out.append(Problem(kind="level-skip", plan=plan_id_of(p),
                               detail=f"based on {LEVELS[min(known)]}-level plans only, not on a {LEVELS[lv - 1]}-level plan"))
    return out


def _level_from_id(iri: str) -> int | None:
    """Level of a plan not in the store, from the region code in its id (140000 province, 140600 city)."""
    code = plan_id_of(iri).split("-", 1)[0]
    if not (code.isdigit() and len(code) == 6):
        return None
    return 0 if code.endswith("0000") else 1 if code.endswith("00") else 2


def hierarchy(store) -> Hierarchy:
    g = build_graph(store)
    return Hierarchy(
        nodes=[{"id": plan_id_of(p), "iri": p, "title": d.get("title"),
                "level": (d.get("level") or "").rsplit("/", 1)[-1] or None, "ingested": d["ingested"],
                "type": "special" if d.get("special") else "master",
                "parent": plan_id_of(d["parent"]) if d.get("parent") else None}
               for p, d in sorted(g.nodes(data=True))],
        edges=[{"from": plan_id_of(a), "to": plan_id_of(b), "rel": d["rel"]} for a, b, d in sorted(g.edges(data=True))],
        problems=problems(g))


def tree_lines(h: Hierarchy) -> list[str]:
    """Text tree by each plan's parent (the higher plan an audit uses): city → county → township, a
    special plan beside the master plan of its region (marked 专项), plans cited but not stored last."""
    nodes = {n["id"]: n for n in h.nodes}
    children: dict[str | None, list[str]] = {}
    for n in h.nodes:
        if n["ingested"]:
            parent = n.get("parent")
            beside = parent and n.get("type") == "special" and nodes[parent].get("level") == n.get("level")
            key = nodes[parent].get("parent") if beside else parent
            children.setdefault(key, []).append(n["id"])
    lines: list[str] = []

    def order(ids: list[str]) -> list[str]:  # master plans first, each followed by the special plans beside it
        return sorted(ids, key=lambda i: (nodes[i].get("parent") or i if nodes[i]["type"] == "special" else i,
                                          nodes[i]["type"] == "special", i))

    def walk(node: str, depth: int, seen: frozenset) -> None:
        n = nodes[node]
        mark = "［专项］" if n["type"] == "special" else ""
        lines.append(f"{'  ' * depth}{'└─ ' if depth else ''}{mark}{n['title'] or node} ({node})")
        for c in order(children.get(node, [])):
            if c not in seen:
                walk(c, depth + 1, seen | {c})

    for r in order(children.get(None, [])):
        walk(r, 0, frozenset({r}))
    missing = sorted(n["id"] for n in h.nodes if not n["ingested"])
    for m in missing:
        lines.append(f"{nodes[m]['title'] or m} ({m})  [not in store]")
    return lines
