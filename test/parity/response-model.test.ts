import { describe, expect, it } from "vitest";
import { ResponseValidationError, TestClient } from "../../src/index.js";
import { createResponseModelApp } from "./apps/app-response-model.js";
import { CASES } from "./cases.js";
import { expectCase, jsFloats } from "./recorded.js";

const logged: { message: string; error: unknown }[] = [];
const client = new TestClient(
  createResponseModelApp({ error: (message, error) => logged.push({ message, error }) }),
  { raiseServerExceptions: false },
);

/** The recorded `errors` of each ResponseValidationError the server raised. */
const RESPONSE_ERRORS: Record<string, unknown[]> = {
  "/invalid-missing": [
    { type: "missing", loc: ["response", "name"], msg: "Field required", input: { id: 1 } },
  ],
  "/invalid-type": [
    {
      type: "int_parsing",
      loc: ["response", "id"],
      msg: "Input should be a valid integer, unable to parse string as an integer",
      input: "not-an-int",
    },
  ],
  "/invalid-none": [
    {
      type: "model_attributes_type",
      loc: ["response"],
      msg: "Input should be a valid dictionary or object to extract fields from",
      input: null,
    },
  ],
};

describe("§8 response_model", () => {
  it.each([
    "response-model-filters-input-model",
    "return-annotation-filters",
    "response-model-filters-dict-extra-keys",
    "response-returned-directly-bypasses-model",
    "response-model-none-disables-filtering",
  ])("%s answers as recorded", async (name) => {
    await expectCase(client, CASES[name]);
  });

  it.each([
    "response-model-exclude-none",
    "response-model-include",
    "response-model-list-with-computed-field",
    "response-model-union",
  ])("%s answers as recorded (divergence: floats 1.0 are written 1)", async (name) => {
    await expectCase(client, CASES[name], { body: jsFloats(CASES[name]!.body) });
  });

  it("response-model-exclude-unset keeps computed fields (divergence: floats)", async () => {
    const name = "response-model-exclude-unset";
    await expectCase(client, CASES[name], { body: jsFloats(CASES[name]!.body) });
  });

  it("response-model-exclude-unset drops the fields the schema defaulted", async () => {
    const r = await client.get("/items/foo");
    expect(await r.json()).not.toHaveProperty("tax");
  });

  it("response-validation-missing-field answers the recorded generic 500", async () => {
    await expectCase(client, CASES["response-validation-missing-field"]);
  });

  it.each(Object.keys(RESPONSE_ERRORS))(
    "GET %s: 500 text/plain, and the logger receives a ResponseValidationError with the recorded errors",
    async (path) => {
      logged.length = 0;
      const r = await client.get(path);
      expect(r.status).toBe(500);
      expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await r.text()).toBe("Internal Server Error");
      expect(logged).toHaveLength(1);
      const error = logged[0]!.error;
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect((error as ResponseValidationError).errors).toEqual(RESPONSE_ERRORS[path]);
    },
  );

  // Divergences: JS has no naive datetime, timedelta, UUID or Decimal types; a Date is written
  // by Date#toJSON (milliseconds, "Z"), the others are the strings/numbers the handler returns.
  // Sets and bytes are converted by the handler: JSON.stringify has no form for them, and a
  // replacer on every response would more than double serialization time.
  it("jsonable-encoder-types: Python-only types become their JS counterparts (divergence: dates end in Z, sets and bytes converted by the handler)", async () => {
    const r = await client.get("/types");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(await r.text()).toBe(
      '{"dt":"2024-01-02T03:04:05.678Z","naive":"2024-01-02T03:04:05","date":"2024-01-02","time":"03:04:05","delta":86401.5,"uuid":"12345678-1234-5678-1234-567812345678","decimal":1.1,"set":[1],"bytes":"raw","tuple":[1,2]}',
    );
  });

  it("model-serialization-types: a date field is written by Date#toJSON (divergence: milliseconds and Z; durations and decimals are strings the handler formats)", async () => {
    const r = await client.get("/types-model");
    expect(r.status).toBe(200);
    expect(await r.text()).toBe(
      '{"dt":"2024-01-02T03:04:05.000Z","delta":"PT1M30S","decimal":"1.10","raw":"raw"}',
    );
  });
});
