"""The chat search's entry points: ``ask`` (one question), ``ask_many`` (a conversation) and
``clean_context`` (a client's follow-up context, validated into a typed :class:`Intent`).

    question ──understand──▶ Intent ──intent family (SPARQL template + store)──▶ Answer (JSON contract)
"""
from __future__ import annotations

import logging
import time

from plankg import errors
from plankg.ask import budget
from plankg.ask.index import Index, get_index
from plankg.ask.intents.audits import AuditIntents, unheld_search_note
from plankg.ask.intents.counts import CountIntents
from plankg.ask.intents.monitor import MonitorIntents
from plankg.ask.intents.plans import PlanIntents
from plankg.ask.intents.relations import RELATIONS, RelationIntents
from plankg.ask.intents.search import SearchIntents
from plankg.ask.intents.tables import TableIntents
from plankg.ask.intents.versions import VersionIntents
from plankg.ask.model import INTENT_KINDS, IRI_SLOTS, LEVELS, TABLE_ORDERS, VALUE_KINDS, Answer, Intent, Slots
from plankg.ask.templates import with_prefixes
from plankg.ask.text import MAX_QUESTION_CHARS, is_english
from plankg.ask.understand import classify, version_scope
from plankg.graph.geo import places_map

log = logging.getLogger(__name__)

# intents whose empty answer is followed by a plainly labelled text search
_SEARCH_AFTER_EMPTY = ("entities", "count", "value", "where", "structure", "aliases", "table", "role", "seat",
                      "relation", "parts")


class Runner(CountIntents, PlanIntents, TableIntents, RelationIntents, SearchIntents, MonitorIntents,
             VersionIntents, AuditIntents):
    """Every intent family over one store + index."""

    def handler(self, kind: str):
        return {"entities": self.do_entities, "where": self.do_where, "count": self.do_count,
                "value": self.do_value, "meta": self.do_meta, "compliance": self.do_compliance,
                "cites_check": self.do_cites_check, "plans": self.do_plans,
                "structure": self.do_structure, "aliases": self.do_aliases, "seat": self.do_seat, "table": self.do_table,
                "role": self.do_role, "relation": self.do_relation, "monitor": self.do_monitor,
                "versions": self.do_versions, "audit": self.do_audit, "unheld": self.do_unheld,
                "parts": self.do_parts}.get(kind)


def ask(store, question: str, context: dict | None = None, lang: str | None = None,
        limits: budget.AskLimits | None = None, deadline: float | None = None) -> dict:
    """Answer one question; ``context`` is the previous answer's ``intent`` (for follow-ups). ``limits``
    (the settings' by default) bound its cost; past ``deadline`` (``time.monotonic()``, default now +
    ``limits.timeout``) it stops with :class:`plankg.errors.QueryTimeout`."""
    question = question if isinstance(question, str) else str(question)
    question = "".join(ch for ch in question if ch >= " " or ch in "\n\t")  # control characters out
    lang = lang or ("en" if is_english(question) else "zh")
    try:
        with budget.question(limits or budget.AskLimits.from_settings(), deadline):
            budget.check()  # a request that waited past its deadline for a turn stops before any work
            return _ask(store, question, context, lang)
    except (errors.StoreError, errors.QueryTimeout):
        raise
    except Exception:  # noqa: BLE001 - a question must get an answer, never a crash; log the cause
        log.exception("ask failed for %r", question[:200])
        msg = "回答这个问题时出错，没有理解这个问题。" if lang == "zh" else "The question could not be answered."
        return Answer(question, [], msg, "", [], understood=False, lang=lang,
                      intent={"kind": "none", "slots": {}}, notes=["internal error (logged)"]).to_dict()


