import { describe, expect, it } from "vitest";
import { TestClient } from "../../src/index.js";
import { createParamsApp } from "./apps/app-params.js";
import { CASES } from "./cases.js";
import { expectCase } from "./recorded.js";

const client = new TestClient(createParamsApp());

describe("§4 parameter parsing corners", () => {
  it.each([
    "repeated-scalar-query-last-wins",
    "empty-optional-str-query",
    "list-query-bad-item",
    "path-converter",
    "path-percent-encoded",
    "route-order-first-wins",
    "query-model-extra-forbidden",
    "query-model-literal-invalid",
    "header-underscore-conversion",
    "alias-query",
    "alias-query-python-name-ignored",
    "single-body-param-not-embedded",
    "list-body-bad-items",
    "dict-body-bad-value",
  ])("%s answers as recorded", async (name) => {
    await expectCase(client, CASES[name]);
  });
});

describe("query models", () => {
  it("collect repeated keys for list fields and convert the rest", async () => {
    const r = await client.get("/filter?limit=5&tags=a&tags=b&order_by=updated_at");
    expect(await r.json()).toEqual({
      limit: 5,
      offset: 0,
      order_by: "updated_at",
      tags: ["a", "b"],
    });
  });
});
