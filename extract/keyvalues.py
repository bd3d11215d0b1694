"""Key–value lines and nested key blocks: what a value means from the line or the item above it.

* "【镇区规划范围】约215公顷", "规划面积：约320平方公里": a short line that is nothing but a key and a
  value with its unit states a measurement of the plan; the key is the indicator's name.
* nested bullets: an item's values take their name, year or place from the items it is nested under —
  "- 公路网密度：" + "  - 2025年达到78.5 km/百km²" (a value per year), "- 划定规模：…" + "  - 林地类约120公顷"
  (a value per part); project cards and member lists are the outline family's (extract/outline.py).
* the year of a value printed without one: the nearest "（至2025年）" above it, the base year for what
  the plan says exists (现状 / 现有 / a 现状 or 概况 chapter / the 规划范围 line), a year printed in the
  value's clause ("2020年常住人口约3.6万人"), the plan's end year for a
  bound (不低于 / 不超过), an investment or a value in a list item (provisions for the plan period).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import lexicon, outline
from plankg.extract.context import RuleContext
from plankg.extract.document import Passage
from plankg.extract.model import Quantity
from plankg.extract.quantities import NUM, UNIT_ALT
from plankg.extract.units import BOUND_WORDS

CUE_ALT = "|".join(map(re.escape, sorted(BOUND_WORDS, key=len, reverse=True)))
KEY = r"[\u4e00-\u9fffA-Za-z（）()\d“”、]{2,24}"
TAIL = r"(?P<tail>左右|以上|以下|以内)?\s*(?:[。；;，,]|$)"
KEY_VALUE = re.compile(
    rf"^\s*(?:【(?P<k1>[\u4e00-\u9fffA-Za-z（）()\d]{{2,20}})】[：:]?|(?P<k2>[\u4e00-\u9fffA-Za-z（）()\d]{{2,20}})[：:]{{1,2}})\s*"
    rf"(?P<cue>{CUE_ALT})?\s*(?P<val>{NUM})\s*(?P<unit>{UNIT_ALT}){TAIL}")
YEAR_IN_KEY = re.compile(r"[（(]?(\d{4})\s*年[)）]?")
# "2025年达到78.5 km/百km²", "至2035年，不低于60%": a sub-item that is one year's value of the key above
YEAR_VALUE = re.compile(rf"^(?:到|至|在)?\s*(?P<year>\d{{4}})\s*年(?:前|底|末)?\s*[，,：:]?\s*(?:要|应|须)?"
                        rf"(?P<cue>{CUE_ALT})?\s*(?P<val>{NUM})\s*(?P<unit>{UNIT_ALT}){TAIL}")
# "林地类约120公顷", "其中国家级：17处": a sub-item that is the value of one part of the key above
PART_VALUE = re.compile(rf"^(?P<name>[\u4e00-\u9fff（）()“”]{{2,16}}?)\s*[：:]?\s*(?P<cue>{CUE_ALT})?\s*"
                        rf"(?P<val>{NUM})\s*(?P<unit>{UNIT_ALT}){TAIL}")
# "国家级代表性项目4项、省级代表性项目31项": counts listed after their nouns
LISTED_COUNT = re.compile(r"(?P<what>[\u4e00-\u9fff]{2,12}?)(?P<num>\d+)\s*(?P<cls>项|个|处|座|条|所|家)(?=[、，；。,;]|$)")
# "每平方米300元": a rate per unit of something
PER_UNIT = re.compile(rf"(?P<cue>{CUE_ALT})?\s*每(?P<per>平方米|平方公里|公顷|亩|人|户|米|公里)\s*(?P<val>{NUM})\s*"
                      r"(?P<money>元|万元|亿元)")
# "由现状12个增加到20个": the value it starts from is the base year's
FROM_TO = re.compile(rf"由(?:现状|目前|现在)?(?:的)?\s*(?P<val>{NUM})\s*(?P<unit>{UNIT_ALT})?\s*"
                     r"(?:增加|提高|提升|增长|扩大|减少|降低|下降|压减|缩减|调整)(?:到|至|为)\s*(?:不少于|不低于|不超过|约)?\s*"
                     rf"(?P<to>{NUM})\s*(?P<to_unit>{UNIT_ALT})")
# "线两侧各1千米范围内", "河道两岸各30米": a band on both sides of a line
BAND = re.compile(rf"(?P<what>[\u4e00-\u9fff]{{0,8}}?)(?:两侧|两岸|两边|两旁)各\s*(?P<val>{NUM})\s*(?P<unit>米|千米|公里)")
# "堡墙外50米以内不得新建…", "距河道30米范围内禁止…": a setback around a thing, stated by what it forbids
SETBACK = re.compile(rf"(?:距离?(?P<from>[\u4e00-\u9fff]{{1,8}}?)|(?P<what>[\u4e00-\u9fff]{{1,8}}?)(?:外侧|周边|周围|以外|外))\s*"
                     rf"(?P<val>{NUM})\s*(?P<unit>米|千米|公里)\s*(?:以内|范围内|内)"
                     r"(?=[^。；;]{0,6}?(?:不得|禁止|严禁|不宜|不准|限制))")
# "估算总投资75400万元", "总投资约3.6亿元"
INVESTMENT = re.compile(rf"(?P<ind>(?:估算|计划|规划|匡算)?总?投资(?:估算|总额|规模)?)(?:约|为|达|共)?\s*(?P<val>{NUM})\s*"
                        r"(?P<unit>亿元|万元)")
# an item or heading naming the year its values are for: "近期目标（至2025年）", "2035年目标"
CONTEXT_YEAR = re.compile(r"(?:至|到)\s*(\d{4})\s*年|[（(](\d{4})\s*年[)）]|^(\d{4})\s*年")
BASE_WORDS = ("现状", "基期", "现有")
BASE_KEYS = ("规划范围", "现状", "基本情况", "基期")
BASE_TITLE = re.compile(r"现状|基期|概况|基本情况|规划基础|发展基础|基础条件")  # a chapter on what exists
CLAUSE_YEAR = re.compile(r"(?<![到至在于])(\d{4})\s*年(?![以之]?[来前后]|起|底前)")  # "2020年常住人口约3.6万人"
MONEY = ("亿元", "万元", "元")


def key_value(text: str, ordinal: int) -> Quantity | None:
    m = KEY_VALUE.match(text)
    if m is None:
        return None
    key = (m.group("k1") or m.group("k2")).strip()
    if m.group("unit") == "年" and re.fullmatch(r"(?:19|20)\d\d", m.group("val")):
        return None  # "期限：2030年" names a year, it measures nothing
    year = YEAR_IN_KEY.search(key)
    if year:
        key = YEAR_IN_KEY.sub("", key).strip()
    bound = BOUND_WORDS.get(m.group("tail") or "") or BOUND_WORDS.get(m.group("cue") or "", "eq")
    return Quantity(key, float(m.group("val")), m.group("val"), m.group("unit"), int(year.group(1)) if year else None,
                    bound, ordinal, m.group(0).strip(" 。；;，,"))


LEVEL_KEY = re.compile(r"^(?P<level>[\u4e00-\u9fff]{1,6}级)(?:[（(](?P<full>[^（）()]{2,20})[)）])?$")


def part_name(parent_key: str, key: str) -> str:
    """A sub-item's value keyed by a level of the class above it: under "文物保护单位", "国家级（全国重点
    文物保护单位）" → 全国重点文物保护单位, "省级" → 省级文物保护单位; any other key is kept."""
    m = LEVEL_KEY.match(key)
    if m is None or len(parent_key) < 2:
        return key
    full = m.group("full")
    if full and full.endswith(parent_key[-2:]):
        return full
    return f"{m.group('level')}{parent_key}"


