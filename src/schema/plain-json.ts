import { isZod, type ZodLike } from "./zod-def.js";

const PRIMITIVES = new Set(["string", "number", "boolean", "null"]);
const SAME_VALUE_WRAPPERS = new Set(["optional", "nullable", "nonoptional", "readonly"]);

function isJsonPrimitive(value: unknown): boolean {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

/** a check that may replace the value (`.overwrite()`), on anything but a string */
function mayReplaceValue(schema: ZodLike): boolean {
  if (schema._zod.def.type === "string") return false;
  return (schema._zod.def.checks ?? []).some((check) => check._zod.def.check === "overwrite");
}

/**
 * Whether everything this schema's validator outputs is plain JSON data (plain objects and
 * arrays of strings, finite numbers, booleans and null), which `JSON.stringify` writes exactly
 * as the encoder would: no bigint, Date, Map, Set, bytes or class instance can come out of it.
 * Objects whose unknown keys are kept, transforms, `any`, defaults of objects and anything
 * else unsure answer false.
 *
 * @example isPlainJsonOutput(z.object({ name: z.string(), tags: z.array(z.string()) })) // true
 */
export function isPlainJsonOutput(schema: unknown, seen = new Set<unknown>()): boolean {
  if (!isZod(schema) || mayReplaceValue(schema)) return false;
  if (seen.has(schema)) return true; // a recursive reference: decided where it started
  seen.add(schema);
  const def = schema._zod.def;
  const plain = (child: unknown) => isPlainJsonOutput(child, seen);
  if (PRIMITIVES.has(def.type)) return true;
  if (SAME_VALUE_WRAPPERS.has(def.type)) return plain(def.innerType);
  switch (def.type) {
    case "literal":
      return (def.values as unknown[]).every(isJsonPrimitive);
    case "enum":
      return Object.values(def.entries as object).every(isJsonPrimitive);
    case "default":
      return isJsonPrimitive(def.defaultValue) && plain(def.innerType);
    case "array":
      return plain(def.element);
    case "union":
      return (def.options as unknown[]).every(plain);
    case "object": {
      const catchall = def.catchall as ZodLike | undefined;
      // strip (no catchall) and strict (never) drop or refuse unknown keys; a catchall
      // schema validates them; `looseObject` keeps them as they came
      if (catchall !== undefined && catchall._zod.def.type !== "never" && !plain(catchall))
        return false;
      return Object.values(def.shape as object).every(plain);
    }
    default:
      return false;
  }
}
