import { describe, expect, it } from "vitest";
import { z } from "zod";
import { App, base64Bytes, jsonableEncoder } from "../../src/index.js";
import { compileValidator } from "../../src/schema/index.js";
import { describeTransports } from "../integration/transports.js";

const Blob64 = z.object({
  name: z.string(),
  data: base64Bytes(),
  thumb: base64Bytes().describe("a small preview").optional(),
});

describe("base64Bytes()", () => {
  const check = compileValidator(Blob64, { input: "json" });

  it("decodes a base64 string to bytes", () => {
    const result = check({ name: "a", data: "aGVsbG8=" }, ["body"]);
    expect(result.ok).toBe(true);
    const data = (result as { value: { data: Uint8Array } }).value.data;
    expect(data).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(data).toString()).toBe("hello");
  });

  it("skips characters outside the alphabet, as Python's b64decode (MIME line breaks)", () => {
    const result = check({ name: "a", data: "aGVs\nbG8=" }, ["body"]);
    expect(Buffer.from((result as { value: { data: Uint8Array } }).value.data).toString()).toBe(
      "hello",
    );
    const urlSafe = check({ name: "a", data: "a-b_" }, ["body"]);
    expect(urlSafe.ok ? "" : urlSafe.errors[0]!.type).toBe("base64_decode");
  });

  it("reports pydantic's base64_decode and bytes_type errors", () => {
    const bad = check({ name: "a", data: "aGVsbG8", thumb: 3 }, ["body"]);
    expect(bad).toEqual({
      ok: false,
      errors: [
        {
          type: "base64_decode",
          loc: ["body", "data"],
          msg: "Base64 decoding error: 'Incorrect padding'",
          input: "aGVsbG8",
          ctx: { error: "Incorrect padding" },
        },
        {
          type: "bytes_type",
          loc: ["body", "thumb"],
          msg: "Input should be a valid bytes",
          input: 3,
        },
      ],
    });
    const short = check({ name: "a", data: "aGVsb" }, ["body"]);
    expect(short.ok ? "" : short.errors[0]!.msg).toBe(
      "Base64 decoding error: 'Invalid base64-encoded string: number of data characters (5) cannot be 1 more than a multiple of 4'",
    );
  });

  it("stops at the first complete padding and reads data between stray pads, as b64decode", () => {
    // each expectation is CPython 3's base64.b64decode(text) (binascii, non-strict mode)
    const cases: [string, string][] = [
      ["aGk=aGk=", "6869"],
      ["aG=k=", "6869"],
      ["ab=cd", "69b71d"],
      ["aGk==x", "6869"],
      ["=aGk=", "6869"],
      ["a=b=c=d", "69b7"],
      ["YQ==YQ", "61"],
      ["aGVsbG8=\n", "68656c6c6f"],
      ["aGk", "ERR:Incorrect padding"],
      ["ab=c", "ERR:Incorrect padding"],
      [
        "a===",
        "ERR:Invalid base64-encoded string: number of data characters (1) cannot be 1 more than a multiple of 4",
      ],
    ];
    for (const [text, expected] of cases) {
      const result = check({ name: "a", data: text }, ["body"]);
      const got = result.ok
        ? Buffer.from((result.value as { data: Uint8Array }).data).toString("hex")
        : `ERR:${(result.errors[0]!.ctx as { error: string }).error}`;
      expect([text, got]).toEqual([text, expected]);
    }
  });

  it("decodes the same way when Zod itself parses the schema", () => {
    expect(Buffer.from(base64Bytes().parse("aGk=")).toString()).toBe("hi");
    expect(base64Bytes().safeParse("aGk").success).toBe(false);
  });

  it("writes the bytes as base64 in JSON, where plain bytes are UTF-8 text", () => {
    const decoded = check({ name: "a", data: "/w==" }, ["body"]);
    const data = (decoded as { value: { data: Uint8Array } }).value.data;
    expect(jsonableEncoder({ data, plain: new Uint8Array([104, 105]) })).toEqual({
      data: "/w==",
      plain: "hi",
    });
  });
});

function createBlobApp(): App {
  const app = new App();
  app.post(
    "/blobs",
    { params: { blob: Blob64 }, response: z.object({ size: z.number(), upper: base64Bytes() }) },
    ({ blob }) => ({
      size: blob.data.byteLength,
      upper: Buffer.from(Buffer.from(blob.data).toString().toUpperCase()),
    }),
  );
  return app;
}

describeTransports("base64Bytes() fields", createBlobApp, (client) => {
  it("decodes a request field and encodes a response field", async () => {
    const response = await client().request("POST", "/blobs", {
      json: { name: "a", data: Buffer.from("hello").toString("base64") },
    });
    expect(await response.json()).toEqual({
      size: 5,
      upper: Buffer.from("HELLO").toString("base64"),
    });
  });

  it("answers bad base64 with FastAPI's 422", async () => {
    const response = await client().request("POST", "/blobs", { json: { name: "a", data: "a" } });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      detail: [{ type: "base64_decode", loc: ["body", "data"], input: "a" }],
    });
  });
});

it("documents a base64Bytes() field as a base64 string on both sides", () => {
  const doc = createBlobApp().openapi() as {
    paths: Record<string, { post: Record<string, any> }>;
    components: { schemas: Record<string, any> };
  };
  const post = doc.paths["/blobs"]!.post;
  const request = post.requestBody.content["application/json"].schema;
  const body = request.$ref ? doc.components.schemas[request.$ref.split("/").pop()] : request;
  expect(body.properties.data).toEqual({ type: "string", format: "base64", title: "Data" });
  expect(body.properties.thumb).toEqual({
    type: "string",
    format: "base64",
    title: "Thumb",
    description: "a small preview",
  });
  const answer = post.responses["200"].content["application/json"].schema;
  const out = answer.$ref ? doc.components.schemas[answer.$ref.split("/").pop()] : answer;
  expect(out.properties.upper).toEqual({ type: "string", format: "base64", title: "Upper" });
});
