import { describe, expectTypeOf, test } from "vitest";
import { z } from "zod";
import {
  APIRouter,
  App,
  Body,
  base64Bytes,
  Cookie,
  Depends,
  dependency,
  Header,
  JSONResponse,
  Path,
  Query,
  type RequestContext,
} from "../../src/index.js";

const Item = z.object({
  name: z.string(),
  price: z.number(),
  tags: z.array(z.string()).default([]),
});

describe("handler arguments are inferred from the declaration", () => {
  test("markers give each param its schema's output type", () => {
    new App().get(
      "/items/{item_id}",
      {
        params: {
          item_id: Path(z.number().int()),
          q: Query(z.string().max(50).optional()),
          limit: Query(z.number().int().default(10)),
          tags: Query(z.array(z.string())),
          agent: Header(z.string()),
          session: Cookie(z.string().optional()),
        },
      },
      (args, ctx) => {
        expectTypeOf(args.item_id).toEqualTypeOf<number>();
        expectTypeOf(args.q).toEqualTypeOf<string | undefined>();
        expectTypeOf(args.limit).toEqualTypeOf<number>();
        expectTypeOf(args.tags).toEqualTypeOf<string[]>();
        expectTypeOf(args.agent).toEqualTypeOf<string>();
        expectTypeOf(args.session).toEqualTypeOf<string | undefined>();
        expectTypeOf(ctx).toEqualTypeOf<RequestContext>();
        return {};
      },
    );
  });

  test("header and cookie models give the object schema's output type", () => {
    new App().get(
      "/models",
      {
        params: {
          headers: Header(z.object({ save_data: z.boolean(), x_tag: z.array(z.string()) })),
          cookies: Cookie(z.object({ visits: z.number().default(0) })),
        },
      },
      (args) => {
        expectTypeOf(args.headers).toEqualTypeOf<{ save_data: boolean; x_tag: string[] }>();
        expectTypeOf(args.cookies).toEqualTypeOf<{ visits: number }>();
        return null;
      },
    );
  });

  test("bare schemas and a body model are inferred too", () => {
    new App().post(
      "/items/{id}",
      { params: { id: z.number(), item: Item, q: z.string() } },
      (args) => {
        expectTypeOf(args.id).toEqualTypeOf<number>();
        expectTypeOf(args.item).toEqualTypeOf<{ name: string; price: number; tags: string[] }>();
        expectTypeOf(args.q).toEqualTypeOf<string>();
        return null;
      },
    );
  });

  test("a path template name without a declared param is a string", () => {
    new App().get("/users/{user_id}/files/{file_path:path}", {}, (args) => {
      expectTypeOf(args).toEqualTypeOf<{ user_id: string; file_path: string }>();
    });
  });

  test("a wrong field name is a compile error", () => {
    new App().get("/items", { params: { limit: Query(z.number()) } }, (args) => {
      // @ts-expect-error -- "limt" is not a declared param
      return args.limt;
    });
  });

  test("a dependency's resolved value flows into the handler", () => {
    const user = dependency({ key: Header(z.string()) }, async ({ key }) => ({
      name: key,
      admin: false,
    }));
    const db = dependency({}, async function* () {
      yield { query: (sql: string) => sql.length };
    });
    new App().get("/me", { params: { user: Depends(user), db: Depends(db) } }, ({ user, db }) => {
      expectTypeOf(user).toEqualTypeOf<{ name: string; admin: boolean }>();
      expectTypeOf(db.query).toEqualTypeOf<(sql: string) => number>();
      return user;
    });
  });
});

describe("the response schema types what a handler may return", () => {
  test("a value of the schema's input type or a Response is accepted", () => {
    const app = new App();
    app.get("/item", { response: Item }, () => ({ name: "a", price: 1 }));
    app.get("/raw", { response: Item }, () => new JSONResponse({ anything: true }));
    app.get("/async", { response: Item }, async () => ({ name: "a", price: 1, tags: ["x"] }));
  });

  test("a value missing a required field is a compile error", () => {
    new App().get(
      "/item",
      { response: Item },
      // @ts-expect-error -- "price" is required by the response schema
      () => ({ name: "a" }),
    );
  });

  test("without a response schema anything may be returned", () => {
    new App().get("/any", {}, () => 42);
    new App().get("/any2", {}, () => ({ whatever: [1, 2] }));
  });
});

