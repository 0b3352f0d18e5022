import { z } from "zod";
import { App, Query } from "../../src/index.js";

export const app = new App();

// #region query
app.get(
  "/search",
  {
    params: {
      q: Query(z.string().min(3).max(50)),
      limit: Query(z.number().int().min(1).max(100).default(10)),
      exact: Query(z.boolean().default(false)), // accepts true/false, 1/0, yes/no, on/off
      tag: Query(z.array(z.string()).default([])), // ?tag=a&tag=b
      page: z.number().int().optional(), // a bare non-object schema is a query param
    },
  },
  function search({ q, limit, exact, tag, page }) {
    return { q, limit, exact, tag, page: page ?? null };
  },
);

app.get(
  "/alias",
  { params: { item_query: Query(z.string().optional(), { alias: "item-query" }) } },
  function aliased({ item_query }) {
    return { item_query: item_query ?? null };
  },
);
// #endregion query