def _ask(store, question: str, context: dict | None, lang: str) -> dict:
    t0 = time.perf_counter()
    started = time.perf_counter()
    index = get_index(store)
    budget.extend(time.perf_counter() - started)  # building or syncing the index is shared work, not this question's
    steps, asked = version_scope(question)
    if steps:  # "…规划公示稿中…": that version of each plan that has it, not the current one
        index = index.with_version(steps)
    previous = parse_context(context, index)
    runner = Runner(store, index, lang)
    notes = []
    if len(question) > MAX_QUESTION_CHARS:
        notes.append(f"question cut to {MAX_QUESTION_CHARS} characters")
    if not index.plans:
        msg = ("图谱中还没有规划：请先运行 `plankg ingest 规划文件`。" if lang == "zh" else
               "The store holds no plan yet: run `plankg ingest PLAN_FILE` first.")
        return Answer(question, [], msg, "", [], understood=False, lang=lang, intent={"kind": "none", "slots": {}},
                      notes=["empty store"]).to_dict()
    intent, mentions, text = classify(asked, index, previous)
    budget.check()
    handler = runner.handler(intent.kind)
    regions = {m.refs[0].iri for m in mentions if m.refs[0].kind == "division"}
    named = {m.refs[0].iri for m in mentions if m.refs[0].kind == "plan"}
    scope = {g for g, p in index.plans.items() if set(p.regions) & regions or p.iri in named} or None
    if intent.kind == "none":
        ans = Answer("", [], runner.not_understood(), "", [], understood=False)
    elif handler is None:
        ans = runner.do_search(text, graphs=scope)
        note, kept = unheld_search_note(index, regions, ans.evidence, lang == "zh") if scope is None else ("", [])
        if note:  # a place no held plan covers: say so, and show only passages that name it
            ans.text, ans.evidence, ans.notes = note, kept, ans.notes + ["plan not in store"]
    else:
        if intent.kind == "value":
            intent.slots.mention_iris = [m.refs[0].iri for m in mentions if m.refs[0].kind in ("entity", "division")]
        ans = handler(intent)
        if not ans.answers and not steps and intent.kind in _SEARCH_AFTER_EMPTY:
            ans = _from_earlier_version(store, index, asked, previous, lang, scope) or ans
        if not ans.answers and intent.kind in _SEARCH_AFTER_EMPTY:
            # say plainly that the graph had nothing, and show the text search
            fb = runner.do_search(text, after_empty=True, graphs=scope)
            note, kept = unheld_search_note(index, regions, fb.evidence, lang == "zh") if scope is None else ("", [])
            if note:  # a place no held plan covers: say so, and show only passages that name it
                ans.text, ans.evidence = note, kept
                ans.notes = ans.notes + ["plan not in store"]
            else:
                ans.text = ans.text + " " + fb.text
                ans.evidence = fb.evidence
    ans.question = question
    ans.intent = intent.to_dict()
    ans.lang = lang
    ans.notes = notes + ans.notes
    if not ans.sparql and runner.queries:
        ans.sparql = runner.queries[-1]
    if ans.sparql and not ans.sparql.lstrip().startswith("PREFIX"):
        ans.sparql = with_prefixes(ans.sparql)  # shown runnable, as the README promises
    out = ans.to_dict()
    located = [a["iri"] for a in out["answers"] if a.get("iri")]
    if located:  # answers about places carry a map of the divisions they lie in
        budget.check()
        fc = places_map(store, located, lang)
        if fc["features"]:
            out["map"] = fc
    out["ms"] = round((time.perf_counter() - t0) * 1000, 1)
    return out


def _from_earlier_version(store, index: Index, asked: str, previous, lang: str, scope) -> Answer | None:
    """When the current version of the plans asked about answers nothing, the version before it, said plainly
    ("当前版本（公示稿）未见；据征求意见稿：…"): a redraft often rewords what it keeps, and the reader should
    know which version speaks. None when no plan in scope has an earlier version or that one is silent too."""
    current = [p for g, p in index.plans.items() if not p.is_annex and (scope is None or g in scope)]
    earlier = {}
    for plan in current:
        older = [v for v in index.versions_of(plan.iri) if v.graph != plan.graph]
        if older:
            earlier[plan.status] = older[-1].status
    if len(earlier) != 1 or not next(iter(earlier.values())):
        return None  # no earlier version, or plans of different steps: no one version to name
    now, before = next(iter(earlier.items()))
    view = index.with_version([before])
    intent, _, _ = classify(asked, view, previous)
    handler = Runner(store, view, lang).handler(intent.kind)
    ans = handler(intent) if handler else None
    if ans is None or not ans.answers:
        return None
    lead = (f"当前版本（{now or '最新版本'}）未见此项；据{before}：" if lang == "zh" else
            f"The current version ({now or 'latest'}) does not state this; its {before} does: ")
    ans.text = lead + ans.text
    ans.notes = ans.notes + [f"answered from the earlier version ({before})"]
    return ans


