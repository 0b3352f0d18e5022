import { z } from "zod";
import { App, Body, HTMLResponse, JSONResponse } from "../../src/index.js";

export const app = new App({ title: "Models", version: "1.0.0" });

// #region aliases
// class Item(BaseModel): item_name: str = Field(alias="itemName"); unit_price: float = Field(alias="unitPrice")
const Item = z
  .object({
    item_name: z.string().min(1).meta({ alias: "itemName" }),
    unit_price: z.number().gt(0).meta({ alias: "unitPrice" }),
    tags: z.array(z.string()).default([]),
  })
  .meta({ id: "Item" });

// clients send and receive {"itemName": …, "unitPrice": …}; the handler sees item_name
app.post("/items", { params: { item: Item }, response: Item, status: 201 }, ({ item }) => ({
  ...item,
  item_name: item.item_name.trim(),
}));

// response_model_by_alias=False: the same model sent under its field names
app.get("/items/raw", { response: Item, responseByAlias: false }, () => ({
  item_name: "Lamp",
  unit_price: 25,
}));
// #endregion aliases

// #region selection
const Order = z.object({
  id: z.number().int(),
  customer: z.object({ name: z.string(), email: z.string() }),
  lines: z.array(z.object({ sku: z.string(), qty: z.number().int(), cost: z.number() })),
});

// response_model_exclude={"customer": {"email"}, "lines": {"__all__": {"cost"}}}
app.get(
  "/orders/{order_id}",
  {
    params: { order_id: z.number().int() },
    response: Order,
    responseExclude: { customer: ["email"], lines: { __all__: ["cost"] } },
  },
  ({ order_id }) => ({
    id: order_id,
    customer: { name: "Ann", email: "ann@example.com" },
    lines: [{ sku: "lamp", qty: 1, cost: 12.5 }],
  }),
);
// #endregion selection

// #region examples
// item: Item = Body(openapi_examples={"normal": {...}, "tagged": {...}})
app.put(
  "/items/{item_id}",
  {
    params: {
      item_id: z.number().int(),
      item: Body(Item, {
        openapiExamples: {
          normal: { summary: "A lamp", value: { itemName: "Lamp", unitPrice: 25 } },
          tagged: {
            summary: "A lamp with tags",
            value: { itemName: "Lamp", unitPrice: 25, tags: ["home"] },
          },
        },
      }),
    },
    response: Item,
  },
  ({ item }) => item,
);

// note: str = Body(examples=["Fragile"])
app.post(
  "/notes",
  { params: { note: Body(z.string(), { examples: ["Fragile"] }) } },
  ({ note }) => ({ note }),
);
// #endregion examples

// #region computed
// class Rect(BaseModel): w: float; h: float; @computed_field def area(self) -> float: ...
const Rect = z
  .object({ w: z.number(), h: z.number() })
  .transform((rect) => ({ ...rect, area: rect.w * rect.h }))
  // the transform's output, declared: validated, and documented as the Rect-Output schema
  .pipe(z.object({ w: z.number(), h: z.number(), area: z.number().meta({ readOnly: true }) }))
  .meta({ id: "Rect" });

app.post("/rects", { params: { rect: Rect }, response: Rect }, ({ rect }) => rect);
// #endregion computed

// #region default-class
// FastAPI(default_response_class=HTMLResponse)
export const pages = new App({
  title: "Pages",
  version: "1.0.0",
  defaultResponseClass: HTMLResponse,
});

pages.get("/", {}, () => "<h1>Welcome</h1>");

// a route's own responseClass (or its router's default) wins
pages.get("/status", { responseClass: JSONResponse }, () => ({ ok: true }));
// #endregion default-class
