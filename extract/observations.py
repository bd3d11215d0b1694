"""Observations: what a monitoring report (监测/评估/体检报告) or a statistics table says was measured.

A report gives values in a table and in prose ("2023年全县森林覆盖率为56.4%，较2020年基期的55.0%提高了1.4个
百分点"). A table, in a report as in a statistics file, has one row per indicator × place × year (long layout,
headers in any order and the usual wordings) or one column per year (wide layout, a 基期/现状 column for the
base year); a total row ("合计", "小计") is no indicator, and a row that labels a group of rows ("一、底线管控")
neither cuts the table (reader.group_label_cells) nor becomes one. Targets a report repeats, changes
("比上年减少20公顷") and increments ("新增…": a year's flow, where an observation is a level), in prose as in
a table's rows, are not observations and are left alone; a share ("占…的12.4%") is no value of what it is a
share of (shares.py). A land class before a name makes another indicator ("城镇建设用地规模" is not 建设用地规模).
Indicator names resolve to the genre's names (indicators.txt plus the monitoring wordings in
indicator_synonyms.tsv); units stay as printed (converted later through the ontology's unit table).
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from plankg import errors
from plankg.extract import lexicon, shares
from plankg.extract.document import Passage, PlanDocument, Section, Table
from plankg.extract.gazetteer import Division, gazetteer
from plankg.extract.indicator_tables import names_something_else
from plankg.extract.loaders import decode
from plankg.extract.model import DivisionRecord, EntityRef, Observation, ObservationSet
from plankg.extract.units import UNIT_ALTERNATIVES, known_unit
from plankg.ontology.quantities import commensurable

TABLE_SUFFIXES = (".csv", ".xlsx")
REPORT_TITLE = re.compile(r"(?:监测|评估|体检)[\u4e00-\u9fff（）()\d\-—]*报告")
NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # 44,260 as well as 44260
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# units a level is measured in: not years, months or counting words ("1.4个百分点" is a change, "2020年" a date)
_NOT_MEASURES = set(lexicon.COUNT_CLASSIFIERS) | {"年", "月", "日", "天"}
VALUE = re.compile(rf"(?P<num>{NUM})\s*(?P<pp>个百分点)?(?P<unit>"
                   rf"{'|'.join(re.escape(u) for u in UNIT_ALTERNATIVES if u not in _NOT_MEASURES)})?")
CELL = re.compile(rf"^\s*(?P<num>-?{NUM})\s*(?P<unit>[^\d\s（）()]*?)\s*$")
BASE_WORDS = ("基期", "现状", "基年", "基准年")
MEASURE_WORDS = ("面积", "规模", "总量", "总面积", "总规模")
# a clause with one of these states a target or a planned pace, not a measurement
TARGET_WORDS = ("目标", "上限", "下限", "应达", "要求", "力争", "预期", "测算", "规划确定", "规划划定", "任务")
# a clause with one of these states a change between years or a gap, not a level
CHANGE_WORDS = ("增加", "减少", "提高", "提升", "回升", "下降", "降低", "增长", "扩大", "缩小", "缺口", "差距", "还差", "增量",
                "新增", "累计")
RESPECTIVELY = re.compile(r"分别(?:为|是|达到|达)")
# what may stand between an indicator's name and its value: a bracket, a year or a date, a scope word, a copula,
# a comparison with the base or the year before, another value of the same indicator, an anaphor ("该项指标");
# anything else is a name of its own ("森林覆盖率为56.4%，绿道长度达到120公里": 120公里 is no forest cover)
LINKING = re.compile("|".join((
    r"[（(][^（）()]*[)）]", r"\s+", r"[，,、：:“”\"]",
    rf"(?:{NUM})\s*(?:个百分点|{'|'.join(re.escape(u) for u in UNIT_ALTERNATIVES)})?",
    r"(?:19|20)\d{2}\s*年(?:末|底|度|初)?", r"上年(?:末|底|度)?|去年|当年|本年度?|年末|年底|年度|同期|截至|截止|目前|现已|已经|已",
    r"该项指标|该指标|该项|指标值|监测值|实际值|实测值|现状值|基期值|数值",
    r"全(?:县|市|区|镇|乡|域)|(?:县|市|区|镇|乡)域|中心城区|城区|方面|其中|总体|整体",
    r"规划基期|基期|基年|基准年|现状",
    r"约为|约|分别|为|是|达到|达|保持在|稳定在|维持在|实现|仍然|仍|也|均|还|仅|只|了|的|较|比|与|同比|相比|相较|高于|低于|持平|有所",
    "|".join(CHANGE_WORDS), r"到|至|和|及",
)))


def adjacent(gap: str) -> bool:
    """Does a value follow its indicator's name with nothing but linking words between them? (LINKING)"""
    return not LINKING.sub("", gap)
