"""Counted lists: a group of named members, the count it declares and the role it gives them.

* "N个X——A、B、C" / "N个X：A、B" / "N个X（A、B）"     → Group X (declared N, role X) with members
* "A、B、C等N类X" / "A、B等X" / "“A、B”N条X"             → Group / typed items
* "A、B、C N个X" (规划建设A、B、C三个公园)                 → Group, members typed by X
* "□ N大X" heading + the following paragraph(s)          → Group X with members
* "- X（N个）" + N items nested under it                  → Group X with members (a village category: roles)
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import lexicon, names
from plankg.extract.context import RuleContext
from plankg.extract.document import Passage
from plankg.extract.model import EntityRef, Group
from plankg.extract.places import after_place

N = rf"(?:\d+|{lexicon.CN_NUMERAL}|双)"

# 一 that begins a word is no count ("一般乡镇", "一体化", "一些"); N者 points back ("三者之中"), it counts nothing new
NOT_A_COUNT = r"(?!(?<=一)[般些致体定切律直同起])(?!者)"
GROUP_HEAD = re.compile(rf"^(?:重点|主要|积极|着力|全力)?(?:打造|构建|建设|形成|秉承|培育|布局|规划布局|规划建设|建立)?"
                        rf"(?P<label>(?P<num>{N}){NOT_A_COUNT}\s*(?P<cls>个|大|条|类|项|处|座|张|级)?"
                        rf"(?P<what>[\u4e00-\u9fff（）()]{{1,16}}))$")

DASH_LIST = re.compile(rf"(?P<label>(?P<num>{N})\s*(?P<cls>个|大|条|类|项|处|座|张)(?P<what>[\u4e00-\u9fff（）()]{{2,16}}?))"
                       r"(?:——|—|：|:)(?P<items>[^；;。]+)")

PAREN_LIST = re.compile(rf"(?P<label>(?P<num>{N})\s*(?P<cls>个|大|条|类|项|处|座|张)(?P<what>[\u4e00-\u9fff]{{2,16}}?))"
                        r"[（(](?P<items>[^（）()]+、[^（）()]+)[)）]")

# a count, what the things do, then the things: "15个重点镇（乡）作为…节点，…，分别为A、B…" (read when the count agrees)
COUNT_THEN_LIST = re.compile(rf"(?P<label>(?P<num>{N})\s*(?P<cls>个|大|条|类|项|处|座|张)(?P<what>[\u4e00-\u9fff（）()]{{2,16}}?))"
                             r"(?=[，,]|作为|是|为)[^。；;]{0,60}?(?:分别为|分别是|依次为|依次是|具体为|具体是)[：:]?"
                             r"(?P<items>[^。；;]+)")
# the verb that gives the counted things a role ends the counted noun: "A、B等2个镇定位为…型乡镇"
ROLE_VERB = r"(?:被)?(?:定位为|列为|确定为|划为|划入|作为|定为|均为)"  # not a bare 为: "三个乡以生态保护为…"
VERB_TAIL = re.compile(r"(?:定位|确定|划|列|作|均)$")  # the start of a ROLE_VERB a counted noun ran into
ETC_LIST = re.compile(rf"(?P<items>[\u4e00-\u9fff（）()、\-—]{{2,200}}?)等(?P<label>(?P<num>{N})?\s*(?P<cls>个|大|条|类|项)?"
                      rf"(?P<what>[\u4e00-\u9fff]{{1,14}}?))(?=[，。；、,;]|$|的|相|融|{ROLE_VERB}|为|编制|构成|组成)")

COUNT_AFTER_LIST = re.compile(rf"“(?P<items>[^“”]+、[^“”]+)”(?P<label>(?P<num>{N})(?P<cls>个|大|条|类|项|级)(?P<what>[\u4e00-\u9fff]{{1,10}}))")

LIST_BEFORE_COUNT = re.compile(rf"(?P<items>[\u4e00-\u9fff、]{{4,80}}?)(?P<label>(?P<num>\d+|{lexicon.CN_NUMERAL})(?P<cls>个|条|座|处)"
                               rf"(?P<what>[\u4e00-\u9fff]{{2,10}}?))(?=[，。；,;]|$|{ROLE_VERB})")

# "集聚提升类（4个）：A、B、C、D": a class of things, its count in brackets, then its members
PAREN_COUNT = re.compile(rf"(?:^|[，。；])(?P<what>[\u4e00-\u9fff]{{2,12}})[（(](?P<num>{N})\s*(?P<cls>个|处|条|座|项|家|所)[)）]"
                         r"[：:](?P<items>[^。；;]+)")
FACILITY_KINDS = {"Street", "Road", "Expressway", "Railway", "Airport", "Park", "GreenSpace", "Reservoir", "River",
                  "Lake", "IndustrialPark", "UrbanCenter", "UrbanCluster", "HeritageSite", "Project"}


def _count(num: str | None) -> int | None:
    if not num:
        return None
    return lexicon.cn_to_int(num)

def _members(ctx: RuleContext, items_text: str, ordinal: int, kind_hint: str | None, declared: int | None,
             facility_word: str | None = None) -> list[EntityRef]:
    if re.search(r"以[^以，。；]*?为[\u4e00-\u9fff]{1,8}?的", items_text):  # "以X为核心的Y、以Z为主的W"
        items = [q + "的" + n for q, n in re.findall(r"(以[^以]*?为[\u4e00-\u9fff]{1,8}?)的([^、，。；以]+)", items_text)]
    else:
        items = names.split_list(items_text)
    items = _split_conjunctions(ctx, items, declared, ordinal)
    refs: list[EntityRef] = []
    bracketed: list[EntityRef] = []
    for n_item, raw in enumerate(items):
        name, inner = names.remove_parens(names.clean_item(raw, first=n_item == 0))
        if not name or len(name) > 30:
            continue
        places = ctx.resolve_place(name, ordinal)
        if facility_word and places and lexicon.classify(name + facility_word):
            # "平鲁、怀仁…5个通用机场": the member is the facility at that place
            ref = ctx.make_entity(name + facility_word, ordinal, lexicon.classify(name + facility_word))
            if ref is not None:
                ctx.ex.entities[ref.key].alt_labels.add(name)
                ctx.ex.relate(ref, "pk:locatedIn", places[0], ordinal)
        else:
            ref = places[0] if places and len(places) == 1 else ctx.make_entity(name, ordinal, kind_hint)
        if ref is None:
            continue
        refs.append(ref)
        for sub in inner:  # "广武（含后所、张家庄）", "中石油（陕京一线）"
            for part in names.split_list(re.sub(r"^(?:含|包括|即)", "", sub)):
                sub_places = ctx.resolve_place(part, ordinal)
                sub_ref = sub_places[0] if sub_places else ctx.make_entity(part, ordinal, None)
                if sub_ref is not None:
                    pred = "pk:partOf" if sub.startswith(("含", "包括")) else "pk:relatedTo"
                    ctx.ex.relate(sub_ref, pred, ref, ordinal)
                    bracketed.append(sub_ref)
    _harmonise_kinds(ctx, bracketed, ordinal)
    return refs

def _harmonise_kinds(ctx: RuleContext, refs: list[EntityRef], ordinal: int) -> None:
    """Bracketed items of one list are alike: "中石油（陕京一线）、中海油（…外输管道）" → both pipelines."""
    kinds = {ctx.ex.canonical(r).kind for r in refs} - {"NamedConcept", "AdministrativeDivision"}
    if len(kinds) == 1:
        kind = kinds.pop()
        for r in refs:
            if ctx.ex.canonical(r).kind == "NamedConcept":
                ctx.ex.add_entity(EntityRef(kind, r.name, r.code, r.scope), ctx.ex.entities[r.key].label, ordinal)

def _split_conjunctions(ctx: RuleContext, items: list[str], declared: int | None, ordinal: int) -> list[str]:
    """Split "A和B" inside an item when both sides are names (应县和右玉县), or when the text
    declares more members than the commas give (两大精神，即右玉精神与开放精神)."""
    out = []
    for item in items:
        parts = [x for x in re.split(r"以及|和|与|及", item) if x]
        named = len(parts) > 1 and all(len(x) >= 2 and (lexicon.classify(x) or ctx.resolve_place(x, ordinal))
                                       for x in parts)
        out.extend(parts if named else [item])
    if declared and len(out) < declared:  # "A与B和C" of two: split at the conjunction that gives the count
        for conjunctions in (r"以及|和|与|及", r"以及|和|及", r"与"):
            wider = [x for item in out for x in re.split(conjunctions, item) if x]
            if len(wider) == declared:
                return wider
    return out

def _group(ctx: RuleContext, label: str, num: str | None, what: str, ordinal: int,
           members: list[EntityRef], parent: EntityRef | None = None) -> Group:
    label = label.strip()
    role = what.strip() if what else None
    ref = ctx.ex.add_entity(EntityRef("Group", label), label, ordinal)
    group = Group(ref, label, _count(num), role, members, ordinal, parent)
    ctx.ex.groups.append(group)
    return group

def _kind_of_what(what: str) -> str | None:
    return lexicon.classify(what) or lexicon.classify("某" + what)


def _each_names_its_class(items_text: str) -> bool:
    """Every item of a list carries a class word of its own ("A水库、B公园"), not only the list's noun."""
    parts = names.split_list(items_text)
    return bool(parts) and all(lexicon.classify(names.clean_item(x, first=i == 0)) for i, x in enumerate(parts))


