"""Names, kinds and plans of one store state, for linking questions; passages live in ``ask.passages``.

``get_index(store)`` keeps one index per store and rebuilds it when the store's named graphs or size
change — one rebuild at a time (single flight): while one runs, callers holding an older index keep
answering from it, and the others wait for the new one.
"""
from __future__ import annotations

import functools
import logging
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from plankg.ask.english import english_forms, prefer_label
from plankg.ask.model import PlanInfo, Ref
from plankg.ask.passages import PassageIndex, index_path
from plankg.ask.templates import PK, with_prefixes
from plankg.ask.text import norm, title_key

log = logging.getLogger(__name__)

STRIP_SUFFIX = ("市", "县", "区", "镇", "乡")
RECHECK_SECONDS = 5.0  # the store's size (a full count on large stores) is re-read at most this often

# Words naming classes of things (general planning vocabulary), beyond the ontology's own labels
CLASS_WORDS = [("工程", "Project"), ("项目", "Project"), ("高速公路", "Expressway"), ("高速", "Expressway"),
               ("机场", "Airport"), ("管道", "Pipeline"), ("主干路", "Street"), ("道路", "Road"),
               ("河流", "River"), ("水库", "Reservoir"), ("产业园区", "IndustrialPark"), ("园区", "IndustrialPark"),
               ("铁路", "Railway"), ("公园", "Park"), ("自然保护地", "ProtectedArea"), ("文物", "HeritageSite"),
               ("战略", "Strategy"), ("产业集群", "IndustryCluster"), ("乡镇", "Town"), ("城镇", "Town"),
               ("乡镇", "Township"), ("街道", "Street")]
_PASSAGE_TYPES = "pk:Passage, pk:Section, pk:Heading, pk:Paragraph, pk:ListItem, pk:TableRow, pk:Chapter, pk:Table"


