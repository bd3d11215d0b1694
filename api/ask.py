"""Chat-style search: a question → an intent → a SPARQL template → answers with their sources.

Pipeline (each stage a pure function over typed data):

    question ──normalise/translate──▶ text ──link──▶ [Mention] ──classify──▶ Intent
             ──run (templates + store)──▶ Answer (JSON contract of `plankg ask --json`)

Names are linked from an :class:`Index` built once per store state (labels, alternative labels,
short forms without 市/县/区/镇/乡, pinyin-based English forms). Values from the user never reach
SPARQL as text: templates receive IRIs taken from the index (checked), integers, and escaped
literals. When no template fits, a BM25 search over passages answers and says it is a text search.
"""
from __future__ import annotations

import functools
import json
import logging
import re
import threading
import time
import unicodedata
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from plankg.graph.namespaces import sparql_prefixes

log = logging.getLogger(__name__)

PK = "https://w3id.org/plankg/def#"
MAX_QUESTION_CHARS = 2000  # what is read for understanding; longer text is cut (and said so)
MAX_EVIDENCE = 4

# ---------------------------------------------------------------------------------------------
# SPARQL building: only IRIs from the index, integers and escaped literals go into a query
# ---------------------------------------------------------------------------------------------
_IRI_OK = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


def _most_specific(places: list[str]) -> list[str]:
    """Drop divisions that contain another named division (140623 右玉县 when 140623101 右卫镇 is named)."""
    def code(iri: str) -> str | None:
        m = re.search(r"/division/(\d+)$", iri)
        if not m:
            return None
        c = m.group(1)
        while len(c) > 2 and c.endswith("00"):
            c = c[:-2]
        return c
    codes = {p: code(p) for p in places}
    return [p for p in places
            if codes[p] is None or not any(q != p and codes[q] and codes[q].startswith(codes[p]) for q in places)]


def sparql_iri(iri: str) -> str:
    if not _IRI_OK.match(iri):
        raise ValueError(f"not an IRI: {iri!r}")
    return f"<{iri}>"


def sparql_literal(text: str) -> str:
    """A SPARQL string literal for any text (quotes, backslashes, newlines escaped)."""
    esc = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
           .replace("\t", "\\t"))
    return f'"{esc}"'


def values(var: str, items: list[str] | set[str], kind: str = "iri") -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", var):
        raise ValueError(var)
    if kind == "iri":
        body = " ".join(sparql_iri(i) for i in sorted(items))
    elif kind == "int":
        body = " ".join(str(int(i)) for i in sorted(items))
    else:
        body = " ".join(sparql_literal(str(i)) for i in sorted(items))
    return f"VALUES ?{var} {{ {body} }}"


PREFIXES = sparql_prefixes()


def _q(body: str) -> str:
    return PREFIXES + body.strip() + "\n"


# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------
def norm(text: str) -> str:
    s = unicodedata.normalize("NFKC", text or "")
    s = re.sub(r"[\s\u3000“”\"'‘’《》「」]", "", s)
    return s.replace("(", "（").replace(")", "）")


_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9, "十": 10}


def cn_number(s: str) -> int | None:
    """Small Chinese numerals (一 … 九十九) and digits → int."""
    if s.isdigit():
        return int(s)
    if not s or any(c not in _CN_DIGIT for c in s):
        return None
    if s == "十":
        return 10
    if "十" in s:
        a, _, b = s.partition("十")
        return (_CN_DIGIT[a] if a else 1) * 10 + (_CN_DIGIT[b] if b else 0)
    return _CN_DIGIT[s] if len(s) == 1 else None


def bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def fmt_number(v) -> str:
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".") if not v.is_integer() else str(int(v))
    return str(v)


def is_english(text: str) -> bool:
    letters = sum(1 for c in text if c.isascii() and c.isalpha())
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return letters > 0 and letters >= 3 * cjk


# Generic suffix words → English (used to build English forms of names from pinyin)
EN_SUFFIX = [("自治区", "Autonomous Region"), ("水库", "Reservoir"), ("机场", "Airport"), ("高速", "Expressway"),
             ("街道", "Subdistrict"), ("大道", "Avenue"), ("公园", "Park"), ("流域", "Basin"),
             ("省", "Province"), ("市", "City"), ("区", "District"), ("县", "County"), ("镇", "Town"),
             ("乡", "Township"), ("河", "River"), ("湖", "Lake"), ("山", "Mountain"), ("路", "Road"),
             ("街", "Street"), ("泉", "Spring")]
STRIP_SUFFIX = ("市", "县", "区", "镇", "乡")

# English question words → the Chinese planning terms they stand for (general vocabulary only)
EN_GLOSSARY = [
    ("base year", "规划基期年"), ("baseline year", "规划基期年"), ("vision year", "远景展望年"),
    ("long-term vision", "远景展望年"), ("long term", "远景"), ("near-term year", "近期年"),
    ("near-term", "近期"), ("planning period", "规划期限"), ("period", "规划期限"),
    ("higher-level plans", "上位规划"), ("higher-level plan", "上位规划"), ("higher plan", "上位规划"),
    ("upper-level plan", "上位规划"), ("issued by", "编制单位"), ("issuer", "编制单位"),
    ("who issued", "编制单位"), ("not cite", "没有引用"), ("don't cite", "没有引用"),
    ("do not cite", "没有引用"), ("cited documents", "引用的文件"), ("cite", "引用"),
    ("how many", "多少个"), ("number of", "多少个"), ("which", "哪些"), ("what are", "哪些"),
    ("list", "哪些"), ("where is", "位于哪里"), ("where", "位于哪里"), ("what is", "是多少"),
    ("meet", "是否达到"), ("allocated", "下达指标"), ("allocation", "下达指标"),
    ("ecological", "生态"), ("ecology", "生态"), ("governance", "治理"), ("restoration", "修复"),
    ("projects", "工程"), ("project", "工程"), ("key towns", "重点镇"), ("key town", "重点镇"),
    ("general towns", "一般镇"), ("townships and towns", "乡镇"), ("towns", "乡镇"),
    ("agricultural industrial parks", "农业产业园区"), ("agricultural parks", "农业产业园区"),
    ("agricultural industry parks", "农业产业园区"), ("industrial parks", "产业园区"),
    ("expressways", "高速"), ("expressway", "高速"), ("airports", "机场"), ("airport", "机场"),
    ("pipelines", "管道"), ("roads", "路"), ("rivers", "河"), ("strategies", "战略"),
    ("upstream", "上游"), ("midstream", "中游"), ("middle reaches", "中游"), ("downstream", "下游"),
    ("lower reaches", "下游"), ("upper reaches", "上游"), ("target", "目标"),
    ("gas penetration rate", "燃气普及率"), ("gas penetration", "燃气普及率"), ("gas coverage", "燃气普及率"), ("forest coverage", "森林覆盖率"),
    ("permanent basic farmland", "永久基本农田保护面积"), ("cultivated land", "耕地保有量"),
    ("ecological protection red line", "生态保护红线面积"), ("construction land", "城乡建设用地规模"),
    ("cultural relics protection units", "文物保护单位"), ("cultural relic protection units", "文物保护单位"),
    ("heritage protection units", "文物保护单位"), ("protected cultural sites", "文物保护单位"),
    ("national-level", "国家级"), ("national level", "国家级"), ("national", "国家级"),
    ("provincial-level", "省级"), ("provincial", "省级"), ("county-level", "县级"), ("city-level", "市级"),
    ("municipal", "市级"), ("natural protected areas", "自然保护地"), ("protected areas", "自然保护地"),
    ("nature reserves", "自然保护地"), ("administrative villages", "行政村"), ("villages", "行政村"),
    ("townships", "乡镇"), ("central urban area", "中心城区"), ("industrial clusters", "产业集群"),
    ("ecological economic belt", "生态经济带"), ("economic belt", "经济带"), ("belt", "经济带"),
    ("county", "县"), ("city", "市"), ("plans", "规划"), ("plan", "规划"), ("in the graph", ""), ("graph", ""),
]


# ---------------------------------------------------------------------------------------------
# Typed data between stages
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Ref:
    iri: str
    kind: str  # division | entity | group | concept | indicator | plan | class | structure
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


@dataclass
class Intent:
    kind: str  # members | entities | where | count | value | meta | compliance | cites_check | search
    slots: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "slots": self.slots}


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
class PlanInfo:
    iri: str
    title: str
    graph: str
    level: str = ""
    regions: tuple[str, ...] = ()
    is_annex: bool = False
    plan_of_annex: str = ""


