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
                f"{f.message}", "", f"*{f.message_en}*", "",
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


def html(report: AuditReport) -> str:
    e = escape
    rows = "".join(f"<tr><td>{e(m)}</td><td>{v}</td><td>{w}</td><td>{i}</td></tr>" for m, v, w, i in _counts(report))
    items = []
    for f in report.findings:
        low, high = _sides(f)
        quote = lambda es: "".join(
            f"<blockquote><cite>{e(x.plan)}{' ' + e(x.section) if x.section else ''}</cite><p>{e(_short(x.text, 600))}</p></blockquote>"
            for x in es) or "<p>—</p>"
        items.append(
            f'<section class="finding {e(f.severity.lower())}"><h3>[{e(SEVERITY_ZH.get(f.severity, f.severity))}] '
            f"{e(f.id)} {e(f.mode_label)}</h3><p>{e(f.message)}</p><p lang=\"en\"><i>{e(f.message_en)}</i></p>"
            f"<dl><dt>应为 expected</dt><dd>{e(f.expected or '—')}</dd><dt>实际 found</dt><dd>{e(f.found or '—')}</dd></dl>"
            f'<div class="sides"><div><h4>本规划原文</h4>{quote(low)}</div><div><h4>上位规划条款</h4>{quote(high)}</div></div></section>')
    head = "".join(f"<li>{e(h)}</li>" for h in _header(report))
    return (
        "<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>规划传导审查报告</title>"
        "<style>body{font-family:sans-serif;max-width:70rem;margin:auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.2rem .6rem}.sides{display:grid;grid-template-columns:1fr 1fr;gap:1rem}"
        ".violation h3{color:#b00}.warning h3{color:#a60}.info h3{color:#06a}blockquote{margin:.3rem 0;padding-left:.6rem;border-left:3px solid #ccc}</style>"
        f"</head><body><h1>规划传导审查报告 <small>Audit report</small></h1><ul>{head}</ul>"
        f"<h2>汇总 Summary</h2><table><tr><th>传导方式</th><th>违规</th><th>警告</th><th>提示</th></tr>{rows}</table>"
        f"<h2>审查结果 Findings</h2>{''.join(items)}</body></html>")
