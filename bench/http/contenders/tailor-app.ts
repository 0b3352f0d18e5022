// Tailor's bench app: the framework under test, written against its public API (no handler
// annotations). tailor.ts serves it; fetch-loop.ts calls its `app.fetch` in-process.

import {
  App,
  Body,
  Depends,
  dependency,
  EventSourceResponse,
  Header,
  HTTPException,
  Path,
  Query,
} from "tailor";
import { z } from "zod";

export const app = new App({ title: "bench" });

app.get("/hello", {}, () => ({ message: "hello" }));

app.get(
  "/items/{item_id}",
  {
    params: {
      item_id: Path(z.number().int()),
      q: Query(z.string().max(50).optional()),
      limit: Query(z.number().int().min(1).max(100).default(10)),
    },
  },
  ({ item_id, q, limit }) => ({ item_id, q: q ?? null, limit }),
);

const Item = z
  .object({
    name: z.string().min(1),
    price: z.number().gt(0),
    tags: z.array(z.string()),
    dimensions: z.object({ width: z.number(), height: z.number() }),
    in_stock: z.boolean(),
    sku: z.string().regex(/^[A-Z]{3}-\d{4}$/),
  })
  .meta({ id: "Item" });

app.post("/items", { params: { item: Body(Item) }, response: Item, status: 201 }, ({ item }) => ({
  ...item,
  internal_cost: 1,
}));

const apiKey = dependency({ key: Header(z.string(), { alias: "x-api-key" }) }, ({ key }) => {
  if (key !== "secret") throw new HTTPException(401, "Invalid API key");
  return key;
});
const user = dependency({ key: Depends(apiKey) }, async ({ key }) => ({ name: "alice", key }));

app.get("/secure", { params: { user: Depends(user) } }, ({ user }) => ({ user: user.name }));

app.get("/slow", {}, async () => {
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { ok: true };
});

app.get(
  "/sse",
  {},
  () =>
    new EventSourceResponse(
      (async function* () {
        for (let i = 0; i < 50; i++) yield { i };
      })(),
    ),
);
