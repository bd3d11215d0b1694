"""Everything the yearly check needs for one plan, read from the store, judged by monitor.rule.

For each indicator the plan's current version sets a target for in its own region: the target
(nearest target year ≥ the year asked), the base (stated in the plan or a monitoring report), the
observation of the year (a report first, a statistics table when the report has none; both kept and
flagged when they disagree), the path value and the status. After the plan's own row comes a row per
allocation a higher plan (its annex) makes for the region, marked ``"row": "allocation"``.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from importlib.resources import files
from dataclasses import asdict, dataclass, field

from plankg import errors
from plankg.extract.meta import without_status
from plankg.extract.model import normalise
from plankg.extract.observations import leading_place, resolve_indicator
from plankg.graph.base import Store
from plankg.graph import iris as graph_iris, versions
from plankg.graph.catalog import list_plans
from plankg.graph.namespaces import with_prefixes
from plankg.monitor import rule
from plankg.ontology.quantities import commensurable

IRI_OK = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
SDMX = ("PREFIX sdmxd: <http://purl.org/linked-data/sdmx/2009/dimension#>\n"
        "PREFIX sdmxm: <http://purl.org/linked-data/sdmx/2009/measure#>\n")
SOURCE_RANK = {"report": 0, "table": 1}


def iri(value: str) -> str:
    """An IRI read from the store, checked before it goes into a query (no user text reaches SPARQL)."""
    if not IRI_OK.match(value):
        raise errors.BadRequest(f"not an IRI: {value!r}")
    return f"<{value}>"


@dataclass
class Obs:
    indicator: str
    year: int
    value: float
    unit: str
    value_text: str
    source: str  # report | table
    dataset: str  # the report's or table's title
    passage: str  # IRI of the passage or table row
    text: str
    is_base: bool = False

    def in_unit(self, unit: str) -> float | None:
        return rule.in_unit(self.value, self.unit, unit)


@dataclass
class Row:
    indicator: str
    region: str
    row: str  # plan | allocation
    target: dict
    base: dict | None
    observed: dict | None
    observed_in_target_unit: float | None
    base_in_target_unit: float | None
    path: float | None
    branch: str | None
    status: str
    conflict: bool = False
    observations: list[dict] = field(default_factory=list)  # every observation of the year, when several
    series: list[dict] = field(default_factory=list)  # observations over the years, in the target's unit
    allocated_by: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


# ----------------------------------------------------------------------------- which plan
def current_plans(store: Store) -> list[dict]:
    """`plankg plans` rows of each plan's current version (graph/versions.py decides which is current).
    A caller checking several places reads them once and passes them on."""
    current = {p.current.graph for p in versions.plans(store) if p.current}
    return [r for r in list_plans(store, counts=False) if r["kind"] == "plan" and r["graph"] in current]


def resolve_plan(store: Store, spec: str, rows: list[dict] | None = None) -> dict:
    """A plan row of `plankg plans` from its id, its title or its region name; the current version."""
    rows = current_plans(store) if rows is None else rows
    # a title as printed on a cover names its version too: "…（2021-2035年）（征求意见稿）" is the plan
    spec = without_status(spec or "")
    hits = [r for r in rows if r["id"] == spec] or [r for r in rows if normalise(r["title"]) == normalise(spec)] \
        or [r for r in rows if r.get("region") == spec] or [r for r in rows if spec and normalise(spec) in normalise(r["title"])]
    if not hits:
        raise errors.UnknownPlan(f"no plan matches {spec!r}", hint="`plankg plans` lists the plans")
    if len(hits) > 1:
        raise errors.UnknownPlan(f"{spec!r} names several plans", detail=", ".join(sorted(r["id"] for r in hits)),
                                 hint="give the plan id as `plankg plans` shows it")
    return hits[0]


def _one(store: Store, q: str, graphs=None) -> list[dict]:
    return store.select(with_prefixes(SDMX + q), graphs)


def plan_facts(store: Store, plan: dict) -> dict:
    g = iri(plan["graph"])
    rows = _one(store, f"""SELECT ?region ?regionLabel ?base ?near WHERE {{ GRAPH {g} {{ {iri(plan['plan'])} pk:coversRegion ?region .
        OPTIONAL {{ {iri(plan['plan'])} pk:baseYear ?base }} OPTIONAL {{ {iri(plan['plan'])} pk:nearTermYear ?near }} }}
        OPTIONAL {{ ?region rdfs:label ?regionLabel }} }}""")
    if not rows:  # a place the gazetteer lacks: reports and tables of the same place name it as a pk:Place
        place = leading_place(plan["title"])
        if place is None:
            raise errors.NotFound(f"plan {plan['id']} names no region", hint="monitoring needs the plan's region")
        base = _one(store, f"SELECT ?base WHERE {{ GRAPH {g} {{ {iri(plan['plan'])} pk:baseYear ?base }} }}")
        return {"region": str(graph_iris.entity("Place", place)), "region_label": place,
                "base_year": int(base[0]["base"]) if base else None}
    r = rows[0]
    return {"region": str(r["region"]), "region_label": str(r.get("regionLabel") or plan.get("region") or ""),
            "base_year": int(r["base"]) if r.get("base") is not None else None}


# ----------------------------------------------------------------------------- values from the store
def _values(store: Store, kind: str, region: str, graph: str | None, exclude_graph: str | None = None) -> list[dict]:
    """Targets / Measurements / Allocations for ``region`` (a plan's own values carry its region or none)."""
    scope = f"GRAPH {iri(graph)}" if graph else "GRAPH ?g"
    area = f"?v pk:refArea {iri(region)} ." if kind == "Allocation" or not graph else \
        f"OPTIONAL {{ ?v pk:refArea ?area }} FILTER(!BOUND(?area) || ?area = {iri(region)})"
    # an allocation names the plan that makes it (its label may sit in that plan's own graph)
    by = "?v pk:allocatedBy ?by ." if kind == "Allocation" else ""
    by_label = "OPTIONAL { ?by rdfs:label ?byLabel }" if kind == "Allocation" else ""
    q = f"""SELECT ?g ?v ?label ?value ?unit ?year ?bound ?nature ?text ?src ?by ?byLabel WHERE {{ {scope} {{
        ?v a pk:{kind} ; pk:indicator ?ind ; pk:value ?value ; pk:unitLabel ?unit ; pk:bound ?bound . {by}
        ?ind rdfs:label ?label . {area}
        FILTER NOT EXISTS {{ ?v pk:isCount true }}
        OPTIONAL {{ ?v pk:year ?year }} OPTIONAL {{ ?v pk:nature ?nature }} OPTIONAL {{ ?v pk:sourceText ?text }}
        OPTIONAL {{ ?v pk:source ?src }} }} {by_label} }}"""
    out = []
    for r in _one(store, q):
        if exclude_graph and str(r.get("g")) == exclude_graph:
            continue
        out.append({"indicator": str(r["label"]), "value": float(r["value"]), "unit": str(r["unit"]),
                    "year": int(r["year"]) if r.get("year") is not None else None,
                    "bound": str(r["bound"]).rsplit("/", 1)[-1], "nature": _tail(r.get("nature")),
                    "text": str(r.get("text") or ""), "passage": str(r.get("src") or ""),
                    "allocated_by": str(r.get("byLabel") or r.get("by") or "") or None, "graph": str(r.get("g") or graph)})
    return out


def observations(store: Store, region: str) -> list[Obs]:
    """Every observation stored for ``region``, from reports and tables."""
    q = f"""SELECT ?o ?label ?period ?value ?unit ?vt ?kind ?dsLabel ?src ?text ?base WHERE {{
        ?o a pk:MonitoringObservation ; pk:observedIndicator ?ind ; sdmxd:refArea {iri(region)} ;
           sdmxd:refPeriod ?period ; sdmxm:obsValue ?value ; pk:unitLabel ?unit ; qb:dataSet ?ds .
        ?ind rdfs:label ?label . ?ds a ?kind ; rdfs:label ?dsLabel . FILTER(?kind IN (pk:MonitoringReport, pk:ObservationTable))
        OPTIONAL {{ ?o pk:valueText ?vt }} OPTIONAL {{ ?o pk:source ?src . OPTIONAL {{ ?src pk:text ?text }} }}
        OPTIONAL {{ ?o pk:isBaseValue ?base }} }}"""
    seen, out = set(), []
    for r in _one(store, q):
        if r["o"] in seen:
            continue
        seen.add(r["o"])
        out.append(Obs(str(r["label"]), int(str(r["period"])[:4]), float(r["value"]), str(r["unit"]),
                       str(r.get("vt") or r["value"]), "report" if str(r["kind"]).endswith("MonitoringReport") else "table",
                       str(r["dsLabel"]), str(r.get("src") or ""), str(r.get("text") or ""),
                       str(r.get("base")).lower() == "true"))
    return out


def _tail(v) -> str | None:
    return str(v).rstrip("/").rsplit("/", 1)[-1] if v else None


@lru_cache(maxsize=4096)
def indicator_key(name: str) -> str:
    """One key for an indicator however it is worded (plan, report and table may differ)."""
    return normalise(resolve_indicator(name) or name)


# ----------------------------------------------------------------------------- judging
def _decimals(text: str) -> int:
    m = re.search(r"\d+(?:\.(\d+))?", text or "")
    return len(m.group(1) or "") if m else 0


def agree(a: Obs, b: Obs, unit: str) -> bool:
    """Two observations agree when they differ by less than their printed precision allows."""
    va, vb = a.in_unit(unit), b.in_unit(unit)
    if va is None or vb is None:
        return True
    # half a unit of the coarser printed last digit: 66.39万亩 and 44260公顷 agree, 9.8% and 9.7% do not
    tol = max(0.5 * 10 ** -_decimals(o.value_text) * abs((o.in_unit(unit) or 0) / o.value if o.value else 1)
              for o in (a, b))
    return abs(va - vb) < tol - 1e-12


def pick(observed: list[Obs], unit: str) -> tuple[Obs | None, bool]:
    """The observation a status rests on (a report before a table) and whether the sources disagree."""
    if not observed:
        return None, False
    ranked = sorted(observed, key=lambda o: (SOURCE_RANK[o.source], o.is_base))
    chosen = ranked[0]
    return chosen, any(not agree(chosen, o, unit) for o in ranked[1:])


def _obs_dict(o: Obs) -> dict:
    return {"value": o.value, "unit": o.unit, "year": o.year, "source": o.source, "dataset": o.dataset,
            "passage": o.passage, "text": o.text}


@lru_cache(maxsize=1)
def bound_conventions() -> dict[str, str]:
    """indicator key → ge|le, the way an indicator binds when a plan prints a bare value."""
    text = files("plankg.monitor").joinpath("indicator_bounds.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return {indicator_key(name.strip()): bound.strip() for name, bound, *_ in rows}


def judge_row(indicator: str, region: str, row_kind: str, targets: list[dict], base: dict | None,
              obs: list[Obs], year: int, allocated_by: str | None = None, elsewhere: list[dict] = ()) -> Row:
    """One row of the check: the target for ``year``, the base, the observation, the path and the status."""
    target_year = rule.nearest_target_year(sorted({t["year"] for t in targets}), year)
    # of several statements for that year (a table row and a sentence), one with a stated bound, the first
    t = min((t for t in targets if t["year"] == target_year), key=lambda t: (t["bound"] not in ("ge", "le"),
                                                                             _ordinal(t["passage"])))
    unit = t["unit"]
    of_year = [o for o in obs if o.year == year and not (o.is_base and any(not x.is_base for x in obs if x.year == year))]
    chosen, conflict = pick(of_year, unit)
    observed_value = chosen.in_unit(unit) if chosen else None
    base_value = rule.in_unit(base["value"], base["unit"], unit) if base else None
    # a bare printed value: the bound the plan states for the indicator elsewhere, its higher plan's, or the convention
    bound, bound_from = rule.bound_for(t["bound"], [x["bound"] for x in [*targets, *elsewhere]],
                                       bound_conventions().get(indicator_key(indicator)), base_value, t["value"])
    j = rule.judge(t["value"], bound, target_year, observed_value, year,
                   base_value, base["year"] if base else None)
    series = []
    for y in sorted({o.year for o in obs}):
        best, _ = pick([o for o in obs if o.year == y], unit)
        if best is not None and best.in_unit(unit) is not None:
            series.append({"year": y, "value": _round(best.in_unit(unit)), "source": best.source})
    return Row(
        indicator=indicator, region=region, row=row_kind,
        target={"value": t["value"], "unit": unit, "year": target_year, "bound": {"ge": "≥", "le": "≤"}[bound], "bound_from": bound_from,
                "text": t["text"], "passage": t["passage"]},
        base=base, observed=_obs_dict(chosen) if chosen else None,
        observed_in_target_unit=_round(observed_value), base_in_target_unit=_round(base_value), path=_round(j.path),
        branch=j.branch, status=j.status, conflict=conflict,
        observations=[_obs_dict(o) for o in of_year] if len(of_year) > 1 else [], series=series,
        allocated_by=allocated_by)


def _round(v: float | None) -> float | None:
    """Converted values to 4 decimals: the unit table's factors carry float noise (53.879997 → 53.88)."""
    return None if v is None else round(v, 4)


def _ordinal(passage: str) -> int:
    tail = passage.rsplit("/", 1)[-1]
    return int(tail) if tail.isdigit() else 10**9


def _base(plan_base: list[dict], obs: list[Obs], base_year: int | None) -> dict | None:
    """B and Y0: a base value a monitoring report states, else the plan's own value of its base year."""
    stated = [o for o in obs if o.source == "report" and (o.is_base or (base_year is not None and o.year == base_year))]
    if stated:
        o = sorted(stated, key=lambda o: (not o.is_base, o.year))[0]
        return {"value": o.value, "unit": o.unit, "year": o.year, "source": "report", "passage": o.passage}
    own = [m for m in plan_base if m["year"] is not None and m["year"] == base_year]
    if own:
        return {"value": own[0]["value"], "unit": own[0]["unit"], "year": own[0]["year"], "source": "plan",
                "passage": own[0]["passage"]}
    return None


def monitor_plan(store: Store, spec: str, year: int | None = None, rows: list[dict] | None = None) -> dict:
    """The yearly check of one plan: ``{"plan", "region", "year", "indicators": [Row…]}``."""
    plan = resolve_plan(store, spec, rows)
    facts = plan_facts(store, plan)
    result = monitor_region(store, facts["region"], facts["region_label"], year, plan, facts["base_year"])
    return {"plan": {"id": plan["id"], "title": plan["title"], "graph": plan["graph"]}, **result}


def plan_of_region(store: Store, region: str, rows: list[dict] | None = None) -> dict | None:
    """The current version of the plan that covers ``region`` (a division IRI), if one is stored."""
    graphs = {str(r["g"]) for r in _one(store, f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?plan a pk:Plan ; "
                                                 f"pk:coversRegion {iri(region)} }} }}")}
    if not graphs:
        return None
    return next((r for r in (current_plans(store) if rows is None else rows) if r["graph"] in graphs), None)


def monitor_region(store: Store, region: str, region_label: str, year: int | None = None, plan: dict | None = None,
                   base_year: int | None = None) -> dict:
    """The yearly check of one place: its plan's targets (when ``plan`` is given) and the allocations
    higher plans make for it, against its observations."""
    targets = [t for t in _values(store, "Target", region, plan["graph"]) if t["year"] is not None] if plan else []
    plan_base = _values(store, "Measurement", region, plan["graph"]) if plan else []
    allocations = [a for a in _values(store, "Allocation", region, None, exclude_graph=plan["graph"] if plan else None)
                   if a["year"] is not None]
    obs = observations(store, region)
    if year is None:
        year = max((o.year for o in obs if not o.is_base), default=None)
    if year is None:
        raise errors.NotFound(f"no observation stored for {region_label}",
                              hint="ingest a monitoring report or an observation table (plankg ingest)")
    by_ind_obs: dict[str, list[Obs]] = defaultdict(list)
    for o in obs:
        by_ind_obs[indicator_key(o.indicator)].append(o)
    by_ind_targets: dict[str, list[dict]] = defaultdict(list)
    for t in targets:
        by_ind_targets[indicator_key(t["indicator"])].append(t)
    by_ind_alloc: dict[str, list[dict]] = defaultdict(list)
    for a in allocations:
        by_ind_alloc[indicator_key(a["indicator"])].append(a)
    first = lambda ts: min(_ordinal(t["passage"]) for t in ts)  # noqa: E731
    order = sorted(by_ind_targets, key=lambda k: first(by_ind_targets[k]))  # in the order the plan states them
    order += sorted((k for k in by_ind_alloc if k not in by_ind_targets), key=lambda k: first(by_ind_alloc[k]))
    rows: list[Row] = []
    for key in order:
        name = (by_ind_targets.get(key) or by_ind_alloc[key])[0]["indicator"]
        # a value in a unit no factor links to the target's (个 or % against 万亩) is no observation of it
        unit = (by_ind_targets.get(key) or by_ind_alloc[key])[0]["unit"]
        all_obs = [o for o in by_ind_obs.get(key, []) if commensurable(o.unit, unit)]
        base = _base([m for m in plan_base if indicator_key(m["indicator"]) == key], all_obs, base_year)
        if key in by_ind_targets:
            rows.append(judge_row(name, region_label, "plan", by_ind_targets[key], base, all_obs, year,
                                  elsewhere=by_ind_alloc.get(key, [])))
        higher = by_ind_alloc.get(key, [])
        for by in sorted({a["allocated_by"] or "" for a in higher}):
            mine = [a for a in higher if (a["allocated_by"] or "") == by]
            rows.append(judge_row(name, region_label, "allocation", mine, base, all_obs, year, by or None,
                                  elsewhere=by_ind_targets.get(key, [])))
    return {"region": region_label, "region_iri": region, "year": year, "base_year": base_year,
            "indicators": [r.to_dict() for r in rows],
            "failed": sorted({r.indicator for r in rows if r.status in rule.FAILED})}
