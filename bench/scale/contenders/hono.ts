// Hono + @hono/zod-openapi: createRoute per route, validated and typed by the library.

import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import type { StartFn } from "./types.js";

export const start: StartFn = async (build) => {
  const routes = build();
  const app = new OpenAPIHono();
  for (const r of routes) {
    const params = z.object({ id: z.coerce.number().pipe(r.id) });
    const query = z.object({ q: r.q, limit: z.coerce.number().int().min(1).max(100).default(10) });
    const path = `${r.base}/{id}`;
    if (r.body === undefined || r.response === undefined) {
      const route = createRoute({
        method: "get",
        path,
        request: { params, query },
        responses: { 200: { description: "ok" } },
      });
      app.openapi(route, (c) => {
        const { id } = c.req.valid("param");
        const { q, limit } = c.req.valid("query");
        return c.json({ id, q: q ?? null, limit }, 200);
      });
    } else {
      const route = createRoute({
        method: "post",
        path,
        request: {
          params,
          query,
          body: { content: { "application/json": { schema: r.body } }, required: true },
        },
        responses: {
          200: { description: "ok", content: { "application/json": { schema: r.response } } },
        },
      });
      app.openapi(route, (c) => {
        const { id } = c.req.valid("param");
        const item = c.req.valid("json");
        return c.json({ id, ...item }, 200);
      });
    }
  }
  const port = await new Promise<number>((resolve) => {
    serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) =>
      resolve(info.port),
    );
  });
  return { port };
};
