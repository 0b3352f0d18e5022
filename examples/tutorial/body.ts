import { z } from "zod";
import { App, Body } from "../../src/index.js";

export const app = new App();

// #region body
const Item = z
  .object({
    name: z.string().min(1),
    description: z.string().nullable().default(null),
    price: z.number().gt(0),
    tax: z.number().optional(),
  })
  .meta({ id: "Item" });

// A bare object schema is the request body.
app.post("/items", { params: { item: Item } }, function createItem({ item }) {
  return { ...item, price_with_tax: item.price + (item.tax ?? 0) };
});

// Several Body params are embedded under their names: {"item": {...}, "importance": 5}
app.put(
  "/items/{item_id}",
  { params: { item: Body(Item), importance: Body(z.number().int()) } },
  function updateItem({ item_id, item, importance }) {
    return { item_id, item, importance };
  },
);

// `embed: true` expects {"item": {...}} even for a single param
app.post(
  "/embedded",
  { params: { item: Body(Item, { embed: true }) } },
  function embedded({ item }) {
    return item;
  },
);
// #endregion body
