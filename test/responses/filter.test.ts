import { expect, it } from "vitest";
import { z } from "zod";
import { App } from "../../src/index.js";
import { compileResponseFilter } from "../../src/responses/filter.js";
import { describeTransports } from "../integration/transports.js";

const Item = z
  .object({
    name: z.string(),
    price: z.number(),
    tax: z.number().default(10.5),
    tags: z.array(z.string()).default([]),
    note: z.string().nullable().default(null),
  })
  .transform((item) => ({ ...item, total: item.price + item.tax }));

function createApp(): App {
  const app = new App();
  app.get("/defaults", { response: Item, responseExcludeDefaults: true }, () => ({
    name: "a",
    price: 2,
    tax: 10.5,
    tags: ["x"],
  }));
  app.get("/defaults-list", { response: z.array(Item), responseExcludeDefaults: true }, () => [
    { name: "a", price: 1, tags: [] },
    { name: "b", price: 2, tax: 0, note: "n" },
  ]);
  app.get("/exclude", { response: Item, responseExclude: ["tax", "tags"] }, () => ({
    name: "a",
    price: 2,
  }));
  app.get(
    "/combined",
    { response: Item, responseInclude: ["name", "tax", "note"], responseExclude: ["note"] },
    () => ({ name: "a", price: 2, note: "kept out" }),
  );
  app.get("/no-schema", { responseExclude: ["secret"] }, () => ({ id: 1, secret: "s" }));
  return app;
}

describeTransports("response filters", createApp, (client) => {
  it("responseExcludeDefaults drops fields equal to their default, set or not; derived fields stay", async () => {
    const r = await client().request("GET", "/defaults");
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('{"name":"a","price":2,"tags":["x"],"total":12.5}');
  });

  it("responseExcludeDefaults applies to each item of a list response", async () => {
    const r = await client().request("GET", "/defaults-list");
    expect(await r.json()).toEqual([
      { name: "a", price: 1, total: 11.5 },
      { name: "b", price: 2, tax: 0, note: "n", total: 2 },
    ]);
  });

  it("responseExclude drops the named fields", async () => {
    const r = await client().request("GET", "/exclude");
    expect(await r.json()).toEqual({ name: "a", price: 2, note: null, total: 12.5 });
  });

  it("responseExclude wins over responseInclude, as in pydantic", async () => {
    const r = await client().request("GET", "/combined");
    expect(await r.json()).toEqual({ name: "a", tax: 10.5 });
  });

  it("responseExclude applies without a response schema", async () => {
    const r = await client().request("GET", "/no-schema");
    expect(await r.json()).toEqual({ id: 1 });
  });
});

it("compileResponseFilter compares defaults structurally", () => {
  const filter = compileResponseFilter({
    excludeDefaults: true,
    fieldDefaults: { tags: [], meta: { a: 1 } },
  })!;
  expect(filter({ tags: [], meta: { a: 1 }, x: 1 }, null)).toEqual({ x: 1 });
  expect(filter({ tags: ["t"], meta: { a: 2 } }, null)).toEqual({ tags: ["t"], meta: { a: 2 } });
});

it("compileResponseFilter is null when no option is set", () => {
  expect(compileResponseFilter({ exclude: undefined, excludeDefaults: false })).toBeNull();
});