describe("Body markers", () => {
  test("several Body params are each typed", () => {
    new App().put(
      "/items/{id}",
      { params: { item: Body(Item), importance: Body(z.number().int()) } },
      ({ id, item, importance }) => {
        expectTypeOf(id).toEqualTypeOf<string>();
        expectTypeOf(item.name).toEqualTypeOf<string>();
        expectTypeOf(importance).toEqualTypeOf<number>();
        return { id };
      },
    );
  });
});

describe("response field selections", () => {
  test("take names or pydantic-like nested specs, never false", () => {
    const app = new App();
    const Order = z.object({ id: z.number(), lines: z.array(z.object({ sku: z.string() })) });
    app.get("/a", { response: Order, responseExclude: ["id"] }, () => ({ id: 1, lines: [] }));
    app.get(
      "/b",
      { response: Order, responseInclude: { id: true, lines: { __all__: ["sku"], 0: true } } },
      () => ({ id: 1, lines: [] }),
    );
    // @ts-expect-error a field is selected with true, a nested spec or a list of names
    app.get("/c", { response: Order, responseExclude: { id: false } }, () => ({
      id: 1,
      lines: [],
    }));
  });
});

describe("app options added for FastAPI parity", () => {
  test("exceptionHandlers takes [status or class, handler] pairs; defaultResponseClass a class", () => {
    class QuotaError extends Error {}
    new App({
      defaultResponseClass: JSONResponse,
      exceptionHandlers: [
        [404, () => new JSONResponse({ missing: true }, { status: 404 })],
        [QuotaError, (_ctx, error) => new JSONResponse({ error: error.message }, { status: 429 })],
      ],
    });
    // @ts-expect-error a key is a status or an error class
    new App({ exceptionHandlers: [["404", () => new JSONResponse(null)]] });
    expectTypeOf(new App().urlPathFor("read_item", { item_id: 3 })).toEqualTypeOf<string>();
    new App().get("/", {}, (_args, ctx) => {
      expectTypeOf(ctx.urlFor("read_item", { item_id: 3 })).toEqualTypeOf<string>();
    });
  });
});

describe("startup and shutdown events", () => {
  test("onEvent takes the two event names and a hook without arguments, on apps and routers", () => {
    const app = new App({ onStartup: [() => {}], onShutdown: [async () => {}] });
    expectTypeOf(app.onEvent("startup", async () => {})).toEqualTypeOf<App>();
    // @ts-expect-error the events are "startup" and "shutdown"
    app.onEvent("ready", () => {});
    // @ts-expect-error a hook takes no argument, as FastAPI's
    app.onEvent("startup", (name: string) => name);
    const router = new APIRouter({ onStartup: [() => {}] }).onEvent("shutdown", () => {});
    expectTypeOf(router).toEqualTypeOf<APIRouter<"">>();
  });
});

describe("base64Bytes()", () => {
  test("a request field is bytes in the handler; a response field takes bytes or base64 text", () => {
    new App().post(
      "/blobs",
      {
        params: { blob: z.object({ data: base64Bytes() }) },
        response: z.object({ echo: base64Bytes() }),
      },
      ({ blob }) => {
        expectTypeOf(blob.data).toEqualTypeOf<Uint8Array>();
        return { echo: blob.data };
      },
    );
    new App().get("/text", { response: z.object({ echo: base64Bytes() }) }, () => ({
      echo: "aGk=",
    }));
    // @ts-expect-error a number is neither bytes nor base64 text
    new App().get("/bad", { response: z.object({ echo: base64Bytes() }) }, () => ({ echo: 1 }));
  });
});
