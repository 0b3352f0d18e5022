import { z } from "zod";
import { App, Body, Header, Query } from "../../../src/index.js";

/** Mirrors app_params.py: parameter parsing corners of §4. */
export function createParamsApp(): App {
  const app = new App();
  app.get(
    "/scalar",
    { params: { limit: Query(z.number().int().default(0)), q: Query(z.string().optional()) } },
    ({ limit, q }) => ({ limit, q: q ?? null }),
  );
  app.get("/list-required", { params: { ids: Query(z.array(z.number().int())) } }, ({ ids }) => ({
    ids,
  }));
  app.get("/files/{file_path:path}", {}, ({ file_path }) => ({ file_path }));
  app.get("/users/me", {}, () => ({ user: "me (declared first)" }));
  app.get("/users/{user_id}", {}, ({ user_id }) => ({ user: user_id }));
  // FastAPI's query model: `filter_query: Annotated[FilterParams, Query()]` with extra="forbid"
  const FilterParams = z.strictObject({
    limit: z.number().int().gt(0).lte(100).default(100),
    offset: z.number().int().gte(0).default(0),
    order_by: z.literal(["created_at", "updated_at"]).default("created_at"),
    tags: z.array(z.string()).default([]),
  });
  app.get("/filter", { params: { filter: Query(FilterParams) } }, ({ filter }) => filter);
  app.get(
    "/hdr",
    {
      params: {
        user_agent: Header(z.string()),
        x_trace_id: Header(z.string()),
        strange_header: Header(z.string(), { convertUnderscores: false }),
        x_multi: Header(z.array(z.string())),
      },
    },
    (args) => args,
  );
  app.get(
    "/alias",
    { params: { item_query: Query(z.string().optional(), { alias: "item-query" }) } },
    ({ item_query }) => ({ item_query: item_query ?? null }),
  );
  app.post(
    "/single-body",
    { params: { importance: Body(z.number().int()) } },
    ({ importance }) => ({ importance }),
  );
  app.post("/list-body", { params: { ids: Body(z.array(z.number().int())) } }, ({ ids }) => ({
    ids,
  }));
  app.post(
    "/dict-body",
    { params: { weights: Body(z.record(z.string(), z.number())) } },
    ({ weights }) => weights,
  );
  return app;
}