class Index:
    """Names, kinds and plans of one store state; its passages through ``self.passages``."""

    def __init__(self, store, passages: PassageIndex | None = None):
        self.store = store
        self.passages = passages or PassageIndex(index_path(store.location))
        self.names: dict[str, set[Ref]] = defaultdict(set)
        self._en_sources: list[tuple[str, Ref]] = []  # names whose English forms are made on first use
        self.names_of: dict[str, set[str]] = defaultdict(set)
        self.labels: dict[str, str] = {}
        self.en_labels: dict[str, str] = {}
        self.types: dict[str, set[str]] = defaultdict(set)
        self.groups: dict[str, Ref] = {}
        self.group_graphs: dict[str, set[str]] = defaultdict(set)
        self.indicators: dict[str, Ref] = {}
        self.programmes: dict[str, Ref] = {}
        self.concept_use: dict[str, set[str]] = defaultdict(set)  # concept → {role, category, segment}
        self.plans: dict[str, PlanInfo] = {}  # graph IRI → plan info
        self.class_labels: dict[str, set[str]] = defaultdict(set)  # word → class IRIs
        self.subclasses: dict[str, set[str]] = defaultdict(set)
        self.division_parent: dict[str, str] = {}
        self.max_len = 1
        self._build()

    # -- building
    def _rows(self, body: str) -> list[dict]:
        return self.store.select(with_prefixes(body))

    def _build(self) -> None:
        for r in self._rows("SELECT ?c ?sup WHERE { ?c rdfs:subClassOf ?sup }"):
            self.subclasses[r["sup"]].add(r["c"])
        for r in self._rows("""SELECT ?c ?l WHERE { ?c a owl:Class ; rdfs:label ?l .
                               FILTER(STRSTARTS(STR(?c), STR(pk:))) }"""):
            self.class_labels[norm(r["l"]).lower()].add(r["c"])
        for word, cls in CLASS_WORDS:
            self.class_labels[word].add(PK + cls)
        for r in self._rows(f"""SELECT ?s ?t WHERE {{ ?s a ?t . FILTER(STRSTARTS(STR(?t), STR(pk:)))
                               FILTER(?t NOT IN ({_PASSAGE_TYPES})) }}"""):
            self.types[r["s"]].add(r["t"])
        for r in self._rows("SELECT ?c WHERE { ?c a skos:Concept }"):
            self.types[r["c"]].add("concept")
        for prop in ("role", "category", "segment", "memberRole", "divisionLevel"):
            for r in self._rows(f"SELECT DISTINCT ?c WHERE {{ ?x pk:{prop} ?c }}"):
                self.concept_use[r["c"]].add("role" if prop == "memberRole" else prop)
                self.types[r["c"]].add("concept")
        for r in self._rows("SELECT DISTINCT ?g ?x WHERE { GRAPH ?g { ?x a ?t } "
                            "VALUES ?t { pk:Group pk:SpatialStructure pk:NamedNetwork } }"):
            self.group_graphs[r["x"]].add(r["g"])
        for r in self._rows("SELECT DISTINCT ?i WHERE { ?v pk:indicator ?i }"):
            self.types[r["i"]].add(PK + "Indicator")
        for r in self._rows("SELECT ?d ?p WHERE { ?d pk:withinDivision ?p }"):
            self.division_parent[r["d"]] = r["p"]
        self._load_labels()
        self.en_labels = {r["s"]: str(r["l"]) for r in self._rows(
            """SELECT ?s ?l WHERE { ?s rdfs:label|skos:prefLabel ?l FILTER(LANGMATCHES(LANG(?l), "en")) }""")}
        self._load_plans()
        self.passages.sync(self.store, {g: self.plan_title(g) for g in self.plans})
        self.max_len = max((len(k) for k in self.names), default=1)

    def _load_labels(self) -> None:
        label_rows = self._rows("""SELECT ?s ?l ?alt WHERE {
              { ?s rdfs:label ?l } UNION { ?s skos:prefLabel ?l } UNION { ?s eli:title ?l }
              UNION { ?s pk:citedTitle ?l } UNION { ?s skos:altLabel ?l BIND(true AS ?alt) } }""")
        for r in label_rows:
            s, lab = r["s"], str(r["l"])
            if s not in self.types:
                continue
            if not r.get("alt") and (s not in self.labels or prefer_label(lab, self.labels[s])):
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
            self._en_sources.append((key, ref))

    def _load_plans(self) -> None:
        """The ingested plan documents: a graph per document, its plan carries ``pk:planId``."""
        rows = self._rows("""SELECT ?g ?p ?title ?level ?ptype ?region ?annex ?annexTitle WHERE { GRAPH ?g {
              ?p pk:planId ?pid . OPTIONAL { ?p eli:title ?title } OPTIONAL { ?p pk:level ?level }
              OPTIONAL { ?p pk:planType ?ptype }
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
            if r.get("ptype"):
                info.plan_type = r["ptype"].rsplit("/", 1)[-1]
            if r.get("region") and r["region"] not in info.regions:
                info.regions = info.regions + (r["region"],)
        for info in self.plans.values():
            if not info.is_annex:
                self.types[info.iri].add(PK + "Plan")
                self._add_name(info.title, Ref(info.iri, "plan", info.title))
                self._add_name(title_key(info.title), Ref(info.iri, "plan", info.title))
        for short, iri in self._short_plan_names().items():
            self._add_name(short, Ref(iri, "plan", next(p.title for p in self.main_plans() if p.iri == iri)))
        for info in self.plans.values():  # an annex covers what its plan covers
            if info.is_annex:
                parent = next((p for p in self.plans.values() if p.iri == info.plan_of_annex and not p.is_annex), None)
                if parent:
                    info.regions, info.level, info.plan_type = parent.regions, parent.level, parent.plan_type

    def _short_plan_names(self) -> dict[str, str]:
        """A plan's title without the name of its own region in front ("朔州市桑干河…专项规划" →
        "桑干河…专项规划"), when no other plan's title shortens to the same words."""
        found: dict[str, set[str]] = defaultdict(set)
        for info in self.main_plans():
            key = title_key(info.title)
            for region in info.regions:
                label = norm(self.labels.get(region, ""))
                forms = {label} | {label[: -len(suf)] for suf in STRIP_SUFFIX if label.endswith(suf) and len(label) > 2}
                for form in forms:
                    rest = key[len(form):]
                    if form and key.startswith(form) and len(rest) >= 6 and "规划" in rest:
                        found[rest].add(info.iri)
        return {short: next(iter(iris)) for short, iris in found.items() if len(iris) == 1}

    @functools.cached_property
    def en_names(self) -> dict[str, set[Ref]]:
        """English forms of place and entity names (pinyin + suffix word), made when an English question
        first needs them: pinyin for every name would cost most of the index's build time."""
        out: dict[str, set[Ref]] = defaultdict(set)
        for key, ref in self._en_sources:
            for en in english_forms(key, ref.kind == "division"):
                out[en].add(ref)
        return out

    # -- lookups
    def document_plan(self, label: str) -> str | None:
        """The ingested plan a printed plan name refers to (same title without edition/period notes)."""
        key = title_key(label)
        for info in self.main_plans():
            if key and (title_key(info.title) == key or title_key(info.title).startswith(key)):
                return info.iri
        return None

    @functools.cached_property
    def section_labels(self) -> set[str]:
        return {norm(re.sub(r"^[0-9.\s]+", "", s)) for s in self.passages.section_labels()}

    def plan_graphs(self, plan_iris: set[str] | None = None, include_annexes: bool = True) -> dict[str, PlanInfo]:
        out = {}
        for g, info in self.plans.items():
            if plan_iris is None or info.iri in plan_iris or (include_annexes and info.plan_of_annex in plan_iris):
                out[g] = info
        return out

    def plans_covering(self, regions) -> list[PlanInfo]:
        """The main plans whose region is one of ``regions``."""
        wanted = set(regions)
        return [p for p in self.main_plans() if set(p.regions) & wanted]

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


