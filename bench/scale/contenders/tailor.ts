// Tailor through its public API; `TAILOR_EAGER=1` calls `app.compile()` before listening.
// By default it loads the JavaScript emitted by `tsc -p tsconfig.build.json` (as the other
// frameworks ship prebuilt JS; startup.ts builds it); `TAILOR_FROM=src` loads src/ through tsx.
import type * as Tailor from "../../../src/index.js";
import { addScaleRoutes } from "../tailor-routes.js";
import type { StartFn } from "./types.js";

export const TAILOR_JS = new URL("../../../test-output/tailor-js/index.js", import.meta.url);
const from = process.env.TAILOR_FROM === "src" ? "../../../src/index.js" : TAILOR_JS.href;
const { App, Body, Path, Query, serve } = (await import(from)) as typeof Tailor;

export const start: StartFn = async (build) => {
  const routes = build();
  const app = new App({ title: "scale" });
  addScaleRoutes({ Body, Path, Query }, app, routes);
  const extra: Record<string, number> = {};
  if (process.env.TAILOR_EAGER === "1") {
    const t = performance.now();
    app.compile();
    extra.compileMs = performance.now() - t;
  }
  const server = await serve(app, { host: "127.0.0.1", port: 0 });
  return { port: server.port, extra };
};
