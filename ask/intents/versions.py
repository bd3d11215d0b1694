"""Questions about what changed between two versions of a plan ("公示稿与征求意见稿相比，X有何变化？",
"…新增了哪些项目？", "…删去了哪个项目？"): the changes wing compares the two stored versions, this
family picks the changes the question asks about and words them."""
from __future__ import annotations

import re
import threading
from collections import OrderedDict

from rdflib import Graph

from plankg.ask.intents.base import MAX_EVIDENCE, RunnerBase
from plankg.ask.model import Answer, Intent, PlanInfo
from plankg.ask.templates import PK
from plankg.ask.text import norm
from plankg.changes import Change, diff
from plankg.changes.facts import VersionFacts, read_facts
from plankg.changes.render import describe

# what a question asks for, by the word it uses: which kinds of change answer it
ASK_KINDS = (("新增|增加|增设|增补|加入|列入", ("added", "cites")), ("删去|删除|去掉|取消|移除|不再|减少", ("removed", "cites")),
             ("等级|职能|定位为|列为|升为|调整为", ("role",)), ("期限|工期|完工|开工|建设时间|年限", ("attribute", "period")),
             ("引用|依据|衔接", ("cites",)), ("状态|阶段", ("status",)))
_FACTS: OrderedDict[tuple, VersionFacts] = OrderedDict()  # (graph, size) → facts, the few last compared
_LOCK = threading.Lock()


class VersionIntents(RunnerBase):
    """Intent family: versions (the changes between two stored versions of one plan)."""

    def do_versions(self, intent: Intent) -> Answer:
        s = intent.slots
        pair = self.version_pair(s.plans, s.phrase.split("|") if s.phrase else [])
        if pair is None:
            text = ("图谱中这个规划只有一个版本，无法比较。" if self.zh() else
                    "Only one version of this plan is stored: there is nothing to compare.")
            return Answer("", [], text, "", [])
        old, new = pair
        changes = self.asked(diff(self.facts(old), self.facts(new)), s)
        names = f"{old.status or old.date}→{new.status or new.date}"
        if not changes:
            text = (f"《{new.title}》{names}：没有找到所问内容的变化。" if self.zh() else
                    f"{new.title} {names}: no change of what was asked was found.")
            return Answer("", [], text, "", [], plans=[{"plan": new.title, "graph": new.graph}])
        answers, lines, evidence = [], [], []
        for c in changes:
            what, a, b = describe(c)
            label = c.label if c.kind in ("added", "removed", "cites") else f"{what}：{a} → {b}"
            answers.append({"label": label, "value": b if c.kind not in ("removed",) else a, "kind": c.kind,
                            "old": a, "new": b, "plans": [new.title]})
            lines.append(self.sentence(c, what, a, b))
            evidence += [{"text": t, "plan": f"{new.title}（{v.status}）"} for side, v in (("old", old), ("new", new))
                         for t in [c.evidence.get(side)] if t]
        head = (f"与{old.status or '上一版本'}相比，《{new.title}》{new.status or ''}：" if self.zh() else
                f"{new.title}, {new.status} against {old.status}: ")
        return Answer("", answers, head + ("；".join(lines) + "。" if self.zh() else "; ".join(lines) + "."), "",
                      evidence[:MAX_EVIDENCE], plans=[{"plan": new.title, "graph": new.graph}],
                      notes=[f"compared {old.graph} with {new.graph}"])

    def version_pair(self, plans: list[str], statuses: list[str]) -> tuple[PlanInfo, PlanInfo] | None:
        """The two versions asked about: the named statuses (oldest first), else the current and the one before."""
        candidates = plans or sorted({p.iri for p in self.index.plans.values() if not p.is_annex})
        for plan in candidates:
            versions = self.index.versions_of(plan)
            if len(versions) < 2:
                continue
            named = [v for v in versions if v.status and v.status in statuses]
            if len(named) >= 2:
                return named[0], named[-1]
            if len(named) == 1 and named[0] is not versions[-1]:
                return named[0], versions[-1]
            if len(named) == 1:
                return versions[-2], named[0]
            return versions[-2], versions[-1]
        return None

    def facts(self, info: PlanInfo) -> VersionFacts:
        key = (info.graph, self.store.graph_size(info.graph))
        with _LOCK:
            if key in _FACTS:
                _FACTS.move_to_end(key)
                return _FACTS[key]
        data = Graph()
        data.parse(data=self.store.dump("nt", graph=info.graph), format="nt")
        facts = read_facts(data)
        with _LOCK:
            _FACTS[key] = facts
            while len(_FACTS) > 8:
                _FACTS.popitem(last=False)
        return facts

    def asked(self, changes: list[Change], s) -> list[Change]:
        """The changes the question is about: its indicator, its class of thing, its kind of change."""
        text = s.question_text
        if s.indicators:
            names = {norm(self.label(i)) for i in s.indicators}
            hit = [c for c in changes if c.kind == "indicator" and norm(c.label) in names]
            if hit:
                return hit
        kinds = {k for pattern, ks in ASK_KINDS if re.search(pattern, text) for k in ks}
        picked = [c for c in changes if not kinds or c.kind in kinds]
        if s.classes and any(c.type for c in picked):
            closure = self.index.class_closure(set(s.classes))
            typed = [c for c in picked if c.type and PK + c.type in closure]
            picked = typed or picked
        if s.subjects:  # "威远镇的等级有何变化": the changes about the named thing
            labels = {norm(self.label(i)) for i in s.subjects}
            about = [c for c in picked if norm(c.label) in labels]
            picked = about or picked
        return picked

    def sentence(self, c: Change, what: str, a: str, b: str) -> str:
        if not self.zh():
            return f"{c.kind} {what}: {a} → {b}"
        if c.kind == "added":
            return f"新增{what}"
        if c.kind == "removed":
            return f"删去{what}"
        if c.kind == "cites":
            return ("新增引用" if c.new else "不再引用") + f"《{c.label.strip('《》')}》"
        if c.kind == "status":
            return f"版本由{a}变为{b}"
        if c.kind == "period":
            return f"规划期限由{a}调整为{b}"
        return f"{what}由{a}调整为{b}"
