"""Finding name spans in plan prose: suffix-anchored names, quoted terms, list items.

Names are found by their last word (a suffix from extract/data/suffixes.tsv) and grow leftwards
over jieba tokens until a verb or function word (extract/data/stopwords.txt) or punctuation. Where a
name starts when the character before it may be a preposition or verb is extract/name_bounds.py's rule.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import jieba
import jieba.posseg as pseg

from plankg.extract import lexicon, name_bounds

jieba.setLogLevel(60)

FUNCTION_CHARS = set("自由以为在的和与及等、，。；：向从经于是均都")  # 均/都: "A村和B村均列为…"
# a token that is a one-character class word glued to a function word ("河为", "河于") ends a name there
GLUED_END = set("为于是在和与及")
PUNCT = set("—，。、；：？！,.;:?!“”\"'‘’《》（）()【】[]{}<>　 \t/…·")
QUOTE_RE = re.compile(r"“([^“”]{1,80})”")
PAREN_RE = re.compile(r"[（(]([^（）()]{1,30})[)）]")
SLOGAN_PART = re.compile(rf"(?:{lexicon.CN_NUMERAL}|双|多|\d+)[\u4e00-\u9fff]{{1,3}}")
SLOGAN_RE = re.compile(rf"^(?:(?:{lexicon.CN_NUMERAL}|双|多)[\u4e00-\u9fff]{{1,4}}[、，,]?){{2,}}$")
LEAD_VERBS = re.compile(r"^(?:重点|积极|加快|全力|着力|大力|主动|共同|进一步|全面|持续|严格)?"
                        r"(?:打造|构建|建设|形成|实现|推进|秉承|建立|培育|发展|完善|实施|承担|规划|布局|落实|加强|提升|优化|巩固|"
                        r"严守|坚守|守住|划定|搭建|依托|融入)+")
MAX_NAME = 24
# the first character of a name that may be a preposition glued on it (extract/name_bounds.py)
LEAD_PREPOSITIONS = name_bounds.LEAD_PREPOSITIONS
without_lead_preposition = name_bounds.without_lead_preposition
INNER_VERBS = ("发展", "建设", "形成", "打造", "布局")  # planning verbs inside a run of words; jieba tags 布局 a noun
INLINE_SLOGAN = re.compile(r"(?P<s>(?:[一二两三四五六七八九十双多][\u4e00-\u9fff]){3,6})的[\u4e00-\u9fff]{0,8}"
                           r"(?:体系|格局|结构|网络|路网|布局)")
CONJUNCTIONS = {"和", "与", "及", "或", "并", "等", "以及"}
# a count ("两个", "5处") ends a list before its class word: "A、B两个产业园区" holds no name "B两个产业园区"
COUNT_WORD = re.compile(rf"(?:\d+|{lexicon.CN_NUMERAL})[{lexicon.COUNT_CLASSIFIERS}]")
PHASE_TAIL = re.compile(r"[（(](?:[一二三四五六七八九十\d]{1,2}期(?:工程)?|近期|中期|远期|新建|续建|改扩建|扩建|改建)[)）]")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    kind: str | None = None


def clear_caches() -> None:
    """Forget cached scans (benchmarks use it so a re-ingest costs what a new document costs)."""
    _cached_tokens.cache_clear()
    _suffix_names.cache_clear()


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return list(_cached_tokens(text))


@lru_cache(maxsize=8192)
def _cached_tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """jieba tokens with offsets; short bracketed groups "（怀仁段）" stay inside one token."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for tok in jieba.cut(text, HMM=True):
        out.append((pos, pos + len(tok), tok))
        pos += len(tok)
    merged: list[tuple[int, int, str]] = []
    i = 0
    while i < len(out):
        s, e, t = out[i]
        if t in ("（", "(") and merged:
            j = i
            while j < len(out) and out[j][2] not in ("）", ")") and out[j][1] - s <= 10:
                j += 1
            if j < len(out) and out[j][2] in ("）", ")") and "，" not in text[s:out[j][1]]:
                ps, _, pt = merged.pop()
                merged.append((ps, out[j][1], text[ps:out[j][1]]))
                i = j + 1
                continue
        merged.append((s, e, t))
        i += 1
    return tuple(merged)


def _glued_end(tok: str) -> bool:
    """"柳林河为青龙河": jieba's token "河为" holds the end of one name and the word after it."""
    return len(tok) == 2 and tok[1] in GLUED_END and lexicon.classify("某" + tok[0]) is not None


def _is_boundary(tok: str) -> bool:
    return tok in lexicon.stopwords() or all(ch in PUNCT for ch in tok) or tok.isdigit()


