"""Extraction stage: PlanDocument → Extraction (typed items, each tied to its passage).

A spaCy blank Chinese pipeline (character segmentation, nothing downloaded) runs over the whole
plan text: an EntityRuler built from the gazetteer for the plan's region finds division names,
then one component per rule family adds its items. Each component declares what it reads and
sets (``requires=`` / ``assigns=``, as spaCy's own components do; ``nlp.analyze_pipes()`` shows
the plan). The families share one RuleContext (extract/context.py) held in ``doc._.rules``.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# the rule families: importing a module registers its component
from plankg.extract import (aliases, boundaries, citations, enumerations, hydro, jurisdiction, keyvalues, lexicon, lists, outline,
                            patterns, places, project_sentences, quantities, related_plans, requirements, roles, structures,
                            tables, terms, zones)
from plankg.extract.context import RuleContext
from plankg.extract.document import PlanDocument
from plankg.extract.gazetteer import gazetteer, short_form_here
from plankg.extract.meta import extract_meta
from plankg.extract.model import EntityRef, Extraction, normalise

FAMILIES = (aliases, citations, lists, terms, structures, places, hydro, patterns, jurisdiction, roles, requirements, quantities, keyvalues, tables,
            outline, related_plans, boundaries, zones, enumerations, project_sentences)
COMPONENTS = ("plankg_plan", "plankg_citations", "plankg_divisions", "plankg_jurisdiction", "plankg_lists", "plankg_terms",
              "plankg_structures", "plankg_places", "plankg_hydro", "plankg_patterns", "plankg_zones", "plankg_roles_seats", "plankg_requirements",
              "plankg_enumerations", "plankg_project_sentences", "plankg_quantities", "plankg_outline", "plankg_keyvalues", "plankg_tables",
              "plankg_aliases", "plankg_related_plans", "plankg_plan_years", "plankg_structure_parts", "plankg_roles", "plankg_boundaries")

Doc.set_extension("plan", default=None, force=True)  # the PlanDocument being read
Doc.set_extension("rules", default=None, force=True)  # its RuleContext (the Extraction being built)
for _field in ("entities", "relations", "groups", "roles", "quantities", "citations", "requirements"):
    Doc.set_extension(_field, getter=lambda doc, f=_field: getattr(doc._.rules.ex, f), force=True)


@Language.component("plankg_plan", requires=["doc._.plan", "doc._.rules"], assigns=["doc._.entities"])
def plan_component(doc: Doc) -> Doc:
    """The plan's own region and issuer, sourced to the lines that name them."""
    ctx: RuleContext = doc._.rules
    meta = ctx.ex.meta
    if ctx.region is not None:
        ctx.division_ref(ctx.region, meta.sources.get("title"), None)
    for name, field_name in [*((issuer, "issuer") for issuer in meta.issuers), (meta.organizer, "organizer")]:
        if name:
            ctx.ex.add_entity(EntityRef("Organization", normalise(name)), name, meta.sources.get(field_name))
    return doc


@Language.component("plankg_divisions", requires=["doc.ents", "doc._.rules"], assigns=["doc._.entities"])
def divisions_component(doc: Doc) -> Doc:
    """Division names the EntityRuler found, and misprinted rare-character names, per passage."""
    ctx: RuleContext = doc._.rules
    body = ctx.body
    starts = [p.start for p in body]
    for ent in doc.ents:
        i = bisect_right(starts, ent.start_char) - 1
        d = ctx.gaz.get(ent.ent_id_)
        if i >= 0 and ent.end_char <= body[i].end and d is not None:
            if ent.text not in ctx.linker.exact:  # a short form only where it is a word of its own
                window = doc.text[body[i].start:body[i].end]
                if not short_form_here(window, ent.start_char - body[i].start, ent.end_char - body[i].start):
                    continue
            ctx.division_ref(d, body[i].ordinal, ent.text)
    for p in body:
        for pattern, d in ctx.linker.misprints:
            for m in pattern.finditer(p.text):
                ctx.division_ref(d, p.ordinal, m.group())
    return doc


@Language.component("plankg_roles", requires=["doc._.groups", "doc._.roles"], assigns=["doc._.groups", "doc._.roles"])
def roles_component(doc: Doc) -> Doc:
    """Role words given to a list's members that are known town roles (重点镇, 一般乡…)."""
    for item in [*doc._.groups, *doc._.rules.ex.roles]:
        key = lexicon.role_key(item.role or "")
        item.role_key = key if key and key != "-" else None
    return doc


@lru_cache(maxsize=16)
def build_pipeline(region_code: str) -> Language:
    """Blank zh pipeline: EntityRuler of the region's division names + the rule family components."""
    linker = gazetteer().linker(gazetteer().get(region_code) if region_code else None)
    nlp = spacy.blank("zh")
    nlp.max_length = 10_000_000  # the reader's own limits bound the text
    # the ruler comes first: add_patterns runs its patterns through the components before it
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns([{"label": "GPE", "pattern": name, "id": d.code} for name, d in linker.scan_names.items()])
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def extract(doc: PlanDocument) -> Extraction:
    """Run every extraction rule over a document."""
    gaz = gazetteer()
    meta = extract_meta(doc, gaz)
    ex = Extraction(meta)
    if not meta.title:  # not a plan as far as we can tell: keep going, named after the file
        meta.title = doc.path.stem or "untitled"
        ex.warnings.append("no plan title found in the first lines; the file name is used")
    ctx = RuleContext(doc, ex, gaz)
    nlp = build_pipeline(ctx.region.code if ctx.region else "")
    sdoc = nlp.make_doc(doc.text)
    sdoc._.plan, sdoc._.rules = doc, ctx
    nlp(sdoc)
    return ex
