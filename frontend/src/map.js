// The event map: an offline basemap from world-atlas country outlines and clustered markers
// coloured by event type. A click on a marker opens the event page.
import L from "leaflet";
import "leaflet.markercluster";
import { feature } from "topojson-client";
import countries from "world-atlas/countries-110m.json";
import { colourFor, el } from "./colours.js";

function basemap(map) {
  const land = feature(countries, countries.objects.countries);
  L.geoJSON(land, {
    interactive: false,
    style: { color: "#8a9aa6", weight: 0.8, fillColor: "#f1f0e8", fillOpacity: 1 },
  }).addTo(map);
}

function markerFor(point) {
  const dot = el("div", {
    class: "sitrep-marker",
    "data-event-id": point.id,
    "data-event-type": point.type || "",
    role: "link",
  });
  dot.style.background = colourFor(point.type);
  const label = `${point.date || "undated"} · ${point.type || "unclassified"} · ${point.location || ""}`;
  dot.setAttribute("aria-label", label);
  const marker = L.marker([point.lat, point.lon], {
    icon: L.divIcon({ html: dot, className: "sitrep-marker-icon", iconSize: [16, 16] }),
    keyboard: true,
  });
  marker.bindTooltip(el("span", {}, label));
  marker.on("click", () => window.location.assign(`/events/${encodeURIComponent(point.id)}`));
  return marker;
}

function clusterIcon(cluster) {
  return L.divIcon({
    html: el("div", {}, cluster.getChildCount()),
    className: "marker-cluster-sitrep",
    iconSize: L.point(34, 34),
  });
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

export function initMap(node) {
  node.replaceChildren();
  const map = L.map(node, { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([33.5, 42], 5);
  basemap(map);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth (world-atlas)");
  bboxControl(map);
  const clusters = L.markerClusterGroup({
    iconCreateFunction: clusterIcon,
    showCoverageOnHover: false,
    maxClusterRadius: 40,
  });
  map.addLayer(clusters);
  fetch(node.dataset.points, { headers: { Accept: "application/json" } })
    .then((response) => {
      if (!response.ok) throw new Error(`points: HTTP ${response.status}`);
      return response.json();
    })
    .then((data) => {
      const markers = data.points.map(markerFor);
      clusters.addLayers(markers);
      if (markers.length) {
        map.fitBounds(L.latLngBounds(data.points.map((p) => [p.lat, p.lon])).pad(0.2), {
          maxZoom: 8,
        });
      }
      node.dataset.count = String(data.count);
      node.dataset.state = "ready";
    })
    .catch((error) => {
      node.dataset.state = "error";
      node.appendChild(el("p", { class: "note" }, `The map could not load events: ${error.message}`));
    });
  return map;
}