# ---------------------------------------------------------------------------------------------
# Index over the store (rebuilt when the store changes)
# ---------------------------------------------------------------------------------------------
class Index:
    """Names, kinds, plans and passages of one store state."""

    def __init__(self, store):
        self.store = store
        self.names: dict[str, set[Ref]] = defaultdict(set)
        self.en_names: dict[str, set[Ref]] = defaultdict(set)
        self.names_of: dict[str, set[str]] = defaultdict(set)
        self.labels: dict[str, str] = {}
        self.types: dict[str, set[str]] = defaultdict(set)
        self.groups: dict[str, Ref] = {}
        self.indicators: dict[str, Ref] = {}
        self.programmes: dict[str, Ref] = {}
        self.concept_use: dict[str, set[str]] = defaultdict(set)  # concept → {role, category, segment}
        self.plans: dict[str, PlanInfo] = {}  # graph IRI → plan info
        self.passages: list[Passage] = []
        self.class_labels: dict[str, set[str]] = defaultdict(set)  # word → class IRIs
        self.subclasses: dict[str, set[str]] = defaultdict(set)
        self.division_parent: dict[str, str] = {}
        self.max_len = 1
        self._bm25 = None
        self._build()

    # -- building
    def _rows(self, body: str) -> list[dict]:
        return self.store.select(_q(body))

    def _build(self) -> None:
        for r in self._rows("SELECT ?c ?sup WHERE { ?c rdfs:subClassOf ?sup }"):
            self.subclasses[r["sup"]].add(r["c"])
        for r in self._rows("""SELECT ?c ?l WHERE { ?c a owl:Class ; rdfs:label ?l .
                               FILTER(STRSTARTS(STR(?c), STR(pk:))) }"""):
            self.class_labels[norm(r["l"]).lower()].add(r["c"])
        for word, cls in CLASS_WORDS:
            self.class_labels[word].add(PK + cls)
        for r in self._rows("""SELECT ?s ?t WHERE { ?s a ?t . FILTER(STRSTARTS(STR(?t), STR(pk:)))
                               FILTER(?t NOT IN (pk:Passage, pk:Section, pk:Heading, pk:Paragraph, pk:ListItem,
                                                 pk:TableRow, pk:Chapter, pk:Table)) }"""):
            self.types[r["s"]].add(r["t"])
        for r in self._rows("SELECT ?c WHERE { ?c a skos:Concept }"):
            self.types[r["c"]].add("concept")
        for prop in ("role", "category", "segment", "memberRole", "divisionLevel"):
            for r in self._rows(f"SELECT DISTINCT ?c WHERE {{ ?x pk:{prop} ?c }}"):
                self.concept_use[r["c"]].add("role" if prop == "memberRole" else prop)
                self.types[r["c"]].add("concept")
        self.group_graphs: dict[str, set[str]] = defaultdict(set)
        for r in self._rows("SELECT DISTINCT ?g ?x WHERE { GRAPH ?g { ?x a ?t } VALUES ?t { pk:Group pk:SpatialStructure pk:NamedNetwork } }"):
            self.group_graphs[r["x"]].add(r["g"])
        for r in self._rows("SELECT DISTINCT ?i WHERE { ?v pk:indicator ?i }"):
            self.types[r["i"]].add(PK + "Indicator")
        for r in self._rows("SELECT ?d ?p WHERE { ?d pk:withinDivision ?p }"):
            self.division_parent[r["d"]] = r["p"]
        label_rows = self._rows("""SELECT ?s ?l ?alt WHERE {
              { ?s rdfs:label ?l } UNION { ?s skos:prefLabel ?l } UNION { ?s eli:title ?l }
              UNION { ?s pk:citedTitle ?l } UNION { ?s skos:altLabel ?l BIND(true AS ?alt) } }""")
        for r in label_rows:
            s, lab = r["s"], str(r["l"])
            if s not in self.types:
                continue
            if not r.get("alt") and (s not in self.labels or _prefer(lab, self.labels[s])):
                self.labels[s] = lab
        for r in label_rows:
            s = r["s"]
            if s not in self.types:
                continue
            ref = Ref(s, self._kind(s), self.labels.get(s, str(r["l"])))
            if ref.kind == "group":
                self.groups[s] = ref
            elif ref.kind == "indicator":
                self.indicators[s] = ref
            elif PK + "Programme" in self.types[s]:
                self.programmes[s] = ref
            self._add_name(str(r["l"]), ref)
        self.en_labels = {r["s"]: str(r["l"]) for r in self._rows(
            """SELECT ?s ?l WHERE { ?s rdfs:label|skos:prefLabel ?l FILTER(LANGMATCHES(LANG(?l), "en")) }""")}
        self._load_plans()
        self._load_passages()
        self.max_len = max((len(k) for k in self.names), default=1)

    def _kind(self, s: str) -> str:
        t = self.types[s]
        if "concept" in t:
            return "concept"
        if PK + "Plan" in t or PK + "Annex" in t or PK + "CitedDocument" in t:
            return "plan"
        if PK + "Group" in t:
            return "group"
        if t & {PK + "SpatialStructure", PK + "NamedNetwork"}:
            return "structure"
        if PK + "Indicator" in t:
            return "indicator"
        if t & {PK + x for x in ("AdministrativeDivision", "Province", "City", "County", "Township")}:
            return "division"
        return "entity"

    def _add_name(self, name: str, ref: Ref) -> None:
        key = norm(name)
        if len(key) < 2 or ref.kind == "plan" and len(key) < 4:
            return
        self.names[key].add(ref)
        self.names_of[ref.iri].add(key)
        if ref.kind in ("division", "entity"):
            for suf in STRIP_SUFFIX:
                if key.endswith(suf) and len(key) >= 3 and ref.kind == "division":
                    self.names[key[: -len(suf)]].add(ref)
            for en in english_forms(key, ref.kind == "division"):
                self.en_names[en].add(ref)

    def _load_plans(self) -> None:
        """The ingested plan documents: a graph per document, its plan carries ``pk:planId``."""
        rows = self._rows("""SELECT ?g ?p ?title ?level ?region ?annex ?annexTitle WHERE { GRAPH ?g {
              ?p pk:planId ?pid . OPTIONAL { ?p eli:title ?title } OPTIONAL { ?p pk:level ?level }
              OPTIONAL { ?p pk:coversRegion ?region }
              OPTIONAL { ?annex a pk:Annex . OPTIONAL { ?annex rdfs:label ?annexTitle } } }
              FILTER(CONTAINS(STR(?g), CONCAT("/graph/", STR(?pid), "/"))) }""")
        titles = {r["p"]: str(r["title"]) for r in rows if r.get("title")}
        for r in rows:
            info = self.plans.get(r["g"])
            if info is None:
                annex = bool(r.get("annex"))
                title = str(r.get("annexTitle") or "") if annex else titles.get(r["p"], "")
                info = self.plans[r["g"]] = PlanInfo(r["p"], title or titles.get(r["p"], r["p"]), r["g"],
                                                     is_annex=annex, plan_of_annex=r["p"] if annex else "")
            if r.get("level"):
                info.level = r["level"].rsplit("/", 1)[-1]
            if r.get("region") and r["region"] not in info.regions:
                info.regions = info.regions + (r["region"],)
        for info in self.plans.values():
            if not info.is_annex:
                self.types[info.iri].add(PK + "Plan")
                self._add_name(info.title, Ref(info.iri, "plan", info.title))
                self._add_name(_title_key(info.title), Ref(info.iri, "plan", info.title))
        for info in self.plans.values():  # an annex covers what its plan covers
            if info.is_annex:
                parent = next((p for p in self.plans.values() if p.iri == info.plan_of_annex and not p.is_annex), None)
                if parent:
                    info.regions, info.level = parent.regions, parent.level

    def document_plan(self, label: str) -> str | None:
        """The ingested plan a printed plan name refers to (same title without edition/period notes)."""
        key = _title_key(label)
        for info in self.main_plans():
            if key and (_title_key(info.title) == key or _title_key(info.title).startswith(key)):
                return info.iri
        return None

    def _load_passages(self) -> None:
        rows = self._rows("""SELECT ?g ?p ?text ?sec ?num ?ord ?kind ?cells WHERE { GRAPH ?g { ?p a ?t ; pk:text ?text .
              OPTIONAL { ?p pk:ordinal ?ord } OPTIONAL { ?p pk:passageKind ?kind } OPTIONAL { ?p pk:cellText ?cells }
              OPTIONAL { ?p eli:is_part_of ?s . OPTIONAL { ?s rdfs:label ?sec } OPTIONAL { ?s pk:sectionNumber ?num } } }
              FILTER(?t != pk:Section && ?t != pk:Chapter) } ORDER BY ?g ?ord""")
        seen = set()
        for r in rows:
            if r["p"] in seen:
                continue
            seen.add(r["p"])
            sec = str(r.get("sec") or "")
            num = str(r.get("num") or "")
            if num and not sec.startswith(num):
                sec = f"{num} {sec}".strip()
            plan = self.plans.get(r["g"])
            cells = None
            if r.get("cells"):
                try:
                    cells = [str(c) for c in json.loads(str(r["cells"]))]
                except (ValueError, TypeError):
                    cells = None
            self.passages.append(Passage(r["p"], str(r["text"]), r["g"], sec, plan.title if plan else "",
                                         _tail(r.get("kind")) or "", cells, int(r.get("ord") or 0)))
        self.passage_by_iri = {p.iri: p for p in self.passages}
        self.section_labels = {norm(re.sub(r"^[0-9.\s]+", "", p.section)) for p in self.passages if p.section}
        self.sources: dict[str, list[str]] = defaultdict(list)
        for r in self._rows("SELECT DISTINCT ?e ?p WHERE { ?e pk:source ?p }"):
            self.sources[r["e"]].append(r["p"])

    def header_of(self, p: Passage) -> list[str] | None:
        """Cells of the first table row of the same table (section), taken as the header."""
        for q in self.passages:
            if q.graph == p.graph and q.section == p.section and q.cells:
                return q.cells if q is not p else None
        return None

    # -- lookups
    def plan_graphs(self, plan_iris: set[str] | None = None, include_annexes: bool = True) -> dict[str, PlanInfo]:
        out = {}
        for g, info in self.plans.items():
            if plan_iris is None or info.iri in plan_iris or (include_annexes and info.plan_of_annex in plan_iris):
                out[g] = info
        return out

    def kind_rank(self, iri: str) -> int:
        t = self.types.get(iri, set())
        return 0 if PK + "NamedNetwork" in t else 1 if PK + "SpatialStructure" in t else 2

    def main_plans(self) -> list[PlanInfo]:
        return [p for p in self.plans.values() if not p.is_annex]

    def plan_title(self, graph: str) -> str:
        p = self.plans.get(graph)
        if p is None:
            return ""
        if p.is_annex and not p.title:
            parent = next((q for q in self.plans.values() if q.iri == p.plan_of_annex), None)
            return parent.title if parent else ""
        return p.title

    def has_type(self, iri: str, cls: str) -> bool:
        return bool(self.types.get(iri, set()) & self.class_closure({cls}))

    def class_closure(self, classes: set[str]) -> set[str]:
        out, todo = set(), list(classes)
        while todo:
            c = todo.pop()
            if c not in out:
                out.add(c)
                todo.extend(self.subclasses.get(c, ()))
        return out

    def ancestors(self, division: str) -> list[str]:
        out, d = [], division
        while d in self.division_parent and len(out) < 6:
            d = self.division_parent[d]
            out.append(d)
        return out

    def bm25(self):
        if self._bm25 is None:
            from rank_bm25 import BM25Okapi

            corpus = [tokens(p.text) or ["∅"] for p in self.passages] or [["∅"]]
            self._bm25 = BM25Okapi(corpus)
        return self._bm25


def _prefer(new: str, old: str) -> bool:
    """Prefer a Chinese label without a language tag over an English one."""
    return any("\u4e00" <= c <= "\u9fff" for c in new) and not any("\u4e00" <= c <= "\u9fff" for c in old)


def english_forms(name: str, division: bool) -> set[str]:
    """"朔城区" → {"shuochengdistrict", "shuocheng"}; "桑干河" → {"sangganriver"} (lower, no spaces)."""
    from pypinyin import lazy_pinyin

    if not all("\u4e00" <= c <= "\u9fff" for c in name):
        return set()
    out = set()
    for suf, word in EN_SUFFIX:
        if name.endswith(suf) and len(name) > len(suf):
            stem = "".join(lazy_pinyin(name[: -len(suf)]))
            out.add(stem + word.lower().replace(" ", ""))
            if division and len(name) - len(suf) >= 2:
                out.add(stem)
            break
    else:
        if len(name) >= 2:
            out.add("".join(lazy_pinyin(name)))
    return out


# Words naming classes of things (general planning vocabulary), beyond the ontology's own labels
CLASS_WORDS = [("工程", "Project"), ("项目", "Project"), ("高速公路", "Expressway"), ("高速", "Expressway"),
               ("机场", "Airport"), ("管道", "Pipeline"), ("主干路", "Street"), ("道路", "Road"),
               ("河流", "River"), ("水库", "Reservoir"), ("产业园区", "IndustrialPark"), ("园区", "IndustrialPark"),
               ("铁路", "Railway"), ("公园", "Park"), ("自然保护地", "ProtectedArea"), ("文物", "HeritageSite"),
               ("战略", "Strategy"), ("产业集群", "IndustryCluster"), ("乡镇", "Town"), ("城镇", "Town"),
               ("乡镇", "Township"), ("街道", "Street")]


_STORE_INDEX: dict[int, tuple[tuple, Index, float]] = {}


@functools.lru_cache(maxsize=1)
def class_suffixes() -> dict[str, tuple[str, ...]]:
    """Name-forming suffixes per class, from the extraction's own general vocabulary (suffixes.tsv)."""
    from importlib import resources

    out: dict[str, list[str]] = defaultdict(list)
    try:
        text = resources.files("plankg.extract.data").joinpath("suffixes.tsv").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and not line.startswith("#"):
            out[parts[1].strip()].append(parts[0].strip())
    return {k: tuple(v) for k, v in out.items()}
_LOCK = threading.Lock()


RECHECK_SECONDS = 5.0  # the store's size (a full count on large stores) is re-read at most this often


def get_index(store) -> Index:
    """The index of ``store``, rebuilt when its named graphs change, or its size (checked every few seconds)."""
    graphs = tuple(store.graphs())
    now = time.monotonic()
    with _LOCK:
        hit = _STORE_INDEX.get(id(store))
    if hit and hit[0][0] == graphs and now - hit[2] < RECHECK_SECONDS and hit[1].store is store:
        return hit[1]
    key = (graphs, len(store))
    if hit and hit[0] == key and hit[1].store is store:
        with _LOCK:
            _STORE_INDEX[id(store)] = (key, hit[1], now)
        return hit[1]
    idx = Index(store)
    with _LOCK:
        _STORE_INDEX[id(store)] = (key, idx, now)
    return idx


# ---------------------------------------------------------------------------------------------
# Tokens for BM25
# ---------------------------------------------------------------------------------------------
_STOP = set("的 了 是 在 有 和 与 及 等 为 对 将 哪些 哪个 什么 多少 几个 吗 呢 其 中 之 把 被 由 并 或 以 按 个 "
            "the of a an in is are what which how many to".split())


def tokens(text: str) -> list[str]:
    import jieba

    out = []
    for w in jieba.lcut(norm(text).lower()):
        if w in _STOP or not any(ch.isalnum() for ch in w):
            continue
        out.append(w)
        if len(w) > 2 and all("\u4e00" <= c <= "\u9fff" for c in w):
            out.extend(w[i:i + 2] for i in range(len(w) - 1))  # bigrams help with unsegmented names
    return out


# ---------------------------------------------------------------------------------------------
# Stage 1: normalise / translate, link names
# ---------------------------------------------------------------------------------------------
def translate_english(question: str, index: Index) -> str:
    """English question → a Chinese pseudo-question: names via their English forms, glossary terms."""
    low = " " + re.sub(r"\s+", " ", question.lower()).strip(" ?.!") + " "
    # names first (longest English forms), replaced by the entity's label
    squashed = re.sub(r"[^a-z0-9]", "", low)
    found = []
    for en in sorted(index.en_names, key=len, reverse=True):
        if len(en) >= 4 and en in squashed:
            refs = index.en_names[en]
            found.append((en, sorted(refs, key=lambda r: r.kind != "division")[0].label))
            squashed = squashed.replace(en, " ")
    text = low
    for en, label in found:
        # rebuild the spaced form: match letters of en allowing spaces between them
        pat = r"\s*".join(map(re.escape, en))
        text = re.sub(pat, f" {label} ", text, count=1)
    for en, zh in EN_GLOSSARY:
        text = re.sub(rf"\b{re.escape(en)}\b", zh, text)
    text = re.sub(r"\b(the|of|in|on|a|an|are|is|does|do|did|for|by|to|at|its|this|that|fall|located|"
                  r"lie|belong|belongs|have|has|there|what|set|s)\b", " ", text)
    return norm(text)


KIND_ORDER = {"group": 0, "structure": 1, "division": 2, "plan": 3, "indicator": 4, "concept": 5, "entity": 6}


def link(text: str, index: Index) -> list[Mention]:
    """Leftmost-longest dictionary match of known names in ``text`` (already normalised)."""
    out, i, n = [], 0, len(text)
    while i < n:
        for ln in range(min(index.max_len, n - i), 1, -1):
            refs = index.names.get(text[i:i + ln])
            if refs:
                out.append(Mention(i, i + ln, text[i:i + ln], sorted(refs, key=lambda r: (KIND_ORDER.get(r.kind, 9), r.iri))))
                i += ln
                break
        else:
            i += 1
    return out


def class_words(text: str, index: Index) -> set[str]:
    out = set()
    for word, classes in index.class_labels.items():
        if len(word) >= 2 and word in text:
            out |= classes
    return out


