import { describe, expect, it } from "vitest";
import { TestClient } from "../../src/index.js";
import { createJsonBasicsApp } from "./apps/app-json-basics.js";
import { expectRecorded, JSON_CT } from "./recorded.js";

const client = new TestClient(createJsonBasicsApp());

describe("§1 JSON output basics", () => {
  it("json-encoding-unicode-and-numbers: raw UTF-8, exact big ints, compact (divergence: float 1.0 is written 1)", async () => {
    const r = await client.get("/unicode");
    await expectRecorded(r, {
      status: 200,
      contentType: JSON_CT,
      body: '{"text":"héllo ✓ 日本","float":1,"big":12345678901234567890}',
    });
  });

  it("return-str-is-json-string: a returned string is sent as a JSON string", async () => {
    const r = await client.get("/returns-str");
    await expectRecorded(r, { status: 200, contentType: JSON_CT, body: '"hello"' });
  });

  it("content-length counts UTF-8 bytes, not characters", async () => {
    const r = await client.get("/unicode");
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect(r.headers.get("content-length")).toBe(String(bytes.byteLength));
  });
});
