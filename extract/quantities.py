"""Numbers in prose: targets ("到2025年，X燃气普及率达到96%"), measurements ("国土面积为10625.4平方公里")
and counts ("17处国家级文物保护单位", "五大发展战略")."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

import jieba
import jieba.posseg as pseg
from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import enumerations, lexicon, names
from plankg.extract.context import RuleContext
from plankg.extract.document import Passage
from plankg.extract.model import EntityRef, Quantity
from plankg.extract.units import AREA_ALTERNATIVES, BOUND_WORDS, UNIT_ALTERNATIVES

# prose units: the ontology's unit labels (extract/units.py) and the counters and durations of the genre
UNITS = tuple(sorted(set(UNIT_ALTERNATIVES) | {"分钟", "年", "个", "处", "条", "座", "类", "张", "项", "家", "所", "级", "字", "片",
                                                "立方米每秒", "立方米/秒"},
                     key=len, reverse=True))
COUNT_UNITS = set(lexicon.COUNT_CLASSIFIERS) | {"片", "字"}
NUM = r"\d+(?:\.\d+)?"
# "到2025年", "近期2025年", and a stage with its year in brackets: "近期目标（2025年）：…" (not "截至2020年": a date)
YEAR_CTX = re.compile(r"(?<![截止])(?:到|至|在|于|近期|远期|规划期末)\s*(\d{4})\s*年"
                      r"|(?:近期|中期|远期)(?:目标年?|年)?\s*[（(]\s*(\d{4})\s*年?\s*[)）]")
# comparators between an indicator and its value ("耕地保有量不得低于…", "≤165.9"), longest first
CUES = sorted((w for w, b in BOUND_WORDS.items() if w not in ("以上", "以下", "以内", "左右", "下限", "上限", "确保")),
              key=len, reverse=True)
UNIT_ALT = "|".join(map(re.escape, UNITS))
# an indicator's name ends in a measure word, or is a control line whose area is stated ("划定生态保护红线不少于…公顷")
INDICATOR_WORD = r"[\u4e00-\u9fffA-Za-z（）()]{2,16}?(?:率|量|面积|规模|强度|度|比例|比重|指数|密度|总量|人口|长度|宽|长|用地|范围|能耗|红线|基本农田|开发边界|数)"
# when a value holds, written between the indicator and its value: "…处理率到2025年达到95%", "…用地现状为1126公顷"
WHEN = (r"(?P<when>(?<![截止])(?:到|至|在|于)\s*(?P<when_year>\d{4})\s*年(?:底|末)?|规划期末|规划期内|近期|远期|现状(?:年)?"
        r"|[（(]\s*(?P<bracket_year>\d{4})\s*年?(?:底|末)?\s*[)）]"  # "森林覆盖率（2020年）为23.6%"
        r"|(?P<bare_year>\d{4})\s*年(?:底|末)?(?=\s*(?:达到|提高到|提升到|不低于|不少于|不超过|控制在|为)))?")  # "…率2025年达到96%"
# an indicator named as what the plan lays out ("镇区规划范围", "规划人口")
PLANNED_NAME = re.compile(r"规划(?:范围|面积|人口|规模)$")
# a year printed before the indicator: "2020年常住人口约3.6万人"
LEAD_YEAR = r"(?:(?P<lead_year>\d{4})\s*年(?:底|末)?)?"
HEDGE = r"(?:要|应|将|须|必须|力争|确保|基本|逐步|进一步|按照|按)*"  # "…强度按不超过8.4%控制"
CUE_ALT = "|".join(map(re.escape, CUES))
TARGET_RE = re.compile(
    rf"{LEAD_YEAR}(?P<ind>{INDICATOR_WORD}){WHEN}{HEDGE}(?P<cue>{CUE_ALT})?"
    rf"\s*(?P<val>{NUM})\s*(?P<unit>{UNIT_ALT})(?P<tail>以上|以下|以内|左右)?")
# a second value of the same indicator in the next clause: "…，到2035年不低于98%" / "…，规划期末压减到1045公顷以内"
NEXT_VALUE = re.compile(
    rf"[，,、]\s*{WHEN}{HEDGE}(?P<cue>{CUE_ALT})\s*(?P<val>{NUM})\s*(?P<unit>{UNIT_ALT})(?P<tail>以上|以下|以内|左右)?")
# a land-use class printed right before an area is that class's area: "现状耕地4973公顷、林地9467公顷" (classes of
# extract/data/land_classes.txt); a flow word before the class makes it no stock ("新增建设用地…", "占用耕地…")
LAND_CLASS_AREA = re.compile(
    rf"(?P<ind>{'|'.join(map(re.escape, lexicon.land_classes()))})(?:总?面积)?{WHEN}{HEDGE}(?P<cue>{CUE_ALT})?"
    rf"\s*(?P<val>{NUM})\s*(?P<unit>{'|'.join(map(re.escape, AREA_ALTERNATIVES))})(?P<tail>以上|以下|以内|左右)?")
LAND_FLOW = re.compile(r"(?:新增|增加|减少|净增|净减|占用|补充|补划|核减|核增|复垦|垦造|开垦|整治|整理|流转|转为|转用|调出|调入|划入|划出"
                       r"|腾退|恢复|退出|治理|修复|新建|退耕|还|拆除|盘活|处置|征收|收储|批准|审批|供应|出让|腾挪|置换)的?$")
PLANNED_LEAD = re.compile(r"规划(?:期末)?$")
# the value before the indicator, with a word that keeps it: "现有5.8万亩水浇地面积确保不减少"
KEPT_VALUE = re.compile(rf"(?:现有|现状|现存)(?P<val>{NUM})\s*(?P<unit>{UNIT_ALT})(?P<ind>{INDICATOR_WORD})"
                        r"(?:要|应|须|必须)?(?:确保|保持)?(?:不减少|不降低|只增不减|不下降|不减)")
SHARE_RE = re.compile(rf"(?P<ind>[\u4e00-\u9fff]{{2,10}}?)占(?P<base>[\u4e00-\u9fff]{{2,10}}?)的\s*(?P<val>{NUM})\s*(?P<unit>%|％)")
LIST_VALUES_RE = re.compile(rf"(?P<ind>[\u4e00-\u9fff]{{2,10}}?)分别为(?P<vals>(?:\s*{NUM}\s*(?:{UNIT_ALT})[、和及]?)+)")
COUNT_RE = re.compile(rf"(?<![\d.])(?P<num>\d+|{lexicon.CN_NUMERAL}|双)\s*(?P<cls>个|处|条|座|类|张|项|家|所|大|级|字)"
                      rf"(?P<what>[\u4e00-\u9fff（）()、]{{1,14}}?)(?=[，。、；：:,;—“”（）()]|和|及|与|$|等|，)")
# "其余7个行政村" / "另有5个社区": the rest or the others of a whole, not the number of all of them
# ("其中2个镇、4个乡" does count towns and townships, so 其中 is not one of them)
PART_OF_WHOLE = re.compile(r"(?:其余|另有|另外|剩余|余下|其他|其它)(?:的)?\s*$")
DEGREE = r"\$?\s*(\d{2,3})\s*(?:\^\{\\circ\}|°)\s*(\d{1,2})\s*['′]?\s*\$?"
COORDINATES = re.compile(rf"(?P<axis>东经|北纬|西经|南纬)\s*{DEGREE}\s*[—\-~至]+\s*{DEGREE}")
VALUE_SERIES = re.compile(rf"(?P<vals>(?:{NUM}\s*(?:分钟|米|公里|千米)、)+{NUM}\s*(?P<unit>分钟|米|公里|千米))(?P<what>[\u4e00-\u9fff]{{2,6}})")
RANGE = re.compile(rf"(?:以)?(?P<a>{NUM})\s*(?P<unit1>米|公里|千米|%)?\s*[-—~至到]\s*(?P<b>{NUM})\s*(?P<unit>米|公里|千米|%)(?:为|的)?(?P<what>[\u4e00-\u9fff]{{2,8}})")
NOUN_COUNT = re.compile(r"(?P<what>[\u4e00-\u9fff]{2,8}?)(?P<num>\d+)\s*(?P<cls>处|个|座|条|所|家|项)(?=[，。；、,;]|$|以及)")
# a verb of laying something out: in a count's clause ("全县共规划|消防站12座", "新建|停车场3处") it makes a target
# (not after 已/现: "已建设…" is done), and so does 规划 right before a land class ("规划耕地4900公顷")
PLANNING_VERB = r"(?:规划建设|规划布局|规划新建|新建|建设|规划|安排)"
PLAN_VERB_IN = re.compile(rf"(?<![已现])(?:共|合计|总计)?{PLANNING_VERB}(?=[\u4e00-\u9fff]{{2}})")
CYCLE = re.compile(rf"(?P<num>{lexicon.CN_NUMERAL}|\d+)年一(?P<what>[\u4e00-\u9fff]{{2}})")
# a design standard as a return period: "中心城区防洪标准按50年一遇设防", "城区排涝标准为二十年一遇"
RETURN_PERIOD = re.compile(rf"(?P<what>[\u4e00-\u9fff（）()]{{2,16}}?)(?P<std>(?:防洪|排涝|防涝|防潮)?标准)?"
                           rf"(?:按|为|达到|提高到|提升到|采用|执行|不低于)?\s*(?P<num>\d+|{lexicon.CN_NUMERAL}|百)\s*年一遇"
                           r"(?P<after>标准)?(?P<act>设防|防洪|排涝|防涝)?")
# a value that changes from the present to a target: "村庄用地由2020年的41.6平方公里压减到36.5平方公里以内"
CHANGE_VERBS = {"压减": "le", "减少": "le", "降低": "le", "下降": "le", "缩减": "le", "减": "le", "降": "le",
                "增加": "ge", "提高": "ge", "提升": "ge", "扩大": "ge", "增长": "ge", "增": "ge", "调整": "eq"}
CHANGE_RE = re.compile(
    rf"(?P<ind>{INDICATOR_WORD})(?:由|从)\s*(?:(?P<from_year>\d{{4}})\s*年(?:底|末)?(?:的)?|现状(?:的)?)?\s*"
    rf"(?P<a>{NUM})\s*(?P<unit_a>{UNIT_ALT})\s*(?:的基础上)?[，,]?\s*(?:(?:到|至)\s*(?P<to_year>\d{{4}})\s*年(?:底|末)?)?\s*"
    rf"(?P<verb>{'|'.join(sorted(CHANGE_VERBS, key=len, reverse=True))})(?:到|至)\s*(?P<b>{NUM})\s*(?P<unit>{UNIT_ALT})"
    r"(?P<tail>以上|以下|以内|左右)?")
# a stock of the whole territory, stated without a year, is the present: "全市现有文物保护单位48处"
PRESENT_STOCK = re.compile(r"^\s*(?:全市|全县|全区|全镇|全乡)|现有|现状|现存")
# words that turn a stock into a target ("由现状9个增加到不少于15个")
TOWARDS = re.compile(r"到|至|新增|增加|提高|达|不少于|不低于|不超过|控制在|规划(?!区|范围)")
DISTANCE_IDIOM = re.compile(rf"(?P<val>{NUM})\s*(?P<unit>米|公里|分钟)见(?P<what>[\u4e00-\u9fff])")


# words between a noun and its count: comparators and verbs of change ("历史建筑不少于60处", "总数达到6个")
COUNT_LEAD = re.compile("(?:" + "|".join(map(re.escape, sorted(
    set(CUES) | {"达到", "增加到", "增至", "提高到", "新增", "累计", "共有", "共", "约", "为", "有", "现有", "总计", "合计"},
    key=len, reverse=True))) + ")+$")
# verbs that set a counted thing up, never part of its name ("建成|消防站", "规划|避难场所")
SETTING_VERBS = frozenset({"建成", "建设", "新建", "新增", "规划", "布局", "设置", "配置", "安排", "改造", "提升", "完成", "形成", "建立",
                           "共有", "拥有", "现有", "达到", "保留", "推进", "实施"})
CLASS_CHARS = frozenset("点站所区园场库")  # one-character class nouns that end a counted thing
NOUN_FLAGS = re.compile(r"^(?:n|nz|ns|nt|nr|ng|vn|j|l|b|s|zg)")  # zg: a lone 村 / 县 after its modifier


def count_subject(before: str) -> str:
    """What a count counts, from its clause: "确定公布历史建筑不少于" → 历史建筑; "中国传统村落由现状9个
    增加到不少于" → 中国传统村落 (the nouns right before the count, else the clause's leading nouns)."""
    clause = COUNT_LEAD.sub("", re.split(r"[，。；：:,;、（(]", before)[-1])
    words = [(w.word, w.flag) for w in pseg.cut(clause) if w.word.strip()]
    tail: list[str] = []
    for word, flag in reversed(words):
        if not (NOUN_FLAGS.match(flag) or (not tail and word in CLASS_CHARS)):  # "隐患|点": jieba tags 点 a numeral
            break
        tail.insert(0, word)
    nouns = [i for i, (_, flag) in enumerate(words) if NOUN_FLAGS.match(flag)]
    if not tail and nouns and all(flag.startswith("v") for _, flag in words[nouns[-1] + 1:]):
        i = nouns[-1]  # "长城重点段落抢险加固": the work done to a thing is counted in that thing's places
        while i > 0 and NOUN_FLAGS.match(words[i - 1][1]):
            i -= 1
        tail = [word for word, _ in words[i:]]
    if not tail:
        for word, flag in words:
            if not NOUN_FLAGS.match(flag):
                break
            tail.append(word)
    elif len("".join(tail)) <= 2:  # "应急避难|场所", "定点救治|医院": a bare class noun keeps the words that make it a kind
        i = len(words) - len(tail)
        # nouns, and a verb only when a noun stands before it ("应急|避难", "定点|救治"; not "挂牌|保护")
        while i > 0 and words[i - 1][0] not in SETTING_VERBS and (
                re.match(r"^(?:n|vn)", words[i - 1][1])
                or (words[i - 1][1].startswith("v") and i > 1 and re.match(r"^(?:n|vn)", words[i - 2][1]))):
            i -= 1
            tail.insert(0, words[i][0])
    grade = GRADE_BEFORE.search(clause[: len(clause) - len("".join(tail))]) if tail else None
    return (grade.group() if grade else "") + "".join(tail)  # "二级及以上|综合医院": the grade is part of the kind


