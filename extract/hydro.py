"""Hydrography and landforms in prose: which river flows into which, what system a river belongs
to, what lies on a river, where a river rises.

* "X、Y等支流汇入Z" / "X于…注入Z" / "X…流入Z"                 → X tributaryOf Z ("干流" = the plan's main river)
* "Z的主要支流有X、Y" / "X是Z的一级支流" / "X为Z南源"          → X tributaryOf Z
* "Z干流和X、Y等主要支流" / "X与Y汇合后始称Z"                   → X, Y tributaryOf Z
* "Z属永定河水系" / "Z是W的上游干流" / "A属于黄河流域"          → partOf (the system's river, or the basin)
* "X上的Y水库" / "Y水库位于X干流" / "Y水库建于X之上"            → Y locatedOn X
* "X发源于…Y山"                                                 → X originatesIn Y (a Mountain, in the division before it)
* "汇成Y等水面" (Y a proper name by part of speech)                 → Y is a Lake
* "…Y泉…注入X，X即发源于此"                                       → X originatesIn Y (the spring the sentence began with)
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import lexicon, names
from plankg.extract.context import RuleContext
from plankg.extract.document import Passage
from plankg.extract.model import EntityRef
from plankg.extract.places import leading_text

FLOWING = {"River"}
STANDING = {"Reservoir", "Lake"}
RANK_WORDS = r"(?:最大的?|主要|重要|较大的?|一级|二级|三级|第一大|左岸|右岸)?"
RANK = rf"(?:的)?{RANK_WORDS}"
INTO = re.compile(r"(?:汇入|注入|流入|汇流入|汇入到|注入到|流入到)")
MAIN_STEM = re.compile(r"^(?:干流|主河道|主干|主流|干河)")
HAS_TRIBS = re.compile(rf"的{RANK_WORDS}支流(?:主要)?(?:有|包括|为|是|：)(?P<list>[^。；]+)")
IS_TRIB = re.compile(rf"(?:是|为|系|属)(?P<z>[^，。；是为]{{2,16}}?){RANK}支流")
IS_SOURCE = re.compile(r"(?:是|为|系)(?P<z>[^，。；是为]{2,16}?)(?:的)?(?:[东南西北正上]源|源头)(?![地区])")
TRUNK_AND_TRIBS = re.compile(rf"(?P<z>[\u4e00-\u9fff]{{1,8}}?)干流(?:和|及|与|以及|、)(?P<list>[^。；]+?)等?{RANK}支流")
CONFLUENCE = re.compile(r"(?P<list>[^，。；]+?)(?:在[^，。；]{1,16}?)?(?:汇合|交汇|汇流|相汇)(?:后|以后)?[，,]?"
                        r"(?:始称|始名|称为|称|形成|成为|汇成|始为)(?P<z>[^，。；]{2,12})")
SYSTEM = re.compile(r"(?:属于?|隶属于?|归属于?|位于|地处|处于)(?P<sys>[\u4e00-\u9fff]{1,10}?)(?P<kind>水系|流域)")
TRUNK_OF = re.compile(r"(?:是|为|系)(?P<w>[\u4e00-\u9fff]{1,10}?)的(?:上游|中游|下游|源头)?(?:干流|上源|正源|主源)")
WHOLE_PART = re.compile(r"^(?:全境|全部|全域|境内|大部)?$")
ON_RIVER = re.compile(r"(?P<r>[\u4e00-\u9fff]{1,10}?)(?:(?:干流|支流|上游|中游|下游|中上游|河道)(?:之上|上)?|之上|上)"
                      r"(?:的|建有|修建有?|建成了?)")
RESERVOIR_ON = re.compile(r"(?:建于|位于|坐落于|修建于|建在|修建在|地处|横跨)(?P<r>[^，。；]{1,16}?)"
                          r"(?:干流|支流|上游|中游|下游|中上游|河道|河段)?(?:之上|上)?(?=[，。；,;、]|$)")
ORIGIN = re.compile(r"(?:发源于|发源自|源于|源出于?|起源于|发源地为|发源地是)(?P<place>[\u4e00-\u9fff]{2,24}?)"
                    r"(?=[，。；,;、]|$|[东南西北]麓|北坡|南坡|山麓|一带|境内|主峰|脚下)")
# "泉水汇成青龙潭等水面": a proper name listed before 等水面 is a standing water body
WATER_AREAS = re.compile(r"(?:汇成|形成|汇聚成|汇集成|包括|拥有|有|[，、：:])(?P<names>[\u4e00-\u9fff、和及]{2,30}?)"
                         r"等(?:水面|水体|湖泊|湖面|水域)")
PROPER_FLAGS = ("ns", "nr", "nz", "nt")
# "…神泉…注入清溪河，清溪河即发源于此": 此 is the spring, lake or mountain the sentence began with
FROM_HERE = re.compile(r"(?:即|就|正是|便)?(?:发源于此|源于此|发端于此|由此发源|自此发源)")
SOURCE_KINDS = {"Spring", "Lake", "Reservoir", "Mountain"}
MOUNTAIN_END = re.compile(r"(?:山脉|山|岭|峰|梁|垴)$")


def _water(ctx: RuleContext, text: str, ordinal: int, kinds: set[str]) -> list[tuple[names.Span, EntityRef]]:
    """Water bodies named in ``text``, without the divisions printed before them ("山西省…X水库" → X水库)."""
    out = []
    for span in names.suffix_names(text):
        if span.kind not in kinds:
            continue
        name = leading_text(ctx, span.text)
        if lexicon.classify(name) is None:  # "钱塘江" is no division 钱塘 + 江
            name = span.text
        if len(name) < 2 or names.is_slogan(name):
            continue
        ref = ctx.make_entity(name, ordinal, span.kind)
        if ref is not None:
            out.append((names.Span(span.end - len(name), span.end, name, span.kind), ref))
    return out


def _river_at(ctx: RuleContext, text: str, ordinal: int, main: EntityRef | None) -> EntityRef | None:
    """The river a phrase starts with: a name, or "干流" for the plan's main river."""
    if MAIN_STEM.match(text):
        return main
    found = [(s, r) for s, r in _water(ctx, text, ordinal, FLOWING | STANDING) if s.start == 0]
    return found[0][1] if found else None


