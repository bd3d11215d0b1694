// SPARQL editor: example queries, run over the SPARQL 1.1 Protocol, results as a table with entity links.
"use strict";
const PREFIXES = `PREFIX pk: <https://w3id.org/plankg/def#>
PREFIX pkv: <https://w3id.org/plankg/vocab/>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
`;
const EXAMPLES = [
  ["规划文件 Plans and their periods", `SELECT ?plan ?title ?start ?end ?graph WHERE {
  GRAPH ?graph { ?plan a pk:Plan ; eli:title ?title . }
  OPTIONAL { ?plan pk:periodStart ?start ; pk:periodEnd ?end }
} ORDER BY ?title`],
  ["各类实体数量 Entities by type", `SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a ?type ; pk:source ?passage .
} GROUP BY ?type ORDER BY DESC(?n)`],
  ["行政区划层级 Administrative divisions", `SELECT ?unit ?name ?code ?parentName WHERE {
  ?unit a pk:AdministrativeDivision ; rdfs:label ?name ; pk:divisionCode ?code .
  OPTIONAL { ?unit pk:withinDivision ?parent . ?parent rdfs:label ?parentName }
} ORDER BY ?code LIMIT 200`],
  ["名录及成员数 Named lists: declared vs listed", `SELECT ?group ?label ?declared ?listed WHERE {
  ?group a pk:Group ; rdfs:label ?label .
  OPTIONAL { ?group pk:declaredCount ?declared }
  OPTIONAL { ?group pk:listedCount ?listed }
} ORDER BY ?label`],
  ["指标目标值 Indicator targets", `SELECT ?indicator ?value ?unit ?year ?text WHERE {
  ?v a pk:Target ; pk:indicator ?i ; pk:value ?value .
  ?i rdfs:label ?indicator .
  OPTIONAL { ?v pk:unitLabel ?unit } OPTIONAL { ?v pk:year ?year } OPTIONAL { ?v pk:sourceText ?text }
} LIMIT 100`],
  ["项目及所在地 Projects and where they are", `SELECT ?project ?name ?placeName WHERE {
  ?project a pk:Project ; rdfs:label ?name .
  OPTIONAL { ?project pk:locatedIn ?place . ?place rdfs:label ?placeName }
} LIMIT 200`],
  ["实体的来源段落 Where entities come from", `SELECT ?entity ?label ?text WHERE {
  ?entity pk:source ?p ; rdfs:label ?label .
  ?p pk:text ?text .
} LIMIT 50`],
  ["上下位规划 Plans and the plans they are based on (CONSTRUCT)", `CONSTRUCT { ?plan eli:based_on ?higher . ?plan eli:title ?title }
WHERE { ?plan a pk:Plan ; eli:based_on ?higher . OPTIONAL { ?plan eli:title ?title } }`],
  ["行政区边界 (GeoSPARQL WKT) Division boundaries", `SELECT DISTINCT ?unit ?name (STRLEN(STR(?wkt)) AS ?wktChars) WHERE {
  ?unit a pk:AdministrativeDivision ; rdfs:label ?name ; geo:hasGeometry/geo:asWKT ?wkt .
} ORDER BY ?name`],
];

const $ = (id) => document.getElementById(id);

function init() {
  const sel = $("example");
  EXAMPLES.forEach(([label], i) => sel.add(new Option(label, String(i))));
  sel.addEventListener("change", () => { $("query").value = PREFIXES + "\n" + EXAMPLES[+sel.value][1]; });
  const params = new URLSearchParams(location.search);
  const given = params.get("query");  // a link such as /sparql?query=… opens here and runs at once
  $("query").value = given || (PREFIXES + "\n" + EXAMPLES[0][1]);
  $("run").addEventListener("click", run);
  $("query").addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run(); });
  if (given) run();
}

function notice(text, kind) {
  const n = $("notice");
  n.hidden = !text; n.className = kind || ""; n.textContent = text || "";
}

async function run() {
  const accept = $("format").value;
  notice(""); $("results").textContent = ""; $("status").textContent = "…";
  const started = performance.now();
  let resp;
  try {
    resp = await fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": accept },
      body: new URLSearchParams({ query: $("query").value }),
    });
  } catch (err) { $("status").textContent = ""; notice(String(err), "error"); return; }
  const ms = Math.round(performance.now() - started);
  const type = (resp.headers.get("Content-Type") || "").split(";")[0];
  if (!resp.ok) {
    $("status").textContent = `HTTP ${resp.status} · ${ms} ms`;
    let msg = await resp.text();
    try { const e = JSON.parse(msg).error; msg = `[${e.code}] ${e.message}` + (e.detail ? `\n${e.detail}` : ""); } catch (_) { /* not JSON */ }
    notice(msg, "error");
    return;
  }
  const rows = resp.headers.get("X-PlanKG-Rows");
  $("status").textContent = `${rows ?? ""} ${rows ? "rows · " : ""}${ms} ms`;
  if (resp.headers.get("X-PlanKG-Truncated")) notice(`结果已截断 Results truncated (${resp.headers.get("X-PlanKG-Truncated")})`, "warn");
  if (type === "application/sparql-results+json") renderJson(await resp.json());
  else { const pre = document.createElement("pre"); pre.className = "raw"; pre.textContent = await resp.text(); $("results").append(pre); }
}

function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const a = document.createElement("a");
    a.href = "/entity?iri=" + encodeURIComponent(term.value);
    a.textContent = term.value;
    td.append(a);
  } else {
    td.append(document.createTextNode(term.type === "bnode" ? "_:" + term.value : term.value));
    const extra = term["xml:lang"] ? "@" + term["xml:lang"] : term.datatype ? " ^^" + term.datatype.replace(/^.*[#/]/, "xsd:") : "";
    if (extra) { const s = document.createElement("span"); s.className = "dt"; s.textContent = " " + extra; td.append(s); }
  }
  return td;
}

function renderJson(doc) {
  const out = $("results");
  if ("boolean" in doc) { out.textContent = doc.boolean ? "true" : "false"; return; }
  const vars = doc.head.vars;
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  vars.forEach((v) => { const th = document.createElement("th"); th.textContent = "?" + v; head.append(th); });
  const body = table.createTBody();
  doc.results.bindings.forEach((b) => { const tr = body.insertRow(); vars.forEach((v) => tr.append(cell(b[v]))); });
  out.append(table);
}

init();
