"""Derived facts for the zoning and placement checks (FQ-003, FQ-004), read from what the plans state.

  pka:StatedExclusion   the lower plan writes that it does NOT put zone Z into area L ("本规划未将Z划入L",
                        "Z不纳入L", "将Z调出L") while the higher plan states Z pk:partOf L
  pka:PlaceConflict     the lower plan places x in a county, but x is named after a township that the
                        higher plan names and the official hierarchy puts in another county
                        ("甲镇长城" placed in 乙县 while 甲镇 lies in 丙县)

Both carry the lower plan's passage (pka:passage): a Violation quotes the words that fail.
"""
from __future__ import annotations

import hashlib
import re

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from plankg.graph.base import Store
from plankg.graph.namespaces import PK
from plankg.shapes.model import DIVISION_BASE, PKA

Triple = tuple

_NEG = r"(?:未|不|没有|暂不|不再|无需|不宜)"
_INTO = r"(?:划入|纳入|列入|划进|计入|划为|纳为|归入)"
_OUT = r"(?:调出|移出|剔除出|退出|划出)"
_GAP = r"(?:整体|全部|整个|全域|范围|区域)?"  # only words that keep the whole zone in view: "Z内的村庄" is a part of Z


def exclusion_patterns(zone: str, area: str) -> list[re.Pattern]:
    """Sentences that keep `zone` out of `area`, written in the genre's ways."""
    z, a = re.escape(zone), re.escape(area)
    return [re.compile(_NEG + r"(?:将|把)?" + z + _GAP + _INTO + r"[^。；;]{0,4}?" + a),
            re.compile(z + _GAP + _NEG + _INTO + r"[^。；;]{0,4}?" + a),
            re.compile(r"(?:将|把)?" + z + _GAP + _OUT + r"[^。；;]{0,4}?" + a),
            re.compile(z + r"(?:不属于|不在)" + a),
            # the zone is the sentence's subject, and a later clause of its own says so without a subject of its
            # own: "A在本乡的部分约1260公顷，本规划将其划入生态控制区，不纳入生态保护红线"
            re.compile(r"(?:^|[。；;])[^。；;，,]{0,6}?" + z + r"[^。；;]{0,80}?[，,](?:并|但|且|而)?" + _NEG + _INTO
                       + r"[^。；;，,]{0,4}?" + a)]


def _node(kind: str, *parts: str) -> URIRef:
    return URIRef(f"{PKA}{kind}/" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:16])


def _labels(store: Store, iri: str) -> list[str]:
    rows = store.select(f"SELECT ?l WHERE {{ <{iri}> <{RDFS.label}>|<{SKOS.altLabel}> ?l }}")
    return sorted({str(r["l"]) for r in rows if len(str(r["l"])) >= 2}, key=len, reverse=True)


def stated_exclusions(store: Store, lower: str, higher: str | None, passages: list[tuple[str, str]]) -> list[Triple]:
    """pka:StatedExclusion for each zone the higher plan puts into an area that the lower plan's text
    keeps out of that same area (a stated choice that fails, quoted — never a missing mention)."""
    if not higher:
        return []
    rows = store.select(
        f"SELECT DISTINCT ?z ?a WHERE {{ ?h a <{PKA.StatedAttribute}> ; <{PKA.about}> ?z ; "
        f"<{PKA.attribute}> <{PK.partOf}> ; <{PKA.attrValue}> ?a ; <{PKA.statedIn}> <{higher}> }}")
    out: list[Triple] = []
    for r in rows:
        zones, areas = _labels(store, r["z"]), _labels(store, r["a"])
        hit = next(((p, text) for p, text in passages for z in zones for a in areas
                    if any(rx.search(text) for rx in exclusion_patterns(z, a))), None)
        if hit is None:
            continue
        node = _node("exclusion", lower, r["z"], r["a"])
        out += [(node, RDF.type, PKA.StatedExclusion), (node, PKA.about, URIRef(r["z"])),
                (node, PKA.attrValue, URIRef(r["a"])), (node, PKA.passage, URIRef(hit[0])),
                (node, PKA.statedIn, URIRef(lower))]
    return out


def _code(iri: str) -> str:
    return iri[len(DIVISION_BASE):] if iri.startswith(DIVISION_BASE) else ""


