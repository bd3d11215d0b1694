"""Name boundaries, checked once every family has run: a label that is another label of the plan with
a function word, verb or ordinal glued on the front ("以岱山镇"), a count or period glued on the end,
or the tail of a 、-joined name (extract/names.py ``junk_labels``) is not a thing of its own.

Its entity is folded into the entity it glues onto (relations, roles, lists and values follow), or,
when nothing is left to fold it into, the printed form is dropped from the labels.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import names
from plankg.extract.model import Entity, EntityRef, Extraction


def _base(label: str, by_label: dict[str, Entity], own: Entity) -> Entity | None:
    """The entity a junk label glues onto: the longest other label it starts or ends with, or the
    whole 、-joined name it is the tail of."""
    best: Entity | None = None
    for other, ent in by_label.items():
        if ent is own or other == label:
            continue
        fits = (len(other) < len(label) and (
                (label.endswith(other) and names.glued_lead(label[: -len(other)]))
                or (label.startswith(other) and names.count_tail(label[len(other):]))
                or (label.startswith(other) and names.PERIOD_TAIL.fullmatch(label[len(other):]))))
        fits = fits or (other.endswith("、" + label) and names.joined_tail(label, (other,)))
        if fits and (best is None or len(other) > len(best.label)):
            best = ent
    return best


def fold_junk(ex: Extraction) -> None:
    """Fold every entity whose label is junk into its base entity; drop junk alternative labels."""
    by_label: dict[str, Entity] = {}
    for ent in ex.entities.values():
        for lab in (ent.label, *sorted(ent.alt_labels)):
            by_label.setdefault(lab, ent)
    junk = set(names.junk_labels(list(by_label)))
    if not junk:
        return
    moved: dict[str, EntityRef] = {}
    for key, ent in list(ex.entities.items()):
        ent.alt_labels -= junk
        if ent.label not in junk or ent.ref.code or ent.ref.kind in ("Group", "Category", "Segment"):
            continue
        base = _base(ent.label, by_label, ent)
        if base is None:
            continue
        target = moved.get(base.ref.key, base.ref)  # "协调各|各专项规划" → 专项规划, already folded itself
        ex.entities[target.key].sources |= ent.sources
        moved[key] = target
        for k, ref in moved.items():
            if ref.key == key:
                moved[k] = target
        del ex.entities[key]
    if moved:
        _repoint(ex, moved)


def _repoint(ex: Extraction, moved: dict[str, EntityRef]) -> None:
    def to(ref):
        return moved.get(ref.key, ref) if ref is not None else None

    ex.relations = [replace(r, subject=to(r.subject), object=to(r.object)) for r in ex.relations
                    if to(r.subject).key != to(r.object).key]
    for g in ex.groups:
        g.members = list(dict.fromkeys(to(m) for m in g.members))
        g.parent = to(g.parent)
    for a in ex.roles:
        a.member = to(a.member)
    for q in ex.quantities:
        q.areas = tuple(dict.fromkeys(to(r) for r in q.areas))
    ex.requirements = [replace(r, target_ref=to(r.target_ref), binds=to(r.binds)) for r in ex.requirements]
    ex.mentions = [(s, to(r)) for s, r in ex.mentions]
    ex.plan_relations = [(p, to(r), s) for p, r, s in ex.plan_relations]
    ex.attributes = [replace(a, subject=to(a.subject)) for a in ex.attributes]


@Language.component("plankg_boundaries", requires=["doc._.entities"], assigns=["doc._.entities", "doc._.relations"])
def boundaries_component(doc: Doc) -> Doc:
    """Last: no label with a word glued on the front, or a count glued on the end, stays a name."""
    fold_junk(doc._.rules.ex)
    return doc
