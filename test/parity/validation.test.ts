import { describe, it } from "vitest";
import { TestClient } from "../../src/index.js";
import { createValidationApp } from "./apps/app-validation.js";
import { CASES } from "./cases.js";
import { expectCase, jsFloats } from "./recorded.js";

const client = new TestClient(createValidationApp());

const exact = [
  "path-int-coercion-failure",
  "path-int-float-string",
  "path-enum-invalid",
  "path-ge-violation",
  "path-le-violation",
  "query-required-missing",
  "query-int-coercion-failure",
  "query-empty-value-for-int",
  "query-ge-violation",
  "query-le-violation",
  "query-min-length",
  "query-max-length",
  "query-pattern",
  "query-bool-invalid",
  "query-multiple-errors",
  "header-missing",
  "header-int-invalid",
  "body-missing-field",
  "body-missing-entirely",
  "body-empty-object",
  "body-wrong-type",
  "body-is-array",
  "body-is-null",
  "body-embed-missing-key",
  "body-multi-missing",
  "error-order-across-sources",
];

describe("§2 422 request validation errors", () => {
  it.each(exact)("%s answers the recorded 422 byte for byte", async (name) => {
    await expectCase(client, CASES[name]);
  });

  it.each(["body-constraints", "body-constraints-2"])(
    "%s answers the recorded 422 (divergence: float ctx 1.0/0.0 is written 1/0)",
    async (name) => {
      await expectCase(client, CASES[name], { body: jsFloats(CASES[name]!.body) });
    },
  );
});
