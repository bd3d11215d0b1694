"""The passages of every plan graph, with a full-text index of jieba tokens (SQLite FTS5).

Kept in one SQLite file beside an on-disk store (``<store>.ask.sqlite``) and updated per named
graph: a graph whose triple count changed is re-read, a dropped graph is deleted, the others are
not touched — so no process re-reads the whole store at start. An in-memory or remote store gets
the same tables in memory. Entity → source-passage links (``pk:source``) are kept beside them.
"""
from __future__ import annotations

import json
import logging
import math
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from plankg.ask.model import Passage
from plankg.ask.templates import sparql_iri, with_prefixes
from plankg.ask.sidecar import open_sidecar
from plankg.ask.text import tail, tokens

log = logging.getLogger(__name__)

SCHEMA_VERSION = "2"
HEADING_WEIGHT = 0.4  # headings and titles repeat the words without saying anything: rank them lower
CANDIDATES = 200  # passages FTS5 finds, then ranked by Okapi BM25
K1, B, EPSILON = 1.5, 0.75, 0.25  # Okapi BM25 (as rank_bm25's BM25Okapi, which this index replaced)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS graphs (graph TEXT PRIMARY KEY, size INTEGER);
CREATE TABLE IF NOT EXISTS passages (rowid INTEGER PRIMARY KEY, iri TEXT, graph TEXT, text TEXT, section TEXT,
    plan_title TEXT, kind TEXT, cells TEXT, ordinal INTEGER, words TEXT, length INTEGER);