def ask_many(store, questions: list[str]) -> list[dict]:
    """A conversation: each question may follow up on the previous one."""
    out, ctx = [], None
    for q in questions:
        res = ask(store, q, ctx)
        if res.get("understood") and res["intent"]["kind"] not in ("search", "none"):
            ctx = res["intent"]
        out.append(res)
    return out


def clean_context(ctx, index: Index) -> dict | None:
    """A client's follow-up context, cleaned (as a dict, the form clients send and receive)."""
    intent = parse_context(ctx, index)
    return intent.to_dict() if intent else None


def parse_context(ctx, index: Index) -> Intent | None:
    """A follow-up context from a client: known slot names only, and only IRIs the index knows."""
    if not isinstance(ctx, dict) or ctx.get("kind") not in INTENT_KINDS:
        return None
    slots_in = ctx.get("slots") if isinstance(ctx.get("slots"), dict) else {}
    slots = _clean_slots(slots_in, index)
    if ctx["kind"] == "meta":
        if slots_in.get("prop") not in PlanIntents.META_PROPS:
            return None
        slots.prop = slots_in["prop"]
        props_in = slots_in.get("props") if isinstance(slots_in.get("props"), list) else []
        slots.props = budget.unique([p for p in props_in if isinstance(p, str) and p in PlanIntents.META_PROPS],
                                    budget.limits().context_items) or [slots.prop]
    if ctx["kind"] == "relation":
        if slots_in.get("prop") not in RELATIONS:
            return None
        slots.prop = slots_in["prop"]
        slots.lower = "inverse" if slots_in.get("lower") == "inverse" else ""
    if ctx["kind"] == "cites_check":
        slots.lower = slots_in.get("lower") if slots_in.get("lower") in LEVELS else "county"
        slots.higher = slots_in.get("higher") if slots_in.get("higher") in LEVELS else "city"
    return Intent(ctx["kind"], slots)


def _clean_slots(slots_in: dict, index: Index) -> Slots:
    plans = {p.iri for p in index.plans.values()}
    classes = set().union(*index.class_labels.values())
    cap = budget.limits().context_items  # every list: de-duplicated, then cut (a repeated IRI costs a query each)
    slots = Slots()
    for key in IRI_SLOTS:
        vals = slots_in.get(key)
        if isinstance(vals, list):
            vals = budget.unique([v for v in vals if isinstance(v, str)], cap * 4)  # bounded work below
            setattr(slots, key, budget.unique([v for v in vals if (
                v in index.types or v in plans or v in index.subclasses or v in classes)], cap))
    if slots_in.get("value_kind") in VALUE_KINDS:
        slots.value_kind = slots_in["value_kind"]
    if isinstance(slots_in.get("phrase"), str) and len(slots_in["phrase"]) <= 12:
        slots.phrase = slots_in["phrase"]
    if slots_in.get("level") in LEVELS:
        slots.level = slots_in["level"]
    if isinstance(slots_in.get("years"), list):
        slots.years = budget.unique([int(v) for v in slots_in["years"] if isinstance(v, int) and 1900 <= v <= 2200], cap)
    for key, limit in (("column", 20), ("division_kind", 4), ("question_text", 200), ("name_suffix", 8)):
        if isinstance(slots_in.get(key), str):  # text matched in Python only, never put into SPARQL
            setattr(slots, key, slots_in[key][:limit])
    slots.beyond_higher = slots_in.get("beyond_higher") is True
    if slots_in.get("order") in TABLE_ORDERS:
        slots.order = slots_in["order"]
    if isinstance(slots_in.get("soft_words"), list):
        slots.soft_words = budget.unique([w for w in slots_in["soft_words"] if isinstance(w, str) and len(w) <= 8], cap)
    return slots
