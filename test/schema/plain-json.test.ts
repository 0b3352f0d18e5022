import { describe, expect, it } from "vitest";
import { z } from "zod";
import { App, TestClient } from "../../src/index.js";
import { isPlainJsonOutput } from "../../src/schema/plain-json.js";

const Item = z.object({
  name: z.string().min(1).trim(),
  price: z.number().gt(0),
  tags: z.array(z.string()),
  dimensions: z.object({ width: z.number(), height: z.number() }).nullable(),
  kind: z.enum(["a", "b"]),
  flag: z.literal(true).optional(),
  size: z.union([z.int(), z.string()]).default(1),
});

type Node = { name: string; children: Node[] };
const Tree: z.ZodType<Node> = z.object({ name: z.string(), children: z.lazy(() => z.array(Tree)) });

describe("isPlainJsonOutput", () => {
  it("accepts schemas whose output can only be plain JSON data", () => {
    for (const schema of [Item, z.strictObject({ a: z.string() }), z.array(Item), z.null()]) {
      expect(isPlainJsonOutput(schema)).toBe(true);
    }
  });

  it.each([
    ["a loose object (keeps unknown values as they came)", z.looseObject({ a: z.string() })],
    ["any", z.object({ a: z.any() })],
    ["a date", z.object({ at: z.date() })],
    ["a bigint", z.bigint()],
    ["a bigint literal", z.literal(10n)],
    ["a transform", z.string().transform((s) => new Map([[s, s]]))],
    ["an object default", z.object({ a: z.string() }).default({ a: "x" })],
    ["a map", z.map(z.string(), z.string())],
    ["a lazy schema (not followed)", Tree],
    ["a value a check may replace", z.number().overwrite((n) => n)],
  ])("refuses %s", (_label, schema) => {
    expect(isPlainJsonOutput(schema)).toBe(false);
  });
});

describe("a route whose response schema outputs plain JSON", () => {
  it("writes the same JSON the encoder writes, filtered by the schema", async () => {
    const app = new App();
    const Out = z.object({ name: z.string(), note: z.string().nullable(), n: z.number() });
    app.get("/plain", { response: Out }, () => ({ name: "a\u0000b", note: null, n: 2, extra: 1 }));
    app.get("/special", { response: z.object({ big: z.bigint() }) }, () => ({ big: 2n ** 70n }));
    const client = new TestClient(app);
    expect(await (await client.get("/plain")).text()).toBe(
      '{"name":"a\\u0000b","note":null,"n":2}',
    );
    expect(await (await client.get("/special")).text()).toBe('{"big":1180591620717411303424}');
  });
});
