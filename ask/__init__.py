"""Chat search over the plan graph (``plankg ask``, ``/api/ask``): a question → a typed intent → a safe
SPARQL template → answers with the passages they rest on and the SPARQL that found them.

Modules: ``text`` (normaliser, numerals, tokens — reused from extract), ``english``, ``templates``
(the one SPARQL value builder), ``model`` (typed data), ``index`` (names; single-flight rebuild),
``passages`` (persistent full-text index), ``understand`` (link, classify), ``intents/<family>``,
``service`` (ask, ask_many, clean_context), ``pages`` (entity / plan pages, examples).
"""
from plankg.ask.english import en_name, translate_english
from plankg.ask.index import Index, get_index, refresh_index
from plankg.ask.intents.indicators import comparable
from plankg.ask.model import Answer, Intent, Slots
from plankg.ask.pages import entity_facts, examples, plan_outline
from plankg.ask.service import Runner, ask, ask_many, clean_context
from plankg.ask.templates import sparql_iri, sparql_literal, values
from plankg.ask.text import norm, tokens
from plankg.ask.understand import classify, link

__all__ = ["Answer", "Index", "Intent", "Runner", "Slots", "ask", "ask_many", "classify", "clean_context",
           "comparable", "en_name", "entity_facts", "examples", "get_index", "link", "norm", "plan_outline",
           "refresh_index", "sparql_iri", "sparql_literal", "tokens", "translate_english", "values"]
