"""Typed data passed between the audit's stages (context → derive → engines → findings → report)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal as TLiteral

from pydantic import BaseModel
from rdflib import Namespace

from plankg.graph.namespaces import ID

PKA = Namespace("https://w3id.org/plankg/audit#")
PLAN_BASE = str(ID) + "plan/"
DIVISION_BASE = str(ID) + "division/"
LEVELS = ["province", "city", "county", "township"]
VERSION_ORDER = ["approved", "submitted", "publicity", "draft", "proposal"]  # preferred document version first
SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}

Engine = TLiteral["fast", "pyshacl"]


class Evidence(BaseModel):
    plan: str
    section: str | None = None
    text: str
    role: str = "lower"  # lower | higher | provision


class Finding(BaseModel):
    id: str
    mode: str
    mode_label: str
    severity: str
    message: str
    message_en: str = ""
    focus: str
    value: str | None = None
    label: str | None = None
    expected: str | None = None
    found: str | None = None
    shape: str
    evidence: list[Evidence] = []


class AuditReport(BaseModel):
    plan: str
    plan_title: str | None = None
    against: str | None = None
    against_title: str | None = None
    found_by: str | None = None
    conforms: bool
    findings: list[Finding]
    engine: str
    seconds: float
    ttl: str = ""

    def counts(self) -> dict[str, dict[str, int]]:
        """{mode_label: {severity: n}}."""
        out: dict[str, dict[str, int]] = {}
        for f in self.findings:
            out.setdefault(f.mode_label, {}).setdefault(f.severity, 0)
            out[f.mode_label][f.severity] += 1
        return out

    def public(self) -> dict:
        """The documented JSON shape (`plankg audit --format json`)."""
        return {"plan": self.plan, "against": self.against, "conforms": self.conforms,
                "findings": [{"id": f.id, "mode": f.mode_label, "severity": f.severity,
                              "message": f.message, "focus": f.focus, "expected": f.expected,
                              "found": f.found,
                              "evidence": [{"plan": e.plan, "section": e.section, "text": e.text}
                                           for e in f.evidence]}
                             for f in self.findings]}


@dataclass
class Context:
    lower: str
    higher: str | None
    found_by: str | None  # citation | hierarchy | master | explicit | None
    missing_cited: list[str] = field(default_factory=list)
    chain: list[str] = field(default_factory=list)  # plans above `higher` whose lists may name the lower unit


@dataclass(frozen=True)
class RawResult:
    shape: str
    focus: str
    value: str | None
    severity: str
    row: tuple = ()       # extra projected variables (name, value) from the SPARQL constraint
    messages: tuple = ()  # (lang, text) as the engine reported them (pySHACL's sh:resultMessage)


@dataclass(frozen=True)
class ShapeInfo:
    iri: str
    rule_id: str
    mode: str
    mode_label: str
    severity: str
    messages: tuple[tuple[str, str], ...]  # (lang, template)
    provision: str
    provision_pattern: str | None
    select: str | None                     # SPARQL with prefixes, $this → ?this
    targets: tuple[tuple[str, str], ...]   # (kind, iri)
    min_count: tuple[str, int] | None      # (path, n) of a sh:minCount property shape
    unsupported: frozenset[str] = frozenset()  # SHACL terms outside the fast path's subset
