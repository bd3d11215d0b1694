"""`plankg monitor`: the yearly check of a plan (registered on the main typer app)."""
from __future__ import annotations

import json
from typing import Optional

import typer

from plankg import errors
from plankg.cli.common import StoreOpt, fail, open_store

FORMATS = ("json", "md", "html")


def register(app: typer.Typer) -> None:
    @app.command()
    def monitor(plan: str = typer.Argument(..., help="Plan id (as `plankg plans` shows it), title or region name"),
                year: Optional[int] = typer.Option(None, "--year", metavar="Y", help="Year to check (default: the latest observed)"),
                fmt: str = typer.Option("json", "--format", metavar="FORMAT", help="json | md | html"),
                store: Optional[str] = StoreOpt) -> None:
        """Observed values against the plan's targets, with path and status (exit 1 when a target is 未达标 or 突破)."""
        from plankg.monitor import render
        from plankg.monitor.gather import monitor_plan

        try:
            if fmt not in FORMATS:
                raise errors.BadOption(f"unknown format {fmt!r}", hint="use json, md or html")
            if year is not None and not 1900 <= year <= 2100:
                raise errors.BadOption(f"year {year} is out of range", hint="give a year such as 2023")
            with open_store(store, must_exist=True) as st:
                result = monitor_plan(st, plan, year)
        except errors.PlankgError as exc:
            fail(exc)
        if fmt == "json":
            print(json.dumps(result, ensure_ascii=False, indent=1))
        else:
            print(render.markdown(result) if fmt == "md" else render.html(result), end="")
        if result["failed"]:
            raise typer.Exit(1)
