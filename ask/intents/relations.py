"""One hop along a named relation between places: what a river or road passes through, a river's
tributaries and what it flows into, where it rises, the system it belongs to, the reservoirs on it, and the
units next to a place ("X流经哪些县区", "X有哪些支流", "X是哪条河的支流", "X发源于哪里", "X属于哪个水系",
"X上有哪些水库", "X与哪些乡镇相邻")."""
from __future__ import annotations

import re

from plankg.ask.intents.base import RunnerBase
from plankg.ask.model import Answer, Intent
from plankg.ask.templates import PK, values

RELATIONS = ("tributaryOf", "originatesIn", "passesThrough", "adjacentTo", "partOf", "locatedOn")  # the words: understand.RELATION_WORDS
SYMMETRIC = {"adjacentTo"}
LABELS = {"tributaryOf": ("支流", "tributary of"), "originatesIn": ("发源地", "source"),
          "passesThrough": ("途经", "passes through"), "adjacentTo": ("毗邻", "adjacent to"),
          "partOf": ("所属水系/流域", "part of"), "locatedOn": ("所在河流", "located on")}


class RelationIntents(RunnerBase):
    """Intent family: relation."""

    def do_relation(self, intent: Intent) -> Answer:
        s = intent.slots
        prop = s.prop if s.prop in RELATIONS else "passesThrough"
        inverse = s.lower == "inverse"
        pred = f"<{PK}{prop}>"
        if prop in SYMMETRIC:
            pattern = f"{{ ?x {pred} ?o }} UNION {{ ?o {pred} ?x }}"
        elif inverse:
            pattern = f"?o {pred} ?x"
        else:
            pattern = f"?x {pred} ?o"
        cls, typed = "", ""
        if s.classes:  # "流经哪些县区": only units of that kind
            cls, typed = f" {values('type', self.index.class_closure(set(s.classes)))}", " . ?o a ?type ."
        q = f"""SELECT DISTINCT ?g ?o WHERE {{
  {values("x", s.subjects)} {self.graph_values(s.plans)}{cls}
  GRAPH ?g {{ {pattern}{typed} }}
  FILTER(?o NOT IN (?x))
}} LIMIT 300"""
        rows = self.select(q)
        per_plan = self.group_by_plan(rows, "o")
        answers = self.entity_answers(per_plan)
        text = self.set_text(per_plan, answers)
        zh_word, en_word = LABELS[prop]
        subject = "、".join(self.label(x) for x in s.subjects)
        ev = self.evidence([a["iri"] for a in answers] + s.subjects, [a["label"] for a in answers] + [subject],
                           graphs=self.scope_graphs(s)) if answers else []
        basis = (f"{subject}的{zh_word}（pk:{prop}）" if self.zh() else f"{subject}: {en_word} (pk:{prop})")
        return Answer("", answers, text, q, ev, basis=basis, plans=self.plan_list(per_plan))
