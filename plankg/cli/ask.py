"""`plankg ask QUESTION... [--json] [--store DIR]`: the chat search from the command line.

Several questions form one conversation, so "那应县呢？" after a question reuses its intent.
"""
from __future__ import annotations

import json
import re
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from plankg import errors
from plankg.cli.common import open_store


def register(app: typer.Typer) -> None:
    @app.command()
    def ask(questions: list[str] = typer.Argument(..., help="One or more questions (Chinese or English)"),
            as_json: bool = typer.Option(False, "--json", help="Print one JSON object per question, one per line"),
            store: Optional[str] = typer.Option(None, "--store", metavar="DIR|URL", help="Store directory or SPARQL endpoint URL"),
            show_sparql: bool = typer.Option(True, "--sparql/--no-sparql", help="Print the SPARQL query the answer rests on (text mode; JSON always has it)")) -> None:
        """Answer questions from the graph, with the passages they rest on and the SPARQL used."""
        # why here: the search's modules (rdflib, jieba on first use) cost a second; other commands need none.
        # No spaCy: `python -X importtime -m plankg.cli ask …` shows none loaded.
        from plankg.ask import ask_many

        try:
            with open_store(store, must_exist=True) as st:
                results = ask_many(st, questions)
        except errors.PlankgError as exc:
            Console(stderr=True).print(f"[red]error[/red] {exc}")
            raise typer.Exit(2) from exc
        if as_json:
            for r in results:
                print(json.dumps(r, ensure_ascii=False))
            return
        con = Console()
        for r in results:
            print_answer(con, r, show_sparql)


def print_answer(con, r: dict, show_sparql: bool = False) -> None:
    con.rule(f"[bold]{escape(r['question'][:120])}")
    con.print(escape(r["text"]))
    for a in r["answers"][:50]:
        extra = f"  [dim]{escape(', '.join(a.get('plans') or []))}[/dim]" if a.get("plans") else ""
        con.print(f"  • {escape(str(a['label']))}{extra}")
    if r.get("basis"):
        con.print(f"[cyan]basis[/cyan] {escape(r['basis'])}")
    for e in r["evidence"]:
        con.print(f"[green]《{escape(e['plan'])}》 {escape(e['section'])}[/green]  {marked(e['text'][:300], e.get('highlights'))}")
    if show_sparql and r.get("sparql"):
        # without its PREFIX lines: `plankg query` declares them, so the body runs as printed
        body = "\n".join(ln for ln in r["sparql"].splitlines() if not ln.startswith("PREFIX "))
        con.print(f"[dim]SPARQL (plankg query):\n{escape(body)}[/dim]")


def marked(text: str, words: list[str] | None) -> str:
    """Rich markup with the matched words in bold yellow (longest first, no overlaps)."""
    words = sorted({w for w in words or [] if w}, key=len, reverse=True)
    if not words:
        return escape(text)
    parts = re.split("(" + "|".join(map(re.escape, words)) + ")", text)
    return "".join(f"[bold yellow]{escape(p)}[/bold yellow]" if p in words else escape(p) for p in parts)