def item_key(text: str) -> str:
    """The key an item names: "公路网密度：" → 公路网密度, "近期目标（至2025年）" → 近期目标, "K：V…" → K."""
    head = re.split(r"[：:]", text, 1)[0] if re.search(r"[：:]", text) else text
    head = re.sub(r"[（(][^（）()]*[)）]$", "", head.strip())
    return head.strip(" “”")


def _bound(m: re.Match) -> str:
    return BOUND_WORDS.get(m.group("tail") or "") or BOUND_WORDS.get(m.group("cue") or "", "eq")


def nested_values(ctx: RuleContext, p: Passage, parents: list[Passage]) -> list[Quantity]:
    """Values of a sub-item named by the key above it: one per year, or one per part."""
    key = item_key(parents[0].text)
    if not key:
        return []
    m = YEAR_VALUE.match(p.text)
    if m:
        return [Quantity(key, float(m.group("val")), m.group("val"), m.group("unit"), int(m.group("year")), _bound(m),
                         p.ordinal, m.group(0).strip(" 。；;，,"), kind="Target")]
    m = PART_VALUE.match(p.text)
    if m and m.group("unit") == "年" and re.fullmatch(r"(?:19|20)\d\d", m.group("val")):
        return []  # "基期年：2020年" names a year of the plan, it measures nothing
    if m and not lexicon.classify(m.group("name")) == "Project":
        return [Quantity(f"{key}：{m.group('name')}", float(m.group("val")), m.group("val"), m.group("unit"), None,
                         _bound(m), p.ordinal, m.group(0).strip(" 。；;，,"))]
    return []


