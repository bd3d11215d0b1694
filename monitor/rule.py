"""The status rule of the yearly check (一年一体检): pure functions, no store.

T = target at target year Y with a bound (≥ floor, ≤ ceiling); B = base value at base year Y0, when
stated; O = observation at year y, in T's unit; path(y) = B + (T − B)·(y − Y0)/(Y − Y0).

* Floor, B known and B < T (raise):  O ≥ T → 达标; O ≥ path → 符合进度; else 滞后.
* Floor otherwise (hold):            O ≥ T → 达标; else 未达标.
* Ceiling, B known and B > T (lower): O ≤ T → 达标; O ≤ path → 符合进度; else 滞后.
* Ceiling otherwise (room):          O > T → 突破; B known and O > path → 预警; else 符合进度.
* Equal meets; no observation → 无数据. A target with several years: the nearest target year ≥ y.
"""
from __future__ import annotations

from dataclasses import dataclass

from plankg.ontology.quantities import convert, per_capita_alike, same_unit

MET, ON_TRACK, BEHIND, MISSED, BREACHED, WARNING, NO_DATA = "达标", "符合进度", "滞后", "未达标", "突破", "预警", "无数据"
STATUSES = (MET, ON_TRACK, BEHIND, MISSED, BREACHED, WARNING, NO_DATA)
FAILED = frozenset({MISSED, BREACHED})  # a target not held: the command exits 1
# worst first: how a place with several indicators is coloured on a map
SEVERITY = {BREACHED: 0, MISSED: 1, BEHIND: 2, WARNING: 3, ON_TRACK: 4, MET: 5, NO_DATA: 6}
EPS = 1e-9  # "equal meets": values equal up to floating noise of unit conversion


@dataclass(frozen=True)
class Judgement:
    status: str
    branch: str | None  # raise | hold | lower | room; None without an observation
    path: float | None  # the value due in the observation's year, when the branch has one


def is_ceiling(bound: str) -> bool:
    """≤ bounds are ceilings; ≥, = and ≈ targets are floors to reach or hold."""
    return bound == "le"


def path_value(base: float, base_year: int, target: float, target_year: int, year: int) -> float | None:
    """The value due in ``year`` on the straight line from (Y0, B) to (Y, T); None when Y ≤ Y0."""
    if target_year <= base_year:
        return None
    return base + (target - base) * (year - base_year) / (target_year - base_year)


def _ge(a: float, b: float) -> bool:
    return a >= b - EPS * max(1.0, abs(b))


def _le(a: float, b: float) -> bool:
    return a <= b + EPS * max(1.0, abs(b))


def judge(target: float, bound: str, target_year: int, observed: float | None, year: int,
          base: float | None = None, base_year: int | None = None) -> Judgement:
    """The status of one observation against one target (all values in the target's unit).

    >>> judge(57, "ge", 2025, 56.4, 2023, base=55, base_year=2020).status
    '符合进度'
    >>> judge(40.8, "le", 2035, 39.92, 2023, base=39.6, base_year=2020).status
    '预警'
    """
    has_base = base is not None and base_year is not None and base_year < year
    if not is_ceiling(bound):
        branch = "raise" if has_base and base < target - EPS * max(1.0, abs(target)) else "hold"
    else:
        branch = "lower" if has_base and base > target + EPS * max(1.0, abs(target)) else "room"
    path = path_value(base, base_year, target, target_year, year) if has_base and branch != "hold" else None
    if observed is None:
        return Judgement(NO_DATA, None, None)
    if branch == "raise":
        status = MET if _ge(observed, target) else ON_TRACK if path is not None and _ge(observed, path) else BEHIND
    elif branch == "hold":
        status = MET if _ge(observed, target) else MISSED
    elif branch == "lower":
        status = MET if _le(observed, target) else ON_TRACK if path is not None and _le(observed, path) else BEHIND
    else:
        status = BREACHED if not _le(observed, target) else WARNING if path is not None and not _le(observed, path) \
            else ON_TRACK
    return Judgement(status, branch, path)


def bound_for(stated: str, stated_elsewhere: list[str], convention: str | None, base: float | None,
              target: float) -> tuple[str, str]:
    """(ge|le, where it comes from) for a target printed without a bound (a bare table cell): another
    statement of the same indicator (the plan's own, then its higher plan's), then the indicator's
    convention (monitor/indicator_bounds.tsv), then the way from base to target (down: a ceiling)."""
    if stated in ("ge", "le"):
        return stated, "stated"
    for bound in stated_elsewhere:
        if bound in ("ge", "le"):
            return bound, "stated for the indicator elsewhere"
    if convention in ("ge", "le"):
        return convention, "indicator convention"
    if base is not None and base > target + EPS * max(1.0, abs(target)):
        return "le", "base above target"
    return "ge", "default floor"


def nearest_target_year(years: list[int], year: int) -> int | None:
    """The target year that judges an observation of ``year``: the nearest one ≥ year, else the last one
    (a target year already past still binds)."""
    later = [y for y in years if y >= year]
    if later:
        return min(later)
    return max(years) if years else None


def in_unit(value: float | None, unit: str, target_unit: str) -> float | None:
    """``value`` printed in ``unit`` expressed in the target's unit; the same label (or none) passes as is."""
    if value is None:
        return None
    if same_unit(unit, target_unit) or not unit.strip() or not target_unit.strip():
        return float(value)
    converted = convert(value, unit, target_unit)
    if converted is None and per_capita_alike(unit, target_unit):
        return float(value)
    return converted


def worst(statuses: list[str]) -> str:
    """The most severe status of several (a place's colour on a map)."""
    return min(statuses, key=lambda s: SEVERITY.get(s, 99)) if statuses else NO_DATA
