"""The status rule (monitor/rule.py), case by case: every branch, equal meets, nearest target year, units."""
from __future__ import annotations

import pytest

from plankg.monitor import rule

# (target, bound, target year, observed, year, base, base year) → (status, branch, path)
CASES = [
    # floor to raise (B < T)
    ((90, "ge", 2025, 90, 2023, 70, 2020), ("达标", "raise", 82.0)),
    ((90, "ge", 2025, 95, 2023, 70, 2020), ("达标", "raise", 82.0)),
    ((90, "ge", 2025, 82, 2023, 70, 2020), ("符合进度", "raise", 82.0)),
    ((90, "ge", 2025, 81.9, 2023, 70, 2020), ("滞后", "raise", 82.0)),
    # floor to hold (B ≥ T or B unknown)
    ((50, "ge", 2035, 50, 2023, 52, 2020), ("达标", "hold", None)),
    ((50, "ge", 2035, 49.99, 2023, 52, 2020), ("未达标", "hold", None)),
    ((50, "ge", 2035, 49, 2023, None, None), ("未达标", "hold", None)),
    ((50, "ge", 2035, 50, 2023, 50, 2020), ("达标", "hold", None)),
    # ceiling to lower (B > T)
    ((3.0, "le", 2030, 3.0, 2025, 4.0, 2020), ("达标", "lower", 3.5)),
    ((3.0, "le", 2030, 3.5, 2025, 4.0, 2020), ("符合进度", "lower", 3.5)),
    ((3.0, "le", 2030, 3.6, 2025, 4.0, 2020), ("滞后", "lower", 3.5)),
    # ceiling with room (B ≤ T or B unknown)
    ((100, "le", 2030, 101, 2025, 80, 2020), ("突破", "room", 90.0)),
    ((100, "le", 2030, 95, 2025, 80, 2020), ("预警", "room", 90.0)),
    ((100, "le", 2030, 90, 2025, 80, 2020), ("符合进度", "room", 90.0)),
    ((100, "le", 2030, 99, 2025, None, None), ("符合进度", "room", None)),
    ((100, "le", 2030, 100, 2025, None, None), ("符合进度", "room", None)),
    # no observation
    ((100, "le", 2030, None, 2025, 80, 2020), ("无数据", None, None)),
    ((50, "ge", 2035, None, 2023, None, None), ("无数据", None, None)),
]


@pytest.mark.parametrize("args,expected", CASES)
def test_status(args, expected) -> None:
    t, bound, ty, o, y, b, by = args
    j = rule.judge(t, bound, ty, o, y, b, by)
    assert j.status == expected[0]
    assert j.branch == expected[1]
    assert (j.path is None and expected[2] is None) or j.path == pytest.approx(expected[2])


def test_all_cases_collected(collected_cases) -> None:
    assert collected_cases("test_status") == len(CASES) == 18


def test_all_statuses_are_reached() -> None:
    reached = {rule.judge(*args).status for args, _ in CASES}
    assert reached == set(rule.STATUSES)


@pytest.mark.parametrize("years,year,expected", [
    ([2025, 2035], 2023, 2025), ([2025, 2035], 2025, 2025), ([2025, 2035], 2026, 2035),
    ([2035], 2023, 2035), ([2025], 2027, 2025), ([], 2023, None)])
def test_nearest_target_year(years, year, expected) -> None:
    assert rule.nearest_target_year(years, year) == expected


def test_units_are_converted_into_the_targets_unit() -> None:
    assert rule.in_unit(3600, "公顷", "万亩") == pytest.approx(5.4, abs=1e-3)
    assert rule.in_unit(12.5, "平方公里", "公顷") == pytest.approx(1250)
    assert rule.in_unit(7.1, "%", "%") == 7.1
    assert rule.in_unit(3, "公顷", "%") is None  # different dimensions do not convert


def test_worst_status_orders_by_severity() -> None:
    assert rule.worst(["达标", "预警", "滞后"]) == "滞后"
    assert rule.worst(["符合进度", "突破", "未达标"]) == "突破"
    assert rule.worst([]) == "无数据"
