"""Extraction stage: PlanDocument → Extraction (typed items, each tied to its passage).

Division names are ruled by a spaCy blank Chinese pipeline (character segmentation, nothing
downloaded) with an EntityRuler built from the gazetteer for the plan's region; everything else
comes from the structure rules (extract/structure.py, tables.py, quantities.py, meta.py).
"""
from __future__ import annotations

import re
from functools import lru_cache

import spacy

from plankg.extract import lexicon, names
from plankg.extract.document import Passage, PlanDocument
from plankg.extract.gazetteer import Division, Linker, gazetteer
from plankg.extract.meta import extract_citations, extract_meta
from plankg.extract.model import EntityRef, Extraction, Quantity, normalise
from plankg.extract.quantities import extract_quantities
from plankg.extract.structure import Context, heading_group, passage_rules
from plankg.extract.tables import extract_tables

QUOTE_KIND_CUES = (("战略", "Strategy"), ("定位", "Positioning"), ("目标", "Goal"), ("使命", "Goal"),
                   ("格局", "SpatialStructure"), ("结构", "SpatialStructure"), ("体系", "SpatialStructure"),
                   ("布局", "SpatialStructure"), ("网络", "NamedNetwork"), ("路网", "NamedNetwork"),
                   ("机制", "Mechanism"), ("理念", "NamedConcept"), ("精神", "NamedConcept"))
HEAD_COLON = re.compile(r"^(?P<head>[\u4e00-\u9fff“”]{3,16})[：:]")
JUNK = re.compile(r"^[\d.%年月日]+$|^(?:全市|全县|本规划|规划|我市|我县|其中|同时|以及|主要|重点)$")


@lru_cache(maxsize=16)
def _nlp(region_code: str) -> spacy.language.Language:
    """Blank zh pipeline (char segmenter) + EntityRuler of division names for one region."""
    linker = gazetteer().linker(gazetteer().get(region_code) if region_code else None)
    nlp = spacy.blank("zh")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns([{"label": "GPE", "pattern": name, "id": d.code} for name, d in linker.scan_names.items()])
    return nlp


