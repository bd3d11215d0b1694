"""The yearly check as Markdown or a standalone HTML page (JSON is the result dict itself)."""
from __future__ import annotations

from html import escape

from plankg.monitor.rule import BEHIND, BREACHED, MET, MISSED, NO_DATA, ON_TRACK, WARNING

COLOURS = {MET: "#1a7f37", ON_TRACK: "#2f81f7", WARNING: "#d4a72c", BEHIND: "#e36209", MISSED: "#cf222e",
           BREACHED: "#8b0000", NO_DATA: "#8c959f"}
BOUND_FROM = {"stated for the indicator elsewhere": "同指标他处所定", "indicator convention": "指标惯例",
              "base above target": "基期高于目标", "default floor": "默认下限"}
COLUMNS = ("指标", "地区", "行", "目标", "基期", "监测值", "进度值", "状态", "来源")


def _num(v) -> str:
    if v is None:
        return "—"
    return f"{v:g}" if isinstance(v, (int, float)) else str(v)


def cells(row: dict) -> list[str]:
    """The printable cells of one row (shared by both formats)."""
    t, b, o = row["target"], row.get("base"), row.get("observed")
    kind = "本规划" if row["row"] == "plan" else f"上级分解（{row.get('allocated_by') or '上级规划'}）"
    target = f"{t['bound']}{_num(t['value'])}{t['unit']}（{t['year']}年）"
    if t.get("bound_from", "stated") != "stated":  # the plan printed a bare value: say the bound is inferred
        target += f"〔方向推定：{BOUND_FROM.get(t['bound_from'], t['bound_from'])}〕"
    base = f"{_num(b['value'])}{b['unit']}（{b['year']}年）" if b else "—"
    observed = f"{_num(o['value'])}{o['unit']}（{o['year']}年）" if o else "—"
    if o and o["unit"] != t["unit"] and row.get("observed_in_target_unit") is not None:
        observed += f" ≈ {_num(row['observed_in_target_unit'])}{t['unit']}"
    source = (f"{o['dataset']}" + ("；来源不一致，见各值" if row.get("conflict") else "")) if o else "—"
    return [row["indicator"], row["region"], kind, target, base, observed,
            _num(row.get("path")) + (t["unit"] if row.get("path") is not None else ""), row["status"], source]


def markdown(result: dict) -> str:
    lines = [f"# 实施监测：{result['plan']['title']}（{result['year']}年）", "",
             "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in result["indicators"]:
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells(row)) + " |")
    conflicts = [r for r in result["indicators"] if r.get("conflict")]
    if conflicts:
        lines += ["", "## 来源不一致", ""]
        for r in conflicts:
            for o in r["observations"]:
                lines.append(f"- {r['indicator']}：{_num(o['value'])}{o['unit']}（{o['dataset']}）")
    return "\n".join(lines) + "\n"


def html(result: dict) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in COLUMNS)
    body = []
    for row in result["indicators"]:
        tds = cells(row)
        colour = COLOURS.get(row["status"], "#8c959f")
        tds_html = "".join(f"<td>{escape(c)}</td>" for c in tds[:7])
        body.append(f"<tr class=\"{'allocation' if row['row'] != 'plan' else 'plan'}\">{tds_html}"
                    f"<td><span class=\"status\" style=\"background:{colour}\">{escape(tds[7])}</span></td>"
                    f"<td>{escape(tds[8])}</td></tr>")
    title = escape(f"实施监测：{result['plan']['title']}（{result['year']}年）")
    return (f"<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>{title}</title><style>"
            "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
            "padding:4px 8px}.status{color:#fff;padding:1px 6px;border-radius:3px}tr.allocation{color:#555;font-size:.92em}"
            f"</style></head><body><h1>{title}</h1><table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}"
            "</tbody></table></body></html>\n")
