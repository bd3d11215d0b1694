"""Monitoring questions (实施监测): a status, the indicators in one status, how many, an observed value.

"右玉县2023年耕地保有量是否达到规划目标？", "…2023年度监测中哪些指标滞后？", "…有几项指标达标？",
"…2024年森林覆盖率是多少？", "…折合多少万亩？". The yearly check itself is plankg.monitor (the same rows
`plankg monitor` prints); this family only picks the rows asked for and cites the observation's source.
"""
from __future__ import annotations

import re

from plankg import errors
from plankg.ask.intents.base import RunnerBase
from plankg.ask.model import Answer, Intent, Ref, Slots
from plankg.monitor import gather, rule

# longest first: 未达标 is not 达标, 符合进度 before 进度
STATUS_WORDS = tuple(sorted(rule.STATUSES, key=len, reverse=True))
RE_MONITOR = re.compile(r"监测|体检|评估|实施进度|规划进度|按进度|是否达到规划目标|达到规划目标了?吗|状态|完成情况|"
                        + "|".join(STATUS_WORDS))
RE_WHICH = re.compile(r"哪些|哪几|哪个|哪一")
RE_HOW_MANY = re.compile(r"几项|几个|多少项|多少个")
RE_VALUE = re.compile(r"监测值|实际值|实测|是多少|为多少|多少|折合")
RE_OBSERVED = re.compile(r"监测值|实际值|实测值|统计值")
RE_TARGET_WORDS = re.compile(r"目标|下达|分解|分配|控制在|规划期末|要达到|应达到|(?:到|至)\d{4}年")
RE_IN_UNIT = re.compile(r"折合(?:多少|几)\s*(万亩|亩|公顷|平方公里|平方千米|万平方米)")


def monitor_question(text: str, years: list[int], places: list[Ref], indicators: list[Ref]) -> Slots | None:
    """The slots of a monitoring question, or None when the question is of another kind.

    A place and a year are needed; then a status word or a monitoring word (监测, 体检, 进度), or a value
    asked for a year without target words (a year's observation, answered from the plan when none is stored)."""
    if not places:
        return None
    status = next((w for w in STATUS_WORDS if w in text), "")
    if not years and not (status or re.search(r"监测|体检", text)):
        return None  # no year: only a status question ("应县哪些指标滞后？"), judged for the latest year observed
    base = Slots(places=[places[0].iri], years=years[:1], indicators=[r.iri for r in indicators[:1]], phrase=status)
    if RE_WHICH.search(text) and status and not indicators:
        return base.but(prop="which")
    if RE_HOW_MANY.search(text) and status and not indicators:
        return base.but(prop="count")
    if not indicators:
        return None
    m_unit = RE_IN_UNIT.search(text)
    if not years:
        return base.but(prop="status") if RE_MONITOR.search(text) else None
    if m_unit or RE_OBSERVED.search(text) or (RE_VALUE.search(text) and not RE_MONITOR.search(text) and not RE_TARGET_WORDS.search(text)):
        return base.but(prop="value", column=m_unit.group(1) if m_unit else "")
    if RE_MONITOR.search(text):
        return base.but(prop="status")
    return None