class _Extractor:
    def __init__(self, doc: PlanDocument):
        self.doc = doc
        self.gaz = gazetteer()
        meta = extract_meta(doc, self.gaz)
        self.ex = Extraction(meta)
        if not meta.title:  # not a plan as far as we can tell: keep going, named after the file
            meta.title = doc.path.stem or "untitled"
            self.ex.warnings.append("no plan title found in the first lines; the file name is used")
        region = self.gaz.get(meta.region.code) if meta.region else None
        self.linker: Linker = self.gaz.linker(region)
        self.nlp = _nlp(region.code if region else "")
        self.ctx = Context(doc, self.ex, self.resolve_place, self.make_entity, self.places_in_text)

    # ------------------------------------------------------------------ entity helpers
    def division_ref(self, d: Division, ordinal: int | None, printed: str | None) -> EntityRef:
        return self.ex.add_entity(EntityRef("AdministrativeDivision", d.name, d.code), d.name, ordinal,
                                  printed=printed, level=d.level, parent_code=d.parent_code)

    def resolve_place(self, text: str, ordinal: int) -> list[EntityRef]:
        """A whole string naming one or more divisions ("山阴", "右卫镇、新城镇") → refs."""
        out = []
        for part in names.split_list(text, split_conj=True):
            d = self.linker.resolve(part)
            if d is None:
                return []
            out.append(self.division_ref(d, ordinal, part))
        return out

    def places_in_text(self, text: str, ordinal: int) -> list[EntityRef]:
        return [self.division_ref(d, ordinal, printed) for _, _, printed, d in self.linker.find(text)]

    def make_entity(self, name: str, ordinal: int, kind: str | None) -> EntityRef | None:
        name = names.trim_name(name.strip(" \u3000“”\"'，。、；：:"))
        if len(name) < 2 or len(name) > 40 or name in lexicon.stopwords() or (
                JUNK.match(name) and kind != "SpatialStructure"):
            return None
        d = self.linker.resolve(name)
        if d is not None:
            return self.division_ref(d, ordinal, name)
        kind = kind or lexicon.classify(name) or "NamedConcept"
        return self.ex.add_entity(EntityRef(kind, normalise(name)), name, ordinal)

    # ------------------------------------------------------------------ stages
    def run(self) -> Extraction:
        meta, ex = self.ex.meta, self.ex
        if meta.region is not None:
            self.division_ref(self.gaz.get(meta.region.code), meta.sources.get("title"), None)
        if meta.issuer:
            ex.add_entity(EntityRef("Organization", normalise(meta.issuer)), meta.issuer, meta.sources.get("issuer"))
        ex.citations = extract_citations(self.doc, meta.title)
        body = [p for p in self.doc.body() if p.kind not in ("title",)]
        self._divisions(body)
        heading_groups: dict[str, object] = {}
        listing: tuple[EntityRef | None, str | None] | None = None  # items that follow "…定位为：" or a slogan
        for i, p in enumerate(body):
            if p.kind in ("table-header", "table-row"):
                continue
            if p.kind == "item" and listing is not None:
                self._listed_item(p, *listing)
            elif p.kind == "heading" or self._list_opener(p) is not None:
                listing = self._list_opener(p)
            self._names(p)
            if p.kind in ("item", "heading"):
                group = heading_group(self.ctx, p, body[i + 1: i + 12])
                if group is not None:
                    heading_groups[names.strip_lead(p.text)] = group
                    heading_groups[group.label] = group
                else:
                    self._heading_entity(p)
            passage_rules(self.ctx, p, heading_groups)
            self._quantities(p)
        extract_tables(self.doc, ex, self.resolve_place, meta.end)
        for field_name, label in (("near_term_year", "近期目标年"), ("vision_year", "远景展望年"), ("base_year", "规划基年")):
            value = getattr(meta, field_name)
            if value is not None and field_name in meta.sources:
                ex.quantities.append(Quantity(label, float(value), str(value), "年", None, "eq",
                                              meta.sources[field_name], label,
                                              areas=(meta.region,) if meta.region else ()))
        self._link_structure_parts()
        return ex

    def _divisions(self, body: list[Passage]) -> None:
        texts = [p.text for p in body]
        for p, sdoc in zip(body, self.nlp.pipe(texts, batch_size=64)):
            for ent in sdoc.ents:
                d = self.gaz.get(ent.ent_id_)
                if d is not None:
                    self.division_ref(d, p.ordinal, ent.text)
            for pattern, d in self.linker.misprints:
                for m in pattern.finditer(p.text):
                    self.division_ref(d, p.ordinal, m.group())

    def _names(self, p: Passage) -> None:
        if _is_title(p):
            return  # a numbered section or table title ("4.4 历史文化与自然保护地") names a topic, not a thing
        spans = names.suffix_names(p.text)
        refs = [(span, self.make_entity(span.text, p.ordinal, span.kind)) for span in spans]
        for outer, outer_ref in refs:  # "桑干河流域生态治理行动" names 桑干河流域, which names 桑干河
            for inner, inner_ref in refs:
                if outer_ref and inner_ref and outer is not inner and \
                        outer.start <= inner.start and inner.end <= outer.end:
                    self.ex.relate(outer_ref, "pk:relatedTo", inner_ref, p.ordinal)
        for span in names.quoted(p.text):
            self._quoted(p, span)
        for m in names.INLINE_SLOGAN.finditer(p.text):  # 构建两环九射三连的快速交通体系
            if names.slogan_parts(m.group("s")):
                self._quoted(p, names.Span(m.start("s"), m.end("s"), m.group("s")))
        m = HEAD_COLON.match(p.text)
        if m and p.kind in ("paragraph", "item"):
            head = names.strip_lead(m.group("head").strip("“”"))
            if len(head) >= 3 and not self.linker.resolve(head):
                kind = lexicon.classify(head) or ("Goal" if p.heading and re.search(r"\d{4}", p.heading) else None)
                self.make_entity(head, p.ordinal, kind)

    def _quoted(self, p: Passage, span: names.Span) -> None:
        text = span.text
        after = p.text[span.end + 1: span.end + 8]
        kind = lexicon.classify(text)
        if kind is None:
            kind = next((k for cue, k in QUOTE_KIND_CUES if cue in after), None)
        slogan = names.is_slogan(text)
        if slogan and kind in (None, "NamedConcept", "Strategy"):
            kind = "SpatialStructure"
        parts_kinds = {lexicon.classify(x) for x in names.split_list(text)} if "、" in text else set()
        if len(parts_kinds) == 1 and None not in parts_kinds:
            ref = None  # "“长宁街、振武街、…”": a plain list of names, not a name itself
        else:
            ref = self.make_entity(text, p.ordinal, kind)
        if ref is None and "、" not in text:
            return
        parts = names.slogan_parts(text) if slogan or "、" in text else []
        if "、" in text and not slogan:
            # "塞上绿洲、美丽朔州", "生态立市、稳煤促新": the parts are named terms of the same kind
            for part in names.split_list(text):
                if 3 <= len(part) <= 20 or (len(part) == 2 and kind not in (None, "NamedConcept")):
                    sub = self.make_entity(part, p.ordinal, kind if kind != "SpatialStructure" else None)
                    if sub is not None and ref is not None:
                        self.ex.relate(sub, "pk:partOf", ref, p.ordinal)
            return
        for part in parts:
            sub = self.make_entity(part, p.ordinal, "Group" if not names.slogan_parts(part) else "SpatialStructure")
            if sub is not None:
                self.ex.relate(ref, "pk:hasPart", sub, p.ordinal)
                for inner in names.slogan_parts(part) if "、" not in part else []:
                    leaf = self.make_entity(inner, p.ordinal, "Group")
                    if leaf is not None:
                        self.ex.relate(sub, "pk:hasPart", leaf, p.ordinal)

    def _list_opener(self, p: Passage) -> tuple[EntityRef | None, str | None] | None:
        """A passage that announces the items below it: "…定位为：" or a slogan heading "城市性质：一市三地"."""
        text = p.text.strip()
        kind = next((k for cue, k in QUOTE_KIND_CUES if cue in text), None)
        if "性质" in text:
            kind = "Positioning"
        if p.kind == "paragraph" and text.endswith(("：", ":")):
            return None, kind
        tail = re.split(r"[：:]", text)[-1].strip()
        if p.kind == "heading" and names.is_slogan(tail):
            return self.make_entity(tail, p.ordinal, "SpatialStructure"), kind
        return None

    def _listed_item(self, p: Passage, parent: EntityRef | None, kind: str | None) -> None:
        text = p.text.strip().rstrip("；;。，,")
        if not (2 <= len(text) <= 30) or re.search(r"[，。：:]", text):
            return
        ref = self.make_entity(text, p.ordinal, kind)
        if ref is not None and parent is not None:
            self.ex.relate(ref, "pk:partOf", parent, p.ordinal)
        if "的" in text:  # "朔州市西部生态特色发展区的重要支点": the named area itself
            head = text.split("的")[0]
            if len(head) >= 5:
                self.make_entity(head, p.ordinal, lexicon.classify(head))

    def _heading_entity(self, p: Passage) -> None:
        if _is_title(p):
            return
        text = p.text.strip()
        if "：" in text or ":" in text:
            text = re.split(r"[：:]", text)[-1].strip()
        stripped = names.strip_lead(text)
        if names.is_slogan(text.replace("，", "、")):
            ref = self.make_entity(text, p.ordinal, "SpatialStructure")
            for part in names.slogan_parts(text.replace("，", "、")):
                sub = self.make_entity(part, p.ordinal, "Group")
                if ref is not None and sub is not None:
                    self.ex.relate(ref, "pk:hasPart", sub, p.ordinal)
        elif lexicon.classify(stripped) and len(stripped) <= 20 and not names.starts_with_verb(stripped):
            self.make_entity(stripped, p.ordinal, lexicon.classify(stripped))

    def _quantities(self, p: Passage) -> None:
        areas = [(start, end, self.division_ref(d, p.ordinal, printed))
                 for start, end, printed, d in self.linker.find(p.text)]
        for span in names.suffix_names(p.text):
            if span.kind in ("UrbanArea", "Region"):
                ref = self.make_entity(span.text, p.ordinal, span.kind)
                if ref is not None:
                    areas.append((span.start, span.end, ref))
        areas.sort(key=lambda a: (a[0], a[1]))
        year = None
        m = re.search(r"(\d{4})\s*年", p.heading or "")
        if m and re.search(r"至|到|规划", p.heading):
            year = int(m.group(1))
        for q in extract_quantities(p.text, p.ordinal, areas, year, self.ex.meta.end):
            self.ex.quantities.append(self._clean_indicator(q))

    def _clean_indicator(self, q: Quantity) -> Quantity:
        name = q.indicator
        for known in lexicon.indicator_names():
            if name.endswith(known):
                name = known
                break
        else:
            hits = self.linker.find(name)
            if hits and hits[-1][1] < len(name) - 1:
                name = name[hits[-1][1]:]
            name = re.sub(r"^(?:和|与|及|、|全市|全县|市域|县域|规划|其中)+", "", name) or q.indicator
        q.indicator = name
        if not q.areas and q.kind == "Target" and self.ex.meta.region is not None:
            q.areas = (self.ex.meta.region,)
        return q

    def _link_structure_parts(self) -> None:
        """A counted list "“A、B…”五条横向路网" fills the slogan part "五横" of the same section."""
        parts = [e for e in self.ex.entities.values() if e.ref.kind == "Group" and names.SLOGAN_PART.fullmatch(e.label)]
        for part in parts:
            num = lexicon.cn_to_int(part.label[0])
            tail = part.label[1:]
            for g in self.ex.groups:
                if g.ref.key == part.ref.key or g.declared_count != num or not g.members:
                    continue
                if tail and tail[0] in (g.role or g.label) and _same_section(self.doc, g.source, part.sources):
                    for m in g.members:
                        self.ex.relate(part.ref, "pk:hasMember", m, g.source)


def _is_title(p: Passage) -> bool:
    return p.kind == "heading" and bool(re.match(r"^(?:\d|表\s*\d|图\s*\d|附表|附图)", p.text))


def _same_section(doc: PlanDocument, ordinal: int, others: set[int]) -> bool:
    return any(doc.passages[o].section == doc.passages[ordinal].section for o in others)


def extract(doc: PlanDocument) -> Extraction:
    """Run every extraction rule over a document."""
    return _Extractor(doc).run()
