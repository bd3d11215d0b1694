"""Triples the audit derives from the data before validation, so that shapes stay simple queries.

  x pka:statedIn P       x's passage (or x itself, a passage) is in P's document or an annex of P
  x pka:mentionedIn P    x is stated in P, shares a label with a node stated in P, or a label of x
                         occurs in P's text
  x pka:placedIn R       the data put x in the audited plan's region R
  x pka:namedAfter R     x's name begins with R's name (weaker evidence)
  pka:CountedMention     "八大园区" naming a counted set of the plan again with another number
  role pka:roleRank n    the settlement rank of a member role
  i pka:sameIndicator j  two indicator nodes named by one checklist indicator (or one label)
  x pka:namedIn p        passage p of the audited plan names x (synonym, short form) though nothing
                         about x could be read there: a case for 需人工核对, not a violation
  x pka:quotedOnlyIn P   P names x only inside a quotation of another document (background)
  g pka:ofSubjectOf P    a higher-plan list whose name or programme shares a word with special plan P's subject
  pka:StatedAttribute    what one plan says about a shared node (a project's 区段)
  t pka:commonValue v    a stated value in its dimension's canonical unit (t pka:commonUnit u)

Every function reads an in-memory audit store through the Store protocol and returns rdflib triples.
"""
from __future__ import annotations

import hashlib
import re

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from plankg.extract.lexicon import cn_to_int
from plankg.graph import readings
from plankg.graph.base import Store
from plankg.graph.namespaces import ELI, PK
from plankg.shapes import derive_zoning
from plankg.shapes.model import DIVISION_BASE, PKA

Triple = tuple

# Which plan states a node: the passage's document, or the plan an annex belongs to. Computed once
# so that every shape can say `?x pka:statedIn ?plan` instead of repeating a slow property path.
STATED_IN = f"""INSERT {{ ?x <{PKA.statedIn}> ?plan . ?p <{PKA.statedIn}> ?plan }} WHERE {{
  ?p <{PK.inDocument}> ?d . OPTIONAL {{ ?d <{PK.annexOf}> ?a }} BIND (COALESCE(?a, ?d) AS ?plan)
  OPTIONAL {{ ?x <{PK.source}> ?p }} }}"""

_NUM = "零〇一二两三四五六七八九十百千双0-9０-９"
_CLASSIFIER = "个大条处类项张座"
_STEM = re.compile(f"^[{_NUM}]+[{_CLASSIFIER}]?")


def plan_text(store: Store, plan: str) -> str:
    """The full text of a plan: every passage stated in it (document and annexes)."""
    return "\n".join(str(r["t"]) for r in store.select(
        f"SELECT ?t WHERE {{ ?p <{PKA.statedIn}> <{plan}> ; <{PK.text}> ?t }}"))


def counted_mentions(store: Store, plan: str) -> list[Triple]:
    """Counted references such as "八大园区" that name a counted set of the plan again, in the same
    section, with another number. Found in the text because extraction only makes groups of lists."""
    rows = store.select(
        f"SELECT ?g ?label ?d ?sec WHERE {{ ?g <{PK.declaredCount}> ?d ; <{RDFS.label}> ?label ; "
        f"<{PK.source}> ?p . ?p <{PKA.statedIn}> <{plan}> ; <{ELI.is_part_of}> ?sec }}")
    out: list[Triple] = []
    seen: set[str] = set()
    for r in rows:
        g, label, d, sec = r["g"], str(r["label"]), str(r["d"]), r["sec"]
        stem = _STEM.sub("", label)
        suffixes = sorted({stem[i:] for i in range(len(stem) - 1) if "\u4e00" <= stem[i] <= "\u9fff"},
                          key=len, reverse=True)
        if not suffixes or not d.isdigit():
            continue
        pattern = re.compile(f"([{_NUM}]+)([{_CLASSIFIER}]?)({'|'.join(map(re.escape, suffixes))})(?![\u4e00-\u9fff])")
        for pr in store.select(f"SELECT ?p ?t WHERE {{ ?p <{ELI.is_part_of}> <{sec}> ; <{PK.text}> ?t }}"):
            p, text = pr["p"], str(pr["t"])
            for m in pattern.finditer(text):
                n = cn_to_int(m.group(1))
                if n is None or n == int(d) or m.group(0) == label:
                    continue
                node = URIRef(str(PKA) + "mention/" + hashlib.sha1(f"{p}|{m.start()}|{g}".encode()).hexdigest()[:16])
                if str(node) in seen:
                    continue
                seen.add(str(node))
                out += [(node, RDF.type, PKA.CountedMention), (node, RDFS.label, Literal(m.group(0))),
                        (node, PK.declaredCount, Literal(n, datatype=XSD.integer)),
                        (node, PKA.mentionOf, URIRef(g)), (node, PK.source, URIRef(p)),
                        (node, PKA.statedIn, URIRef(plan))]
    return out