# "到2035年" names a target's year; "截至2024年" the date of a level
TARGET_YEAR = re.compile(r"(?<!截)(?<!截止)(?:到|至)\s*(?:19|20)\d{2}\s*年")
LEVEL_REACHED = re.compile(r"(?:增加|减少|提高|提升|回升|下降|降低|增长|扩大|缩小|回落)(?:到|至)")
CLAUSE_END = "，；;。！？"
SENTENCE_END = "；;。！？"
# the usual column wordings of an observation table
YEAR_COLS = ("年份", "统计年度", "年度", "统计年份", "监测年份", "时间", "年")
AREA_COLS = ("行政区", "地区", "行政区划", "区县", "区域", "地区名称", "行政区名称", "县区", "地名")
NAME_COLS = ("指标名称", "指标", "指标项", "监测指标")
VALUE_COLS = ("数值", "指标值", "监测值", "统计值", "实际值", "值")
UNIT_COLS = ("计量单位", "单位")


# ----------------------------------------------------------------------------- indicator names
def synonyms() -> dict[str, str]:
    return lexicon.indicator_synonyms()


def resolve_indicator(printed: str, known: tuple[str, ...] = ()) -> str | None:
    """The indicator a printed name stands for: itself when known, a synonym, or the known name it
    ends with ("全县城镇燃气普及率" → 城镇燃气普及率); None when nothing fits."""
    name = re.sub(r"[（(][^（）()]*[)）]", "", printed).strip()
    names, worded = _candidates(tuple(known))
    if name in names:
        return name
    if name in synonyms():
        return synonyms()[name]
    for candidate in names:  # the same indicator with or without a measure word
        if len(candidate) >= 4 and (name.startswith(candidate) and name[len(candidate):] in MEASURE_WORDS
                                    or candidate.startswith(name) and candidate[len(name):] in MEASURE_WORDS):
            return candidate
    for candidate in worded:
        if len(candidate) >= 3 and name.endswith(candidate) and names_the_scope(name[:-len(candidate)]):
            return synonyms().get(candidate, candidate)
    return None


# what may stand before an indicator's name and leave it the same indicator: a year, the plan's whole area, a
# division's name ("2023年全县", "县域", "右玉县"); a land class or a flow before it ("城镇建设用地规模",
# "新增建设用地规模") names another indicator
SCOPE_WORDS = re.compile(r"(?:19|20)\d{2}\s*年(?:末|底|度)?|年末|年底|当年|(?:全|本)(?:县|市|区|旗|镇|乡|域)"
                         r"|(?:县|市|区|旗|镇|乡)域|中心城区|城区")


def names_the_scope(prefix: str) -> bool:
    """Is ``prefix`` only years, whole-area words and division names (or nothing)?"""
    rest = SCOPE_WORDS.sub("\0", prefix).split("\0")
    by_name = gazetteer().by_name
    return all(not part or part in by_name for part in rest)


