"""The fallback: a full-text search over passages, said plainly to be one."""
from __future__ import annotations

from plankg.ask.intents.base import RunnerBase
from plankg.ask.model import Answer
from plankg.ask.templates import values
from plankg.ask.text import tokens


class SearchIntents(RunnerBase):
    """Intent family: search (BM25 over the persistent passage index)."""

    def do_search(self, question_text: str, after_empty: bool = False, graphs: set[str] | None = None) -> Answer:
        toks = tokens(question_text)[:200]
        if not toks or not self.index.plans:
            return Answer("", [], self.not_understood(), "", [], understood=False)
        # the question names a plan's region: that plan's passages first, when they match at all
        # an earlier version's passages only when the question names that version (the index view holds it)
        shown = set(self.index.plans) if self.index.superseded else None
        hits = (self.index.passages.search(toks, graphs) if graphs else []) or self.index.passages.search(toks, shown)
        if not hits:
            msg = ("没有理解这个问题，全文检索也没有找到相关段落。" if self.zh() else
                   "Not understood, and a text search found no matching passage.")
            return Answer("", [], msg, "", [], understood=False)
        ev = []
        for p, score in hits:
            words = sorted({t for t in toks if t in p.text}, key=len, reverse=True)
            item = self.ev_item(p, words)
            item["score"] = round(float(score), 3)
            ev.append(item)
        best = hits[0][0]
        snippet = best.text if len(best.text) <= 160 else best.text[:160] + "…"
        if self.zh():
            head = "以下是" if after_empty else "没有匹配的查询模板，以下是"
            text = (f"{head}全文检索（BM25 文本搜索，不是图谱查询）的结果。最相关的段落出自"
                    f"《{best.plan_title}》{best.section}：{snippet}")
        else:
            head = "Below is" if after_empty else "No query template fits; below is"
            text = (f"{head} a plain text search (BM25), not a graph answer. Best passage, "
                    f"from {best.plan_title} {best.section}: {snippet}")
        # the passages are ranked outside the graph; the query shown reads them from it (and runs as shown)
        q = f"""SELECT ?g ?passage ?text WHERE {{
  {values("passage", [p.iri for p, _ in hits])}
  GRAPH ?g {{ ?passage pk:text ?text }}
}}"""
        self.select(q)
        return Answer("", [], text, q, ev, understood=False, basis="text search (BM25)")