def labels_of_nodes(store: Store) -> dict[str, set[str]]:
    rows = store.select(f"SELECT ?x ?l WHERE {{ ?x <{RDFS.label}>|<{SKOS.altLabel}>|<{SKOS.prefLabel}> ?l "
                        "FILTER(isIRI(?x)) }")
    labels: dict[str, set[str]] = {}
    for r in rows:
        if len(str(r["l"])) >= 2:
            labels.setdefault(r["x"], set()).add(str(r["l"]))
    return labels


def mentioned_in(store: Store, plans: list[str]) -> list[Triple]:
    """`?x pka:mentionedIn P` when x is stated in P, shares a label with a node stated in P, or one of
    its labels occurs in P's text — so shapes need no slow label or text joins."""
    labels = labels_of_nodes(store)
    out: list[Triple] = []
    for plan in plans:
        stated = {r["x"] for r in store.select(
            f"SELECT DISTINCT ?x WHERE {{ ?x <{PKA.statedIn}> <{plan}> FILTER(isIRI(?x)) }}")}
        text = plan_text(store, plan)
        stated_labels = set().union(*(labels.get(x, set()) for x in stated)) if stated else set()
        for x, labs in labels.items():
            if x in stated or labs & stated_labels or any(lab in text for lab in labs):
                out.append((URIRef(x), PKA.mentionedIn, URIRef(plan)))
        out += [(URIRef(x), PKA.mentionedIn, URIRef(plan)) for x in stated if x not in labels]
    return out


def _code(iri: str) -> str | None:
    return iri[len(DIVISION_BASE):] if iri.startswith(DIVISION_BASE) else None


def code_prefix(code: str) -> str:
    """The digits every division under `code` starts with: 140600 → 1406, 140602 → 140602, and a
    township's nine digits whole (140602100 → 140602100, never 1406021, which would take in the
    district's other towns 140602101 …)."""
    return re.sub(r"(00)+$", "", code) if len(code) <= 6 else code


# a route named by the places it runs through: "左云至怀仁至浑源高速", "甲县至乙镇一级公路"
ROUTE_NAME = re.compile(r"^(?P<ways>[\u4e00-\u9fff]{2,8}?(?:至[\u4e00-\u9fff]{2,8}?)+)"
                        r"(?:高速公路|高速|一级公路|二级公路|公路|快速路|铁路|城际铁路|城际|客专)$")
DIVISION_ENDINGS = ("市", "县", "区", "旗", "镇", "乡")


def _route_through(label: str, region_names: list[str]) -> bool:
    """Does a route's name list the region among the places it runs through (by its name or short name)?"""
    m = ROUTE_NAME.match(label)
    if m is None:
        return False
    short = {n[:-1] for n in region_names if n.endswith(DIVISION_ENDINGS) and len(n) >= 3}
    return any(w in region_names or w in short for w in m.group("ways").split("至"))


