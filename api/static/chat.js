// The chat page: ask, render answer cards, keep the conversation for follow-ups.
"use strict";
const state = { history: [], examples: null };
const log = document.getElementById("log");
const form = document.getElementById("ask-form");
const input = document.getElementById("q");

function renderEvidence(ev, isSearch) {
  if (!ev || !ev.length) return null;
  const d = el("details", { class: "evidence" },
    el("summary", {}, (isSearch ? t("textSearch") : t("sources")) + " (" + ev.length + ")"));
  for (const e of ev) {
    d.appendChild(el("blockquote", { class: "passage" },
      el("div", { class: "cite" },
        e.plan_iri ? el("a", { href: planHref(e.plan_iri), class: "plan-link" }, "《" + (e.plan || "") + "》") : "《" + (e.plan || "") + "》",
        " ", el("span", { class: "section" }, e.section || "")),
      el("p", {}, marked(e.text || "", e.highlights))));
  }
  return d;
}

function renderSparql(q) {
  if (!q) return null;
  const pre = el("pre", { class: "sparql-text" }, q);
  const copy = el("button", { type: "button", class: "copy secondary" }, t("copy"));
  copy.addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(q); } catch (e) {
      const r = document.createRange(); r.selectNodeContents(pre);
      const s = getSelection(); s.removeAllRanges(); s.addRange(r); document.execCommand("copy");
    }
    copy.textContent = t("copied");
  });
  const open = el("a", { class: "open-editor", href: "/sparql?query=" + encodeURIComponent(q), target: "_blank" }, t("openEditor"));
  return el("details", { class: "sparql" }, el("summary", {}, t("sparql")), el("div", { class: "tools" }, copy, " ", open), pre);
}

function renderAnswer(res) {
  const card = el("article", { class: "card answer" + (res.understood ? "" : " fallback") });
  card.appendChild(el("p", { class: "text" }, res.text || ""));
  const answers = res.answers || [];
  if (answers.length) {
    const ul = el("ul", { class: "answers" });
    for (const a of answers) {
      const lab = String(a.label);
      const main = a.iri && !String(a.iri).includes("/indicator") ? el("a", { href: entityHref(a.iri), class: "entity" }, lab)
                                                                   : el("span", { class: "value" }, lab);
      const extra = [];
      if (a.area) extra.push(a.area);
      if (a.year) extra.push(String(a.year));
      if (a.plans && a.plans.length) extra.push(a.plans.join("；"));
      ul.appendChild(el("li", {}, main, extra.length ? el("small", {}, " " + extra.join(" · ")) : null));
    }
    card.appendChild(ul);
  }
  const per = res.plans || [];
  const differ = per.length > 1 && new Set(per.map(p => [...p.answers].sort().join("|"))).size > 1;
  if (differ) {  // the plans say different things: show them side by side
    const tbl = el("table", { class: "facts per-plan" });
    for (const p of per) tbl.appendChild(el("tr", {}, el("th", {}, p.plan), el("td", {}, p.answers.join("、"))));
    card.appendChild(tbl);
  }
  const m = typeof mapBox === "function" ? mapBox(res.map) : null;  // the places the answer is about
  if (m) card.appendChild(m);
  if (res.basis) card.appendChild(el("p", { class: "basis" }, el("b", {}, t("basis") + (LANG === "zh" ? "：" : ": ")), res.basis));
  const ev = renderEvidence(res.evidence, !res.understood);
  if (ev) { card.appendChild(ev); if (!answers.length) ev.open = true; }
  const sq = renderSparql(res.sparql);
  if (sq) card.appendChild(sq);
  return card;
}

async function ask(q) {
  q = (q || "").trim();
  if (!q) return;
  const turn = el("div", { class: "turn" }, el("p", { class: "card question" }, q));
  const wait = el("p", { class: "loading" }, t("loading"));
  turn.appendChild(wait);
  log.appendChild(turn);
  input.value = "";
  try {
    const res = await getJSON("/api/ask", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ q, history: state.history.slice(-6), lang: null }),
    });
    wait.remove();
    turn.appendChild(renderAnswer(res));
    state.history.push({ question: q, intent: res.intent });
  } catch (e) {
    wait.textContent = t("error") + ": " + e.message;
    wait.className = "error";
  }
  turn.scrollIntoView({ block: "end" });
}

async function loadExamples() {
  const box = document.getElementById("examples");
  box.textContent = "";
  try {
    state.examples = state.examples || await getJSON("/api/ask/examples");
    for (const q of state.examples[LANG] || []) {
      box.appendChild(el("button", { type: "button", class: "example", onclick: () => ask(q) }, q));
    }
  } catch (e) { /* examples are optional */ }
}

form.addEventListener("submit", ev => { ev.preventDefault(); ask(input.value); });
input.addEventListener("keydown", ev => {
  if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); ask(input.value); }
});
document.getElementById("new").addEventListener("click", () => { state.history = []; log.textContent = ""; });
setupLang(loadExamples);
loadExamples();
const initial = new URLSearchParams(location.search).get("q");
if (initial) ask(initial);
