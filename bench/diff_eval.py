#!/usr/bin/env python3
"""Score `plankg diff` against a gold file's `changes` and `unchanged_restated`.

    python bench/diff_eval.py OLD NEW GOLD.json [--store DIR] [--json]

OLD and NEW are version references as `plankg diff` takes them (plan files, graph IRIs, PLAN_ID@STATUS).
Rules (the same for every pair):
* a gold change is found when a reported change of the same kind matches it: status and period by
  old and new value; cites by the title (《》 ignored); added/removed by the label; role by the label
  and the new role; indicator by the name, the year and the new value in the canonical unit; attribute
  by the attribute name and the old and new value (its label is the entity the gold names, or the plan).
  Labels and values compare after NFKC, with whitespace, quotes and brackets ignored.
* a false change is a reported change that matches no gold change and is about an item the gold lists
  as `unchanged_restated` (its label, or for status/period the word 期限/稿, occurs in the item's name).
* other: reported changes that are neither (shown, not scored).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

from plankg.changes import diff
from plankg.changes.versions import resolve
from plankg.ontology import unit_table

KIND_WORD = {"period": "期限", "status": "稿"}


def flat(text: object) -> str:
    s = unicodedata.normalize("NFKC", str(text or ""))
    return re.sub(r"[\s“”\"'‘’《》「」()（）\[\]]", "", s)


def canonical(value: float, unit: str) -> float:
    entry = unit_table().get(unit)
    return value * entry[1] if entry else value


def matches(gold: dict, got: dict) -> bool:
    if gold["kind"] != got["kind"]:
        return False
    kind = gold["kind"]
    if kind in ("status", "period"):
        return flat(gold["old"]) == flat(got.get("old")) and flat(gold["new"]) == flat(got.get("new"))
    if kind == "cites":
        side = "added" if "added" in gold else "removed"
        return flat(gold[side]) == flat(got.get(side))
    if kind in ("added", "removed"):
        return flat(gold["label"]) == flat(got.get("label"))
    if kind == "role":
        return flat(gold["label"]) == flat(got.get("label")) and flat(gold["new"]) in map(flat, got.get("new") or [])
    if kind == "indicator":
        new = got.get("new") or {}
        if flat(gold["name"]) != flat(got.get("label")) or gold.get("year") != got.get("year") or new.get("canonical") is None:
            return False
        want = canonical(float(gold["new"]["value"]), gold["new"]["unit"])
        return abs(want - new["canonical"]) <= 1e-3 * max(abs(want), 1.0)
    if kind == "attribute":
        return gold["attribute"] == got.get("attribute") and flat(gold["old"]) == flat(got.get("old")) \
            and flat(gold["new"]) == flat(got.get("new"))
    return False


def score(reported: list[dict], gold: dict) -> dict:
    found, missed, used = [], [], set()
    for g in gold["changes"]:
        hit = next((i for i, c in enumerate(reported) if i not in used and matches(g, c)), None)
        (missed if hit is None else found).append(g)
        if hit is not None:
            used.add(hit)
    false, other = [], []
    for i, c in enumerate(reported):
        if i in used:
            continue
        about = flat(c.get("label")) or KIND_WORD.get(c["kind"], "")
        restated = [u for u in gold.get("unchanged_restated", []) if about and about in flat(u["name"])]
        (false if restated else other).append(c)
    total = len(gold["changes"])
    return {"gold_changes": total, "found": len(found), "recall": round(len(found) / total, 3) if total else 1.0,
            "false_changes": len(false), "other": len(other), "missed": missed, "false": false, "other_changes": other}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("gold", type=Path)
    ap.add_argument("--store", help="store directory, for stored version references")
    ap.add_argument("--json", action="store_true", help="print the whole result as JSON")
    args = ap.parse_args(argv)
    store = None
    if args.store:
        from plankg.graph.store import PlanStore

        store = PlanStore(args.store, read_only=True)
    reported = [c.to_dict() for c in diff(resolve(args.old, store), resolve(args.new, store))]
    result = score(json.loads(json.dumps(reported, ensure_ascii=False)), json.loads(args.gold.read_text(encoding="utf-8")))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(f"recall {result['recall']:.3f} ({result['found']}/{result['gold_changes']})  "
              f"false changes {result['false_changes']}  other reported {result['other']}")
        for label, rows in (("missed", result["missed"]), ("false", result["false"]), ("other", result["other_changes"])):
            for row in rows:
                print(f"  {label}: {json.dumps(row, ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
