// Elysia 1.4 on Bun: TypeBox schemas (`t`, its own validator, compiled ahead), response
// normalization, resolve/beforeHandle hooks, generator-streamed server-sent events.
// elysia.ts serves it; fetch-loop.ts calls its `app.handle` in-process.
import { Elysia, sse, t } from "elysia";

const API_KEY = "secret";

const Item = t.Object({
  name: t.String({ minLength: 1 }),
  price: t.Number({ exclusiveMinimum: 0 }),
  tags: t.Array(t.String()),
  dimensions: t.Object({ width: t.Number(), height: t.Number() }),
  in_stock: t.Boolean(),
  sku: t.String({ pattern: "^[A-Z]{3}-\\d{4}$" }),
});

// the API-key check and the user lookup are local hooks of this plugin: only /secure runs them
const secure = new Elysia()
  .onBeforeHandle(({ headers, set }) => {
    if (headers["x-api-key"] !== API_KEY) {
      set.status = 401;
      return { detail: "Invalid API key" };
    }
  })
  .resolve(async ({ headers }) => ({
    user: await Promise.resolve({ name: "alice", key: headers["x-api-key"]! }),
  }))
  .get("/secure", ({ user }) => ({ user: user.name }));

const elysia = new Elysia()
  // FastAPI answers validation failures with 422 and {"detail": [...]}.
  .onError(({ code, error, set }) => {
    if (code === "VALIDATION") {
      set.status = 422;
      return { detail: error.all };
    }
  })
  .get("/hello", () => ({ message: "hello" }))
  .get(
    "/items/:item_id",
    ({ params, query }) => ({ item_id: params.item_id, q: query.q ?? null, limit: query.limit }),
    {
      params: t.Object({ item_id: t.Integer() }),
      query: t.Object({
        q: t.Optional(t.String({ maxLength: 50 })),
        limit: t.Integer({ minimum: 1, maximum: 100, default: 10 }),
      }),
    },
  )
  .post(
    "/items",
    ({ body, set }) => {
      set.status = 201;
      // the response schema normalizes the answer: internal_cost is dropped
      return { ...body, internal_cost: 1 };
    },
    { body: Item, response: { 201: Item } },
  )
  .use(secure)
  .get("/slow", async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { ok: true };
  })
  .get("/sse", async function* () {
    for (let i = 0; i < 50; i++) yield sse({ data: { i } });
  });

/** the part of the app the server and the in-process loop use (Elysia's own type cannot be named) */
export const app: {
  handle(request: Request): Promise<Response>;
  listen(options: { hostname: string; port: number }): unknown;
} = elysia;
