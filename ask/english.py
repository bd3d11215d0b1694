"""English questions: names through their pinyin forms, planning terms through a glossary."""
from __future__ import annotations

import functools
import importlib
import re

from plankg.ask.text import has_cjk, norm


@functools.lru_cache(maxsize=1)
def _pinyin():
    # imported on the first English question: loading pypinyin's tables costs ~1 s of every CLI start
    return importlib.import_module("pypinyin").lazy_pinyin


def lazy_pinyin(text: str) -> list[str]:
    return _pinyin()(text)

# Generic suffix words → English (used to build English forms of names from pinyin)
EN_SUFFIX = [("自治区", "Autonomous Region"), ("水库", "Reservoir"), ("机场", "Airport"), ("高速", "Expressway"),
             ("街道", "Subdistrict"), ("大道", "Avenue"), ("公园", "Park"), ("流域", "Basin"),
             ("省", "Province"), ("市", "City"), ("区", "District"), ("县", "County"), ("镇", "Town"),
             ("乡", "Township"), ("河", "River"), ("湖", "Lake"), ("山", "Mountain"), ("路", "Road"),
             ("街", "Street"), ("泉", "Spring")]
STRIP_SUFFIX = ("市", "县", "区", "镇", "乡")

# English question words → the Chinese planning terms they stand for (general vocabulary only)
EN_GLOSSARY = [
    ("seat of government", "政府驻地"), ("county seat", "县城驻地"), ("seat", "驻地"),
    ("base year", "规划基期年"), ("baseline year", "规划基期年"), ("vision year", "远景展望年"),
    ("long-term vision", "远景展望年"), ("long term", "远景"), ("near-term year", "近期年"),
    ("near-term", "近期"), ("planning period", "规划期限"), ("period", "规划期限"),
    ("higher-level plans", "上位规划"), ("higher-level plan", "上位规划"), ("higher plan", "上位规划"),
    ("upper-level plan", "上位规划"), ("issued by", "编制单位"), ("issuer", "编制单位"),
    ("who issued", "编制单位"), ("not cite", "没有引用"), ("don't cite", "没有引用"),
    ("do not cite", "没有引用"), ("cited documents", "引用的文件"), ("cite", "引用"),
    ("official name", "正式名称"), ("full name", "全称"), ("also called", "又称"), ("also known as", "又称"),
    ("other names", "又称"), ("other name", "又称"), ("alias", "又称"),
    ("flows through", "流经哪些"), ("flow through", "流经"), ("passes through", "流经"), ("pass through", "流经"),
    ("runs through", "流经"), ("run through", "流经"), ("tributaries", "支流"), ("tributary", "支流"),
    ("flows into", "汇入哪"), ("flow into", "汇入哪"), ("originates", "发源"), ("originate", "发源"),
    ("source of", "源头"), ("adjacent to", "相邻"), ("borders", "相邻"), ("border", "相邻"),
    ("neighbouring", "相邻"), ("neighboring", "相邻"), ("neighbours", "相邻"), ("neighbors", "相邻"),
    ("plan level", "规划层级"), ("level", "层级"),
    ("how many", "多少个"), ("number of", "多少个"), ("which", "哪些"), ("what are", "哪些"),
    ("list", "哪些"), ("where is", "位于哪里"), ("where", "位于哪里"), ("what is", "是多少"),
    ("meet", "是否达到"), ("allocated", "下达指标"), ("allocation", "下达指标"),
    ("ecological", "生态"), ("ecology", "生态"), ("governance", "治理"), ("restoration", "修复"),
    ("projects", "工程"), ("project", "工程"), ("key towns", "重点镇"), ("key town", "重点镇"),
    ("general towns", "一般镇"), ("townships and towns", "乡镇"), ("towns", "乡镇"),
    ("agricultural industrial parks", "农业产业园区"), ("agricultural parks", "农业产业园区"),
    ("agricultural industry parks", "农业产业园区"), ("industrial parks", "产业园区"),
    ("expressways", "高速"), ("expressway", "高速"), ("airports", "机场"), ("airport", "机场"),
    ("pipelines", "管道"), ("roads", "路"), ("rivers", "河"), ("strategies", "战略"),
    ("upstream", "上游"), ("midstream", "中游"), ("middle reaches", "中游"), ("downstream", "下游"),
    ("lower reaches", "下游"), ("upper reaches", "上游"), ("target", "目标"),
    ("gas penetration rate", "燃气普及率"), ("gas penetration", "燃气普及率"), ("gas coverage", "燃气普及率"), ("forest coverage", "森林覆盖率"),
    ("permanent basic farmland", "永久基本农田保护面积"), ("cultivated land", "耕地保有量"),
    ("ecological protection red line", "生态保护红线面积"), ("construction land", "城乡建设用地规模"),
    ("cultural relics protection units", "文物保护单位"), ("cultural relic protection units", "文物保护单位"),
    ("heritage protection units", "文物保护单位"), ("protected cultural sites", "文物保护单位"),
    ("national-level", "国家级"), ("national level", "国家级"), ("national", "国家级"),
    ("provincial-level", "省级"), ("provincial", "省级"), ("county-level", "县级"), ("city-level", "市级"),
    ("municipal", "市级"), ("natural protected areas", "自然保护地"), ("protected areas", "自然保护地"),
    ("nature reserves", "自然保护地"), ("administrative villages", "行政村"), ("villages", "行政村"),
    ("townships", "乡镇"), ("central urban area", "中心城区"), ("industrial clusters", "产业集群"),
    ("ecological economic belt", "生态经济带"), ("economic belt", "经济带"), ("belt", "经济带"),
    ("county", "县"), ("city", "市"), ("plans", "规划"), ("plan", "规划"), ("in the graph", ""), ("graph", ""),
]



