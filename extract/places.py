"""Places: where things are (位于 / 在X建设 / X的A、B / 属), what borders or joins the plan's region.

* "位于X" / "规划于X" / "布局在X" / "在X规划建设Y" → locatedIn the division X
* "X的A、B" with X a place ("山阴县的…园")    → A, B locatedIn X
* "X乡的A村、Y镇的B村"                          → A locatedIn X, B locatedIn Y
* "属X"                                      → partOf X
* "横贯县域" / "入境后斜贯镇域"               → passesThrough the plan's region
* "镇域中部出露的X" / "县域内的X"              → X locatedIn the plan's region
* "A和B…，二者共同构成C"                       → A, B partOf C
* "东临/毗邻/交界 X" / "融入/联动 X" / "衔接 X" → adjacentTo / cooperatesWith / relatedTo
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import lexicon, names
from plankg.extract.context import PROPER_KINDS, RuleContext
from plankg.extract.document import Passage
from plankg.extract.model import EntityRef

LOCATED = re.compile(r"(?:位于|选址于|坐落于|地处|(?:规划|布局|布置)(?:于|在))(?P<place>[\u4e00-\u9fff]{2,20}?)(?:境内|一带|内|[东南西北中]部|[东南西北]侧|周边)?(?=[，。；,;、]|$)")
OF_WHOLE = re.compile(r"是(?P<b>[\u4e00-\u9fff]{2,12}?)的(?:重要|主要|核心)?(?:源头|源泉|水源|支流|组成部分|门户|屏障)")
TOGETHER = re.compile(r"与(?P<b>[\u4e00-\u9fff、和及]{2,30}?)(?:协同发展|联动发展|错位发展|分工协作|协同|联动|合作|协作|互补|共建)")

BUILT_IN = re.compile(r"在(?P<place>[\u4e00-\u9fff、]{2,20}?)(?:规划建设|规划布局|建设|布局|设立|布置|设置)的?(?P<name>[^，。；、]{2,30})")

BEARING_TAIL = re.compile(r"(?:以[东南西北]|[东南西北]{1,2}(?:侧|部|面)|附近|周边|一带|境内)$")
BELONGS = re.compile(r"属(?:于)?(?P<what>[\u4e00-\u9fff]{2,12}?)(?=[，。；,;]|$)")

# "清水河自北向南流经东沙镇、岱西镇" → the river passesThrough each named place (the line's own subject)
THROUGH_PLACES = re.compile(r"(?:流经|途经|穿越|贯穿|经过|穿过|横贯|纵贯|串联)(?P<places>[^，。；,;：:]{2,60}?)"
                            r"(?=后|以后|之后|等|[0-9一二三四五六七八九十两多几]+个|[，。；,;：:]|$)")
VAGUE_PLACES = re.compile(r"[多几数]个|若干|各[乡镇村区县]|县域|市域|镇域|全县|全市|境内|中部|东部|西部|南部|北部")  # no list of named places
LINEAR_KINDS = {"River", "Railway", "Expressway", "Street", "Pipeline"}  # things that run through places
# a route that stops in the plan's territory passes through it: "X高铁在市域东部设站"
STOPS_HERE = re.compile(r"在(?:县域|市域|镇域|区域|乡域|境内|县境|市境)[\u4e00-\u9fff]{0,4}?设(?:站|出入口|互通|收费站)")
THROUGH = re.compile(r"(?:横贯|纵贯|斜贯|穿越|途经|贯穿|纵穿|横穿|斜穿|穿过|流经)(?:县域|市域|全县|全市|县境|市境|境内|全镇|镇域|全区|区境|全乡|乡域)")

# "镇域中部出露的神泉" / "县域内的…": a named thing the sentence places in the plan's own region
IN_REGION = re.compile(r"(?:^|[，,])(?:在)?(?:县域|市域|镇域|乡域|全县|全市|全镇|全乡|境内)(?:[东南西北中]{1,2}部|内|中)?"
                       r"[\u4e00-\u9fff]{0,4}?的$")
# "A和B等骨干电源，二者共同构成C": the things just listed make up C
MAKE_UP = re.compile(r"(?P<who>二者|两者|三者|四者|它们|这些)(?:共同|一起|一同)?(?:构成|组成|形成)(?:了)?(?P<whole>[^，。；,;]{2,30})")
ABSTRACT = {"Plan", "Positioning", "Strategy", "Law", "Organization"}  # kinds that are no part of a place
PLACE_OF = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,8}?)的(?P<items>[^；;。的]+)")

# "北与X接壤", "西邻X", "南面与X毗连", "东南方向同X相接": a bearing, then the neighbour
ADJACENT = re.compile(r"(?:[东南西北]{1,2}(?:临|邻|接)|毗邻|毗连|接壤|相邻|相接|交界|相连|相望|[东南西北]{1,2}(?:面|侧|方向)?(?:与|同))")

COOPERATE = re.compile(r"融入|联合|联动|协同|合作|对接")

CONNECT = re.compile(r"衔接|连接|联通|连通|[东南西北]连|[东南西北]通|直通|通往|(?<=[路道线])[东南西北](?:接|抵|至)")  # "…路南接城区"


def _cue_relations(ctx: RuleContext, p: Passage) -> None:
    """位于X / 在X建设Y → locatedIn; 属X → partOf; 横贯县域 → passesThrough the plan's region."""
    for sentence in re.split(r"[。；]", p.text):
        named = names.suffix_names(sentence)
        for m in LOCATED.finditer(sentence):
            places = ctx.resolve_places(m.group("place"), p.ordinal) or _feature_in(ctx, m.group("place"), p.ordinal)
            before = [s for s in named if s.end <= m.start()]
            # the clause's own subject ("…，B位于Y": B, not a name of an earlier clause); only a clause opened by
            # the verb ("A是…的B，选址于Y") takes its subject from before
            clause_start = max(sentence.rfind(c, 0, m.start()) for c in "，,：:") + 1
            if sentence[clause_start:m.start()].strip():
                before = [s for s in before if s.start >= clause_start]
            if places and before:
                subject = _copula_subject(sentence, before)
                ref = ctx.make_entity(subject.text, p.ordinal, subject.kind)
                if ref is not None:
                    ctx.ex.relate(ref, "pk:locatedIn", places[0], p.ordinal)
        for m in BUILT_IN.finditer(sentence):
            place = BEARING_TAIL.sub("", m.group("place"))  # "在A乡B村以北布局…": in B村 all the same
            places = ctx.resolve_place(place, p.ordinal) or (
                ctx.resolve_places(place, p.ordinal)
                if "的" in sentence[m.start("name") - 1:m.start("name")] or ctx.qualifying_division(place) else [])
            inside = [s for s in named if m.start("name") <= s.start < m.end("name")]
            for s in inside[:1]:
                ref = ctx.make_entity(s.text, p.ordinal, s.kind)
                if ref is not None and ref.kind == "AdministrativeDivision":
                    continue  # "在A镇东侧建设岱山客运码头": the division in the name is not what is built
                for place in places if ref is not None else []:
                    ctx.ex.relate(ref, "pk:locatedIn", place, p.ordinal)
        for m in BELONGS.finditer(sentence):
            target = [s for s in named if s.start == m.start("what")]
            before = [s for s in named if s.end <= m.start()]
            if target and before:
                a = ctx.make_entity(before[-1].text, p.ordinal, before[-1].kind)
                b = ctx.make_entity(target[0].text, p.ordinal, target[0].kind)
                if a is not None and b is not None:
                    ctx.ex.relate(a, "pk:partOf", b, p.ordinal)
        for m in THROUGH_PLACES.finditer(sentence):
            before = [s for s in named if s.end <= m.start() and s.kind in LINEAR_KINDS]
            vague = VAGUE_PLACES.search(m.group("places"))
            places = ctx.resolve_places(m.group("places"), p.ordinal) if before and not vague else []
            ref = ctx.make_entity(before[-1].text, p.ordinal, before[-1].kind) if places else None
            for place in places if ref is not None else []:
                if place != ref:
                    ctx.ex.relate(ref, "pk:passesThrough", place, p.ordinal)
        _in_region(ctx, p, sentence, named)
        _made_up_of(ctx, p, sentence, named)
        m = THROUGH.search(sentence) or STOPS_HERE.search(sentence)
        if m and ctx.ex.meta.region is not None:
            before = [s for s in named if s.end <= m.start()]
            clause_start = max(sentence.rfind(c, 0, m.start()) for c in "，,：:") + 1
            lines = [s for s in before if s.kind in LINEAR_KINDS]
            # "A南北向、B东西向穿越县域": every route of the clause; else the nearest name
            chosen = [s for s in lines if s.start >= clause_start] or lines[-1:] or before[-1:]
            for span in chosen if m.re is THROUGH or lines else []:
                ref = ctx.make_entity(span.text, p.ordinal, span.kind)
                if ref is not None:
                    ctx.ex.relate(ref, "pk:passesThrough", ctx.ex.meta.region, p.ordinal)

