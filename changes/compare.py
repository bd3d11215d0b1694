"""diff(old, new): the changes of meaning between two versions, one rule per kind of change.

A change is reported on positive evidence only: both versions state the fact and the statements
differ after normalisation (units to the indicator's canonical unit, names to their entity), or a
listed item of one version is named in no form anywhere in the other's text. A fact one version
states and the other leaves unread is not a change: extraction may simply have missed it.
"""
from __future__ import annotations

from collections import defaultdict
from difflib import SequenceMatcher

from rdflib import Graph

from plankg.changes.facts import Value, VersionFacts, flat, read_facts
from plankg.changes.model import Change

# relative tolerance when comparing canonical values: "66.35万亩（折合约44233公顷）" is one quantity
TOLERANCE = 0.002
# bounds that contradict each other; ≥ against "=" or "≈" is a rewording ("达到60%" / "不低于60%")
OPPOSITE_BOUNDS = {frozenset({"≥", "≤"})}


def diff(old: Graph | VersionFacts, new: Graph | VersionFacts) -> list[Change]:
    """Every change of meaning from ``old`` to ``new`` (two versions' RDF, or facts already read)."""
    a = old if isinstance(old, VersionFacts) else read_facts(old)
    b = new if isinstance(new, VersionFacts) else read_facts(new)
    return [*status_changes(a, b), *period_changes(a, b), *cite_changes(a, b), *indicator_changes(a, b),
            *membership_changes(a, b), *role_changes(a, b), *attribute_changes(a, b), *pattern_changes(a, b)]


def status_changes(a: VersionFacts, b: VersionFacts) -> list[Change]:
    if a.status and b.status and a.status != b.status:
        return [Change("status", old=a.status, new=b.status)]
    return []


def period_changes(a: VersionFacts, b: VersionFacts) -> list[Change]:
    if None in a.period or None in b.period or a.period == b.period:
        return []
    return [Change("period", old="{}-{}".format(*a.period), new="{}-{}".format(*b.period))]


def cite_changes(a: VersionFacts, b: VersionFacts) -> list[Change]:
    removed = [Change("cites", label=t, old=t) for k, t in sorted(a.cites.items()) if k not in b.cites]
    added = [Change("cites", label=t, new=t) for k, t in sorted(b.cites.items()) if k not in a.cites]
    return removed + added


def _same(x: Value, y: Value) -> bool:
    p, q = x.quantity, y.quantity
    if p.canonical is not None and q.canonical is not None and p.canonical_unit == q.canonical_unit:
        close = abs(p.canonical - q.canonical) <= TOLERANCE * max(abs(p.canonical), abs(q.canonical), 1e-9)
    elif p.value is not None and q.value is not None and p.unit == q.unit:
        close = abs(p.value - q.value) <= TOLERANCE * max(abs(p.value), abs(q.value), 1e-9)
    else:
        return False
    return close and frozenset({p.bound, q.bound}) not in OPPOSITE_BOUNDS


def _comparable(x: Value, y: Value) -> bool:
    """Two statements of one quantity in units that can be compared (the same canonical unit)."""
    p, q = x.quantity, y.quantity
    return (p.canonical_unit and p.canonical_unit == q.canonical_unit) or (not p.canonical_unit and p.unit == q.unit)


def indicator_changes(a: VersionFacts, b: VersionFacts) -> list[Change]:
    """An indicator whose value for one year (and area) is stated in both versions with no value in common.

    A value one version states without a year still counts as a restatement when it matches."""
    old, new = _by_key(a.values, a.period[1]), _by_key(b.values, b.period[1])
    old_any, new_any = _by_indicator(a.values), _by_indicator(b.values)
    out = []
    for key in sorted(old.keys() & new.keys(), key=str):
        xs, ys = old[key], new[key]
        if not all(_comparable(x, y) for x in xs for y in ys):
            continue
        if any(_same(x, y) for x in xs for y in new_any[key[0]]) or any(_same(x, y) for x in old_any[key[0]] for y in ys):
            continue
        x, y = _headline(xs), _headline(ys)
        out.append(Change("indicator", label=x.name, year=y.year, old=x.quantity, new=y.quantity,
                          old_year=x.year if x.year != y.year else None,
                          evidence={"old": x.passage, "new": y.passage}))
    return out


def _by_key(values: list[Value], target_year: int | None) -> dict[tuple, list[Value]]:
    """Values by (indicator, year, areas). A value for the plan's target year is keyed "target": a
    revision that moves its target year from 2030 to 2035 compares its targets with the old ones."""
    out: dict[tuple, list[Value]] = defaultdict(list)
    for v in values:
        if v.year is not None and (v.quantity.canonical is not None or v.quantity.value is not None):
            out[(v.indicator, "target" if v.year == target_year else v.year, v.areas)].append(v)
    return out


