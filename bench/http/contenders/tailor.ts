// Tailor: the framework under test, written against its public API (no handler annotations).
// The harness runs it on the built package (dist/); run alone, tsx maps "tailor" to src/.
// The Bun round runs this same file on Bun, where serve() serves on Bun.serve.

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
  serve,
} from "tailor";
import { z } from "zod";

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);

const app = new App({ title: "bench" });

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

// as the FastAPI contender runs uvicorn: no access log, warnings only
await serve(app, { host: "127.0.0.1", port, accessLog: false, logLevel: "warn" });
