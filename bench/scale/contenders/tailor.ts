// Tailor through its public API; `TAILOR_EAGER=1` calls `app.compile()` before listening.
import { App, Body, Path, Query, serve } from "../../../src/index.js";
import type { StartFn } from "./types.js";

export const start: StartFn = async (build) => {
  const routes = build();
  const app = new App({ title: "scale" });
  for (const r of routes) {
    const path = `${r.base}/{id}`;
    if (r.body === undefined || r.response === undefined) {
      app.get(
        path,
        { params: { id: Path(r.id), q: Query(r.q), limit: Query(r.limit) } },
        ({ id, q, limit }) => ({ id, q: q ?? null, limit }),
      );
    } else {
      app.post(
        path,
        {
          params: { id: Path(r.id), q: Query(r.q), limit: Query(r.limit), item: Body(r.body) },
          response: r.response,
        },
        ({ id, item }) => ({ id, ...item }),
      );
    }
  }
  const extra: Record<string, number> = {};
  if (process.env.TAILOR_EAGER === "1") {
    const t = performance.now();
    app.compile();
    extra.compileMs = performance.now() - t;
  }
  const server = await serve(app, { host: "127.0.0.1", port: 0 });
  return { port: server.port, extra };
};