def _article(num: str | None, items: str) -> bool:
    """"一条视线通廊：自A向东、西…" / "…各保留一条视线通廊": 一 with several items is an article, not a list of one."""
    return _count(num) == 1 and len(names.split_list(items)) > 1


def counted_lists(ctx: RuleContext, p: Passage) -> None:
    text = p.text
    for m in PAREN_COUNT.finditer(text):
        what = m.group("what")
        members = _members(ctx, m.group("items"), p.ordinal, _kind_of_what(what), _count(m.group("num")))
        if members:
            _group(ctx, what, m.group("num"), what, p.ordinal, members)
    for m in DASH_LIST.finditer(text):
        what = m.group("what")
        items = re.split(r"[，,]", m.group("items"))[0]  # lists use 、; a comma starts the description
        if _article(m.group("num"), items):
            continue
        members = _members(ctx, items, p.ordinal, _kind_of_what(what), _count(m.group("num")))
        _group(ctx, m.group("label"), m.group("num"), what, p.ordinal, members)
    for m in PAREN_LIST.finditer(text):
        what = m.group("what")
        members = _members(ctx, m.group("items"), p.ordinal, _kind_of_what(what), _count(m.group("num")))
        _group(ctx, m.group("label"), m.group("num"), what, p.ordinal, members)
    for m in COUNT_THEN_LIST.finditer(text):
        what, declared = m.group("what"), _count(m.group("num"))
        members = _members(ctx, m.group("items"), p.ordinal, _kind_of_what(what), declared)
        if declared and len(members) == declared:
            _group(ctx, m.group("label"), m.group("num"), what, p.ordinal, members)
    for m in COUNT_AFTER_LIST.finditer(text):
        members = _members(ctx, m.group("items"), p.ordinal, None, _count(m.group("num")))
        _group(ctx, m.group("label"), m.group("num"), m.group("what"), p.ordinal, members)
    for m in LIST_BEFORE_COUNT.finditer(text):
        items = m.group("items")
        if "、" not in items:
            continue
        items = re.sub(r"^.*?(?:规划建设|建设|规划|打造|布局)", "", items)
        what = m.group("what")
        if VERB_TAIL.search(what) or _article(m.group("num"), items):  # "A、B2个镇定位为…": roles reads it
            continue
        members = _members(ctx, items, p.ordinal, _kind_of_what(what), _count(m.group("num")), facility_word=what)
        if members:
            _group(ctx, m.group("label"), m.group("num"), what, p.ordinal, members)
    for m in ETC_LIST.finditer(text):
        items_text = re.split(r"[，。；：:]", m.group("items"))[-1]
        if "、" not in items_text and not m.group("num"):
            items_text = names.strip_lead(items_text)
        what = m.group("what")
        if _kind_of_what(what) in ("Project", "Programme") and not _each_names_its_class(items_text):
            continue  # "发展风电、光伏等新能源项目": activities the class gathers, not named projects
        members = _members(ctx, items_text, p.ordinal, _kind_of_what(what), _count(m.group("num")))
        if members and (m.group("num") or (len(members) > 1 and len(what) >= 3)):
            _group(ctx, m.group("label") if m.group("num") else what, m.group("num"), what, p.ordinal, members)


