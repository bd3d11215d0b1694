// Plan page: metadata, outline (sections) and audit status of one plan.
"use strict";
async function render() {
  const iri = new URLSearchParams(location.search).get("iri") || "";
  const main = document.getElementById("content");
  main.textContent = "";
  let data;
  try { data = await getJSON("/api/ask/plan?iri=" + encodeURIComponent(iri)); }
  catch (e) { main.appendChild(el("p", { class: "error" }, t("notFound") + ": " + iri)); return; }
  document.getElementById("title").textContent = data.title;
  document.title = data.title + " · plankg";
  main.appendChild(el("h2", {}, data.title));
  const facts = el("table", { class: "facts" });
  for (const f of data.facts) facts.appendChild(el("tr", {}, el("th", {}, f.property),
    el("td", {}, f.iri ? el("a", { href: entityHref(f.iri) }, f.label || f.iri) : f.value)));
  main.append(el("h3", {}, t("facts")), facts);
  const ol = el("ul", { class: "outline" });
  for (const s of data.sections) ol.appendChild(el("li", {}, el("b", {}, s.section), " ", el("small", {}, s.first)));
  main.append(el("h3", {}, t("outline")), ol);
  main.appendChild(el("h3", {}, t("audit")));
  const box = el("div", { id: "audit" }, t("noAudit"));
  main.appendChild(box);
  // documents and their status from the REST API; audit findings when the audit API answers
  try {
    const docs = (await getJSON("/api/plans")).filter(d => d.iri === iri);
    if (docs.length) {
      box.textContent = "";
      const ul = el("ul", {});
      for (const d of docs) ul.appendChild(el("li", {}, d.title + (d.status ? " · " + d.status : "") + " · " + d.kind));
      box.appendChild(ul);
      const planId = docs[0].id;
      const audit = await getJSON("/api/audit/" + encodeURIComponent(planId)).catch(() => null);
      const findings = audit && (audit.findings || audit.results);
      box.appendChild(el("p", {}, findings ? (findings.length + " findings") : t("noAudit")));
    }
  } catch (e) { /* REST API not available: keep the default text */ }
}
setupLang(render);
render();
