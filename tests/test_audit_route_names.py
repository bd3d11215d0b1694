"""A route named by the places it runs through ("甲至乙至丙高速") is placed in each of them when the audit
derives what lies in the audited plan's region (shapes/derive.py). Names written for these tests."""
from __future__ import annotations

import pytest

from plankg.shapes.derive import _route_through

CASES = [
    ("岱山至嵊泗至洋山高速", ["嵊泗县"], True),   # a waypoint, by its short name
    ("高亭至东沙一级公路", ["东沙镇"], True),      # an end, a town
    ("舟山至岱山城际铁路", ["岱山县"], True),
    ("岱山至嵊泗至洋山高速", ["定海区"], False),   # not on the way
    ("岱东高速", ["岱山县"], False),               # no waypoints named
    ("东沙镇至北岙村旅游公路", ["岱山县"], False),
]


@pytest.mark.parametrize("label,region_names,through", CASES, ids=[c[0] + "/" + c[1][0] for c in CASES])
def test_a_route_runs_through_the_places_its_name_lists(label, region_names, through):
    assert _route_through(label, region_names) is through


def test_cases_collected():
    assert len(CASES) == 6