def heading_group(ctx: RuleContext, p: Passage, following: list[Passage]) -> Group | None:
    """"□ 五大发展战略" or "□九个农业产业园区" + the paragraph(s) after it → Group with members."""
    text = names.strip_lead(p.text.strip())
    m = GROUP_HEAD.match(text)
    if not m or heading_number(m) or feature_name(m):
        return None
    slogan = names.is_slogan(text) or bool(names.slogan_parts(text))
    declared = None if slogan else _count(m.group("num"))
    what = m.group("what")
    if (not declared and not slogan) or (declared or 0) > 60:
        return None
    kind = _kind_of_what(what)
    members: list[EntityRef] = []
    stop = next((i for i, q in enumerate(following) if q.kind == "item" or q.section != p.section), len(following))
    body = [q for q in following[:stop] if q.kind in ("paragraph", "heading")]
    short = [q for q in body[:declared or 0] if len(q.text) <= 40 and "，" in q.text[:16]]
    if declared and declared > 1 and len(short) == declared:  # one member per line: "生态立市，不忘初心…"
        for q in short:
            ref = ctx.make_entity(q.text.split("，")[0], q.ordinal, kind or "Strategy" if "战略" in what else kind)
            if ref is not None:
                members.append(ref)
    elif body and not (slogan and re.match(r"^“?" + names.SLOGAN_PART.pattern + r"”?[：:为]", body[0].text)):
        first = body[0].text  # (a slogan whose parts are defined one by one below is left to the definitions)
        if "，即" in first[:30]:  # "秉承两大核心价值，即右玉精神与开放精神"
            first = first.split("，即", 1)[1]
        first = re.sub(r"^(?:指|即|主要包括|包括)", "", first)
        items_text = re.split(r"，(?:是|形成|作为|承载|推动|串联)", first)[0]
        if "、" in items_text or "；" in items_text or (declared and re.search(r"和|与|及", items_text)):
            for clause in re.split(r"[；;]", items_text.rstrip("。")):
                members.extend(_members(ctx, after_place(ctx, clause, body[0].ordinal), body[0].ordinal, kind, declared))
            members = [r for r in members if r.kind != "NamedConcept" or r.name in items_text[:40]]
        for span in names.suffix_names(first) if not members else []:  # "即民福街、迎宾大道组成的…"
            ref = ctx.make_entity(span.text, body[0].ordinal, span.kind)
            if ref is not None and ref not in members and span.kind in FACILITY_KINDS:
                members.append(ref)
    return _group(ctx, m.group("label"), m.group("num"), what, p.ordinal, members)


