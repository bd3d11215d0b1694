"""Audit reports a planning official can act on: plain text, Markdown and HTML, Chinese first."""
from __future__ import annotations

from html import escape

from plankg.shapes.model import AuditReport, Finding

SEVERITY_ZH = {"Violation": "违规", "Warning": "警告", "Info": "提示"}
FOUND_BY_ZH = {"citation": "规划依据中引用", "hierarchy": "按行政隶属关系", "explicit": "人工指定"}


def _title(report: AuditReport) -> str:
    return report.plan_title or report.plan


def _header(report: AuditReport) -> list[str]:
    against = (f"《{report.against_title or report.against}》（{FOUND_BY_ZH.get(report.found_by or '', report.found_by)}）"
               if report.against else "（库中无上位规划）")
    verdict = "符合（无违规项）" if report.conforms else "不符合（存在违规项）"
    return [f"被审查规划：《{_title(report)}》", f"上位规划：{against}", f"结论：{verdict} / conforms: {str(report.conforms).lower()}"]


def _counts(report: AuditReport) -> list[tuple[str, int, int, int]]:
    rows = []
    for mode, c in report.counts().items():
        rows.append((mode, c.get("Violation", 0), c.get("Warning", 0), c.get("Info", 0)))
    return rows


def text(report: AuditReport) -> str:
    lines = _header(report) + [""]
    for mode, v, w, i in _counts(report):
        lines.append(f"{mode}: 违规 {v} · 警告 {w} · 提示 {i}")
    lines.append("")
    for f in report.findings:
        lines.append(f"[{SEVERITY_ZH.get(f.severity, f.severity)}] {f.id} {f.mode_label}：{f.message}")
        if f.expected or f.found:
            lines.append(f"    应为：{f.expected or '—'}    实际：{f.found or '—'}")
        for e in f.evidence:
            lines.append(f"    〔{_who(e.role)}·{e.plan}{' ' + e.section if e.section else ''}〕{_short(e.text)}")
    return "\n".join(lines)


def _who(role: str) -> str:
    return {"lower": "本规划", "higher": "上位规划", "provision": "上位规划条款"}.get(role, role)


def _short(t: str, n: int = 160) -> str:
    t = " ".join(t.split())
    return t if len(t) <= n else t[: n - 1] + "…"


def _sides(f: Finding) -> tuple[list, list]:
    low = [e for e in f.evidence if e.role == "lower"]
    high = [e for e in f.evidence if e.role != "lower"]
    return low, high


def markdown(report: AuditReport) -> str:
    out = [f"# 规划传导审查报告 / Audit report", ""] + [f"- {h}" for h in _header(report)] + [""]
    out += ["## 汇总 / Summary", "", "| 传导方式 mode | 违规 Violation | 警告 Warning | 提示 Info |", "|---|---|---|---|"]
    out += [f"| {m} | {v} | {w} | {i} |" for m, v, w, i in _counts(report)]
    out += ["", "## 审查结果 / Findings", ""]
    for n, f in enumerate(report.findings, 1):
        out += [f"### {n}. [{SEVERITY_ZH.get(f.severity)} {f.severity}] {f.id} {f.mode_label}", "",
                f"{f.message}", "", f"EN: {f.message_en}", "",
                f"- 应为 expected：{f.expected or '—'}", f"- 实际 found：{f.found or '—'}", ""]
        low, high = _sides(f)
        if low or high:
            out += ["| 本规划原文 (lower plan) | 上位规划条款 (higher plan) |", "|---|---|"]
            for i in range(max(len(low), len(high))):
                cell = lambda es: (f"**{es[i].plan}{' ' + es[i].section if es[i].section else ''}**：{_md(es[i].text)}"
                                   if i < len(es) else "")
                out.append(f"| {cell(low)} | {cell(high)} |")
            out.append("")
    return "\n".join(out)


def _md(t: str) -> str:
    return _short(t, 400).replace("|", "\\|")