def placed_in(store: Store, plan: str, higher_plans: list[str]) -> list[Triple]:
    """`?x pka:placedIn R` (R = the plan's region) when the data put x in R: pk:locatedIn /
    pk:withinDivision (directly, through the official hierarchy or the division code), x is a division
    under R, or a passage of a higher plan writes R's name right before x's ("X县Y园", "X县的Y园"), or x is a
    route whose name runs through R ("左云至怀仁至浑源高速").
    `?x pka:namedAfter R` when x's name begins with R's name (右玉县城 → 右玉县): weaker evidence."""
    region = next((r["r"] for r in store.select(f"SELECT ?r WHERE {{ <{plan}> <{PK.coversRegion}> ?r }}")), None)
    if region is None:
        return []
    code = _code(region) or ""
    prefix = code_prefix(code)
    names = [str(r["l"]) for r in store.select(f"SELECT ?l WHERE {{ <{region}> <{RDFS.label}> ?l }}")]

    def under(iri: str) -> bool:
        c = _code(iri)
        return iri == region or bool(c and prefix and c != code and c.startswith(prefix))

    placed: set[str] = set()
    for r in store.select(f"SELECT ?x ?loc WHERE {{ ?x <{PK.locatedIn}>|<{PK.withinDivision}> ?loc "
                          "FILTER(isIRI(?x) && isIRI(?loc)) }"):
        if under(r["loc"]):
            placed.add(r["x"])
    placed |= {r["x"] for r in store.select(
        f"SELECT DISTINCT ?x WHERE {{ ?x (<{PK.locatedIn}>|<{PK.withinDivision}>)/<{PK.withinDivision}>+ <{region}> }}")}
    placed |= {r["x"] for r in store.select("SELECT DISTINCT ?x WHERE { ?x a ?c FILTER(isIRI(?x)) }")
               if r["x"] != region and under(r["x"])}
    named: set[str] = set()
    if names:
        labels = [(r["x"], str(r["l"])) for r in store.select(
            f"SELECT ?x ?l WHERE {{ ?x <{RDFS.label}> ?l FILTER(isIRI(?x)) }}")]
        named = {x for x, lab in labels if any(lab.startswith(n) and lab != n for n in names)}
        text = "\n".join(plan_text(store, h) for h in higher_plans)
        if text:
            placed |= {x for x, lab in labels if not x.startswith(DIVISION_BASE)  # divisions: by code only
                       and any(n + lab in text or n + "的" + lab in text for n in names)}
        placed |= {x for x, lab in labels if _route_through(lab, names)}
    r_node = URIRef(region)
    return ([(URIRef(x), PKA.placedIn, r_node) for x in sorted(placed)]
            + [(URIRef(x), PKA.namedAfter, r_node) for x in sorted(named)])


def role_ranks(store: Store) -> list[Triple]:
    """`?role pka:roleRank n` for member roles whose label starts with a settlement rank's label
    (pka:RoleRank in shapes/annotations.ttl), so shapes compare ranks without string joins."""
    table = [(str(r["p"]), int(r["n"])) for r in store.select(
        f"SELECT ?p ?n WHERE {{ ?r <{PKA.roleLabel}> ?p ; <{PKA.rank}> ?n }}")]
    ranks: dict[str, int] = {}
    for r in store.select(f"SELECT DISTINCT ?c ?l WHERE {{ ?g <{PK.memberRole}>|<{PK.role}> ?c . "
                          f"?c <{SKOS.prefLabel}>|<{RDFS.label}>|<{SKOS.altLabel}> ?l FILTER(isIRI(?c)) }}"):
        for pattern, n in table:
            if str(r["l"]).startswith(pattern):
                ranks[r["c"]] = min(n, ranks.get(r["c"], n))
    return [(URIRef(c), PKA.roleRank, Literal(n, datatype=XSD.integer)) for c, n in sorted(ranks.items())]


