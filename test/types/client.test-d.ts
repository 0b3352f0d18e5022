import {
  APIRouter,
  App,
  Body,
  Cookie,
  Depends,
  dependency,
  EventSourceResponse,
  File,
  Form,
  Header,
  HTTPException,
  Path,
  Query,
} from "tailor";
import {
  createClient,
  type HTTPErrorBody,
  type HTTPValidationError,
  type ServerSentEventMessage,
} from "tailor/client";
import { describe, expectTypeOf, test } from "vitest";
import { z } from "zod";

const Item = z.object({
  name: z.string(),
  price: z.number(),
  tags: z.array(z.string()).default([]),
});
const NotFound = z.object({ message: z.string() });
const pagination = dependency(
  { skip: Query(z.number().int().default(0)), x_trace: Header(z.string().optional()) },
  ({ skip }) => skip,
);

const items = new APIRouter({ prefix: "/items" })
  .get(
    "/{item_id}",
    {
      params: {
        item_id: Path(z.number().int()),
        q: Query(z.string().optional()),
        x_token: Header(z.string()),
        session: Cookie(z.string().optional()),
      },
      response: Item,
      responses: { 404: { model: NotFound }, 403: { description: "forbidden" } },
    },
    ({ item_id }) => ({ name: `item ${item_id}`, price: 1, tags: [] }),
  )
  .post("/", { params: { item: Body(Item) }, status: 201 }, ({ item }) => ({ ...item, id: 1 }))
  .delete("/{item_id}", { params: { item_id: Path(z.number()) }, status: 204 }, () => undefined);

const app = new App()
  .get("/health", {}, () => ({ status: "ok" as const }))
  .get("/users/{name}", {}, ({ name }) => ({ name }))
  .get("/page", { params: { page: Depends(pagination) } }, ({ page }) => ({ page }))
  .put(
    "/carts/{cart_id}",
    { params: { cart_id: Path(z.string()), item: Body(Item), quantity: Body(z.number().int()) } },
    ({ item, quantity }) => ({ total: item.price * quantity }),
  )
  .patch("/bare/{id}", { params: { id: z.number(), item: Item, tag: z.string() } }, () => null)
  .post(
    "/upload",
    { params: { title: Form(z.string()), image: File(), notes: File({ optional: true }) } },
    async ({ image }) => ({ size: image.size }),
  )
  .get("/tokens", { response: z.object({ token: z.string() }) }, async function* () {
    yield { token: "a" };
  })
  .get("/events", {}, () => new EventSourceResponse([{ index: 1 }]))
  .get(
    "/typed-events",
    { response: z.object({ index: z.number() }), responseClass: EventSourceResponse },
    async function* () {
      yield { index: 1 };
    },
  )
  .includeRouter(items, { prefix: "/v1" });

const client = createClient<typeof app>({ baseUrl: "http://127.0.0.1:8000" });

