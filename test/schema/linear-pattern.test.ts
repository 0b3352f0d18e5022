import { describe, expect, it } from "vitest";
import { z } from "zod";
import { App, ConfigError, Query, TestClient } from "../../src/index.js";
import { linearTest, unsupportedPatterns } from "../../src/schema/linear-pattern.js";
import { errorsOf } from "./helpers.js";

/** patterns users write, with inputs on both sides: RE2 must agree with V8 on every one */
const COMMON: [RegExp, string[]][] = [
  [/^[a-z0-9_-]{3,16}$/, ["hello_world", "ab", "HELLO", "a-b-c", "x".repeat(17)]],
  [/^\d{3}-\d{4}$/, ["555-1234", "5551234", "555-12345", "abc-defg"]],
  [/^[A-Z]{3}$/, ["EUR", "eur", "EURO", ""]],
  [/^hello$/i, ["HELLO", "hello", "hello!"]],
  [/^a.c$/s, ["a\nc", "abc", "ac"]],
  [/^b$/m, ["a\nb\nc", "abc"]],
  [/(?<year>\d{4})-(?<month>\d{2})/, ["2024-01", "24-01"]],
  [/colou?r/, ["my color", "my colour", "colr"]],
  [/^(?:\+\d{1,3})?\d{6,12}$/, ["+33123456789", "123", "12345678"]],
  [/^[^@\s]+@[^@\s]+\.[^@\s]+$/, ["a@b.co", "a@b", "a b@c.d"]],
  [/^\p{L}+$/u, ["héllo", "h3llo", "日本"]],
  [/^(a+)+$/, ["aaaa", "aaab"]],
];

describe("linearTest", () => {
  it.each(COMMON.map(([re, inputs]) => [String(re), re, inputs] as const))(
    "agrees with RegExp#test for %s",
    (_label, re, inputs) => {
      const matches = linearTest(re);
      for (const input of inputs) expect(matches(input), input).toBe(re.test(input));
    },
  );

  it("answers a catastrophic pattern on a long hostile input in bounded time", () => {
    const matches = linearTest(/^(a+)+$/);
    const start = performance.now();
    expect(matches(`${"a".repeat(100_000)}!`)).toBe(false);
    // V8 takes seconds for 30 characters; linear time keeps 100,000 far under a second
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it("validates a field with a catastrophic pattern in bounded time, with pydantic's error", () => {
    const schema = z.object({ code: z.string().regex(/^(\w+\s?)*$/) });
    const start = performance.now();
    const errors = errorsOf(schema, { code: `${"a ".repeat(20_000)}!` }, ["body"]);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(errors.map((error) => error.type)).toEqual(["string_pattern_mismatch"]);
  });
});

describe("unsupportedPatterns", () => {
  it("finds backreferences and lookarounds anywhere in a schema tree", () => {
    const schema = z.object({
      ok: z.string().regex(/^[a-z]+$/),
      nested: z.array(z.object({ twice: z.string().regex(/^(a)\1$/) })).optional(),
      either: z.union([z.number(), z.string().regex(/^(?!admin)/)]),
    });
    expect(unsupportedPatterns(schema).map((found) => found.pattern)).toEqual([
      "^(?!admin)",
      "^(a)\\1$",
    ]);
  });

  it("follows lazy (recursive) schemas, each once", () => {
    type Node = { name: string; children: Node[]; tag?: string };
    const Tree: z.ZodType<Node> = z.object({
      name: z.string().regex(/^[a-z]+$/),
      children: z.lazy(() => z.array(Tree)),
      tag: z.lazy(() => z.string().regex(/^(a)\1$/)).optional(),
    });
    expect(unsupportedPatterns(Tree).map((found) => found.pattern)).toEqual(["^(a)\\1$"]);
  });

  it("finds nothing in schemas without patterns, or with linear ones", () => {
    expect(unsupportedPatterns(z.object({ a: z.email(), b: z.string().regex(/^x+$/) }))).toEqual(
      [],
    );
  });
});

describe("a request param with a pattern RE2 cannot run", () => {
  it("is refused at registration with E_UNSAFE_PATTERN naming the route and the param", () => {
    const app = new App();
    const register = () =>
      app.get("/users", { params: { name: Query(z.string().regex(/^(\w)\1$/)) } }, () => null);
    expect(register).toThrow(ConfigError);
    expect(register).toThrow(/\[E_UNSAFE_PATTERN\] GET \/users: params\.name has the pattern/);
  });

  it("is refused on every route whose model repeats it, not only the first", () => {
    const app = new App();
    for (const path of ["/a", "/b"]) {
      const Model = z.object({ tag: z.string().regex(/^(\w)\1$/) });
      expect(() => app.post(path, { params: { body: Model } }, () => null)).toThrow(
        /E_UNSAFE_PATTERN/,
      );
    }
  });

  it("accepts a pattern V8 runs in linear time even where RE2's syntax has no such escape", async () => {
    // JavaScript reads `\Z` as "Z"; RE2 refuses the escape, but RE2 is never needed for it
    const app = new App();
    app.get("/z", { params: { v: Query(z.string().regex(/^aZ$/)) } }, ({ v }) => ({ v }));
    const client = new TestClient(app);
    expect((await client.get("/z?v=aZ")).status).toBe(200);
    expect((await client.get("/z?v=a")).status).toBe(422);
  });

  it("is refused inside a body model too", () => {
    const app = new App();
    const Model = z.object({ tag: z.string().regex(/^(?=t)\w+$/) });
    expect(() => app.post("/tags", { params: { body: Model } }, () => null)).toThrow(
      /E_UNSAFE_PATTERN\] POST \/tags: params\.body/,
    );
  });

  it("a catastrophic but RE2-compatible pattern is served, answering a hostile value with 422 at once", async () => {
    const app = new App();
    app.get("/check", { params: { v: Query(z.string().regex(/^(a+)+$/)) } }, ({ v }) => ({ v }));
    const client = new TestClient(app);
    const start = performance.now();
    const response = await client.get(`/check?v=${"a".repeat(50_000)}b`);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(response.status).toBe(422);
    expect((await client.get("/check?v=aaa")).status).toBe(200);
  });
});
