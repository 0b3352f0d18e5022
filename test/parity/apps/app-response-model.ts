import { z } from "zod";
import { App, Body, JSONResponse, type Logger } from "../../../src/index.js";

const UserIn = z.object({
  username: z.string(),
  password: z.string(),
  email: z.string(),
  full_name: z.string().nullable().default(null),
});
const UserOut = z.object({
  username: z.string(),
  email: z.string(),
  full_name: z.string().nullable().default(null),
});
/** `total` plays pydantic's @computed_field: derived from the validated fields. */
export const Item = z
  .object({
    name: z.string(),
    price: z.number(),
    tax: z.number().default(10.5),
    tags: z.array(z.string()).default([]),
    note: z.string().nullable().default(null),
  })
  .transform((item) => ({ ...item, total: item.price + item.tax }));
const Strict = z.object({ id: z.number().int(), name: z.string() });

/** Mirrors resp: response_model filtering, exclusions and response validation (§8). */
export function createResponseModelApp(logger: Logger): App {
  const app = new App({ logger });
  app.post("/users", { params: { user: Body(UserIn) }, response: UserOut }, ({ user }) => user);
  app.get("/annotated", { response: UserOut }, () => ({
    username: "a",
    password: "s3cret",
    email: "a@x.io",
  }));
  app.get("/dict-extra", { response: UserOut }, () => ({
    username: "b",
    email: "b@x.io",
    password: "hidden",
    extra: 1,
  }));
  app.get("/items/{name}", { response: Item, responseExcludeUnset: true }, ({ name }) => ({
    name,
    price: 2,
  }));
  app.get("/items-none/{name}", { response: Item, responseExcludeNone: true }, ({ name }) => ({
    name,
    price: 1,
  }));
  app.get("/items-include", { response: Item, responseInclude: ["name", "price"] }, () => ({
    name: "x",
    price: 1,
  }));
  app.get("/items-list", { response: z.array(Item) }, () => [
    { name: "a", price: 1 },
    { name: "b", price: 2, tax: 0 },
  ]);
  app.get("/invalid-missing", { response: Strict }, () => ({ id: 1 }) as never);
  app.get("/invalid-type", { response: Strict }, () => ({ id: "not-an-int", name: "x" }) as never);
  app.get("/invalid-none", { response: Strict }, () => null as never);
  app.get("/union", { response: z.union([Item, UserOut]) }, () => ({ name: "i", price: 3 }));
  app.get("/bypass", { response: UserOut }, () => new JSONResponse({ anything: "goes" }));
  app.get("/no-model", { response: null }, () => ({ password: "visible" }));
  app.get("/types", {}, () => ({
    dt: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)),
    naive: "2024-01-02T03:04:05",
    date: "2024-01-02",
    time: "03:04:05",
    delta: 86401.5,
    uuid: "12345678-1234-5678-1234-567812345678",
    decimal: 1.1,
    set: [...new Set([1])],
    bytes: new TextDecoder().decode(new TextEncoder().encode("raw")),
    tuple: [1, 2],
  }));
  app.get(
    "/types-model",
    {
      response: z.object({
        dt: z.date(),
        delta: z.string(),
        decimal: z.string(),
        raw: z.string(),
      }),
    },
    () => ({
      dt: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
      delta: "PT1M30S",
      decimal: "1.10",
      raw: "raw",
    }),
  );
  return app;
}