def feature_name(m: re.Match) -> bool:
    """"七里河", "三道沟河", "五台山": a numeral, no classifier, then a word that names a river or mountain by itself
    (里河, 台山) — the name of one feature, not a count of them ("三山", "两河" count)."""
    return m.group("cls") is None and len(m.group("what")) >= 2 and lexicon.classify(m.group("what")) in names.FEATURE_KINDS


def heading_number(m: re.Match) -> bool:
    """"七 近期建设项目", "05 重点项目": a number set apart by a space with no classifier, or written with a
    leading zero, numbers a heading; "五大战略" and "3 个重点镇" count."""
    num = m.group("num")
    spaced = m.group("label")[len(num):len(num) + 1].isspace()
    return (spaced and m.group("cls") is None) or (len(num) > 1 and num.startswith("0"))


# a list item that names a class and its count, its members nested under it one per item:
# "- 集聚提升类（5个）" / "  * A村" / "  * B村" …
NESTED_HEAD = re.compile(rf"^(?P<what>[\u4e00-\u9fff]{{2,12}})\s*[（(](?P<num>{N})\s*(?P<cls>个|处|条|座|项|家|所)[)）]$")


BARE_NAME_STOP = re.compile(r"[：:，,；;。（(]")


def nested_group(ctx: RuleContext, p: Passage, following: list[Passage]) -> Group | None:
    """"- X（N个）" and the N items nested right under it → Group X with them as members; a category of
    villages ("…类") also gives each member its category. Items nested deeper are notes, not members."""
    m = NESTED_HEAD.match(p.text.strip()) if p.kind == "item" else None
    if m is None:
        return None
    children = [q for q in following if q.kind == "item" and q.parent == p.ordinal]
    declared = _count(m.group("num"))
    if not children or len(children) != declared or any(len(q.text) > 30 or BARE_NAME_STOP.search(q.text)
                                                        for q in children):
        return None  # items that say more than a name are the outline reader's (extract/outline.py)
    what = m.group("what")
    kind = "Village" if what.endswith("类") else _kind_of_what(what)
    members = [ref for q in children for ref in (ctx.resolve_places(q.text.strip(), q.ordinal)
                                                  or [ctx.make_entity(q.text.strip(), q.ordinal, kind)]) if ref]
    if len(members) != declared:
        return None
    if what.endswith("类"):
        ctx.make_entity(what, p.ordinal, "NamedConcept")
        for ref in members:
            ctx.assign_role(what, ref, p.ordinal)
    return _group(ctx, what, m.group("num"), what, p.ordinal, members)


