import { describe, expect, it } from "vitest";
import { TestClient } from "../../src/index.js";
import { createValidationApp } from "./apps/app-validation.js";
import { CASES } from "./cases.js";
import { expectCase, jsFloats, sendCase } from "./recorded.js";

/** The 0.115 recordings parse a body without content type as JSON: strictContentType off. */
const lax = new TestClient(createValidationApp({ strictContentType: false }));
/** The default (FastAPI 0.132+): only JSON content types are parsed. */
const strict = new TestClient(createValidationApp());

/** Forms and multipart come with Form()/File(); these recorded cases are not ported yet. */
const NOT_PORTED = [
  "form-missing-fields",
  "form-too-short",
  "form-endpoint-sent-json",
  "upload-missing-file",
  "multipart-missing-boundary",
  "multipart-truncated-body",
];

describe("§3 body decoding (JSON cases)", () => {
  it("the only §3 cases not ported are the form and multipart ones", () => {
    const unported = Object.values(CASES).filter(
      (c) => c.section === "3" && (c.path === "/login" || c.path === "/upload"),
    );
    expect(unported.map((c) => c.name)).toEqual(NOT_PORTED);
  });

  it.each(["body-malformed-json", "body-truncated-json", "body-malformed-json-no-content-type"])(
    "%s: 422 json_invalid with Python's decoder message and offset",
    async (name) => {
      await expectCase(lax, CASES[name]);
    },
  );

  it.each(["body-valid-json-no-content-type", "body-vendor-json-content-type"])(
    "%s: the body is parsed as JSON (divergence: price 1.0 is written 1)",
    async (name) => {
      await expectCase(lax, CASES[name], { body: jsFloats(CASES[name]!.body) });
    },
  );

  it.each([
    "body-text-plain-content-type",
    "body-form-content-type-to-json-endpoint",
    "json-body-invalid-utf8",
  ])("%s answers as recorded", async (name) => {
    await expectCase(lax, CASES[name]);
    await expectCase(strict, CASES[name]);
  });

  it("a body without content type is not parsed by default (FastAPI 0.132+ strict content type)", async () => {
    const r = await sendCase(strict, CASES["body-valid-json-no-content-type"]!);
    expect(r.status).toBe(422);
    expect(await r.text()).toBe(
      '{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":"{\\"name\\": \\"a\\", \\"price\\": 1}"}]}',
    );
  });

  it("the JSON cases behave the same under strict content type when a JSON type is sent", async () => {
    await expectCase(strict, CASES["body-malformed-json"]);
    await expectCase(strict, CASES["body-vendor-json-content-type"], {
      body: jsFloats(CASES["body-vendor-json-content-type"]!.body),
    });
  });
});
