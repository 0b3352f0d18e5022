import { describe, expect, it } from "vitest";
import { z } from "zod";
import { capValidationErrors } from "../../src/errors/error-limits.js";
import { App, Body, Query, TestClient } from "../../src/index.js";

const LIMITS = { maxErrors: 3, maxInputLength: 20 };
const error = (input: unknown) => ({ type: "t", loc: ["body"], msg: "m", input });

describe("capValidationErrors", () => {
  it("returns the same array when every error fits", () => {
    const errors = [error("short"), error([1, 2]), error({ a: 1 })];
    expect(capValidationErrors(errors, LIMITS)).toBe(errors);
  });

  it("keeps the first maxErrors errors, in order", () => {
    const errors = [1, 2, 3, 4, 5].map((i) => error(i));
    expect(capValidationErrors(errors, LIMITS).map((e) => e.input)).toEqual([1, 2, 3]);
  });

  it("cuts a long string input to maxInputLength characters", () => {
    const [capped] = capValidationErrors([error("x".repeat(1000))], LIMITS);
    expect(capped).toEqual({ type: "t", loc: ["body"], msg: "m", input: "x".repeat(20) });
  });

  it("keeps the leading items of a long list, and its shape", () => {
    const [capped] = capValidationErrors(
      [error(Array.from({ length: 100_000 }, (_, i) => i))],
      LIMITS,
    );
    const input = capped!.input as number[];
    expect(Array.isArray(input)).toBe(true);
    expect(input.slice(0, 3)).toEqual([0, 1, 2]);
    expect(JSON.stringify(input).length).toBeLessThanOrEqual(22);
  });

  it("keeps the leading keys of a large object, cutting the one that does not fit", () => {
    const [capped] = capValidationErrors([error({ a: 1, b: "y".repeat(500), c: 3 })], LIMITS);
    const input = capped!.input as Record<string, unknown>;
    expect(input.a).toBe(1);
    expect(typeof input.b).toBe("string");
    expect((input.b as string).length).toBeLessThan(20);
    expect(input).not.toHaveProperty("c");
  });
});

describe("a 422 for a hostile request", () => {
  const app = new App();
  app.post(
    "/items",
    { params: { item: Body(z.object({ name: z.string().max(10), tags: z.array(z.number()) })) } },
    () => ({}),
  );
  app.get("/ids", { params: { ids: Query(z.array(z.number())) } }, () => ({}));
  const small = new App({ validationErrors: { maxErrors: 2, maxInputLength: 5 } });
  small.get("/ids", { params: { ids: Query(z.array(z.number())) } }, () => ({}));

  it("echoes at most 1,000 characters of a 900 KB string, in FastAPI's shape", async () => {
    const response = await new TestClient(app).post("/items", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "n".repeat(900_000), tags: [] }),
    });
    expect(response.status).toBe(422);
    const text = await response.text();
    expect(text.length).toBeLessThan(2000);
    const [first] = JSON.parse(text).detail;
    expect(first).toMatchObject({ type: "string_too_long", loc: ["body", "name"] });
    expect(first.input).toBe("n".repeat(1000));
  });

  it("lists at most 100 errors for a 100,000-item list of bad values", async () => {
    const tags = Array.from({ length: 100_000 }, () => "x");
    const response = await new TestClient(app).post("/items", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "ok", tags }),
    });
    const { detail } = await response.json();
    expect(detail).toHaveLength(100);
    expect(detail[99].loc).toEqual(["body", "tags", 99]);
    expect((await new TestClient(app).get("/ids?ids=a")).status).toBe(422);
  });

  it("follows the app's validationErrors limits", async () => {
    const response = await new TestClient(small).get("/ids?ids=aaaaaaaa&ids=b&ids=c");
    const { detail } = await response.json();
    expect(detail).toHaveLength(2);
    expect(detail[0].input).toBe("aaaaa");
  });
});