# a grade before a counted kind: "二级及以上综合医院", "三级甲等医院", "4A级以上景区"
GRADE_BEFORE = re.compile(r"(?:[一二三四五六七八九十\d]+[A甲乙]?级(?:甲等|乙等)?(?:及以上|以上)?|[一二三]甲)$")


def _leading_nouns(text: str) -> str:
    """"乡为一般乡" → 乡, "图管理" → 图: the nouns a phrase starts with."""
    out = []
    for w in pseg.cut(text):
        if not NOUN_FLAGS.match(w.flag):
            break
        out.append(w.word)
    return "".join(out)


def _count_name(what: str) -> str:
    return what if what.endswith(("数", "数量", "总数", "个数")) else f"{what}数量"


def in_longer_word(text: str, start: int, end: int) -> bool:
    """"十字街": a numeral and classifier that are part of a longer word count nothing; so does a quoted
    slogan made of them ("“一张图”")."""
    if start > 0 and text[start - 1] == "“" and text.find("”", end) - end <= 2 and text.find("”", end) >= 0:
        return True
    lo = max(0, start - 4)
    pos = lo
    for token in jieba.cut(text[lo: end + 4]):
        t_start, t_end = pos, pos + len(token)
        pos = t_end
        if t_start <= start < t_end:
            return t_start < start or t_end > end
    return False


