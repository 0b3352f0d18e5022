import { describe, expect, it } from "vitest";
import { TestClient } from "../../src/index.js";
import { createStatusApp } from "./apps/app-errors.js";
import { CASES } from "./cases.js";
import { expectCase, sendCase } from "./recorded.js";

const client = new TestClient(createStatusApp());

describe("§7 status codes and return values", () => {
  it.each([
    "status-post-default-200",
    "status-201",
    "return-none-is-null",
    "plain-text-response-class",
    "response-param-status-header-cookie",
  ])("%s answers as recorded", async (name) => {
    await expectCase(client, CASES[name]);
  });

  it.each(["status-204-none", "status-204-with-return"])(
    "%s keeps the JSON content type but sends no body and no content-length",
    async (name) => {
      await expectCase(client, CASES[name], { absent: ["content-length"] });
    },
  );

  it("response-param-status-header-cookie sends exactly one set-cookie", async () => {
    const r = await sendCase(client, CASES["response-param-status-header-cookie"]!);
    expect(r.headers.getSetCookie()).toEqual(["sid=abc; HttpOnly; Path=/; SameSite=lax"]);
  });
});
