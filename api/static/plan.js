// Plan dossier: metadata, outline (plan first, then annexes), indicator table, lists and structures,
// projects, related plans, a map of the region, an audit against the higher plan run from the page, and
// the plan's versions with the changes from the previous one.
"use strict";
function linkTo(iri, label) {
  return el("a", { href: iri.includes("/id/plan/") ? planHref(iri) : entityHref(iri) }, label);
}
function panel(id, title, ...children) {
  return el("section", { class: "panel", id }, el("h3", {}, title), ...children);
}
function metaList(meta) {
  const dl = el("dl", { class: "meta" });
  for (const f of meta) dl.append(el("dt", {}, f.property), el("dd", {}, f.iri ? linkTo(f.iri, f.value) : f.value));
  return dl;
}
function outlinePanel(documents) {
  const box = panel("outline", t("outline"));
  for (const d of documents) {
    box.appendChild(el("h4", {}, (d.kind === "annex" ? t("annex") + " · " : "") + d.title));
    const ul = el("ul", { class: "outline" });
    for (const s of d.sections) ul.appendChild(el("li", { class: "d" + Math.min(s.depth, 2) }, s.label));
    box.appendChild(ul);
  }
  return box;
}
function indicatorPanel(years, rows) {
  const head = el("tr", {}, el("th", {}, t("indicator")), el("th", {}, t("area")), years.map(y => el("th", {}, y === "—" ? t("noYear") : y)));
  const body = rows.map(r => el("tr", {}, el("td", {}, linkTo(r.iri, r.indicator)), el("td", {}, r.area || ""),
    years.map(y => el("td", { class: "num" + (/约束性|binding/.test(r.cells[y] || "") ? " bound-binding" : "") }, r.cells[y] || ""))));
  return panel("indicators", t("indicators") + " (" + rows.length + ")",
    el("table", { class: "grid indicators" }, el("thead", {}, head), el("tbody", {}, body)));
}
function listingsPanel(listings) {
  return panel("lists", t("lists") + " (" + listings.length + ")", listings.map(l => el("div", { class: "listing" },
    el("span", { class: "kind" }, l.kind), linkTo(l.iri, l.label),
    l.declared ? el("small", {}, " · " + t("declared") + " " + l.declared) : null, "：",
    el("span", { class: "members" }, l.members.map(m => linkTo(m.iri, m.label))))));
}
function projectsPanel(projects) {
  const rows = projects.map(p => el("tr", {}, el("td", {}, linkTo(p.iri, p.label)),
    el("td", {}, p.attributes.map((a, i) => [i ? "；" : "", el("span", { class: "types" }, a.property + "："),
      a.iri ? linkTo(a.iri, a.value) : a.value]))));
  return panel("projects", t("projects") + " (" + projects.length + ")", el("table", { class: "grid" }, el("tbody", {}, rows)));
}
function plansPanel(plans) {
  const col = key => el("div", {}, el("h4", {}, t(key)), plans[key].length
    ? el("ul", {}, plans[key].map(p => el("li", {}, linkTo(p.iri, p.label)))) : el("p", { class: "types" }, t("none")));
  return panel("plans", t("plans"), el("div", { class: "cols" }, col("higher"), col("lower"), col("cited")));
}
function findingView(f) {
  return el("div", { class: "finding " + f.severity },
    el("div", {}, el("span", { class: "sev " + f.severity }, t(f.severity)), el("b", {}, f.mode), " ", el("small", { class: "types" }, f.id)),
    el("p", {}, f.message),
    f.expected || f.found ? el("p", { class: "ef" }, t("expected") + "：" + (f.expected || "—") + "　" + t("found") + "：" + (f.found || "—")) : null,
    (f.evidence || []).length ? el("details", {}, el("summary", {}, t("evidence") + " (" + f.evidence.length + ")"),
      f.evidence.map(e => el("blockquote", { class: "passage" }, el("div", { class: "cite" }, "《" + e.plan + "》 " + (e.section || "")),
        el("p", {}, e.text)))) : null);
}
async function runAudit(planId, box) {
  box.textContent = "";
  box.appendChild(el("p", { class: "loading" }, t("auditing")));
  try {
    const r = await getJSON("/api/plans/" + encodeURIComponent(planId) + "/audit");
    box.textContent = "";
    const counts = el("p", { class: "counts" }, ["Violation", "Warning", "Info"].map(sev =>
      el("span", {}, el("span", { class: "sev " + sev }, t(sev)), String(r.findings.filter(f => f.severity === sev).length))));
    box.append(el("p", { id: "audit-verdict" }, el("b", {}, r.conforms ? t("conforms") : t("notConforms")),
      " · " + t("auditAgainst") + "《" + (r.against_title || r.against) + "》"), counts);
    box.appendChild(el("div", { id: "findings" }, r.findings.map(findingView)));
  } catch (e) {
    box.textContent = "";
    box.appendChild(el("p", { class: "error" }, t("error") + "：" + e.message));
  }
}
function auditPanel(data) {
  const box = el("div", { id: "audit-result" }, el("p", { class: "types" }, t("noAudit")));
  const button = el("button", { id: "audit-run", type: "button", onclick: () => runAudit(data.id, box) }, t("auditRun"));
  return panel("audit", t("audit"), el("div", { class: "audit-bar" }, button,
    data.plans.higher.length ? el("span", { class: "types" }, t("higher") + "：" + data.plans.higher.map(p => p.label).join("、")) : null), box);
}
// the 版本 panel: every stored version (status, date), the current one marked, and the changes from
// the previous version (GET /api/plans/{id}/diff, rendered from JSON: no HTML from the server)
const VERSION_TEXT = {
  zh: { versions: "版本", compare: "与上一版本对比", current: "当前版本", status: "状态", date: "日期",
        noChanges: "两版之间没有内容变化", changes: "处变化", kind: "类别", what: "内容", old: "原版本", new: "新版本",
        status_k: "版本状态", period: "规划期限", cites: "引用文件", indicator: "指标", added: "新增", removed: "删除",
        role: "职能/等级", attribute: "属性" },
  en: { versions: "Versions", compare: "Compare with the previous version", current: "current", status: "Status",
        date: "Date", noChanges: "No change of content between the two versions", changes: "changes", kind: "Kind",
        what: "What", old: "Earlier", new: "Later", status_k: "status", period: "period", cites: "citation",
        indicator: "indicator", added: "added", removed: "removed", role: "role", attribute: "attribute" },
};
function tv(key) { return (VERSION_TEXT[LANG] || VERSION_TEXT.zh)[key] || key; }
function changeValue(v) {
  if (v === null || v === undefined) return "—";
  if (Array.isArray(v)) return v.join("、");
  if (typeof v === "object") return (v.bound || "") + (v.value ?? "?") + (v.unit || "");
  return String(v);
}
function changeRow(c) {
  let what = c.label || "";
  if (c.kind === "indicator" && c.year) what += "（" + (c.old_year ? c.old_year + " → " : "") + c.year + "）";
  if (c.kind === "attribute") what += " · " + (LANG === "zh" && c.attribute_label || c.attribute);
  if (c.type) what += "（" + (LANG === "zh" && c.type_label || c.type) + "）";
  return el("tr", { "data-kind": c.kind }, el("td", {}, tv(c.kind === "status" ? "status_k" : c.kind)), el("td", {}, what),
    el("td", {}, changeValue(c.old)), el("td", {}, changeValue(c.new)));
}
async function runDiff(planId, box) {
  box.textContent = "";
  try {
    const r = await getJSON("/api/plans/" + encodeURIComponent(planId) + "/diff");
    box.appendChild(el("p", { class: "counts" }, r.old + " → " + r.new + "：" + r.changes.length + " " + tv("changes")));
    box.appendChild(r.changes.length ? el("table", { class: "grid changes", id: "changes" },
      el("thead", {}, el("tr", {}, ["kind", "what", "old", "new"].map(k => el("th", {}, tv(k))))),
      el("tbody", {}, r.changes.map(changeRow))) : el("p", { class: "types" }, tv("noChanges")));
  } catch (e) {
    box.appendChild(el("p", { class: "error" }, t("error") + "：" + e.message));
  }
}
function versionsPanel(data) {
  const rows = data.versions.map(v => el("tr", { class: v.current ? "current" : "" }, el("td", {}, v.status || "—"),
    el("td", {}, v.date || "—"), el("td", {}, v.current ? tv("current") : "")));
  const box = el("div", { id: "diff-result" });
  const button = data.versions.length > 1
    ? el("button", { id: "diff-run", type: "button", onclick: () => runDiff(data.id, box) }, tv("compare")) : null;
  return panel("versions", tv("versions") + " (" + data.versions.length + ")",
    el("table", { class: "grid" }, el("thead", {}, el("tr", {}, el("th", {}, tv("status")), el("th", {}, tv("date")), el("th", {}, ""))),
      el("tbody", {}, rows)), button, box);
}
async function render() {
  const iri = new URLSearchParams(location.search).get("iri") || "";
  const main = document.getElementById("content");
  main.textContent = "";
  let data;
  try { data = await getJSON("/api/pages/plan?lang=" + LANG + "&iri=" + encodeURIComponent(iri)); }
  catch (e) {
    // a plan that is only cited (not ingested) has no dossier: show what the graph knows of it
    if (/^https?:\/\//.test(iri)) { location.replace(entityHref(iri)); return; }
    main.appendChild(el("p", { class: "error" }, t("notFound") + ": " + iri));
    return;
  }
  document.getElementById("title").textContent = data.title;
  document.title = data.title + " · plankg";
  main.appendChild(el("h2", {}, data.title));
  main.appendChild(panel("overview", t("overview"), metaList(data.meta)));
  if (data.map) main.appendChild(panel("map", t("map"), mapBox(data.map, "region-map")));
  if ((data.versions || []).length) main.appendChild(versionsPanel(data));
  if (data.monitor && typeof monitorPanel === "function") main.appendChild(monitorPanel(data.monitor));  // monitor.js
  main.appendChild(auditPanel(data));
  main.appendChild(outlinePanel(data.documents));
  if (data.indicators.length) main.appendChild(indicatorPanel(data.indicatorYears, data.indicators));
  if (data.listings.length) main.appendChild(listingsPanel(data.listings));
  if (data.projects.length) main.appendChild(projectsPanel(data.projects));
  main.appendChild(plansPanel(data.plans));
}
setupLang(render);
render();
