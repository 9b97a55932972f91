// Bundles the dashboard (Leaflet, markercluster, the world-atlas basemap and our code) into
// src/sitrep/serve/static/dist/, and copies the Swagger UI files the API docs page loads.
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildBasemap } from "./basemap.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "sitrep", "serve", "static", "dist");

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { dashboard: join(here, "src", "main.js") },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "iife",
  target: ["es2019"],
  outdir: out,
  loader: { ".png": "file", ".json": "json" },
  assetNames: "img/[name]-[hash]",
  legalComments: "linked",
  logLevel: "info",
});

const swagger = join(here, "node_modules", "swagger-ui-dist");
mkdirSync(join(out, "swagger"), { recursive: true });
for (const name of ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"]) {
  cpSync(join(swagger, name), join(out, "swagger", name));
}

const counts = buildBasemap(join(out, "basemap"));
console.log(`basemap: ${counts.admin1} admin-1 areas, ${counts.places} places`);
