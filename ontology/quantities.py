"""Quantities in a common unit and bound checks — pure functions over the ontology's unit table.

A neutral home shared by the chat search (ask) and, later, the audit (shapes): neither imports the other.
"""
from __future__ import annotations

from plankg.ontology import unit_table

EPS = 1e-9


def to_canonical(value: float, unit_label: str) -> tuple[float, str]:
    """``(value in the canonical unit, canonical unit IRI)``; an unknown unit stays as given.

    >>> to_canonical(2, "平方千米")[0]
    200.0
    """
    hit = unit_table().get(unit_label.strip())
    if hit is None:
        return float(value), unit_label
    _iri, factor, canonical = hit
    return float(value) * factor, canonical


def meets_bound(value: float, limit: float, bound: str) -> bool:
    """Does ``value`` satisfy ``limit`` under ``bound`` ("ge" at least, "le" at most, else equal)?"""
    if bound == "ge":
        return value >= limit - EPS
    if bound == "le":
        return value <= limit + EPS
    return abs(value - limit) < 1e-6


def convert(value: float, from_unit: str, to_unit: str) -> float | None:
    """``value`` from one unit label into another of the same canonical unit, or None when they differ."""
    table = unit_table()
    a, b = table.get(from_unit.strip()), table.get(to_unit.strip())
    if a is None or b is None or a[2] != b[2]:
        return None
    return float(value) * a[1] / b[1]


PER_PERSON = ("/人", "每人")


def same_unit(a: str, b: str) -> bool:
    """Two labels of one unit ("平方米" and "m²")."""
    a, b = a.strip(), b.strip()
    table = unit_table()
    return a == b or (a in table and b in table and table[a][0] == table[b][0])


def per_capita_alike(a: str, b: str) -> bool:
    """"126平方米" against "120平方米/人": a per-capita value is often printed without its "/人"; a unit
    with and without it is one number (no factor between area and area per person is meant).

    >>> per_capita_alike("m²", "平方米/人"), per_capita_alike("公顷", "平方米/人")
    (True, False)
    """
    a, b = a.strip(), b.strip()
    return any(x.endswith(s) and same_unit(x[: -len(s)], y) for x, y in ((a, b), (b, a)) for s in PER_PERSON)



def commensurable(a: str, b: str) -> bool:
    """Can a value printed in unit ``a`` stand for an indicator stated in ``b``? Yes when either has no
    unit, when they share the unit scheme's canonical unit (公顷 and 万亩), and for a per-capita value
    printed without its "/人"; no between dimensions (% or 个 against 万亩) or unlike labels the scheme lacks.

    >>> commensurable("公顷", "万亩"), commensurable("%", "万亩"), commensurable("", "万亩")
    (True, False, True)
    """
    if not a.strip() or not b.strip() or same_unit(a, b):
        return True
    return convert(1.0, a, b) is not None or per_capita_alike(a, b)