def _by_indicator(values: list[Value]) -> dict:
    out: dict = defaultdict(list)
    for v in values:
        out[v.indicator].append(v)
    return out


def _headline(values: list[Value]) -> Value:
    """The statement to show: a binding table row or target before a passing mention."""
    return sorted(values, key=lambda v: (not v.binding, v.passage))[0]


def membership_changes(a: VersionFacts, b: VersionFacts) -> list[Change]:
    """Listed things one version has that the other's full text names in no form."""
    out = []
    for node, thing in sorted(a.things.items(), key=lambda kv: kv[1].label):
        if thing.listed and node not in b.things and not b.names(thing):
            out.append(Change("removed", label=thing.label, type=thing.kind, old=thing.label))
    for node, thing in sorted(b.things.items(), key=lambda kv: kv[1].label):
        if thing.listed and node not in a.things and not a.names(thing):
            out.append(Change("added", label=thing.label, type=thing.kind, new=thing.label))
    return out


def role_changes(a: VersionFacts, b: VersionFacts) -> list[Change]:
    """A thing both versions give a role, with different roles: no role in common, or another tier."""
    out = []
    for node in sorted(a.roles.keys() & b.roles.keys(), key=str):
        old, new = a.roles[node], b.roles[node]
        tiers_differ = a.tiers[node] and b.tiers[node] and a.tiers[node] != b.tiers[node]
        if old != new and (not old & new or tiers_differ):
            label = _thing_label(a, b, node)
            out.append(Change("role", label=label, old=sorted(old - new) or sorted(old), new=sorted(new - old) or sorted(new)))
    return out


def attribute_changes(a: VersionFacts, b: VersionFacts) -> list[Change]:
    """A thing's period, construction type or location, stated in both versions and different."""
    out = []
    for node in sorted({n for n, _ in a.attributes} & {n for n, _ in b.attributes}, key=str):
        label = _thing_label(a, b, node)
        old_years, new_years = _years(a, node), _years(b, node)
        if old_years and new_years and old_years != new_years:
            out.append(Change("attribute", label=label, attribute="implementationPeriod",
                              old=_span(*old_years), new=_span(*new_years)))
        elif not (old_years and new_years):  # no years on one side: compare the printed period
            out.extend(_literal_change(a, b, node, label, "implementationPeriod"))
        out.extend(_literal_change(a, b, node, label, "constructionType"))
    for node in sorted(a.places.keys() & b.places.keys(), key=str):
        if node in a.things and a.places[node] and b.places[node] and not a.places[node] & b.places[node]:
            out.append(Change("attribute", label=_thing_label(a, b, node), attribute="locatedIn",
                              old=_place_labels(a, a.places[node]), new=_place_labels(b, b.places[node])))
    return out


def _years(f: VersionFacts, node) -> tuple[int | None, int | None] | None:
    start, end = f.attributes.get((node, "startYear")), f.attributes.get((node, "endYear"))
    if not end:
        return None
    return (min(map(int, start)) if start else None, max(map(int, end)))


def _span(start: int | None, end: int) -> str:
    return f"{start}-{end}" if start else str(end)


def _literal_change(a: VersionFacts, b: VersionFacts, node, label: str, name: str) -> list[Change]:
    old, new = a.attributes.get((node, name)), b.attributes.get((node, name))
    if old and new and not old & new:
        return [Change("attribute", label=label, attribute=name, old="、".join(sorted(old)), new="、".join(sorted(new)))]
    return []


def pattern_changes(a: VersionFacts, b: VersionFacts) -> list[Change]:
    """A spatial structure the plan adopts, renamed or re-partitioned: the old one no longer named,
    paired with the most similar new one ("一心两轴三片" → "一心两轴四片")."""
    gone = {n: l for n, l in a.patterns.items() if n not in b.patterns and flat(l) not in b.text}
    fresh = {n: l for n, l in b.patterns.items() if n not in a.patterns and flat(l) not in a.text}
    out = []
    for node, label in sorted(gone.items(), key=lambda kv: kv[1]):
        if not fresh:
            break
        match = max(fresh, key=lambda n: SequenceMatcher(None, label, fresh[n]).ratio())
        if SequenceMatcher(None, label, fresh[match]).ratio() < 0.5:
            continue
        out.append(Change("attribute", label=b.title or a.title, attribute="hasPattern", old=label, new=fresh.pop(match)))
    return out


def _thing_label(a: VersionFacts, b: VersionFacts, node) -> str:
    thing = b.things.get(node) or a.things.get(node)
    return thing.label if thing else b.labels.get(node) or a.labels.get(node) or str(node).rsplit("/", 1)[-1]


def _place_labels(f: VersionFacts, places: set) -> list[str]:
    return sorted(f.labels.get(p) or str(p).rsplit("/", 1)[-1] for p in places)
