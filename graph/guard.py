"""Parse-based guard run before any backend sees a query or update (stack notes §5; docs/security.md).

rdflib and pyoxigraph both execute SERVICE and LOAD, and rdflib also fetches FROM graphs and reads
``file://``. So every request is checked here first and refused with 400 (``ForbiddenQuery``) if it
contains SERVICE or LOAD, or names (by FROM / FROM NAMED / protocol parameters) a graph that is not
in the store. Importing this module also switches off rdflib's own fetching, process-wide.

The guard judges exactly the text the engine runs: :func:`canonical` removes comments (ended by
``\n`` *or* ``\r``, as the SPARQL grammar and Oxigraph say; rdflib ends them only at ``\n``) and
turns every bare ``\r`` outside a string into ``\n``. ``Checked.text`` is that canonical text, and
callers must run it, never the text they received.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import rdflib.plugins.sparql as rsparql
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from plankg import errors


def _no_service(ctx, part):  # rdflib consults CUSTOM_EVALS before its own SERVICE evaluation
    if part.name == "ServiceGraphPattern":
        raise PermissionError("SERVICE is disabled")
    raise NotImplementedError()


rsparql.CUSTOM_EVALS["plankg_no_service"] = _no_service
rsparql.SPARQL_LOAD_GRAPHS = False  # FROM / FROM NAMED / LOAD never fetch or read files

FORBIDDEN = {"ServiceGraphPattern": "SERVICE", "Load": "LOAD"}
# A query whose text contains none of these words (in any case, anywhere) cannot hold SERVICE, LOAD
# or a dataset clause, so the ~10 ms rdflib parse is skipped. \u escapes could spell a keyword.
_SUSPECT = re.compile(r"service|load|from|\\u", re.IGNORECASE)


@dataclass(frozen=True)
class Checked:
    text: str = ""                         # the canonical text: run this, not the original
    default_graphs: tuple[str, ...] = ()   # FROM
    named_graphs: tuple[str, ...] = ()     # FROM NAMED
    has_using: bool = False                # update: USING / USING NAMED / WITH present


def _names(node):
    if isinstance(node, CompValue):
        yield node.name
        for v in node.values():
            yield from _names(v)
    elif isinstance(node, (list, tuple)) or (hasattr(node, "asList") and not isinstance(node, str)):
        for v in node:
            yield from _names(v)


def _refuse_forbidden(tree) -> set[str]:
    names = set(_names(tree))
    bad = sorted(FORBIDDEN[n] for n in names & FORBIDDEN.keys())
    if bad:
        raise errors.ForbiddenQuery(f"{' and '.join(bad)} not allowed on this endpoint")
    return names


# SPARQL lexical tokens that may hold "#" or a line break without being a comment or whitespace.
_LEXEME = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                     r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\''
                     r'|<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>'
                     r'|#[^\r\n]*|\r', re.DOTALL)


def canonical(text: str) -> str:
    """The text both the guard and the engine see: no comments, no bare carriage returns.

    Strings and IRIs are copied untouched; a comment (ended by CR or LF) becomes nothing and a CR
    outside a string becomes LF, so no parser can disagree about where a comment ends.
    """
    def one(m: re.Match) -> str:
        tok = m.group()
        if tok == "\r":
            return "\n"
        return "" if tok.startswith("#") else tok
    return _LEXEME.sub(one, text)


def code_only(text: str) -> str:
    """The text with every string, IRI and comment blanked to spaces of the same length: what is left are
    the keywords and variables, at their own offsets (a word inside a literal or a comment is no clause)."""
    return _LEXEME.sub(lambda m: m.group() if m.group() == "\r" else " " * len(m.group()), text)


def check_query(text: str) -> Checked:
    """Refuse SERVICE/LOAD; return the canonical text and the dataset the query names.

    Raises BadQuery on syntax errors (fail closed: what rdflib cannot parse is not run).
    """
    return _check_canonical_query(canonical(text))


QUICK_CHECK_CHARS = 8192  # longer texts are checked off the event loop


def check_query_quick(text: str) -> Checked | None:
    """``check_query`` for a short query that needs no parse (none of the suspect words), cheap enough to run
    on the event loop; None when the full check is needed."""
    if len(text) > QUICK_CHECK_CHARS:
        return None
    canon = canonical(text)
    return None if _SUSPECT.search(canon) else Checked(canon)


@lru_cache(maxsize=2048)
def _check_canonical_query(text: str) -> Checked:
    if not _SUSPECT.search(text):
        return Checked(text)
    try:
        tree = parseQuery(text)
    except Exception as exc:  # pyparsing errors: fail closed, with the parser's message
        raise errors.BadQuery("SPARQL syntax error", detail=str(exc)) from exc
    names = _refuse_forbidden(tree)
    if "DatasetClause" not in names:
        return Checked(text)
    try:
        algebra = translateQuery(tree).algebra
    except Exception as exc:
        raise errors.BadQuery("SPARQL query cannot be compiled", detail=str(exc)) from exc
    clauses = algebra.get("datasetClause") or []
    # CompValue.get() answers the key itself for a missing key, so test membership
    return Checked(text, default_graphs=tuple(str(c["default"]) for c in clauses if "default" in c),
                   named_graphs=tuple(str(c["named"]) for c in clauses if "named" in c))


def check_update(text: str) -> Checked:
    """Refuse LOAD and SERVICE in updates and empty updates; report whether USING/WITH is present."""
    text = canonical(text)
    if not text.strip():
        raise errors.BadQuery("empty SPARQL update", hint="send at least one update operation")
    try:
        tree = parseUpdate(text)
    except Exception as exc:
        raise errors.BadQuery("SPARQL update syntax error", detail=str(exc)) from exc
    names = _refuse_forbidden(tree)
    has_with = any(isinstance(op, CompValue) and "withClause" in op
                   for op in tree.request)
    if not tree.request:
        raise errors.BadQuery("SPARQL update holds no operation", hint="send at least one update operation")
    return Checked(text, has_using=has_with or "UsingClause" in names)


def check_graphs(requested: list[str] | tuple[str, ...], known: set[str], what: str) -> None:
    """Refuse graph IRIs that are not in the store (400): nothing outside the store is ever read."""
    missing = [g for g in requested if g not in known]
    if missing:
        raise errors.ForbiddenQuery(f"{what} names graphs that are not in this store",
                                    detail=", ".join(missing[:10]))


# ---------------------------------------------------------------------- update rewriting
_TOKEN = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>'
                    r'|#[^\n]*|[{}]|[A-Za-z_][\w-]*|\S', re.DOTALL)


def add_using(update: str, default: list[str], named: list[str]) -> str:
    """Apply protocol ``using-graph-uri`` / ``using-named-graph-uri`` by adding USING clauses.

    Each DELETE/INSERT … WHERE operation gets the clauses before its top-level WHERE (the grammar
    puts UsingClause* right there); ``DELETE WHERE`` short forms take no USING and are left alone.
    The caller has already refused requests that carry their own USING or WITH.
    """
    clause = "".join(f" USING <{g}>" for g in default) + "".join(f" USING NAMED <{g}>" for g in named) + " "
    out, depth, prev_word, last = [], 0, "", 0
    for m in _TOKEN.finditer(update):
        tok = m.group()
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
        elif depth == 0 and tok.upper() == "WHERE" and prev_word != "DELETE":
            out.append(update[last:m.start()] + clause)
            last = m.start()
        if tok[0].isalpha():
            prev_word = tok.upper()
        elif not tok.startswith("#"):
            prev_word = ""
    out.append(update[last:])
    return "".join(out)