@functools.lru_cache(maxsize=1)
def class_suffixes() -> dict[str, tuple[str, ...]]:
    """Name-forming suffixes per class, from the extraction's own general vocabulary (suffixes.tsv)."""
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


# ---------------------------------------------------------------------------------------------
# One index per store, rebuilt as a single flight
# ---------------------------------------------------------------------------------------------
@dataclass
class _Entry:
    key: tuple
    index: Index
    checked: float


_CACHE: dict[int, _Entry] = {}
_CACHE_LOCK = threading.Lock()
_BUILD_LOCKS: dict[int, threading.Lock] = {}


def _build_lock(store) -> threading.Lock:
    with _CACHE_LOCK:
        return _BUILD_LOCKS.setdefault(id(store), threading.Lock())


def get_index(store) -> Index:
    """The index of ``store``, rebuilt when its named graphs change, or its size (re-checked every few seconds,
    off the request path: counting a large store takes seconds).

    At most one rebuild per store runs at a time: a caller that already has an older index answers from it
    while the rebuild runs; a caller with none waits for it.
    """
    graphs = tuple(store.graphs())
    with _CACHE_LOCK:
        hit = _CACHE.get(id(store))
    if hit and hit.index.store is not store:
        hit = None  # an id reused by a new store object
    if hit and hit.key[0] == graphs:
        if time.monotonic() - hit.checked >= RECHECK_SECONDS:
            hit.checked = time.monotonic()  # one re-check at a time
            threading.Thread(target=_recheck, args=(store, hit), daemon=True).start()
        return hit.index
    return _rebuild(store, hit, (graphs, len(store)))


def _recheck(store, hit: _Entry) -> None:
    """Compare the store's named graphs and size with the index's; rebuild when they changed."""
    try:
        key = (tuple(store.graphs()), len(store))
        if key != hit.key:
            _rebuild(store, hit, key)
    except Exception:  # noqa: BLE001 - a background check must not die loudly (the store may be closing)
        log.warning("ask index re-check failed", exc_info=True)


def _rebuild(store, hit: _Entry | None, key: tuple) -> Index:
    lock = _build_lock(store)
    if not lock.acquire(blocking=hit is None):
        return hit.index  # a rebuild is under way: the previous index answers meanwhile
    try:
        with _CACHE_LOCK:
            done = _CACHE.get(id(store))
        if done and done.index.store is store and done.key == key:
            return done.index  # built by the caller we waited for
        t0 = time.perf_counter()
        idx = Index(store, hit.index.passages if hit else None)
        log.info("ask index built in %.0f ms", (time.perf_counter() - t0) * 1000)
        with _CACHE_LOCK:
            _CACHE[id(store)] = _Entry(key, idx, time.monotonic())
        return idx
    finally:
        lock.release()