def fuzzy_best(text: str, refs: dict[str, Ref], min_score: float = 0.6) -> list[tuple[float, Ref]]:
    """Rank refs by how much of their label the question contains (char bigrams + longest substring)."""
    qb = bigrams(text)
    scored = []
    for ref in refs.values():
        lab = norm(ref.label)
        core = re.sub(r"^(表[0-9]+([-.][0-9]+)*|[0-9]+(\.[0-9]+)*(?=[^0-9个大条处座项类]))", "", lab)
        core = re.sub(r"^[0-9一二两三四五六七八九十]+(个|大|条|处|座|项|类)?", "", core)
        core = re.sub(r"（[^）]*）$", "", core) or lab
        if len(core) < 2:
            continue
        lb = bigrams(core)
        cover = len(lb & qb) / len(lb) if lb else (1.0 if core in text else 0.0)
        if core in text:
            cover = 1.0
        # a numbered label ("两大战略") must agree with a number in the question when both have one
        num_l = re.match(r"^([0-9一二两三四五六七八九十]+)", lab)
        num_q = re.search(r"([0-9一二两三四五六七八九十]+)(?:个|大|条|处|座|项)", text)
        if num_l and num_q and cn_number(num_l.group(1)) != cn_number(num_q.group(1)):
            cover *= 0.5
        if cover >= min_score:
            scored.append((cover + 0.01 * len(core), ref))
    scored.sort(key=lambda x: -x[0])
    return scored


# ---------------------------------------------------------------------------------------------
# Stage 2: what is asked
# ---------------------------------------------------------------------------------------------
RE_FOLLOWUP = re.compile(r"^(?:(?:那么?|还有|换成|如果是)(.{1,30}?)(?:的情况)?(?:呢|怎么样|如何)?|(.{1,12}?)(?:的情况)?呢)[?？。]*$")
RE_QWORD = re.compile(r"哪|多少|什么|几|是否|吗|如何|怎样|怎么")
RE_COUNT = re.compile(r"多少(个|处|条|座|项|家|所)|(?<!哪)几(个|处|条|座|项|家|所)|一共有几|共有几|共列了?几|数量|多少个")
RE_VALUE = re.compile(r"多少|是多少|目标|比例|比重|面积|规模|几成|达到多少|数值|指标")
RE_YEAR = re.compile(r"(19|20)\d{2}")
META_KEYS = [
    (re.compile(r"基期|基准年|基年"), "baseYear"),
    (re.compile(r"远景"), "visionYear"),
    (re.compile(r"近期(?!.*(项目|建设|工程|重点))"), "nearTermYear"),
    (re.compile(r"目标年|规划期末"), "periodEnd"),
    (re.compile(r"规划期限|规划期|期限"), "period"),
    (re.compile(r"上位规划"), "higherPlan"),
    (re.compile(r"编制单位|编制机关|组织编制|由谁|谁(编制|发布|制定|组织)|哪个(部门|单位|机关)|发布(单位|机关)"),
     "issuedBy"),
    (re.compile(r"引用|依据哪些|依据了|遵循"), "cites"),
]
RE_COMPARE = re.compile(r"是否一致|一致吗|有何不同|有什么不同|有什么区别|有何区别|差异|区别|相同吗|是否相同")
RE_SET = re.compile(r"哪些|哪几|是什么|指什么|包括|有哪|由什么|怎样|如何|什么样")
RE_STRUCTURE = re.compile(r"([\u4e00-\u9fff]{0,6}?(?:格局|结构|体系|布局))(?:是|指|有|包括|为|怎样|如何|呢|？|\?|$)")
RE_PLANLIST = re.compile(r"(有哪些|哪些|哪几个?|几个|多少个?)(县级|市级|省级|乡镇级)?(国土空间)?(总体)?规划[?？]?$|^哪些规划")
LEVEL_WORDS = [("县级", "county"), ("市级", "city"), ("省级", "province"), ("乡镇级", "township")]
RE_YEARQ = re.compile(r"哪一?年|何年|年份|什么时候|多少年|是哪|到哪|是什么|是多少|几年")
RE_COMPLIANCE = re.compile(r"是否(达到|满足|符合|落实|低于|高于|超过|突破)|达标|有没有达到|能否达到|"
                           r"(没有|未|不)(达到|满足|符合|落实)|(超过|突破)了?(市级|上级|下达)")
RE_ONLY_FAILING = re.compile(r"(哪些|哪个|哪几).*(没有|未|不)(达到|满足|符合|落实)|(哪些|哪个|哪几).*(超过|突破)")
RE_CITECHECK = re.compile(r"(没有|未|不|没)(引用|依据|提及|衔接)")
RE_WHERE = re.compile(r"在哪|位于哪|哪个(镇|乡|县|区|市|乡镇)|哪里|什么地方|所在|属于哪|隶属")
RE_PLANREF = re.compile(r"^(国土空间)?(总体)?规划")


def classify(question: str, index: Index, context: dict | None = None) -> tuple[Intent, list[Mention], str]:
    """Return the intent, the linked mentions and the (normalised, maybe translated) text."""
    text = norm(question)[:MAX_QUESTION_CHARS]
    if is_english(question):
        m_en = re.match(r"^\s*(?:(?:and\s+)?(?:what|how)\s+about|and(?:\s+for|\s+in)?)\s+(.{1,60}?)\s*\??\s*$",
                        question, re.I)
        text = translate_english(question[:MAX_QUESTION_CHARS] if not m_en else m_en.group(1), index)
        if m_en:
            text = f"那{text}呢"
    mentions = link(text, index)
    if not re.search(r"[\u4e00-\u9fffA-Za-z0-9]", text):
        return Intent("none", {"reason": "empty"}), mentions, text

    # follow-up: "那应县呢？" reuses the previous intent with the new name(s)
    m = RE_FOLLOWUP.match(text)
    if m and RE_QWORD.search(m.group(1) or m.group(2) or ""):
        m = None  # "…有哪些呢？" is a new question, not a follow-up
    years_f = [int(y.group(0)) for y in RE_YEAR.finditer(text)]
    year_ok = bool(years_f) and context is not None and context.get("kind") in ("value", "count", "compliance")
    if m and context and context.get("kind") and (mentions or year_ok) and len(text) <= 40:
        intent = followup(context, mentions, index)
        if years_f:
            intent.slots["years"] = years_f
        return intent, mentions, text

    places = [r for mt in mentions for r in mt.refs[:1] if r.kind == "division"]
    plan_scope = scope_plans(text, mentions, index)
    compare = bool(RE_COMPARE.search(text))
    if compare:  # a comparison across plans: every plan answers, side by side, for the region named
        regions = {r for p in index.main_plans() if p.iri in plan_scope for r in p.regions}
        lowest = [r for r in regions if not any(r in index.ancestors(o) for o in regions)]
        places = places + [Ref(r, "division", index.labels.get(r, "")) for r in lowest
                           if r not in {x.iri for x in places}]
        plan_scope = set()
    year = [int(y.group(0)) for y in RE_YEAR.finditer(text)]

    if RE_CITECHECK.search(text) and "规划" in text:
        lv = [lvl for word, lvl in (("县级", "county"), ("市级", "city"), ("省级", "province"), ("乡镇级", "township"))
              if word in text]
        return Intent("cites_check", {"lower": lv[0] if lv else "county",
                                      "higher": lv[1] if len(lv) > 1 else "city"}), mentions, text
    if RE_COMPLIANCE.search(text):
        ind = fuzzy_best(text, index.indicators, 0.75)
        if ind:
            return Intent("compliance", {"indicators": [r.iri for _, r in ind[:1]],
                                         "only_failing": bool(RE_ONLY_FAILING.search(text)),
                                         "places": [p.iri for p in places], "years": year,
                                         "plans": sorted(plan_scope)}), mentions, text
    if RE_PLANLIST.search(text) and not re.search(r"引用|上位|依据|没有|未", text):
        return Intent("plans", {"places": [p.iri for p in places],
                                "level": next((lvl for w, lvl in LEVEL_WORDS if w in text), "")}), mentions, text
    props = []
    for rx, prop in META_KEYS:
        if rx.search(text) and (prop in ("higherPlan", "issuedBy", "cites", "period") or RE_YEARQ.search(text)):
            if prop == "cites" and not re.search(r"哪些|什么|哪几|文件|法|规划", text):
                continue
            if prop == "period" and props:
                continue
            props.append(prop)
    if props:
        return Intent("meta", {"prop": props[0], "props": props, "plans": sorted(plan_scope),
                               "places": [p.iri for p in places]}), mentions, text

    set_slots = entity_slots(text, mentions, index, plan_scope)
    if compare:
        set_slots["places"] = list(dict.fromkeys(set_slots["places"] + [p.iri for p in places]))
    if RE_WHERE.search(text) and not set_slots.get("subjects") and len(places) == 1 and \
            not any(set_slots.get(k) for k in ("roles", "classes", "groups", "categories", "segments")):
        set_slots["subjects"] = [places[0].iri]  # "神头镇属于哪个区？": the division's own parent
    if RE_WHERE.search(text) and set_slots.get("subjects"):
        m_lvl = re.search(r"哪个(乡镇|镇|乡|县|区|市)", text)
        lvl = m_lvl.group(1) if m_lvl else ""
        target = {"镇": "Township", "乡": "Township", "乡镇": "Township", "县": "County", "区": "County",
                  "市": "City"}.get(lvl, "")
        return Intent("where", {"subjects": set_slots["subjects"], "plans": sorted(plan_scope),
                                "target": [PK + target] if target else []}), mentions, text
    if RE_COUNT.search(text):
        ind = count_indicator(text, index, set_slots)
        return Intent("count", {**set_slots, "indicators": ind, "years": year}), mentions, text
    if (RE_VALUE.search(text) or compare) and not re.search(r"哪些|哪几|有哪", text):
        ind = fuzzy_best(strip_mentions(text, mentions, ("division",)), index.indicators, 0.6)
        plain = text.replace("的", "")
        verbatim = sorted((len(norm(r.label)), r.iri) for _, r in ind if norm(r.label).replace("的", "") in plain)
        # the longest indicator named word for word (丘陵面积占国土面积比例, not 国土面积)
        if verbatim and verbatim[-1][0] >= 0.7 * len(norm(ind[0][1].label)):
            ind = [(1.0, index.indicators[i]) for n, i in verbatim if n == verbatim[-1][0]]
        if ind:
            kind = "Allocation" if re.search(r"下达|分解|分配", text) else \
                "Measurement" if re.search(r"现状|现有|基期", text) else ""
            return Intent("value", {"indicators": [r.iri for s, r in ind if s >= ind[0][0] - 0.05][:3],
                                    "places": [p.iri for p in places], "years": year, "value_kind": kind,
                                    "plans": sorted(plan_scope)}), mentions, text
    m_struct = RE_STRUCTURE.search(strip_mentions(text, mentions, ("division", "plan")))
    if m_struct and RE_SET.search(text):
        scope = sorted(plan_scope) or [p.iri for p in index.main_plans() if set(p.regions) & {x.iri for x in places}]
        return Intent("structure", {"phrase": m_struct.group(1), "plans": scope,
                                    "fallback": {**set_slots, "question_text": text[:200]}}), mentions, text
    if any(set_slots.get(k) for k in ("groups", "roles", "categories", "segments", "classes", "programmes",
                                      "levels")):
        set_slots["question_text"] = text[:200]
        return Intent("entities", set_slots), mentions, text
    return Intent("search", {}), mentions, text


def strip_mentions(text: str, mentions: list[Mention], kinds: tuple[str, ...]) -> str:
    out = text
    for mt in sorted(mentions, key=lambda m: -m.start):
        if mt.kinds & set(kinds):
            out = out[:mt.start] + "·" + out[mt.end:]
    return out


def scope_plans(text: str, mentions: list[Mention], index: Index) -> set[str]:
    """Plans the question names: by title, by "按…规划", or by "<region>…规划" (the plan covering it)."""
    scope = set()
    for mt in mentions:
        for r in mt.refs:
            if r.kind == "plan":
                doc = r.iri if any(p.iri == r.iri for p in index.main_plans()) else index.document_plan(r.label)
                if doc:
                    scope.add(doc)
                    continue
                for info in index.main_plans():
                    if any(mt.text.startswith(n) for reg in info.regions for n in index.names_of.get(reg, ())):
                        scope.add(info.iri)
    for mt in mentions:
        if "division" not in mt.kinds:
            continue
        after = text[mt.end:mt.end + 12]
        if RE_PLANREF.match(after) or re.match(r"^[^，,。？?]{0,8}规划(?!建|布局在|在)", after) and \
                not re.match(r"^[^，,。？?]{0,8}规划(了|建设|新建)", after):
            for info in index.main_plans():
                if mt.refs[0].iri in info.regions or any(r.iri in info.regions for r in mt.refs):
                    scope.add(info.iri)
    return scope


