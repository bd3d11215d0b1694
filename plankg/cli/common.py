"""What every command shares: consoles, the --store option, opening the store, failing with exit 2."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from plankg import errors
from plankg.graph.store import PlanStore
from plankg.graph.store import open_store as open_spec
from plankg.settings import get_settings

console = Console()
err_console = Console(stderr=True)

# pypdf and pdfminer (under pdfplumber) log warnings about PDFs they recover from on stderr: commands
# print only plankg's own messages. (jieba's "Building prefix dict…" is silenced where jieba is imported, extract/names.py.)
for _pdf_logger in ("pypdf", "pdfminer"):
    logging.getLogger(_pdf_logger).setLevel(logging.ERROR)

StoreOpt = typer.Option(None, "--store", metavar="DIR|URL", help="Store directory or http(s):// SPARQL endpoint "
                        "(default: $PLANKG_STORE or ./plankg-data)")


def store_location(store: Optional[str]) -> str:
    return store or get_settings().store


def open_store(store: Optional[str], *, must_exist: bool = False):
    """The store named by --store / PLANKG_STORE: a directory or an http(s):// SPARQL endpoint.

    Read commands pass ``must_exist``: a missing directory is an error (PKG-107), never created, and
    a directory another process holds (``plankg serve``) is opened read-only, as of the moment it opens.
    """
    spec = store_location(store)
    if spec.startswith(("http://", "https://")) or not must_exist:
        return open_spec(spec)
    if not Path(spec).is_dir():
        raise errors.FileMissing(f"no store at {spec}", hint="ingest plans first (plankg ingest …) or give --store")
    try:
        return open_spec(spec)
    except errors.StoreError:
        # Locked by another process (e.g. `plankg serve`): read commands open it read-only instead.
        return PlanStore(spec, read_only=True)


def fail(exc: errors.PlankgError) -> None:
    err_console.print(f"[red]error[/red] {exc}", highlight=False)
    if exc.detail:
        err_console.print(f"  detail: {exc.detail}", markup=False, highlight=False)
    raise typer.Exit(2)


def with_store(store: Optional[str], action, *, must_exist: bool = True):
    """Run ``action(store)`` on the opened store; a PlankgError ends the command with exit 2."""
    try:
        with open_store(store, must_exist=must_exist) as st:
            return action(st)
    except errors.PlankgError as exc:
        fail(exc)
