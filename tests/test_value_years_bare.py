"""A year printed bare between an indicator and its comparator dates the value ("…普及率2025年达到80%、2040年达到92%"),
a target when it lies after the base year; a second value after 、 is the same indicator's. Phrasings written for
these tests."""
from __future__ import annotations

import pytest

from plankg.extract.quantities import extract_quantities

CASES = [
    ("县城供水普及率2025年达到97%、2040年达到99%。", {(97.0, 2025, "Target"), (99.0, 2040, "Target")}),
    ("乡域林草覆盖率2019年为41.2%，2040年不低于45%。", {(41.2, 2019, "Measurement"), (45.0, 2040, "Target")}),
]


@pytest.mark.parametrize("text,expected", CASES, ids=["two-targets", "base-and-target"])
def test_a_bare_year_dates_the_value(text, expected):
    got = {(q.value, q.year, q.kind) for q in extract_quantities(text, 0, [], None, 2040, 2019)}
    assert expected <= got, got


def test_a_date_a_stock_is_counted_at_makes_no_target():
    got = [(q.value, q.kind) for q in extract_quantities("截至2019年底，乡域林草覆盖率为41.2%。", 0, [], None, 2040, 2019)]
    assert got == [(41.2, "Measurement")]