# coverbs of direction: "反馈至|X", "寄送到|X", "报告给|X", "发往|X" — the verb and its coverb stand before a name.
# 向 is a stop word already; 至/到 alone also join a route's two ends ("A至B高速"), so they end a name only
# after a verb.
DIRECTION_COVERBS = ("至", "到", "往", "给")
SUBMIT = "报"  # "报|X人民政府", "上报|X": to submit to, a verb of direction of its own


ROUTE_KINDS = {"Railway", "Expressway", "Street", "Road", "Pipeline"}


def _directs(toks, i: int, route: bool = False) -> bool:
    """Is token ``i`` a verb of direction, or a coverb of direction after a verb ("意见反馈|至", "报告|给",
    "送到", "上报"), so that the name after it starts after it? In a route's name 至/到 join its ends
    ("青岚至石湾至白沙铁路", whatever part of speech jieba gives an end)."""
    tok = toks[i][2]
    if tok in ("给", "往", SUBMIT):
        return True
    if route and tok.endswith(("至", "到")):
        return False
    if tok in ("至", "到"):
        return i > 0 and _ends_in_verb(toks[i - 1][2])
    if len(tok) >= 2 and tok.endswith(DIRECTION_COVERBS):
        # "送到", "迁至", "通往", "寄送到"; not a place ("周至") nor a route's first end glued on ("青岚至")
        return _ends_in_verb(tok[:-1]) or (len(tok) == 2 and _flags(tok)[-1][1].startswith(("v", "d", "p")))
    return SUBMIT in tok and _flags(tok)[-1][1] == "v"  # "上报", "呈报", "报请"; not "日报", "情报"


def _ends_in_verb(tok: str) -> bool:
    """"反馈", "报送", "意见反馈" (jieba tags the compound a noun; its last word is the verb)."""
    return any(_flags(part)[-1][1].startswith("v") for part in {tok, tok[-2:]} if part)


def _particle(text: str, tok: tuple[int, int, str]) -> bool:
    """An aspect or structural particle ("分布着|电厂", "完成了|…") is never inside a name."""
    return len(tok[2]) == 1 and _flag_at(text, tok) in ("uz", "ul", "ug")


def _flag_at(text: str, tok: tuple[int, int, str]) -> str:
    pos = 0
    for word, flag in _flags(text):
        if pos == tok[0] and word == tok[2]:
            return flag
        if pos > tok[0]:
            break
        pos += len(word)
    return ""


def _noun_here(text: str, tok: tuple[int, int, str]) -> bool:
    """A word that usually ends a name ("重点" as in 重点推进) but is a noun right before the class word
    ("…泉域|重点|保护区"): part of speech in its sentence decides."""
    if tok[2] not in lexicon.stopwords() or len(tok[2]) < 2:
        return False
    flag = _flag_at(text, tok)
    return flag.startswith("n") or flag in ("a", "b")


@lru_cache(maxsize=1)
def _suffix_re() -> re.Pattern:
    return re.compile("|".join(re.escape(sfx) for sfx, _ in lexicon.suffixes()))


def suffix_names(text: str) -> list[Span]:
    """Names ending in a known suffix (a fresh list; the scan itself is cached per text)."""
    return list(_suffix_names(text))


DATE_TAIL = re.compile(r"^(?:年(?:底|末)?|月(?:底|末)?)")  # what ends a date after its digits