@lru_cache(maxsize=64)
def _candidates(known: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(indicator names, names and synonyms), longest first."""
    names = tuple(sorted(set(known) | set(lexicon.indicator_names()), key=len, reverse=True))
    return names, tuple(sorted(set(names) | set(synonyms()), key=len, reverse=True))


# an indicator the lexicon does not know, named by its head word right before the value it is stated at
# ("全县人均公园绿地面积为10.2平方米"); the place words before it are not part of the name
UNKNOWN_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,24}?(?:率|度|面积|总量|规模|强度|比例|比重|密度|指数|保有量|用水量|能耗|数量|长度)"
                          r"(?=(?:约为|约|已达到|已达|达到|达|为|是|保持在|稳定在|维持在)\s*\d)")
PLACE_LEAD = re.compile(r"^(?:(?:年末|年底|年度|年)|(?:全|本)(?:县|市|区|旗|镇|乡|域)|(?:县|市|区)域|城区|中心城区|截至|截止|目前|当年|其中)+")


def unknown_mentions(sentence: str) -> list[tuple[int, str]]:
    """(position, name) of indicator names the lexicon lacks, found by their head word and a copula."""
    out = []
    for m in UNKNOWN_NAME.finditer(sentence):
        lead = PLACE_LEAD.match(m.group())
        start = m.start() + (lead.end() if lead else 0)
        if len(sentence[start:m.end()]) >= 3:
            out.append((start, sentence[start:m.end()]))
    return out


# a land class or a flow printed right before an indicator's name makes it another indicator: "城镇建设用地规模为52.3
# 平方公里" is not the value of 建设用地规模
NARROWING_LEAD = re.compile(r"(?:城镇|村庄|农村|乡村|集镇|新增|存量|增量)$")


def narrowed(sentence: str, pos: int, name: str) -> tuple[int, str]:
    """(position, name) of a mention, widened to the land class or flow word right before it."""
    lead = NARROWING_LEAD.search(sentence, 0, pos)
    return (lead.start(), lead.group() + name) if lead else (pos, name)


def mention_pattern(known: tuple[str, ...]) -> re.Pattern:
    words = sorted(set(known) | set(lexicon.indicator_names()) | set(synonyms()) | {"该项指标", "该指标"},
                   key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


# ----------------------------------------------------------------------------- small readers
def is_report_title(title: str) -> bool:
    return bool(REPORT_TITLE.search(title))


def _report_year(title: str, text: str) -> int | None:
    m = re.search(r"((?:19|20)\d{2})\s*年度", title) or YEAR.search(title)
    if m:
        return int(m.group(1))
    m = re.search(r"((?:19|20)\d{2})\s*年度", text[:2000])
    return int(m.group(1)) if m else None


def _base_year(text: str) -> int | None:
    """"以2020年为基期", "基期（2020年）", "2020年基期", "基期值(2020年)"."""
    for pattern in (r"以\s*((?:19|20)\d{2})\s*年(?:为|作为)(?:基期|基年|基准年|现状基期)",
                    r"(?:基期|基年|基准年|现状)[值年]?\s*[（(]\s*((?:19|20)\d{2})\s*年?\s*[)）]",
                    r"((?:19|20)\d{2})\s*年(?:的)?(?:规划)?(?:基期|基年|基准年)"):
        m = re.search(pattern, text)
        if m:
            return int(m.group(1))
    return None


WHOLE_AREA = re.compile(r"^(?:全|本)?(?:县|区|市|旗|镇|乡)(?:域)?$|^全域$|^合计$|^全(?:县|区|市)(?:合计)?$")


# what may stand before the place in a report's or table's title: numbering, "2023年度"
YEAR_LEAD = re.compile(r"^(?:[\d\s_\-]+|(?:19|20)\d{2}\s*年度?)+")


def _region(title: str) -> Division | None:
    """The place a report or table covers: the division its title starts with ("2023年度" and numbering
    skipped), else the longest county- or city-level name inside it ("关于右玉县…的报告")."""
    gaz = gazetteer()
    head = YEAR_LEAD.sub("", title)
    found = gaz.find_region(head)
    if found is not None:
        return found
    inside = [d for name, ds in gaz.by_name.items() if len(name) >= 3 and name in title and len(ds) == 1
              for d in ds if d.level in ("county", "city")]
    return max(inside, key=lambda d: len(d.name)) if inside else None


OPENING_PASSAGES = 20  # where a report says whose check it is


@lru_cache(maxsize=1)
def _county_or_city_names() -> tuple[re.Pattern, dict[str, Division]]:
    """Every county- and city-level name the gazetteer holds once, longest first. A two-character one
    ("某县") is not read before 城 or 域: in "现代县城" or "现代县域" it is the end of another word."""
    names = {n: ds[0] for n, ds in gazetteer().by_name.items()
             if len(n) >= 2 and len(ds) == 1 and ds[0].level in ("county", "city")}
    longer = "|".join(map(re.escape, sorted((n for n in names if len(n) > 2), key=len, reverse=True)))
    short = "|".join(map(re.escape, sorted(n for n in names if len(n) == 2)))
    return re.compile(f"{longer}|(?:{short})(?![城域])"), names


def _region_in_text(texts: list[str]) -> Division | None:
    """A report whose title and file name name no place: the county or city its opening passages name most
    often — at least twice and more often than any other, else none (a guess is worse than no region)."""
    pattern, names = _county_or_city_names()
    ranked = Counter(m.group() for text in texts for m in pattern.finditer(text)).most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return names[ranked[0][0]]


def _area_ref(name: str, default: Division | None) -> tuple[EntityRef | None, Division | None]:
    """A place cell → (ref, division): its own gazetteer entry, or the region of the file."""
    name = (name or "").strip()
    if WHOLE_AREA.match(name):  # "全县", "合计": the file's own region
        name = ""
    gaz = gazetteer()
    d = None
    if name:
        d = gaz.linker(default).resolve(name) if default is not None else None
        if d is None:
            hits = gaz.by_name.get(name) or []
            d = hits[0] if len(hits) == 1 else (gaz.find_region(name) if not hits else None)
            if d is None and hits and default is not None:  # a repeated name: the one under the file's region
                d = next((h for h in hits if h.code.startswith(default.code)), None)
    if d is None and not name:
        d = default
    if d is None:
        return (EntityRef("Place", name) if name else None), None
    return EntityRef("AdministrativeDivision", d.name, d.code), d


def _add_division(out: ObservationSet, d: Division | None) -> None:
    gaz = gazetteer()
    while d is not None and d.code not in out.divisions:
        out.divisions[d.code] = DivisionRecord(d.code, d.full_code, d.name, d.level, d.parent_code)
        d = gaz.parent(d)


def _unit_of(text: str) -> str:
    """A cell's or header's unit in its one spelling (units.known_unit: "％" → %, "㎡" → m²), else ""."""
    return known_unit(text)


def _bracket_unit(text: str) -> str:
    for inner in re.findall(r"[（(]([^（）()]+)[)）]", text or ""):
        for part in re.split(r"[，,、]", inner):
            if _unit_of(part):
                return _unit_of(part)
    return ""


# ----------------------------------------------------------------------------- tables (in reports and files)
# a row of one year's increment ("新增建设用地", "当年新增耕地面积"): a flow, where an observation is a level
FLOW_ROW = re.compile(r"^(?:(?:19|20)\d{2}\s*年度?|当年|本年度?|年度|年内)?新增")


def row_indicator(printed: str, known: tuple[str, ...] = ()) -> str:
    """The indicator of a table row, in a report's table as in a .csv / .xlsx file: the name it resolves to,
    else the name as printed without its brackets ("绿道长度（公里）" → 绿道长度), kept unresolved (no name of
    the lexicon; matched to a plan's indicator of the same name); "" for a year's increment (FLOW_ROW)."""
    if FLOW_ROW.match(printed):
        return ""
    return resolve_indicator(printed, known) or re.sub(r"[（(].*$", "", printed).strip()


@dataclass(frozen=True)
class _Column:
    index: int
    year: int | None
    base: bool


def _name_col(header: list[str]) -> int | None:
    """The column naming the indicator: a header of NAME_COLS or "名称"; one that starts with 指标 but names the
    indicator's nature, type, value or unit ("指标属性", "指标类型", "指标值") is none, wherever it stands."""
    masked = ["" if h.strip() not in NAME_COLS and names_something_else(h) else h for h in header]
    return _find(masked, (*NAME_COLS, "名称"))


def _find(header: list[str], words: tuple[str, ...]) -> int | None:
    """The column a wording names: an exact header first, then one that starts with it, then one holding it
    ("数据年份", "监测数值")."""
    clean = [re.sub(r"[\s（(].*$", "", h.strip()) for h in header]
    for test in (str.__eq__, str.startswith, str.__contains__):
        for w in words:
            for i, h in enumerate(clean):
                if test(h, w):
                    return i
    return None


def _year_columns(header: list[str], skip: set[int], base_year: int | None, own_year: int | None) -> list[_Column]:
    """Columns holding measurements: a year ("2023年", "2022年监测值"), base ("基期值(2020年)", "现状值"),
    or "监测值" without a year (the report's own year). Targets ("规划目标值", "2035年目标") are not."""
    out = []
    for i, h in enumerate(header):
        dated = None if i in skip else _dated(h, base_year, own_year)
        if dated is not None:
            out.append(_Column(i, *dated))
    return out


def _dated(text: str, base_year: int | None, own_year: int | None,
           anywhere: bool = False) -> tuple[int | None, bool] | None:
    """The year a wide table's column header or a long table's year cell dates a measurement to, and whether
    it is the base: "2023年", "2020（基期）", "基期值(2020年)", "现状值", "监测值" (the report's own year);
    None for a target ("规划目标值", "2035年目标", a year after the report's own) or no date at all.
    ``anywhere``: a year may stand anywhere in the text (a year cell), not only before 年 or in a bracket."""
    m = YEAR.search(text) or re.fullmatch(r"\s*((?:19|20)\d{2})\s*", text) \
        or re.search(r"[（(]((?:19|20)\d{2})[)）]", text) or re.match(r"\s*((?:19|20)\d{2})(?!\d)", text) \
        or (re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text) if anywhere else None)
    year = int(m.group(1)) if m else None
    # 现状 is the base only at the base year: "2023年现状值" is that year's observation
    is_base = any(w in text for w in BASE_WORDS if w != "现状") or "现状" in text and (
        year is None or year == base_year or (base_year is None and year != own_year))
    if any(w in text for w in ("目标", "规划值", "期末")) or ("规划" in text and not is_base):
        return None
    if year is not None and own_year and year > own_year and not is_base:
        return None  # a year after the report's own: a target, nothing observed yet
    if year is not None:
        return year, is_base
    if is_base:
        return base_year, True
    if any(w in text for w in ("监测值", "实际值", "实测值")) and own_year:
        return own_year, False
    return None


def _cell_value(cell: str) -> tuple[float, str] | None:
    m = CELL.match((cell or "").replace("％", "%").replace(",", ""))
    if m is None:
        return None
    unit = m.group("unit")
    if unit and not _unit_of(unit):
        return None
    return float(m.group("num")), unit


# a row that sums the rows above it: a total of the table, no indicator ("合计", "合 计", "小计", "全县总计")
TOTAL_ROW = re.compile(r"(?:(?:全|本)?(?:县|区|市|旗|镇|乡)域?|全域)?(?:合计|总计|小计|共计|汇总|总和)[:：]?")


def is_total(cell: str) -> bool:
    """Does a row's name cell label a total ("合计", "合　计", "小计（公顷）", "全县合计")?"""
    return bool(TOTAL_ROW.fullmatch(re.sub(r"[（(][^（）()]*[)）]", "", re.sub(r"[\s　*]+", "", cell or ""))))


def _wide_rows(header: list[str], rows: list[tuple[int, list[str], str]], out: ObservationSet,
               region: Division | None, known: tuple[str, ...]) -> None:
    """An indicator table with one column per year (a report's table, or a wide statistics table)."""
    name_i = _name_col(header)
    if name_i is None:
        return
    area_i, unit_i = _find(header, AREA_COLS), _find(header, UNIT_COLS)
    skip = {name_i, area_i, unit_i} - {None}
    columns = _year_columns(header, skip, out.base_year, out.year)
    for ordinal, cells, text in rows:
        cells = cells + [""] * (len(header) - len(cells))
        printed = cells[name_i].strip()
        indicator = row_indicator(printed, known) if printed and not is_total(printed) else ""
        if not indicator:
            continue
        area, d = _area_ref(cells[area_i] if area_i is not None else "", region)
        _add_division(out, d)
        unit_default = _unit_of(cells[unit_i]) if unit_i is not None else ""
        unit_default = unit_default or _bracket_unit(printed)
        for col in columns:
            parsed = _cell_value(cells[col.index])
            if parsed is None or col.year is None:
                continue
            value, unit = parsed
            out.observations.append(Observation(indicator, printed, area, col.year, value, cells[col.index].strip(),
                                                _unit_of(unit) or unit_default or _bracket_unit(header[col.index]),
                                                ordinal, text, is_base=col.base))


def _long_rows(header: list[str], rows: list[tuple[int, list[str], str]], out: ObservationSet,
               region: Division | None, known: tuple[str, ...]) -> bool:
    """One observation per row: 年份 · 行政区 · 指标 · 数值 · 单位 in any order and wording, in a statistics
    table as in a report's table. The year cell dates the row as a wide table's column header does ("2020（基期）"
    is the base; a year after the report's own or "2035年目标" is a target); a blank name cell under a named row
    is that row's indicator again (a cell merged down the years). False when the header is not of this layout."""
    if sum(1 for h in header if re.search(r"(?:19|20)\d{2}", h)) >= 2:
        return False  # one column per year: the wide layout
    # a header naming a year ("2024年", "现状值（2020年）") is a wide table's value column, not 年份 or 数值
    undated = ["" if re.search(r"(?:19|20)\d{2}", h) else h for h in header]
    year_i, name_i, value_i = _find(undated, YEAR_COLS), _name_col(header), _find(undated, VALUE_COLS)
    if year_i is None or name_i is None or value_i is None or len({year_i, name_i, value_i}) < 3:
        return False
    area_i, unit_i = _find(header, AREA_COLS), _find(header, UNIT_COLS)
    above: tuple[str, str] | None = None  # (name, unit) of the last named row: a merged name cell goes on
    for ordinal, cells, text in rows:
        cells = cells + [""] * (len(header) - len(cells))
        printed, unit_cell = cells[name_i].strip(), (cells[unit_i].strip() if unit_i is not None else "")
        dated = _dated(cells[year_i], out.base_year, out.year, anywhere=True) if cells[year_i].strip() else None
        if printed and (is_total(printed) or not cells[year_i].strip()):
            above = None  # a total, or a label of the rows below it: no indicator to carry down
            continue
        if printed:
            above = (printed, unit_cell)
        elif above is not None and cells[year_i].strip():
            printed, unit_cell = above[0], unit_cell or above[1]
        parsed = _cell_value(cells[value_i])
        if dated is None or dated[0] is None or parsed is None or not printed:
            continue
        indicator = row_indicator(printed, known)
        if not indicator:
            continue
        area, d = _area_ref(cells[area_i] if area_i is not None else "", region)
        _add_division(out, d)
        unit = _unit_of(parsed[1]) or _unit_of(unit_cell) or _bracket_unit(printed) or _bracket_unit(header[value_i])
        out.observations.append(Observation(indicator, printed, area, dated[0], parsed[0], cells[value_i].strip(),
                                            unit, ordinal, text, is_base=dated[1]))
    return True


def _indicator_columns(header: list[str]) -> dict[int, str]:
    """Columns headed by an indicator name ("耕地保有量（万亩）") → the indicator."""
    return {i: name for i, h in enumerate(header) if (name := resolve_indicator(h))}


def _year_rows(header: list[str], rows: list[tuple[int, list[str], str]], out: ObservationSet,
               region: Division | None) -> bool:
    """One row per year, one column per indicator: 年份 | 耕地保有量（万亩） | 森林覆盖率（%）."""
    year_i, columns = _find(header, YEAR_COLS), _indicator_columns(header)
    if year_i is None or not columns:
        return False
    area_i = _find(header, AREA_COLS)
    for ordinal, cells, text in rows:
        cells = cells + [""] * (len(header) - len(cells))
        ym = re.search(r"(?:19|20)\d{2}", cells[year_i])
        if ym is None:
            continue
        area, d = _area_ref(cells[area_i] if area_i is not None else "", region)
        _add_division(out, d)
        for i, indicator in columns.items():
            parsed = _cell_value(cells[i])
            if parsed is not None:
                out.observations.append(Observation(indicator, header[i], area, int(ym.group()), parsed[0], cells[i].strip(),
                                                    _unit_of(parsed[1]) or _bracket_unit(header[i]), ordinal, text,
                                                    is_base=any(w in cells[year_i] for w in BASE_WORDS)))
    return True


# ----------------------------------------------------------------------------- table files (.csv, .xlsx)
def _table_lines(path: Path, max_bytes: int) -> list[list[str]]:
    size = path.stat().st_size
    if size > max_bytes:
        raise errors.DocumentTooLarge(f"{path.name} is {size / 1e6:.1f} MB, over the limit")
    if path.suffix.lower() == ".csv":
        text = decode(path.read_bytes(), path.name)
        dialect = "excel-tab" if text.count("\t") > text.count(",") else "excel"
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect=dialect)]
    import openpyxl  # why here: only .xlsx files need it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile/KeyError/ValueError kinds for damaged files
        raise errors.UnreadableDocument(f"{path.name}: not a readable .xlsx workbook", detail=str(exc)) from exc
    try:
        sheets = [[[_xlsx_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets]
    finally:
        book.close()
    # the first sheet that holds an indicator table (a workbook may open with a cover or notes sheet)
    return next((rows for rows in sheets if any(sum(1 for c in r if c) >= 2 and _name_col(r) is not None
                                                 for r in rows)), sheets[0] if sheets else [])


def _xlsx_cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer() and 1900 < v < 2100:
        return str(int(v))  # a year typed as a number
    return str(v).strip()


def read_table_file(path: Path | str, max_bytes: int = 20 * 1024 * 1024) -> tuple[PlanDocument, ObservationSet]:
    """A .csv or .xlsx observation table → (a document of its rows, the observations they hold)."""
    path = Path(path)
    if not path.is_file():
        raise errors.FileMissing(f"{path} does not exist or is not a file")
    lines = [row for row in _table_lines(path, max_bytes) if any(c for c in row)]
    head_at = next((i for i, row in enumerate(lines)  # a title line above the header is one cell
                    if sum(1 for c in row if c) >= 2 and (_name_col(row) is not None or _indicator_columns(row))),
                   None)
    if head_at is None:
        raise errors.NotAPlan(f"{path.name}: no indicator column (指标/指标名称) in the table",
                              hint="an observation table needs columns 年份, 行政区, 指标, 数值, 单位 (any order)")
    title = " ".join(c for row in lines[:head_at] for c in row if c) or path.stem
    header = lines[head_at]
    passages = [Passage(0, "title", title, 0, 0, "front")]
    passages.append(Passage(1, "table-header", "\t".join(header), 0, 0, "front", tuple(header), 0))
    rows = []
    for row in lines[head_at + 1:]:
        p = Passage(len(passages), "table-row", "\t".join(row), 0, 0, "front", tuple(row), 0)
        passages.append(p)
        rows.append((p.ordinal, list(row), p.text))
    doc = PlanDocument(path, "\n".join(p.text for p in passages), passages,
                       {"front": Section("front", "", title, 0, None, [p.ordinal for p in passages])},
                       [Table(0, title, tuple(header), [r[0] for r in rows])])
    region = _region(title) or _region(path.stem)
    out = ObservationSet(title=title, kind="table")
    _set_region(out, region)
    if not _long_rows(header, rows, out, region, ()) and not _year_rows(header, rows, out, region):
        _wide_rows(header, rows, out, region, ())
    _place_fallback(out, title, path.stem)
    if not out.observations:
        out.warnings.append("no observation (year, indicator, value) could be read from the table")
    return doc, out


def _set_region(out: ObservationSet, region: Division | None) -> None:
    if region is not None:
        out.region = EntityRef("AdministrativeDivision", region.name, region.code)
        out.region_name = region.name
        _add_division(out, region)


LEADING_PLACE = re.compile(r"^([\u4e00-\u9fff]{1,10}?(?:自治县|自治旗|县|市|区|旗))")


def leading_place(title: str) -> str | None:
    """The place a title starts with when the gazetteer does not know it ("某某县国土空间…" → 某某县)."""
    m = LEADING_PLACE.match(YEAR_LEAD.sub("", title or ""))
    return m.group(1) if m else None


def _place_fallback(out: ObservationSet, *titles: str) -> None:
    """A file of a place the gazetteer lacks: its title's place is the region (a pk:Place by name, as the
    plan of that place is matched in plankg.monitor), and the region of every observation naming none."""
    name = next((n for n in map(leading_place, titles) if n), None)
    if out.region is not None or name is None:
        return
    out.region, out.region_name = EntityRef("Place", name), name
    out.observations = [o if o.area is not None else replace(o, area=out.region) for o in out.observations]


# ----------------------------------------------------------------------------- reports
def read_report(doc: PlanDocument) -> ObservationSet:
    """A monitoring report (already read into passages) → its observations, table and prose."""
    title = doc.passages[0].text.strip() if doc.passages else doc.name
    out = ObservationSet(title=title, kind="report", year=_report_year(title, doc.text), base_year=_base_year(doc.text))
    # a title without its place: the file's name, else the place the report's opening names
    region = _region(title) or _region(Path(doc.name).stem) \
        or _region_in_text([p.text for p in doc.passages[:OPENING_PASSAGES]])
    _set_region(out, region)
    printed: list[str] = []  # the names the report's tables print: a mention of one in its prose is recognised
    for table in doc.tables:
        name_i = _name_col(list(table.header))
        # its data rows and the rows labelling a group of them ("一、底线管控": no indicator, and where a name
        # merged down the rows of a long table stops)
        rows = [(p.ordinal, list(p.cells), p.text) for p in doc.passages
                if p.table == table.index and p.kind in ("table-row", "table-group")]
        if name_i is None:
            _year_rows(list(table.header), rows, out, region)
            continue
        printed.extend(doc.passages[o].cells[name_i].strip() for o in table.rows
                       if len(doc.passages[o].cells) > name_i and resolve_indicator(doc.passages[o].cells[name_i]))
        # every row, as a statistics table reads it (one row per indicator and year, or one column per year):
        # a name the lexicon lacks is kept as printed
        if not _long_rows(list(table.header), rows, out, region, ()):
            _wide_rows(list(table.header), rows, out, region, ())
    # what the printed names resolve to ("城乡建设用地" → 城乡建设用地规模, not itself), and the names the
    # tables keep unresolved: the report names them, its prose may state them ("绿道长度达到57公里")
    known = list(dict.fromkeys([*(n for n in map(resolve_indicator, printed) if n),
                                *(o.indicator for o in out.observations)]))
    units: dict[str, set[str]] = {}
    for o in out.observations:
        if o.unit:
            units.setdefault(o.indicator, set()).add(o.unit)
    pattern = mention_pattern(tuple(printed + known))
    area = out.region
    for p in doc.body():
        if p.kind in ("paragraph", "item"):
            out.observations.extend(prose_observations(p.text, p.ordinal, pattern, tuple(known), area,
                                                       out.year, out.base_year, units))
    _place_fallback(out, title, doc.name)
    return out


def prose_observations(text: str, ordinal: int, pattern: re.Pattern, known: tuple[str, ...], area: EntityRef | None,
                       report_year: int | None, base_year: int | None,
                       units: dict[str, set[str]] | None = None) -> list[Observation]:
    """Levels stated in one passage: each value goes to the indicator named right before it in its sentence,
    with only linking words between them (``adjacent``), and in a unit commensurable with the units the
    report's tables give that indicator (``units``: indicator → units)."""
    out: list[Observation] = []
    start = 0
    for end in [i + 1 for i, ch in enumerate(text) if ch in SENTENCE_END] + [len(text)]:
        sentence, start = text[start:end], end
        # a longer name at the same place is the subject ("耕地保有量任务完成率"): it sorts last
        named_known = [narrowed(sentence, m.start(), m.group()) for m in pattern.finditer(sentence)]
        # a name inside "占X的" is what a share is of, never the subject of a value ("占全县国土面积的12.4%")
        spans = shares.phrases(sentence, named_known)
        mentions = sorted(set(shares.outside([*named_known, *unknown_mentions(sentence)], spans)),
                          key=lambda pm: (pm[0], len(pm[1])))
        share_at = shares.value_starts(sentence, spans)
        respectively = _respectively(sentence, mentions)
        asides = [(b.start(), b.end()) for b in re.finditer(r"[（(][^（）()]*[)）]", sentence)]
        values = [m for m in VALUE.finditer(sentence) if m.group("unit") and not m.group("pp") and not _is_year(sentence, m)]
        for m in values:
            if m.start() in share_at:  # a share of X: the value of the subject only when it is a ratio itself
                printed = shares.subject(share_at[m.start()], m.group("unit"), mentions,
                                         [(v.start(), v.end()) for v in values],
                                         lambda name: resolve_indicator(name, known) or name, units)
                if printed is None:
                    continue
            else:
                # a name in a bracket closed before the value is an aside ("国土开发强度（建设用地总规模占…的比重）为")
                named = [(pos, name) for pos, name in mentions if pos < m.start() and not name.startswith("该")
                         and not any(a < pos and pos + len(name) < b <= m.start() for a, b in asides)]
                if not named:
                    continue
                # the value belongs to the name right before it: a list after 分别为, else the last name, when only
                # linking words stand between them (an unrecognised name in between is the value's own)
                printed = respectively.get(m.start())
                if printed is None:
                    pos, printed = named[-1]
                    if not adjacent(sentence[pos + len(printed): m.start()]):
                        continue
            clause_start = max(sentence.rfind(c, 0, m.start()) for c in CLAUSE_END) + 1
            ends = [i for i in (sentence.find(c, m.end()) for c in CLAUSE_END) if i >= 0]
            clause = sentence[clause_start: min(ends) if ends else len(sentence)]
            lead = sentence[clause_start: m.start()]
            is_base = any(w in lead for w in BASE_WORDS)
            if is_base and any(w in lead[max(lead.rfind(b) for b in BASE_WORDS):] for w in CHANGE_WORDS):
                continue  # "较基期的4.12万公顷减少0.07万公顷": the change since the base, not the base
            reached = LEVEL_REACHED.sub("", clause)  # "提高到58.3%" states the level reached
            if not is_base and (any(w in clause for w in TARGET_WORDS) or any(w in reached for w in CHANGE_WORDS)
                                or TARGET_YEAR.search(lead) or re.search(r"(?<!占)比(?!例|重|率)", lead)):
                continue
            year = _year_before(sentence, m.start(), report_year)
            if is_base:
                stated = YEAR.search(lead) or re.search(r"((?:19|20)\d{2})", lead)
                year = int(stated.group(1)) if stated else base_year
            if year is None or (report_year and year > report_year and not is_base):
                continue  # a report of 2023 observes nothing in 2035: "到2035年，…不低于…" restates a target
            indicator = resolve_indicator(printed, known) or printed
            if units and units.get(indicator) and not any(commensurable(m.group("unit"), u) for u in units[indicator]):
                continue  # "%" after a name the report's table states in 万亩: not that indicator's value
            out.append(Observation(indicator, printed, area, year, float(m.group("num").replace(",", "")),
                                   m.group("num") + m.group("unit"), m.group("unit"),
                                   ordinal, text, is_base=is_base))
    return out


def _respectively(sentence: str, mentions: list[tuple[int, str]]) -> dict[int, str]:
    """"A和B分别为x和y": value position → the indicator named in the same place of the list before 分别."""
    m = RESPECTIVELY.search(sentence)
    if m is None:
        return {}
    names = list(dict.fromkeys(n for pos, n in mentions if pos < m.start() and not n.startswith("该")))
    values = [v for v in VALUE.finditer(sentence, m.end()) if v.group("unit") and not v.group("pp")]
    return {v.start(): n for v, n in zip(values, names)} if len(names) == len(values) >= 2 else {}


def _is_year(sentence: str, m: re.Match) -> bool:
    return m.group("unit") is None and bool(re.match(r"\s*年", sentence[m.end():]))


def _year_before(sentence: str, pos: int, default: int | None) -> int | None:
    """The last year named before a value in its sentence ("2023年末，…为"), or the report's year."""
    years = [int(y.group(1)) for y in YEAR.finditer(sentence[:pos])]
    if re.search(r"上年(?:末|底)?[，,]?[^，,。；]*$", sentence[:pos]) and default:
        return default - 1
    return years[-1] if years else default
