import { z } from "zod";
import { App, Body, base64Bytes } from "../../src/index.js";

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

// #region base64
// pydantic's Base64Bytes: base64 text on the wire, bytes in the handler (and back in a response)
const Attachment = z.object({ filename: z.string(), content: base64Bytes() });

app.post(
  "/attachments",
  {
    params: { attachment: Attachment },
    response: z.object({ size: z.number(), reversed: base64Bytes() }),
  },
  function attach({ attachment }) {
    const bytes = attachment.content; // a Uint8Array
    return { size: bytes.byteLength, reversed: bytes.toReversed() };
  },
);
// #endregion base64
