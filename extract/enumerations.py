"""Enumerations in running prose: the items of "一是A；二是B；三是C", "包括A、B和C三项" and
"分别是…的A，以及…的B", each with the text that follows its name.

Other families read the items (extract/project_sentences.py: a project's place, period and
investment in the same item); this family's own component makes each item that names something
(by its class word) an entity, and gives a counted list its members.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import lexicon, names
from plankg.extract.context import RuleContext
from plankg.extract.document import Passage
from plankg.extract.model import EntityRef

N = rf"(?:{lexicon.CN_NUMERAL}|\d+)"
# "一是…；二是…" / "其一，…" / "第一，…": an ordinal opens each item, a ；or 。 ends it
ORDINAL_ITEM = re.compile(rf"(?:^|[：:；;。，,])\s*(?:{lexicon.CN_NUMERAL}是|其{lexicon.CN_NUMERAL}[是，,]|第{lexicon.CN_NUMERAL}[是，,])"
                          rf"(?P<body>[^；;。]+?)(?=[，,]\s*(?:{lexicon.CN_NUMERAL}是|其{lexicon.CN_NUMERAL}[是，,]|第{lexicon.CN_NUMERAL}[是，,])|[；;。]|$)")
# "包括A、B和C三项" / "主要有A、B等4个": the items, then the count the text gives them
COUNTED = re.compile(rf"(?:包括|包含|涵盖|主要有|共有|有)(?P<items>[^，。；：:]+?)(?:等)?(?P<num>{N})(?:项|个|处|类|条|座|大)"
                     r"(?P<what>[\u4e00-\u9fff]{0,6})(?=[，。；,;：:]|$)")
# "两区分别是…的A，以及…的B" / "依次为A、B和C"
RESPECTIVELY = re.compile(r"(?:分别是|分别为|依次为|依次是)(?P<items>[^。；;]+)")
# the categories a plan sorts its villages into: "全县N个行政村分为A类、B类和C类三类"
CATEGORY_LIST = re.compile(rf"(?:分为|划分为|分成|划为|归为|归并为)(?P<items>[\u4e00-\u9fff、和与及]+?类(?:村庄|村)?)"
                           rf"(?:等)?(?P<num>{N})(?:类|种)")
# "规划将其中63个划为集聚提升类，14个划为城郊融合类": how many villages go into each category
CATEGORY_COUNT = re.compile(r"(?P<num>\d+)\s*个(?:行政村|村庄|村)?(?:被)?(?:划为|划入|确定为|列为|归为|定为|为)"
                            r"(?P<cat>[\u4e00-\u9fff]{2,6}类)(?:村庄|村)?(?=[，。；、,;]|$)")
# a list item keyed by a category: "- 特色保护类村庄：以A村等传统村落为重点…"
CATEGORY_KEY = re.compile(r"^(?P<cat>[\u4e00-\u9fff]{2,6}类)(?:村庄|村)[：:](?P<value>.+)$")
ANNOUNCED_PROJECTS = re.compile(r"(?:项目|工程)(?:[\u4e00-\u9fff]{0,2}?{N}(?:项|个))?[：:]".replace("{N}", N))
# "近期安排重点项目8项，总投资约46亿元，具体为：A在X实施；B位于Y；以及C，位于Z。": a sentence that
# announces projects, a colon, then one project per ；-separated clause, named before what it says
ANNOUNCED_CLAUSES = re.compile(r"(?:项目|工程)[^。；;：:]{0,30}?(?:具体为|具体是|分别为|分别是|包括|主要有|如下|为)?[：:]"
                               r"(?P<items>[^。]+)")
CLAUSE_LEAD = re.compile(r"^(?:以及|及|和|另有|还有|其中|此外)")
# a clause numbered inline ("：1.A工程，位于X；2.B工程，…", "（3）", "④"): the number is no part of the name
CLAUSE_NUMBER = re.compile(r"^(?:\d{1,2}[、.．)）](?!\d)|[（(]\d{1,2}[)）]|[\u2460-\u2473])\s*")
# where a clause stops naming its project: a place, a period, a comma or a bracket
CLAUSE_NAME_END = re.compile(r"[，,（(]|(?:在|于)[\u4e00-\u9fff、和及与]{2,60}?(?:实施|建设|开展|布局)|位于|选址|"
                             r"(?:主要)?布局(?:在|于)|安排(?:在|于)|覆盖|涉及|实施范围|建设地点|建设期|实施期|总投资")


@dataclass(frozen=True)
class Item:
    head: str  # the item's name, as far as it goes ("…保护工程（二期）")
    rest: str  # what the item says about it ("在A村、B村实施，建设期为…")
    start: int  # offset of the item in the passage


def ordinal_items(text: str) -> list[Item]:
    """"一是A，在X实施；二是B，位于Y" → [Item(A, 在X实施), Item(B, 位于Y)]."""
    out = []
    for m in ORDINAL_ITEM.finditer(text):
        head, _, rest = m.group("body").partition("，")
        out.append(Item(names.trim_name(head.strip()), rest, m.start("body")))
    return out if len(out) >= 2 else []


def _named_part(item: str) -> str:
    """"沿清水河延伸的清水河滨水廊道" → 清水河滨水廊道 (what follows the last 的 when it names something)."""
    item = item.strip(" \u3000“”")
    if "的" in item:
        tail = item.rsplit("的", 1)[-1]
        if lexicon.classify(tail):
            return tail
    return names.trim_name(item)


def listed_items(text: str) -> list[Item]:
    """Items of "包括A、B和C三项" and "分别是A，以及B"."""
    out = []
    for m in COUNTED.finditer(text):
        parts = names.split_list(m.group("items"), split_conj=True)
        declared = lexicon.cn_to_int(m.group("num"))
        if declared == len(parts):
            out.extend(Item(_named_part(x), "", m.start("items")) for x in parts)
    for m in RESPECTIVELY.finditer(text):
        parts = [x for x in re.split(r"，以及|，和|、|以及|和|及", m.group("items")) if x.strip()]
        if len(parts) >= 2 and all(lexicon.classify(_named_part(x)) for x in parts):
            out.extend(Item(_named_part(x), "", m.start("items")) for x in parts)
    return out


def announced_items(text: str) -> list[Item]:
    """"…重点项目3项，具体为：A工程在X实施；B与C工程位于Y；以及D、E工程，建设期…" → [A工程, B与C工程,
    D、E工程], each with what its clause says. The clause bounds the name, so a 、 or 与 inside it stays;
    every clause must name a project by its class word, or the list is not read."""
    out: list[Item] = []
    for m in ANNOUNCED_CLAUSES.finditer(text):
        clauses = re.split(r"[；;]", m.group("items"))
        found = []
        offset = m.start("items")
        for clause in clauses:
            lead = CLAUSE_LEAD.match(clause.strip())
            body = clause.strip()[lead.end():] if lead else clause.strip()
            body = body[len(num.group()):] if (num := CLAUSE_NUMBER.match(body)) else body
            if not body:  # a ； closing the list
                continue
            end = CLAUSE_NAME_END.search(body)
            head = body[: end.start()] if end else body
            if end is None or not 4 <= len(head) <= 40 or lexicon.classify(names.PHASE_TAIL.sub("", head)) \
                    not in ("Project", "Programme", "WaterProject"):
                break
            found.append(Item(head, body[end.start():], offset + clause.find(body)))
            offset += len(clause) + 1
        else:
            if len(found) >= 2:
                out.extend(found)
    return out


def items_of(p: Passage) -> list[Item]:
    ordinal = ordinal_items(p.text)  # "…项目四项：一是A；二是B" is read by its ordinals
    return ordinal + listed_items(p.text) + ([] if ordinal else announced_items(p.text))


def announces_projects(text: str, item: Item) -> bool:
    """"近期共安排重点项目四项：一是…" / "…项目8项，具体为：A…；B…": the items are projects the plan
    lists, named as printed."""
    before = text[: item.start]
    return bool(ANNOUNCED_PROJECTS.search(before) or ANNOUNCED_CLAUSES.search(before + "…"))


def item_entity(ctx: RuleContext, p: Passage, item: Item) -> EntityRef | None:
    """The thing an item names; a listed project keeps its kind without a proper part (as in a table)."""
    kind = lexicon.classify(names.PHASE_TAIL.sub("", item.head))
    if kind is None or len(item.head) > 40:
        return None
    if kind == "Project" and announces_projects(p.text, item):
        return ctx.named_entity(item.head, p.ordinal, kind)
    return ctx.make_entity(item.head, p.ordinal, kind)


def category_names(text: str) -> list[str]:
    """"分为A类、B类和C类三类" → [A类, B类, C类] when the text's count agrees."""
    out: list[str] = []
    for m in CATEGORY_LIST.finditer(text):
        parts = [re.sub(r"(?:村庄|村)$", "", x.strip()) for x in names.split_list(m.group("items"), split_conj=True)]
        if len(parts) == lexicon.cn_to_int(m.group("num")) and all(x.endswith("类") and 3 <= len(x) <= 8 for x in parts):
            out.extend(parts)
    return out


