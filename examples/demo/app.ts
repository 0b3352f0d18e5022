import { z } from "zod";
import { App, Body, HTTPException, Path, Query } from "../../src/index.js";

// #region app
const Item = z
  .object({
    name: z.string().min(1),
    price: z.number().gt(0),
    tags: z.array(z.string()).default([]),
  })
  .meta({ id: "Item" });

const items = new Map<number, z.output<typeof Item>>([
  [1, { name: "Widget", price: 9.5, tags: [] }],
]);

export const app = new App({ title: "Tailor demo", version: "1.0.0" });

app.get("/health", {}, function health() {
  return { status: "ok" };
});

app.get(
  "/items/{item_id}",
  {
    params: { item_id: Path(z.number().int()), q: Query(z.string().max(50).optional()) },
    response: Item,
  },
  function readItem({ item_id }) {
    const item = items.get(item_id);
    if (!item) throw new HTTPException(404, "Item not found");
    return item;
  },
);

app.post(
  "/items",
  { params: { item: Body(Item) }, response: Item, status: 201 },
  function createItem({ item }) {
    items.set(items.size + 1, item);
    return item;
  },
);
// #endregion app
