"""The `plankg` command line: one package, a thin shell over the wings (parse args → call → print).

Exit codes: 0 ok, 1 a check failed (audit), 2 bad input (the message carries a stable error code).
Modules: common (store option, errors), this file (ingest, plans, query, export, stats), serve, ask, audit, diff.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.progress import Progress
from rich.table import Table

from plankg import errors
from plankg.cli import ask as ask_cmd
from plankg.cli import audit as audit_cmd
from plankg.cli import diff as diff_cmd
from plankg.cli import serve as serve_cmd
from plankg.cli.common import StoreOpt, console, err_console, fail, open_store, with_store
from plankg.graph.catalog import list_plans, run_query, store_stats
from plankg.graph.guard import check_query
from plankg.graph.namespaces import with_prefixes
from plankg.graph.overlay import OverlayStore, commit
from plankg.settings import get_settings

app = typer.Typer(help="plankg: knowledge graph, audits and search for territorial spatial plans (国土空间规划).",
                  no_args_is_help=True, add_completion=False,
                  rich_markup_mode=None)  # plain help: no "<bool>" / "<list[Path]>" type columns


def _ingest_all(st, files: list[Path], keep_going: bool) -> tuple[list, list[str]]:
    """Ingest into an overlay first; store nothing when a file fails, unless ``keep_going``."""
    from plankg.graph.ingest import ingest_file, read_limits  # why here: it loads spaCy and jieba (seconds); other commands don't

    reports, bad = [], []
    with OverlayStore(st) as view, Progress(console=err_console, transient=True) as progress:
        task = progress.add_task("ingesting", total=len(files))
        for f in files:
            progress.update(task, description=f.name[:40])
            try:
                reports.append(ingest_file(view, f, limits=read_limits(get_settings())))
            except errors.PlankgError as exc:
                bad.append(f"{f}: {exc}")
            progress.advance(task)
        if bad and not keep_going:
            raise errors.BadDocuments(f"{len(bad)} of {len(files)} file(s) cannot be ingested; nothing was stored",
                                      detail="\n".join(bad), hint="fix them, or pass --keep-going to store the others")
        commit(view)
    return reports, bad


@app.command()
def ingest(paths: list[Path] = typer.Argument(..., help="Plan files (.txt .md .docx .pdf) or folders", metavar="PATH"),
           store: Optional[str] = StoreOpt,
           as_json: bool = typer.Option(False, "--json", help="Print one JSON summary per document"),
           keep_going: bool = typer.Option(False, "--keep-going", help="Store the files that can be read and report "
                                           "the others (exit 2); by default one bad file stores nothing")) -> None:
    """Read plan documents, extract entities and relations, and store each as a named graph."""
    from plankg.graph.ingest import collect_files  # why here: see _ingest_all

    try:
        files = collect_files(paths)
        with open_store(store) as st:
            reports, bad = _ingest_all(st, files, keep_going)
    except errors.PlankgError as exc:
        fail(exc)
    for r in reports:
        if as_json:
            print(json.dumps(r.to_dict(), ensure_ascii=False))
            continue
        console.print(f"[bold]{r.title}[/bold]  →  {r.graph}", highlight=False)
        console.print(f"  passages {r.passages} · entities {r.entity_count} · statements {r.statements} · "
                      f"indicator values {r.indicator_values} · triples {r.triples} · {r.seconds:.2f} s")
        console.print("  entities by type: " + ", ".join(f"{k} {v}" for k, v in r.entities_by_type.items()))
        for w in r.warnings:
            console.print(f"  [yellow]warning[/yellow] {w}", highlight=False)
    if bad:
        for line in bad:
            err_console.print(f"[red]not stored[/red] {line}", highlight=False)
        raise typer.Exit(2)


@app.command()
def plans(store: Optional[str] = StoreOpt,
          as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table")) -> None:
    """List ingested plan documents."""
    rows = with_store(store, list_plans)
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    table = Table("id", "title", "level", "region", "period", "status", "triples")
    for r in rows:
        title = f"└ 附件 {r['title']}" if r["kind"] == "annex" else r["title"]  # listed under its plan
        table.add_row(r["id"], title, r.get("level", ""), r.get("region", ""),
                      f"{r.get('start', '')}–{r.get('end', '')}", r.get("status", ""), str(r["triples"]))
    console.print(table)


@app.command()
def query(sparql: Optional[str] = typer.Argument(None, help="A SPARQL query (or use -f)"),
          file: Optional[Path] = typer.Option(None, "-f", "--file", metavar="FILE", help="Read the query from a file"),
          fmt: str = typer.Option("table", "--format", metavar="FORMAT", help="table | json | csv"),
          store: Optional[str] = StoreOpt) -> None:
    """Run a read-only SPARQL query over all plans (SERVICE and LOAD are refused, as on the endpoint).

    The prefixes pk: pkv: pkid: eli: geo: prov: skos: rdfs: rdf: owl: xsd: dct: qb: are declared for you.
    """
    try:
        if file is not None:
            if not file.is_file():
                raise errors.FileMissing(f"{file} does not exist")
            sparql = file.read_text(encoding="utf-8")
        if not sparql:
            raise errors.BadOption("give a query or -f FILE")
        if fmt not in ("table", "json", "csv"):
            raise errors.BadOption(f"unknown format {fmt!r}", hint="use table, json or csv")
        checked = check_query(with_prefixes(sparql))
        with open_store(store, must_exist=True) as st:
            out = run_query(st, checked.text, fmt)
    except errors.PlankgError as exc:
        fail(exc)
    if isinstance(out, str):
        sys.stdout.write(out)
        return
    table = Table(*out["vars"])
    for row in out["rows"]:
        table.add_row(*[row.get(v, "") for v in out["vars"]])
    console.print(table)


@app.command()
def export(fmt: str = typer.Option("trig", "--format", metavar="FORMAT", help="trig | nq | ttl | nt | jsonld"),
           output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="FILE", help="Write to a file instead of stdout"),
           store: Optional[str] = StoreOpt) -> None:
    """Export the whole store (all named graphs) in an RDF format."""
    data = with_store(store, lambda st: st.export(fmt))
    if output:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


@app.command()
def stats(store: Optional[str] = StoreOpt,
          as_json: bool = typer.Option(False, "--json", help="Print JSON")) -> None:
    """Counts: graphs, triples, entities by type, indicator values."""
    s = with_store(store, store_stats)
    if as_json:
        print(json.dumps(s, ensure_ascii=False, indent=1))
        return
    console.print(f"graphs {s['graphs']} · triples {s['triples']} · plans {s['plans']} · "
                  f"passages {s['passages']} · indicator values {s['indicator_values']}")
    table = Table("type", "entities")
    for k, v in s["entities_by_type"].items():
        table.add_row(k, str(v))
    console.print(table)


ask_cmd.register(app)
serve_cmd.register(app)
audit_cmd.register(app)
diff_cmd.register(app)
