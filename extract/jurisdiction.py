"""What a division governs, as the plan enumerates it: "X辖A街道、B街道2个街道，C镇、D镇2个镇，以及E乡1个乡".

The plan text is authoritative: a listed township the gazetteer lacks (renamed, merged or newly
set up) is still an AdministrativeDivision of township level within X; a listed village is a Village
in X. The gazetteer only adds codes. The stated counts are read by the quantities family (镇数量).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import names
from plankg.extract.context import RuleContext
from plankg.extract.document import Passage
from plankg.extract.model import EntityRef, normalise

GOVERNS = re.compile(r"(?:下辖|辖有|共辖|管辖|辖)(?![区境内])(?P<body>[^。；]+)")  # not 辖区 / 辖境
CHUNK = re.compile(rf"(?P<list>[\u4e00-\u9fff、和及与]+?)(?:等)?(?P<num>\d+|{names.lexicon.CN_NUMERAL})\s*个"
                   r"(?P<level>街道办事处|街道|镇|乡|民族乡|苏木|行政村|社区|村)")
LEVEL_OF = {"街道办事处": "township", "街道": "township", "镇": "township", "乡": "township", "民族乡": "township",
            "苏木": "township", "行政村": "village", "社区": "village", "村": "village"}
# the words after a run of counts that open the list of their names
LIST_CUE = re.compile(r"[：:]|[，,]?(?:分别为|分别是|包括|即)")
COUNTS_ONLY = re.compile(rf"(?:[、，,和及与]?共?(?:\d+|{names.lexicon.CN_NUMERAL})\s*个(?:乡镇|{'|'.join(LEVEL_OF)}))+")
ENDINGS = {"township": ("街道", "镇", "乡", "苏木"), "village": ("村", "社区")}


def _parent(ctx: RuleContext, text: str, ordinal: int) -> EntityRef | None:
    """The division named right before 辖 ("朔城区辖…", "全区辖…" → the plan's region)."""
    hits = [h for h in ctx.linker.find(text) if h[1] == len(text) or text[h[1]:] in ("现", "共", "目前", "现共")]
    if hits:
        _, _, printed, d = hits[-1]
        return ctx.division_ref(d, ordinal, printed)
    township = re.search(r"([\u4e00-\u9fff]{2,8}?(?:街道|镇|乡))$", text)
    region = ctx.ex.meta.region
    if township and region is not None:  # a township the gazetteer lacks governs villages too
        return ctx.ex.add_entity(EntityRef("AdministrativeDivision", normalise(township.group(1)), None, scope=region.code),
                                 township.group(1), ordinal, level="township", parent_code=region.code)
    return region


def governed(ctx: RuleContext, p: Passage) -> None:
    for m in GOVERNS.finditer(p.text):
        head = re.split(r"[，,。；]", p.text[: m.start()])[-1]
        parent = _parent(ctx, re.sub(r"(?:全[区县市镇乡]|域内|境内)$", "", head), p.ordinal)
        if parent is None:
            continue
        for chunk in CHUNK.finditer(m.group("body")):
            level = LEVEL_OF[chunk.group("level")]
            items = names.split_list(re.sub(r"^(?:以及|和|及|与)", "", chunk.group("list")), split_conj=False)
            for item in items:
                item = re.sub(r"^(?:以及|和|及|与)", "", item)
                if len(item) < 2 or not item.endswith(ENDINGS[level]) or names.count_leftover(item):
                    continue
                _member(ctx, item, parent, level, p.ordinal)
        for item, level in _listed_after_counts(m.group("body")):
            _member(ctx, item, parent, level, p.ordinal)


def _listed_after_counts(body: str) -> list[tuple[str, str]]:
    """"辖3个镇、2个乡：A镇、B镇、C镇、D乡、E乡" (or "…，分别为A镇…"): the counts first, then the names."""
    parts = LIST_CUE.split(body, maxsplit=1)
    if len(parts) < 2 or not COUNTS_ONLY.fullmatch(parts[0].strip()):
        return []
    rest = parts[1]
    out = []
    for item in names.split_list(rest, split_conj=True):
        level = next((lv for lv, ends in ENDINGS.items() if item.endswith(ends)), None)
        if level and 2 <= len(item) <= 10 and not names.count_leftover(item) and not names.COUNT_WORD.search(item):
            out.append((item, level))
    return out


def _member(ctx: RuleContext, item: str, parent: EntityRef, level: str, ordinal: int) -> None:
    d = ctx.linker.resolve(item)
    if d is not None:
        ctx.division_ref(d, ordinal, item)
        return
    if level == "village":
        ref = ctx.make_entity(item, ordinal, "Village")
        if ref is not None:
            ctx.ex.relate(ref, "pk:locatedIn", parent, ordinal)
        return
    # not in the gazetteer: a division all the same, within the parent the plan names
    ref = ctx.ex.add_entity(EntityRef("AdministrativeDivision", normalise(item), None, scope=parent.code), item, ordinal,
                            level="township", parent_code=parent.code)
    ctx.ex.relate(ref, "pk:withinDivision", parent, ordinal)


@Language.component("plankg_jurisdiction", requires=["doc._.plan", "doc._.rules"],
                    assigns=["doc._.entities", "doc._.relations"])
def jurisdiction_component(doc: Doc) -> Doc:
    """Townships and villages a division governs, from "辖…N个镇…N个乡" enumerations."""
    ctx: RuleContext = doc._.rules
    for p in ctx.body:
        if p.kind not in ("table-header", "table-row"):
            governed(ctx, p)
    return doc
