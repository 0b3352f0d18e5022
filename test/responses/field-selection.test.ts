import { describe, expect, it } from "vitest";
import { z } from "zod";
import { App } from "../../src/index.js";
import {
  compileSelection,
  excludeSelected,
  type FieldSelection,
  includeSelected,
} from "../../src/responses/field-selection.js";
import { describeTransports } from "../integration/transports.js";

// the value pydantic was asked about: M(dims=D(width=1, height=2), items=[I(), I()], tags={"a": I()})
const value = () => ({
  dims: { width: 1, height: 2 },
  items: [
    { name: "n", secret: "s" },
    { name: "n", secret: "s" },
  ],
  tags: { a: { name: "n", secret: "s" } },
});
const include = (selection: FieldSelection) =>
  includeSelected(value(), compileSelection(selection));
const exclude = (selection: FieldSelection) =>
  excludeSelected(value(), compileSelection(selection));

// expected outputs recorded from pydantic 2.13 model_dump(include=…, exclude=…)
describe("exclude, as pydantic's", () => {
  it("drops a nested field, a field of every list item and of every record value", () => {
    expect(
      exclude({
        dims: ["width"],
        items: { __all__: ["secret"] },
        tags: { __all__: { name: true } },
      }),
    ).toEqual({
      dims: { height: 2 },
      items: [{ name: "n" }, { name: "n" }],
      tags: { a: { secret: "s" } },
    });
  });

  it("drops a whole list item by index, merged with __all__", () => {
    expect(exclude({ items: { 0: true, __all__: { secret: true } } })).toEqual({
      dims: { width: 1, height: 2 },
      items: [{ name: "n" }],
      tags: { a: { name: "n", secret: "s" } },
    });
  });

  it("applies a spec without index or __all__ keys to every item of a list", () => {
    expect(exclude({ items: ["secret"] })).toMatchObject({ items: [{ name: "n" }, { name: "n" }] });
  });
});

describe("include, as pydantic's", () => {
  it("keeps a nested field and one list item by index", () => {
    expect(include({ dims: ["width"], items: { 0: true } })).toEqual({
      dims: { width: 1 },
      items: [{ name: "n", secret: "s" }],
    });
  });

  it("keeps a whole field and one field of every list item", () => {
    expect(include({ dims: true, items: { __all__: ["name"] } })).toEqual({
      dims: { width: 1, height: 2 },
      items: [{ name: "n" }, { name: "n" }],
    });
  });

  it("unites __all__ with what an index adds", () => {
    expect(include({ items: { __all__: ["name"], 1: ["secret"] } })).toEqual({
      items: [{ name: "n" }, { name: "n", secret: "s" }],
    });
  });

  it("treats a list of names like a spec of true", () => {
    expect(include(["dims"])).toEqual(include({ dims: true }));
  });
});

const Order = z.object({
  id: z.number(),
  customer: z.object({ name: z.string(), email: z.string() }),
  lines: z.array(z.object({ sku: z.string(), cost: z.number(), qty: z.number() })),
});
const order = {
  id: 1,
  customer: { name: "Ann", email: "ann@example.com" },
  lines: [
    { sku: "a", cost: 3, qty: 1 },
    { sku: "b", cost: 4, qty: 2 },
  ],
};

function createApp(): App {
  const app = new App();
  app.get(
    "/orders/public",
    { response: Order, responseExclude: { customer: ["email"], lines: { __all__: ["cost"] } } },
    () => order,
  );
  app.get(
    "/orders/summary",
    {
      response: Order,
      responseInclude: { id: true, lines: { __all__: { sku: true } } },
      responseExclude: { lines: { 1: true } },
    },
    () => order,
  );
  return app;
}

describeTransports("nested response include and exclude", createApp, (client) => {
  it("responseExclude drops nested fields and a field of every list item", async () => {
    const r = await client().request("GET", "/orders/public");
    expect(await r.text()).toBe(
      '{"id":1,"customer":{"name":"Ann"},"lines":[{"sku":"a","qty":1},{"sku":"b","qty":2}]}',
    );
  });

  it("responseInclude keeps nested fields, then responseExclude drops a list item", async () => {
    const r = await client().request("GET", "/orders/summary");
    expect(await r.json()).toEqual({ id: 1, lines: [{ sku: "a" }] });
  });
});
