import { isZod } from "./zod-def.js";

/**
 * Whether two schemas validate the same way: the same object, or two Zod schemas built alike
 * (`z.number().int()` twice). Compares their definitions; functions (refinements, transforms)
 * only match themselves, so two separately written `.refine(fn)` are different schemas.
 *
 * @example sameSchema(z.number().int(), z.number().int()); // true
 */
export function sameSchema(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isZod(a) || !isZod(b)) return false;
  return sameValue(a._zod.def, b._zod.def, 0);
}

function defOf(value: object): object | undefined {
  const def = (value as { _zod?: { def?: unknown } })._zod?.def;
  return typeof def === "object" && def !== null ? def : undefined;
}

function sameValue(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (depth > 64 || typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return false;
  }
  // schemas and checks alike carry their definition in `_zod.def`
  const defA = defOf(a);
  const defB = defOf(b);
  if (defA !== undefined || defB !== undefined) return sameValue(defA, defB, depth + 1);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof RegExp) return String(a) === String(b);
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    const left = (a as Record<string, unknown>)[key];
    const right = (b as Record<string, unknown>)[key];
    // a def's lazy getters (`shape`, `innerType` of z.lazy) are read like fields
    if (!sameValue(left, right, depth + 1)) return false;
  }
  return true;
}
