"""The state the rule families share while one plan is extracted: the document, the growing
Extraction, and the resolvers every family uses (divisions, names, entity creation)."""
from __future__ import annotations

import re

from plankg.extract import lexicon, names, plan_mentions
from plankg.extract.document import PlanDocument
from plankg.extract.gazetteer import Division, Gazetteer, Linker
from plankg.extract.model import DivisionRecord, EntityRef, Extraction, Group, RoleAssignment, normalise

NAMED_PLACES = {"Village", "Town", "Mountain", "UrbanArea", "Region", "HeritageSite", "Park", "IndustrialPark"}
TOWNSHIP_ENDINGS = ("乡", "镇", "街道")
NEEDS_PROPER_PART = {"Project"}
# a document named in running text without 《》, a place or another proper part is a kind of document
# ("个人意见", "实施方案", "管理办法"), not one document: cited documents come from their 《title》
DOCUMENT_KINDS = {"PolicyDocument"}
# kinds whose names point at one thing on the ground (a project named after one is a named project)
PROPER_KINDS = {"River", "Reservoir", "Lake", "Spring", "Basin", "Mountain", "HeritageSite", "Park", "Airport", "Road",
                "Street", "Railway", "Expressway", "Village", "Town", "IndustrialPark", "ProtectedArea", "Pipeline"}
JUNK = re.compile(r"^[\d.%年月日]+$|^(?:全市|全县|本规划|规划|我市|我县|其中|同时|以及|主要|重点)$")
# kinds named by a proper name, which never spans an attributive 的 ("县城所在的青岚镇"); a positioning or a
# goal is a phrase that may hold one ("滨海新区的科创高地")
ATTRIBUTED_KINDS = PROPER_KINDS | NAMED_PLACES | {"Organization"}
# a phrase that points back at a list names no one thing: "上述工程", "一览表所列…工程", "表中项目"
COLLECTIVE = re.compile(r"一览表|所列|所述|表中|附表|清单|上述|前述|下列|各项|此类|其余")
COLLECTIVE_KINDS = {"Project", "Programme", "WaterProject"}


