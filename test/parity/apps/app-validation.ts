import { z } from "zod";
import { App, Body, Cookie, Depends, dependency, Header, Path, Query } from "../../../src/index.js";

export const Item = z.object({
  name: z.string(),
  price: z.number(),
  count: z.number().int().default(1),
  tags: z.array(z.string()).default([]),
});

export const Strict = z.object({
  title: z.string().min(2).max(5),
  score: z.number().int().min(0).max(10),
  code: z.string().regex(/^[A-Z]{3}$/),
  ratio: z.number().gt(0).lt(1),
});

/** Mirrors app_validation.py: one route per error family of §2. */
export function createValidationApp(options: { strictContentType?: boolean } = {}): App {
  const app = new App(options);
  app.get("/items/{item_id}", { params: { item_id: Path(z.number().int()) } }, ({ item_id }) => ({
    item_id,
  }));
  app.get(
    "/colors/{color}",
    { params: { color: Path(z.enum(["red", "green"])) } },
    ({ color }) => ({ color }),
  );
  app.get("/bounded/{n}", { params: { n: Path(z.number().int().min(1).max(100)) } }, ({ n }) => ({
    n,
  }));
  app.get(
    "/search",
    {
      params: {
        q: Query(
          z
            .string()
            .min(3)
            .max(5)
            .regex(/^[a-z]+$/),
        ),
        limit: Query(z.number().int().min(1).max(100).default(10)),
        flag: Query(z.boolean().default(false)),
      },
    },
    (args) => args,
  );
  app.get("/headers", { params: { x_count: Header(z.number().int()) } }, (args) => args);
  app.post("/items", { params: { item: Body(Item) } }, ({ item }) => item);
  app.post("/strict", { params: { body: Body(Strict) } }, ({ body }) => body);
  app.post("/embed", { params: { item: Body(Item, { embed: true }) } }, ({ item }) => item);
  app.post(
    "/multi",
    { params: { item: Body(Item), importance: Body(z.number().int()) } },
    (args) => args,
  );
  const depHeader = dependency({ x_dep: Header(z.number().int()) }, ({ x_dep }) => x_dep);
  app.post(
    "/mixed/{pid}",
    {
      params: {
        dep: Depends(depHeader),
        pid: Path(z.number().int()),
        q: Query(z.number().int()),
        x_h: Header(z.number().int()),
        session: Cookie(z.number().int()),
        item: Body(Item),
      },
    },
    ({ pid }) => ({ pid }),
  );
  return app;
}
