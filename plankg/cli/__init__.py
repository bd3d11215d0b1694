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
from plankg.cli import monitor as monitor_cmd
from plankg.cli import diff as diff_cmd
from plankg.cli import serve as serve_cmd
from plankg.api.local_ingest import read_announcement
from plankg.cli.common import StoreOpt, console, err_console, fail, open_store, store_location, with_store
from plankg.cli.via_server import ingest_via_server
from plankg.graph.store import PlanStore
from plankg.graph.catalog import run_query, store_stats
from plankg.graph.guard import check_query
from plankg.graph.namespaces import with_prefixes
from plankg.graph.overlay import OverlayStore, commit
from plankg.graph.versions import plans as plan_versions
from plankg.settings import get_settings

app = typer.Typer(help="plankg: knowledge graph, audits and search for territorial spatial plans (国土空间规划).",
                  no_args_is_help=True, add_completion=False,
                  rich_markup_mode=None)  # plain help: no "<bool>" / "<list[Path]>" type columns


def _ingest_all(st, files: list[Path], keep_going: bool, dry_run: bool = False) -> tuple[list, list[str]]:
    """Ingest into an overlay first; store nothing when a file fails, unless ``keep_going``; nothing at all
    with ``dry_run`` (the reports then say what would happen)."""
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
        if not dry_run:
            commit(view)
    if reports and not dry_run and getattr(st, "location", None):  # an on-disk store keeps its index beside it
        _refresh_chat_index(st)
    return reports, bad


def _refresh_chat_index(st) -> None:
    """Bring the chat index beside the store up to date with what was written (the graphs whose content
    stamp changed), so the first `plankg ask` or served question after an ingest need not build it."""
    from plankg.ask import refresh_index  # why here: the index loads jieba; only a finished ingest needs it

    try:
        refresh_index(st)
    except Exception as exc:  # noqa: BLE001 - the store is written; the index is rebuilt on first use instead
        err_console.print(f"[yellow]warning[/yellow] chat index not updated ({exc}); it is rebuilt on first use",
                          highlight=False)


def _held_by_server(store: Optional[str], exc: errors.StoreError, dry_run: bool):
    """The store is locked: by `plankg serve` → its address (files go through it), or, for a dry run, the
    store opened read-only (nothing is written anyway); otherwise the lock error, with what to do."""
    spec = store_location(store)
    if dry_run and not spec.startswith(("http://", "https://")):
        return PlanStore(spec, read_only=True)
    server = read_announcement(spec)
    if server is None:
        raise exc
    return server


@app.command()
def ingest(paths: list[Path] = typer.Argument(..., help="Plan files (.txt .md .docx .pdf), monitoring reports, observation tables (.csv .xlsx) or folders", metavar="PATH"),
           store: Optional[str] = StoreOpt,
           as_json: bool = typer.Option(False, "--json", help="Print one JSON summary per document"),
           keep_going: bool = typer.Option(False, "--keep-going", help="Store the files that can be read and report "
                                           "the others (exit 2); by default one bad file stores nothing"),
           dry_run: bool = typer.Option(False, "--dry-run", help="Say what each file would do (new plan, new "
                                        "version, unchanged, replaces a version) and store nothing")) -> None:
    """Read plan documents, extract entities and relations, and store each as a named graph.

    A plan is its region + type + subject; each published text (征求意见稿, 公示稿 …) is a version of it, in
    its own graph. The same text again changes nothing; a different text with a stored status replaces that
    version and says so; a new status adds a version. While `plankg serve` holds the store, the files are
    sent to it (each stored on its own) and the server's index follows."""
    from plankg.graph.ingest import collect_files  # why here: see _ingest_all

    via = ""
    try:
        files = collect_files(paths)
        try:
            st = open_store(store)
        except errors.StoreError as exc:
            st, via = _held_by_server(store, exc, dry_run), "" if dry_run else "the running server"
        if isinstance(st, dict):
            reports, bad = ingest_via_server(st, files)
            if bad and not reports:
                raise errors.BadDocuments(f"{len(bad)} of {len(files)} file(s) cannot be ingested; nothing was stored",
                                          detail="\n".join(bad))
        else:
            with st:
                reports, bad = _ingest_all(st, files, keep_going, dry_run)
    except errors.PlankgError as exc:
        fail(exc)
    if via:  # on stderr: --json output stays one object per line
        err_console.print(f"stored through {via} that holds {store_location(store)}", highlight=False)
    for r in reports:
        if as_json:
            print(json.dumps(r.to_dict(), ensure_ascii=False))
            continue
        console.print(f"[bold]{r.title}[/bold]  →  {r.graph}", highlight=False)
        colour = "yellow" if r.outcome == "replaced-version" else "green"
        console.print(f"  [{colour}]{'would be: ' if dry_run else ''}{r.message}[/{colour}]", highlight=False)
        console.print(f"  passages {r.passages} · entities {r.entity_count} · statements {r.statements} · "
                      f"indicator values {r.indicator_values} · triples {r.triples} · {r.seconds:.2f} s")
        if r.entities_by_type:  # a report or table holds observations, no entities
            console.print("  entities by type: " + ", ".join(f"{k} {v}" for k, v in r.entities_by_type.items()))
        for w in r.warnings:
            if w == r.message:
                continue  # said above
            console.print(f"  [yellow]warning[/yellow] {w}", highlight=False)
    if bad:
        for line in bad:
            err_console.print(f"[red]not stored[/red] {line}", highlight=False)
        raise typer.Exit(2)


@app.command()
def plans(store: Optional[str] = StoreOpt,
          as_json: bool = typer.Option(False, "--json", help="Print JSON: one row per version (plan id, status, "
                                       "date, graph, current)")) -> None:
    """List each plan once with its versions (the current one marked ★) and annexes.

    A version is named for `plankg diff` and `--against` as PLAN_ID (its current version), PLAN_ID@STATUS
    (e.g. 140623-master@公示稿) or its graph IRI."""
    known = with_store(store, plan_versions)
    if as_json:
        print(json.dumps([row for p in known for row in p.rows()], ensure_ascii=False, indent=1))
        return
    table = Table("id", "title", "versions (★ current)", "period", "annexes")
    for p in known:
        current = p.current
        listed = " · ".join(f"{'★' if v.current else ''}{v.status or v.key} {v.date}".strip() for v in p.versions)
        period = f"{current.start}–{current.end}" if current and current.start else ""
        table.add_row(p.plan_id, p.title, listed, period, str(len(p.annexes)) if p.annexes else "")
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
monitor_cmd.register(app)
diff_cmd.register(app)