def sentence_values(text: str, ordinal: int, base_year: int | None = None) -> list[Quantity]:
    """Rates per unit ("不低于每平方米300元"), counts after their nouns ("A4项、B31项"), investments, bands
    on both sides of a line ("两侧各1千米"), setbacks ("外50米以内不得…"), and the starting value of "由A增加到B" (a value of the base year)."""
    out = []
    for m in FROM_TO.finditer(text):
        before = re.split(r"[，。；：:,;]", text[: m.start()])[-1]
        out.append(Quantity(before.strip() or "现状值", float(m.group("val")), m.group("val"),
                            m.group("unit") or m.group("to_unit"), base_year, "eq", ordinal, m.group(0),
                            is_count=(m.group("unit") or m.group("to_unit")) in lexicon.COUNT_CLASSIFIERS))
    for m in PER_UNIT.finditer(text):
        before = re.split(r"[，。；：:,;]", text[: m.start()])[-1]
        out.append(Quantity(f"{before}{m.group('cue') or ''}".strip() or "单价", float(m.group("val")), m.group("val"),
                            f"{m.group('money')}/{m.group('per')}", None, BOUND_WORDS.get(m.group("cue") or "", "eq"),
                            ordinal, m.group(0)))
    counts = list(LISTED_COUNT.finditer(text))
    listed = [m for i, m in enumerate(counts) if
              (i + 1 < len(counts) and text[m.end(): counts[i + 1].start()] == "、") or
              (i > 0 and text[counts[i - 1].end(): m.start()] == "、")]
    for m in listed:
        out.append(Quantity(f"{m.group('what')}数量", float(m.group("num")), m.group("num"), m.group("cls"), None, "eq",
                            ordinal, m.group(0), is_count=True))
    for m in BAND.finditer(text):
        out.append(Quantity(f"{m.group('what')}两侧控制宽度", float(m.group("val")), m.group("val"), m.group("unit"), None,
                            "eq", ordinal, m.group(0)))
    for m in SETBACK.finditer(text):
        out.append(Quantity(f"{m.group('from') or m.group('what')}外控制距离", float(m.group("val")), m.group("val"),
                            m.group("unit"), None, "eq", ordinal, m.group(0)))
    for m in INVESTMENT.finditer(text):
        out.append(Quantity(m.group("ind"), float(m.group("val")), m.group("val"), m.group("unit"), None, "eq", ordinal,
                            m.group(0), kind="Target"))
    return out


# ----------------------------------------------------------------------------- years and bounds from context
def _value_at(text: str, q: Quantity) -> int:
    at = text.find(q.text) if q.text else -1
    inner = q.text.find(q.value_text) if at >= 0 else -1
    return at + inner if at >= 0 and inner >= 0 else text.find(q.value_text)