def stated_roles(store: Store, plans: list[str]) -> list[Triple]:
    """pka:StatedRole: the role a plan gives a thing, read by the shared pattern (graph/readings.py) the
    chat's role answers use too — stated directly or as the role of a list that holds the thing."""
    out: list[Triple] = []
    for plan in plans:
        rows = store.select(f"SELECT ?x ?role (SAMPLE(?src) AS ?p) WHERE {{ {{ {readings.role('?x', '?role', '?src')} "
                            f"?src <{PKA.statedIn}> <{plan}> }} UNION {{ ?a a <{PKA.StatedAttribute}> ; "
                            f"<{PKA.attribute}> <{PK.role}> ; <{PKA.about}> ?x ; <{PKA.attrValue}> ?role ; "
                            f"<{PKA.statedIn}> <{plan}> ; <{PKA.passage}> ?src }} "
                            "FILTER(isIRI(?x) && isIRI(?role)) } GROUP BY ?x ?role")
        for r in rows:
            node = URIRef(str(PKA) + "role/" + hashlib.sha1(f"{plan}|{r['x']}|{r['role']}".encode()).hexdigest()[:16])
            out += [(node, RDF.type, PKA.StatedRole), (node, PKA.about, URIRef(r["x"])),
                    (node, PKA.role, URIRef(r["role"])), (node, PKA.statedIn, URIRef(plan)),
                    (node, PKA.passage, URIRef(r["p"]))]
    return out


def stated_seats(store: Store, plan: str) -> list[Triple]:
    """`plan pka:namesSeat s` when the plan states the seat of its own region (the chat's seat reading)."""
    region = next((r["r"] for r in store.select(f"SELECT ?r WHERE {{ <{plan}> <{PK.coversRegion}> ?r }}")), None)
    if region is None:
        return []
    rows = store.select(f"SELECT DISTINCT ?seat WHERE {{ {{ {readings.seat(f'<{region}>', '?seat', '?src')} "
                        f"?src <{PKA.statedIn}> <{plan}> }} UNION {{ ?a a <{PKA.StatedAttribute}> ; "
                        f"<{PKA.attribute}> <{PK.hasSeat}> ; <{PKA.about}> <{region}> ; <{PKA.attrValue}> ?seat ; "
                        f"<{PKA.statedIn}> <{plan}> }} }}")
    return [(URIRef(plan), PKA.namesSeat, URIRef(r["seat"])) for r in rows]


def passages_of(store: Store, plan: str) -> list[tuple[str, str]]:
    """(passage IRI, text) of a plan, in document order."""
    rows = store.select(f"SELECT ?p ?t ?o WHERE {{ ?p <{PKA.statedIn}> <{plan}> ; <{PK.text}> ?t "
                        f"OPTIONAL {{ ?p <{PK.ordinal}> ?o }} }}")
    rows.sort(key=lambda r: (r.get("o") if isinstance(r.get("o"), int) else 10**9, str(r["p"])))
    return [(str(r["p"]), str(r["t"])) for r in rows]


def _first_passage(passages: list[tuple[str, str]], names) -> str | None:
    return next((p for p, text in passages if any(n in text for n in names)), None)


def checklist(store: Store) -> dict[str, tuple[str, str | None]]:
    """indicator name or synonym -> (checklist indicator, bound direction), from annotations.ttl."""
    rows = store.select(f"SELECT ?c ?n ?b WHERE {{ ?c a <{PKA.ChecklistIndicator}> ; <{PKA.indicatorName}> ?n "
                        f"OPTIONAL {{ ?c <{PKA.checklistBound}> ?b }} }}")
    return {str(r["n"]): (str(r["c"]), r.get("b")) for r in rows}


def indicator_links(store: Store, lower: str) -> list[Triple]:
    """sameIndicator between indicator nodes read as one checklist indicator (or sharing a label),
    the checklist's bound direction, and namedIn for the first passage of the lower plan naming one."""
    table = checklist(store)
    synonyms: dict[str, set[str]] = {}
    for name, (c, _b) in table.items():
        synonyms.setdefault(c, set()).add(name)
    rows = store.select(f"SELECT DISTINCT ?i ?l WHERE {{ ?t <{PK.indicator}> ?i . ?i <{RDFS.label}> ?l FILTER(isIRI(?i)) }}")
    groups: dict[str, set[str]] = {}
    names: dict[str, set[str]] = {}
    out: list[Triple] = []
    for r in rows:
        label = "".join(str(r["l"]).split())
        key = table[label][0] if label in table else label
        groups.setdefault(key, set()).add(r["i"])
        names.setdefault(r["i"], {label}).update(synonyms.get(key, ()))
        if label in table and table[label][1]:
            out.append((URIRef(r["i"]), PKA.checklistBound, URIRef(table[label][1])))
    for members in groups.values():
        out += [(URIRef(a), PKA.sameIndicator, URIRef(b)) for a in members for b in members]
    passages = passages_of(store, lower)
    for ind, ns in names.items():
        p = _first_passage(passages, ns)
        if p:
            out.append((URIRef(ind), PKA.namedIn, URIRef(p)))
    return out


