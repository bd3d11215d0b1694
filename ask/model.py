"""Typed data between the stages of the chat search: names, mentions, the intent and its slots,
passages, plans and the answer (the JSON contract of ``plankg ask --json``)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace

INTENT_KINDS = ("entities", "where", "count", "value", "meta", "compliance", "cites_check", "plans", "structure",
                "aliases", "table", "role", "seat", "relation", "parts")
TABLE_ORDERS = ("", "max", "min", "sum", "where")  # where: the rows whose column meets the question's condition
LEVELS = ("province", "city", "county", "township")
VALUE_KINDS = ("Allocation", "Measurement", "Target")


@dataclass(frozen=True)
class Ref:
    iri: str
    kind: str  # division | entity | group | concept | indicator | plan | structure
    label: str


@dataclass
class Mention:
    start: int
    end: int
    text: str
    refs: list[Ref]

    @property
    def kinds(self) -> set[str]:
        return {r.kind for r in self.refs}


# IRI-valued slots: a client's follow-up context may only carry IRIs the index knows
IRI_SLOTS = ("places", "roles", "categories", "segments", "classes", "groups", "programmes", "subjects",
             "plans", "indicators", "soft_programmes", "levels")
# the constraints of a "which things …" question
FILTER_SLOTS = ("roles", "categories", "segments", "classes", "groups", "programmes", "levels")


@dataclass
class Slots:
    """What a question constrains. Every intent family reads the fields it needs."""
    places: list[str] = field(default_factory=list)      # divisions named
    roles: list[str] = field(default_factory=list)       # concepts used as pk:role / pk:memberRole
    categories: list[str] = field(default_factory=list)  # concepts used as pk:category
    segments: list[str] = field(default_factory=list)    # concepts used as pk:segment
    classes: list[str] = field(default_factory=list)     # ontology classes named by a word
    groups: list[str] = field(default_factory=list)      # named lists / structures
    programmes: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)    # other named entities
    plans: list[str] = field(default_factory=list)       # plans the question is scoped to
    indicators: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)      # division levels (乡 / 镇 / 街道)
    soft_programmes: list[str] = field(default_factory=list)  # loose matches that narrow when they can
    soft_words: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    mention_iris: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)      # "在哪个镇": the division class asked for
    column: str = ""       # table: the header (without unit note) of the column asked about
    order: str = ""        # table: "" a cell of the named thing's row, "max" / "min" the row ranked first, "sum",
    #                        "where" the rows whose column holds the value the question states (or passes its bound)
    division_kind: str = ""  # "共辖几个乡": the kind of unit counted inside a division (乡, 镇, 街道, 村 …)
    value_kind: str = ""   # Allocation | Measurement | Target
    phrase: str = ""       # "总体格局": the structure phrase
    level: str = ""        # plan level for "which plans"
    prop: str = ""         # plan metadata property asked for
    props: list[str] = field(default_factory=list)
    lower: str = ""        # cites_check: plan levels
    higher: str = ""
    only_failing: bool = False
    name_suffix: str = ""  # "有哪些自然保护区": only things whose names end so (a class's name-forming suffix)
    beyond_higher: bool = False  # "X规划新增了哪些项目": only what X's higher plans do not list
    question_text: str = ""
    reason: str = ""
    followup: bool = False
    fallback: Slots | None = None  # structure: the entity question to ask when no structure is stated
    versions: list[str] = field(default_factory=list)  # versions: the process steps named (征求意见稿, 公示稿)

    def any_of(self, *names: str) -> bool:
        return any(getattr(self, n) for n in names)

    def but(self, **changes) -> Slots:
        return replace(self, **changes)

    def to_dict(self) -> dict:
        """The non-empty slots (what a client sends back as a follow-up context)."""
        out = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if f.name == "fallback":
                if v is not None:
                    out["fallback"] = v.to_dict()
            elif v not in ("", [], False, None):
                out[f.name] = list(v) if isinstance(v, list) else v
        return out


@dataclass
class Intent:
    kind: str  # one of INTENT_KINDS, or "search" / "none"
    slots: Slots = field(default_factory=Slots)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "slots": self.slots.to_dict()}


@dataclass
class Passage:
    iri: str
    text: str
    graph: str
    section: str
    plan_title: str
    kind: str = ""
    cells: list | None = None
    ordinal: int = 0


@dataclass
class Table:
    """A table of a plan document: its header cells and its rows (passages with cells)."""
    graph: str
    section: str
    header: list[str]
    rows: list[Passage]
    header_passage: Passage | None = None


@dataclass
class PlanInfo:
    iri: str
    title: str
    graph: str
    level: str = ""
    plan_type: str = ""  # master (总体规划) | special (专项规划) | detailed …; "" when the graph does not say
    regions: tuple[str, ...] = ()
    is_annex: bool = False
    plan_of_annex: str = ""
    status: str = ""  # the version's process step (征求意见稿, 公示稿, …), "" when the text names none
    date: str = ""  # the version's date as printed (YYYY-MM)
    superseded: bool = False  # a later version of the same plan is stored: answers use that one unless named


@dataclass
class Answer:
    question: str
    answers: list[dict]
    text: str
    sparql: str
    evidence: list[dict]
    basis: str | None = None
    intent: dict | None = None
    understood: bool = True
    lang: str = "zh"
    plans: list[dict] | None = None
    notes: list[str] = field(default_factory=list)
    ms: float = 0.0

    def to_dict(self) -> dict:
        d = asdict(self)
        if d["basis"] is None:
            del d["basis"]
        if d["plans"] is None:
            del d["plans"]
        return d
