import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { App, Body, Cookie, File, Form, Query, TestClient } from "../../src/index.js";

/**
 * Property tests: whatever a client sends to each request source, the answer is a 2xx or a
 * 4xx in FastAPI's shape (never a 500, never a stack), within a bounded time, and nothing
 * reaches Object.prototype.
 */
const logged: unknown[] = [];
const Item = z.object({
  name: z.string().min(1).max(50),
  price: z.number().gt(0),
  tags: z
    .array(z.string().regex(/^[a-z]+(-[a-z]+)*$/))
    .max(10)
    .default([]),
});
const app = new App({ logger: { error: (message) => logged.push(message) } });
app.post("/items", { params: { item: Body(Item) } }, ({ item }) => item);
app.post("/echo", { params: { value: Body(z.unknown()) } }, ({ value }) => ({ value }));
app.get(
  "/search",
  {
    params: {
      q: Query(z.string().max(50).optional()),
      limit: Query(z.number().int().min(1).max(100).default(10)),
      tags: Query(z.array(z.string()).default([])),
    },
  },
  (args) => ({ ...args }),
);
app.get(
  "/model",
  { params: { filters: Query(z.object({ a: z.string().optional() }).catchall(z.string())) } },
  ({ filters }) => ({ count: Object.keys(filters).length }),
);
app.get("/cookie", { params: { session: Cookie(z.string().max(100)) } }, ({ session }) => ({
  session,
}));
app.post(
  "/login",
  { params: { username: Form(z.string()), password: Form(z.string().min(4)) } },
  ({ username }) => ({ username }),
);
app.post(
  "/upload",
  { params: { file: File(), note: Form(z.string().optional()) }, formLimits: { fileSize: 4096 } },
  async ({ file }) => ({ size: file.size, text: (await file.text()).length }),
);
const client = new TestClient(app);

const RUNS = { numRuns: 150 };
/** generous: a single request in-process takes well under a millisecond */
const BOUND_MS = 1000;

async function expectClean(response: globalThis.Response, started: number): Promise<void> {
  const elapsed = performance.now() - started;
  const text = await response.text();
  expect(response.status, text).toBeLessThan(500);
  expect(text).not.toMatch(/\n\s+at |node:internal/);
  if (response.status >= 400 && response.headers.get("content-type") === "application/json")
    expect(JSON.parse(text)).toHaveProperty("detail");
  expect(elapsed).toBeLessThan(BOUND_MS);
  expect(Object.prototype).not.toHaveProperty("polluted");
  expect(logged).toEqual([]);
}

/** JSON-ish values with the keys an attacker tries */
const hostileKey = fc.constantFrom(
  "__proto__",
  "constructor",
  "prototype",
  "polluted",
  "name",
  "price",
);
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(fc.oneof(hostileKey, fc.string()), tie("value"), { maxKeys: 5 }),
  ),
})).value;

/** a JSON text with hostile keys spelled out (JSON.stringify would drop a __proto__ key) */
const pollutingText = fc
  .tuple(fc.constantFrom('"__proto__"', '"\\u005f_proto__"', '"constructor"'), jsonValue)
  .map(
    ([key, value]) =>
      `{${key}:{"prototype":{"polluted":true},"v":${JSON.stringify(value ?? null)}}}`,
  );

describe("fuzzed request sources answer 2xx or a clean 4xx, in bounded time", () => {
  it("JSON bodies: any value, any text", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          jsonValue.map((value) => JSON.stringify(value) ?? "null"),
          fc.string(),
          pollutingText,
        ),
        fc.constantFrom("/items", "/echo"),
        async (body, path) => {
          const started = performance.now();
          const response = await client.post(path, {
            headers: { "content-type": "application/json" },
            body,
          });
          await expectClean(response, started);
        },
      ),
      RUNS,
    );
  });

  it("query strings: any bytes, escapes, repeated and hostile keys", async () => {
    const part = fc.oneof(
      fc.string(),
      hostileKey,
      fc.constantFrom("%", "%zz", "%ff", "%00", "+", "=", "&", "#", "[]", "limit", "tags", "q"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(part, part), { maxLength: 20 }),
        fc.constantFrom("/search", "/model"),
        async (pairs, path) => {
          const query = pairs.map(([k, v]) => `${encodeURI(k)}=${encodeURI(v)}`).join("&");
          const started = performance.now();
          await expectClean(await client.get(`${path}?${query}`), started);
        },
      ),
      RUNS,
    );
  });

  it("cookies: any header text", async () => {
    const cookieText = fc.stringMatching(/^[\x20-\x7e]{0,200}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          cookieText,
          fc.constantFrom('session="a\\054b"', "__proto__=x; session=a", 'session="'),
        ),
        async (cookie) => {
          const started = performance.now();
          await expectClean(await client.get("/cookie", { headers: { cookie } }), started);
        },
      ),
      RUNS,
    );
  });

  it("urlencoded forms: any text", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.constantFrom("username=a&password=%", "__proto__=x&username=u&password=abcd"),
        ),
        async (body) => {
          const started = performance.now();
          const response = await client.post("/login", {
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body,
          });
          await expectClean(response, started);
        },
      ),
      RUNS,
    );
  });

  it("multipart bodies: parts with hostile names, headers and contents", async () => {
    const token = fc.oneof(
      fc.string({ maxLength: 20 }),
      hostileKey,
      fc.constantFrom("file", "note", ""),
    );
    const partText = fc
      .tuple(token, fc.option(token), fc.string({ maxLength: 200 }), fc.boolean())
      .map(([name, filename, content, broken]) => {
        const disposition = `form-data; name="${name}"${filename === null ? "" : `; filename="${filename}"`}`;
        return broken
          ? `--XYZ\r\nContent-Disposition ${disposition}\r\n${content}`
          : `--XYZ\r\nContent-Disposition: ${disposition}\r\n\r\n${content}\r\n`;
      });
    await fc.assert(
      fc.asyncProperty(
        fc.array(partText, { maxLength: 6 }),
        fc.boolean(),
        async (parts, closed) => {
          const body = parts.join("") + (closed ? "--XYZ--\r\n" : "");
          const started = performance.now();
          const response = await client.post("/upload", {
            headers: { "content-type": "multipart/form-data; boundary=XYZ" },
            body,
          });
          await expectClean(response, started);
        },
      ),
      RUNS,
    );
  });
});
