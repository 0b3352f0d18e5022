import { describe, expect, it } from "vitest";
import { TestClient } from "../../src/index.js";
import { createErrorsApp } from "./apps/app-errors.js";
import { CASES } from "./cases.js";
import { expectCase, sendCase } from "./recorded.js";

const client = new TestClient(createErrorsApp(), { raiseServerExceptions: false });

describe("§5 HTTPException, 404, 405, 500", () => {
  it.each([
    "httpexception-basic",
    "httpexception-dict-detail",
    "httpexception-default-detail",
    "httpexception-custom-headers",
    "httpexception-304-no-body",
    "starlette-httpexception",
    "unhandled-exception-500",
    "404-unknown-path",
    "404-unknown-path-post",
    "405-wrong-method-api-route",
    "options-unknown-path",
  ])("%s answers as recorded", async (name) => {
    await expectCase(client, CASES[name]);
  });

  it("httpexception-304-no-body sends neither content-type nor content-length", async () => {
    const r = await sendCase(client, CASES["httpexception-304-no-body"]!);
    expect(r.headers.has("content-type")).toBe(false);
    expect(r.headers.has("content-length")).toBe(false);
  });

  it("unhandled-exception-500 leaks no stack trace", async () => {
    const r = await sendCase(client, CASES["unhandled-exception-500"]!);
    expect(await r.text()).not.toMatch(/at |boom/);
  });

  // Divergence (behaviors §18.6, routing module's choice): Allow lists every method of every
  // route on the path, where FastAPI lists only the first matching route's (`GET`).
  it.each(["405-wrong-method", "options-no-cors"])(
    "%s answers 405 with the recorded body (divergence: Allow is GET, POST, not GET)",
    async (name) => {
      await expectCase(client, CASES[name], { allow: ["GET", "POST"] });
    },
  );

  it("head-on-get-route answers 405 with the would-be body's content-length 31 and no body (divergence: Allow is GET, POST)", async () => {
    await expectCase(client, CASES["head-on-get-route"], {
      allow: ["GET", "POST"],
      headers: { "content-length": "31" },
    });
  });
});
