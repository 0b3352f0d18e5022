import type { StandardSchemaV1 } from "./standard.js";
import { isZod } from "./zod-def.js";

const MODEL_WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly"]);

/** The fields of an object schema (through optional/default wrappers and pipes), else null. */
export function modelShape(
  schema: StandardSchemaV1 | undefined,
): Record<string, StandardSchemaV1> | null {
  let s: unknown = schema;
  for (let depth = 0; depth < 32 && isZod(s); depth++) {
    const def = s._zod.def;
    if (MODEL_WRAPPERS.has(def.type)) s = def.innerType;
    else if (def.type === "pipe") s = def.in;
    else if (def.type === "object") return def.shape as Record<string, StandardSchemaV1>;
    else return null;
  }
  return null;
}
