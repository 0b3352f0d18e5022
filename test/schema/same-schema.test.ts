import { describe, expect, it } from "vitest";
import { z } from "zod";
import { sameSchema } from "../../src/schema/same-schema.js";

describe("sameSchema", () => {
  it("is true for Zod schemas built alike", () => {
    expect(sameSchema(z.number().int().min(1), z.number().int().min(1))).toBe(true);
    expect(sameSchema(z.string().regex(/^a+$/), z.string().regex(/^a+$/))).toBe(true);
    expect(
      sameSchema(z.array(z.enum(["a", "b"])).optional(), z.array(z.enum(["a", "b"])).optional()),
    ).toBe(true);
  });

  it("is false when a constraint, a type or a refinement differs", () => {
    expect(sameSchema(z.number().min(1), z.number().min(2))).toBe(false);
    expect(sameSchema(z.number(), z.string())).toBe(false);
    expect(sameSchema(z.string(), z.string().optional())).toBe(false);
    const long = (s: string) => s.length > 3;
    expect(
      sameSchema(
        z.string().refine(long),
        z.string().refine((s) => s.length > 3),
      ),
    ).toBe(false);
  });
});