def _copula_subject(sentence: str, before: list) -> object:
    """"A是…的B，选址于Y": B restates A, so A is what lies in Y; otherwise the nearest name before the verb."""
    nearest = max(before, key=lambda s: (s.end, s.end - s.start))  # the whole name, not a river inside it
    for s in sorted((s for s in before if s.end <= nearest.start), key=lambda s: -s.end):
        between = sentence[s.end:nearest.start]
        if between.startswith(("是", "为")) and not re.search(r"[，,；;。]", between):
            return s
    return nearest
def _in_region(ctx: RuleContext, p: Passage, sentence: str, named: list) -> None:
    """"镇域中部出露的神泉是…" → 神泉 locatedIn the plan's region."""
    region = ctx.ex.meta.region
    for span in named if region is not None else []:
        if span.kind in PROPER_KINDS and span.kind not in ("Town", "Village") and IN_REGION.search(sentence[: span.start]):
            ref = ctx.make_entity(span.text, p.ordinal, span.kind)
            if ref is not None and ref != region:
                ctx.ex.relate(ref, "pk:locatedIn", region, p.ordinal)


def _made_up_of(ctx: RuleContext, p: Passage, sentence: str, named: list) -> None:
    """"A和B等骨干电源，二者共同构成…C" → A partOf C, B partOf C (as many parts as the pronoun counts)."""
    for m in MAKE_UP.finditer(sentence):
        whole = [s for s in named if m.start("whole") <= s.start and s.end <= m.end("whole") and s.kind not in ABSTRACT]
        clause_start = max(sentence.rfind(c, 0, m.start() - 1) for c in "，,") + 1
        parts = [s for s in named if clause_start <= s.start and s.end <= m.start() and s.kind not in ABSTRACT]
        count = lexicon.cn_to_int(m.group("who")[0]) if m.group("who")[0] in "二两三四" else None
        if not whole or not parts or (count is not None and len(parts) != count):
            continue
        w = ctx.make_entity(whole[-1].text, p.ordinal, whole[-1].kind)
        for part in parts if w is not None else []:
            ref = ctx.make_entity(part.text, p.ordinal, part.kind)
            if ref is not None and ref != w:
                ctx.ex.relate(ref, "pk:partOf", w, p.ordinal)


