"""`plankg audit` and `plankg hierarchy` (registered on the main typer app)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from plankg import errors
from plankg.cli.common import StoreOpt, fail, open_store, with_store
from plankg.graph.overlay import OverlayStore
from plankg.settings import get_settings

# The shapes wing (networkx, rdflib's SPARQL, pySHACL) is imported inside the audit and hierarchy
# commands: every other command, `plankg ask` above all, would pay ~0.5 s for it on each start.

FORMATS = ("text", "json", "md", "html", "ttl")


def resolve_plan(store, spec: str) -> str:
    """A plan id / IRI in the store, or a file that is ingested into `store` first."""
    from plankg.graph.ingest import ingest_file, read_limits  # why here: loads spaCy (seconds), needed only for files

    path = Path(spec)
    if path.exists() and path.is_file():
        return ingest_file(store, path, limits=read_limits(get_settings())).plan_id
    if any(sep in spec for sep in ("/", "\\")) and not spec.startswith("http") or spec.endswith((".txt", ".md", ".docx", ".pdf")):
        raise errors.FileMissing(f"{spec} does not exist")
    return spec


def render(report, fmt: str) -> str:
    from plankg.shapes import report as rep  # why here: see the note on the shapes wing above

    if fmt == "json":
        return json.dumps(report.public(), ensure_ascii=False, indent=1)
    if fmt == "ttl":
        return report.ttl
    if fmt == "md":
        return rep.markdown(report)
    if fmt == "html":
        return rep.html(report)
    return rep.text(report)


def register(app: typer.Typer) -> None:
    @app.command()
    def audit(lower: str = typer.Argument(..., help="Plan id in the store, or a plan file (ingested into a temporary copy of the store)"),
              against: Optional[str] = typer.Option(None, "--against", metavar="PLAN|FILE", help="Higher plan id or file (default: found from citations, else the administrative hierarchy)"),
              fmt: str = typer.Option("text", "--format", metavar="FORMAT", help="text | json | md | html | ttl"),
              store: Optional[str] = StoreOpt,
              keep: bool = typer.Option(False, "--keep", help="Ingest LOWER/--against files into the store for good"),
              engine: str = typer.Option("fast", "--engine", metavar="ENGINE", help="fast (SPARQL on Oxigraph) | pyshacl"),
              shapes: list[Path] = typer.Option([], "--shapes", metavar="FILE.ttl", help="A bureau's own SHACL shapes, added to the shipped rules (repeatable)"),
              output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="FILE", help="Write the report to a file")) -> None:
        """Audit a lower plan against its higher plan (exit 0 conforms, 1 violations, 2 bad input)."""
        from plankg.shapes.audit import audit as run_audit  # why here: loads pySHACL (seconds)

        try:
            if fmt not in FORMATS:
                raise errors.BadOption(f"unknown format {fmt!r}", hint="use " + " | ".join(FORMATS))
            files = [s for s in (lower, against) if s and Path(s).is_file()]
            with open_store(store, must_exist=not (keep and files)) as st:
                work = st if (keep or not files) else OverlayStore(st)
                try:
                    low = resolve_plan(work, lower)
                    up = resolve_plan(work, against) if against else None
                    report = run_audit(work, low, up, engine=engine, extra_shapes=shapes)  # type: ignore[arg-type]
                finally:
                    if work is not st:
                        work.close()
        except errors.PlankgError as exc:
            fail(exc)
        text = render(report, fmt)
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            typer.echo(text)
        raise typer.Exit(0 if report.conforms else 1)

    @app.command()
    def hierarchy(store: Optional[str] = StoreOpt,
                  as_json: bool = typer.Option(False, "--json", help="Print nodes, edges and problems as JSON")) -> None:
        """The plan hierarchy (based_on / cites) as a tree, with its problems."""
        from plankg.shapes.hierarchy import hierarchy as build_hierarchy, tree_lines  # why here: see above

        h = with_store(store, build_hierarchy)
        if as_json:
            typer.echo(json.dumps(h.model_dump(), ensure_ascii=False, indent=1))
            return
        for line in tree_lines(h):
            typer.echo(line)
        if h.problems:
            typer.echo("\nproblems:")
            for p in h.problems:
                typer.echo(f"  [{p.kind}] {p.plan}: {p.detail}")
