"""Names, kinds and plans of one store state, for linking questions; passages live in ``ask.passages``.

Nothing here copies the store into Python. Names, types, labels, concept uses and division parents
live in the persistent name table (``ask.names``, synced per named graph); the index reads them on
demand through read-only mappings (``names``, ``types``, ``labels``, …) that keep the old dict
semantics, with a bounded cache of the facts of the IRIs in play. What is small stays in memory:
the plans, the ontology's classes, the named lists, indicators and programmes, concept uses.

``get_index(store)`` keeps one index per store and rebuilds it when the store's named graphs or size
change — one rebuild at a time (single flight): while one runs, callers holding an older index keep
answering from it, and the others wait for the new one.
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import hashlib
import logging
import re
import threading
import time
from abc import abstractmethod
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources

from plankg.ask.english import prefer_label
from plankg.ask.model import PlanInfo, Ref
from plankg.ask.names import NameTable
from plankg.ask.passages import PassageIndex, index_path
from plankg.ask.templates import PK, with_prefixes
from plankg.ask.text import norm, title_key
from plankg.graph.versions import graph_stamps
from plankg.graph.versions import plans as stored_plans
from plankg.ontology import concept_label

log = logging.getLogger(__name__)

STRIP_SUFFIX = ("市", "县", "区", "镇", "乡")
RECHECK_SECONDS = 5.0  # the store's size (a full count on large stores) is re-read at most this often…
RECHECK_COST_FACTOR = 20  # …and at most once per 20× the time the last count took (≤ 5 % of a core)
FACT_CACHE = 50_000  # IRIs whose facts an index keeps at most (cleared when full)

# Words naming classes of things (general planning vocabulary), beyond the ontology's own labels
CLASS_WORDS = [("工程", "Project"), ("项目", "Project"), ("高速公路", "Expressway"), ("高速", "Expressway"),
               ("机场", "Airport"), ("管道", "Pipeline"), ("主干路", "Street"), ("道路", "Road"),
               ("河流", "River"), ("水库", "Reservoir"), ("产业园区", "IndustrialPark"), ("园区", "IndustrialPark"),
               ("铁路", "Railway"), ("公园", "Park"), ("自然保护地", "ProtectedArea"), ("文物", "HeritageSite"),
               ("战略", "Strategy"), ("产业集群", "IndustryCluster"), ("乡镇", "Town"), ("城镇", "Town"),
               ("乡镇", "Township"), ("街道", "Street")]
LIST_TYPES = (PK + "Group", PK + "SpatialStructure", PK + "NamedNetwork")


@dataclass
class Facts:
    """What the index knows of one IRI: its types, preferred label, kind and name keys."""
    types: set[str] = field(default_factory=set)
    label: str | None = None  # the preferred label (None: no label, or only alternative ones)
    first_label: str = ""  # any label (a Ref's label when there is no preferred one)
    kind: str = "entity"
    keys: dict[str, str] = field(default_factory=dict)  # name key → the label it comes from
    en_label: str | None = None


def kind_of(types: set[str]) -> str:
    if "concept" in types:
        return "concept"
    if PK + "Plan" in types or PK + "Annex" in types or PK + "CitedDocument" in types:
        return "plan"
    if PK + "Group" in types:
        return "group"
    if types & {PK + "SpatialStructure", PK + "NamedNetwork"}:
        return "structure"
    if PK + "Indicator" in types:
        return "indicator"
    if types & {PK + x for x in ("AdministrativeDivision", "Province", "City", "County", "Township")}:
        return "division"
    return "entity"


class _View(Mapping):
    """A read-only mapping over the name table (iteration reads the whole table: tools and tests only)."""

    def __init__(self, index: Index):
        self._index = index

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())

    @abstractmethod
    def _keys(self) -> list[str]:
        """Every key of the view, read from the name table."""


class _Types(_View):
    def __getitem__(self, iri: str) -> set[str]:
        t = self._index.facts(iri).types
        if not t:
            raise KeyError(iri)
        return t

    def _keys(self) -> list[str]:
        return sorted(set(self._index.table.distinct("types", "s")) | {p.iri for p in self._index.main_plans()})


class _Labels(_View):
    def __getitem__(self, iri: str) -> str:
        f = self._index.facts(iri)
        if not f.types or f.label is None:
            raise KeyError(iri)
        return f.label

    def _keys(self) -> list[str]:
        return [i for i in self._index.types if self._index.facts(i).label is not None]


class _EnLabels(_View):
    def __getitem__(self, iri: str) -> str:
        f = self._index.facts(iri)
        if f.en_label is None:
            raise KeyError(iri)
        return f.en_label

    def _keys(self) -> list[str]:
        return [i for i in self._index.table.distinct("types", "s") if self._index.facts(i).en_label is not None]


class _Parents(_View):
    def __getitem__(self, iri: str) -> str:
        p = self._index.parent(iri)
        if p is None:
            raise KeyError(iri)
        return p

    def _keys(self) -> list[str]:
        return self._index.table.distinct("parents", "d")


class _Names(_View):
    def __getitem__(self, key: str) -> set[Ref]:
        refs = self._index.lookup([key]).get(key)
        if not refs:
            raise KeyError(key)
        return refs

    def _keys(self) -> list[str]:
        table = self._index.table
        keys = set(table.distinct("labels", "key")) | set(table.distinct("short_keys", "key")) | \
            set(self._index.plan_names)
        return sorted(k for k in keys if k in self)


class _NamesOf(_View):
    def __getitem__(self, iri: str) -> set[str]:
        keys = set(self._index.facts(iri).keys) | self._index.plan_keys.get(iri, set())
        if not keys:
            raise KeyError(iri)
        return keys

    def _keys(self) -> list[str]:
        return [i for i in self._index.types if i in self]


class _EnNames(_View):
    def __getitem__(self, en: str) -> set[Ref]:
        refs = self._index.english_names_in(en).get(en)
        if not refs:
            raise KeyError(en)
        return refs

    def _keys(self) -> list[str]:
        return [en for en in self._index.table.distinct("english", "en") if en in self]


class Index:
    """Names, kinds and plans of one store state; its passages through ``self.passages``."""

    def __init__(self, store, passages: PassageIndex | None = None, table: NameTable | None = None,
                 total: int | None = None, trust_recorded: bool = False):
        """``total`` (the store's triple count, when the caller has it) lets the index trust the name
        table's per-graph counts instead of counting every graph again (seconds on a large store);
        ``trust_recorded`` trusts them without it. ``self.total`` is the count the index stands for."""
        self.store = store
        self.total = total
        self._trust = trust_recorded
        self.passages = passages or PassageIndex(index_path(store.location))
        self.table = table or NameTable(index_path(store.location))
        self._facts: dict[str, Facts] = {}
        self._parents: dict[str, str | None] = {}
        self.names: Mapping[str, set[Ref]] = _Names(self)
        self.names_of: Mapping[str, set[str]] = _NamesOf(self)
        self.labels: Mapping[str, str] = _Labels(self)
        self.en_labels: Mapping[str, str] = _EnLabels(self)
        self.types: Mapping[str, set[str]] = _Types(self)
        self.division_parent: Mapping[str, str] = _Parents(self)
        self.en_names: Mapping[str, set[Ref]] = _EnNames(self)
        self.groups: dict[str, Ref] = {}
        self.group_graphs: dict[str, set[str]] = defaultdict(set)
        self.indicators: dict[str, Ref] = {}
        self.programmes: dict[str, Ref] = {}
        self.concept_use: dict[str, set[str]] = defaultdict(set)  # concept → {role, category, segment}
        self.plans: dict[str, PlanInfo] = {}  # graph IRI → plan info (current versions and annexes)
        self.versions: dict[str, PlanInfo] = {}  # graph IRI → plan info, every stored version
        self.superseded: set[str] = set()  # graphs of versions a later version replaced as the default
        self.version_rank: dict[str, int] = {}  # graph IRI → its place among its plan's versions (0: oldest)
        self.plan_names: dict[str, set[Ref]] = defaultdict(set)  # plan titles, title keys, short titles
        self.plan_keys: dict[str, set[str]] = defaultdict(set)  # plan IRI → those keys
        self.class_labels: dict[str, set[str]] = defaultdict(set)  # word → class IRIs
        self.subclasses: dict[str, set[str]] = defaultdict(set)
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
        sizes, self.total = graph_sizes(self.store, self.table, self.total, self._trust)
        self.table.sync(self.store, sizes, self.total)
        self._load_plans()
        self.passages.sync(self.store, {g: self.plan_title(g) for g in self.versions}, sizes)
        generation, lists = self.table.derived("lists")
        if lists is None:  # the table changed since these were last derived
            lists = self._derive_lists()
            self.table.keep_derived("lists", generation, lists)
        for c, uses in lists["concept_use"].items():
            self.concept_use[c] = set(uses)
        for iri, graphs in lists["group_graphs"].items():
            self.group_graphs[iri] = set(graphs)
        for attr in ("groups", "indicators", "programmes"):
            getattr(self, attr).update({iri: Ref(iri, kind, label) for iri, (kind, label) in lists[attr].items()})
        self.max_len = max([lists["max_len"]] + [len(k) for k in self.plan_names])

    def _derive_lists(self) -> dict:
        """The named lists, indicators and programmes (fuzzy-matched against questions), concept uses, the
        graphs of each list, the longest name: as JSON, cached in the name table until it changes."""
        out: dict = {"groups": {}, "indicators": {}, "programmes": {}, "concept_use": defaultdict(list),
                     "group_graphs": defaultdict(list), "max_len": self.table.max_key_length()}
        for c, use in self.table.concept_uses():
            out["concept_use"][c].append(use)
        for iri, g in self.table.with_type(LIST_TYPES):
            out["group_graphs"][iri].append(g)
        iris = {s for s, _ in self.table.with_type((PK + "Group", PK + "Indicator", PK + "Programme"))}
        self.prefetch(iris)
        for iri in sorted(iris):
            f = self.facts(iri)
            if not f.keys:
                continue  # no label at all: never named, never listed
            item = (f.kind, f.label if f.label is not None else f.first_label)
            if f.kind == "group":
                out["groups"][iri] = item
            elif f.kind == "indicator":
                out["indicators"][iri] = item
            elif PK + "Programme" in f.types:
                out["programmes"][iri] = item
        return out

    def _load_plans(self) -> None:
        """The ingested plan documents: a graph per document, its plan carries ``pk:planId``."""
        rows = self._rows("""SELECT ?g ?p ?title ?level ?ptype ?region ?annex ?annexTitle ?step ?date WHERE { GRAPH ?g {
              ?p pk:planId ?pid . OPTIONAL { ?p eli:title ?title } OPTIONAL { ?p pk:level ?level }
              OPTIONAL { ?p pk:planType ?ptype } OPTIONAL { ?p pk:processStep ?step } OPTIONAL { ?p pk:issueDate ?date }
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
            if r.get("step") and not info.is_annex:
                info.status = concept_label(r["step"]) or r["step"].rsplit("/", 1)[-1]
            if r.get("date") and not info.is_annex:
                info.date = str(r["date"])
        known = stored_plans(self.store)  # a plan is read in its current version unless one is named
        self.superseded = {v.graph for p in known for v in p.versions if not v.current}
        self.version_rank = {v.graph: i for p in known for i, v in enumerate(p.versions)}
        for g, info in self.plans.items():
            info.superseded = g in self.superseded
        self.versions, self.plans = self.plans, {g: p for g, p in self.plans.items() if not p.superseded}
        for info in self.main_plans():
            self._add_plan_name(info.title, Ref(info.iri, "plan", info.title))
            self._add_plan_name(title_key(info.title), Ref(info.iri, "plan", info.title))
        self.prefetch({r for p in self.main_plans() for r in p.regions})
        for short, iri in self._short_plan_names().items():
            self._add_plan_name(short, Ref(iri, "plan", next(p.title for p in self.main_plans() if p.iri == iri)))
        for info in self.plans.values():  # an annex covers what its plan covers
            if info.is_annex:
                parent = next((p for p in self.plans.values() if p.iri == info.plan_of_annex and not p.is_annex), None)
                if parent:
                    info.regions, info.level, info.plan_type = parent.regions, parent.level, parent.plan_type

    def _add_plan_name(self, name: str, ref: Ref) -> None:
        key = norm(name)
        if len(key) >= 4:
            self.plan_names[key].add(ref)
            self.plan_keys[ref.iri].add(key)

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

    # -- the facts of the IRIs in play (read from the name table, cached with a bound)
    def facts(self, iri: str) -> Facts:
        f = self._facts.get(iri)
        if f is None:
            self.prefetch([iri])
            f = self._facts[iri]
        return f

    def prefetch(self, iris: Iterable[str]) -> None:
        """Read the facts of the IRIs not cached yet, in one query per table."""
        todo = [i for i in dict.fromkeys(iris) if i not in self._facts]
        if not todo:
            return
        if len(self._facts) + len(todo) > FACT_CACHE:
            self._facts = {}
        types = self.table.types_of(todo)
        labels = self.table.labels_of(todo)
        plans = {p.iri for p in self.main_plans()}
        for iri in todo:
            t = types.get(iri, set()) | ({PK + "Plan"} if iri in plans else set())
            f = Facts(types=t, kind=kind_of(t))
            for label, key, rank, lang in labels.get(iri, ()):
                f.first_label = f.first_label or label
                if rank < 4 and (f.label is None or prefer_label(label, f.label)):
                    f.label = label
                if rank < 2 and (lang.lower() == "en" or lang.lower().startswith("en-")) and f.en_label is None:
                    f.en_label = label
                if len(key) >= 2 and not (f.kind == "plan" and len(key) < 4) and t:
                    f.keys.setdefault(key, label)
            self._facts[iri] = f

    def _ref(self, iri: str, key: str) -> Ref:
        f = self.facts(iri)
        return Ref(iri, f.kind, f.label if f.label is not None else f.keys.get(key, f.first_label))

    def parent(self, iri: str) -> str | None:
        if iri not in self._parents:
            if len(self._parents) > FACT_CACHE:
                self._parents = {}
            self._parents[iri] = self.table.parent_of(iri)
        return self._parents[iri]

    # -- names
    def lookup(self, keys: Iterable[str]) -> dict[str, set[Ref]]:
        """Known names among ``keys`` → their refs (one query to the name table)."""
        keys = set(keys)
        rows = self.table.names_in(keys)
        self.prefetch(s for _, s, _ in rows)
        out: dict[str, set[Ref]] = defaultdict(set)
        for key, iri, short in rows:
            f = self.facts(iri)
            if not f.types or short and f.kind != "division":
                continue
            if short or key in f.keys:
                out[key].add(self._ref(iri, key))
        for key in keys & self.plan_names.keys():
            out[key] |= self.plan_names[key]
        return dict(out)

    def names_in(self, text: str) -> dict[str, set[Ref]]:
        """The known names among the substrings of ``text`` (what the linker needs of ``names``)."""
        n = len(text)
        return self.lookup({text[i:j] for i in range(n) for j in range(i + 2, min(n, i + self.max_len) + 1)})

    def english_names_in(self, text: str) -> dict[str, set[Ref]]:
        """English forms (pinyin + suffix word, lower case, no spaces) of place and entity names found in
        ``text`` → their refs."""
        n, longest = len(text), self.table.max_english_length()
        rows = self.table.english_in({text[i:j] for i in range(n) for j in range(i + 2, min(n, i + longest) + 1)})
        self.prefetch(s for _, s, _, _ in rows)
        out: dict[str, set[Ref]] = defaultdict(set)
        for en, iri, key, division_only in rows:
            f = self.facts(iri)
            if key in f.keys and f.kind in ("division", "entity") and not (division_only and f.kind != "division"):
                out[en].add(self._ref(iri, key))
        return dict(out)

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

    def versions_of(self, plan_iri: str) -> list[PlanInfo]:
        """Every stored version of a plan, oldest first (superseded ones included)."""
        return sorted((p for p in self.versions.values() if p.iri == plan_iri and not p.is_annex),
                      key=lambda p: self.version_rank.get(p.graph, 0))

    def with_version(self, statuses: list[str]) -> Index:
        """A view of this index in which each plan that has a version of one of ``statuses`` is that version
        ("…规划公示稿中…"); the index itself is shared by every request and stays as it is."""
        view = copy.copy(self)
        view.plans = {}
        for g, info in self.versions.items():
            siblings = [q for q in self.versions.values() if q.iri == info.iri and not q.is_annex]
            chosen = next((q for q in siblings if q.status in statuses), None)
            if info.is_annex or (info is chosen if chosen is not None else not info.superseded):
                view.plans[g] = dataclasses.replace(info, superseded=False)
        view.superseded = {g for g in self.versions if g not in view.plans}
        return view

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
        p = self.plans.get(graph) or self.versions.get(graph)
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


def graph_sizes(store, table: NameTable, total: int | None, trust: bool = False) -> tuple[dict[str, object], int | None]:
    """What each named graph is, as the index compares it with its record: the content stamp ingest wrote on
    it ("h:<hash>", so a changed text is seen even when its triple count is not), else its triple count.
    Unstamped graphs (loaded by hand) are counted, unless the store's ``total`` is the one the table recorded
    (``trust``: assume so without a total); returns the keys and the total they stand for."""
    graphs = store.graphs()
    stamps = graph_stamps(store)
    keys: dict[str, object] = {g: f"h:{stamps[g]}" for g in graphs if g in stamps}
    known, recorded = table.sizes()
    unchanged = recorded is not None and (recorded == total or trust and total is None)
    for g in graphs:
        if g not in keys:
            keys[g] = known[g] if unchanged and isinstance(known.get(g), int) else store.graph_size(g)
    return keys, total if total is not None else recorded


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
    check_cost: float = 0.0  # seconds the last re-check took (counting a large store is not free)


_CACHE: dict[int, _Entry] = {}
_CACHE_LOCK = threading.Lock()
_BUILD_LOCKS: dict[int, threading.Lock] = {}


def _build_lock(store) -> threading.Lock:
    with _CACHE_LOCK:
        return _BUILD_LOCKS.setdefault(id(store), threading.Lock())


def get_index(store, trust_recorded: bool = False) -> Index:
    """The index of ``store``, rebuilt when its named graphs change, or its size (re-checked every few seconds,
    off the request path: counting a large store takes seconds).

    At most one rebuild per store runs at a time: a caller that already has an older index answers from it
    while the rebuild runs; a caller with none waits for it (and finds it built by whoever held the lock).
    ``trust_recorded`` (a server warming up) opens the index without counting the store: the name table's
    recorded counts stand for the graphs it knows, and the count is checked right after, off the request path.
    """
    graphs = tuple(store.graphs())
    with _CACHE_LOCK:
        hit = _CACHE.get(id(store))
    if hit and hit.index.store is not store:
        hit = None  # an id reused by a new store object
    if hit and hit.key[0] == graphs:
        if time.monotonic() - hit.checked >= max(RECHECK_SECONDS, RECHECK_COST_FACTOR * hit.check_cost):
            hit.checked = time.monotonic()  # one re-check at a time
            threading.Thread(target=_recheck, args=(store, hit), daemon=True).start()
        return hit.index
    return _rebuild(store, hit, graphs, trust=trust_recorded)


def stamps_digest(store) -> str:
    """One string for the content stamps of all graphs (one query; cheap beside counting the store)."""
    return hashlib.sha1(repr(sorted(graph_stamps(store).items())).encode("utf-8")).hexdigest()


@dataclass
class _Count:
    """The store's triple count, taken once, with what taking it cost."""
    store: object
    total: int = -1
    cost: float = 0.0
    stamps: str = ""  # a digest of the graphs' content stamps: a changed text keeps its count, not its stamp

    def __post_init__(self) -> None:
        t0 = time.perf_counter()
        self.total = len(self.store)
        self.stamps = stamps_digest(self.store)
        self.cost = time.perf_counter() - t0


def _recheck(store, hit: _Entry) -> None:
    """Compare the store's named graphs and size with the index's; rebuild when they changed."""
    try:
        graphs, count = tuple(store.graphs()), _Count(store)
        hit.check_cost = count.cost
        if (graphs, count.total, count.stamps) != hit.key:
            _rebuild(store, hit, graphs, count)
    except Exception:  # noqa: BLE001 - a background check must not die loudly (the store may be closing)
        log.warning("ask index re-check failed", exc_info=True)


def _rebuild(store, hit: _Entry | None, graphs: tuple, count: _Count | None = None, trust: bool = False) -> Index:
    """Build the index for ``graphs`` and the store's ``count`` (counted here when None, unless ``trust``:
    then the name table's record stands for it)."""
    lock = _build_lock(store)
    if not lock.acquire(blocking=hit is None):
        return hit.index  # a rebuild is under way: the previous index answers meanwhile
    try:
        with _CACHE_LOCK:
            done = _CACHE.get(id(store))
        if done and done.index.store is store and done.key[0] == graphs and \
                (count is None or done.key[1:] == (count.total, count.stamps)):
            return done.index  # built by the caller we waited for
        if count is None and not trust:
            count = _Count(store)
        t0 = time.perf_counter()
        idx = Index(store, hit.index.passages if hit else None, hit.index.table if hit else None,
                    total=count.total if count else None, trust_recorded=count is None)
        log.info("ask index built in %.0f ms", (time.perf_counter() - t0) * 1000)
        entry = _Entry((graphs, idx.total, count.stamps if count else stamps_digest(store)), idx, time.monotonic(),
                       count.cost if count else 0.0)
        if count is None:
            entry.checked = -RECHECK_SECONDS  # trusted, not counted: the first caller after it has it checked
        with _CACHE_LOCK:
            _CACHE[id(store)] = entry
        return idx
    finally:
        lock.release()


def refresh_index(store) -> Index:
    """Bring the index of ``store`` up to date now (called by ingest for the graphs it wrote): the name table
    and the passages re-read only the graphs whose content stamp changed, so the first question after an
    ingest finds them built. The store is not counted (its graphs are stamped); a later check still does."""
    with _CACHE_LOCK:
        hit = _CACHE.get(id(store))
    if hit and hit.index.store is not store:
        hit = None
    with _build_lock(store):
        idx = Index(store, hit.index.passages if hit else None, hit.index.table if hit else None,
                    trust_recorded=True)
        entry = _Entry((tuple(store.graphs()), idx.total, stamps_digest(store)), idx, time.monotonic())
        entry.checked = -RECHECK_SECONDS  # not counted: the first caller after it has it checked
        with _CACHE_LOCK:
            _CACHE[id(store)] = entry
    return idx
