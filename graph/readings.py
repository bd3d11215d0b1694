"""One reading of the graph for the facts that both the audit and the chat search ask about.

A seat (县城, 政府驻地), a role (重点镇, 县级中心 …) and a listed item are each read by ONE SPARQL pattern
here, so that the audit's shapes (through shapes/derive.py) and the chat's templates (ask/intents)
cannot disagree: when the chat answers "X的县城是哪个镇" from a plan, the audit of that plan knows the
same seat.

Every function returns a group graph pattern over the variables the caller names (``?d``, ``?seat`` …;
never user text). With ``source`` the pattern also binds the passage that states the fact, so the audit
can say which plan states it; the chat puts the pattern inside ``GRAPH ?g { … }`` instead.
"""
from __future__ import annotations

import re

from plankg.graph.namespaces import PK

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_VAR = re.compile(r"^(\?[A-Za-z_][A-Za-z0-9_]*|<[^<>\"{}|\\^`\s]+>)$")


def _term(t: str) -> str:
    """A SPARQL variable or an IRI in angle brackets: the only terms these patterns accept."""
    if not _VAR.match(t):
        raise ValueError(f"not a SPARQL variable or IRI: {t!r}")
    return t


def _stated(subject: str, prop: str, obj: str, source: str, tag: str) -> str:
    """The passage of a reified statement (rdf:Statement with pk:source) of one triple."""
    st = f"?_st_{tag}"
    return (f"{st} <{RDF_NS}subject> {subject} ; <{RDF_NS}predicate> <{prop}> ; <{RDF_NS}object> {obj} ; "
            f"<{PK.source}> {source} .")


def seat(division: str, seat_: str, source: str | None = None) -> str:
    """`division`'s seat — the town its government sits in (县城为X, 县政府驻X, 镇人民政府驻地设在X)."""
    d, s = _term(division), _term(seat_)
    if source is None:
        return f"{d} <{PK.hasSeat}> {s} ."
    return f"{d} <{PK.hasSeat}> {s} . {_stated(d, str(PK.hasSeat), s, _term(source), 'seat')}"


def role(thing: str, role_: str, source: str | None = None) -> str:
    """A role a plan gives `thing`: stated directly (pk:role), or the role of a list that holds it
    (pk:memberRole of a group with pk:hasMember)."""
    x, r = _term(thing), _term(role_)
    if source is None:
        return f"{{ {x} <{PK.role}> {r} }} UNION {{ ?_list_role <{PK.hasMember}> {x} ; <{PK.memberRole}> {r} }}"
    src = _term(source)
    return (f"{{ {x} <{PK.role}> {r} . {_stated(x, str(PK.role), r, src, 'role')} }} UNION "
            f"{{ ?_list_role <{PK.hasMember}> {x} ; <{PK.memberRole}> {r} ; <{PK.source}> {src} }}")


def listed(group: str, item: str, source: str | None = None) -> str:
    """`item` is a member of the list `group` (a counted set, a table, a bullet list)."""
    g, x = _term(group), _term(item)
    tail = f" ; <{PK.source}> {_term(source)}" if source else ""
    return f"{g} <{PK.hasMember}> {x}{tail} ."


def part(whole: str, part_: str) -> str:
    """`part_` is a part of `whole`: a zone of a town, a unit a protected area covers, a plant of a base
    (stated either way round: pk:partOf from the part, pk:hasPart from the whole)."""
    w, p = _term(whole), _term(part_)
    return f"{{ {p} <{PK.partOf}> {w} }} UNION {{ {w} <{PK.hasPart}> {p} }}"
