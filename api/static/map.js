// Maps without tiles or CDN: the GeoJSON FeatureCollection the server gives (graph/geo.py) drawn with the
// vendored Leaflet. Units are shaded by their count; a township with no boundary of its own is a dashed
// circle at its county (properties.located === "county"). Clicking a unit opens its entity page.
"use strict";
const LEVEL_ORDER = { country: 0, province: 1, city: 2, county: 3, township: 4 };
function mapFeatures(fc) {
  // larger units first, so the smaller ones drawn on top stay clickable
  return fc.features.slice().sort((a, b) => (LEVEL_ORDER[a.properties.level] || 0) - (LEVEL_ORDER[b.properties.level] || 0));
}
function drawMap(box, fc) {
  if (!fc || !fc.features || !fc.features.length || typeof L === "undefined") return null;
  const counted = fc.features.some(f => f.properties.count);
  const max = Math.max(1, ...fc.features.map(f => f.properties.count || 0));
  // the enclosing unit (a city around its counties) is drawn as an outline only, when there is one
  const levels = fc.features.map(f => LEVEL_ORDER[f.properties.level] || 0);
  const outer = new Set(levels).size > 1 ? Math.min(...levels) : -1;
  const map = L.map(box, { scrollWheelZoom: false, zoomSnap: 0.25 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(t("mapSource"));
  const labelled = fc.features.length <= 24;
  const layer = L.geoJSON({ type: "FeatureCollection", features: mapFeatures(fc) }, {
    style: f => {
      const p = f.properties, share = (p.count || 0) / max;
      const isOuter = (LEVEL_ORDER[p.level] || 0) === outer;
      // a county with a monitoring status (dossier 实施监测) is filled with its status colour
      return { color: "#0b6e4f", weight: isOuter ? 2.5 : 1, fillColor: p.statusColour || "#2f9e73",
               fillOpacity: isOuter ? 0.04 : p.statusColour ? 0.6 : counted ? 0.12 + 0.55 * share : 0.35 };
    },
    pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 7, dashArray: "3 3", color: "#b45309", weight: 2, fillOpacity: 0.3 }),
    onEachFeature: (f, lyr) => {
      const p = f.properties;
      const text = p.name + (p.count ? " · " + p.count : "") + (p.status ? " · " + p.status : "") + (p.located === "county" ? "（" + t("mapTownship") + "）" : "");
      const isOuter = (LEVEL_ORDER[p.level] || 0) === outer;
      lyr.bindTooltip(text, { permanent: labelled && !isOuter, direction: "center", className: "map-label" });
      lyr.on("click", () => { location.href = entityHref(p.iri); });
    },
  }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [12, 12] });
  box.dataset.features = String(fc.features.length);
  return map;
}
// A map box for any page part (answer card, dossier, entity page). Leaflet needs the box in the page
// with a size, so the map is drawn when the box first gets one (the card may be built detached).
function mapBox(fc, id) {
  if (!fc || !fc.features || !fc.features.length) return null;
  const box = el("div", { class: "map", id: id || null });
  const watch = new ResizeObserver(() => {
    if (!box.clientWidth || box.dataset.drawn) return;
    box.dataset.drawn = "1";
    watch.disconnect();
    drawMap(box, fc);
  });
  watch.observe(box);
  return box;
}
