// Profiles Tailor's start-up alone: registration of the 1,000 routes, then `app.compile()`.
//   node --import tsx --cpu-prof --cpu-prof-dir test-output/prof bench/scale/profile-tailor.ts
//   npx tsx bench/scale/profile-summary.ts test-output/prof/<file>.cpuprofile
// Loads test-output/tailor-js (run bench/scale/startup.ts once to emit it); TAILOR_FROM=src for src/.
import type * as Tailor from "../../src/index.js";
import { TAILOR_JS } from "./contenders/tailor.js";
import { buildRouteSchemas } from "./routes.js";
import { addScaleRoutes } from "./tailor-routes.js";

process.setSourceMapsEnabled(process.env.SOURCE_MAPS === "1");
const from = process.env.TAILOR_FROM === "src" ? "../../src/index.js" : TAILOR_JS.href;
const { App, Body, Path, Query } = (await import(from)) as typeof Tailor;

buildRouteSchemas(20);
const routes = buildRouteSchemas();
const t0 = performance.now();
const app = new App({ title: "scale" });
addScaleRoutes({ Body, Path, Query }, app, routes);
const t1 = performance.now();
app.compile();
const t2 = performance.now();
console.log(
  `register ${(t1 - t0).toFixed(1)} ms (${((t1 - t0) / routes.length).toFixed(3)} ms/route), ` +
    `compile ${(t2 - t1).toFixed(1)} ms (${((t2 - t1) / routes.length).toFixed(3)} ms/route)`,
);
