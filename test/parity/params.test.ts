import { describe, it } from "vitest";
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