class MonitorIntents(RunnerBase):
    """The monitoring family (a mixin of the service's Runner)."""

    def do_monitor(self, intent: Intent) -> Answer:
        s = intent.slots
        region, year = s.places[0], (s.years[0] if s.years else None)
        label = self.label(region)
        plan = gather.plan_of_region(self.store, region)
        base_year = gather.plan_facts(self.store, plan)["base_year"] if plan else None
        try:
            result = gather.monitor_region(self.store, region, label, year, plan, base_year)
        except errors.NotFound:
            result = {"indicators": [], "year": year}
        year = result["year"]
        if year is None:
            return Answer("", [], f"图谱中没有{label}的监测数据（监测报告或指标统计表）。" if self.zh() else
                          f"No monitoring data is stored for {label}.", "", [])
        rows = [r for r in result["indicators"] if r["row"] == "plan"] or result["indicators"]
        if s.prop == "value":
            return self._value(s, region, label, year)
        if s.prop in ("which", "count"):
            hit = [r for r in rows if r["status"] == s.phrase]
            return self._listing(s, label, year, hit, len(rows))
        asked = self._indicator_key(s)
        row = next((r for r in rows if gather.indicator_key(r["indicator"]) == asked), None)
        if row is None:
            return Answer("", [], self.not_found(), "", [])
        return Answer("", [{"label": row["status"], "value": row["status"], "indicator": row["indicator"],
                            "area": label, "year": year, "kind": "MonitoringStatus"}],
                      self._row_text(row, label, year), "", self._evidence([row]), basis=self._basis())

    def _indicator_key(self, s: Slots) -> str:
        return gather.indicator_key(self.label(s.indicators[0])) if s.indicators else ""

    def _value(self, s: Slots, region: str, label: str, year: int) -> Answer:
        key = self._indicator_key(s)
        of_year = [o for o in gather.observations(self.store, region)
                   if gather.indicator_key(o.indicator) == key and o.year == year]
        if not of_year:  # no observation of that year: the plan's own value for it (a target, a base value)
            return self.do_value(Intent("value", Slots(indicators=s.indicators, places=s.places, years=s.years,
                                                       plans=s.plans, question_text=s.question_text)))  # its unit
        unit = s.column or of_year[0].unit
        chosen, conflict = gather.pick(of_year, unit)
        value = chosen.in_unit(unit) if chosen else None
        if value is None:
            unit, value = chosen.unit, chosen.value
        shown = f"{round(value, 4):g}{unit}"
        text = (f"{label}{year}年{chosen.indicator}监测值为{chosen.value_text}{'' if chosen.unit in chosen.value_text else chosen.unit}"
                + (f"，折合{shown}" if s.column and s.column != chosen.unit else "") + f"（{chosen.dataset}）。")
        if conflict:
            text += "各来源数值不一致：" + "；".join(f"{o.value:g}{o.unit}（{o.dataset}）" for o in of_year) + "。"
        return Answer("", [{"label": shown, "value": f"{round(value, 4):g}", "unit": unit, "year": year, "area": label,
                            "indicator": chosen.indicator, "kind": "MonitoringObservation"}],
                      text, "", [self._ev(o) for o in of_year[:3]], basis=self._basis())

    def _listing(self, s: Slots, label: str, year: int, hit: list[dict], total: int) -> Answer:
        names = "、".join(r["indicator"] for r in hit) or "无"
        text = f"{label}{year}年度监测中，{len(hit)}项规划指标{s.phrase}（共{total}项）：{names}。"
        if s.prop == "count":
            answers = [{"label": str(len(hit)), "value": str(len(hit)), "kind": "count"}]
        else:
            answers = [{"label": r["indicator"], "value": r["status"], "area": label, "year": year,
                        "kind": "MonitoringStatus"} for r in hit]
        return Answer("", answers, text, "", self._evidence(hit), basis=self._basis())

    def _row_text(self, row: dict, label: str, year: int) -> str:
        t, o, b = row["target"], row.get("observed"), row.get("base")
        parts = [f"{label}{year}年{row['indicator']}：{row['status']}"]
        if o:
            parts.append(f"监测值{o['value']:g}{o['unit']}（{o['dataset']}）")
        parts.append(f"规划目标{t['bound']}{t['value']:g}{t['unit']}（{t['year']}年）")
        if b:
            parts.append(f"基期值{b['value']:g}{b['unit']}（{b['year']}年）")
        if row.get("path") is not None:
            parts.append(f"按进度当年应为{row['path']:g}{t['unit']}")
        return "，".join(parts) + "。"

    def _evidence(self, rows: list[dict]) -> list[dict]:
        out = []
        for r in rows[:4]:
            o = r.get("observed")
            if o:
                out.append({"plan": o["dataset"], "section": "", "text": o["text"], "passage": o["passage"], "graph": "",
                            "plan_iri": None, "highlights": [f"{o['value']:g}"]})
        return out

    def _ev(self, o: gather.Obs) -> dict:
        return {"plan": o.dataset, "section": "", "text": o.text, "passage": o.passage, "graph": "", "plan_iri": None,
                "highlights": [o.value_text]}

    def _basis(self) -> str:
        return "实施监测（监测报告与统计表的观测值，对照规划目标）" if self.zh() else \
            "monitoring (observations from reports and tables against the plan's targets)"
