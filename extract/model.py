"""Typed items produced by extraction and consumed by plankg.graph.to_rdf.

Entities are identified by an ``EntityRef`` (class + normalised name, or an official division
code); only to_rdf turns refs into IRIs. Every item records the passage ordinal(s) it came from.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from plankg.extract.units import normalise_unit

_BRACKETS = str.maketrans({"(": "（", ")": "）", "[": "【", "]": "】", "—": "-", "–": "-", "－": "-"})


def normalise(name: str) -> str:
    """Identity key of a printed name: NFKC, no whitespace or quotes, full-width brackets."""
    s = unicodedata.normalize("NFKC", name)
    s = re.sub(r"[\s\u3000“”\"'‘’《》「」]", "", s)
    return s.translate(_BRACKETS)


@dataclass(frozen=True)
class EntityRef:
    kind: str  # ontology class local name, e.g. "Project", "Town", "AdministrativeDivision"
    name: str  # normalised name (the identity), or the official name for divisions
    code: str | None = None  # official division code, when known
    scope: str | None = None  # code of the containing unit, for names that repeat across places

    @property
    def key(self) -> str:
        if self.code:
            return f"division:{self.code}"
        if self.kind in ("Group", "Category", "Segment"):
            return f"{self.kind}:{self.name}"
        return self.name + (f"@{self.scope}" if self.scope else "")


@dataclass
class Entity:
    ref: EntityRef
    label: str  # preferred label (official name when linked to the gazetteer)
    alt_labels: set[str] = field(default_factory=set)  # printed forms, short forms, misprints
    sources: set[int] = field(default_factory=set)  # passage ordinals
    extra_types: set[str] = field(default_factory=set)
    level: str | None = None  # division level: province/city/county/township
    parent_code: str | None = None  # official parent division


@dataclass(frozen=True)
class Relation:
    subject: EntityRef
    predicate: str  # "pk:locatedIn", "eli:cites", ... (prefix:local)
    object: EntityRef
    source: int


@dataclass(frozen=True)
class DivisionRecord:
    """An official division as the gazetteer gives it, resolved at extraction so to_rdf needs no lookups."""

    code: str  # the code an EntityRef carries (2/4/6/9 digits)
    full_code: str  # GB/T 2260 six-digit form for provinces and cities; the nine digits for townships
    name: str
    level: str  # province | city | county | township
    parent_code: str | None  # the containing division (also a key of Extraction.divisions)


@dataclass
class Group:
    """A named, counted list: "15个重点镇（或乡）——A、B、C", "三横", "□九个农业产业园区"."""

    ref: EntityRef
    label: str
    declared_count: int | None
    role: str | None  # role word given to the members ("重点镇"), if any
    members: list[EntityRef] = field(default_factory=list)
    source: int = 0
    parent: EntityRef | None = None  # the structure this group is part of ("三横两纵四联")
    role_key: str | None = None  # key in the town-role vocabulary when the role word is a known one


@dataclass(frozen=True)
class Attribute:
    """A literal fact about one entity, from a table column or a sentence: a project's period
    ("2022—2025年", start and end years), its construction type (新建/续建/改扩建), new in this plan."""

    subject: EntityRef
    predicate: str  # "pk:implementationPeriod", "pk:startYear", "pk:endYear", "pk:constructionType", "pk:newInPlan"
    value: str | int | bool
    source: int


@dataclass
class Quantity:
    """An indicator value: a target, a measurement or an allocation to a lower unit."""

    indicator: str  # indicator name as printed (normalised later)
    value: float | None
    value_text: str
    unit: str  # unit as printed, in its one spelling ("万亩", "%", "个"; "％" → %, "㎡" → m²: units.normalise_unit)
    year: int | None
    bound: str  # ge | le | eq | approx
    source: int
    text: str  # the phrase it came from
    kind: str = "Measurement"  # Target | Measurement | Allocation
    nature: str | None = None  # binding | guidance
    areas: tuple[EntityRef, ...] = ()  # the places it applies to (pk:refArea)
    is_count: bool = False

    def __post_init__(self) -> None:
        self.unit = normalise_unit(self.unit)


@dataclass
class RoleAssignment:
    """A role the plan gives one thing, without a list around it ("右卫镇…重点镇", "镇政府驻地：右卫村")."""

    member: EntityRef
    role: str  # the role word as printed
    source: int
    role_key: str | None = None  # key in the town-role vocabulary when the role word is a known one


@dataclass(frozen=True)
class Requirement:
    """A duty a plan passes down: mode (transmission-mode key), what it binds, and to which plan."""

    mode: str  # indicator | boundary | zoning | list | policy
    target: str  # indicator name, or the name of the entity constrained
    target_ref: EntityRef | None  # None for indicators (their IRI comes from the name)
    binds: EntityRef  # the lower plan (type) that must carry it out
    source: int


@dataclass
class Citation:
    title: str  # inside 《》, as printed
    source: int
    higher: bool = False  # named as 上位规划 / 依据
    plan_id: str | None = None  # id of the cited plan when its title names a region and a period
    kind: str | None = None  # Law | PolicyDocument | Plan, from the title's class word


@dataclass
class PlanMeta:
    title: str
    region: EntityRef | None = None
    region_name: str | None = None
    level: str | None = None  # province | city | county | township
    plan_type: str = "master"  # master | detailed | special
    status: str | None = None  # draft | publicity | approved
    start: int | None = None
    end: int | None = None
    base_year: int | None = None
    near_term_year: int | None = None
    vision_year: int | None = None
    issuer: str | None = None  # one body, or several joined by 、 (a plan issued jointly)
    organizer: str | None = None
    date: str | None = None  # YYYY-MM or YYYY-MM-DD
    is_annex: bool = False
    sources: dict[str, int] = field(default_factory=dict)  # field name → passage ordinal
    subject: str = ""  # what a special or detailed plan is about, from its title ("" for the master plan)

    @property
    def issuers(self) -> list[str]:
        """Each body that issues the plan (a joint plan prints several on its front line)."""
        return [name for name in (self.issuer or "").split("、") if name]

    @property
    def plan_id(self) -> str:
        """The plan (the work, not this text): region + type + subject; never the period or the status, so a
        revision that corrects its period is the same plan. Without a region: the normalised title."""
        return plan_key(self.region.code if self.region else None, self.plan_type, self.subject, self.title)


def plan_key(region_code: str | None, plan_type: str, subject: str, title: str) -> str:
    """'140600-master', '140600-special-3f2a9c01d4' (the subject's hash), 'x-special-…' (the title's)."""
    if not region_code:
        name = re.split(r"[（(]?\s*\d{4}\s*[-—–－~至到]", normalise(title))[0]
        return f"x-{plan_type}-{_key_hash(name)}"
    code = region_code.ljust(6, "0") if len(region_code) < 6 else region_code
    return f"{code}-{plan_type}" + (f"-{_key_hash(normalise(subject))}" if subject else "")


def _key_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


@dataclass
class Extraction:
    meta: PlanMeta
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    divisions: dict[str, DivisionRecord] = field(default_factory=dict)  # code → record, ancestors included
    roles: list[RoleAssignment] = field(default_factory=list)
    mentions: list[tuple[int, EntityRef]] = field(default_factory=list)  # (passage, entity)
    plan_relations: list[tuple[str, EntityRef, int]] = field(default_factory=list)  # (predicate, object, passage)
    attributes: list[Attribute] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add_entity(self, ref: EntityRef, label: str, source: int | None, printed: str | None = None,
                   **attrs) -> EntityRef:
        ent = self.entities.get(ref.key)
        if ent is None:
            ent = self.entities[ref.key] = Entity(ref, label)
        elif ent.ref.kind == "NamedConcept" and ref.kind != "NamedConcept":
            ent.ref = ref  # a specific class wins over the generic one
        for k, v in attrs.items():
            if v is not None:
                setattr(ent, k, v)
        if printed and printed != ent.label:
            ent.alt_labels.add(printed)
        if source is not None:
            ent.sources.add(source)
            self.mentions.append((source, ref))
        return ref

    def canonical(self, ref: EntityRef) -> EntityRef:
        """The ref as finally typed (a name first seen as NamedConcept may have become a Strategy)."""
        ent = self.entities.get(ref.key)
        return ent.ref if ent is not None else ref

    def relate(self, s: EntityRef, predicate: str, o: EntityRef, source: int) -> None:
        if s.key != o.key:
            self.relations.append(Relation(s, predicate, o, source))

    def relate_plan(self, predicate: str, o: EntityRef, source: int) -> None:
        """A link from the plan itself ("本规划形成…格局" → the plan hasPattern …)."""
        if (predicate, o, source) not in self.plan_relations:
            self.plan_relations.append((predicate, o, source))


@dataclass(frozen=True)
class Observation:
    """A value measured in one year for one place (a monitoring report's table or prose, a statistics table).

    ``is_base`` marks the value the report states for the base year (基期/现状), against which progress is
    measured; ``source`` is the passage ordinal (a prose passage or a table row) it was read from."""

    indicator: str  # resolved to a known indicator name where one fits, else as printed
    printed: str  # the indicator as printed
    area: EntityRef | None  # the place it was measured for (pk:refArea)
    year: int
    value: float
    value_text: str
    unit: str  # unit as printed, in its one spelling ("公顷", "%"; "平方米／人" → 平方米/人); "" when none is given
    source: int
    text: str  # the passage or row it came from
    is_base: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit", normalise_unit(self.unit))


@dataclass
class ObservationSet:
    """What one monitoring report or observation table holds: its observations and how it is read."""

    title: str
    kind: str  # report | table
    region: EntityRef | None = None
    region_name: str | None = None
    year: int | None = None  # the year a report covers (2023年度)
    base_year: int | None = None  # the base year the report measures progress from
    observations: list[Observation] = field(default_factory=list)
    divisions: dict[str, DivisionRecord] = field(default_factory=dict)  # code → record, ancestors included
    warnings: list[str] = field(default_factory=list)