def english_forms(name: str, division: bool) -> set[str]:
    """"朔城区" → {"shuochengdistrict", "shuocheng"}; "桑干河" → {"sangganriver"} (lower, no spaces)."""
    if not all("\u4e00" <= c <= "\u9fff" for c in name):
        return set()
    out = set()
    for suf, word in EN_SUFFIX:
        if name.endswith(suf) and len(name) > len(suf):
            stem = "".join(lazy_pinyin(name[: -len(suf)]))
            out.add(stem + word.lower().replace(" ", ""))
            if division and len(name) - len(suf) >= 2:
                out.add(stem)
            break
    else:
        if len(name) >= 2:
            out.add("".join(lazy_pinyin(name)))
    return out


def en_name(label: str) -> str:
    """A printed English form of a Chinese place name: 朔城区 → Shuocheng District."""
    for suf, word in EN_SUFFIX:
        if label.endswith(suf) and len(label) > len(suf):
            return "".join(lazy_pinyin(label[: -len(suf)])).capitalize() + " " + word
    return "".join(lazy_pinyin(label)).capitalize()


def prefer_label(new: str, old: str) -> bool:
    """Prefer a Chinese label without a language tag over an English one."""
    return has_cjk(new) and not has_cjk(old)


def translate_english(question: str, index) -> str:
    """English question → a Chinese pseudo-question: names via their English forms, glossary terms."""
    low = " " + re.sub(r"\s+", " ", question.lower()).strip(" ?.!") + " "
    # names first (longest English forms), replaced by the entity's label
    squashed = re.sub(r"[^a-z0-9]", "", low)
    found = []
    candidates = index.english_names_in(squashed)  # the English name forms inside the question
    for en in sorted(candidates, key=len, reverse=True):
        if len(en) >= 4 and en in squashed:
            refs = candidates[en]
            found.append((en, sorted(refs, key=lambda r: r.kind != "division")[0].label))
            squashed = squashed.replace(en, " ")
    text = low
    for en, label in found:
        # rebuild the spaced form: match letters of en allowing spaces between them
        pat = r"\s*".join(map(re.escape, en))
        text = re.sub(pat, f" {label} ", text, count=1)
    for en, zh in EN_GLOSSARY:
        text = re.sub(rf"\b{re.escape(en)}\b", zh, text)
    text = re.sub(r"\b(the|of|in|on|a|an|are|is|does|do|did|for|by|to|at|its|this|that|fall|located|"
                  r"lie|belong|belongs|have|has|there|what|set|s)\b", " ", text)
    text = norm(text)
    # "how many townships does X have" → "多少个乡镇X" → "X有多少个乡镇" (the count of units within a division)
    return re.sub(r"^(多少个)(乡镇|行政村|街道|乡|镇|村|县|区)(.+)$", r"\3有\1\2", text)

