"""Changes as JSON, Markdown or HTML (one table row per change, in the order diff gives them)."""
from __future__ import annotations

import html
import json

from plankg.changes.model import Change, term_label

KIND_LABEL = {"status": "版本状态", "period": "规划期限", "cites": "引用文件", "indicator": "指标", "added": "新增",
              "removed": "删除", "role": "职能/等级", "attribute": "属性"}


def as_json(changes: list[Change], old: str = "", new: str = "") -> dict:
    return {"old": old, "new": new, "changes": [c.to_dict() for c in changes]}


def describe(change: Change) -> tuple[str, str, str]:
    """(what, old, new) in words, for tables and chat answers."""
    what = change.label
    if change.kind == "indicator":
        what = f"{change.label}（{change.year}年）" if change.year else change.label
        if change.old_year:
            what = f"{change.label}（{change.old_year}年 → {change.year}年）"
    elif change.kind == "attribute":
        what = f"{change.label} · {term_label(change.attribute)}"
    elif change.kind in ("added", "removed") and change.type:
        what = f"{change.label}（{term_label(change.type)}）"
    return what, _value(change.old), _value(change.new)


def _value(v: object) -> str:
    if v is None:
        return "—"
    if isinstance(v, (list, tuple, set)):
        return "、".join(map(str, v))
    if hasattr(v, "unit") and hasattr(v, "bound"):
        number = f"{v.value:g}" if v.value is not None else "?"
        return f"{v.bound}{number}{v.unit}"
    return str(v)


def markdown(changes: list[Change], old: str = "", new: str = "") -> str:
    lines = [f"# 版本对比：{old} → {new}", "", f"共 {len(changes)} 处变化。", ""]
    if changes:
        lines += ["| 类别 | 内容 | 原版本 | 新版本 |", "|---|---|---|---|"]
        for c in changes:
            what, a, b = describe(c)
            lines.append("| " + " | ".join(x.replace("|", "\\|") for x in (KIND_LABEL[c.kind], what, a, b)) + " |")
    return "\n".join(lines) + "\n"


def html_table(changes: list[Change]) -> str:
    """The table alone (escaped), for the dossier's 版本 panel and the standalone page."""
    rows = "".join(
        f'<tr data-kind="{c.kind}"><td>{html.escape(KIND_LABEL[c.kind])}</td>'
        + "".join(f"<td>{html.escape(x)}</td>" for x in describe(c)) + "</tr>" for c in changes)
    return ('<table class="changes"><thead><tr><th>类别</th><th>内容</th><th>原版本</th><th>新版本</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def html_page(changes: list[Change], old: str = "", new: str = "") -> str:
    title = html.escape(f"版本对比：{old} → {new}")
    return (f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f"<h1>{title}</h1><p>共 {len(changes)} 处变化。</p>{html_table(changes)}</body></html>\n")


def dumps(changes: list[Change], fmt: str, old: str = "", new: str = "") -> str:
    if fmt == "json":
        return json.dumps(as_json(changes, old, new), ensure_ascii=False, indent=1) + "\n"
    if fmt == "md":
        return markdown(changes, old, new)
    return html_page(changes, old, new)