def entity_slots(text: str, mentions: list[Mention], index: Index, plan_scope: set[str]) -> dict:
    """Constraints of a 'which things …' question, from what the names and words link to."""
    slots: dict = {"places": [], "roles": [], "categories": [], "segments": [], "classes": [], "groups": [],
                   "programmes": [], "subjects": [], "plans": sorted(plan_scope)}
    covered = []
    for mt in mentions:
        ref = mt.refs[0]
        if ref.kind == "division":
            if not plan_scope or not any(ref.iri in p.regions for p in index.main_plans() if p.iri in plan_scope):
                slots["places"].append(ref.iri)
        elif ref.kind == "concept" and any(r.kind in ("group", "structure") for r in mt.refs):
            slots["groups"].extend(r.iri for r in mt.refs if r.kind in ("group", "structure"))
            covered.append((mt.start, mt.end))
        elif ref.kind == "concept":
            use = set().union(*(index.concept_use.get(r.iri, set()) for r in mt.refs))
            for r in mt.refs:
                u = index.concept_use.get(r.iri, set())
                if "divisionLevel" in u and not u & {"role", "category", "segment"}:
                    slots.setdefault("levels", []).append(r.iri)
                elif "segment" in u:
                    slots["segments"].append(r.iri)
                elif "category" in u:
                    slots["categories"].append(r.iri)
                elif "role" in u or not use:
                    slots["roles"].append(r.iri)
            covered.append((mt.start, mt.end))
        elif ref.kind in ("group", "structure"):
            slots["groups"].extend(r.iri for r in mt.refs if r.kind in ("group", "structure"))
            covered.append((mt.start, mt.end))
        elif ref.kind == "entity":
            if PK + "Programme" in index.types.get(ref.iri, set()):
                slots["programmes"].append(ref.iri)
            else:
                slots["subjects"].append(ref.iri)
    # words naming a class, outside the names already linked
    rest = text
    for a, b in sorted(covered, reverse=True):
        rest = rest[:a] + "·" * (b - a) + rest[b:]
    rest_np = strip_mentions(rest, mentions, ("division", "entity", "plan"))
    slots["classes"] = sorted(class_words(rest_np, index))
    for k in ("places", "roles", "categories", "segments", "groups", "programmes", "subjects"):
        slots[k] = list(dict.fromkeys(slots[k]))
    if not slots["groups"]:
        pool = index.groups
        if plan_scope:  # only the named lists of the plans the question names
            graphs = set(index.plan_graphs(plan_scope))
            pool = {k: v for k, v in pool.items() if index.group_graphs.get(k, set()) & graphs}
        best = fuzzy_best(text, pool, 0.75)
        if best and (best[0][0] >= 0.99 or not (slots["roles"] or slots["categories"] or slots["segments"])):
            slots["groups"] = [r.iri for sc, r in best if sc >= best[0][0] - 1e-9][:4]  # ties: one per plan
    if not slots["classes"] and not slots["groups"]:
        # class words inside a generic entity name ("生态工程" → Project), only when nothing else says what
        slots["classes"] = sorted(class_words(strip_mentions(rest, mentions, ("division", "plan")), index))
    if not slots["programmes"]:
        best = fuzzy_best(text, index.programmes, 0.2)
        # a loose match counts when the programme is named after the same place as a name in the
        # question (白河流域…行动 for 白河生态经济带)
        heads = {norm(index.labels.get(x, ""))[:2] for x in slots["subjects"]}
        best = [(sc, r) for sc, r in best if sc >= 0.3 or norm(r.label)[:2] in heads]
        slots["soft_programmes"] = [r.iri for s, r in best[:2]]
    slots["soft_words"] = [w for w in ("生态", "治理", "修复", "交通", "文旅", "水利", "农业", "能源", "产业")
                           if w in rest_np]
    return slots


def count_indicator(text: str, index: Index, slots: dict) -> list[str]:
    """The counted indicator ('17处国家级文物保护单位' → 国家级文物保护单位) the question names, unless a
    named list or programme matches a longer stretch of the question."""
    best, best_len = None, 0
    for iri, ref in index.indicators.items():
        lab = re.sub(r"(数量|个数|总数)$", "", norm(ref.label))
        if len(lab) >= 2 and lab in text and len(lab) > best_len:
            best, best_len = iri, len(lab)
    rival = 0
    for iri in (slots.get("groups") or []) + (slots.get("programmes") or []) + (slots.get("soft_programmes") or []):
        lab = norm(index.labels.get(iri, ""))
        rival = max(rival, longest_common(lab, text))
    return [best] if best and best_len >= rival else []


