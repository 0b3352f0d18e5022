// Tailor: the framework under test, written against its public API.
import { z } from "zod";

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);

// Imported by a string variable so this file type-checks and the harness can report a clean
// "skipped" while src/index.ts does not exist yet. Switch to a static import once it does.
const entry: string = "../../../src/index.js";
let tailor: any;
try {
  tailor = await import(entry);
} catch (error) {
  console.error(`SKIP: cannot import ${entry}: ${(error as Error).message.split("\n")[0]}`);
  process.exit(3);
}
const { App, Path, Query, Header, Body, Depends, dependency, HTTPException } = tailor;
const { serve, EventSourceResponse } = tailor;

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
  ({ item_id, q, limit }: { item_id: number; q?: string; limit: number }) => ({
    item_id,
    q: q ?? null,
    limit,
  }),
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

app.post(
  "/items",
  { params: { item: Body(Item) }, response: Item, status: 201 },
  ({ item }: { item: z.infer<typeof Item> }) => ({ ...item, internal_cost: 1 }),
);

const apiKey = dependency(
  { key: Header(z.string(), { alias: "x-api-key" }) },
  ({ key }: { key: string }) => {
    if (key !== "secret") throw new HTTPException(401, "Invalid API key");
    return key;
  },
);
const user = dependency({ key: Depends(apiKey) }, async ({ key }: { key: string }) => ({
  name: "alice",
  key,
}));

app.get("/secure", { params: { user: Depends(user) } }, ({ user }: { user: { name: string } }) => ({
  user: user.name,
}));

app.get("/slow", {}, async () => {
  await new Promise((r) => setTimeout(r, 100));
  return { ok: true };
});

app.get(
  "/sse",
  {},
  () =>
    new EventSourceResponse(
      (async function* () {
        for (let i = 0; i < 50; i++) yield { data: { i } };
      })(),
    ),
);

await serve(app, { host: "127.0.0.1", port });