def _bound(cue: str | None, tail: str | None) -> str:
    if tail:  # "…以上" / "控制在…以内": the word after the value decides
        return BOUND_WORDS[tail]
    return BOUND_WORDS.get(cue or "", "eq")


def _year_for(text: str, pos: int, default: int | None) -> int | None:
    """The year of the nearest preceding "到2025年" in the same passage (targets), else default."""
    years = [m for m in YEAR_CTX.finditer(text) if m.end() <= pos]
    return int(years[-1].group(1) or years[-1].group(2)) if years else default


def _when(m: re.Match, text: str, heading_year: int | None, plan_end: int | None,
          base_year: int | None) -> tuple[int | None, bool]:
    """(year, is a target) of a value: the year written with it (到2025年, 规划期末, 现状), else the nearest
    earlier "到2025年" of the passage."""
    when = m.group("when") or ""
    lead = m.groupdict().get("lead_year")
    if lead:  # a year before the name: a target when it lies after the base year
        return int(lead), base_year is None or int(lead) > base_year
    if m.group("when_year"):
        return int(m.group("when_year")), True
    bracketed = m.groupdict().get("bracket_year") or m.groupdict().get("bare_year")
    if bracketed:  # a year in brackets or bare after the name: a target when after the base year
        year = int(bracketed)
        return year, base_year is None or year > base_year
    if when.startswith(("规划期末", "远期", "规划期内")):
        return plan_end, plan_end is not None
    if when.startswith("现状"):
        return base_year, False
    year = _year_for(text, m.start("val"), heading_year)
    if year is not None and YEAR_CTX.search(text[: m.start("val")]):
        return year, True
    if PLANNED_NAME.search(m.group("ind")):  # "规划范围约420公顷": what the plan lays out, at its end year
        return plan_end, plan_end is not None
    return None, False


