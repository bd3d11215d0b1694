"""The `plankg` command line: a thin shell over plankg.graph, plankg.extract and friends.

Exit codes: 0 ok, 1 a check failed (audit), 2 bad input (the message carries a stable error code).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from plankg import errors
from plankg.settings import get_settings

app = typer.Typer(help="plankg: knowledge graph, audits and search for territorial spatial plans (国土空间规划).",
                  no_args_is_help=True, add_completion=False)
console = Console()
err_console = Console(stderr=True)

StoreOpt = typer.Option(None, "--store", help="Store directory (default: $PLANKG_STORE or ./plankg-data)")


def store_location(store: Optional[str]) -> str:
    return store or get_settings().store


def open_store(store: Optional[str]):
    """The store named by --store / PLANKG_STORE: a directory or an http(s):// SPARQL endpoint."""
    from plankg.graph.store import open_store as open_spec

    return open_spec(store_location(store))


def fail(exc: errors.PlankgError) -> None:
    err_console.print(f"[red]error[/red] {exc}")
    if exc.detail:
        err_console.print(f"  detail: {exc.detail}")
    raise typer.Exit(2)


def with_store(store: Optional[str], action):
    """Run ``action(store)`` on the opened store; a PlankgError ends the command with exit 2."""
    try:
        with open_store(store) as st:
            return action(st)
    except errors.PlankgError as exc:
        fail(exc)


@app.command()
def ingest(paths: list[Path] = typer.Argument(..., help="Plan files (.txt .md .docx .pdf) or folders"),
           store: Optional[str] = StoreOpt,
           as_json: bool = typer.Option(False, "--json", help="Print one JSON summary per document")) -> None:
    """Read plan documents, extract entities and relations, and store each as a named graph."""
    from rich.progress import Progress

    from plankg.graph.ingest import collect_files, ingest_file

    try:
        files = collect_files(paths)
        with open_store(store) as st:
            reports = []
            with Progress(console=err_console, transient=True) as progress:
                task = progress.add_task("ingesting", total=len(files))
                for f in files:
                    progress.update(task, description=f.name[:40])
                    reports.append(ingest_file(st, f, max_bytes=get_settings().max_document_bytes))
                    progress.advance(task)
    except errors.PlankgError as exc:
        fail(exc)
    for r in reports:
        if as_json:
            print(json.dumps(r.to_dict(), ensure_ascii=False))
            continue
        console.print(f"[bold]{r.title}[/bold]  →  {r.graph}")
        console.print(f"  passages {r.passages} · entities {r.entity_count} · statements {r.statements} · "
                      f"indicator values {r.indicator_values} · triples {r.triples} · {r.seconds:.2f} s")
        console.print("  entities by type: " + ", ".join(f"{k} {v}" for k, v in r.entities_by_type.items()))
        for w in r.warnings:
            console.print(f"  [yellow]warning[/yellow] {w}")


@app.command()
def plans(store: Optional[str] = StoreOpt,
          as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table")) -> None:
    """List ingested plan documents."""
    from plankg.graph.catalog import list_plans

    rows = with_store(store, list_plans)
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    table = Table("id", "title", "level", "region", "period", "status", "triples")
    for r in rows:
        table.add_row(r["id"], r["title"], r.get("level", ""), r.get("region", ""),
                      f"{r.get('start', '')}–{r.get('end', '')}", r.get("status", ""), str(r["triples"]))
    console.print(table)


@app.command()
def query(sparql: Optional[str] = typer.Argument(None, help="A SPARQL query (or use -f)"),
          file: Optional[Path] = typer.Option(None, "-f", "--file", help="Read the query from a file"),
          fmt: str = typer.Option("table", "--format", help="table | json | csv"),
          store: Optional[str] = StoreOpt) -> None:
    """Run a read-only SPARQL query over all plans (SERVICE and LOAD are refused, as on the endpoint)."""
    from plankg.api.guard import check_query
    from plankg.graph.catalog import run_query

    try:
        if file is not None:
            if not file.is_file():
                raise errors.FileMissing(f"{file} does not exist")
            sparql = file.read_text(encoding="utf-8")
        if not sparql:
            raise errors.BadOption("give a query or -f FILE")
        if fmt not in ("table", "json", "csv"):
            raise errors.BadOption(f"unknown format {fmt!r}", hint="use table, json or csv")
        check_query(sparql)
        with open_store(store) as st:
            out = run_query(st, sparql, fmt)
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
def export(fmt: str = typer.Option("trig", "--format", help="trig | nq | ttl | nt | jsonld"),
           output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to a file instead of stdout"),
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
    from plankg.graph.catalog import store_stats

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


# --- command modules ---
from plankg.api import ask_cli as _ask_cli  # noqa: E402
_ask_cli.register(app)
from plankg.api import cli as _api_cli  # noqa: E402
_api_cli.register(app)
from plankg.shapes import cli as _audit_cli  # noqa: E402
_audit_cli.register(app)