def is_county_code(code: str) -> bool:
    return len(code) == 6 and code.isdigit() and not code.endswith("00")


def township_names(store: Store, plans: list[str]) -> dict[str, list[str]]:
    """Townships (nine-digit codes) that one of `plans` names, with their names and short names."""
    rows = store.select(
        f"SELECT DISTINCT ?d ?l WHERE {{ ?d <{RDFS.label}>|<{SKOS.altLabel}> ?l . ?d <{PKA.mentionedIn}> ?p "
        "VALUES ?p { " + " ".join(f"<{p}>" for p in plans) + " } "
        f"FILTER(STRSTARTS(STR(?d), \"{DIVISION_BASE}\")) }}") if plans else []
    out: dict[str, list[str]] = {}
    for r in rows:
        if len(_code(r["d"])) == 9 and len(str(r["l"])) >= 2:
            out.setdefault(r["d"], []).append(str(r["l"]))
    return out


def division_labels(store: Store, short_forms: bool = True) -> set[str]:
    """Every name of a division in the store, and its short forms (skos:altLabel) unless told not to."""
    path = f"<{RDFS.label}>|<{SKOS.altLabel}>" if short_forms else f"<{RDFS.label}>"
    rows = store.select(f"SELECT DISTINCT ?l WHERE {{ ?d {path} ?l FILTER(STRSTARTS(STR(?d), \"{DIVISION_BASE}\")) }}")
    return {str(r["l"]) for r in rows}


def place_conflicts(store: Store, lower: str, higher_plans: list[str],
                    passages: list[tuple[str, str]] = ()) -> list[Triple]:
    """pka:PlaceConflict: the lower plan states x lies in county C; x's name begins with the name of a
    township T that a higher plan names; T lies in another county by official code, and no township of C
    shares that name. The lower plan's own words are the evidence; the official hierarchy the check."""
    rows = store.select(
        f"SELECT ?x ?c ?p WHERE {{ ?s a <{PKA.StatedAttribute}> ; <{PKA.about}> ?x ; <{PKA.attribute}> <{PK.locatedIn}> ; "
        f"<{PKA.attrValue}> ?c ; <{PKA.statedIn}> <{lower}> OPTIONAL {{ ?s <{PKA.passage}> ?p }} }}")
    stated: dict[str, set[str]] = {}
    for r in rows:
        stated.setdefault(r["x"], set()).add(_code(r["c"]))
    towns = township_names(store, higher_plans)
    divisions = division_labels(store)
    out: list[Triple] = []
    for r in rows:
        x, county = r["x"], _code(r["c"])
        if not is_county_code(county) or x.startswith(DIVISION_BASE):
            continue
        labels = _labels(store, x)
        for label in labels:
            if any(other.endswith(label) and other[: len(other) - len(label)] in divisions for other in labels):
                continue  # "朔州|古城…工程" read without its division: the name begins with 朔州, not with a town
            named = [(t, n) for t, names in towns.items() for n in names
                     if label.startswith(n) and len(label) > len(n) and t != x]
            if not named or any(_code(t)[:6] == county for t, _ in named):
                continue  # the name is also a town of the stated county: nothing contradicts it
            town, _name = max(named, key=lambda tn: len(tn[1]))
            home = _code(town)[:6]
            if any(c.startswith(home) or _code(town).startswith(c) for c in stated[x] if c):
                continue  # the lower plan also places x in the town's own county
            node = _node("place", lower, x, town)
            out += [(node, RDF.type, PKA.PlaceConflict), (node, PKA.about, URIRef(x)),
                    (node, PKA.namedAfterDivision, URIRef(town)), (node, PKA.statedCounty, URIRef(r["c"])),
                    (node, PKA.expectedCounty, URIRef(DIVISION_BASE + home)),
                    (node, PKA.expectedCountyCode, Literal(home)), (node, PKA.statedIn, URIRef(lower))]
            counties = _labels(store, r["c"])  # quote the words that put x in C (a table row, a sentence)
            quoted = next((p for p, text in passages if label in text and any(c in text for c in counties)), r.get("p"))
            if quoted:
                out.append((node, PKA.passage, URIRef(quoted)))
            break
    return out