def _last(ctx: RuleContext, text: str, ordinal: int, kinds: set[str]) -> EntityRef | None:
    found = _water(ctx, text, ordinal, kinds)
    return found[-1][1] if found else None


def main_river(ctx: RuleContext) -> EntityRef | None:
    """The river "干流" refers to: the one the plan's title names, else the one most often called "X干流"."""
    title = _water(ctx, ctx.ex.meta.title or "", 0, FLOWING)
    if title:
        return title[0][1]
    stems: Counter = Counter()
    for p in ctx.body:
        for m in re.finditer(r"([\u4e00-\u9fff]{1,8}?)干流", p.text):
            ref = _last(ctx, m.group(1), p.ordinal, FLOWING)
            if ref is not None:
                stems[ref] += 1
    return stems.most_common(1)[0][0] if stems else None


def tributaries(ctx: RuleContext, p: Passage, main: EntityRef | None) -> None:
    for sentence in re.split(r"[。；;]", p.text):
        topic = _water(ctx, sentence, p.ordinal, FLOWING)
        topic_ref = topic[0][1] if topic else None
        for clause in re.split(r"[，,]", sentence):
            _into(ctx, p, clause, topic_ref, main)
        for m in HAS_TRIBS.finditer(sentence):
            whole = _last(ctx, sentence[: m.start()], p.ordinal, FLOWING)
            for _, ref in _water(ctx, m.group("list"), p.ordinal, FLOWING) if whole else []:
                ctx.ex.relate(ref, "pk:tributaryOf", whole, p.ordinal)
        for rx in (IS_TRIB, IS_SOURCE):
            for m in rx.finditer(sentence):
                part = _last(ctx, sentence[: m.start()], p.ordinal, FLOWING)
                whole = _last(ctx, m.group("z"), p.ordinal, FLOWING) or (main if MAIN_STEM.match(m.group("z")) else None)
                if part is not None and whole is not None:
                    ctx.ex.relate(part, "pk:tributaryOf", whole, p.ordinal)
        for m in TRUNK_AND_TRIBS.finditer(sentence):
            whole = _last(ctx, m.group("z"), p.ordinal, FLOWING)
            for _, ref in _water(ctx, m.group("list"), p.ordinal, FLOWING) if whole else []:
                ctx.ex.relate(ref, "pk:tributaryOf", whole, p.ordinal)
        for m in CONFLUENCE.finditer(sentence):
            whole = _river_at(ctx, m.group("z"), p.ordinal, main)
            for _, ref in _water(ctx, m.group("list"), p.ordinal, FLOWING) if whole else []:
                ctx.ex.relate(ref, "pk:tributaryOf", whole, p.ordinal)