def context_year(ctx: RuleContext, p: Passage, q: Quantity) -> tuple[int | None, bool]:
    """(year, is base year) for a value printed without a year, from the words before it, the items
    above it, its sub-heading and its chapter."""
    meta = ctx.ex.meta
    pos = _value_at(p.text, q)
    before = p.text[max(0, pos - 6): pos] if pos >= 0 else ""
    if any(w in before for w in BASE_WORDS) and meta.base_year:
        return meta.base_year, True
    clause = re.split(r"[，。；,;]", p.text[:pos])[-1] if pos >= 0 else ""
    stated = [int(y) for y in CLAUSE_YEAR.findall(clause) if 1990 <= int(y) <= 2100]
    if stated:
        return stated[-1], bool(meta.base_year and stated[-1] <= meta.base_year)
    chain = [p, *outline.ancestors(ctx.doc, p)]
    for item in chain[1:]:
        m = CONTEXT_YEAR.search(outline.item_key_text(item.text))
        if m:
            return int(next(g for g in m.groups() if g)), False
    if p.heading and not p.parent:
        m = CONTEXT_YEAR.search(p.heading)
        if m:
            return int(next(g for g in m.groups() if g)), False
    keys = [item_key(item.text) for item in chain]
    section = ctx.doc.sections.get(p.section)
    titles = []
    while section is not None:
        titles.append(section.title)
        section = ctx.doc.sections.get(section.parent) if section.parent else None
    if meta.base_year and (any(k.startswith(BASE_KEYS) for k in keys) or any(BASE_TITLE.search(t) for t in titles)):
        return meta.base_year, True
    if meta.end and (q.bound in ("ge", "le") or q.unit in MONEY or p.kind == "item"):
        return meta.end, False  # a bound, an investment or a listed provision holds for the plan period
    return None, False


def bound_before(text: str, pos: int) -> str | None:
    """"确定公布…不少于60处": a comparator right before a count the count rule read as "=". """
    before = text[max(0, pos - 6): pos]
    for word in sorted(BOUND_WORDS, key=len, reverse=True):
        if len(word) > 1 and before.endswith(word) and BOUND_WORDS[word] in ("ge", "le"):
            return BOUND_WORDS[word]
    return None


def settle_years(ctx: RuleContext) -> None:
    """Give values printed without a year the year their context states, and counts their comparator."""
    passages = ctx.doc.passages
    for q in ctx.ex.quantities:
        if q.kind == "Allocation" or q.source is None or q.source >= len(passages):
            continue
        p = passages[q.source]
        if p.kind in ("table-header", "table-row") or q.unit == "年":
            continue
        if q.bound == "eq":
            pos = _value_at(p.text, q)
            found = bound_before(p.text, pos) if pos >= 0 else None
            if found:
                q.bound = found
        if q.year is None:
            year, base = context_year(ctx, p, q)
            if year is not None:
                q.year = year
                if base:
                    q.kind = "Measurement"
                elif q.kind == "Measurement" and q.bound in ("ge", "le"):
                    q.kind = "Target"


# ----------------------------------------------------------------------------- the component
@Language.component("plankg_keyvalues", requires=["doc._.plan", "doc._.rules", "doc._.quantities"],
                    assigns=["doc._.quantities"])
def keyvalues_component(doc: Doc) -> Doc:
    """Key–value lines, nested key blocks, and the years values take from their context."""
    ctx: RuleContext = doc._.rules
    seen = {(q.source, q.value) for q in ctx.ex.quantities}

    def add(q: Quantity | None) -> None:
        if q is not None and (q.source, q.value) not in seen:
            seen.add((q.source, q.value))
            if ctx.ex.meta.region is not None and not q.areas:
                q.areas = (ctx.ex.meta.region,)
            ctx.ex.quantities.append(q)

    fields = outline.card_fields(ctx)  # read as the project's, by the outline family
    for p in ctx.body:
        if p.kind in ("table-header", "table-row") or p.ordinal in fields:
            continue
        q = key_value(p.text, p.ordinal)
        if q is not None and p.kind == "item" and p.parent is not None:
            q.indicator = part_name(item_key(ctx.doc.passages[p.parent].text), q.indicator)
        add(q)
        for q in sentence_values(p.text, p.ordinal, ctx.ex.meta.base_year):
            add(q)
        if p.kind == "item" and p.parent is not None:
            for q in nested_values(ctx, p, outline.ancestors(ctx.doc, p)):
                add(q)
    settle_years(ctx)
    return doc
