// Express 5 with the route's Zod schemas parsed by hand in each handler.

import type { AddressInfo } from "node:net";
import express from "express";
import { z } from "zod";
import type { StartFn } from "./types.js";

export const start: StartFn = async (build) => {
  const routes = build();
  const app = express();
  app.use(express.json());
  for (const r of routes) {
    const params = z.object({ id: z.coerce.number().pipe(r.id) });
    const query = z.object({ q: r.q, limit: z.coerce.number().int().min(1).max(100).default(10) });
    const path = `${r.base}/:id`;
    if (r.body === undefined || r.response === undefined) {
      app.get(path, (req, res) => {
        const p = params.safeParse(req.params);
        const qs = query.safeParse(req.query);
        if (!p.success || !qs.success) return void res.status(422).json({ detail: "invalid" });
        res.json({ id: p.data.id, q: qs.data.q ?? null, limit: qs.data.limit });
      });
    } else {
      const body = r.body;
      const response = r.response;
      app.post(path, (req, res) => {
        const p = params.safeParse(req.params);
        const qs = query.safeParse(req.query);
        const b = body.safeParse(req.body);
        if (!p.success || !qs.success || !b.success) {
          return void res.status(422).json({ detail: "invalid" });
        }
        res.json(response.parse({ id: p.data.id, ...b.data }));
      });
    }
  }
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return { port: (server.address() as AddressInfo).port };
};