_PAREN_TAIL = re.compile(r"[（(][^（）()]*[）)]$")


def division_names(store: Store) -> list[str]:
    """Official names of the store's divisions, longest first."""
    return sorted((n for n in derive_zoning.division_labels(store, short_forms=False) if len(n) >= 2), key=len, reverse=True)


def short_forms(label: str, divisions: list[str]) -> set[str]:
    """Forms a plan may print instead of the full name: without the leading division names
    (山西省朔州市X区Y工程 → Y工程) and without a trailing parenthesis (（二期）)."""
    bare = label
    stripped = True
    while stripped:
        stripped = False
        for d in divisions:
            if bare.startswith(d) and len(bare) - len(d) >= 4:
                bare, stripped = bare[len(d):], True
                break
    forms = {bare, _PAREN_TAIL.sub("", bare), _PAREN_TAIL.sub("", label)}
    return {f for f in forms if len(f) >= 4 and f != label}


def short_form_mentions(store: Store, lower: str, higher_plans: list[str]) -> list[Triple]:
    """namedIn for items a higher plan lists that the lower plan names only in a short form."""
    if not higher_plans:
        return []
    rows = store.select(
        f"SELECT DISTINCT ?x ?l WHERE {{ ?g <{PK.hasMember}> ?x ; <{PK.source}> ?hs . ?x <{RDFS.label}> ?l . "
        "VALUES ?h { " + " ".join(f"<{h}>" for h in higher_plans) + " } " + f"?hs <{PKA.statedIn}> ?h "
        f"FILTER(isIRI(?x)) FILTER NOT EXISTS {{ ?x <{PKA.mentionedIn}> <{lower}> }} }}")
    divisions = division_names(store)
    passages = passages_of(store, lower)
    out: list[Triple] = []
    for r in rows:
        p = _first_passage(passages, short_forms(str(r["l"]), divisions))
        if p:
            out.append((URIRef(r["x"]), PKA.namedIn, URIRef(p)))
    return out


# A sentence that quotes another document: 《…》…提出/要求…“quoted words”.
_QUOTE = re.compile(r"《[^》]+》[^“。；]{0,20}?(?:提出|指出|要求|强调|明确|规定)[^“。；]{0,6}“([^”]*)”")


def quoted_only(store: Store, plans: list[str]) -> list[Triple]:
    """quotedOnlyIn P for control lines and listed items that P names only inside quotations."""
    out: list[Triple] = []
    for plan in plans:
        rows = store.select(
            f"SELECT ?x ?l ?t WHERE {{ {{ ?x a <{PK.ControlLine}> }} UNION {{ ?g <{PK.hasMember}> ?x }} "
            f"?x <{RDFS.label}> ?l ; <{PK.source}> ?p . ?p <{PKA.statedIn}> <{plan}> ; <{PK.text}> ?t FILTER(isIRI(?x)) }}")
        verdict: dict[str, bool] = {}
        for r in rows:
            label, text = str(r["l"]), str(r["t"])
            quoted = "".join(m.group(1) for m in _QUOTE.finditer(text))
            only = label in quoted and text.count(label) == quoted.count(label)
            verdict[r["x"]] = verdict.get(r["x"], True) and only
        out += [(URIRef(x), PKA.quotedOnlyIn, URIRef(plan)) for x, only in sorted(verdict.items()) if only]
    return out