@lru_cache(maxsize=8192)
def _suffix_names(text: str) -> tuple[Span, ...]:
    """Names ending in a known suffix: '加快推进大西高铁建设' → 大西高铁 (Railway).

    The suffix is found at character level (jieba may glue it to the next word: 规划对应);
    the name grows leftwards over whole tokens until a stopword or punctuation."""
    toks = _tokens(text)
    ends = {e for _, e, _ in toks}
    routes = list(lexicon.NUMBERED_ROUTE.finditer(text))
    spans: list[Span] = [Span(r.start(), r.end(), r.group(), "Road") for r in routes]
    for m in _suffix_re().finditer(text):
        for end in range(m.end(), m.start(), -1):  # every suffix ending here, longest first
            if lexicon.classify("某" + text[m.start():end]) is None:
                continue
            if text[m.start():end] == "规划" and text[end:end + 1] in ("于", "在"):
                continue  # "X机场规划于Y镇": 规划 is the verb here, not the end of a plan's name
            if end - m.start() == 1 and end not in ends and text[end:end + 1] not in FUNCTION_CHARS:
                continue  # one-character suffixes must end a token (not 路 in 路径)
            k = next((i for i, (s, e, _) in enumerate(toks) if s <= m.start() < e), None)
            if k is None or toks[k][2] in lexicon.not_names():
                continue
            route = lexicon.classify("某" + text[m.start():end]) in ROUTE_KINDS
            i = k
            while i > 0 and end - toks[i - 1][0] <= MAX_NAME and not _glued_end(toks[i - 1][2]) \
                    and not COUNT_WORD.fullmatch(toks[i - 1][2]) and (
                    not _is_boundary(toks[i - 1][2])
                    or (toks[i - 1][2] == "规划" and i > 1 and toks[i - 2][2] in lexicon.stopwords() and i - 1 < k)
                    or (i == k and lexicon.classify(text[toks[k][0]:end]) is None and _noun_here(text, toks[i - 1]))) \
                    and not _particle(text, toks[i - 1]) \
                    and not _directs(toks, i - 1, route):
                i -= 1
            if i > 0 and COUNT_WORD.fullmatch(toks[i - 1][2]):
                continue  # "两个|农业产业园区": a class word counted, not a name
            start = toks[i][0] if i < k or toks[k][0] < m.start() else m.start()
            if i == k and _is_boundary(toks[k][2]) and toks[k][0] < m.start():
                start = m.start()
            glued = next((j for j in range(k, i, -1) if toks[j][0] < m.start()
                          and name_bounds.glued_lead_char(toks[j][2])
                          and name_bounds.names_what_follows(text[toks[j][0] + 1:end])), None)
            if glued is not None:  # "车辆|经青岚|大道": the clause's preposition glued on the name's first word
                start = toks[glued][0] + 1
            elif i > 0 and toks[i - 1][1] == start and name_bounds.starts_the_name(text, start - 1, end):
                start -= 1  # "、|在|田村、": the character is the name's first
            name = text[start:end]
            if len(name) > 3 and not name_bounds.starts_the_name(text, start, end):
                kept = without_lead_preposition(name)
                start, name = start + len(name) - len(kept), kept
            for verb in INNER_VERBS:
                cut = name.rfind(verb)
                if cut > 0 and lexicon.classify(name[cut + len(verb):]) and len(name) - cut - len(verb) >= 5:
                    start, name = start + cut + len(verb), name[cut + len(verb):]
                    break
            cut = _clause_front(name)
            if cut:
                start, name = start + cut, name[cut:]
            if name[0] in "个处条座张项家所" and start > 0 and re.match(rf"\d|{lexicon.CN_NUMERAL}", text[start - 1]):
                continue  # "3个村": a count of villages, no village
            date = DATE_TAIL.match(name) if start > 0 and text[start - 1].isdigit() else None
            if date and len(name) - date.end() >= 2:  # "2035年|中心城区", "2020年底|…": the date is no part of the name
                start, name = start + date.end(), name[date.end():]
            kind = lexicon.classify(name)
            if kind is None or len(name) < 2 or any(ch in PUNCT for ch in PAREN_RE.sub("", name)):
                continue
            if kind in ("Project", "Programme", "Organization"):
                start, name = _joined_works(text, toks, start, name, kind)
            phase = PHASE_TAIL.match(text, end) if kind in ("Project", "Programme") else None
            if phase:  # "…工程（二期）", "…项目（续建）": the phase is part of the name
                end, name = phase.end(), name + phase.group()
            route = next((r for r in routes if r.start() < start < r.end()), None)
            if route is not None:  # a name that starts inside a numbered road ("国道208线|…"): a project keeps
                start = route.start() if kind in ("Project", "Programme") else route.end()  # the road it works on
                name = text[start:end]
                if not name or lexicon.classify(name) is None:
                    continue
            spans.append(Span(start, end, name, kind))
            for part in name.split("-")[1:] if "-" in name else []:  # 桑干河-永定河生态经济带 → 永定河
                pk = lexicon.classify(part)
                if pk and part.endswith(("河", "江", "湖")):
                    off = text.find(part, start)
                    spans.append(Span(off, off + len(part), part, pk))
            break
    return tuple(_outermost(spans, text))


ORDINAL_LEAD = re.compile(rf"^(?:{lexicon.CN_NUMERAL}是|其{lexicon.CN_NUMERAL}|第{lexicon.CN_NUMERAL})")