def longest_common(a: str, b: str) -> int:
    """Length of the longest common substring (short strings only)."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def followup(context: dict, mentions: list[Mention], index: Index) -> Intent:
    """Reuse the previous intent, replacing the place/subject/indicator slots with the new names."""
    kind = context.get("kind")
    slots = dict(context.get("slots") or {})
    new_places = [m.refs[0].iri for m in mentions if m.refs[0].kind == "division"]
    new_subjects = [m.refs[0].iri for m in mentions if m.refs[0].kind == "entity"]
    new_inds = [m.refs[0].iri for m in mentions if m.refs[0].kind == "indicator"]
    new_plans = [m.refs[0].iri for m in mentions if m.refs[0].kind == "plan"]
    if new_places:
        if kind in ("meta",) or slots.get("plans") and not slots.get("places"):
            slots["plans"] = [p.iri for p in index.main_plans() if set(p.regions) & set(new_places)]
        else:
            slots["places"] = new_places
            if slots.get("plans"):
                slots["plans"] = [p.iri for p in index.main_plans() if set(p.regions) & set(new_places)] or \
                    slots["plans"]
    if new_subjects:
        slots["subjects"] = new_subjects
    if new_inds:
        slots["indicators"] = new_inds
    if new_plans:
        slots["plans"] = new_plans
    slots["followup"] = True
    return Intent(kind, slots)


# ---------------------------------------------------------------------------------------------
# Stage 3: run the intent through a template
# ---------------------------------------------------------------------------------------------
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


class Runner:
    """Executes intents against one store + index; collects the SPARQL it ran."""

    def __init__(self, store, index: Index, lang: str):
        self.store, self.index, self.lang = store, index, lang
        self.queries: list[str] = []

    def select(self, body: str) -> list[dict]:
        q = _q(body)
        self.queries.append(q)
        return self.store.select(q)

    def zh(self) -> bool:
        return self.lang == "zh"

    # -- graph scoping
    def graph_values(self, plan_iris) -> str:
        if not plan_iris:
            return ""
        gs = self.index.plan_graphs(set(plan_iris))
        return values("g", list(gs)) if gs else values("g", ["urn:plankg:none"])

    def label(self, iri: str) -> str:
        return self.index.labels.get(iri, iri.rsplit("/", 1)[-1])

    def term(self, iri: str) -> str:
        """A vocabulary term or place in the answer's language (other names stay as printed)."""
        if not self.zh() and iri in self.index.en_labels:
            return self.index.en_labels[iri]
        if not self.zh() and iri in self.index.division_parent:
            return f"{_en_name(self.label(iri))} ({self.label(iri)})"
        return self.label(iri)

    # -- templates -----------------------------------------------------------------------------
    def entity_query(self, slots: dict, tags: list[str] | None = None, soft_groups: bool = True) -> str:
        ix = self.index
        inside, outside = [], []
        if slots.get("classes"):
            inside.append("?e a ?type .")
            outside.append(values("type", ix.class_closure(set(slots["classes"]))))
        if slots.get("roles"):
            inside.append("{ ?e pk:role ?role } UNION { ?grp pk:hasMember ?e ; pk:memberRole ?role }")
            outside.append(values("role", slots["roles"]))
        if slots.get("levels"):
            inside.append("?e pk:divisionLevel ?level .")
            outside.append(values("level", slots["levels"]))
        if slots.get("categories"):
            inside.append("?e pk:category ?category .")
            outside.append(values("category", slots["categories"]))
        if slots.get("segments"):
            inside.append("?e pk:segment ?segment .")
            outside.append(values("segment", slots["segments"]))
        if slots.get("programmes"):
            inside.append("?e pk:programme ?programme .")
            outside.append(values("programme", slots["programmes"]))
        if tags:
            inside.append("{ ?e pk:programme ?tag } UNION { ?e pk:category ?tag } UNION { ?tag pk:hasMember ?e }")
            outside.append(values("tag", tags))
        if slots.get("groups") and (not soft_groups or not any(
                slots.get(k) for k in ("roles", "categories", "segments", "programmes"))):
            inside.append("{ ?group pk:hasMember ?e } UNION { ?group pk:hasPart ?e } UNION { ?e pk:memberOf ?group }")
            outside.append(values("group", slots["groups"]))
        if slots.get("places"):
            places = _most_specific(slots["places"])  # "右玉县…在右卫镇": the town, not the county
            outside.append(values("place", places))
            own = [g for g, p in ix.plans.items() if set(p.regions) & set(places)]
            cond = "EXISTS { ?e (pk:locatedIn|pk:withinDivision)/pk:withinDivision* ?place }"
            if own:  # a plan of the place itself: everything it lists is in the place
                cond = f"?g IN ({', '.join(sparql_iri(g) for g in sorted(own))}) || " + cond
            outside.append(f"FILTER({cond})")
        if not inside:
            inside.append("?e a ?type .")
        gv = self.graph_values(slots.get("plans"))
        return ("SELECT DISTINCT ?g ?e WHERE {\n  " + (gv + "\n  " if gv else "") +
                "\n  ".join(o for o in outside if o.startswith("VALUES")) +
                "\n  GRAPH ?g {\n    " + "\n    ".join(inside) + "\n  }\n  " +
                "\n  ".join(o for o in outside if not o.startswith("VALUES")) + "\n} LIMIT 500")

    def find_entities(self, slots: dict) -> tuple[list[dict], str, str | None]:
        """Rows (g, e) for the constraints; soft filters (programme / topic words) narrow when they can."""
        only_class = not any(slots.get(k) for k in ("places", "roles", "categories", "segments", "groups",
                                                       "programmes", "levels"))
        if slots.get("subjects") and only_class:
            return self.related_to_subjects(slots)
        hard = self.entity_query(slots)
        rows = self.select(hard)
        used, basis_tag = hard, None
        if not rows and slots.get("groups"):
            # relax: first without the named list, then the named list alone (its members' roles or
            # classes may be recorded differently)
            without = {**slots, "groups": []}
            only = {k: slots.get(k) for k in ("groups", "places", "plans")}
            for alt in ([without] if any(without.get(k) for k in ("roles", "categories", "segments", "classes",
                                                                   "programmes")) else []) + [only]:
                q1 = self.entity_query(alt, soft_groups=False)
                rows1 = self.select(q1)
                if rows1:
                    rows, used, hard, slots = rows1, q1, q1, alt
                    break
        tags = self.soft_tags(slots)
        if rows and tags:
            q2 = self.entity_query(slots, tags)
            rows2 = self.select(q2)
            if rows2:
                rows, used, basis_tag = rows2, q2, "、".join(self.label(t) for t in tags[:3])
        rows = [r for r in rows if r["e"] not in set(slots.get("groups", []))]
        self.used_slots = slots
        return rows, used, basis_tag

    def trim_overlisted(self, rows: list[dict], groups: list[str]) -> list[dict]:
        """A list that states fewer members than were extracted ("1个农业产业园区——A，位于…，重点发展…")
        keeps the members whose names end like their class (…产业园), when that matches the stated count."""
        if len(groups) != 1 or not rows:
            return rows
        counts = self.store.select(_q(f"""SELECT ?grp ?n WHERE {{ {values("grp", groups)} ?grp pk:declaredCount ?n }}"""))
        declared = min((int(r["n"]) for r in counts if isinstance(r.get("n"), int)), default=0)
        members = {r["e"] for r in rows}
        if not declared or len(members) <= declared:
            return rows
        suffixes = class_suffixes()
        good = {e for e in members
                if any(norm(self.label(e)).endswith(sfx) for t in self.index.types.get(e, ())
                       for sfx in suffixes.get(t.rsplit("#", 1)[-1], ()))}
        if 0 < len(good) <= declared:
            return [r for r in rows if r["e"] in good]
        return rows

    def is_heading_or_category(self, iri: str, question: str) -> bool:
        """An 'entity' named like a section heading ("4.4 …") or exactly like the category asked for
        ("自然保护地" when asking which 自然保护地) is not an instance of it."""
        lab = norm(self.label(iri))
        if re.match(r"^[0-9]+(\.[0-9]+)+", lab) or re.match(r"^0[0-9]", lab) or lab in self.index.section_labels:
            return True
        return bool(question) and len(lab) >= 2 and lab in question and \
            any(lab == w for w in self.index.class_labels)

    def part_members(self, iris: list[str]) -> dict[str, list[str]]:
        """For answers that are themselves named lists (parts of a structure): their members."""
        groups = [i for i in iris if i in self.index.groups][:20]
        if not groups:
            return {}
        rows = self.store.select(_q(f"""SELECT ?grp ?m WHERE {{ {values("grp", groups)} ?grp pk:hasMember ?m }}
            ORDER BY ?grp ?m LIMIT 300"""))
        out: dict[str, list[str]] = {}
        for r in rows:
            lab = self.label(r["m"])
            if lab not in out.setdefault(r["grp"], []):
                out[r["grp"]].append(lab)
        return out

    def related_to_subjects(self, slots: dict) -> tuple[list[dict], str, str | None]:
        """Things of the asked class that the plan relates to a named subject (a belt, a river, a
        programme); a programme matched loosely is the next basis; otherwise nothing (never 'all')."""
        cls = ""
        if slots.get("classes"):
            cls = f"\n    ?e a ?type .\n  }}\n  {values('type', self.index.class_closure(set(slots['classes'])))}\n  GRAPH ?g {{"
        gv = self.graph_values(slots.get("plans"))
        # a belt or basin named after a river: the river too (one hop, water features only)
        water = self.index.class_closure({PK + "WaterFeature"})
        hop = [r["w"] for r in self.store.select(_q(f"""SELECT DISTINCT ?w WHERE {{ {values("s", slots["subjects"])}
            ?s pk:relatedTo|pk:passesThrough|pk:partOf ?w . ?w a ?t . {values("t", water)} }} LIMIT 20"""))]
        subjects = list(dict.fromkeys(slots["subjects"] + hop))
        q = f"""SELECT DISTINCT ?g ?e WHERE {{
  {values("subject", subjects)} {gv}
  GRAPH ?g {{
    {{ ?e pk:locatedIn|pk:partOf|pk:memberOf|pk:programme|pk:passesThrough|pk:relatedTo ?subject }}
    UNION {{ ?subject pk:hasPart|pk:hasMember|pk:passesThrough|pk:relatedTo ?e }}
    UNION {{ ?e pk:programme ?programme . ?programme pk:relatedTo|pk:passesThrough ?subject }}{cls}
  }}
}} LIMIT 500"""
        rows = self.select(q)
        self.used_slots = {**slots, "groups": []}
        if rows:
            return rows, q, "、".join(self.label(x) for x in subjects)
        tags = self.soft_tags(slots)
        if tags:
            q2 = self.entity_query({**slots, "subjects": []}, tags)
            rows2 = self.select(q2)
            if rows2:
                return rows2, q2, "、".join(self.label(t) for t in tags[:3])
        return [], q, None

    def soft_tags(self, slots: dict) -> list[str]:
        tags = list(slots.get("soft_programmes") or [])
        words = slots.get("soft_words") or []
        if words and not tags:
            for iri, ref in self.index.programmes.items():
                if all(w in ref.label for w in words):
                    tags.append(iri)
            for iri, uses in self.index.concept_use.items():
                if "category" in uses and all(w in self.label(iri) for w in words):
                    tags.append(iri)
            for iri, ref in self.index.groups.items():
                if all(w in ref.label for w in words):
                    tags.append(iri)
        return sorted(set(tags))

    # -- handlers ------------------------------------------------------------------------------
    def do_entities(self, intent: Intent) -> Answer:
        slots = intent.slots
        rows, q, tag = self.find_entities(slots)
        rows = [r for r in rows if not self.is_heading_or_category(r["e"], slots.get("question_text", ""))]
        rows = self.trim_overlisted(rows, self.used_slots.get("groups") or [])
        per_plan = self.group_by_plan(rows, "e")
        answers = self.entity_answers(per_plan)
        used = self.used_slots
        if "GRAPH ?g {" in q and "?group pk:hasMember" not in q:
            used = {**used, "groups": []}  # the named list was not needed
        basis = self.basis(used, tag, [a["iri"] for a in answers])
        text = self.set_text(per_plan, answers)
        parts = self.part_members([a["iri"] for a in answers])
        if parts:
            sep, colon = ("；", "：") if self.zh() else ("; ", ": ")
            text += " " + sep.join(f"{self.label(p)}{colon}{'、'.join(ms)}" for p, ms in parts.items()) + \
                ("。" if self.zh() else ".")
        ev = self.evidence([a["iri"] for a in answers] + (used.get("groups") or []), [a["label"] for a in answers],
                           graphs=self.scope_graphs(slots))
        return Answer("", answers, text, q, ev, basis=basis, plans=self.plan_list(per_plan))

    def do_where(self, intent: Intent) -> Answer:
        subj = intent.slots["subjects"]
        gv = self.graph_values(intent.slots.get("plans"))
        q = f"""SELECT DISTINCT ?g ?s ?place WHERE {{
  {values("s", subj)} {gv}
  GRAPH ?g {{ ?s pk:locatedIn|pk:withinDivision ?place }}
}} LIMIT 100"""
        rows = self.select(q)
        member = not rows
        if not rows:  # "X属于哪个…": the named lists and structures that hold it
            q = f"""SELECT DISTINCT ?g ?s ?place WHERE {{
  {values("s", subj)} {gv}
  GRAPH ?g {{ ?place pk:hasMember|pk:hasPart ?s }}
}} LIMIT 100"""
            rows = self.select(q)
            if rows:
                parents = self.select(_q(f"""SELECT DISTINCT ?g ?place WHERE {{ {values("part", [r["place"] for r in rows])}
  GRAPH ?g {{ ?place pk:hasPart ?part }} }} LIMIT 50"""))
                rows += [{"g": r["g"], "s": subj[0], "place": r["place"]} for r in parents]
        if intent.slots.get("target"):  # "建在哪个镇" → the township, when the plans name one
            at_level = [r for r in rows if any(self.index.has_type(r["place"], t) for t in intent.slots["target"])]
            rows = at_level or rows
        per_plan = self.group_by_plan(rows, "place")
        answers = self.entity_answers(per_plan)
        if answers:
            names = "、".join(self.label(s) for s in subj)
            places = "、".join(a["label"] for a in answers)
            if member:
                text = f"{names}属于{places}。" if self.zh() else f"{names} belongs to {places}."
            else:
                text = f"{names}位于{places}。" if self.zh() else f"{names} is in {places}."
        else:
            text = self.not_found()
        ev = self.evidence(subj, [a["label"] for a in answers] + [self.label(s) for s in subj])
        return Answer("", answers, text, q, ev, basis="pk:hasMember / pk:hasPart" if member else "pk:locatedIn",
                      plans=self.plan_list(per_plan))

    def do_count(self, intent: Intent) -> Answer:
        s = intent.slots
        if s.get("indicators"):
            ans = self.indicator_values(s["indicators"], places=[], years=s.get("years") or [],
                                        plans=s.get("plans"), counts_only=True)
            if ans.answers:
                return ans
        groups = list(s.get("groups") or [])
        if not groups and s.get("roles") and not s.get("places"):
            rows = self.select(f"""SELECT DISTINCT ?group WHERE {{ {values("role", s["roles"])}
  ?group a pk:Group ; pk:memberRole ?role }}""")
            groups = [r["group"] for r in rows]
        if groups and not s.get("places"):
            gv = self.graph_values(s.get("plans"))
            q = f"""SELECT ?g ?group ?declared (COUNT(DISTINCT ?m) AS ?listed) WHERE {{
  {values("group", groups)} {gv}
  GRAPH ?g {{ ?group a ?t . OPTIONAL {{ ?group pk:declaredCount ?declared }} OPTIONAL {{ ?group pk:hasMember ?m }} }}
}} GROUP BY ?g ?group ?declared"""
            rows = [r for r in self.select(q) if r.get("declared") or r.get("listed")]
            if rows:
                answers, parts = [], []
                for r in rows:
                    n = r.get("declared") or r.get("listed")
                    lab = self.label(r["group"])
                    answers.append({"label": f"{n}", "value": str(n), "iri": r["group"], "of": lab,
                                    "plans": [self.index.plan_title(r["g"])]})
                    parts.append(f"{lab}：{n}" if self.zh() else f"{lab}: {n}")
                text = ("按规划所列，" + "；".join(parts) + "。") if self.zh() else \
                    ("As the plan states: " + "; ".join(parts) + ".")
                members = [r["m"] for r in self.store.select(_q(
                    f"SELECT DISTINCT ?m WHERE {{ {values('group', groups)} ?group pk:hasMember ?m }} LIMIT 200"))]
                ev = self.evidence(groups + members, [self.label(g) for g in groups] + [a["value"] for a in answers])
                return Answer("", answers, text, q, ev, basis="pk:declaredCount")
        rows, q, tag = self.find_entities(s)
        per_plan = self.group_by_plan(rows, "e")
        if not per_plan:
            return Answer("", [], self.not_found(), q, [])
        counts = {g: len(v) for g, v in per_plan.items()}
        answers = [{"label": str(n), "value": str(n), "plans": [self.index.plan_title(g)]} for g, n in counts.items()]
        members = self.entity_answers(per_plan)
        names = "、".join(a["label"] for a in members[:12])
        if self.zh():
            text = "；".join(f"《{self.index.plan_title(g)}》列出{n}个" for g, n in counts.items()) + f"：{names}。"
        else:
            text = "; ".join(f"{n} listed in {self.index.plan_title(g)}" for g, n in counts.items()) + f": {names}."
        q_count = q.replace("SELECT DISTINCT ?g ?e", "SELECT ?g (COUNT(DISTINCT ?e) AS ?n)").replace(
            "} LIMIT 500", "} GROUP BY ?g")
        ev = self.evidence([a["iri"] for a in members], [a["label"] for a in members])
        return Answer("", answers + members, text, q_count, ev, basis=self.basis(s, tag, []))

    def do_value(self, intent: Intent) -> Answer:
        s = intent.slots
        return self.indicator_values(s["indicators"], s.get("places") or [], s.get("years") or [], s.get("plans"),
                                     mention_iris=s.get("mention_iris") or [], value_kind=s.get("value_kind") or "")

    def indicator_values(self, indicators, places, years, plans, counts_only=False, mention_iris=(),
                         value_kind: str = "") -> Answer:
        gv = self.graph_values(plans)
        q = f"""SELECT ?g ?v ?ind ?value ?unit ?year ?bound ?nature ?area ?text ?cls ?count WHERE {{
  {values("ind", indicators)} {gv}
  GRAPH ?g {{
    ?v pk:indicator ?ind ; pk:value ?value .
    OPTIONAL {{ ?v pk:unitLabel ?unit }} OPTIONAL {{ ?v pk:year ?year }} OPTIONAL {{ ?v pk:bound ?bound }}
    OPTIONAL {{ ?v pk:nature ?nature }} OPTIONAL {{ ?v pk:refArea ?area }} OPTIONAL {{ ?v pk:sourceText ?text }}
    OPTIONAL {{ ?v pk:isCount ?count }} OPTIONAL {{ ?v a ?cls FILTER(?cls != pk:IndicatorValue) }}
  }}
}} LIMIT 500"""
        rows = self.select(q)
        if counts_only:
            rows = [r for r in rows if r.get("count") in (True, "true")] or rows
        classes: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            classes[r["v"]].add(_tail(r.get("cls")) or "")
        by_v: dict[str, dict] = {}
        for r in rows:
            by_v.setdefault(r["v"], r)
        rows = list(by_v.values())
        if value_kind:  # "下达的…指标" → allocations; "现状…" → measurements (when the graph has them)
            rows = [r for r in rows if value_kind in classes[r["v"]]] or rows
        if years:
            ry = [r for r in rows if _int(r.get("year")) in years]
            rows = ry or ([] if any(r.get("year") for r in rows) else rows)
        wanted_areas = set(places) | set(mention_iris)
        for p in list(places):
            wanted_areas |= set(self.index.ancestors(p)) if False else set()
        missing_area = None
        if wanted_areas:
            ra = [r for r in rows if r.get("area") in wanted_areas]
            if ra:
                rows = ra
            elif places and any(r.get("area") for r in rows):
                missing_area = "、".join(self.label(p) for p in places)  # say so, and show what is recorded
        if not rows:
            return Answer("", [], self.not_found(), q, [])
        rows.sort(key=lambda r: (str(r["g"]), _int(r.get("year")) or 0))
        answers, seen = [], set()
        for r in rows:
            key = (r["g"], str(r["value"]), _int(r.get("year")), r.get("area"), r["ind"])
            if key in seen:  # the same value stated twice (a table and the text)
                continue
            seen.add(key)
            unit = str(r.get("unit") or "")
            val = fmt_number(r["value"]) if not isinstance(r["value"], str) else r["value"]
            lab = f"{val}{unit}" if unit in ("%", "％") else (f"{val} {unit}".strip())
            answers.append({"label": lab, "value": val, "unit": unit, "year": _int(r.get("year")),
                            "area": self.label(r["area"]) if r.get("area") else None,
                            "area_en": self.term(r["area"]) if r.get("area") else None,
                            "indicator": self.label(r["ind"]), "bound": _tail(r.get("bound")),
                            "nature": _tail(r.get("nature")), "kind": _tail(r.get("cls")),
                            "iri": r["v"], "plans": [self.index.plan_title(r["g"])]})
        text = self.value_text(answers)
        if missing_area:
            text = (f"图谱中没有{missing_area}的该项数值；已记录的数值为：" if self.zh() else
                    f"No value is recorded for {missing_area}; the recorded values are: ") + text
        ev = self.evidence([r["v"] for r in rows], [a["value"] for a in answers])
        basis = None
        if any(a["area"] for a in answers):
            basis = ("pk:refArea：" if self.zh() else "pk:refArea: ") + "、".join(
                sorted({a["area"] for a in answers if a["area"]}))
        return Answer("", answers, text, q, ev, basis=basis)

    def value_text(self, answers: list[dict]) -> str:
        parts = []
        bounds_zh = {"ge": "不低于", "le": "不超过", "eq": "", "approx": "约"}
        bounds_en = {"ge": "at least ", "le": "at most ", "eq": "", "approx": "about "}
        for a in answers[:8]:
            b = (bounds_zh if self.zh() else bounds_en).get(a.get("bound") or "", "")
            where = a["area"] or ""
            if self.zh():
                parts.append(f"{where}{('到' + str(a['year']) + '年') if a['year'] else ''}{a['indicator']}"
                             f"{b}{a['label']}（《{a['plans'][0]}》）")
            else:
                where = a.get("area_en") or where
                parts.append(f"{a['indicator']}{' in ' + where if where else ''}"
                             f"{' by ' + str(a['year']) if a['year'] else ''}: {b}{a['label']} ({a['plans'][0]})")
        return ("；".join(parts) + "。") if self.zh() else ("; ".join(parts) + ".")

    META_PROPS = {"baseYear": ["pk:baseYear"], "visionYear": ["pk:visionYear"], "nearTermYear": ["pk:nearTermYear"],
                  "periodEnd": ["pk:periodEnd"], "period": ["pk:periodStart", "pk:periodEnd"],
                  "higherPlan": ["pk:higherPlan", "eli:based_on"], "issuedBy": ["pk:issuedBy"],
                  "cites": ["eli:cites"]}
    META_ZH = {"baseYear": "规划基期年", "visionYear": "远景展望年", "nearTermYear": "近期目标年",
               "periodEnd": "规划目标年", "period": "规划期限", "higherPlan": "上位规划", "issuedBy": "编制单位",
               "cites": "引用的文件"}
    META_EN = {"baseYear": "base year", "visionYear": "vision year", "nearTermYear": "near-term year",
               "periodEnd": "target year", "period": "planning period", "higherPlan": "higher-level plans",
               "issuedBy": "issuer", "cites": "cited documents"}

    def do_meta(self, intent: Intent) -> Answer:
        props = [p for p in intent.slots.get("props") or [intent.slots["prop"]] if p in self.META_PROPS]
        if len(props) <= 1:
            return self.do_meta_one(intent.slots, props[0] if props else intent.slots["prop"])
        parts = [self.do_meta_one(intent.slots, p) for p in props]
        return Answer("", [a for x in parts for a in x.answers], " ".join(x.text for x in parts),
                      "\n".join(x.sparql for x in parts), [e for x in parts for e in x.evidence][:MAX_EVIDENCE])

    def do_meta_one(self, s: dict, prop: str) -> Answer:
        plans = s.get("plans") or [p.iri for p in self.index.main_plans()
                                   if not s.get("places") or set(p.regions) & set(s["places"])]
        if not plans:
            plans = [p.iri for p in self.index.main_plans()]
        preds = self.META_PROPS[prop]
        q = f"""SELECT DISTINCT ?g ?plan ?p ?val WHERE {{
  {values("plan", plans)}
  VALUES ?p {{ {" ".join(preds)} }}
  GRAPH ?g {{ ?plan a pk:Plan ; ?p ?val }}
}} ORDER BY ?g ?p"""
        rows = self.select(q)
        answers, parts, seen = [], [], set()
        by_plan: dict[str, list[str]] = defaultdict(list)
        rows.sort(key=lambda r: (r["g"], preds.index(_curie(r["p"])) if _curie(r["p"]) in preds else 9))
        for r in rows:
            v = r["val"]
            lab = self.label(v) if isinstance(v, str) and v.startswith("http") else fmt_number(v)
            key = (r["plan"], lab)
            if key in seen:
                continue
            seen.add(key)
            title = self.index.plan_title(r["g"])
            by_plan[title].append(lab)
            item = {"label": lab, "value": lab, "plans": [title]}
            if isinstance(v, str) and v.startswith("http"):
                item["iri"] = v
            answers.append(item)
        if prop == "period":
            for t, vals in by_plan.items():
                if len(vals) == 2:
                    by_plan[t] = [f"{vals[0]}—{vals[1]}"]
        name = (self.META_ZH if self.zh() else self.META_EN)[prop]
        for t, vals in by_plan.items():
            parts.append(f"《{t}》的{name}：{'、'.join(vals)}" if self.zh() else f"{t} — {name}: {', '.join(vals)}")
        text = ("；".join(parts) + "。" if self.zh() else "; ".join(parts) + ".") if parts else self.not_found()
        ev = self.meta_evidence(plans, preds, [a["label"] for a in answers], prop)
        return Answer("", answers, text, q, ev)

    def meta_evidence(self, plans, preds, labels, prop) -> list[dict]:
        q = f"""SELECT DISTINCT ?src WHERE {{ {values("plan", plans)} VALUES ?p {{ {" ".join(preds)} }}
  ?st rdf:subject ?plan ; rdf:predicate ?p ; prov:wasDerivedFrom ?src }}"""
        srcs = [r["src"] for r in self.store.select(_q(q))]
        ev = [self.ev_item(self.index.passage_by_iri[s], labels) for s in srcs if s in self.index.passage_by_iri]
        if ev:
            return ev[:MAX_EVIDENCE]
        # no reified statement: the plan's passages that state a value next to the property's key word
        keys = {"baseYear": "基", "visionYear": "远景", "nearTermYear": "近期", "periodEnd": "期",
                "period": "期限", "higherPlan": "上位", "issuedBy": "", "cites": "《"}[prop]
        graphs = set(self.index.plan_graphs(set(plans)))
        out = []
        for p in self.index.passages:
            if p.graph in graphs and keys in p.text and any(norm(lab) in norm(p.text) for lab in labels):
                out.append(self.ev_item(p, labels))
                if len(out) >= 2:
                    break
        return out

    def do_compliance(self, intent: Intent) -> Answer:
        s = intent.slots
        ix = self.index
        lower_plans = [p for p in ix.main_plans() if p.iri in (s.get("plans") or [])] or \
            [p for p in ix.main_plans() if set(p.regions) & set(s.get("places") or [])]
        if not lower_plans:  # no plan named: every plan whose region receives an allocation (checked below)
            lower_plans = ix.main_plans()
        q = f"""SELECT ?g ?v ?area ?value ?unit ?canon ?cunit ?year ?bound ?cls WHERE {{
  {values("ind", s["indicators"])}
  GRAPH ?g {{ ?v pk:indicator ?ind ; pk:value ?value .
    OPTIONAL {{ ?v pk:refArea ?area }} OPTIONAL {{ ?v pk:unitLabel ?unit }} OPTIONAL {{ ?v pk:year ?year }}
    OPTIONAL {{ ?v pk:canonicalValue ?canon }} OPTIONAL {{ ?v pk:canonicalUnit ?cunit }}
    OPTIONAL {{ ?v pk:bound ?bound }} OPTIONAL {{ ?v a ?cls FILTER(?cls != pk:IndicatorValue) }} }}
}}"""
        rows = self.select(q)
        allocs = [r for r in rows if _tail(r.get("cls")) == "Allocation"]
        answers, parts, ev_iris, checked = [], [], [], 0
        for plan in lower_plans:
            own = [r for r in rows if r["g"] in ix.plan_graphs({plan.iri}) and _tail(r.get("cls")) != "Allocation"
                   and (not r.get("area") or r["area"] in plan.regions)]
            alloc = [r for r in allocs if r.get("area") in plan.regions and r["g"] not in ix.plan_graphs({plan.iri})]
            if s.get("years"):
                own = [r for r in own if _int(r.get("year")) in s["years"]] or own
                alloc = [r for r in alloc if _int(r.get("year")) in s["years"]] or alloc
            if not own or not alloc:
                continue
            a = max(alloc, key=lambda r: _int(r.get("year")) or 0)
            o = max(own, key=lambda r: _int(r.get("year")) or 0)
            ov, av = comparable(o), comparable(a)
            if ov is None or av is None:
                continue
            checked += 1
            bound = _tail(a.get("bound")) or _tail(o.get("bound")) or "ge"
            ok = ov[0] >= av[0] - 1e-9 if bound == "ge" else ov[0] <= av[0] + 1e-9 if bound == "le" else \
                abs(ov[0] - av[0]) < 1e-6
            ol = f"{fmt_number(o['value'])}{o.get('unit') or ''}"
            al = f"{fmt_number(a['value'])}{a.get('unit') or ''}"
            words = {"ge": (("达到", "未达到"), ("meets it", "falls short")),
                     "le": (("未超过", "超过"), ("stays within it", "exceeds it"))}.get(
                bound, (("一致", "不一致"), ("matches it", "differs")))
            verdict = words[0 if self.zh() else 1][0 if ok else 1]
            if s.get("only_failing") and ok:
                continue
            ind = self.label(s["indicators"][0])
            if self.zh():
                parts.append(f"《{plan.title}》的{ind}为{ol}，{ix.plan_title(a['g'])}下达指标为"
                             f"{'不低于' if bound == 'ge' else '不超过' if bound == 'le' else ''}{al}：{verdict}")
            else:
                parts.append(f"{plan.title}: {ind} {ol}; allocated by {ix.plan_title(a['g'])}: "
                             f"{'at least ' if bound == 'ge' else 'at most ' if bound == 'le' else ''}{al} — {verdict}")
            label = "、".join(self.label(r) for r in plan.regions) if s.get("only_failing") else verdict
            answers.append({"label": label or plan.title, "verdict": verdict, "value": ol, "allocated": al, "ok": ok,
                            "iri": plan.regions[0] if s.get("only_failing") and plan.regions else None,
                            "plans": [plan.title]})
            ev_iris += [o["v"], a["v"]]
        if not parts and s.get("only_failing") and ev_iris == [] and checked:
            text = "所有已入库的规划都符合下达指标。" if self.zh() else "Every ingested plan meets its allocation."
        elif parts:
            text = ("；".join(parts) + "。") if self.zh() else ("; ".join(parts) + ".")
        else:
            text = self.not_found()
        ev = self.evidence(ev_iris, [a["value"] for a in answers] + [a["allocated"] for a in answers])
        return Answer("", answers, text, q, ev, basis="pk:Allocation pk:refArea ↔ pk:coversRegion")

    def do_structure(self, intent: Intent) -> Answer:
        """'…的总体格局/空间结构是什么': the named structures whose defining passage names that phrase."""
        phrase = norm(intent.slots["phrase"]).lstrip("的")
        gv = self.graph_values(intent.slots.get("plans"))
        # any named node may be the structure (extraction may type it as a region or a list); the
        # passage must introduce it by its quoted name right before the phrase
        q = f"""SELECT DISTINCT ?g ?s ?src WHERE {{ {gv}
  GRAPH ?g {{ ?s pk:source ?src ; a ?type }}
  FILTER(?type NOT IN (pk:Plan, pk:Annex, pk:Indicator, pk:IndicatorValue, pk:Target, pk:Measurement))
}} LIMIT 20000"""
        rows = self.select(q)
        # nodes by printed name, and the passages that introduce them
        by_label: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for r in rows:
            by_label[unicodedata.normalize("NFKC", self.label(r["s"]))].append((r["s"], r["g"]))
        best: dict[str, tuple[int, int, str]] = {}
        for src in {r["src"] for r in rows}:  # each introducing passage once
            p = self.index.passage_by_iri.get(src)
            if p is None or not any(ch in p.text for ch in "“\"「『"):
                continue
            text = unicodedata.normalize("NFKC", p.text)
            # the longest tail of the phrase the passage states ("国土空间总体格局" ⊇ "总体格局")
            n = next((len(phrase) - i for i in range(len(phrase) - 1) if phrase[i:] in text), 0)
            if n < 3:
                continue
            tail = re.escape(phrase[len(phrase) - n:])
            # the quoted name(s) right before the phrase: “一核两翼”的总体格局, “双十中轴、两名片、三中心”的功能布局
            for m in re.finditer(r"[“\"「『]([^”\"」』]{1,40})[”\"」』]的?([^，。；“”]{0,8}?)" + tail, text):
                span, gap = m.group(1), len(m.group(2))
                names = [span] if span in by_label else [x for x in re.split(r"[、，,]", span) if x in by_label]
                for name in names:
                    for s_iri, g in by_label[name]:
                        if s_iri not in best or best[s_iri][:2] < (n, -gap):
                            best[s_iri] = (n, -gap, g)
        if not best:
            fb = intent.slots.get("fallback") or {}
            if any(fb.get(k) for k in ("groups", "roles", "categories", "segments", "classes", "levels")):
                return self.do_entities(Intent("entities", fb))
            return Answer("", [], self.not_found(), q, [])
        top = max(v[:2] for v in best.values())
        chosen = {s: v[2] for s, v in best.items() if v[:2] == top}
        labels_seen: set[str] = set()
        for s_iri in sorted(chosen, key=lambda x: (self.index.kind_rank(x), x)):  # one node per printed name
            lab = self.label(s_iri)
            if lab in labels_seen:
                del chosen[s_iri]
            labels_seen.add(lab)
        per_plan: dict[str, list[str]] = {}
        for s_iri, g in chosen.items():
            per_plan.setdefault(g, []).append(s_iri)
        answers = self.entity_answers(per_plan)
        parts = self.structure_parts(list(chosen))
        text = self.set_text(per_plan, answers)
        if parts:
            sep, colon = ("；", "：") if self.zh() else ("; ", ": ")
            text += " " + sep.join(f"{self.label(k)}{colon}{'、'.join(v)}" for k, v in parts.items()) + \
                ("。" if self.zh() else ".")
        ev = self.evidence(list(chosen), [a["label"] for a in answers] + [phrase])
        return Answer("", answers, text, q, ev, basis=("规划原文对该格局的表述" if self.zh() else
                                                       "the plan's own statement of the structure"))

    def structure_parts(self, iris: list[str]) -> dict[str, list[str]]:
        rows = self.store.select(_q(f"""SELECT ?s ?p WHERE {{ {values("s", iris)} ?s pk:hasPart ?p }} LIMIT 200"""))
        out: dict[str, list[str]] = {}
        for r in rows:
            lab = self.label(r["p"])
            if lab not in out.setdefault(r["s"], []):
                out[r["s"]].append(lab)
        return out

    def do_plans(self, intent: Intent) -> Answer:
        """The ingested plans (of a region, of a level)."""
        s = intent.slots
        plans = [p for p in self.index.main_plans()
                 if (not s.get("places") or set(p.regions) & set(s["places"]) or
                     any(a in s["places"] for r in p.regions for a in self.index.ancestors(r)))
                 and (not s.get("level") or p.level == s["level"])]
        q = f"""SELECT ?plan ?title ?level ?region WHERE {{
  {values("plan", [p.iri for p in plans] or ["urn:plankg:none"])}
  ?plan eli:title ?title . OPTIONAL {{ ?plan pk:level ?level }} OPTIONAL {{ ?plan pk:coversRegion ?region }}
}}"""
        self.select(q)
        answers = [{"label": p.title, "iri": p.iri, "level": p.level} for p in plans]
        if not answers:
            return Answer("", [], self.not_found(), q, [])
        names = ("、" if self.zh() else ", ").join(a["label"] for a in answers)
        text = f"图谱中有{len(answers)}个规划：{names}。" if self.zh() else f"{len(answers)} plans in the graph: {names}."
        ev = [self.ev_item(p, [a["label"] for a in answers]) for p in self.index.passages
              if p.kind == "title" and any(p.graph == i.graph for i in plans)][:MAX_EVIDENCE]
        return Answer("", answers, text, q, ev)

    def do_cites_check(self, intent: Intent) -> Answer:
        s = intent.slots
        ix = self.index
        lower = [p for p in ix.main_plans() if p.level.endswith(s["lower"]) or s["lower"] in p.level]
        higher = [p for p in ix.main_plans() if p.level.endswith(s["higher"]) or s["higher"] in p.level]
        q = f"""SELECT DISTINCT ?plan ?cited ?title WHERE {{
  {values("plan", [p.iri for p in lower] or ["urn:plankg:none"])}
  ?plan eli:cites|pk:higherPlan|eli:based_on ?cited .
  OPTIONAL {{ ?cited eli:title|pk:citedTitle|rdfs:label ?title }}
}}"""
        rows = self.select(q)
        answers = []
        for p in lower:
            above = [h for h in higher if any(a in h.regions for r in p.regions for a in ix.ancestors(r))] or higher
            cited = {r["cited"] for r in rows if r["plan"] == p.iri}
            titles = {_title_key(str(r.get("title") or "")) for r in rows if r["plan"] == p.iri}
            missing = [h for h in above if h.iri not in cited and _title_key(h.title) not in titles]
            if missing:
                answers.append({"label": p.title, "iri": p.iri, "missing": [h.title for h in missing]})
        if not lower:
            text = "图谱中没有该级别的规划。" if self.zh() else "No plan of that level is in the graph."
        elif answers:
            text = ("以下规划没有引用上级规划：" + "；".join(f"《{a['label']}》未引用《{'》《'.join(a['missing'])}》"
                                                 for a in answers) + "。") if self.zh() else \
                "Plans not citing their higher plan: " + "; ".join(a["label"] for a in answers) + "."
        else:
            text = (f"已入库的{len(lower)}个规划都引用了上级规划。" if self.zh() else
                    f"All {len(lower)} plans of that level cite their higher plan.")
        return Answer("", answers, text, q, [], basis="eli:cites / pk:higherPlan")

    # -- answers, evidence, basis --------------------------------------------------------------
    def group_by_plan(self, rows: list[dict], var: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for r in rows:
            g = r.get("g", "")
            if g in self.index.plans and self.index.plans[g].is_annex:
                parent = self.index.plans[g].plan_of_annex
                g = next((k for k, v in self.index.plans.items() if v.iri == parent), g)
            lst = out.setdefault(g, [])
            if r[var] not in lst:
                lst.append(r[var])
        return out

    def entity_answers(self, per_plan: dict[str, list[str]]) -> list[dict]:
        seen: dict[str, dict] = {}
        for g, iris in per_plan.items():
            for iri in iris:
                item = seen.setdefault(iri, {"label": self.label(iri), "iri": iri, "plans": []})
                item["plans"].append(self.index.plan_title(g))
        return list(seen.values())

    def set_text(self, per_plan: dict[str, list[str]], answers: list[dict]) -> str:
        if not answers:
            return self.not_found()
        sets = {g: frozenset(v) for g, v in per_plan.items()}
        if len(sets) > 1 and len(set(sets.values())) > 1:
            parts = [f"《{self.index.plan_title(g)}》：{'、'.join(self.label(i) for i in v)}" if self.zh() else
                     f"{self.index.plan_title(g)}: {', '.join(self.label(i) for i in v)}" for g, v in per_plan.items()]
            head = "各规划的说法不同——" if self.zh() else "The plans differ — "
            return head + ("；".join(parts) + "。" if self.zh() else "; ".join(parts) + ".")
        names = ("、" if self.zh() else ", ").join(a["label"] for a in answers)
        src = "、".join(f"《{self.index.plan_title(g)}》" for g in per_plan)
        if len(sets) > 1:  # several plans, and they agree
            if self.zh():
                return f"{len(sets)}个规划的说法一致，共{len(answers)}项：{names}（据{src}）。"
            return (f"The {len(sets)} plans agree — {len(answers)} found: {names} "
                    f"(from {src.replace('《', '').replace('》', '')}).")
        if self.zh():
            return f"共{len(answers)}项：{names}（据{src}）。"
        return f"{len(answers)} found: {names} (from {src.replace('《', '').replace('》', '')})."

    def plan_list(self, per_plan: dict[str, list[str]]) -> list[dict]:
        return [{"plan": self.index.plan_title(g), "graph": g, "answers": [self.label(i) for i in v]}
                for g, v in per_plan.items()]

    def scope_graphs(self, slots: dict) -> set[str] | None:
        return set(self.index.plan_graphs(set(slots["plans"]))) if slots.get("plans") else None

    def basis(self, slots: dict, tag: str | None, answer_iris: list[str]) -> str | None:
        parts = []
        zh = self.zh()
        if slots.get("places"):
            names = ("、" if zh else ", ").join(self.term(p) for p in slots["places"])
            col = self.place_column(answer_iris, slots["places"])
            parts.append((f"实施地点/所在地（pk:locatedIn）：{names}" + (f"，来自表格“{col}”列" if col else ""))
                         if zh else f"location (pk:locatedIn): {names}" + (f", from the table column “{col}”" if col else ""))
        if slots.get("segments"):
            names = "、".join(self.term(p) for p in slots["segments"])
            col = self.place_column(answer_iris, slots["segments"])
            parts.append((f"区段（pk:segment）：{names}" + (f"，来自表格“{col}”列" if col else "")) if zh else
                         f"segment (pk:segment): {names}" + (f", from the table column “{col}”" if col else ""))
        if slots.get("categories"):
            parts.append(("类别（pk:category）：" if zh else "category (pk:category): ") +
                         "、".join(self.term(p) for p in slots["categories"]))
        if slots.get("roles"):
            parts.append(("职能/等级（pk:role）：" if zh else "role (pk:role): ") +
                         "、".join(self.term(p) for p in slots["roles"]))
        if slots.get("programmes") or tag:
            names = "、".join(self.label(p) for p in slots.get("programmes") or []) or tag
            parts.append((f"所属行动/名录（规划原文的列举）：{names}" if zh else
                          f"programme or list stated by the plan: {names}"))
        if slots.get("groups"):
            parts.append(("规划列举的名录：" if zh else "the plan's enumeration: ") +
                         "、".join(self.label(g) for g in slots["groups"]))
        return ("；" if zh else "; ").join(parts) if parts else None

    def place_column(self, answer_iris: list[str], concept_iris: list[str]) -> str | None:
        """Header of the table column whose cells hold the place/segment name, when the answer rests on a table."""
        labels = {norm(self.label(c)) for c in concept_iris}
        labels |= {lab[:-1] for lab in labels if lab.endswith(STRIP_SUFFIX) and len(lab) > 2}
        for iri in answer_iris[:5]:
            for src in self.sources_of(iri):
                p = self.index.passage_by_iri.get(src)
                cells = getattr(p, "cells", None) if p else None
                if not cells:
                    continue
                header = self.index.header_of(p)
                for i, c in enumerate(cells):
                    if header and i < len(header) and any(lab and lab in norm(c) for lab in labels):
                        return header[i]
        return None

    def sources_of(self, iri: str) -> list[str]:
        return self.index.sources.get(iri, [])

    def evidence(self, iris: list[str], labels: list[str], graphs: set[str] | None = None) -> list[dict]:
        """Source passages of the answer nodes, best first (those naming the most answers)."""
        labels = list(labels) + [n for iri in iris[:50] for n in self.index.names_of.get(iri, ()) if len(n) >= 2]
        cands = []
        seen = set()
        for iri in iris:
            for src in self.sources_of(iri):
                p = self.index.passage_by_iri.get(src)
                if p is None or src in seen or (graphs and p.graph not in graphs and
                                                not self.index.plans.get(p.graph, PlanInfo("", "", "")).is_annex):
                    continue
                seen.add(src)
                hits = sum(1 for lab in labels if lab and norm(str(lab)) in norm(p.text))
                cands.append((hits, -len(cands), p))
        cands.sort(key=lambda x: (-x[0], -x[1]))
        out, covered = [], set()
        for _hits, _, p in cands:
            named = {lab for lab in labels if lab and norm(str(lab)) in norm(p.text)}
            if out and named and named <= covered:
                continue
            covered |= named
            out.append(self.ev_item(p, labels))
            if len(out) >= MAX_EVIDENCE:
                break
        return out

    def ev_item(self, p: Passage, marks: list) -> dict:
        info = self.index.plans.get(p.graph)
        return {"plan": p.plan_title or self.index.plan_title(p.graph), "section": p.section, "text": p.text,
                "passage": p.iri, "graph": p.graph, "plan_iri": info.iri if info else None,
                "highlights": sorted({str(m) for m in marks if m and str(m) in p.text}, key=len, reverse=True)[:20]}

    def not_found(self) -> str:
        return "图谱中没有找到答案。" if self.zh() else "No answer was found in the graph."

    # -- text search fallback ------------------------------------------------------------------
    def do_search(self, question_text: str, after_empty: bool = False, graphs: set[str] | None = None) -> Answer:
        ix = self.index
        toks = tokens(question_text)[:200]
        if not toks or not ix.passages:
            return Answer("", [], self.not_understood(), "", [], understood=False)
        scores = ix.bm25().get_scores(toks)
        # headings and titles repeat the words without saying anything: rank them below body text
        scores = [sc * (0.4 if ix.passages[i].kind in ("heading", "title") or len(ix.passages[i].text) < 16 else 1.0)
                  for i, sc in enumerate(scores)] if ix.passages else scores
        if graphs and any(sc > 0 and ix.passages[i].graph in graphs for i, sc in enumerate(scores)):
            # the question names a plan's region: that plan's passages first
            scores = [sc if ix.passages[i].graph in graphs else 0.0 for i, sc in enumerate(scores)]
        order = sorted(range(len(scores)), key=lambda i: -scores[i])[:3]
        order = [i for i in order if scores[i] > 0]
        if not order:
            msg = ("没有理解这个问题，全文检索也没有找到相关段落。" if self.zh() else
                   "Not understood, and a text search found no matching passage.")
            return Answer("", [], msg, "", [], understood=False)
        ev = []
        for i in order:
            p = ix.passages[i]
            words = sorted({t for t in toks if t in p.text}, key=len, reverse=True)
            item = self.ev_item(p, words)
            item["score"] = round(float(scores[i]), 3)
            ev.append(item)
        best = ix.passages[order[0]]
        snippet = best.text if len(best.text) <= 160 else best.text[:160] + "…"
        if self.zh():
            head = "以下是" if after_empty else "没有匹配的查询模板，以下是"
            text = (f"{head}全文检索（BM25 文本搜索，不是图谱查询）的结果。最相关的段落出自"
                    f"《{best.plan_title}》{best.section}：{snippet}")
        else:
            head = "Below is" if after_empty else "No query template fits; below is"
            text = (f"{head} a plain text search (BM25), not a graph answer. Best passage, "
                    f"from {best.plan_title} {best.section}: {snippet}")
        return Answer("", [], text, "", ev, understood=False, basis="text search (BM25)")

    def not_understood(self) -> str:
        return ("没有理解这个问题。可以试试：某地有哪些重点镇？某指标到某年的目标是多少？规划基期年是哪一年？"
                if self.zh() else "The question was not understood. Try: which key towns are in a county? "
                "what is the target of an indicator by a year? what is the base year of the plan?")


def comparable(r: dict) -> tuple[float, str] | None:
    """(value, unit) in a common unit: canonical value when given, else a known conversion to 公顷."""
    if r.get("canon") is not None:
        try:
            return float(r["canon"]), str(r.get("cunit") or "")
        except (TypeError, ValueError):
            pass
    try:
        v = float(r["value"])
    except (TypeError, ValueError):
        return None
    unit = str(r.get("unit") or "")
    factor = {"万亩": 666.667, "亩": 0.0666667, "公顷": 1.0, "平方公里": 100.0, "平方千米": 100.0, "km2": 100.0,
              "km²": 100.0}.get(unit)
    return (v * factor, "公顷") if factor else (v, unit)


def _curie(iri: str) -> str:
    for pre, ns in (("pk:", PK), ("eli:", "http://data.europa.eu/eli/ontology#")):
        if iri.startswith(ns):
            return pre + iri[len(ns):]
    return iri


def _title_key(t: str) -> str:
    return re.sub(r"（[^）]*(稿|草案|年|送审|报批)[^）]*）", "", norm(t))


def _int(v) -> int | None:
    try:
        return int(str(v)[:4]) if v is not None else None
    except ValueError:
        return None


def _tail(v) -> str | None:
    if not v:
        return None
    return str(v).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------
def ask(store, question: str, context: dict | None = None, lang: str | None = None) -> dict:
    """Answer one question; ``context`` is the previous answer's ``intent`` (for follow-ups)."""
    question = question if isinstance(question, str) else str(question)
    question = "".join(ch for ch in question if ch >= " " or ch in "\n\t")  # control characters out
    lang = lang or ("en" if is_english(question) else "zh")
    try:
        return _ask(store, question, context, lang)
    except Exception as exc:  # noqa: BLE001 - a question must get an answer, never a crash; log the cause
        from plankg import errors

        if isinstance(exc, errors.StoreError):
            raise
        log.exception("ask failed for %r", question[:200])
        msg = "回答这个问题时出错，没有理解这个问题。" if lang == "zh" else "The question could not be answered."
        return Answer(question, [], msg, "", [], understood=False, lang=lang,
                      intent={"kind": "none", "slots": {}}, notes=["internal error (logged)"]).to_dict()


def _ask(store, question: str, context: dict | None, lang: str) -> dict:
    t0 = time.perf_counter()
    index = get_index(store)
    context = clean_context(context, index)
    runner = Runner(store, index, lang)
    notes = []
    if len(question) > MAX_QUESTION_CHARS:
        notes.append(f"question cut to {MAX_QUESTION_CHARS} characters")
    if not index.plans:
        msg = ("图谱中还没有规划：请先运行 `plankg ingest 规划文件`。" if lang == "zh" else
               "The store holds no plan yet: run `plankg ingest PLAN_FILE` first.")
        return Answer(question, [], msg, "", [], understood=False, lang=lang, intent={"kind": "none", "slots": {}},
                      notes=["empty store"]).to_dict()
    intent, mentions, text = classify(question, index, context)
    handler = {"entities": runner.do_entities, "where": runner.do_where, "count": runner.do_count,
               "value": runner.do_value, "meta": runner.do_meta, "compliance": runner.do_compliance,
               "cites_check": runner.do_cites_check, "plans": runner.do_plans,
               "structure": runner.do_structure}.get(intent.kind)
    regions = {m.refs[0].iri for m in mentions if m.refs[0].kind == "division"}
    named = {m.refs[0].iri for m in mentions if m.refs[0].kind == "plan"}
    scope = {g for g, p in index.plans.items() if set(p.regions) & regions or p.iri in named} or None
    if intent.kind == "none":
        ans = Answer("", [], runner.not_understood(), "", [], understood=False)
    elif handler is None:
        ans = runner.do_search(text, graphs=scope)
    else:
        if intent.kind == "value":
            intent.slots["mention_iris"] = [m.refs[0].iri for m in mentions if m.refs[0].kind in ("entity", "division")]
        ans = handler(intent)
        if not ans.answers and intent.kind in ("entities", "count", "value", "where", "structure"):
            fb = runner.do_search(text, after_empty=True, graphs=scope)  # say plainly that the graph had nothing and show the text search
            ans.text = ans.text + " " + fb.text
            ans.evidence = fb.evidence
    ans.question = question
    ans.intent = intent.to_dict()
    ans.lang = lang
    ans.notes = notes + ans.notes
    if not ans.sparql and runner.queries:
        ans.sparql = runner.queries[-1]
    ans.ms = round((time.perf_counter() - t0) * 1000, 1)
    return ans.to_dict()


def ask_many(store, questions: list[str]) -> list[dict]:
    """A conversation: each question may follow up on the previous one."""
    out, ctx = [], None
    for q in questions:
        res = ask(store, q, ctx)
        if res.get("understood") and res["intent"]["kind"] not in ("search", "none"):
            ctx = res["intent"]
        out.append(res)
    return out


def clean_context(ctx, index: Index) -> dict | None:
    """A follow-up context from a client: keep known slot names, and only IRIs the index knows."""
    if not isinstance(ctx, dict) or ctx.get("kind") not in {"entities", "where", "count", "value", "meta",
                                                             "compliance", "cites_check", "plans", "structure"}:
        return None
    known = set(index.types) | {p.iri for p in index.plans.values()}
    slots_in = ctx.get("slots") if isinstance(ctx.get("slots"), dict) else {}
    slots: dict = {}
    for key in ("places", "roles", "categories", "segments", "classes", "groups", "programmes", "subjects",
                "plans", "indicators", "soft_programmes", "levels"):
        vals = slots_in.get(key)
        if isinstance(vals, list):
            slots[key] = [v for v in vals if isinstance(v, str) and (v in known or v in index.subclasses
                                                                      or any(v in c for c in index.class_labels.values()))]
    if slots_in.get("value_kind") in ("Allocation", "Measurement", "Target"):
        slots["value_kind"] = slots_in["value_kind"]
    if isinstance(slots_in.get("phrase"), str) and len(slots_in["phrase"]) <= 12:
        slots["phrase"] = slots_in["phrase"]
    if slots_in.get("level") in ("province", "city", "county", "township"):
        slots["level"] = slots_in["level"]
    for key in ("years",):
        vals = slots_in.get(key)
        if isinstance(vals, list):
            slots[key] = [int(v) for v in vals if isinstance(v, int) and 1900 <= v <= 2200]
    if isinstance(slots_in.get("soft_words"), list):
        slots["soft_words"] = [w for w in slots_in["soft_words"] if isinstance(w, str) and len(w) <= 8]
    if ctx["kind"] == "meta":
        if slots_in.get("prop") not in Runner.META_PROPS:
            return None
        slots["prop"] = slots_in["prop"]
        props_in = slots_in.get("props") if isinstance(slots_in.get("props"), list) else []
        slots["props"] = [p for p in props_in if p in Runner.META_PROPS] or [slots["prop"]]
    if ctx["kind"] == "cites_check":
        for k in ("lower", "higher"):
            v = slots_in.get(k)
            slots[k] = v if v in ("province", "city", "county", "township") else ("county" if k == "lower" else "city")
    return {"kind": ctx["kind"], "slots": slots}


# ---------------------------------------------------------------------------------------------
# Facts for the entity and plan pages
# ---------------------------------------------------------------------------------------------
def entity_facts(store, iri: str) -> dict | None:
    if not _IRI_OK.match(iri or ""):
        return None
    index = get_index(store)
    node = sparql_iri(iri)
    out_rows = store.select(_q(f"""SELECT ?g ?p ?o WHERE {{ GRAPH ?g {{ {node} ?p ?o }} }} LIMIT 500"""))
    in_rows = store.select(_q(f"""SELECT ?g ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p {node} }}
        FILTER(?p != rdf:subject && ?p != rdf:object) }} LIMIT 500"""))
    if not out_rows and not in_rows:
        return None
    def term(v):
        if isinstance(v, str) and v.startswith(("http://", "https://")):
            return {"iri": v, "label": index.labels.get(v, _tail(v))}
        return {"value": fmt_number(v) if isinstance(v, float) else str(v)}
    facts, sources = [], []
    for r in out_rows:
        pname = _tail(r["p"])
        if pname == "source":
            p = index.passage_by_iri.get(r["o"])
            if p:
                sources.append({"plan": p.plan_title, "section": p.section, "text": p.text, "passage": p.iri})
            continue
        facts.append({"property": pname, "graph": r["g"], "plan": index.plan_title(r["g"]), **term(r["o"])})
    incoming = [{"property": _tail(r["p"]), "plan": index.plan_title(r["g"]), **term(r["s"])} for r in in_rows
                if index.labels.get(r["s"]) and _tail(r["p"]) not in ("source", "mentions")]
    return {"iri": iri, "label": index.labels.get(iri, _tail(iri)), "types": sorted(_tail(t) for t in index.types.get(iri, ())
                                                                                   if t != "concept"),
            "facts": facts, "incoming": incoming[:200], "sources": sources[:20]}


def plan_outline(store, iri: str) -> dict | None:
    index = get_index(store)
    infos = [p for p in index.plans.values() if p.iri == iri or p.plan_of_annex == iri]
    if not infos:
        return None
    main = next((p for p in infos if p.iri == iri and not p.is_annex), infos[0])
    facts = entity_facts(store, iri) or {"facts": []}
    sections, seen = [], set()
    for p in index.passages:
        if p.graph in {i.graph for i in infos} and p.section and (p.graph, p.section) not in seen:
            seen.add((p.graph, p.section))
            sections.append({"section": p.section, "graph": p.graph, "first": p.text[:80]})
    audit = None
    try:
        rows = store.select(_q(f"""SELECT ?r ?p ?o WHERE {{ ?r a ?t ; ?p ?o . {values("plan", [iri])}
            ?r pk:auditedPlan ?plan }} LIMIT 200"""))
        audit = rows or None
    except Exception:  # noqa: BLE001 - audit results are optional
        audit = None
    seen, ordered = set(), []
    for f in facts["facts"]:  # one row per fact (the annex repeats some), metadata before long lists
        key = (f["property"], f.get("iri") or f.get("value"))
        if key not in seen:
            seen.add(key)
            ordered.append(f)
    ordered.sort(key=lambda f: f["property"] in ("adopts", "cites", "has_part", "type"))
    return {"iri": iri, "title": main.title, "level": main.level, "graphs": [i.graph for i in infos],
            "annexes": [i.title for i in infos if i.is_annex], "facts": ordered, "sections": sections,
            "audit": audit}


def examples(store) -> dict[str, list[str]]:
    """Example questions built from what the graph holds (so they fit any ingested plans)."""
    ix = get_index(store)
    zh, en = [], []
    # the town role most often given to divisions, and the division with most such towns
    rows = store.select(_q("""SELECT ?r ?d (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e pk:role ?r ; pk:withinDivision ?d .
        ?d pk:withinDivision ?up . FILTER(STRSTARTS(STR(?r), STR(pkv:))) } GROUP BY ?r ?d ORDER BY DESC(?n) ?d LIMIT 1"""))
    if rows and rows[0]["d"] in ix.labels and rows[0]["r"] in ix.labels:
        place, role = ix.labels[rows[0]["d"]], ix.labels[rows[0]["r"]]
        zh.append(f"{place}有哪些{role}？")
        en_role = next((str(r["l"]) for r in store.select(_q(f"""SELECT ?l WHERE {{ {sparql_iri(rows[0]['r'])}
            skos:prefLabel ?l FILTER(LANG(?l) = "en") }}"""))), "")
        if en_role:
            en.append(f"Which {en_role}s are in {_en_name(place)}?")
    rows = store.select(_q("""SELECT ?d (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a pk:Project ; pk:locatedIn ?d }
        GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT 1"""))
    if rows and rows[0]["d"] in ix.labels:
        zh.append(f"哪些工程位于{ix.labels[rows[0]['d']]}？")
        en.append(f"Which projects are in {_en_name(ix.labels[rows[0]['d']])}?")
    rows = store.select(_q("""SELECT ?i ?y WHERE { ?v pk:indicator ?i ; pk:year ?y ; a pk:Target } ORDER BY ?y ?i LIMIT 1"""))
    if rows and rows[0]["i"] in ix.labels:
        zh.append(f"到{rows[0]['y']}年{ix.labels[rows[0]['i']]}目标是多少？")
    rows = store.select(_q("""SELECT ?g ?n WHERE { ?g a pk:Group ; pk:declaredCount ?n ; pk:listedCount ?n .
        FILTER(?n >= 2) } ORDER BY ?n ?g LIMIT 20"""))
    for r in rows:
        lab = ix.labels.get(r["g"], "")
        if re.match(r"^[一二两三四五六七八九十]", lab):
            zh.append(f"“{lab}”是哪些？")
            break
    zh.append("规划基期年是哪一年？")
    en.append("What is the base year of the plan?")
    return {"zh": zh, "en": en}


def _en_name(label: str) -> str:
    from pypinyin import lazy_pinyin

    for suf, word in EN_SUFFIX:
        if label.endswith(suf) and len(label) > len(suf):
            return "".join(lazy_pinyin(label[: -len(suf)])).capitalize() + " " + word
    return "".join(lazy_pinyin(label)).capitalize()