def aliases_only(store: Store, plans: list[str]) -> list[Triple]:
    """aliasOnlyIn P for a node P names only in brackets right after another name ("文化中心（甲古城）"):
    a second name of that thing, not an item of its own that a lower plan must list."""
    out: list[Triple] = []
    for plan in plans:
        text = plan_text(store, plan)
        rows = store.select(f"SELECT DISTINCT ?x ?l WHERE {{ ?x <{PKA.statedIn}> <{plan}> ; <{RDFS.label}> ?l FILTER(isIRI(?x)) }}")
        for r in rows:
            label = str(r["l"])
            total = text.count(label)
            bracketed = len(re.findall(r"[\u4e00-\u9fff][（(]" + re.escape(label) + r"[）)]", text))
            if total and total == bracketed:
                out.append((URIRef(r["x"]), PKA.aliasOnlyIn, URIRef(plan)))
    return out


# words of two characters every kind of plan uses: sharing one says nothing about a list's subject
COMMON_WORDS = frozenset({"保护", "建设", "工程", "项目", "规划", "发展", "重点", "综合", "提升", "利用", "管理", "体系",
                          "国土", "空间", "专项", "行动", "计划", "设施", "布局", "一览", "名录", "清单"})


def _words(text: str) -> set[str]:
    """The two-character runs of a text's Chinese, less the genre's common words."""
    runs = re.findall(r"[\u4e00-\u9fff]+", text)
    return {run[i:i + 2] for run in runs for i in range(len(run) - 1)} - COMMON_WORDS


def lists_of_subject(store: Store, lower: str, higher_plans: list[str]) -> list[Triple]:
    """`g pka:ofSubjectOf plan` for a higher-plan list whose name, or its programme's, shares a word with the
    special plan's subject (桑干河流域生态治理行动 and 桑干河生态保护与修复 share 桑干): a list the plan answers for
    (ML-001), where a list of another subject it only draws on is a question for a person (ML-010)."""
    subject = next((str(r["s"]) for r in store.select(f"SELECT ?s WHERE {{ <{lower}> <{PK.planSubject}> ?s }}")), "")
    words = _words(subject)
    if not words or not higher_plans:
        return []
    plans = " ".join(f"<{p}>" for p in higher_plans[:1])
    rows = store.select(f"SELECT DISTINCT ?g ?l WHERE {{ ?g <{PK.hasMember}> ?m ; <{PK.source}> ?s . "
                        f"?s <{PKA.statedIn}> ?plan . VALUES ?plan {{ {plans} }} "
                        f"{{ ?g <{RDFS.label}> ?l }} UNION {{ ?g <{PK.programme}>/<{RDFS.label}> ?l }} }}")
    return [(URIRef(str(r["g"])), PKA.ofSubjectOf, URIRef(lower)) for r in rows if words & _words(str(r["l"]))]


# what one plan fixes about a shared node besides its name: a project's 区段, its place, the area a
# zone belongs to (read per plan graph, because the merged audit store no longer says who said it)
ATTRIBUTES = (PK.segment, PK.locatedIn, PK.partOf)
# ... and its construction period, a literal (ML-011)
LITERAL_ATTRIBUTES = (PK.startYear, PK.endYear, PK.implementationPeriod)


# seats and roles: read in each plan's own graph by the very patterns the chat runs inside GRAPH ?g
READINGS = {PK.hasSeat: readings.seat("?x", "?v"), PK.role: readings.role("?x", "?v")}