def _feature_in(ctx: RuleContext, phrase: str, ordinal: int) -> list[EntityRef]:
    """"中心城区南侧的恢河干流上" → the named feature it points at (恢河)."""
    spans = [s for s in names.suffix_names(phrase) if s.kind in PROPER_KINDS and s.kind != "Town"]
    ref = ctx.make_entity(spans[-1].text, ordinal, spans[-1].kind) if spans else None
    return [ref] if ref is not None else []


def whole_and_together(ctx: RuleContext, p: Passage) -> None:
    """"A是B的重要源泉" → A relatedTo B; "…A…，与B协同发展" → A cooperatesWith B."""
    for sentence in re.split(r"[。；]", p.text):
        named = [s for s in names.suffix_names(sentence) if s.kind in PROPER_KINDS]
        for m in OF_WHOLE.finditer(sentence):
            before = [s for s in named if s.end <= m.start()]
            whole = [s for s in names.suffix_names(m.group("b")) if s.kind in PROPER_KINDS]
            if before and whole:
                a = ctx.make_entity(before[-1].text, p.ordinal, before[-1].kind)
                b = ctx.make_entity(whole[-1].text, p.ordinal, whole[-1].kind)
                if a is not None and b is not None:
                    ctx.ex.relate(a, "pk:relatedTo", b, p.ordinal)
        for m in TOGETHER.finditer(sentence):
            before = [s for s in named if s.end <= m.start()]
            others = [s for s in names.suffix_names(m.group("b")) if s.kind in PROPER_KINDS]
            a = ctx.make_entity(before[-1].text, p.ordinal, before[-1].kind) if before and others else None
            for other in others if a is not None else []:  # "与A、B协同发展": each of them
                b = ctx.make_entity(other.text, p.ordinal, other.kind)
                if b is not None and b != a:
                    ctx.ex.relate(a, "pk:cooperatesWith", b, p.ordinal)


