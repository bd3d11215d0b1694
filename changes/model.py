"""Typed changes between two versions of a plan. ``Change.to_dict`` is the JSON shape (docs/changes.md)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from plankg.ontology import concept_label

PK = "https://w3id.org/plankg/def#"

KINDS = ("status", "period", "cites", "indicator", "added", "removed", "role", "attribute")


@dataclass(frozen=True)
class Quantity:
    """One stated value as the version prints it, with its value in the indicator's canonical unit."""

    value: float | None
    unit: str
    bound: str  # ≥ | ≤ | = | ≈
    canonical: float | None = None
    canonical_unit: str = ""
    text: str = ""  # the phrase it was read from


@dataclass(frozen=True)
class Change:
    kind: str  # one of KINDS
    label: str = ""  # what changed: the indicator, entity or cited title ("" for status and period)
    old: object = None  # the old value (a string, a Quantity, a list of role words); None for added
    new: object = None  # the new value; None for removed
    type: str = ""  # ontology class of an added/removed entity (Project, IndustrialPark, …)
    attribute: str = ""  # for kind "attribute": implementationPeriod, locatedIn, hasPattern, …
    year: int | None = None  # for kind "indicator": the target year
    old_year: int | None = None  # for kind "indicator": the old version's year, when its target year moved
    evidence: dict[str, str] = field(default_factory=dict)  # version ("old"/"new") → the passage stating it

    def to_dict(self) -> dict:
        """The JSON row: only the fields this kind uses (docs/changes.md)."""
        d = {k: v for k, v in asdict(self).items() if v not in (None, "", {}, [])}
        d["kind"] = self.kind
        if self.kind == "cites":
            d[("added" if self.new else "removed")] = self.label
        for name in ("type", "attribute"):  # the ontology's Chinese label beside the term, for pages and chat
            if getattr(self, name):
                d[name + "_label"] = term_label(getattr(self, name))
        return d


def term_label(term: str, lang: str = "zh") -> str:
    """An ontology class or property by its label (IndustrialPark → 产业园区); the term itself when unlabelled."""
    return concept_label(PK + term, lang) or term
