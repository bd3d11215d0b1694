// Entity page: label and types in the page language, facts with the ontology's property names,
// neighbours (incoming links), source passages, and a map when the node is or lies in a division.
"use strict";
function valueCell(f) {
  if (!f.iri) return f.value;
  return el("a", { href: f.iri.includes("/id/plan/") ? planHref(f.iri) : entityHref(f.iri) }, f.value);
}
async function render() {
  const iri = new URLSearchParams(location.search).get("iri") || "";
  const main = document.getElementById("content");
  main.textContent = "";
  let data;
  try { data = await getJSON("/api/pages/entity?lang=" + LANG + "&iri=" + encodeURIComponent(iri)); }
  catch (e) { main.appendChild(el("p", { class: "error" }, t("notFound") + ": " + iri)); return; }
  document.getElementById("title").textContent = data.label;
  document.title = data.label + " · plankg";
  main.appendChild(el("h2", { id: "entity-label" }, data.label));
  main.appendChild(el("p", { class: "types", id: "entity-types" }, t("types") + "：" + data.types.join(" · "), el("br", {}), el("code", {}, data.iri)));
  if (data.map) main.appendChild(el("section", { class: "panel" }, el("h3", {}, t("entityMap")), mapBox(data.map, "entity-map")));
  const facts = el("table", { class: "facts" });
  for (const f of data.facts) facts.appendChild(el("tr", {}, el("th", {}, f.property), el("td", {}, valueCell(f)), el("td", { class: "types" }, f.plan || "")));
  main.append(el("section", { class: "panel" }, el("h3", {}, t("facts")), facts));
  if (data.neighbours.length) {
    const inc = el("table", { class: "facts neighbours" });
    for (const f of data.neighbours) inc.appendChild(el("tr", {}, el("td", {}, valueCell(f)), el("th", {}, f.property), el("td", { class: "types" }, f.plan || "")));
    main.append(el("section", { class: "panel" }, el("h3", {}, t("neighbours")), inc));
  }
  if (data.sources.length) {
    const box = el("section", { class: "panel" }, el("h3", {}, t("sources")));
    for (const s of data.sources) box.appendChild(el("blockquote", { class: "passage" },
      el("div", { class: "cite" }, "《" + s.plan + "》 " + (s.section || "")), el("p", {}, marked(s.text, [data.label]))));
    main.appendChild(box);
  }
}
setupLang(render);
render();
