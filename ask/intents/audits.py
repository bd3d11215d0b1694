"""Questions about a plan's inconsistencies with its higher plan ("X规划和上位规划有哪些不一致？"), answered
from the audit's own findings (plankg.shapes) with their quoted evidence — the chat never re-derives
what the audit decides. Also: a question about a plan or place the store does not hold says so.
"""
from __future__ import annotations

import re

from plankg.ask.intents.base import MAX_EVIDENCE, RunnerBase
from plankg.ask.model import Answer, Intent, Mention
from plankg.ask.question_forms import planned_at
from plankg.ask.text import norm

# "…和上位规划有哪些不一致", "…是否符合上位规划", "…审查发现了什么问题", "…与市级规划有冲突吗"
RE_INCONSISTENT = re.compile(r"不一致|不相符|不符|冲突|矛盾|违规|违反|审查|核对|落实不到位|(?:是否|有没有|有无)(?:符合|落实|衔接)"
                             r"|(?:符合|落实|衔接)(?:了)?(?:上位|上级|市级|县级|区级)")
RE_HIGHER_REF = re.compile(r"上位规划|上级规划|上位|市级规划|县级规划|区级规划|总体规划|传导")
# a place name printed right before 规划: "山阴县规划", "某镇国土空间总体规划"
RE_LEAD = re.compile(r"^(?:按照|按|据|根据|依据|在|对|关于|从|与|和|把|将|请问|问)+")
RE_PLACE_PLAN = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:省|自治区|市|自治州|盟|县|旗|区|镇|乡|街道))(?:的)?(?:国土空间)?(?:总体)?规划")
# a name's body holds none of these: "边界内的乡镇规划", "各县规划", "重点镇规划" name no place
NOT_IN_NAME = re.compile(r"[的内外和与及等各本该其全级省市县区镇乡村规划上下]|^(?:小城|县城|中心|重点|一般|特色|建制|城关)$")


def asks_inconsistency(text: str) -> bool:
    return bool(RE_INCONSISTENT.search(text) and RE_HIGHER_REF.search(text))


def unheld_place(text: str, mentions: list[Mention], index) -> str:
    """The name of a place whose plan the question asks about ("山阴县规划…") when no plan in the store
    covers that place; "" when the store holds it (or the question names no place's plan)."""
    covered = {r for p in index.main_plans() for r in p.regions}
    titles = [norm(p.title) for p in index.main_plans()]
    for mt in mentions:
        refs = [r for r in mt.refs if r.kind == "division"]
        after = text[mt.end:mt.end + 10]
        if refs and re.match(r"^(?:的)?(?:国土空间)?(?:总体)?规划", after) and not any(r.iri in covered for r in refs) \
                and not any(norm(mt.text) in t for t in titles) and not planned_at(text, mt.start, mt.end):
            return mt.text
    linked = [(mt.start, mt.end) for mt in mentions if "plan" not in mt.kinds]  # a plan link may be a loose match
    for m in RE_PLACE_PLAN.finditer(text):
        name = RE_LEAD.sub("", m.group(1))
        body = re.sub(r"(?:省|自治区|市|自治州|盟|县|旗|区|镇|乡|街道)$", "", name)
        if len(body) < 2 or NOT_IN_NAME.search(body) or any(s < m.end(1) and m.start(1) < e for s, e in linked):
            continue
        tails = [norm(name[i:]) for i in range(len(name) - 1)]  # "按松溪县" → 松溪县, 溪县: any held tail
        if any(tail in t for tail in tails for t in titles) or any(tail in index.names for tail in tails):
            continue
        return name
    return ""