def extract_quantities(text: str, ordinal: int, areas: list[tuple[int, int, EntityRef]], heading_year: int | None,
                       plan_end: int | None = None, base_year: int | None = None) -> list[Quantity]:
    """All quantities of one passage; ``areas`` are (start, end, place) mentions for refArea."""
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    outer = [(s, e, ref) for s, e, ref in areas
             if not any(s2 <= s and e <= e2 and (e2 - s2) > (e - s) for s2, e2, _ in areas)]

    def areas_before(pos: int) -> tuple[EntityRef, ...]:
        """The places of the clause before a value ("平鲁区、怀仁市…和右玉县燃气普及率达到80%")."""
        clause_start = max(text.rfind(c, 0, pos) for c in "；。，") + 1
        in_clause = [ref for s, e, ref in outer if clause_start <= s and e <= pos]
        if in_clause:
            return tuple(dict.fromkeys(in_clause))
        sentence_start = max(text.rfind(c, 0, pos) for c in "；。") + 1
        earlier = [ref for s, e, ref in outer if sentence_start <= s and e <= pos]
        return (earlier[-1],) if earlier else ()

    def add(q: Quantity, span: tuple[int, int]) -> None:
        if any(s < span[1] and span[0] < e for s, e in taken):
            return
        taken.append(span)
        out.append(q)

    for m in LIST_VALUES_RE.finditer(text):
        for vm in re.finditer(rf"({NUM})\s*({UNIT_ALT})", m.group("vals")):
            add(Quantity(m.group("ind"), float(vm.group(1)), vm.group(1), vm.group(2), None, "eq", ordinal,
                         m.group(0)), (m.start("vals") + vm.start(), m.start("vals") + vm.end()))
    for m in COORDINATES.finditer(text):
        a1, a2, b1, b2 = m.group(2), m.group(3), m.group(4), m.group(5)
        value_text = f"{a1}°{a2}'—{b1}°{b2}'"
        add(Quantity(f"{m.group('axis')}范围", None, value_text, "度分", None, "eq", ordinal, m.group(0)), m.span())
    for m in RETURN_PERIOD.finditer(text):
        n = 100 if m.group("num") == "百" else lexicon.cn_to_int(m.group("num"))
        if n and (m.group("std") or m.group("act") or m.group("after")):
            what = m.group("what")
            what = what if m.group("std") else f"{what}{'排涝' if '涝' in (m.group('act') or '') else '防洪'}标准"
            add(Quantity(f"{what}{m.group('std') or ''}", float(n), m.group("num"), "年一遇", None, "eq", ordinal,
                         m.group(0)), m.span("num"))
    for m in CHANGE_RE.finditer(text):
        unit_a = m.group("unit_a")
        add(Quantity(m.group("ind"), float(m.group("a")), m.group("a"), unit_a,
                     int(m.group("from_year")) if m.group("from_year") else base_year, "eq", ordinal, m.group(0),
                     kind="Measurement", areas=areas_before(m.start("a"))), m.span("a"))
        to_year = int(m.group("to_year")) if m.group("to_year") else _year_for(text, m.start("b"), heading_year) or plan_end
        bound = BOUND_WORDS[m.group("tail")] if m.group("tail") else CHANGE_VERBS[m.group("verb")]
        add(Quantity(m.group("ind"), float(m.group("b")), m.group("b"), m.group("unit"), to_year,
                     bound, ordinal, m.group(0), kind="Target", areas=areas_before(m.start("a"))), m.span("b"))
    for m in CYCLE.finditer(text):  # "一年一体检、五年一评估": review cycles
        n = lexicon.cn_to_int(m.group("num"))
        if n:
            add(Quantity(f"{m.group('what')}周期", float(n), m.group("num"), "年", None, "eq", ordinal, m.group(0)),
                m.span("num"))
    for m in VALUE_SERIES.finditer(text):
        for vm in re.finditer(NUM, m.group("vals")):
            add(Quantity(f"{m.group('what')}时间半径" if m.group("unit") == "分钟" else f"{m.group('what')}半径",
                         float(vm.group()), vm.group(), m.group("unit"), None, "eq", ordinal, m.group(0)),
                (m.start("vals") + vm.start(), m.start("vals") + vm.end()))
    for m in RANGE.finditer(text):
        if m.group("unit1") not in (None, m.group("unit")):
            continue
        add(Quantity(m.group("what"), None, f"{m.group('a')}-{m.group('b')}", m.group("unit"), None, "eq", ordinal,
                     m.group(0)), (m.start("a"), m.end("b")))
    for m in enumerations.counted_categories(text):  # "其中63个划为集聚提升类": the plan sorts its villages
        add(Quantity(f"{m.group('cat')}村庄数量", float(m.group("num")), m.group("num"), "个", plan_end, "eq", ordinal,
                     m.group(0), kind="Target", is_count=True), m.span("num"))
    for m in NOUN_COUNT.finditer(text):
        clause_start = max(text.rfind(c, 0, m.start("num")) for c in "，,；;。：:") + 1
        # a planning verb anywhere in the clause before the count: "全县共规划消防站12座", "全市规划传染病…医院9家"
        inner = next(reversed(list(PLAN_VERB_IN.finditer(text, clause_start, m.start("num")))), None)
        planned = inner is not None and plan_end is not None
        after = inner.end() if inner else 0
        what = count_subject(text[after: m.start("num")]) or re.sub(r"^(?:中心城区|全市|全县|市域|县域)", "", m.group("what"))
        add(Quantity(_count_name(what), float(m.group("num")), m.group("num"), m.group("cls"), plan_end if planned else None,
                     "eq", ordinal, m.group(0), kind="Target" if planned else "Measurement", is_count=True),
            m.span("num"))
    for m in SHARE_RE.finditer(text):
        add(Quantity(f"{m.group('ind')}占{m.group('base')}比例", float(m.group("val")), m.group("val"), "%",
                     None, "eq", ordinal, m.group(0)), m.span("val"))
    for m in DISTANCE_IDIOM.finditer(text):
        add(Quantity(f"见{m.group('what')}距离", float(m.group("val")), m.group("val"), m.group("unit"), None, "le",
                     ordinal, m.group(0)), m.span("val"))
    for m in TARGET_RE.finditer(text):
        if m.group("unit") in ("年",) or (m.group("unit") in COUNT_UNITS and not m.group("cue")):
            continue
        line = next((k for k in control_lines() if m.group("ind").endswith(k)), None)
        if line is not None and LAND_FLOW.search(m.group("ind")[: -len(line)]):
            continue  # "补划永久基本农田560公顷": land moved into the line, not the line's area
        year, target = _when(m, text, heading_year, plan_end, base_year)
        bound = _bound(m.group("cue"), m.group("tail"))
        if "约" in text[max(0, m.start("val") - 3): m.start("val")]:
            bound = "approx"
        add(Quantity(m.group("ind"), float(m.group("val")), m.group("val"), m.group("unit"),
                     year, bound, ordinal, m.group(0),
                     kind="Target" if target else "Measurement", areas=areas_before(m.start("val"))),
            m.span("val"))
        for nxt in _following_values(text, m.end()):
            year, target = _when(nxt, text, heading_year, plan_end, base_year)
            add(Quantity(m.group("ind"), float(nxt.group("val")), nxt.group("val"), nxt.group("unit"),
                         year, _bound(nxt.group("cue"), nxt.group("tail")), ordinal, nxt.group(0),
                         kind="Target" if target else "Measurement", areas=areas_before(m.start("val"))),
                nxt.span("val"))
    for m in LAND_CLASS_AREA.finditer(text):
        clause_start = max(text.rfind(c, 0, m.start()) for c in "，,；;。、：:") + 1
        lead = text[clause_start: m.start()]
        if LAND_FLOW.search(lead):
            continue
        year, target = _when(m, text, heading_year, plan_end, base_year)
        if not target and (m.group("cue") or PLANNED_LEAD.search(lead)):
            year, target = plan_end, plan_end is not None  # "规划耕地不少于4900公顷": a target of the plan's end
        elif year is None:
            year = base_year  # a class's area stated without a year or a target's word: today's land use
        add(Quantity(f"{m.group('ind')}面积", float(m.group("val")), m.group("val"), m.group("unit"), year,
                     _bound(m.group("cue"), m.group("tail")), ordinal, m.group(0),
                     kind="Target" if target else "Measurement", areas=areas_before(m.start("val"))),
            m.span("val"))
    for m in KEPT_VALUE.finditer(text):
        add(Quantity(m.group("ind"), float(m.group("val")), m.group("val"), m.group("unit"), plan_end, "ge", ordinal,
                     m.group(0), kind="Target" if plan_end else "Measurement", areas=areas_before(m.start("val"))),
            m.span("val"))
    for m in COUNT_RE.finditer(text):
        n = lexicon.cn_to_int(m.group("num"))
        what = m.group("what").strip("、（）()")
        if not what and m.start() > 0 and text[m.start() - 1] in "（(":  # "历史文化名镇（2个）": the key counts
            what = count_subject(text[: m.start() - 1])
        elif what:  # "7项为下限": the counted noun is before the count when a verb follows it
            first = next(iter(pseg.cut(what)), None)
            acts = first is not None and first.flag[:1] in ("v", "p", "d")
            what = _leading_nouns(what) or (count_subject(text[: m.start()]) if acts else what)
        if n is None or not what or (m.group("num").isdigit() and len(m.group("num")) == 4 and m.group("cls") != "个"):
            continue
        if PART_OF_WHOLE.search(text[: m.start()]):
            continue
        if not m.group("num").isdigit() and in_longer_word(text, m.start("num"), m.end("cls")):
            continue
        cls = m.group("cls")
        add(Quantity(_count_name(what), float(n), m.group("num"), "个" if cls == "大" else cls, None, "eq", ordinal,
                     m.group(0), is_count=True), m.span("num"))
    return out


