// Entity page: facts, neighbours (incoming links) and source passages of one node.
"use strict";
function valueCell(f) {
  if (f.iri) {
    const isPlan = f.iri.includes("/id/plan/");
    return el("a", { href: isPlan ? planHref(f.iri) : entityHref(f.iri) }, f.label || f.iri);
  }
  return f.value;
}
async function render() {
  const iri = new URLSearchParams(location.search).get("iri") || "";
  const main = document.getElementById("content");
  main.textContent = "";
  let data;
  try { data = await getJSON("/api/ask/entity?iri=" + encodeURIComponent(iri)); }
  catch (e) { main.appendChild(el("p", { class: "error" }, t("notFound") + ": " + iri)); return; }
  document.getElementById("title").textContent = data.label;
  document.title = data.label + " · plankg";
  main.appendChild(el("h2", { id: "entity-label" }, data.label));
  main.appendChild(el("p", { class: "types" }, (data.types || []).join(" · "), el("br", {}), el("code", {}, data.iri)));
  const facts = el("table", { class: "facts" });
  for (const f of data.facts) facts.appendChild(el("tr", {}, el("th", {}, f.property), el("td", {}, valueCell(f)), el("td", { class: "types" }, f.plan || "")));
  main.append(el("h3", {}, t("facts")), facts);
  if (data.incoming.length) {
    const inc = el("table", { class: "facts" });
    for (const f of data.incoming) inc.appendChild(el("tr", {}, el("td", {}, valueCell(f)), el("th", {}, f.property), el("td", { class: "types" }, f.plan || "")));
    main.append(el("h3", {}, t("neighbours")), inc);
  }
  if (data.sources.length) {
    main.appendChild(el("h3", {}, t("sources")));
    for (const s of data.sources) main.appendChild(el("blockquote", { class: "passage" },
      el("div", { class: "cite" }, "《" + s.plan + "》 " + (s.section || "")), el("p", {}, marked(s.text, [data.label]))));
  }
}
setupLang(render);
render();