# The web app's palette and type (api/static/chat.css); upright text throughout: Chinese has no italics.
_CSS = (":root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--accent:#0b6e4f;--bg:#f7f9fb}"
        "*{box-sizing:border-box}body{margin:0;font:16px/1.6 'WenQuanYi Micro Hei','Noto Sans CJK SC','PingFang SC',sans-serif;"
        "color:var(--ink);background:var(--bg);font-style:normal}i,em,cite{font-style:normal}"
        ".top{padding:.6rem 1.2rem;background:var(--accent);color:#fff}.top h1{font-size:1.2rem;margin:0}"
        "main{max-width:72rem;margin:0 auto;padding:1rem}.card{background:#fff;border:1px solid var(--line);"
        "border-radius:6px;padding:.7rem 1rem;margin:.6rem 0}table{border-collapse:collapse;background:#fff}"
        "td,th{border-bottom:1px solid var(--line);padding:.25rem .6rem;text-align:left}"
        ".sides{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.sides h4{margin:.2rem 0;color:var(--muted);font-size:.9rem}"
        "blockquote.passage{margin:.4rem 0;padding:.3rem .8rem;border-left:3px solid var(--accent);background:var(--bg)}"
        ".cite{display:block;font-size:.85rem;color:var(--muted)}.en{color:var(--muted);font-size:.9rem}"
        ".badge{display:inline-block;padding:0 .5rem;border-radius:4px;color:#fff;font-size:.85rem;margin-right:.4rem}"
        ".violation .badge{background:#b42318}.warning .badge{background:#b54708}.info .badge{background:#175cd3}"
        ".verdict{font-weight:600}")


def _quotes(items: list) -> str:
    e = escape
    return "".join(f'<blockquote class="passage"><span class="cite">{e(x.plan)}{" · " + e(x.section) if x.section else ""}'
                   f"</span>{e(_short(x.text, 600))}</blockquote>" for x in items) or "<p>—</p>"


def _finding_html(f: Finding) -> str:
    e = escape
    low, high = _sides(f)
    return (f'<article class="card finding {e(f.severity.lower())}"><h3><span class="badge">'
            f"{e(SEVERITY_ZH.get(f.severity, f.severity))}</span>{e(f.id)}</h3><p>{e(f.message)}</p>"
            f'<p class="en" lang="en">{e(f.message_en)}</p>'
            f"<table><tr><th>应为 expected</th><td>{e(f.expected or '—')}</td></tr>"
            f"<tr><th>实际 found</th><td>{e(f.found or '—')}</td></tr></table>"
            f'<div class="sides"><div><h4>本规划原文</h4>{_quotes(low)}</div>'
            f"<div><h4>上位规划条款</h4>{_quotes(high)}</div></div></article>")


def html(report: AuditReport) -> str:
    """A standalone page in the web app's style: summary, then the findings grouped by mode."""
    e = escape
    rows = "".join(f"<tr><td>{e(m)}</td><td>{v}</td><td>{w}</td><td>{i}</td></tr>" for m, v, w, i in _counts(report))
    by_mode: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_mode.setdefault(f.mode_label, []).append(f)
    sections = "".join(f"<section><h2>{e(mode)}</h2>{''.join(_finding_html(f) for f in fs)}</section>"
                       for mode, fs in by_mode.items())
    verdict = ' class="verdict"'
    head = "".join(f"<li{verdict if h.startswith('结论') else ''}>{e(h)}</li>" for h in _header(report))
    return ("<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>规划传导审查报告</title>"
            f"<style>{_CSS}</style></head><body><header class=\"top\"><h1>规划传导审查报告 Audit report</h1></header>"
            f"<main><ul class=\"card\">{head}</ul><h2>汇总 Summary</h2><table><tr><th>传导方式</th><th>违规</th>"
            f"<th>警告</th><th>提示</th></tr>{rows}</table>{sections}</main></body></html>")