def _into(ctx: RuleContext, p: Passage, clause: str, topic: EntityRef | None, main: EntityRef | None) -> None:
    """"黄水河、木瓜河自南部山地北流汇入干流" / "浑河由…流入应县后注入桑干河" (a division is no receiving river)."""
    for m in INTO.finditer(clause):
        whole = _river_at(ctx, clause[m.end():], p.ordinal, main)
        if whole is None:
            continue
        before = [ref for _, ref in _water(ctx, clause[: m.start()], p.ordinal, FLOWING)]
        for ref in before or ([topic] if topic is not None else []):
            ctx.ex.relate(ref, "pk:tributaryOf", whole, p.ordinal)


def systems(ctx: RuleContext, p: Passage) -> None:
    """"桑干河属永定河水系" → partOf 永定河; "右玉县全境属于黄河流域" → partOf 黄河流域;
    "X是W的上游干流" → partOf W.  A part of a unit ("平鲁区西部") is not the unit."""
    for sentence in re.split(r"[。；;]", p.text):
        for m in SYSTEM.finditer(sentence):
            if m.group("kind") == "水系":
                whole = _last(ctx, m.group("sys"), p.ordinal, FLOWING)
            else:
                whole = ctx.make_entity(m.group("sys") + "流域", p.ordinal, "Basin")
            if whole is None:
                continue
            head = re.split(r"[，,]", sentence[: m.start()])[-1]
            for part in _wholes_in(ctx, head, p.ordinal):
                ctx.ex.relate(part, "pk:partOf", whole, p.ordinal)
        for m in TRUNK_OF.finditer(sentence):
            part = _last(ctx, sentence[: m.start()], p.ordinal, FLOWING)
            whole = _last(ctx, m.group("w"), p.ordinal, FLOWING)
            if part is not None and whole is not None:
                ctx.ex.relate(part, "pk:partOf", whole, p.ordinal)


def _wholes_in(ctx: RuleContext, head: str, ordinal: int) -> list[EntityRef]:
    """Rivers and whole divisions a clause is about: "右玉县全境和平鲁区西部" → 右玉县 only."""
    out = [ref for _, ref in _water(ctx, head, ordinal, FLOWING | STANDING)]
    hits = ctx.linker.find(head)
    for i, (s, e, printed, d) in enumerate(hits):
        nxt = hits[i + 1][0] if i + 1 < len(hits) else len(head)
        rest = re.split(r"[和与及、]", head[e:nxt])[0]
        if WHOLE_PART.match(rest):
            out.append(ctx.division_ref(d, ordinal, printed))
    return out


def standing_on_rivers(ctx: RuleContext, p: Passage, main: EntityRef | None) -> None:
    """"恢河上的太平窑水库" / "太平窑水库建于恢河之上" / "水库位于桑干河干流" → locatedOn."""
    for sentence in re.split(r"[。；;]", p.text):
        for m in ON_RIVER.finditer(sentence):
            river = _last(ctx, m.group("r"), p.ordinal, FLOWING)
            stands = _water(ctx, re.split(r"[，,]", sentence[m.end():])[0], p.ordinal, STANDING)
            for _, ref in stands if river is not None else []:
                ctx.ex.relate(ref, "pk:locatedOn", river, p.ordinal)
        for m in RESERVOIR_ON.finditer(sentence):
            river = _last(ctx, m.group("r"), p.ordinal, FLOWING) or (main if MAIN_STEM.match(m.group("r")) else None)
            stands = _water(ctx, re.split(r"[，,]", sentence[: m.start()])[-1], p.ordinal, STANDING)
            if river is not None and stands:  # the whole name nearest the cue ("翠湖水库", not 翠湖 inside it)
                span, ref = max(stands, key=lambda sr: (sr[0].end, sr[0].end - sr[0].start))
                ctx.ex.relate(ref, "pk:locatedOn", river, p.ordinal)


