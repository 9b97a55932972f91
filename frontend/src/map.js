// The event map, offline: country outlines (world-atlas), first-level boundaries and their names
// (Natural Earth admin-1) and place names (GeoNames), all built from npm packages at install;
// clustered markers coloured by event type; the view fitted to the filtered events; and a note
// saying how many events are not on the map and why.
import L from "leaflet";
import "leaflet.markercluster";
import { feature } from "topojson-client";
import countries from "world-atlas/countries-110m.json";
import { TYPE_COLOURS, colourFor, el } from "./colours.js";

const BASEMAP = "/static/dist/basemap/";
const ANTARCTICA = "010";

// A ring that crosses the antimeridian jumps from +180 to -180 and would be drawn as a band
// across the whole map (Russia, Fiji): its longitudes are made continuous instead (190 is
// drawn east of 180).
function unwrap(ring) {
  let shift = 0;
  return ring.map(([lon, lat], i) => {
    if (i > 0) {
      const step = lon + shift - (ring[i - 1][0] + shift);
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
    }
    return [lon + shift, lat];
  });
}

function unwrapGeometry(geometry) {
  if (geometry.type === "Polygon") geometry.coordinates = geometry.coordinates.map(unwrap);
  else if (geometry.type === "MultiPolygon") {
    geometry.coordinates = geometry.coordinates.map((polygon) => polygon.map(unwrap));
  }
  return geometry;
}

function outlines(map) {
  const land = feature(countries, countries.objects.countries);
  land.features = land.features.filter((f) => f.id !== ANTARCTICA && f.geometry);
  for (const f of land.features) unwrapGeometry(f.geometry);
  L.geoJSON(land, {
    interactive: false,
    style: { color: "#8a9aa6", weight: 0.9, fillColor: "#f1f0e8", fillOpacity: 1 },
  }).addTo(map);
}

function fetchJson(url) {
  return fetch(url, { headers: { Accept: "application/json" } }).then((response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  });
}

function label(text, kind, lat, lon) {
  const node = el("span", { class: `map-label map-label-${kind}` }, text);
  return L.marker([lat, lon], {
    icon: L.divIcon({ html: node, className: "map-label-icon", iconSize: null }),
    interactive: false,
    keyboard: false,
    pane: "labels",
  });
}

// Province boundaries from zoom 5 and their names from zoom 6; place names by population,
// more of them as the map zooms in. Only what is in view is drawn.
function detailLayers(map) {
  const boundaries = L.layerGroup().addTo(map);
  const labels = L.layerGroup().addTo(map);
  let admin1 = null;
  let places = null;
  let loading = false;
  const minPopulation = (zoom) => (zoom >= 9 ? 50000 : zoom >= 8 ? 100000 : zoom >= 7 ? 200000
    : zoom >= 6 ? 500000 : zoom >= 5 ? 1000000 : zoom >= 4 ? 3000000 : Infinity);

  function draw() {
    const zoom = map.getZoom();
    const view = map.getBounds().pad(0.2);
    boundaries.clearLayers();
    labels.clearLayers();
    // a label is left out where it would overlap one already placed (bigger places first)
    const taken = [];
    const fits = (name, lat, lon) => {
      const p = map.latLngToContainerPoint([lat, lon]);
      const w = name.length * 6.5 + 8;
      const box = [p.x - w / 2, p.y - 9, p.x + w / 2, p.y + 9];
      if (taken.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3])) return false;
      taken.push(box);
      return true;
    };
    const provinces = [];
    if (admin1 && zoom >= 5) {
      const lines = [];
      for (const area of admin1) {
        if (!view.intersects(area.bounds)) continue; // only the areas in view are drawn
        lines.push(...area.rings);
        const [lat, lon] = area.label;
        if (zoom >= 6 && view.contains([lat, lon])) provinces.push([area.name, lat, lon]);
      }
      boundaries.addLayer(L.polyline(lines, {
        interactive: false, color: "#9aa7b1", weight: 0.8, dashArray: "3 3",
      }));
    }
    if (places) {
      const floor = minPopulation(zoom);
      let shown = 0;
      for (const [name, lon, lat, population] of places.places) {
        if (population < floor || shown >= 250) break;
        if (!view.contains([lat, lon]) || !fits(name, lat, lon)) continue;
        labels.addLayer(label(name, "place", lat, lon));
        shown += 1;
      }
    }
    for (const [name, lat, lon] of provinces) {
      if (fits(name, lat, lon)) labels.addLayer(label(name, "admin1", lat, lon));
    }
  }

  function load() {
    if (loading || map.getZoom() < 4) return;
    loading = true;
    Promise.all([fetchJson(`${BASEMAP}admin1.json`), fetchJson(`${BASEMAP}places.json`)])
      .then(([a, p]) => {
        // rings as Leaflet coordinates and a bounding box per area, once
        admin1 = a.features.map((area) => {
          const rings = area.r.map((ring) => {
            const latlngs = [];
            for (let i = 0; i < ring.length; i += 2) latlngs.push([ring[i + 1], ring[i]]);
            return latlngs;
          });
          return { name: area.n, label: [area.l[1], area.l[0]], rings, bounds: L.latLngBounds(rings.flat()) };
        });
        places = p;
        map.getContainer().dataset.basemap = "detailed";
        draw();
      })
      .catch(() => {
        map.getContainer().dataset.basemap = "outlines";
      });
  }

  map.on("zoomend moveend", () => {
    if (admin1) draw();
    else load();
  });
  load();
}

