"""`plankg diff OLD NEW`: what changed in meaning between two versions of a plan (docs/changes.md)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from plankg import errors
from plankg.cli.common import StoreOpt, fail, open_store

FORMATS = ("json", "md", "html")


def compare(old: str, new: str, store: Optional[str]):
    """(changes, old label, new label). Plan files are read without storing; other references need the store."""
    from plankg.changes import diff  # why here: rdflib parsing and, for files, spaCy load only for this command
    from plankg.changes.facts import read_facts
    from plankg.changes.versions import PLAN_SUFFIXES, resolve

    def run(st):
        a, b = read_facts(resolve(old, st)), read_facts(resolve(new, st))
        return diff(a, b), version_label(a), version_label(b)

    if all(ref.lower().endswith(PLAN_SUFFIXES) or Path(ref).is_file() for ref in (old, new)):
        return run(None)
    with open_store(store, must_exist=True) as st:
        return run(st)


def version_label(facts) -> str:
    return f"{facts.title}（{facts.status}）" if facts.status else facts.title


def register(app: typer.Typer) -> None:
    @app.command()
    def diff(old: str = typer.Argument(..., metavar="OLD", help="The earlier version: PLAN_ID@STATUS, a graph IRI "
                                       "(`plankg plans --json` lists them) or a plan file (read, not stored)"),
             new: str = typer.Argument(..., metavar="NEW", help="The later version, named the same ways"),
             fmt: str = typer.Option("json", "--format", metavar="FORMAT", help="json | md | html"),
             store: Optional[str] = StoreOpt,
             output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="FILE", help="Write to a file")) -> None:
        """Compare two versions of a plan: status, period, citations, indicators, listed items, roles and
        attributes that changed in meaning (exit 0 ok, 2 bad input). A value restated in another unit,
        a list rewritten as a table or a reworded paragraph is not a change."""
        from plankg.changes.render import dumps

        if fmt not in FORMATS:
            fail(errors.BadOption(f"unknown format {fmt!r}", hint="use json, md or html"))
        try:
            changes, a, b = compare(old, new, store)
        except errors.PlankgError as exc:
            fail(exc)
        text = dumps(changes, fmt, a, b)
        if output is not None:
            output.write_text(text, encoding="utf-8")
        else:
            typer.echo(text, nl=False)