CREATE TABLE IF NOT EXISTS terms (term TEXT PRIMARY KEY, df INTEGER);
CREATE INDEX IF NOT EXISTS passages_iri ON passages(iri);
CREATE INDEX IF NOT EXISTS passages_graph ON passages(graph, ordinal);
CREATE TABLE IF NOT EXISTS sources (graph TEXT, entity TEXT, passage TEXT);
CREATE INDEX IF NOT EXISTS sources_entity ON sources(entity);
CREATE INDEX IF NOT EXISTS sources_graph ON sources(graph);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(words);
"""


def index_path(location) -> Path | None:
    """Where the passage index of a store at ``location`` lives (None: keep it in memory)."""
    if not location:
        return None
    loc = Path(str(location))
    return loc.parent / f"{loc.name}.ask.sqlite"


def _fts_query(words: Iterable[str]) -> str:
    """An FTS5 query OR-ing the words, each quoted (the words are data, not query syntax)."""
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in dict.fromkeys(words))


def _passage(row) -> Passage:
    cells = None
    if row["cells"]:
        try:
            cells = [str(c) for c in json.loads(row["cells"])]
        except (ValueError, TypeError):
            cells = None
    return Passage(row["iri"], row["text"], row["graph"], row["section"], row["plan_title"], row["kind"],
                   cells, row["ordinal"])


class PassageIndex:
    """Passages, sources and the full-text index of one store."""

    def __init__(self, path: Path | None):
        self._lock = threading.Lock()  # one connection shared by the server's threads
        self._stats: tuple[int, float, float] | None = None  # passages, mean length, mean idf (cached)
        self.db, self.path = open_sidecar(path, "passage index", self._prepare, timeout=60)

    @staticmethod
    def _prepare(db: sqlite3.Connection) -> None:
        db.row_factory = sqlite3.Row
        db.executescript(_SCHEMA)
        row = db.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        if row is None or row[0] != SCHEMA_VERSION:
            db.executescript("DROP TABLE IF EXISTS passages; DROP TABLE IF EXISTS fts; DELETE FROM graphs; "
                             "DELETE FROM sources; DELETE FROM terms;" + _SCHEMA)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (SCHEMA_VERSION,))
            db.commit()

    def close(self) -> None:
        with self._lock:
            self.db.close()

    # -- keeping up with the store -----------------------------------------------------------
    def sync(self, store, titles: dict[str, str], sizes: dict[str, int] | None = None) -> list[str]:
        """Re-read the graphs whose size changed since the last sync; returns the graphs re-read.
        ``sizes`` (graph → triple count) saves counting the graphs again when the caller has."""
        current = {g: sizes[g] if sizes and g in sizes else store.graph_size(g) for g in titles}
        with self._lock:
            known = dict(self.db.execute("SELECT graph, size FROM graphs").fetchall())
        stale = [g for g in known if g not in current]
        changed = [g for g, n in current.items() if known.get(g) != n]
        if not stale and not changed:
            return []
        loaded = {g: self._read_graph(store, g, titles[g]) for g in changed}
        with self._lock, self.db:
            # another handle on the same file (a server and a CLI, two store objects) may sync too: what is
            # deleted is read inside the write transaction, and a graph it already brought up to date is left
            self.db.execute("BEGIN IMMEDIATE")
            now = dict(self.db.execute("SELECT graph, size FROM graphs").fetchall())
            for g in stale + changed:
                if g in now and now.get(g) != current.get(g):
                    self._delete_graph(g)
            for g, (passages, sources) in loaded.items():
                if now.get(g) != current[g]:
                    self._insert_graph(g, current[g], passages, sources)
            self._stats = None
        log.info("passage index: %d graphs re-read, %d dropped", len(changed), len(stale))
        return changed

    def _read_graph(self, store, graph: str, title: str) -> tuple[list[Passage], list[tuple[str, str]]]:
        g = sparql_iri(graph)
        rows = store.select(with_prefixes(f"""SELECT ?p ?text ?sec ?num ?ord ?kind ?cells WHERE {{ GRAPH {g} {{
              ?p a ?t ; pk:text ?text .
              OPTIONAL {{ ?p pk:ordinal ?ord }} OPTIONAL {{ ?p pk:passageKind ?kind }} OPTIONAL {{ ?p pk:cellText ?cells }}
              OPTIONAL {{ ?p eli:is_part_of ?s . OPTIONAL {{ ?s rdfs:label ?sec }} OPTIONAL {{ ?s pk:sectionNumber ?num }} }} }}
              FILTER(?t != pk:Section && ?t != pk:Chapter) }} ORDER BY ?ord"""))
        passages, seen = [], set()
        for r in rows:
            if r["p"] in seen:
                continue
            seen.add(r["p"])
            sec, num = str(r.get("sec") or ""), str(r.get("num") or "")
            if num and not sec.startswith(num):
                sec = f"{num} {sec}".strip()
            cells = None
            if r.get("cells"):
                try:
                    cells = [str(c) for c in json.loads(str(r["cells"]))]
                except (ValueError, TypeError):
                    cells = None
            passages.append(Passage(r["p"], str(r["text"]), graph, sec, title, tail(r.get("kind")) or "", cells,
                                    int(r.get("ord") or 0)))
        srcs = store.select(with_prefixes(f"SELECT DISTINCT ?e ?p WHERE {{ GRAPH {g} {{ ?e pk:source ?p }} }}"))
        return passages, [(r["e"], r["p"]) for r in srcs]

    def _delete_graph(self, graph: str) -> None:
        rows = self.db.execute("SELECT rowid, words FROM passages WHERE graph=?", (graph,)).fetchall()
        self.db.executemany("DELETE FROM fts WHERE rowid=?", [(r[0],) for r in rows])
        self._count_terms([set(r[1].split()) for r in rows], -1)
        self.db.execute("DELETE FROM passages WHERE graph=?", (graph,))
        self.db.execute("DELETE FROM sources WHERE graph=?", (graph,))
        self.db.execute("DELETE FROM graphs WHERE graph=?", (graph,))

    def _insert_graph(self, graph: str, size: int, passages: list[Passage], sources: list[tuple[str, str]]) -> None:
        doc_terms = []
        for p in passages:
            words = tokens(p.text)
            cur = self.db.execute(
                "INSERT INTO passages (iri, graph, text, section, plan_title, kind, cells, ordinal, words, length) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (p.iri, p.graph, p.text, p.section, p.plan_title, p.kind,
                 json.dumps(p.cells, ensure_ascii=False) if p.cells else None, p.ordinal, " ".join(words),
                 max(1, len(words))))
            self.db.execute("INSERT INTO fts (rowid, words) VALUES (?, ?)", (cur.lastrowid, " ".join(words)))
            doc_terms.append(set(words))
        self._count_terms(doc_terms, +1)
        self.db.executemany("INSERT INTO sources VALUES (?, ?, ?)", [(graph, e, p) for e, p in sources])
        self.db.execute("INSERT INTO graphs VALUES (?, ?)", (graph, size))

    def _count_terms(self, doc_terms: list[set[str]], sign: int) -> None:
        """Keep each term's document frequency (for BM25's idf) as passages come and go."""
        df = Counter(t for terms in doc_terms for t in terms)
        self.db.executemany("INSERT INTO terms VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
                            [(t, sign * n) for t, n in df.items()])
        self.db.execute("DELETE FROM terms WHERE df <= 0")

    # -- reading -------------------------------------------------------------------------------
    def _rows(self, sql: str, args: tuple = ()) -> list:
        with self._lock:
            return self.db.execute(sql, args).fetchall()

    def count(self) -> int:
        return self._rows("SELECT COUNT(*) FROM passages")[0][0]

    def get(self, iri: str) -> Passage | None:
        rows = self._rows("SELECT * FROM passages WHERE iri=? LIMIT 1", (iri,))
        return _passage(rows[0]) if rows else None

    def in_graphs(self, graphs: Iterable[str], kind: str | None = None, containing: str = "") -> list[Passage]:
        """Passages of the graphs, in document order (optionally of one passage kind, or holding a text)."""
        gs = sorted(set(graphs))
        if not gs:
            return []
        sql = f"SELECT * FROM passages WHERE graph IN ({','.join('?' * len(gs))})"
        args: tuple = tuple(gs)
        if kind:
            sql, args = sql + " AND kind=?", args + (kind,)
        if containing:
            sql, args = sql + " AND instr(text, ?) > 0", args + (containing,)
        rows = self._rows(sql + " ORDER BY graph, ordinal, rowid", args)
        return [_passage(r) for r in rows]

    def header_of(self, p: Passage) -> list[str] | None:
        """The header row of a table row's table: the nearest table-header row before it in its graph, else
        the first table row of its section."""
        rows = self._rows("SELECT * FROM passages WHERE graph=? AND kind='table-header' AND ordinal <= ? "
                          "ORDER BY ordinal DESC LIMIT 1", (p.graph, p.ordinal))
        if not rows:
            rows = self._rows("SELECT * FROM passages WHERE graph=? AND section=? AND cells IS NOT NULL "
                              "ORDER BY ordinal, rowid LIMIT 1", (p.graph, p.section))
        if not rows or rows[0]["iri"] == p.iri:
            return None
        return _passage(rows[0]).cells

    def section_labels(self) -> set[str]:
        return {r[0] for r in self._rows("SELECT DISTINCT section FROM passages WHERE section != ''")}

    def sources_of(self, iri: str) -> list[str]:
        return [r[0] for r in self._rows("SELECT passage FROM sources WHERE entity=? ORDER BY rowid", (iri,))]

    def _corpus_stats(self) -> tuple[int, float, float]:
        """(number of passages, mean passage length, mean idf over all terms) — cached until the next sync."""
        if self._stats is None:
            n, avgdl = self._rows("SELECT COUNT(*), AVG(length) FROM passages")[0]
            n = n or 0
            dfs = [r[0] for r in self._rows("SELECT df FROM terms")]
            mean_idf = sum(math.log(n - d + 0.5) - math.log(d + 0.5) for d in dfs) / len(dfs) if dfs else 0.0
            self._stats = (n, float(avgdl or 1.0), mean_idf)
        return self._stats

    def search(self, words: list[str], graphs: set[str] | None = None, limit: int = 3) -> list[tuple[Passage, float]]:
        """Best passages for the words: FTS5 finds candidates, Okapi BM25 ranks them, headings weigh less."""
        if not words:
            return []
        sql = "SELECT passages.* FROM fts JOIN passages ON passages.rowid = fts.rowid WHERE fts MATCH ?"
        args: tuple = (_fts_query(words),)
        if graphs:
            sql += f" AND passages.graph IN ({','.join('?' * len(graphs))})"
            args += tuple(sorted(graphs))
        rows = self._rows(sql + f" ORDER BY bm25(fts) LIMIT {CANDIDATES}", args)
        if not rows:
            return []
        idf = self._idf(set(words))
        n, avgdl, _ = self._corpus_stats()
        scored = []
        for r in rows:
            tf = Counter(r["words"].split())
            norm_len = K1 * (1 - B + B * r["length"] / avgdl)
            score = sum(idf.get(w, 0.0) * tf[w] * (K1 + 1) / (tf[w] + norm_len) for w in words)
            if r["kind"] in ("heading", "title") or len(r["text"]) < 16:
                score *= HEADING_WEIGHT
            if score > 0:
                scored.append((_passage(r), score))
        scored.sort(key=lambda x: -x[1])
        return scored[:limit]

    def _idf(self, words: set[str]) -> dict[str, float]:
        """Okapi idf of each word; a word in more than half the passages gets a small floor instead."""
        n, _, mean_idf = self._corpus_stats()
        ws = sorted(words)
        rows = self._rows(f"SELECT term, df FROM terms WHERE term IN ({','.join('?' * len(ws))})", tuple(ws))
        out = {}
        for term, df in rows:
            idf = math.log(n - df + 0.5) - math.log(df + 0.5)
            out[term] = idf if idf >= 0 else EPSILON * mean_idf
        return out