class AuditIntents(RunnerBase):
    """Intent families: audit (a plan's findings against its higher plan), unheld (no such plan)."""

    def do_unheld(self, intent: Intent) -> Answer:
        name = intent.slots.question_text
        held = "、".join(f"《{p.title}》" for p in self.index.main_plans())
        text = (f"图谱中没有{name}的规划，无法回答关于它的问题（已入库：{held}）。" if self.zh() else
                f"The store holds no plan of {name}; nothing can be said about it (plans held: {held}).")
        return Answer("", [], text, "", [], understood=True, notes=["plan not in store"])

    def do_audit(self, intent: Intent) -> Answer:
        from plankg.shapes.audit import audit  # loaded when asked: most questions never need rdflib/pySHACL

        plans = [p for p in self.index.main_plans() if p.iri in set(intent.slots.plans)]
        if len(plans) != 1:
            text = ("请指明要审查的规划，例如“某县国土空间总体规划和上位规划有哪些不一致？”" if self.zh() else
                    "Name the plan to check, e.g. \"where does the county plan differ from its higher plan?\"")
            return Answer("", [], text, "", [], understood=len(plans) == 0 and not intent.slots.plans)
        report = audit(self.store, plans[0].iri)
        failing = [f for f in report.findings if f.severity == "Violation"]
        manual = [f for f in report.findings if f.severity == "Warning" and "需人工核对" in f.message]
        shown = failing + manual
        answers = [{"label": f.label or f.id, "value": f.message, "rule": f.id, "mode": f.mode_label,
                    "severity": f.severity, "expected": f.expected, "found": f.found} for f in shown]
        evidence = [{"plan": e.plan, "section": e.section, "text": e.text, "role": e.role, "rule": f.id,
                     "highlights": [x for x in (f.label, f.found, f.expected) if x and x in e.text]}
                    for f in shown for e in f.evidence if e.role in ("lower", "higher")][:MAX_EVIDENCE * 2]
        higher = f"《{report.against_title}》" if report.against_title else ""
        if report.against is None:
            text = (f"库中没有《{report.plan_title}》的上位规划，无法进行传导审查。" if self.zh() else
                    f"No higher plan of {report.plan_title} is in the store; it cannot be audited.")
        elif not shown:
            text = (f"审查《{report.plan_title}》对照上位规划{higher}：未发现不一致。" if self.zh() else
                    f"Audit of {report.plan_title} against {report.against_title}: no inconsistency found.")
        elif self.zh():
            parts = [f"{f.mode_label}·{f.label or f.id}（{f.id}）：{f.message.rstrip('。')}" for f in failing]
            text = (f"审查《{report.plan_title}》对照上位规划{higher}，发现{len(failing)}处不一致"
                    + ("：" + "；".join(parts) if parts else "")
                    + (f"；另有{len(manual)}处需人工核对：" + "；".join(f"{f.label}（{f.id}）" for f in manual) if manual else "")
                    + "。")
        else:
            text = (f"Audit of {report.plan_title} against {report.against_title}: {len(failing)} inconsistencies"
                    + (": " + "; ".join(f.message_en or f.message for f in failing) if failing else "")
                    + (f"; {len(manual)} to check by hand" if manual else "") + ".")
        return Answer("", answers, text, "", evidence, basis=f"plankg audit（{report.engine}）",
                      plans=[{"plan": plans[0].title, "graph": plans[0].graph,
                              "answers": [a["label"] for a in answers]}])


def unheld_search_note(index, regions: set[str], evidence: list[dict], zh: bool) -> tuple[str, list[dict]]:
    """After the graph answered nothing about a place no held plan covers ("应县的县城是哪个镇" with no
    plan of 应县): the text search may only show passages that name that place, led by a note that the
    store holds no plan of it — never a passage about another place. ("", evidence) when no such place."""
    covered = {r for p in index.main_plans() for r in p.regions}
    names = [n for n in (index.labels.get(r, "") for r in sorted(regions) if r not in covered) if len(n) >= 2]
    if not names:
        return "", evidence
    kept = [e for e in evidence if any(n in e.get("text", "") for n in names)]
    place = "、".join(names)
    if kept:
        best = kept[0]
        snippet = best["text"] if len(best["text"]) <= 160 else best["text"][:160] + "…"
        return ((f"图谱中没有{place}的规划，也没有找到答案。以下是提到{place}的段落（全文检索，不是图谱查询），"
                 f"最相关的出自《{best['plan']}》{best['section']}：{snippet}") if zh else
                (f"The store holds no plan of {place} and the graph has no answer. Passages naming {place} "
                 f"(text search, not a graph answer); best from {best['plan']} {best['section']}: {snippet}")), kept
    held = "、".join(f"《{p.title}》" for p in index.main_plans())
    return ((f"图谱中没有{place}的规划，已入库的规划中也没有提到{place}并回答这个问题的段落（已入库：{held}）。" if zh else
             f"The store holds no plan of {place}, and no passage of the plans it holds names it (plans held: {held})."),
            [])
