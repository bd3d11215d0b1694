"""The dossier's 实施监测 section: the plan's yearly check (plankg.monitor) for the latest observed year,
each status with its colour, and — on a city's map — each county coloured by its worst status."""
from __future__ import annotations

from plankg import errors
from plankg.monitor import gather, rule
from plankg.monitor.render import COLOURS


def monitor_section(store, plan_id: str | None, fc: dict | None) -> dict | None:
    """``{"year", "rows", "counties"}`` or None when neither the plan's region nor its counties were observed.

    ``fc`` (the region map) gets ``status`` and ``statusColour`` on each county feature that has one."""
    section: dict = {"year": None, "rows": [], "counties": {}, "colours": COLOURS}
    plans = gather.current_plans(store)  # read once for the plan and every county of its map
    if plan_id:
        try:
            result = gather.monitor_plan(store, plan_id, rows=plans)
            section["year"], section["rows"] = result["year"], result["indicators"]
        except (errors.NotFound, errors.UnknownPlan):
            pass
    for row in section["rows"]:
        row["statusColour"] = COLOURS.get(row["status"])
    for f in (fc or {}).get("features", []):
        p = f["properties"]
        if p.get("level") != "county":
            continue
        status = county_status(store, p["iri"], p["name"], plans)
        if status is not None:
            p["status"], p["statusColour"] = status, COLOURS[status]
            section["counties"][p["iri"]] = {"name": p["name"], "status": status}
    return section if section["rows"] or section["counties"] else None


def county_status(store, county: str, name: str, plans: list[dict] | None = None) -> str | None:
    """The worst status of a county's check (its own plan's targets and the allocations it receives)."""
    plan = gather.plan_of_region(store, county, plans)
    base_year = gather.plan_facts(store, plan)["base_year"] if plan else None
    try:
        rows = gather.monitor_region(store, county, name, None, plan, base_year)["indicators"]
    except errors.NotFound:
        return None
    statuses = [r["status"] for r in rows if r["status"] != rule.NO_DATA]
    return rule.worst(statuses) if statuses else None
