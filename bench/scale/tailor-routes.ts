// Tailor's registration of the routes of routes.ts, shared by the start-up contender, the
// start-up profile and register.ts, so the three time and profile the same work.
import type * as Tailor from "../../src/index.js";
import type { RouteSchemas } from "./routes.js";

type Markers = Pick<typeof Tailor, "Body" | "Path" | "Query">;

/** Registers every route on `app` with the markers of the Tailor build `app` comes from. */
export function addScaleRoutes(
  { Body, Path, Query }: Markers,
  app: InstanceType<typeof Tailor.App>,
  routes: RouteSchemas[],
): void {
  for (const r of routes) {
    const path = `${r.base}/{id}`;
    const params = { id: Path(r.id), q: Query(r.q), limit: Query(r.limit) };
    if (r.body === undefined || r.response === undefined) {
      app.get(path, { params }, ({ id, q, limit }) => ({ id, q: q ?? null, limit }));
    } else {
      app.post(
        path,
        { params: { ...params, item: Body(r.body) }, response: r.response },
        ({ id, item }) => ({ id, ...item }),
      );
    }
  }
}