def _following_values(text: str, pos: int) -> list[re.Match]:
    """Values of the same indicator in the clauses right after ``pos`` ("…，到2035年不低于98%")."""
    out = []
    while (m := NEXT_VALUE.match(text, pos)) is not None:
        out.append(m)
        pos = m.end()
    return out


# ----------------------------------------------------------------------------- the component
OVERVIEW_HEADING = re.compile(r"概况|现状|基本情况|自然条件|区域概述|规划范围")


def passage_quantities(ctx: RuleContext, p: Passage) -> None:
    areas = [(start, end, ctx.division_ref(d, p.ordinal, printed))
             for start, end, printed, d in ctx.linker.find(p.text)]
    for span in names.suffix_names(p.text):
        if span.kind in ("UrbanArea", "Region"):
            ref = ctx.make_entity(span.text, p.ordinal, span.kind)
            if ref is not None:
                areas.append((span.start, span.end, ref))
    areas.sort(key=lambda a: (a[0], a[1]))
    year = None
    m = re.search(r"(\d{4})\s*年", p.heading or "")
    if m and re.search(r"至|到|规划", p.heading):
        year = int(m.group(1))
    base_year = ctx.ex.meta.base_year
    overview = bool(OVERVIEW_HEADING.search(" ".join((p.heading, *_section_titles(ctx, p.section)))))
    heading_area = _heading_division(ctx, p)
    found: list[Quantity] = []
    for q in extract_quantities(p.text, p.ordinal, areas, year, ctx.ex.meta.end, base_year):
        if heading_area is not None and not q.areas:
            q.areas = (heading_area,)  # "2.南河种镇 / 全镇辖10个行政村": the division the passage is about
        if QUOTED_HIGHER.search(_clause_before(p.text, q)):
            q.kind = "Allocation"  # "市级规划分解下达应县的…不超过58.9平方公里": the higher plan's value, quoted
        higher = _higher_scope(ctx, p, q)
        if higher is not None:  # "助力县域水土流失治理度…达到75%" in a township plan: the county's figure
            q.areas = (higher,)
        if overview and q.year is None and q.kind == "Measurement" and not q.is_count:
            q.year = base_year  # a section describing the present states values of the base year
        if q.year is None and q.kind == "Measurement" and (as_of := AS_OF.search(_clause_before(p.text, q))):
            q.year = int(as_of.group(1))  # "截至2020年，全县建成消防站4座"
        if q.year is None and q.kind == "Measurement" and q.unit != "年一遇" and _present_stock(p.text, q.text):
            q.year = base_year
        q = _clean_indicator(ctx, q)
        thing = _thing_measured(ctx, q)
        if thing is not None:  # "海河流域（流域面积7694平方公里）": 海河流域面积, no measure of the plan's own
            q.indicator = _joined(thing, re.sub(rf"^{re.escape(thing)}[（(]", "", q.indicator))
        found.append(q)
    _division_shares(ctx, p, found)
    ctx.ex.quantities.extend(found)