def _joined_works(text: str, toks, start: int, name: str, kind: str = "Project") -> tuple[int, str]:
    """"A古城保护与B提升工程": two works joined by 与/和/及 in one project's name — the part before the
    joint ends in a verb (保护, 修复) — so the name takes in that part too. A department joins two
    portfolios the same way ("X县规划和自然资源局", "住房和城乡建设局")."""
    if start < 3 or text[start - 1] not in "与和及":
        return start, name
    k = next((i for i, (s, e, _) in enumerate(toks) if e == start - 1), None)
    if k is None or (kind != "Organization" and not _flag_at(text, toks[k]).startswith("v")):
        return start, name
    i = k
    while i > 0 and start - toks[i - 1][0] <= MAX_NAME and not _is_boundary(toks[i - 1][2]) \
            and not _particle(text, toks[i - 1]) and not toks[i - 1][2].endswith(("是", "为")):
        i -= 1
    front = text[toks[i][0]:start]
    lead = ORDINAL_LEAD.match(front)
    front = front[lead.end():] if lead else front
    cut = pos = 0
    for word, flag in _flags(front[:-1])[:-1]:  # "启动|X加固与…", "寄送至|X规划和…": the clause's own verb
        pos += len(word)
        if flag.startswith(("v", "p", "d")):
            cut = pos
    front = front[cut:]
    if kind == "Organization":  # a portfolio of two or more characters, and no body of its own before the joint
        if len(toks[k][2]) < 2 or lexicon.classify(front[:-1]) == "Organization" or re.match(r"[省市县区镇乡](?!场)|街道", name):
            return start, name
    elif len(front) - len(toks[k][2]) - 1 < 2:  # the verb needs its object: "修复与…" alone is a clause
        return start, name
    return start - len(front), front + name


WATER = {"River", "Basin", "Reservoir", "Lake", "Spring"}
PLACES = WATER | {"Region", "ProtectedArea", "Park", "HeritageSite", "UrbanArea", "GreenSpace"}


def _outermost(spans: list[Span], text: str) -> list[Span]:
    """Drop spans nested in a longer one (京张城际 in 京张城际铁路), except a water body that names
    something bigger (桑干河 in 桑干河流域生态治理行动) or stands before a dash or bracket."""
    keep: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        container = next((k for k in keep if k.start <= s.start and s.end <= k.end), None)
        if container is not None:
            water = s.kind in WATER and container.kind not in WATER
            place = s.kind in PLACES and s.end < container.end
            if not (water or place or text[s.end:s.end + 1] in ("-", "（", "(")):
                continue
        keep.append(s)
    return keep


def quoted(text: str) -> list[Span]:
    """Terms in Chinese quotes (innermost pair): “塞上绿洲、美丽朔州”."""
    spans = []
    for m in QUOTE_RE.finditer(text):
        inner = m.group(1).strip()
        if "“" in inner:
            inner = inner.rsplit("“", 1)[-1]
        if inner and not re.search(r"[。；！？]", inner) and (len(inner) <= 40 or "、" in inner):
            spans.append(Span(m.end(1) - len(inner), m.end(1), inner))
    return spans


LEAD_WORDS = re.compile(r"^(?:即|以|指|覆盖|沿|针对|通过|突出|拥有|做大|做强|严格执行|开启了|规范|确保|突破|严禁|必须"
                        r"|保护|整治|治理|疏浚|配套|推进|开展|实施|加强|修缮|改造|新建|改建|扩建|续建|启动|完成|加快|推动|谋划|开工)")
ORDINAL_START = re.compile(rf"^(?:{lexicon.CN_NUMERAL}是|其{lexicon.CN_NUMERAL}是?[，,、]?|第{lexicon.CN_NUMERAL}[是，,、])")
LEAD_CLASSIFIER = re.compile(r"^[个处条座类张项家所](?=[\u4e00-\u9fff]{3})")


def trim_name(name: str) -> str:
    """Trim what is not part of a name: '即以桑干河' → 桑干河, '个通用机场' → 通用机场,
    '以高教园区为核心的创新中心' → 创新中心, '2.3 发展战略' → 发展战略."""
    name = re.sub(r"^(?:[-–]\s*)?(?:\d{1,2}(?:\.\d{1,2})+\s*)?", "", name.strip())
    if "的" in name:
        tail = name.rsplit("的", 1)[-1]
        if len(tail) >= 2 and lexicon.classify(tail):
            name = tail
    if LEAD_CLASSIFIER.match(name) and _tokens(name)[0][2] == name[0]:
        name = name[1:]  # a count's classifier as a word of its own ("个|通用机场"), not a word's first half ("个人|意见")
    name = ORDINAL_START.sub("", name) if len(ORDINAL_START.sub("", name)) >= 2 else name  # "二是…工程"
    for _ in range(3):  # a cue word goes only when what follows is a name ("即以桑干河"; not "指标约束")
        lead = LEAD_WORDS.match(name)
        if lead and len(lead.group()) == 1 and _tokens(name)[0][2] != lead.group():
            break  # a one-character cue only as a word of its own: 沿 in "沿河", not in "沿海生态带"
        trimmed = LEAD_WORDS.sub("", name)
        if trimmed == name or len(trimmed) < 2 or not (lexicon.classify(PHASE_TAIL.sub("", trimmed))
                                                       or LEAD_WORDS.match(trimmed)):
            break
        name = trimmed
    return name