CLAUSE_CONJUNCTION = re.compile(r"^\s*(?:以及|并且)(?![，,])")


def _place_of(ctx: RuleContext, p: Passage) -> None:
    """"山阴县的古城农产品加工园、…" → members locatedIn 山阴县 (also "右玉县梁威…工业园")."""
    for clause in re.split(r"[；;。]", p.text):
        clause = CLAUSE_CONJUNCTION.sub("", clause)  # "；以及东沙…工程": the place starts after the 以及
        m = PLACE_OF.search(clause)
        place, rest = None, clause
        if m and ctx.resolve_place(m.group("place"), p.ordinal):
            place, rest = ctx.resolve_place(m.group("place"), p.ordinal)[0], m.group("items")
        if place is None:
            rest = after_place(ctx, clause, p.ordinal)
            if rest == clause:
                continue
            place = ctx.resolve_place(clause[: len(clause) - len(rest)].rstrip("的"), p.ordinal)
            if not place:
                continue
            place = place[0]
        prefix = clause[: len(clause) - len(rest)] if not (m and rest == m.group("items")) else ""
        for n_item, item in enumerate(names.split_list(rest)):
            kind = lexicon.classify(item)
            if kind and kind not in ("AdministrativeDivision",):
                # a project's official name keeps its place prefix ("山西省朔州市…综合治理工程")
                name = prefix + item if n_item == 0 and kind == "Project" and prefix else names.clean_item(item)
                ref = ctx.make_entity(name, p.ordinal, kind)
                if ref is not None:
                    ctx.ex.relate(ref, "pk:locatedIn", place, p.ordinal)


# "A乡的X村、B镇的Y村以及C镇的Z村": each item carries its own place
ITEM_END = re.compile(r"以及|、|和|及|与|，|,|等|的")
DIVISION_END = re.compile(r"(?:[省市县区镇乡村]|街道)$")


def _each_with_its_place(ctx: RuleContext, p: Passage) -> None:
    """A list whose items each name their place ("A乡的X村、B镇的Y村"): X locatedIn A, Y locatedIn B. The place
    is the longest division name ending right before 的, the thing the name its item starts with; a clause with
    one such pair is _place_of's case."""
    for clause in re.split(r"[；;。]", p.text):
        pairs = []
        for i in (i for i, ch in enumerate(clause) if ch == "的"):
            before = re.split(r"[、，,和及与的]", clause[max(0, i - 10):i])[-1]
            item_text = ITEM_END.split(clause[i + 1:], maxsplit=1)[0]
            item = next((sp.text for sp in names.suffix_names(item_text) if sp.start == 0 and sp.kind), None)
            kind = lexicon.classify(item) if item else None
            if not kind or kind == "AdministrativeDivision" or not DIVISION_END.search(before):
                continue  # the place is written in full ("…镇的"), never a short form ("朔州古城的")
            found = (ctx.resolve_place(before[j:], p.ordinal) for j in range(max(0, len(before) - 1)))
            place = next((places[0] for places in found if len(places) == 1), None)
            if place is not None:
                pairs.append((item, kind, place))
        if len(pairs) < 2:
            continue
        for item, kind, place in pairs:
            ref = ctx.make_entity(item, p.ordinal, kind)
            if ref is not None:
                ctx.ex.relate(ref, "pk:locatedIn", place, p.ordinal)


def leading_divisions(ctx: RuleContext, text: str, end: int) -> int:
    """Where the division names printed just before position ``end`` begin ("朔州市朔城区|恢河…工程")."""
    start = end
    hits = ctx.linker.find(text[:end])
    for s, e, _, _ in reversed(hits):
        if e == start:
            start = s
    return start