PART_LEAD = re.compile(r"^(?:含|其中|包括|包含|另有|另)")  # "…9座，含特勤消防站1座": a part of the count before
SCOPE_ONLY = re.compile(r"^(?:全市|全县|全区|全镇|全乡|市域|县域)?数量$")  # a count that names nothing but its scope


def _division_shares(ctx: RuleContext, p: Passage, found: list[Quantity]) -> None:
    """"全市规划消防站27座，各县（市、区）配置为：朔城区9座，含特勤站1座；平鲁区4座…": a bare count right after a
    division is that division's share of the whole the passage counted before it (its name, year and kind); a
    part of a share or of the whole ("含…1座", "其中…6处") is no whole, and takes the year and place of what it is
    a part of."""
    whole: Quantity | None = None
    last: Quantity | None = None  # the whole or the share a part ("其中…2处") is a part of
    each: list[Quantity] = []
    previous: Quantity | None = None
    for q in sorted((q for q in found if q.is_count and p.text.find(q.text) >= 0), key=lambda q: p.text.find(q.text)):
        division = _bare_division_count(ctx, q)
        if division is not None and whole is not None and whole.unit == q.unit:
            q.indicator, q.year, q.kind = whole.indicator, whole.year, whole.kind
            q.areas = (ctx.division_ref(division[1], p.ordinal, division[0]),)
            last = q
            if "各" in q.text:  # "平鲁区、山阴县、应县各1处": the same count for each division listed
                each += [replace(q, areas=(ctx.division_ref(d, p.ordinal, printed),))
                         for printed, d in _listed_before(ctx, p.text, p.text.find(q.text))]
        elif division is None and PART_LEAD.match(q.text):
            if last is not None and q.year is None:  # "共规划…74处，其中中心避难场所6处": of the whole's year and place
                q.year, q.kind, q.areas = last.year, last.kind, q.areas or last.areas
        elif division is None and SCOPE_ONLY.match(q.indicator) and previous is not None and previous.unit == q.unit:
            # "各县各设置1所特殊教育学校，全市共6所": the total of the thing counted just before
            q.indicator, q.year, q.kind = previous.indicator, previous.year, previous.kind
        elif division is None:
            whole = last = q
        previous = q
    found.extend(each)