@lru_cache(maxsize=4096)
def starts_with_verb(text: str) -> bool:
    """'统筹协调能矿开采与三条控制线' is an instruction, not a name (jieba POS of the first word)."""
    first = next(iter(pseg.cut(text)), None)
    return first is not None and first.flag == "v"


def strip_lead(name: str) -> str:
    """Remove a leading verb phrase: '打造全国综合能源基地' → '全国综合能源基地'."""
    stripped = LEAD_VERBS.sub("", name)
    return stripped if len(stripped) >= 2 else name


def split_list(text: str, split_conj: bool = False) -> list[str]:
    """'A、B、C和D' → [A, B, C, D] (和/与/及/以及 split only when asked, and then in a 、-list only in its last item);
    brackets are kept whole."""
    parts, depth, cur = [], 0, []
    seps = "、，,；;"
    text = text.replace("”“", "、").replace("以及", "、")
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    items = [p.strip(" \u3000“”") for p in parts]
    if split_conj:  # "A、B与C示范乡、D和E": a 和/与 joins a list's last two items; before it, it is inside an item
        listed = [it for it in items if it]
        out = []
        for i, it in enumerate(items):
            out.extend(_split_conj(it) if len(listed) < 2 or it is listed[-1] else [it])
        items = out
    return [re.sub(r"等$", "", it).strip() for it in items if it.strip()]


def _split_conj(item: str) -> list[str]:
    """'A和B' → [A, B]; a 和/与/及 with one character or none on a side is inside a name ("亲和乡", "及第村")."""
    out: list[str] = []
    for part in re.split(r"(以及|和|与|及)", item):
        if part in ("以及", "和", "与", "及"):
            out.append(part)
        elif out and (len(part) < 2 or len(out[-2] if len(out) > 1 else "") < 2) and out[-1] in ("和", "与", "及"):
            out[-2:] = [(out[-2] if len(out) > 1 else "") + out[-1] + part]
        else:
            out.append(part)
    return [x for x in out if x and x not in ("以及", "和", "与", "及")]


def clean_item(item: str, first: bool = False) -> str:
    """A list item as a name: drop trailing 等…, leading verbs and "以X为主的" qualifiers.
    The first item of a list also loses the clause before it ("编制交通" → 交通)."""
    item = re.sub(r"等[\u4e00-\u9fff]{0,6}$", "", item.strip(" \u3000。；;，,“”"))
    toks = _tokens(item)
    cues = ("即", "指", "含", "包括", "包含", "主要包括", "是指", "其中") if first else ("包括", "包含", "主要包括", "是指", "其中")
    if toks and toks[0][2] in cues:
        item = item[toks[0][1]:]
    qualified = re.search(r"为[\u4e00-\u9fff]{1,8}?的(.+)$", item)
    if qualified:
        return qualified.group(1)
    if first:
        toks = _tokens(item)
        cut = max((i for i, (_, _, t) in enumerate(toks) if t in lexicon.stopwords() and t not in CONJUNCTIONS),
                  default=-1)
        if cut >= 0 and len(toks[cut][2]) == 1 and name_bounds.starts_the_name(item, toks[cut][0], len(item)):
            cut -= 1  # "辖|在田村": the character that may be a preposition is the item's first
        rest = item[toks[cut][1]:] if cut >= 0 else item
        if len(rest) >= 2:
            item = rest
    toks = _tokens(item)
    if len(item) > 3 and toks and toks[0][2] in LEAD_PREPOSITIONS and not name_bounds.starts_the_name(item, 0, len(item)):
        item = item[1:]
    if "的" in item:  # "迎宾大道组成的横向轴线": a named thing before 的 beats a generic word after it
        head, tail = item.rsplit("的", 1)
        named = [sp for sp in suffix_names(head) if sp.kind]
        item = tail if lexicon.classify(tail) or not named else named[0].text
    return strip_lead(item) if first else item


def remove_parens(name: str) -> tuple[str, list[str]]:
    """'城市客厅（七里河一河两岸）' → ('城市客厅', ['七里河一河两岸'])."""
    inner = PAREN_RE.findall(name)
    return PAREN_RE.sub("", name).strip(), inner


def slogan_parts(slogan: str) -> list[str]:
    """'三横两纵四联' → [三横, 两纵, 四联]; '一脉串珠、一核两翼' → [一脉串珠, 一核两翼]."""
    if re.search(r"[、，,]", slogan):
        return [p for p in re.split(r"[、，,]", slogan) if p]
    parts = re.findall(rf"(?:{lexicon.CN_NUMERAL}|双|多)[^{lexicon.CN_NUMERAL[1:-2]}双多]{{1,3}}", slogan)
    return parts if len(parts) >= 2 and "".join(parts) == slogan else []


