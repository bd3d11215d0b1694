"""Unit conversion and bound checks shared through ontology/quantities.py (the ontology's unit table)."""
from __future__ import annotations

import pytest

from plankg.ask import comparable
from plankg.ontology.quantities import convert, meets_bound, to_canonical


@pytest.mark.parametrize("value,unit,hectares", [(3, "平方千米", 300.0), (1.5, "万亩", 1000.0),
                                                 (45, "公顷", 45.0), (150, "亩", 10.0)])
def test_areas_in_hectares(value, unit, hectares):
    v, canonical = to_canonical(value, unit)
    assert v == pytest.approx(hectares, rel=1e-4)
    assert canonical.endswith("hectare")


def test_unknown_unit_stays_as_given():
    assert to_canonical(7, "标准箱") == (7.0, "标准箱")


def test_convert_between_units_of_one_kind():
    assert convert(250, "公顷", "平方千米") == pytest.approx(2.5)
    assert convert(2, "平方公里", "亩") == pytest.approx(3000, rel=1e-4)
    assert convert(3, "公顷", "千米") is None  # an area is not a length


@pytest.mark.parametrize("value,limit,bound,ok", [(10, 9, "ge", True), (8.9, 9, "ge", False), (9, 9, "le", True),
                                                  (9.5, 9, "le", False), (9, 9, "eq", True), (9.1, 9, "eq", False)])
def test_bounds(value, limit, bound, ok):
    assert meets_bound(value, limit, bound) is ok


def test_comparable_prefers_the_graphs_canonical_value():
    assert comparable({"value": 2, "unit": "平方千米", "canon": 200.0, "cunit": "ha"}) == (200.0, "ha")
    assert comparable({"value": 2, "unit": "平方千米"})[0] == pytest.approx(200.0)
    assert comparable({"value": "不详"}) is None
