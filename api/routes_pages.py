"""The web app's own routes: JSON for the plan dossier and entity pages, their assets (with the
vendored Leaflet), boundary GeoJSON for maps, and Swagger UI / ReDoc served offline at /docs and /redoc.

Plain ``def`` endpoints: store calls block, so FastAPI runs them in its thread pool.
"""
from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, Query, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from plankg.api import dossier
from plankg.graph import geo

from plankg import errors

router = APIRouter()
LANG = Query("zh", pattern="^(zh|en)$", description="language of property and type names")
# every file the pages load, by the name used in the URL (nothing else under static/ is served here)
ASSETS = {
    "common.js": ("plankg.api.static", "common.js", "text/javascript"),
    "map.js": ("plankg.api.static", "map.js", "text/javascript"),
    "plan.js": ("plankg.api.static", "plan.js", "text/javascript"),
    "entity.js": ("plankg.api.static", "entity.js", "text/javascript"),
    "web.css": ("plankg.api.static", "web.css", "text/css"),
    "leaflet.js": ("plankg.api.static", "vendor/leaflet/leaflet.js", "text/javascript"),
    "leaflet.css": ("plankg.api.static", "vendor/leaflet/leaflet.css", "text/css"),
    "monitor.js": ("plankg.api.static", "monitor.js", "text/javascript"),
    "uplot.js": ("plankg.api.static", "vendor/uplot/uPlot.iife.min.js", "text/javascript"),
    "uplot.css": ("plankg.api.static", "vendor/uplot/uPlot.min.css", "text/css"),
}
# Swagger UI and ReDoc as vendored by the fastapi-offline package (MIT): no CDN at run time
DOCS_ASSETS = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css",
               "redoc.standalone.js": "text/javascript", "favicon.png": "image/png"}


def _page_or_404(build, request: Request, iri: str, lang: str, missing: errors.PlankgError) -> dict:
    """A page's data, or ``missing`` when the IRI is malformed or names nothing of that kind."""
    try:
        data = build(request.app.state.store, iri, lang)
    except dossier.BadIri:
        data = None
    if data is None:
        raise missing
    return data


@router.get("/api/pages/plan", tags=["pages"], summary="Everything the plan dossier page shows")
def plan_page_data(request: Request, iri: str = Query(..., max_length=2000), lang: str = LANG) -> dict:
    """Metadata, outline per document (plan first, annexes after), indicator table, lists and structures,
    projects, cited/higher/lower plans and a GeoJSON map of the region."""
    return _page_or_404(dossier.plan_dossier, request, iri, lang, errors.UnknownPlan(f"no plan {iri}"))


@router.get("/api/pages/entity", tags=["pages"], summary="Everything the entity page shows")
def entity_page_data(request: Request, iri: str = Query(..., max_length=2000), lang: str = LANG) -> dict:
    """Label, types and facts with ontology labels, neighbours, source passages and a map for places."""
    return _page_or_404(dossier.entity_view, request, iri, lang, errors.NotFound(f"no node {iri}"))


@router.get("/api/geo/divisions", tags=["pages"], summary="Boundaries of divisions as GeoJSON")
def divisions_geojson(code: list[str] = Query(..., max_length=200, description="official codes or division IRIs")
                      ) -> dict:
    """A FeatureCollection of the given divisions from the packaged boundary layer (townships as a point of
    their county, ``located: county``); unknown codes are listed under ``missing``."""
    return geo.feature_collection(code)


@router.get("/assets/web/{name}", include_in_schema=False)
def asset(name: str) -> Response:
    if name not in ASSETS:
        raise errors.NotFound(f"no asset {name}")
    package, filename, media = ASSETS[name]
    data = resources.files(package).joinpath(filename).read_bytes()
    return Response(data, media_type=media, headers={"Cache-Control": "no-cache"})


@router.get("/assets/docs/{name}", include_in_schema=False)
def docs_asset(name: str) -> Response:
    if name not in DOCS_ASSETS:
        raise errors.NotFound(f"no asset {name}")
    data = resources.files("fastapi_offline").joinpath("static", name).read_bytes()
    return Response(data, media_type=DOCS_ASSETS[name], headers={"Cache-Control": "max-age=86400"})


@router.get("/docs", include_in_schema=False)
def swagger_ui(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(openapi_url=request.app.openapi_url, title=f"{request.app.title} · API",
                               swagger_js_url="/assets/docs/swagger-ui-bundle.js",
                               swagger_css_url="/assets/docs/swagger-ui.css",
                               swagger_favicon_url="/assets/docs/favicon.png")


@router.get("/redoc", include_in_schema=False)
def redoc(request: Request) -> HTMLResponse:
    return get_redoc_html(openapi_url=request.app.openapi_url, title=f"{request.app.title} · API",
                          redoc_js_url="/assets/docs/redoc.standalone.js",
                          redoc_favicon_url="/assets/docs/favicon.png", with_google_fonts=False)