@lru_cache(maxsize=4096)
def is_slogan(text: str) -> bool:
    return bool(SLOGAN_RE.match(text)) or bool(re.fullmatch(r"[\d+]{3,}", text))


# ----------------------------------------------------------------------------- name boundaries
# Part-of-speech flags (jieba.posseg) of a word that cannot end the text glued before a name:
# prepositions, verbs, adverbs, particles, pronouns ("以|岱山镇", "发挥|岱港铁路", "其归入|清水河").
GLUE_FLAGS = ("p", "v", "d", "u", "r")
JOINERS = set("与和及同跟、")  # "A与B工程": B ends a coordinated name, it is not glued on
ORDINAL_LEAD = re.compile(rf"^(?:{lexicon.CN_NUMERAL}是|第{lexicon.CN_NUMERAL}[是，,、]?|其{lexicon.CN_NUMERAL}[是，,、]?)$")
COUNT_TAIL = re.compile(rf"^(?:\d+|{lexicon.CN_NUMERAL})[{lexicon.COUNT_CLASSIFIERS}][\u4e00-\u9fff]{{0,4}}$")
COUNT_LEAD = re.compile(rf"^[\u4e00-\u9fff]+?(?:\d+|{lexicon.CN_NUMERAL})[{lexicon.COUNT_CLASSIFIERS}]$")  # "下辖14个|行政村"
JOINED_KINDS = ("Project", "Programme", "WaterProject", "Park", "IndustrialPark")  # names that may hold a 、
PERIOD_TAIL = re.compile(r"(?<![（(])\d{4}\s*年?\s*[—\-–~至到]+\s*\d{4}\s*年?$")