def counted_categories(text: str) -> list[re.Match]:
    """"其中63个划为集聚提升类，14个划为城郊融合类…": each category with its count, when the text sorts
    villages into a series of two or more (one "N个为X类" could count anything)."""
    found = list(CATEGORY_COUNT.finditer(text)) if "村" in text else []
    return found if len(found) >= 2 else []


def categories(ctx: RuleContext, p: Passage) -> None:
    """Village categories as concepts of the plan; a category-keyed item gives its category to the
    villages its text names."""
    for name in category_names(p.text) + [m.group("cat") for m in counted_categories(p.text)]:
        ctx.make_entity(name, p.ordinal, "NamedConcept")
    m = CATEGORY_KEY.match(p.text.strip()) if p.kind == "item" else None
    if m:
        ctx.make_entity(m.group("cat"), p.ordinal, "NamedConcept")
        villages = [s.text for s in names.suffix_names(m.group("value")) if s.kind == "Village"]
        for ref in [ctx.make_entity(v, p.ordinal, "Village") for v in villages]:
            if ref is not None:
                ctx.assign_role(m.group("cat"), ref, p.ordinal)


@Language.component("plankg_enumerations", requires=["doc._.plan", "doc._.rules"], assigns=["doc._.entities"])
def enumerations_component(doc: Doc) -> Doc:
    """Each enumerated item that names something is an entity of its class."""
    ctx: RuleContext = doc._.rules
    for p in ctx.body:
        if p.kind not in ("table-header", "table-row"):
            for item in items_of(p):
                item_entity(ctx, p, item)
            categories(ctx, p)
    return doc