def _bare_division_count(ctx: RuleContext, q: Quantity):
    """(printed, division) when a count's words are a division's name and nothing else ("1.岚漪镇5座", "其中朔城区7家",
    "右玉县各1处")."""
    hits = ctx.linker.find(q.text)
    if not hits:
        return None
    start, end, printed, division = hits[-1]
    rest = (q.text[:start] + q.text[end:]).replace(q.value_text, "", 1)
    bare = rf"\s*(?:其中|含)?\s*(?:\d{{1,2}}[.．、])?\s*[镇乡县区市]?\s*各?\s*{re.escape(q.unit)}?\s*"
    return (printed, division) if re.fullmatch(bare, rest) else None


def _listed_before(ctx: RuleContext, text: str, at: int) -> list[tuple[str, object]]:
    """The divisions a 、-list names right before ``at`` ("平鲁区、山阴县、应县|右玉县各1处" → 平鲁区, 山阴县, 应县)."""
    clause = text[max(text.rfind(c, 0, at) for c in "，,；;：:。") + 1: at]
    out, pos = [], len(clause)
    for start, end, printed, d in reversed(ctx.linker.find(clause)):
        if clause[end:pos].strip("、和及与 ") != "":
            break
        out.insert(0, (printed, d))
        pos = start
    return out

AS_OF = re.compile(r"(?:截至|截止到?)\s*(\d{4})\s*年(?:底|末)?")  # the date a stock is counted at


# a value the plan quotes from its higher plan: "市级规划分解下达应县的…", "《X规划》确定…", "上位规划要求…"
QUOTED_HIGHER = re.compile(r"(?:(?:市级|省级|上位|上级|市|省)规划|《[^》]{4,60}》)(?:对[\u4e00-\u9fff]{2,8})?"
                           r"(?:分解)?(?:下达|确定|要求|明确|提出|规定|分配)")
NUMBERED_HEADING = re.compile(r"^[（(]?(?:\d+|[一二三四五六七八九十]+)[)）、.．]?\s*")