@lru_cache(maxsize=8192)
def _flags(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((w.word, w.flag) for w in pseg.cut(text))


def flags(text: str) -> tuple[tuple[str, str], ...]:
    """(word, part-of-speech flag) of ``text`` by jieba.posseg (cached)."""
    return _flags(text)


NON_NAME_WHOLES = ("Project", "Programme", "WaterProject", "Positioning", "Strategy", "Plan",
                   "Organization")  # may hold "A和B"


def coordinated(name: str, kind: str | None = None) -> bool:
    """Two names joined by 和/与/及, not one name: "北岙村和泥峙村", "灵泉和青龙潭", "…廊道和顺清溪河".
    A project or programme may name two places ("东沙村和西沙村联村道路工程"), and a name whose first part
    is no name of its own stays whole ("水污染防治和水生态修复工程"); so does a positioning or strategy
    (``kind``: what the caller reads it as)."""
    m = re.search(r"[和与及]", name)
    if m is None or m.start() < 2 or len(name) - m.end() < 2:
        return False
    first, second, whole = lexicon.classify(name[: m.start()]), lexicon.classify(name[m.end():]), lexicon.classify(name)
    if first is None or whole in NON_NAME_WHOLES or kind in NON_NAME_WHOLES:
        return False
    return whole is None or whole == first or second == whole


def _clause_front(name: str) -> int:
    """Where a name starts after the clause glued on its front: a verb with an adverb or pronoun before
    it ("二者共同构成|岱东供水基地", "它们形成|滨海旅游区"); 0 when there is none. Not a preposition:
    routes name their ends with one ("A至B高速")."""
    # jieba tags the pronouns 二者/两者/三者 as nouns
    flags = tuple((w, "r" if re.fullmatch(rf"{lexicon.CN_NUMERAL}者", w) else f) for w, f in _flags(name))
    if len(flags) < 3 or not any(f.startswith(("d", "r")) for _, f in flags[:-2]):
        return 0
    kind, pos = lexicon.classify(name), 0
    for idx, (word, flag) in enumerate(flags[:-1]):
        pos += len(word)
        if flag.startswith("v") and any(f.startswith(("d", "r")) for _, f in flags[:idx]) \
                and len(name) - pos >= 3 and lexicon.classify(name[pos:]) == kind:
            return pos
    return 0


def glued_lead(lead: str) -> bool:
    """Is ``lead`` words glued on the front of a name rather than part of it: an ordinal ("二是"), a
    phrase ending in a preposition, verb, adverb or particle ("规划以", "集中布置", "二者共同构成") or in a
    determiner ("推进以下", "上述")?"""
    if not lead or lead[-1] in JOINERS:
        return False
    if ORDINAL_LEAD.match(lead) or COUNT_LEAD.search(lead) or lead.endswith(name_bounds.DETERMINERS):
        return True
    flags = _flags(lead)
    last_word, last_flag = flags[-1]
    if not last_flag.startswith(GLUE_FLAGS) or last_flag in ("vn", "rr") and len(lead) > 2:
        return False
    if last_flag.startswith("v") and len(lead) > 4:
        # a long name may end in a verb ("…提标扩容|工程"): glued only with an adverb or pronoun in front
        return any(f.startswith(("d", "r", "p")) for _, f in flags[:-1])
    return True


def count_tail(tail: str) -> bool:
    """A count or quantifier glued on the end of a name: "五个村", "两个中心村", "四项"."""
    return bool(COUNT_TAIL.match(tail))


def joined_tail(label: str, pool) -> bool:
    """"提升渔港整治工程" is the tail of "北岙修山护林、提升渔港整治工程", not a project of its own."""
    if lexicon.classify(label) not in JOINED_KINDS or re.match(rf"(?:\d|{lexicon.CN_NUMERAL})", label):
        return False
    # "临港物流园、金沙物流园" lists two names: the part before 、 is a name of its own there
    return any(len(o) > len(label) + 1 and o.endswith("、" + label)
               and lexicon.classify(o[: -len(label) - 1].split("、")[-1]) is None for o in pool)


# ----------------------------------------------------------------------------- labels that are no names
# kinds named after one feature on the ground: the part before the class word must tell which one
FEATURE_KINDS = {"River", "Basin", "Mountain", "Lake", "Reservoir", "Spring"}
# position words ("上游", "内河", "沿河") and plain adjectives ("小流域", "大河") tell no feature apart;
# compass points do (东河, 北山 are names)
POSITION_WORDS = set("上下内外前后中里旁沿")
PLAIN_ADJECTIVES = set("大小新老")
# "两句话", "两个方面", "四点": a count of general things, which a colon turns into a list's lead-in
COUNT_PHRASE = re.compile(rf"^(?:\d+|{lexicon.CN_NUMERAL})[{lexicon.MEASURE_WORDS}][\u4e00-\u9fff]{{0,2}}$")

# a count of the plan's own words ("两句话", "两个方面", "四项内容"): a lead-in, never a thing's name
DISCOURSE_COUNT = re.compile(rf"^(?:\d+|{lexicon.CN_NUMERAL})[{lexicon.MEASURE_WORDS}]?(?:话|方面|层面|要点|内容)$")


def asks(label: str) -> bool:
    """A question's words, not a name: "什么？", "如何布局"."""
    return label.rstrip().endswith(("？", "?")) or any(w in label for w in lexicon.INTERROGATIVES)


# the class words of divisions (the gazetteer names them, so they are no suffixes of the lexicon)
DIVISION_WORDS = {"省", "市", "县", "区", "镇", "乡", "街道", "街道办事处", "民族乡", "苏木", "村", "行政村", "社区", "自然村"}


def counts_divisions(header: str) -> bool:
    """"乡数量", "镇个数", "行政村数": a column counting a division's townships or villages states how
    the area is divided, no quota a plan allocates."""
    m = re.fullmatch(r"(?P<what>[\u4e00-\u9fff]{1,5}?)(?:数量|个数|数)", header.strip())
    return bool(m) and (m.group("what") in DIVISION_WORDS or m.group("what") == "乡镇")


def bare_class_word(text: str) -> bool:
    """"镇", "公园", "工程": a class word alone, naming no one thing."""
    return text in DIVISION_WORDS or any(text == sfx for sfx, _ in lexicon.suffixes())


def after_attributive(name: str) -> str | None:
    """"县城所在的青岚镇" → 青岚镇: a name never spans the particle 的 (所在的, 下辖的, 交通便利的 …); what stands
    before it qualifies the name. None when no name follows it ("县城所在的镇"). 的 inside a word ("目的地")
    is no particle."""
    particles = [s for s, _, tok in _tokens(name) if tok == "的"]
    if not particles:
        return name
    tail = name[particles[-1] + 1:]
    return tail if len(tail) >= 2 and not bare_class_word(tail) else None


def count_leftover(label: str) -> bool:
    """A class word with the classifier of a count before it ("5|个镇", "两|座山"): a count, no name."""
    return len(label) >= 2 and label[0] in lexicon.MEASURE_WORDS and bare_class_word(label[1:])


def no_proper_part(label: str, kind: str | None = None) -> bool:
    """A river, basin, lake or mountain word alone ("支渠"), or with only a verb, preposition, position word or
    plain adjective before its class word ("入河", "小流域", "荒山"): it tells no one feature apart."""
    kind = kind or lexicon.classify(label)
    if kind not in FEATURE_KINDS:
        return False
    if any(label == s for s, _ in lexicon.suffixes()):
        return True  # the class word alone: "支渠", "干渠"
    suffix = next((s for s, c in lexicon.suffixes() if label.endswith(s) and len(label) > len(s)), "")
    head = label[: len(label) - len(suffix)]
    if len(head) == 1:
        return head in POSITION_WORDS or head in PLAIN_ADJECTIVES or _verb_like(head)
    # "X河|入河|排污口": the class word's own word has a verb in front, whatever name comes before it
    last = _tokens(label)[-1][2] if head else ""
    return last == head[-1:] + suffix and _verb_like(head[-1])


def _verb_like(char: str) -> bool:
    """A verb or preposition of one character ("入", "跨", "涉", "沿"), by its part of speech or as a
    preposition of direction jieba tags a locality word."""
    return char in "沿向往" or _flags(char)[0][1].startswith(("v", "p"))


def count_lead_in(value: str, after: str) -> bool:
    """"…定位概括为两句话：": a count of general things before a colon announces the items after it."""
    return bool(COUNT_PHRASE.match(value)) and after.lstrip().startswith(("：", ":")) \
        and lexicon.classify(value) is None


COUNT_AFTER_COPULA = re.compile(rf"(?:为|是)(?:\d+|{lexicon.CN_NUMERAL})[{lexicon.MEASURE_WORDS}]?[\u4e00-\u9fff]{{0,2}}$")


def announces_count(head: str) -> bool:
    """"X的城市定位归纳为四句话", "推进以下工程", "下列村庄按…引导" before a colon: a clause announcing a count of
    items, or the items that follow ("the following …"), no name."""
    return bool(COUNT_AFTER_COPULA.search(head)) or any(w in head for w in name_bounds.FORWARD_DETERMINERS)


# the number of a heading or list item: "一、", "（二）", "(3)", "4.", "5、", "第五章"
ENUMERATION = re.compile(rf"^\s*(?:{lexicon.CN_ORDINAL}、|[（(](?:{lexicon.CN_ORDINAL}|\d{{1,2}})[)）]|\d{{1,2}}[、.．](?!\d)"
                         rf"|第(?:{lexicon.CN_NUMERAL}|\d+)[章节条编篇部])\s*")
# what a heading numbers besides a name: a table, a figure, an annex
DOCUMENT_PARTS = ("表", "图", "图表", "附表", "附图", "附件", "一览表", "清单")


def without_enumeration(text: str) -> str:
    """"二、栖霞片区公园一览表" → 栖霞片区公园一览表: a heading's number is not part of what it names."""
    return ENUMERATION.sub("", text, count=1)


def enumeration_only(label: str) -> bool:
    """"一、", "（二）表", "三、公园": the number of a heading or list item, alone, with punctuation, or with a bare
    class word or one character after it — no name."""
    if not ENUMERATION.match(label):
        return False
    rest = without_enumeration(label).strip("".join(PUNCT))
    return len(rest) < 2 or rest in DOCUMENT_PARTS or bare_class_word(rest)


def not_a_name(label: str, kind: str | None = None) -> bool:
    """Words that no name is, whatever the rule that read them: a question, a counted class word, a
    feature's class word with nothing proper before it, a heading's number."""
    return asks(label) or count_leftover(label) or no_proper_part(label, kind) or enumeration_only(label)


def junk_labels(labels) -> list[str]:
    """Labels that are another label of the same plan with something glued on that no name carries:
    a function word, verb or ordinal on the front ("以岱山镇"), a count on the end ("东沙村五个村"),
    a period on the end ("建设期限2024—2028年"), or the tail of a 、-joined name
    ("提升渔港整治工程" cut out of "北岙修山护林、提升渔港整治工程"); and labels that are no name of their
    own (not_a_name: a question, a counted class word, a feature word with nothing proper before it) or a
    count of the plan's own words ("两句话"). In the order given."""
    given = [str(x) for x in labels]
    pool = {x for x in given if len(x) >= 2}
    joined = {o for o in pool if "、" in o}
    out: list[str] = []
    for label in given:
        if label in out:
            continue
        if enumeration_only(label):  # "一、" splits at its 、 like a slogan's parts, but numbers a heading
            out.append(label)
            continue
        if is_slogan(label) or slogan_parts(label):
            continue  # "三横两纵四联" is a slogan of parts, not a part with a word glued on
        if not_a_name(label) or DISCOURSE_COUNT.match(label):
            out.append(label)  # not a name of its own, glued or not
            continue
        if PERIOD_TAIL.search(label) and not PERIOD_TAIL.fullmatch(label):
            out.append(label)
            continue
        # every shorter label it ends or starts with (a lookup per cut, not a scan of all labels)
        if any(label[i:] in pool and glued_lead(label[:i]) for i in range(1, len(label) - 1)) \
                or any(label[:j] in pool and count_tail(label[j:]) for j in range(2, len(label))) \
                or ("、" + label in "".join(joined) and joined_tail(label, joined)):
            out.append(label)
    return out