def sources(ctx: RuleContext, p: Passage) -> None:
    """"恢河发源于忻州市宁武县管涔山" → 恢河 originatesIn 管涔山 (a Mountain, locatedIn 宁武县)."""
    for sentence in re.split(r"[。；;]", p.text):
        for m in ORIGIN.finditer(sentence):
            # the river of the clause, else the sentence's topic ("恢河为桑干河南源，发源于…" → 恢河)
            clause_start = max(sentence.rfind("，", 0, m.start()), sentence.rfind(",", 0, m.start())) + 1
            river = _last(ctx, sentence[clause_start: m.start()], p.ordinal, FLOWING) or \
                next((ref for _, ref in _water(ctx, sentence[: m.start()], p.ordinal, FLOWING)), None)
            if river is None:
                continue
            place = m.group("place")
            rest = _without_divisions(ctx, place)
            divisions = ctx.linker.find(place[: len(place) - len(rest)])
            rest = rest[1:] if rest.startswith("的") else rest
            if rest and MOUNTAIN_END.search(rest) and len(rest) >= 2:
                mountain = ctx.make_entity(rest, p.ordinal, "Mountain")
                if mountain is None:
                    continue
                ctx.ex.relate(river, "pk:originatesIn", mountain, p.ordinal)
                if divisions:
                    _, _, printed, d = divisions[-1]
                    ctx.ex.relate(mountain, "pk:locatedIn", ctx.division_ref(d, p.ordinal, printed), p.ordinal)
            elif not rest and divisions:
                _, _, printed, d = divisions[-1]
                ctx.ex.relate(river, "pk:originatesIn", ctx.division_ref(d, p.ordinal, printed), p.ordinal)


def sources_here(ctx: RuleContext, p: Passage) -> None:
    """"泉水…注入清溪河，清溪河即发源于此" → 清溪河 originatesIn the spring the sentence is about."""
    for sentence in re.split(r"[。；;]", p.text):
        for m in FROM_HERE.finditer(sentence):
            clause_start = max(sentence.rfind("，", 0, m.start()), sentence.rfind(",", 0, m.start())) + 1
            river = _last(ctx, sentence[clause_start: m.start()], p.ordinal, FLOWING)
            spans = [s for s in names.suffix_names(sentence[:clause_start]) if s.kind in SOURCE_KINDS]
            source = ctx.make_entity(spans[0].text, p.ordinal, spans[0].kind) if spans else None
            if river is not None and source is not None and source != river:
                ctx.ex.relate(river, "pk:originatesIn", source, p.ordinal)


def water_areas(ctx: RuleContext, p: Passage) -> None:
    """"泉水汇成青龙潭等水面" → 青龙潭 (Lake), when jieba reads it as a proper name (not 坑塘, 鱼塘)."""
    for m in WATER_AREAS.finditer(p.text):
        listed = re.split(r"汇成|形成|汇聚成|汇集成|包括|拥有|有", m.group("names"))[-1]  # the last verb's object
        for name in re.split(r"[、和及]", listed):
            if not 2 <= len(name) <= 8 or lexicon.classify(name) is not None:
                continue  # too short or long, or a name the class words already type
            flags = names.flags(name)
            if any(f in PROPER_FLAGS for _, f in flags) and not (len(flags) == 1 and flags[0][1] == "n"):
                ctx.make_entity(name, p.ordinal, "Lake")


def _without_divisions(ctx: RuleContext, text: str) -> str:
    """"忻州市宁武县管涔山" → 管涔山, but "黄岩岭" stays whole (黄岩 + a bare class word is no division's hill)."""
    pos = 0
    for s, e, _, _ in ctx.linker.find(text):
        rest = text[e:].lstrip("的")
        if s == pos and (not rest or not MOUNTAIN_END.fullmatch(rest)):
            pos = e
    return text[pos:]


@Language.component("plankg_hydro", requires=["doc._.plan", "doc._.rules"], assigns=["doc._.relations", "doc._.entities"])
def hydro_component(doc: Doc) -> Doc:
    """Tributaries, river systems, reservoirs on rivers and river sources."""
    ctx: RuleContext = doc._.rules
    main = main_river(ctx)
    for p in ctx.body:
        if p.kind in ("table-header", "table-row"):
            continue
        tributaries(ctx, p, main)
        systems(ctx, p)
        standing_on_rivers(ctx, p, main)
        sources(ctx, p)
        sources_here(ctx, p)
        water_areas(ctx, p)
    return doc