function typeCounts(markers) {
  const counts = new Map();
  for (const m of markers) counts.set(m.options.sitrepType, (counts.get(m.options.sitrepType) || 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

// A cluster is a ring showing the share of each event type, with the count in the middle.
function clusterIcon(cluster) {
  const markers = cluster.getAllChildMarkers();
  const counts = typeCounts(markers);
  const total = markers.length;
  let at = 0;
  const stops = counts.map(([type, n]) => {
    const from = (at / total) * 360;
    at += n;
    return `${colourFor(type)} ${from}deg ${(at / total) * 360}deg`;
  });
  const size = total >= 1000 ? 46 : total >= 100 ? 40 : 34;
  const ring = el("div", {
    class: "sitrep-cluster",
    "data-count": total,
    "data-label": `${total} events: ${counts.map(([t, n]) => `${n} ${t || "unclassified"}`).join(", ")}. Zoom in.`,
  });
  ring.style.background = `conic-gradient(${stops.join(", ")})`;
  ring.appendChild(el("span", {}, total));
  return L.divIcon({ html: ring, className: "marker-cluster-sitrep", iconSize: L.point(size, size) });
}

function markerFor(point) {
  const text = `${point.date || "undated"} · ${point.type || "unclassified"} · ${point.location || "unnamed place"}`;
  const dot = el("div", {
    class: "sitrep-marker",
    "data-event-id": point.id,
    "data-event-type": point.type || "",
    "data-label": `Event: ${text}`,
  });
  dot.style.background = colourFor(point.type);
  const marker = L.marker([point.lat, point.lon], {
    icon: L.divIcon({ html: dot, className: "sitrep-marker-icon", iconSize: [16, 16] }),
    keyboard: true,
    sitrepType: point.type,
  });
  marker.bindTooltip(el("span", {}, text));
  marker.on("click", () => window.location.assign(`/events/${encodeURIComponent(point.id)}`));
  return marker;
}

// Leaflet focuses the outer icon element; it gets the inner element's label as its name.
function nameMarkers(container) {
  for (const icon of container.querySelectorAll(".leaflet-marker-icon:not(.map-label-icon)")) {
    const inner = icon.querySelector("[data-label]");
    if (!inner) continue;
    icon.setAttribute("aria-label", inner.dataset.label);
    icon.setAttribute("role", "button");
  }
}

function bboxControl(map) {
  // "Filter to this view": puts the visible area in the filter form's bbox field and submits it.
  const Control = L.Control.extend({
    onAdd() {
      const box = el("div", { class: "leaflet-bar sitrep-bbox-control" });
      const button = el("button", { type: "button", id: "filter-to-map" }, "Filter to this view");
      L.DomEvent.disableClickPropagation(box);
      button.addEventListener("click", () => {
        const b = map.getBounds();
        const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), hi).toFixed(3);
        const value = [
          clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
          clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90),
        ].join(",");
        const field = document.getElementById("f-bbox");
        const form = document.getElementById("filter-form");
        if (field && form) {
          field.value = value;
          form.submit();
        }
      });
      box.appendChild(button);
      return box;
    },
  });
  new Control({ position: "topright" }).addTo(map);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// The view holds the bulk of the events: a point much farther from the median position than
// the others (a mis-placed outlier) is left out of the fit. It stays on the map, a pan away.
export function robustBounds(points) {
  const lat0 = median(points.map((p) => p.lat));
  const lon0 = median(points.map((p) => p.lon));
  const far = points.map((p) => Math.hypot(p.lat - lat0, (p.lon - lon0) * Math.cos((lat0 * Math.PI) / 180)));
  const typical = median(far);
  const limit = Math.max(6 * typical, 4); // degrees
  const kept = points.filter((_, i) => far[i] <= limit);
  const use = kept.length ? kept : points;
  return L.latLngBounds(use.map((p) => [p.lat, p.lon]));
}

function fromColumns(data) {
  const points = new Array(data.id.length);
  for (let i = 0; i < data.id.length; i++) {
    points[i] = {
      id: data.id[i], lat: data.lat[i], lon: data.lon[i], type: data.types[data.type[i]],
      date: data.date[i], location: data.location[i],
    };
  }
  return points;
}

function describe(data) {
  const parts = [`${data.count.toLocaleString("en")} of ${data.total.toLocaleString("en")} events on the map`];
  if (data.unlocated) parts.push(`${data.unlocated.toLocaleString("en")} without coordinates`);
  const beyond = data.total - data.unlocated - data.count;
  if (beyond > 0) parts.push(`${beyond.toLocaleString("en")} more beyond the newest ${data.cap.toLocaleString("en")} (narrow the filters to see them)`);
  return parts.join(" · ");
}

export function initMap(node) {
  node.replaceChildren();
  const map = L.map(node, { worldCopyJump: true, minZoom: 2, maxZoom: 12, keyboard: true })
    .setView([33.5, 42], 5);
  map.createPane("labels").style.zIndex = 450;
  map.getPane("labels").style.pointerEvents = "none";
  outlines(map);
  detailLayers(map);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth · GeoNames");
  bboxControl(map);
  const clusters = L.markerClusterGroup({
    iconCreateFunction: clusterIcon,
    showCoverageOnHover: false,
    maxClusterRadius: 45,
    chunkedLoading: true,
  });
  map.addLayer(clusters);
  const name = () => nameMarkers(node);
  map.on("moveend zoomend", name);
  clusters.on("animationend", name);
  const note = document.getElementById("map-note");
  const url = `${node.dataset.points}${node.dataset.points.includes("?") ? "&" : "?"}layout=columns`;
  fetchJson(url)
    .then((data) => {
      const points = fromColumns(data);
      const markers = points.map(markerFor);
      clusters.addLayers(markers);
      if (points.length) map.fitBounds(robustBounds(points).pad(0.15), { maxZoom: 8 });
      node.dataset.count = String(data.count);
      node.dataset.total = String(data.total);
      if (note) note.textContent = describe(data);
      name();
      node.dataset.state = "ready";
    })
    .catch((error) => {
      node.dataset.state = "error";
      node.appendChild(el("p", { class: "note" }, `The map could not load events: ${error.message}`));
    });
  return map;
}

export { TYPE_COLOURS };
