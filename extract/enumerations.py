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
ANNOUNCED_PROJECTS = re.compile(r"(?:项目|工程)(?:[\u4e00-\u9fff]{0,2}?{N}(?:项|个))?[：:]".replace("{N}", N))


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


def items_of(p: Passage) -> list[Item]:
    return ordinal_items(p.text) + listed_items(p.text)


def announces_projects(text: str, item: Item) -> bool:
    """"近期共安排重点项目四项：一是…": the items are projects the plan lists, named as printed."""
    return bool(ANNOUNCED_PROJECTS.search(text[: item.start]))


def item_entity(ctx: RuleContext, p: Passage, item: Item) -> EntityRef | None:
    """The thing an item names; a listed project keeps its kind without a proper part (as in a table)."""
    kind = lexicon.classify(names.PHASE_TAIL.sub("", item.head))
    if kind is None or len(item.head) > 40:
        return None
    if kind == "Project" and announces_projects(p.text, item):
        return ctx.named_entity(item.head, p.ordinal, kind)
    return ctx.make_entity(item.head, p.ordinal, kind)


@Language.component("plankg_enumerations", requires=["doc._.plan", "doc._.rules"], assigns=["doc._.entities"])
def enumerations_component(doc: Doc) -> Doc:
    """Each enumerated item that names something is an entity of its class."""
    ctx: RuleContext = doc._.rules
    for p in ctx.body:
        if p.kind not in ("table-header", "table-row"):
            for item in items_of(p):
                item_entity(ctx, p, item)
    return doc