class RuleContext:
    def __init__(self, doc: PlanDocument, ex: Extraction, gaz: Gazetteer):
        self.doc = doc
        self.ex = ex
        self.gaz = gaz
        region = gaz.get(ex.meta.region.code) if ex.meta.region else None
        self.region: Division | None = region
        self.linker: Linker = gaz.linker(region)
        # passages the rules read: no table of contents, no title line
        self.body = [p for p in doc.body() if p.kind != "title"]
        # named groups by their heading ("五大发展战略"), shared by the list and structure families
        self.heading_groups: dict[str, Group] = {}
        self.group_headings: set[int] = set()  # ordinals of headings that announce a group

    # ------------------------------------------------------------------ divisions
    def division_ref(self, d: Division, ordinal: int | None, printed: str | None) -> EntityRef:
        self._record(d)
        return self.ex.add_entity(EntityRef("AdministrativeDivision", d.name, d.code), d.name, ordinal,
                                  printed=printed, level=d.level, parent_code=d.parent_code)

    def _record(self, d: Division | None) -> None:
        """Keep the division and its chain of parents, so to_rdf writes them without a gazetteer."""
        while d is not None and d.code not in self.ex.divisions:
            self.ex.divisions[d.code] = DivisionRecord(d.code, d.full_code, d.name, d.level, d.parent_code)
            d = self.gaz.parent(d)

    def resolve_place(self, text: str, ordinal: int) -> list[EntityRef]:
        """A whole string naming one or more divisions ("山阴", "右卫镇、新城镇") → refs."""
        out = []
        for part in names.split_list(text, split_conj=True):
            d = self.linker.resolve(part)
            if d is None:
                return []
            out.append(self.division_ref(d, ordinal, part))
        return out

    def resolve_places(self, text: str, ordinal: int) -> list[EntityRef]:
        """Like resolve_place, but a part may also be a named place below the gazetteer ("马营河村")."""
        out = []
        for part in names.split_list(text, split_conj=True):
            d = self.linker.resolve(part)
            if d is not None:
                out.append(self.division_ref(d, ordinal, part))
            elif self.listed_division(part) is not None:  # a township the plan's 辖… enumeration named
                out.append(self.listed_division(part))
            elif lexicon.classify(part) in NAMED_PLACES or (len(part) >= 3 and part.endswith(TOWNSHIP_ENDINGS)):
                # a village, or a township the gazetteer lacks (renamed or merged since the plan was written);
                # the name the suffix scan finds at the end of the part, without words glued before it ("全县布局A园")
                whole = [s.text for s in names.suffix_names(part) if s.end == len(part) and s.text == part[s.start:]]
                part = whole[0] if whole else part
                ref = self.make_entity(part, ordinal, lexicon.classify(part) or "Town")
                if ref is None:
                    return []
                out.append(ref)
            else:
                return []
        return out

    def qualifying_division(self, name: str) -> tuple[str, Division, str] | None:
        """(prefix, division, its printed name) of the division names that open a village's name and qualify it
        ("南河种镇|南河种村", "应县南河种镇|南河种村"): the village is named without them, in the last of them."""
        lead = self.leading_divisions(name)
        if not lead:
            return None
        _, end, printed, d = lead[-1]
        rest = name[end:]
        if lexicon.classify(rest) == "Village" and len(rest) >= 3 and not self.linker.resolve(rest):
            return name[:end], d, printed
        return None

    def listed_division(self, name: str) -> EntityRef | None:
        """A division the gazetteer lacks but the plan lists under its region (extract/jurisdiction.py)."""
        key = normalise(name)
        return next((e.ref for e in self.ex.entities.values()
                     if e.ref.kind == "AdministrativeDivision" and not e.ref.code and e.ref.name == key), None)

    def resolve_place_in_text(self, text: str, ordinal: int) -> list[EntityRef]:
        """Divisions mentioned anywhere in free text."""
        return [self.division_ref(d, ordinal, printed) for _, _, printed, d in self.linker.find(text)]

    def assign_role(self, role: str, member: EntityRef, ordinal: int) -> None:
        """The plan gives ``member`` the role ``role`` (重点镇, 县城, 镇政府驻地, 全国重点文物保护单位)."""
        if not any(a.member == member and a.role == role for a in self.ex.roles):
            self.ex.roles.append(RoleAssignment(member, role, ordinal))

    # ------------------------------------------------------------------ named things
    def make_entity(self, name: str, ordinal: int, kind: str | None) -> EntityRef | None:
        """A printed name → the entity it names (a division when the gazetteer knows it), or None for
        stop words, numbers and fragments."""
        name = names.trim_name(name.strip(" \u3000“”\"'，。、；：:"))
        if names.coordinated(name, kind):
            return None  # two names joined by 和, not one
        if (kind or lexicon.classify(name)) in ATTRIBUTED_KINDS:
            name = names.after_attributive(name) or ""
        if len(name) < 2 or len(name) > 40 or name in lexicon.stopwords() or (
                JUNK.match(name) and kind != "SpatialStructure"):
            return None
        d = self.linker.resolve(name)
        if d is not None:
            return self.division_ref(d, ordinal, name)
        within = self.qualifying_division(name) if (kind or lexicon.classify(name)) == "Village" else None
        if within is not None:  # "南河种镇南河种村": the village 南河种村, in the town printed before it
            ref = self.make_entity(name[len(within[0]):], ordinal, "Village")
            if ref is not None:
                self.ex.relate(ref, "pk:locatedIn", self.division_ref(within[1], ordinal, within[2]), ordinal)
            return ref
        if names.not_a_name(name, kind):
            return None  # "什么？", "个镇", "入河": a question, a count, a class word with nothing proper
        if (kind or lexicon.classify(name)) in names.FEATURE_KINDS and self.inside_division_names(name, ordinal):
            return None  # "南河" of "南河种镇": a division's name, not a river
        kind = kind or lexicon.classify(name) or "NamedConcept"
        if kind == "Plan" and not plan_mentions.is_plan_name(name, self.leading_places(name)):
            return None  # "人不得修改本规划", "上位规划", "某市规划": no plan's name
        if kind in COLLECTIVE_KINDS and COLLECTIVE.search(name):
            return None
        if kind in DOCUMENT_KINDS and not self.has_proper_part(name):
            return None
        if kind in NEEDS_PROPER_PART and not self.has_proper_part(name):
            kind = "NamedConcept"  # "生态治理工程", "市重大项目": a class of projects, not a project
        return self.named_entity(name, ordinal, kind)

    def named_entity(self, name: str, ordinal: int, kind: str) -> EntityRef:
        """A project printed with its divisions in front ("山西省朔州市X水库综合治理工程") is the project
        another plan prints without them: its identity is the name after the divisions (when that
        still names one thing), the printed forms are its labels."""
        core = self.without_divisions(name) if kind == "Project" else name
        if core == name or len(core) < 4 or not self.has_proper_part(core):
            return self.ex.add_entity(EntityRef(kind, normalise(name)), name, ordinal)
        ref = self.ex.add_entity(EntityRef(kind, normalise(core)), name, ordinal, printed=name)
        self.ex.entities[ref.key].alt_labels.add(core)
        return ref

    def leading_divisions(self, text: str) -> list[tuple[int, int, str, Division]]:
        """The division mentions a text starts with, one right after the other ("朔州市|朔城区|恢河…工程")."""
        out, pos = [], 0
        for hit in self.linker.find(text):
            if hit[0] == pos:
                out.append(hit)
                pos = hit[1]
        return out

    def leading_places(self, text: str) -> tuple[str, ...]:
        """The division names a text starts with, as printed ("朔州市朔城区…" → 朔州市, 朔城区)."""
        return tuple(printed for _, _, printed, _ in self.leading_divisions(text))

    def without_divisions(self, text: str) -> str:
        """Text without the division names it starts with ("朔州市朔城区|恢河…工程")."""
        lead = self.leading_divisions(text)
        return text[lead[-1][1]:] if lead else text

    def has_proper_part(self, name: str) -> bool:
        """Does a name carry something only one thing has: a place, a named feature, a number or a bracket?
        (Tables are trusted without this: a row of a project table is a project.)"""
        name = names.PHASE_TAIL.sub("", name)  # "（一期）" is a phase, not a proper part
        suffix = next((s for s, _ in lexicon.suffixes() if name.endswith(s)), "")
        head = name[: len(name) - len(suffix)] if suffix else name
        if re.search(r"[\dA-Za-z（）()“”《》]", head) or self.linker.find(head) or self.township_lead(head):
            return True
        return any(span.kind in PROPER_KINDS for span in names.suffix_names(head))

    def inside_division_names(self, name: str, ordinal: int) -> bool:
        """Does every mention of ``name`` in its passage run into a division's name, full or short ("南河|种镇",
        "优先保障南河|种蔬菜…")? Then its class word is part of that name, not the end of a name of its own."""
        text = self.doc.passage(ordinal).text if 0 <= ordinal < len(self.doc.passages) else ""
        starts = [m.start() for m in re.finditer(re.escape(name), text)]
        return bool(starts) and all(self.linker.runs_across(text, i, i + len(name)) for i in starts)

    def township_lead(self, head: str) -> bool:
        """Does a name's head start with a township by its short form ("东沙|渔港改造"), a township the plan has
        named in full before or covers? Free text links no township short form (古城, 新城 are words too);
        one the plan has named tells one thing apart."""
        for n in (3, 2):
            d = self.linker.short.get(head[:n])
            if d is not None and d.level == "township" and len(head) > n and (
                    d == self.region or f"division:{d.code}" in self.ex.entities):
                return True
        return False