def stated_attributes(source: Store, plan: str, graphs: list[str]) -> list[Triple]:
    """What the plan's own graphs say about shared nodes (read before the graphs are merged): the plain attributes
    in one query per graph, the seat and role readings in one each."""
    direct = " ".join(f"<{a}>" for a in (*ATTRIBUTES, *LITERAL_ATTRIBUTES))
    literal = ", ".join(f"<{a}>" for a in LITERAL_ATTRIBUTES)
    out: list[Triple] = []
    for g in graphs:
        rows = source.select(f"SELECT ?a ?x ?v (SAMPLE(?p) AS ?src) WHERE {{ VALUES ?a {{ {direct} }} "
                             f"GRAPH <{g}> {{ ?x ?a ?v OPTIONAL {{ ?x <{PK.source}> ?p }} }} "
                             f"FILTER(isIRI(?x) && IF(?a IN ({literal}), isLiteral(?v), isIRI(?v))) }} GROUP BY ?a ?x ?v")
        for attr, pattern in READINGS.items():
            rows += [{**r, "a": attr} for r in source.select(
                f"SELECT ?x ?v (SAMPLE(?p) AS ?src) WHERE {{ GRAPH <{g}> {{ {pattern} OPTIONAL {{ ?x <{PK.source}> ?p }} }} "
                "FILTER(isIRI(?x) && isIRI(?v)) } GROUP BY ?x ?v")]
        for r in rows:
            attr = URIRef(str(r["a"]))
            value = Literal(r["v"]) if attr in LITERAL_ATTRIBUTES else URIRef(str(r["v"]))
            node = URIRef(str(PKA) + "attr/" + hashlib.sha1(f"{plan}|{r['x']}|{attr}|{r['v']}".encode()).hexdigest()[:16])
            out += [(node, RDF.type, PKA.StatedAttribute), (node, PKA.about, URIRef(r["x"])),
                    (node, PKA.attribute, attr), (node, PKA.attrValue, value),
                    (node, PKA.statedIn, URIRef(plan))]
            if r.get("src"):
                out.append((node, PKA.passage, URIRef(str(r["src"]))))
    return out


COMMON_VALUE = f"""INSERT {{ ?t <{PKA.commonValue}> ?v ; <{PKA.commonUnit}> ?u }} WHERE {{
  ?t <{PK.indicator}> ?i ; <{PK.value}> ?v0 .
  OPTIONAL {{ ?t <{PK.canonicalValue}> ?cv }} OPTIONAL {{ ?t <{PK.canonicalUnit}> ?cu0 }}
  OPTIONAL {{ ?t <{PK.unit}> ?un . OPTIONAL {{ ?un <{PK.conversionFactor}> ?f }} OPTIONAL {{ ?un <{PK.canonicalUnit}> ?cu1 }} }}
  BIND (COALESCE(?cv, ?v0 * ?f) AS ?v) BIND (COALESCE(?cu0, ?cu1) AS ?u)
  FILTER (BOUND(?v) && BOUND(?u)) }}"""


def derived_nt(store: Store, lower: str, higher: str | None, chain: list[str]) -> bytes:
    """Add pka:statedIn and pka:mentionedIn in place, then return the other derived triples as N-Triples."""
    store.update(STATED_IN)
    store.update(COMMON_VALUE)
    higher_plans = [p for p in (higher, *chain) if p]
    store.load(to_nt(mentioned_in(store, [lower, *higher_plans])), "nt")
    passages = passages_of(store, lower)
    return to_nt(counted_mentions(store, lower) + placed_in(store, lower, higher_plans[:1]) + role_ranks(store)
                 + stated_roles(store, [lower, *higher_plans[:1]]) + stated_seats(store, lower)
                 + indicator_links(store, lower) + short_form_mentions(store, lower, higher_plans)
                 + quoted_only(store, higher_plans) + aliases_only(store, higher_plans[:1])
                 + lists_of_subject(store, lower, higher_plans)
                 + derive_zoning.stated_exclusions(store, lower, higher, passages)
                 + derive_zoning.place_conflicts(store, lower, higher_plans, passages))


def _nt_term(t) -> str:
    if isinstance(t, Literal):
        lex = str(t).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        return f'"{lex}"' + (f"@{t.language}" if t.language else f"^^<{t.datatype}>" if t.datatype else "")
    return t.n3()


def to_nt(triples: list[Triple]) -> bytes:
    """N-Triples of rdflib IRIs and literals, without building an rdflib graph first."""
    return "".join(f"{_nt_term(s)} {_nt_term(p)} {_nt_term(o)} .\n" for s, p, o in dict.fromkeys(triples)).encode("utf-8")
