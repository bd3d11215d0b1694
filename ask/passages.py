"""The passages of every plan graph, with a full-text index of jieba tokens (SQLite FTS5).

Kept in one SQLite file beside an on-disk store (``<store>.ask.sqlite``) and updated per named
graph: a graph whose triple count changed is re-read, a dropped graph is deleted, the others are
not touched — so no process re-reads the whole store at start. An in-memory or remote store gets
the same tables in memory. Entity → source-passage links (``pk:source``) are kept beside them.
"""
from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from plankg.ask.model import Passage
from plankg.ask.templates import sparql_iri, with_prefixes
from plankg.ask.text import tail, tokens

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
HEADING_WEIGHT = 0.4  # headings and titles repeat the words without saying anything: rank them lower
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS graphs (graph TEXT PRIMARY KEY, size INTEGER);
CREATE TABLE IF NOT EXISTS passages (rowid INTEGER PRIMARY KEY, iri TEXT, graph TEXT, text TEXT, section TEXT,
    plan_title TEXT, kind TEXT, cells TEXT, ordinal INTEGER);
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
        self.path = path
        self._lock = threading.Lock()  # one connection shared by the server's threads
        self.db = self._open(path)

    def _open(self, path: Path | None) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(str(path) if path else ":memory:", check_same_thread=False, timeout=60)
            db.row_factory = sqlite3.Row
            if path:
                db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)
            row = db.execute("SELECT value FROM meta WHERE key='version'").fetchone()
            if row is None or row[0] != SCHEMA_VERSION:
                db.executescript("DELETE FROM graphs; DELETE FROM passages; DELETE FROM sources; DELETE FROM fts;")
                db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (SCHEMA_VERSION,))
                db.commit()
            return db
        except sqlite3.Error as exc:  # an unreadable file next to the store: work in memory instead
            log.warning("passage index %s unusable (%s); using memory", path, exc)
            if path is None:
                raise
            self.path = None
            return self._open(None)

    def close(self) -> None:
        with self._lock:
            self.db.close()

    # -- keeping up with the store -----------------------------------------------------------
    def sync(self, store, titles: dict[str, str]) -> list[str]:
        """Re-read the graphs whose size changed since the last sync; returns the graphs re-read."""
        current = {g: store.graph_size(g) for g in titles}
        with self._lock:
            known = dict(self.db.execute("SELECT graph, size FROM graphs").fetchall())
        stale = [g for g in known if g not in current]
        changed = [g for g, n in current.items() if known.get(g) != n]
        if not stale and not changed:
            return []
        loaded = {g: self._read_graph(store, g, titles[g]) for g in changed}
        with self._lock, self.db:
            for g in stale + changed:
                self._delete_graph(g)
            for g, (passages, sources) in loaded.items():
                self._insert_graph(g, current[g], passages, sources)
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
        rowids = [r[0] for r in self.db.execute("SELECT rowid FROM passages WHERE graph=?", (graph,))]
        self.db.executemany("DELETE FROM fts WHERE rowid=?", [(i,) for i in rowids])
        self.db.execute("DELETE FROM passages WHERE graph=?", (graph,))
        self.db.execute("DELETE FROM sources WHERE graph=?", (graph,))
        self.db.execute("DELETE FROM graphs WHERE graph=?", (graph,))

    def _insert_graph(self, graph: str, size: int, passages: list[Passage], sources: list[tuple[str, str]]) -> None:
        for p in passages:
            cur = self.db.execute(
                "INSERT INTO passages (iri, graph, text, section, plan_title, kind, cells, ordinal) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (p.iri, p.graph, p.text, p.section, p.plan_title, p.kind,
                 json.dumps(p.cells, ensure_ascii=False) if p.cells else None, p.ordinal))
            self.db.execute("INSERT INTO fts (rowid, words) VALUES (?, ?)", (cur.lastrowid, " ".join(tokens(p.text))))
        self.db.executemany("INSERT INTO sources VALUES (?, ?, ?)", [(graph, e, p) for e, p in sources])
        self.db.execute("INSERT INTO graphs VALUES (?, ?)", (graph, size))

    # -- reading -------------------------------------------------------------------------------
    def _rows(self, sql: str, args: tuple = ()) -> list:
        with self._lock:
            return self.db.execute(sql, args).fetchall()

    def count(self) -> int:
        return self._rows("SELECT COUNT(*) FROM passages")[0][0]

    def get(self, iri: str) -> Passage | None:
        rows = self._rows("SELECT * FROM passages WHERE iri=? LIMIT 1", (iri,))
        return _passage(rows[0]) if rows else None

    def in_graphs(self, graphs: Iterable[str], kind: str | None = None) -> list[Passage]:
        """Passages of the graphs, in document order (optionally of one passage kind)."""
        gs = sorted(set(graphs))
        if not gs:
            return []
        marks = ",".join("?" * len(gs))
        sql = f"SELECT * FROM passages WHERE graph IN ({marks})" + (" AND kind=?" if kind else "")
        rows = self._rows(sql + " ORDER BY graph, ordinal, rowid", tuple(gs) + ((kind,) if kind else ()))
        return [_passage(r) for r in rows]

    def header_of(self, p: Passage) -> list[str] | None:
        """Cells of the first table row of the same table (section), taken as the header."""
        rows = self._rows("SELECT * FROM passages WHERE graph=? AND section=? AND cells IS NOT NULL "
                          "ORDER BY ordinal, rowid LIMIT 1", (p.graph, p.section))
        if not rows or rows[0]["iri"] == p.iri:
            return None
        return _passage(rows[0]).cells

    def section_labels(self) -> set[str]:
        return {r[0] for r in self._rows("SELECT DISTINCT section FROM passages WHERE section != ''")}

    def sources_of(self, iri: str) -> list[str]:
        return [r[0] for r in self._rows("SELECT passage FROM sources WHERE entity=? ORDER BY rowid", (iri,))]

    def search(self, words: list[str], graphs: set[str] | None = None, limit: int = 3) -> list[tuple[Passage, float]]:
        """Best passages for the words (BM25 over jieba tokens), headings weighted down."""
        if not words:
            return []
        sql = ("SELECT passages.*, -bm25(fts) AS score FROM fts JOIN passages ON passages.rowid = fts.rowid "
               "WHERE fts MATCH ?")
        args: tuple = (_fts_query(words),)
        if graphs:
            sql += f" AND passages.graph IN ({','.join('?' * len(graphs))})"
            args += tuple(sorted(graphs))
        rows = self._rows(sql + " ORDER BY bm25(fts) LIMIT 200", args)
        scored = [(_passage(r), r["score"] * (HEADING_WEIGHT if r["kind"] in ("heading", "title") or
                                              len(r["text"]) < 16 else 1.0)) for r in rows]
        scored = [x for x in scored if x[1] > 0]
        scored.sort(key=lambda x: -x[1])
        return scored[:limit]
