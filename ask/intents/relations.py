"""One hop along a named relation between places: what a river or road passes through, a river's
tributaries and what it flows into, where it rises, the system it belongs to, the reservoirs on it, and the
units next to a place ("X流经哪些县区", "X有哪些支流", "X是哪条河的支流", "X发源于哪里", "X属于哪个水系",
"X上有哪些水库", "X与哪些乡镇相邻"), and the parts of a whole ("X划分为哪些片区", "X由哪些电厂构成")."""
from __future__ import annotations

import re

from plankg.ask.intents.base import RunnerBase
from plankg.ask.model import Answer, Intent
from plankg.ask.intents.tables import DIVISION_SUFFIXES
from plankg.ask.templates import PK, values
from plankg.graph import readings

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

    def innermost(self, subjects: list[str], plans) -> list[str]:
        """The named things without the wholes that hold another of them: a question naming a whole and its
        part asks about the part."""
        if len(subjects) < 2:
            return subjects
        wholes = {str(r["w"]) for r in self.select(_innermost_query(subjects, self.graph_values(plans)))}
        return [x for x in subjects if x not in wholes] or subjects

    def do_parts(self, intent: Intent) -> Answer:
        """The parts of the named whole(s) whose names end in the kind the question asks for ("哪些片区" →
        …片区; "哪些区县" → …县, …区); the fallback question when the graph states no such part."""
        s = intent.slots
        inner = self.innermost(s.subjects, s.plans)
        # the named part's own parts; when the graph lists none, those of all the things named (a 格局 may hold
        # the items its part "两区" stands for)
        for subjects in dict.fromkeys((tuple(inner), tuple(s.subjects))):
            q = f"""SELECT DISTINCT ?g ?o WHERE {{
  {values("x", list(subjects))} {self.graph_values(s.plans)}
  GRAPH ?g {{ {readings.part("?x", "?o")} UNION {{ ?x <{PK}hasMember> ?o }} }}
  FILTER(?o NOT IN (?x))
}} LIMIT 300"""
            rows = self.select(q)
            ending = part_ending(s.phrase, [self.label(r["o"]) for r in rows])
            rows = [r for r in rows if ending is not None and self.label(r["o"]).endswith(ending)]
            if rows:
                break
        subjects = list(subjects)
        if not rows:
            fb = s.fallback
            if fb:
                return self.do_entities(Intent("entities", fb))
            return Answer("", [], self.not_found(), q, [])
        per_plan = self.group_by_plan(rows, "o")
        answers = self.entity_answers(per_plan)
        whole = "、".join(self.label(x) for x in subjects)
        ev = self.evidence([a["iri"] for a in answers] + subjects, [a["label"] for a in answers] + [whole],
                           graphs=self.scope_graphs(s))
        basis = f"{whole}的组成部分（pk:partOf）" if self.zh() else f"parts of {whole} (pk:partOf)"
        return Answer("", answers, self.set_text(per_plan, answers), q, ev, basis=basis, plans=self.plan_list(per_plan))


def _innermost_query(subjects: list[str], graphs: str) -> str:
    """The named wholes that hold another of the named things ("“一心两带三区”格局中的“三区”": the 格局)."""
    return f"""SELECT DISTINCT ?w WHERE {{
  {values("w", subjects)} {values("p", subjects)} {graphs}
  GRAPH ?g {{ {readings.part("?w", "?p")} UNION {{ ?w <{PK}hasMember> ?p }} }}
  FILTER(?w != ?p)
}}"""


def part_ending(kind: str, labels: list[str]) -> str | tuple[str, ...] | None:
    """The name ending that marks the asked kind of part: a division word's endings, else the longest tail
    (two characters or more) of the kind word that some part's name ends with; "" (any) when no kind is named."""
    if not kind:
        return ""
    if kind in DIVISION_SUFFIXES:
        return DIVISION_SUFFIXES[kind]
    if re.fullmatch(r"(?:[县区市乡镇村旗]|街道)+", kind):  # "县", "县市区" (县（市、区）): each level's ending
        return tuple(re.findall(r"街道|[县区市乡镇村旗]", kind))
    for i in range(len(kind) - 1):
        if any(lab.endswith(kind[i:]) for lab in labels):
            return kind[i:]
    return None
