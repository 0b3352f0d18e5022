import type { StandardSchemaV1 } from "./standard.js";

/** The parts of Zod 4's internal `_zod` object this module reads. */
export interface ZodCheckLike {
  _zod: {
    def: { check?: string; [key: string]: any };
    check?: (payload: { value: unknown; issues: unknown[] }) => unknown;
  };
}

export interface ZodLike extends StandardSchemaV1 {
  _zod: {
    def: { type: string; checks?: ZodCheckLike[]; [key: string]: any };
    values?: Set<unknown>;
    optin?: "optional" | "defaulted" | undefined;
    traits: Set<string>;
    check?: (payload: { value: unknown; issues: unknown[] }) => unknown;
  };
}

export function isZod(schema: unknown): schema is ZodLike {
  const z = (schema as { _zod?: { def?: { type?: unknown } } } | null)?._zod;
  return typeof z?.def?.type === "string";
}

/** A schema's checks; a top-level format schema (`z.email()`, `z.int()`) is itself a check. */
export function checksOf(schema: ZodLike): ZodCheckLike[] {
  const def = schema._zod.def;
  const own = def.checks ?? [];
  return typeof def.check === "string" ? [schema as ZodCheckLike, ...own] : own;
}

/** Wrapper types whose value is their `innerType`'s (`.optional()`, `.default()`, …). */
export const WRAPPER_TYPES: ReadonlySet<string> = new Set([
  "optional",
  "nullable",
  "default",
  "prefault",
  "catch",
  "readonly",
  "nonoptional",
]);

/**
 * The schema one wrapper or pipe encloses (a pipe's input side), or undefined for anything
 * else: `z.string().optional()` -> `z.string()`.
 */
export function innerSchema(schema: ZodLike): unknown {
  const def = schema._zod.def;
  if (WRAPPER_TYPES.has(def.type)) return def.innerType;
  if (def.type === "pipe") return def.in;
  return undefined;
}