def inner_places(ctx: RuleContext, name: str) -> list[tuple[str, str]]:
    """The named features inside a name ("紫金山修山护林…工程" → 紫金山; "…太平窑水库下游至…" → 太平窑水库)."""
    suffix = next((s for s, _ in lexicon.suffixes() if name.endswith(s)), "")
    head = name[: len(name) - len(suffix)]
    out: list[tuple[str, str]] = []
    for span in names.suffix_names(head):
        if span.kind not in PROPER_KINDS:
            continue
        text = span.text
        cut = len(text) - len(leading_text(ctx, text))
        text = text[cut:]
        own = next((s for s, k in lexicon.suffixes() if k == span.kind and text.endswith(s)), "")
        first = text.find(own, 2) if own else -1  # "紫金山修山": the name ends at its first class word
        if 0 < first < len(text) - len(own):
            text = text[: first + len(own)]
        if len(text) >= 2 and (text, span.kind) not in out:
            out.append((text, span.kind))
    return out


def leading_text(ctx: RuleContext, text: str) -> str:
    """Text without the division names it starts with."""
    return ctx.without_divisions(text)


def neighbours(ctx: RuleContext, clause: str, region: EntityRef, ordinal: int) -> list[EntityRef]:
    """The divisions a clause of adjacency names: not the region itself nor a division it lies in
    ("地处朔州市西北部"), and not a division printed only to qualify the next one ("忻州市|偏关县")."""
    hits = ctx.linker.find(clause)
    out = []
    for i, (_, end, printed, d) in enumerate(hits):
        after = hits[i + 1] if i + 1 < len(hits) else None
        if after is not None and after[0] == end and after[3].code.startswith(d.code):
            continue
        if region.code and (region.code == d.code or region.code.startswith(d.code)):
            continue
        out.append(ctx.division_ref(d, ordinal, printed))
    return out


def _region_cues(ctx: RuleContext, p: Passage) -> None:
    region = ctx.ex.meta.region
    if region is None:
        return
    for sentence in re.split(r"[。；]", p.text):
        adj = ADJACENT.search(sentence)
        if adj:
            for clause in re.split(r"[，,]", sentence):
                if ADJACENT.search(clause):
                    for ref in neighbours(ctx, clause, region, p.ordinal):
                        ctx.ex.relate(region, "pk:adjacentTo", ref, p.ordinal)
        if COOPERATE.search(sentence):
            for ref in _named_in(ctx, p, sentence, ("Region",)):
                ctx.ex.relate(region, "pk:cooperatesWith", ref, p.ordinal)
        conn = CONNECT.search(sentence)
        if conn:
            before = _named_in(ctx, p, sentence[: conn.start()], None)
            after = _named_in(ctx, p, sentence[conn.end():], None)
            after += [r for r in ctx.resolve_place_in_text(re.split(r"[，,]", sentence[conn.end():])[0], p.ordinal)
                      if r not in after]
            if before:
                for ref in after:
                    ctx.ex.relate(before[-1], "pk:relatedTo", ref, p.ordinal)

def _named_in(ctx: RuleContext, p: Passage, text: str, kinds: tuple[str, ...] | None) -> list[EntityRef]:
    out = []
    for span in names.suffix_names(text):
        if kinds is None or span.kind in kinds:
            ref = ctx.make_entity(span.text, p.ordinal, span.kind)
            if ref is not None:
                out.append(ref)
    return out

def after_place(ctx: RuleContext, clause: str, ordinal: int) -> str:
    m = PLACE_OF.match(clause)
    if m and ctx.resolve_place(m.group("place"), ordinal):
        return m.group("items")
    for n in range(min(6, len(clause) - 2), 1, -1):  # "右玉县梁威农产品工业园"
        if ctx.resolve_place(clause[:n], ordinal) and lexicon.classify(clause[n:]):
            return clause[n:]
    return clause


@Language.component("plankg_places", requires=["doc._.plan", "doc._.rules"], assigns=["doc._.relations", "doc._.entities"])
def places_component(doc: Doc) -> Doc:
    """Location, membership and neighbourhood cues in every passage."""
    ctx: RuleContext = doc._.rules
    for p in ctx.body:
        if p.kind not in ("table-header", "table-row"):
            _cue_relations(ctx, p)
            _place_of(ctx, p)
            _each_with_its_place(ctx, p)
            _region_cues(ctx, p)
            whole_and_together(ctx, p)
    return doc
