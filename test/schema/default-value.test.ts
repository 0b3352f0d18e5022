import { describe, expect, it } from "vitest";
import { z } from "zod";
import { App, Body, Query, TestClient } from "../../src/index.js";
import { freshDefault } from "../../src/schema/default-value.js";
import { compileValidator } from "../../src/schema/index.js";
import { GENERATE_AFTER } from "../../src/schema/validator.js";

const RUNS = GENERATE_AFTER + 4;

describe("freshDefault", () => {
  it("copies nested plain objects and arrays, keeps other values as they are", () => {
    const when = new Date(0);
    const value = { tags: ["a"], page: { n: 1 }, when, list: [{ x: 1 }] };
    const copy = freshDefault(z.object({}).passthrough().default(value)._zod.def) as typeof value;
    expect(copy).toEqual(value);
    expect(copy.tags).not.toBe(value.tags);
    expect(copy.page).not.toBe(value.page);
    expect(copy.list[0]).not.toBe(value.list[0]);
    expect(copy.when).toBe(when);
  });

  it("keeps an own __proto__ key as data, and a cycle as a cycle", () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}}');
    const copy = freshDefault({ defaultValue: hostile }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, "__proto__")).toBe(true);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const again = freshDefault({ defaultValue: cyclic }) as Record<string, unknown>;
    expect(again.self).toBe(again);
  });
});

describe("an object default edited by a handler", () => {
  const Filters = z.object({ tags: z.array(z.string()), page: z.object({ n: z.int() }) });
  const pristine = { tags: ["a"], page: { n: 1 } };

  it("is pristine again for every validation, generated or interpreted", () => {
    const schema = z.object({
      filters: Filters.default(pristine),
      raw: z.unknown().prefault(pristine),
    });
    for (const generated of [true, false]) {
      const validate = compileValidator(schema, { input: "json", generated });
      for (let i = 0; i < RUNS; i++) {
        const r = validate({}, ["body"]);
        if (!r.ok) throw new Error("refused");
        const value = r.value as { filters: typeof pristine; raw: typeof pristine };
        expect(value).toEqual({ filters: pristine, raw: pristine });
        value.filters.tags.push("x");
        value.filters.page.n++;
        value.raw.page.n++;
      }
    }
    expect(pristine).toEqual({ tags: ["a"], page: { n: 1 } });
  });

  it("does not leak into the next request, before and after the switch to generated code", async () => {
    const app = new App();
    app.post(
      "/search",
      {
        params: {
          q: Body(z.object({ filters: Filters.default(pristine) })),
          limit: Query(z.int().default(10)),
        },
      },
      ({ q, limit }) => {
        const seen = structuredClone(q.filters);
        q.filters.tags.push("x");
        q.filters.page.n++;
        return { seen, limit };
      },
    );
    const client = new TestClient(app);
    for (let i = 0; i < RUNS; i++) {
      const r = await client.post("/search", { json: {} });
      expect(await r.json()).toEqual({ seen: pristine, limit: 10 });
    }
  });
});
