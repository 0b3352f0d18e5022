// Hono 4 with @hono/zod-openapi routes on @hono/node-server (on Bun and Deno: their own servers).
import { serve } from "@hono/node-server";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import { streamSSE } from "hono/streaming";

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
const API_KEY = "secret";

const Item = z
  .object({
    name: z.string().min(1),
    price: z.number().gt(0),
    tags: z.array(z.string()),
    dimensions: z.object({ width: z.number(), height: z.number() }),
    in_stock: z.boolean(),
    sku: z.string().regex(/^[A-Z]{3}-\d{4}$/),
  })
  .openapi("Item");

type Env = { Variables: { user: { name: string; key: string } } };

// FastAPI answers validation failures with 422 and {"detail": [...]}.
const app = new OpenAPIHono<Env>({
  defaultHook: (result, c) => {
    if (!result.success) return c.json({ detail: result.error.issues }, 422);
  },
});

const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });

app.openapi(
  createRoute({
    method: "get",
    path: "/hello",
    responses: { 200: { description: "ok", ...json(z.object({ message: z.string() })) } },
  }),
  (c) => c.json({ message: "hello" }, 200),
);

app.openapi(
  createRoute({
    method: "get",
    path: "/items/{item_id}",
    request: {
      params: z.object({ item_id: z.coerce.number().int() }),
      query: z.object({
        q: z.string().max(50).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(10),
      }),
    },
    responses: {
      200: {
        description: "ok",
        ...json(z.object({ item_id: z.number(), q: z.string().nullable(), limit: z.number() })),
      },
    },
  }),
  (c) => {
    const { item_id } = c.req.valid("param");
    const { q, limit } = c.req.valid("query");
    return c.json({ item_id, q: q ?? null, limit }, 200);
  },
);

app.openapi(
  createRoute({
    method: "post",
    path: "/items",
    request: { body: { required: true, content: { "application/json": { schema: Item } } } },
    responses: { 201: { description: "created", ...json(Item) } },
  }),
  (c) => {
    const stored = { ...c.req.valid("json"), internal_cost: 1 };
    // zod-openapi does not validate responses; parsing the output model strips internal_cost.
    return c.json(Item.parse(stored), 201);
  },
);

const checkApiKey = createMiddleware<Env>(async (c, next) => {
  if (c.req.header("x-api-key") !== API_KEY) return c.json({ detail: "Invalid API key" }, 401);
  await next();
});

const loadUser = createMiddleware<Env>(async (c, next) => {
  c.set("user", await Promise.resolve({ name: "alice", key: c.req.header("x-api-key")! }));
  await next();
});

app.openapi(
  createRoute({
    method: "get",
    path: "/secure",
    middleware: [checkApiKey, loadUser] as const,
    responses: { 200: { description: "ok", ...json(z.object({ user: z.string() })) } },
  }),
  (c) => c.json({ user: c.get("user").name }, 200),
);

app.get("/slow", async (c) => {
  await new Promise((r) => setTimeout(r, 100));
  return c.json({ ok: true });
});

app.get("/sse", (c) => {
  c.header("x-accel-buffering", "no");
  return streamSSE(c, async (stream) => {
    for (let i = 0; i < 50; i++) await stream.writeSSE({ data: JSON.stringify({ i }) });
  });
});

// on Bun and Deno, the runtime's own server (how Hono runs there); on node, @hono/node-server
const runtime = globalThis as {
  Bun?: { serve(options: object): unknown };
  Deno?: { serve(options: object, handler: typeof app.fetch): unknown };
};
if (runtime.Bun) runtime.Bun.serve({ fetch: app.fetch, hostname: "127.0.0.1", port });
else if (runtime.Deno)
  runtime.Deno.serve({ hostname: "127.0.0.1", port, onListen() {} }, app.fetch);
else serve({ fetch: app.fetch, hostname: "127.0.0.1", port });