describe("createClient<typeof app> types calls from the app's declarations", () => {
  test("path, query, header and cookie params are typed by their schemas", async () => {
    const r = await client.GET("/v1/items/{item_id}", {
      params: { path: { item_id: 3 }, query: { q: "x" }, header: { "x-token": "secret" } },
    });
    expectTypeOf(r.data).toEqualTypeOf<
      { name: string; price: number; tags: string[] } | undefined
    >();
    expectTypeOf(r.response).toEqualTypeOf<Response>();
    if (r.error === undefined) expectTypeOf(r.data).not.toBeUndefined();
    await client.GET("/v1/items/{item_id}", {
      params: {
        path: { item_id: 3 },
        header: { "x-token": "secret" },
        cookie: { session: "s" },
      },
      signal: AbortSignal.timeout(1000),
    });
  });

  test("error is the declared models, the {detail} body and the 422 body", async () => {
    const r = await client.GET("/v1/items/{item_id}", {
      params: { path: { item_id: 3 }, header: { "x-token": "secret" } },
    });
    expectTypeOf(r.error).toEqualTypeOf<
      { message: string } | HTTPErrorBody | HTTPValidationError | undefined
    >();
    const health = await client.GET("/health");
    // no params: nothing can fail validation, so no 422 body
    expectTypeOf(health.error).toEqualTypeOf<HTTPErrorBody | undefined>();
  });

  test("the body is typed by the Body param, and data by what the handler returns", async () => {
    const r = await client.POST("/v1/items/", { body: { name: "a", price: 2 } });
    expectTypeOf(r.data).toEqualTypeOf<
      { id: number; name: string; price: number; tags: string[] } | undefined
    >();
    const deleted = await client.DELETE("/v1/items/{item_id}", {
      params: { path: { item_id: 1 } },
    });
    expectTypeOf(deleted.data).toEqualTypeOf<undefined>();
  });

  test("several Body params are embedded under their names", async () => {
    const r = await client.PUT("/carts/{cart_id}", {
      params: { path: { cart_id: "c1" } },
      body: { item: { name: "a", price: 2 }, quantity: 3 },
    });
    expectTypeOf(r.data).toEqualTypeOf<{ total: number } | undefined>();
  });

  test("bare schemas follow FastAPI's rule: path name, object body, else query", async () => {
    await client.PATCH("/bare/{id}", {
      params: { path: { id: 1 }, query: { tag: "t" } },
      body: { name: "a", price: 1 },
    });
  });

  test("a path name without a declared param is a string or a number", async () => {
    const r = await client.GET("/users/{name}", { params: { path: { name: "ada" } } });
    expectTypeOf(r.data).toEqualTypeOf<{ name: string } | undefined>();
  });

  test("a dependency's own params are the route's too", async () => {
    await client.GET("/page", { params: { query: { skip: 2 }, header: { "x-trace": "t" } } });
    await client.GET("/page");
  });

  test("form and file params go in `form`, files as Blobs", async () => {
    const r = await client.POST("/upload", {
      form: { title: "cat", image: new Blob(["png"]) },
    });
    expectTypeOf(r.data).toEqualTypeOf<{ size: number } | undefined>();
  });

  test("a generator handler's items and an EventSourceResponse's events arrive as async iterables", async () => {
    const tokens = await client.GET("/tokens");
    expectTypeOf(tokens.data).toEqualTypeOf<AsyncIterable<{ token: string }> | undefined>();
    const typed = await client.GET("/typed-events");
    expectTypeOf(typed.data).toEqualTypeOf<
      AsyncIterable<ServerSentEventMessage<{ index: number }>> | undefined
    >();
    const events = await client.GET("/events");
    expectTypeOf(events.data).toEqualTypeOf<
      AsyncIterable<ServerSentEventMessage<{ index: number }>> | undefined
    >();
  });

  test("init is optional only when the route needs nothing", async () => {
    await client.GET("/health");
    // @ts-expect-error -- the x-token header and the item_id path param are required
    await client.GET("/v1/items/{item_id}");
  });

  test("mistakes in paths, methods, params and bodies are compile errors", async () => {
    // @ts-expect-error -- no such path
    await client.GET("/nope");
    // @ts-expect-error -- /health is declared for GET only
    await client.POST("/health");
    // @ts-expect-error -- the router's prefix and the include's are part of the path
    await client.GET("/items/{item_id}");
    await client.GET("/v1/items/{item_id}", {
      // @ts-expect-error -- item_id is an int
      params: { path: { item_id: "3" }, header: { "x-token": "s" } },
    });
    await client.GET("/v1/items/{item_id}", {
      // @ts-expect-error -- the x-token header is required
      params: { path: { item_id: 3 } },
    });
    await client.GET("/v1/items/{item_id}", {
      // @ts-expect-error -- "qq" is not a query param of this route
      params: { path: { item_id: 3 }, query: { qq: "x" }, header: { "x-token": "s" } },
    });
    // @ts-expect-error -- price must be a number
    await client.POST("/v1/items/", { body: { name: "a", price: "2" } });
    // @ts-expect-error -- the body is required
    await client.POST("/v1/items/", {});
  });

  test("a method taken off the client has no routes to read: a type error, not any", async () => {
    const { GET } = client;
    // @ts-expect-error -- the routes are read from the receiver; call client.GET(…)
    await GET("/health");
  });

  test("chained declarations still infer handler arguments", () => {
    new App()
      .get("/a/{id}", { params: { id: Path(z.number()) } }, ({ id }) => {
        expectTypeOf(id).toEqualTypeOf<number>();
        return id;
      })
      .post("/b", { params: { item: Body(Item) } }, ({ item }) => {
        expectTypeOf(item.tags).toEqualTypeOf<string[]>();
        throw new HTTPException(404);
      });
  });
});
