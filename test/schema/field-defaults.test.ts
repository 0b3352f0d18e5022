import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldDefaults } from "../../src/schema/index.js";

describe("fieldDefaults", () => {
  it("lists the defaults an object schema's fields declare, through wrappers", () => {
    const schema = z.object({
      name: z.string(),
      tax: z.number().default(10.5),
      note: z.string().nullable().default(null),
      tags: z.array(z.string()).default([]).optional(),
    });
    expect(fieldDefaults(schema)).toEqual({ tax: 10.5, note: null, tags: [] });
  });

  it("looks through transforms and arrays to the object", () => {
    const item = z.object({ a: z.number().default(1) }).transform((v) => ({ ...v, b: 2 }));
    expect(fieldDefaults(z.array(item).optional())).toEqual({ a: 1 });
  });

  it("is null for a schema that is not an object", () => {
    expect(fieldDefaults(z.string().default("x"))).toBeNull();
  });
});