# "海河流域（流域面积7694平方公里）": a measure in brackets right after a named thing is that thing's, not the plan's
THING_ASIDE = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,20})[（(]")
THING_KINDS = frozenset({"River", "Basin", "Lake", "Reservoir", "Spring", "Mountain", "Park", "ProtectedArea",
                         "HeritageSite", "GreenSpace"})


def _thing_measured(ctx: RuleContext, q: Quantity) -> str | None:
    """The named thing a bracketed measure right after its name belongs to, if any."""
    m = THING_ASIDE.match(q.text)
    name = m.group("name") if m else ""
    return name if m and lexicon.classify(name) in THING_KINDS and ctx.linker.resolve(name) is None else None


def _joined(name: str, indicator: str) -> str:
    """海河流域 + 流域面积 → 海河流域面积: the measure named after its thing, the words they share once."""
    shared = next((k for k in range(min(len(name), len(indicator)), 0, -1) if name.endswith(indicator[:k])), 0)
    return name + indicator[shared:]


# words for the territory of the level above a plan's region, by the region's level: in a township plan "县域" is
# the county, in a county plan "市域" the city
HIGHER_SCOPE = {"township": re.compile(r"(?:县域|全县|市域|全市)[^，,；;。：:（(]{0,24}$"),
                "county": re.compile(r"(?:市域|全市)[^，,；;。：:（(]{0,24}$")}


def _higher_scope(ctx: RuleContext, p: Passage, q: Quantity) -> EntityRef | None:
    """The division above the plan's region when the value's clause is scoped to its territory."""
    region = ctx.region
    scope = HIGHER_SCOPE.get(region.level) if region is not None else None
    found = scope.search(re.split(r"[，,；;。：:]", _clause_before(p.text, q))[-1]) if scope is not None else None
    if found is None:
        return None
    word = found.group()
    parent = ctx.gaz.parent(region)
    if parent is not None and word.startswith(("市域", "全市")) and region.level == "township":
        parent = ctx.gaz.parent(parent)
    return ctx.division_ref(parent, p.ordinal, None) if parent is not None else None


def _clause_before(text: str, q: Quantity) -> str:
    """The sentence up to a value (a quote's verb stands before it, maybe inside the value's phrase)."""
    at = text.find(q.text)
    if at < 0:
        return ""
    inner = q.text.find(q.value_text)
    return re.split(r"[。；;]", text[: at + max(inner, 0)])[-1]


def _heading_division(ctx: RuleContext, p: Passage) -> EntityRef | None:
    """The division a passage's heading is, when the heading is just a division's name below the plan's region
    ("2.南河种镇" in a county plan's township guidance)."""
    region = ctx.ex.meta.region
    name = NUMBERED_HEADING.sub("", p.heading.strip())
    places = ctx.resolve_place(name, p.ordinal) if name and region is not None and region.code else []
    if len(places) == 1 and places[0].code and places[0].code != region.code and places[0].code.startswith(region.code):
        return places[0]
    return None


def _present_stock(passage: str, span: str) -> bool:
    """A value of the whole territory or of what exists now, stated without a year ("全县现有…48处",
    "县域国土总面积约…"): the plan's base year."""
    at = passage.find(span)
    if at < 0:
        return False
    clause = passage[max(passage.rfind(c, 0, at) for c in "，,；;。") + 1: at + len(span)]
    return bool(PRESENT_STOCK.search(clause)) and not TOWARDS.search(clause)


def _section_titles(ctx: RuleContext, key: str | None) -> list[str]:
    """Titles of a section and the sections around it, innermost first."""
    titles = []
    while key is not None and (sec := ctx.doc.sections.get(key)) is not None and len(titles) < 6:
        titles.append(sec.title)
        key = sec.parent
    return titles


def _qualifier(prefix: str) -> str:
    """What stays of the words before a known indicator name: a common noun that narrows it ("村庄" in
    村庄建设用地规模) stays; scope words, places and clause words ("其中", "全县", "岱山县") go."""
    prefix = re.sub(r"^(?:和|与|及|、|全市|全县|全区|全镇|市域|县域|区域|镇域|规划|其中|现状|现有)+", "", prefix)
    words = list(pseg.cut(prefix)) if prefix else []
    return prefix if len(words) == 1 and words[0].flag == "n" and len(prefix) >= 2 else ""


@lru_cache(maxsize=1)
def control_lines() -> tuple[str, ...]:
    """Control lines printed without a measure word (生态保护红线, 永久基本农田), longest first."""
    return tuple(sorted((k for k in lexicon.indicator_synonyms() if re.search(r"(?:红线|基本农田|开发边界)$", k)),
                        key=len, reverse=True))


def _clean_indicator(ctx: RuleContext, q: Quantity) -> Quantity:
    name = q.indicator
    known = next((k for k in (*lexicon.indicator_names(), *control_lines()) if name.endswith(k)), None)
    if known is not None:  # "乡域划定生态保护红线不少于…": a control line's area, by the indicator's own name
        name = _qualifier(name[: -len(known)]) + (lexicon.indicator_synonyms()[known] if known in control_lines() else known)
    else:
        hits = ctx.linker.find(name)
        if hits and hits[-1][1] < len(name) - 1:
            name = name[hits[-1][1]:]
        stripped = re.sub(r"^(?:和|与|及|、|全市|全县|市域|县域|规划|其中)+", "", name)
        name = stripped if len(stripped) > 2 else re.sub(r"^(?:和|与|及|、|其中)+", "", name) or q.indicator
        # "2021—2035年累计新增…面积": the span word stays with the years, 新增 stays with the indicator
        name = re.sub(r"^[\u4e00-\u9fff]{0,3}?(?:累计|合计|共计)", "", name) or name
    # "朔城区（面积1793平方公里）": 面积, of the division named before the bracket (its area)
    q.indicator = re.sub(r"^[（(]", "", name) or name
    if not q.areas and q.kind == "Target" and ctx.ex.meta.region is not None:
        q.areas = (ctx.ex.meta.region,)
    return q



def plan_years(ctx: RuleContext) -> None:
    """The plan's own years (近期目标年, 远景展望年, 规划基年) as values of the plan's region."""
    meta = ctx.ex.meta
    for field_name, label in (("near_term_year", "近期目标年"), ("vision_year", "远景展望年"), ("base_year", "规划基年")):
        value = getattr(meta, field_name)
        if value is not None and field_name in meta.sources:
            ctx.ex.quantities.append(Quantity(label, float(value), str(value), "年", None, "eq", meta.sources[field_name],
                                              label, areas=(meta.region,) if meta.region else ()))


@Language.component("plankg_quantities", requires=["doc._.plan", "doc._.rules"], assigns=["doc._.quantities"])
def quantities_component(doc: Doc) -> Doc:
    """Indicator values in prose, passage by passage (tables have their own component)."""
    ctx: RuleContext = doc._.rules
    for p in ctx.body:
        if p.kind not in ("table-header", "table-row"):
            passage_quantities(ctx, p)
    return doc


@Language.component("plankg_plan_years", requires=["doc._.plan", "doc._.rules"], assigns=["doc._.quantities"])
def plan_years_component(doc: Doc) -> Doc:
    plan_years(doc._.rules)
    return doc
