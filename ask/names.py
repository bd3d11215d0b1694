"""The persistent name table of the chat search: labels, kinds, concept uses and division parents of every
named graph, kept in SQLite beside the store (the passage index's file, ``<store>.ask.sqlite``).

Synced per named graph like the passages: a graph whose triple count changed is re-read with SPARQL
restricted to that GRAPH, a dropped graph's rows are deleted, the others are not touched — so no
process copies the whole store into Python. One sync writes at a time (SQLite's write lock, taken
before the store is read, also keeps two processes from re-reading the same graphs).
Questions look names up by their substrings in one SQL query; the facts of the IRIs in play
(types, preferred label, parent) are read on demand by ``ask.index``.

English forms (pinyin + suffix word) are made once per distinct name key at sync and kept.
"""
from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from plankg.ask.english import english_forms
from plankg.ask.templates import PK, sparql_iri, with_prefixes
from plankg.ask.sidecar import open_sidecar
from plankg.ask.text import norm

log = logging.getLogger(__name__)

SCHEMA_VERSION = "names-1"
STRIP_SUFFIX = ("市", "县", "区", "镇", "乡")
PASSAGE_TYPES = ("Passage", "Section", "Heading", "Paragraph", "ListItem", "TableRow", "Chapter", "Table")
# label properties, in the order a preferred label is chosen from (rank 4: an alternative label)
LABEL_PROPS = ("rdfs:label", "skos:prefLabel", "eli:title", "pk:citedTitle", "skos:altLabel")
CONCEPT_USES = ("role", "category", "segment", "memberRole", "divisionLevel")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS name_meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS name_graphs (graph TEXT PRIMARY KEY, size INTEGER);
CREATE TABLE IF NOT EXISTS types (graph TEXT, s TEXT, t TEXT);
CREATE INDEX IF NOT EXISTS types_s ON types(s);
CREATE INDEX IF NOT EXISTS types_t ON types(t);
CREATE INDEX IF NOT EXISTS types_graph ON types(graph);
CREATE TABLE IF NOT EXISTS labels (graph TEXT, s TEXT, label TEXT, key TEXT, rank INTEGER, lang TEXT);
CREATE INDEX IF NOT EXISTS labels_key ON labels(key);
CREATE INDEX IF NOT EXISTS labels_s ON labels(s);
CREATE INDEX IF NOT EXISTS labels_graph ON labels(graph);
CREATE TABLE IF NOT EXISTS short_keys (graph TEXT, key TEXT, s TEXT);
CREATE INDEX IF NOT EXISTS short_keys_key ON short_keys(key);
CREATE INDEX IF NOT EXISTS short_keys_graph ON short_keys(graph);
CREATE TABLE IF NOT EXISTS uses (graph TEXT, c TEXT, use TEXT);
CREATE INDEX IF NOT EXISTS uses_graph ON uses(graph);
CREATE TABLE IF NOT EXISTS parents (graph TEXT, d TEXT, p TEXT);
CREATE INDEX IF NOT EXISTS parents_d ON parents(d);
CREATE INDEX IF NOT EXISTS parents_graph ON parents(graph);
CREATE TABLE IF NOT EXISTS english (key TEXT, en TEXT, division_only INTEGER);
CREATE INDEX IF NOT EXISTS english_en ON english(en);
CREATE UNIQUE INDEX IF NOT EXISTS english_key_en ON english(key, en);
"""
_TABLES = ("types", "labels", "short_keys", "uses", "parents", "english", "name_graphs", "name_meta")


def _json(items: Iterable[str]) -> str:
    return json.dumps(sorted(set(items)), ensure_ascii=False)


class NameTable:
    """The name table of one store (a file beside it, or memory for in-memory and remote stores)."""

    def __init__(self, path: Path | None):
        self._lock = threading.Lock()  # one connection shared by the server's threads
        self.graphs_read = 0  # graphs read from the store by this object's syncs (tests check reuse with it)
        # transactions are explicit (BEGIN IMMEDIATE in sync)
        self.db, self.path = open_sidecar(path, "name table", self._prepare, timeout=120, isolation_level=None)

    @staticmethod
    def _prepare(db: sqlite3.Connection) -> None:
        db.executescript(_SCHEMA)
        row = db.execute("SELECT value FROM name_meta WHERE key='version'").fetchone()
        if row is None or row[0] != SCHEMA_VERSION:
            db.executescript("".join(f"DROP TABLE IF EXISTS {t};" for t in _TABLES) + _SCHEMA)
            db.execute("INSERT INTO name_meta VALUES ('version', ?)", (SCHEMA_VERSION,))

    def close(self) -> None:
        with self._lock:
            self.db.close()

    # -- keeping up with the store -----------------------------------------------------------
    def sizes(self) -> tuple[dict[str, int], int | None]:
        """(graph → triple count, the store's total count) as of the last sync."""
        graphs = dict(self.rows("SELECT graph, size FROM name_graphs"))
        total = self.rows("SELECT value FROM name_meta WHERE key='total'")
        return graphs, int(total[0][0]) if total else None

    def sync(self, store, sizes: dict[str, int], total: int | None = None) -> list[str]:
        """Re-read the graphs whose size changed since the last sync, drop the rows of graphs no longer in
        ``sizes`` (graph → triple count); record the store's ``total`` count. Returns the graphs re-read."""
        with self._lock:
            known = dict(self.db.execute("SELECT graph, size FROM name_graphs").fetchall())
            if all(known.get(g) == n for g, n in sizes.items()) and set(known) <= set(sizes):
                if total is not None:
                    self.db.execute("INSERT OR REPLACE INTO name_meta VALUES ('total', ?)", (str(total),))
                return []
            self.db.execute("BEGIN IMMEDIATE")  # one writer at a time, across processes too
            try:
                known = dict(self.db.execute("SELECT graph, size FROM name_graphs").fetchall())  # as of the lock
                stale = [g for g in known if g not in sizes]
                changed = [g for g, n in sizes.items() if known.get(g) != n]
                for g in stale + changed:
                    self._delete_graph(g)
                for g in changed:
                    self._insert_graph(g, sizes[g], _read_graph(store, g))
                self.graphs_read += len(changed)
                self.db.execute("INSERT OR REPLACE INTO name_meta VALUES ('generation', ?)",
                                (str(self.generation() + 1),))
                if total is not None:
                    self.db.execute("INSERT OR REPLACE INTO name_meta VALUES ('total', ?)", (str(total),))
                else:  # synced without counting the store: an older total no longer goes with these counts
                    self.db.execute("DELETE FROM name_meta WHERE key='total'")
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        if changed or stale:
            log.info("name table: %d graphs re-read, %d dropped", len(changed), len(stale))
        return changed

    def _delete_graph(self, graph: str) -> None:
        for table in ("types", "labels", "short_keys", "uses", "parents", "name_graphs"):
            self.db.execute(f"DELETE FROM {table} WHERE graph=?", (graph,))

    def _insert_graph(self, graph: str, size: int, facts: GraphFacts) -> None:
        db = self.db
        db.executemany("INSERT INTO types VALUES (?, ?, ?)", [(graph, s, t) for s, t in facts.types])
        db.executemany("INSERT INTO uses VALUES (?, ?, ?)", [(graph, c, u) for c, u in facts.uses])
        db.executemany("INSERT INTO parents VALUES (?, ?, ?)", [(graph, d, p) for d, p in facts.parents])
        rows, short, keys = [], set(), set()
        for s, label, rank, lang in facts.labels:
            key = norm(label)
            rows.append((graph, s, label, key, rank, lang))
            if len(key) >= 3:
                short |= {(graph, key[: -len(suf)], s) for suf in STRIP_SUFFIX if key.endswith(suf)}
            keys.add(key)
        db.executemany("INSERT INTO labels VALUES (?, ?, ?, ?, ?, ?)", rows)
        db.executemany("INSERT INTO short_keys VALUES (?, ?, ?)", sorted(short))
        new = keys - {r[0] for r in db.execute("SELECT DISTINCT key FROM english WHERE key IN "
                                               "(SELECT value FROM json_each(?))", (_json(keys),))}
        db.executemany("INSERT OR IGNORE INTO english VALUES (?, ?, ?)",
                       [(k, en, only) for k in sorted(new) for en, only in _english(k)])
        db.execute("INSERT INTO name_graphs VALUES (?, ?)", (graph, size))

    def generation(self) -> int:
        """A number that changes with every sync that changed the table (derived data is cached per number)."""
        row = self.db.execute("SELECT value FROM name_meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def derived(self, name: str) -> tuple[int, object | None]:
        """(the table's generation, what was cached as ``name`` for it, or None)."""
        with self._lock:
            gen = self.generation()
            row = self.db.execute("SELECT value FROM name_meta WHERE key=?", ("derived:" + name,)).fetchone()
        if row:
            cached_gen, _, data = row[0].partition(" ")
            if cached_gen == str(gen):
                return gen, json.loads(data)
        return gen, None

    def keep_derived(self, name: str, generation: int, data: object) -> None:
        """Cache ``data`` (JSON) for the table's ``generation`` (best effort: a read-only file keeps nothing)."""
        try:
            with self._lock:
                self.db.execute("INSERT OR REPLACE INTO name_meta VALUES (?, ?)",
                                ("derived:" + name, f"{generation} " + json.dumps(data, ensure_ascii=False)))
        except sqlite3.Error as exc:
            log.info("name table: derived data not kept (%s)", exc)

    # -- reading -------------------------------------------------------------------------------
    def rows(self, sql: str, args: tuple = ()) -> list:
        with self._lock:
            return self.db.execute(sql, args).fetchall()

    def max_key_length(self) -> int:
        return self.rows("SELECT MAX(length(key)) FROM labels")[0][0] or 1

    def names_in(self, keys: Iterable[str]) -> list[tuple[str, str, bool]]:
        """(key, iri, is_short) of the labels (is_short: a division name without its suffix) with these keys."""
        arg = (_json(keys),)
        full = self.rows("SELECT DISTINCT key, s FROM labels WHERE key IN (SELECT value FROM json_each(?))", arg)
        short = self.rows("SELECT DISTINCT key, s FROM short_keys WHERE key IN (SELECT value FROM json_each(?))", arg)
        return [(k, s, False) for k, s in full] + [(k, s, True) for k, s in short]

    def english_in(self, forms: Iterable[str]) -> list[tuple[str, str, str, bool]]:
        """(English form, iri, name key, division_only) of the names with these English forms."""
        return [(en, s, key, bool(only)) for en, s, key, only in self.rows(
            "SELECT DISTINCT e.en, l.s, l.key, e.division_only FROM english e JOIN labels l ON l.key = e.key "
            "WHERE e.en IN (SELECT value FROM json_each(?))", (_json(forms),))]

    def max_english_length(self) -> int:
        return self.rows("SELECT MAX(length(en)) FROM english")[0][0] or 1

    def types_of(self, iris: Iterable[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for s, t in self.rows("SELECT DISTINCT s, t FROM types WHERE s IN (SELECT value FROM json_each(?))",
                              (_json(iris),)):
            out.setdefault(s, set()).add(t)
        return out

    def labels_of(self, iris: Iterable[str]) -> dict[str, list[tuple[str, str, int, str]]]:
        """iri → its (label, key, rank, lang) rows in a stable order (rank, then graph, then row)."""
        out: dict[str, list] = {}
        for s, label, key, rank, lang in self.rows(
                "SELECT s, label, key, rank, lang FROM labels WHERE s IN (SELECT value FROM json_each(?)) "
                "ORDER BY s, rank, graph, rowid", (_json(iris),)):
            out.setdefault(s, []).append((label, key, rank, lang))
        return out

    def parent_of(self, iri: str) -> str | None:
        rows = self.rows("SELECT p FROM parents WHERE d=? ORDER BY graph, rowid LIMIT 1", (iri,))
        return rows[0][0] if rows else None

    def with_type(self, classes: Iterable[str]) -> list[tuple[str, str]]:
        """(iri, graph) of the nodes typed with one of ``classes`` (named lists, programmes, indicators)."""
        return self.rows("SELECT DISTINCT s, graph FROM types WHERE t IN (SELECT value FROM json_each(?))",
                         (_json(classes),))

    def concept_uses(self) -> list[tuple[str, str]]:
        return self.rows("SELECT DISTINCT c, use FROM uses")

    def distinct(self, table: str, column: str) -> list[str]:
        """Every distinct value of a column (for iterating the index's mappings: tools and tests only)."""
        if (table, column) not in (("types", "s"), ("parents", "d"), ("labels", "key"), ("short_keys", "key"),
                                   ("english", "en")):
            raise ValueError(f"{table}.{column}")
        return [r[0] for r in self.rows(f"SELECT DISTINCT {column} FROM {table}")]


def _english(key: str) -> list[tuple[str, int]]:
    """The English forms of a name key; division_only marks the bare stem ("shuocheng" of 朔城区)."""
    every = english_forms(key, True)
    if not every:
        return []
    plain = english_forms(key, False)
    return [(en, int(en not in plain)) for en in sorted(every)]


@dataclass
class GraphFacts:
    """What one named graph says about names: (s, type), (concept, use), (division, parent), labels."""
    types: list[tuple[str, str]]
    uses: list[tuple[str, str]]
    parents: list[tuple[str, str]]
    labels: list[tuple[str, str, int, str]]  # (s, label, rank, lang)


def _read_graph(store, graph: str) -> GraphFacts:
    """The name facts of one graph, with SPARQL restricted to that GRAPH."""
    g = sparql_iri(graph)

    def rows(body: str) -> list[dict]:
        return store.select(with_prefixes(body))

    skip = ", ".join(f"pk:{t}" for t in PASSAGE_TYPES)
    types = {(r["s"], r["t"]) for r in rows(f"""SELECT DISTINCT ?s ?t WHERE {{ GRAPH {g} {{ ?s a ?t }}
        FILTER(isIRI(?s) && STRSTARTS(STR(?t), STR(pk:)) && ?t NOT IN ({skip})) }}""")}
    types |= {(r["c"], "concept") for r in rows(f"SELECT DISTINCT ?c WHERE {{ GRAPH {g} {{ ?c a skos:Concept }} }}")}
    uses = set()
    use_values = " ".join(f"pk:{u}" for u in CONCEPT_USES)
    for r in rows(f"SELECT DISTINCT ?c ?prop WHERE {{ GRAPH {g} {{ ?x ?prop ?c }} VALUES ?prop {{ {use_values} }} }}"):
        use = r["prop"].rsplit("#", 1)[-1]
        uses.add((r["c"], "role" if use == "memberRole" else use))
        types.add((r["c"], "concept"))
    types |= {(r["i"], PK + "Indicator") for r in rows(
        f"SELECT DISTINCT ?i WHERE {{ GRAPH {g} {{ ?v pk:indicator ?i }} }}")}
    parents = [(r["d"], r["p"]) for r in rows(f"SELECT ?d ?p WHERE {{ GRAPH {g} {{ ?d pk:withinDivision ?p }} }}")]
    prop_values = " ".join(LABEL_PROPS)
    ranks = _prop_ranks()
    labels = [(r["s"], str(r["l"]), ranks[r["prop"]], str(r.get("lang") or "")) for r in rows(
        f"""SELECT ?s ?l ?prop (LANG(?l) AS ?lang) WHERE {{ GRAPH {g} {{ ?s ?prop ?l }}
              VALUES ?prop {{ {prop_values} }} FILTER(isIRI(?s) && isLiteral(?l)) }}""")]
    return GraphFacts(sorted(types), sorted(uses), parents, labels)


def _prop_ranks() -> dict[str, int]:
    prefixes = {"rdfs": "http://www.w3.org/2000/01/rdf-schema#", "skos": "http://www.w3.org/2004/02/skos/core#",
                "eli": "http://data.europa.eu/eli/ontology#", "pk": PK}
    return {prefixes[p.split(":")[0]] + p.split(":")[1]: i for i, p in enumerate(LABEL_PROPS)}
