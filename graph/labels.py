"""The label index: entities, vocabulary concepts and classes found by a Chinese, pinyin, pinyin-initials
or English label. Built from any ``Store``; used by the REST entity search (and open to other wings).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin

from plankg.graph.base import Store
from plankg.graph.namespaces import ID, PK, VOCAB, sparql_prefixes

_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class LabelHit:
    iri: str
    label: str           # the best display label (Chinese when there is one)
    types: list[str]
    matched: str         # label | pinyin | initials


def norm(text: str) -> str:
    """Label form for matching: NFKC, no whitespace, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


class LabelIndex:
    def __init__(self, rows: list[dict]):
        """``rows``: ``{"e": iri, "l": label, "lang"?: tag, "t"?: class}`` as :func:`label_rows` gives them."""
        self.entries: list[tuple[str, str, str, str]] = []  # (form, iri, label, kind)
        self.types: dict[str, set[str]] = {}
        self.best: dict[str, str] = {}
        for r in rows:
            iri, label = r["e"], str(r["l"])
            if "t" in r:
                self.types.setdefault(iri, set()).add(r["t"])
            if iri not in self.best or (r.get("lang") == "zh" and not _HAN.search(self.best[iri])):
                self.best[iri] = label
            form = norm(label)
            self.entries.append((form, iri, label, "label"))
            if _HAN.search(label):
                self.entries.append(("".join(lazy_pinyin(form)), iri, label, "pinyin"))
                self.entries.append(("".join(lazy_pinyin(form, style=Style.FIRST_LETTER)), iri, label, "initials"))

    @classmethod
    def build(cls, store: Store) -> LabelIndex:
        return cls(label_rows(store))

    def search(self, q: str, type_iri: str | None, limit: int) -> list[LabelHit]:
        """Exact form first, then prefix, then substring; shorter forms first within each."""
        needle = norm(q)
        scored: dict[str, tuple[int, int, str, str]] = {}
        for form, iri, label, kind in self.entries:
            if needle not in form:
                continue
            if type_iri and type_iri not in self.types.get(iri, ()):
                continue
            rank = 0 if form == needle else 1 if form.startswith(needle) else 2
            score = (rank, len(form), label, kind)
            if iri not in scored or score < scored[iri]:
                scored[iri] = score
        best = sorted(scored.items(), key=lambda kv: (kv[1][0], kv[1][1], kv[0]))[:limit]
        return [LabelHit(iri=iri, label=self.best.get(iri, s[2]), types=sorted(self.types.get(iri, ())), matched=s[3])
                for iri, s in best]


def label_rows(store: Store) -> list[dict]:
    return store.select(sparql_prefixes() + f"""SELECT ?e ?l (LANG(?l) AS ?lang) ?t WHERE {{
        ?e rdfs:label|skos:prefLabel|skos:altLabel ?l . OPTIONAL {{ ?e a ?t }}
        FILTER(STRSTARTS(STR(?e), "{ID}") || STRSTARTS(STR(?e), "{VOCAB}") || STRSTARTS(STR(?e), "{PK}")) }}""")