# "规划实施以下生态治理工程：" / "重点推进下列项目：" / "近期建设项目如下：" + numbered items below
OPENER = re.compile(rf"(?:以下|下列|如下)(?:(?P<num>{N})\s*(?:个|项|条|处|类))?(?P<what>[\u4e00-\u9fff]{{2,14}})[：:]$"
                    rf"|(?P<what2>[\u4e00-\u9fff]{{2,14}}?)(?:如下|包括|主要有)[：:]$")


def opener_group(ctx: RuleContext, p: Passage, following: list[Passage]) -> Group | None:
    """A sentence ending in "以下X：" and the numbered items under it → Group X with the items as members."""
    m = OPENER.search(p.text.strip())
    if m is None or p.kind not in ("paragraph", "heading", "item"):
        return None
    what = names.strip_lead(m.group("what") or m.group("what2"))
    what = generic_head(what)
    items = []
    for q in following:
        if q.kind != "item" or q.section != p.section:
            break
        items.append(q)
    members = []
    for q in items:
        name = re.split(r"[：:，,。；;]", q.text.strip())[0]
        ref = ctx.make_entity(names.clean_item(name), q.ordinal, lexicon.classify(name) or _kind_of_what(what))
        if ref is not None:
            members.append(ref)
    if len(members) < 2:
        return None
    ref = ctx.ex.add_entity(EntityRef("Group", what), what, p.ordinal)
    group = Group(ref, what, _count(m.group("num")), None, members, p.ordinal)
    ctx.ex.groups.append(group)
    return group


def generic_head(what: str) -> str:
    """"重点生态治理工程" stays; a leading verb or 规划 goes ("实施生态治理工程" → 生态治理工程)."""
    return re.sub(r"^(?:规划|重点推进|推进|实施|建设|安排|开展)", "", what) or what


@Language.component("plankg_lists", requires=["doc._.plan", "doc._.rules"], assigns=["doc._.groups", "doc._.entities", "doc._.relations"])
def lists_component(doc: Doc) -> Doc:
    """Counted lists in every passage, and headings that announce a group ("□ 五大发展战略")."""
    ctx: RuleContext = doc._.rules
    body = ctx.body
    for i, p in enumerate(body):
        if p.kind in ("table-header", "table-row"):
            continue
        if p.kind in ("item", "heading"):
            group = heading_group(ctx, p, body[i + 1: i + 12])
            if group is not None:
                ctx.group_headings.add(p.ordinal)
                ctx.heading_groups[names.strip_lead(p.text)] = group
                ctx.heading_groups[group.label] = group
        counted_lists(ctx, p)
        opener_group(ctx, p, body[i + 1: i + 40])
        nested_group(ctx, p, body[i + 1: i + 80])
    return doc
