import { HTTPException } from "../errors/http-exception.js";

/** What a JSON body may contain beyond being valid JSON. */
export interface JsonLimits {
  /** most arrays and objects open at once (default 64); deeper → 400 */
  maxDepth?: number;
  /**
   * default false: a `__proto__` key, or a `constructor` key holding a `prototype` key, is
   * refused with 400 (as Fastify does): code that merges the body into an object would
   * otherwise rewrite `Object.prototype`
   */
  allowPrototypeKeys?: boolean;
}

export type ResolvedJsonLimits = Required<JsonLimits>;

export const DEFAULT_JSON_LIMITS: ResolvedJsonLimits = { maxDepth: 64, allowPrototypeKeys: false };

/** The app's JSON limits over the defaults. */
export function resolveJsonLimits(limits: JsonLimits | undefined): ResolvedJsonLimits {
  return limits === undefined ? DEFAULT_JSON_LIMITS : { ...DEFAULT_JSON_LIMITS, ...limits };
}

/** true when the JSON text opens more than `limit` arrays or objects at once (strings skipped) */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 /* " */) {
      // skip the string, escapes included
      for (i++; i < text.length; i++) {
        const inner = text.charCodeAt(i);
        if (inner === 0x5c /* \ */) i++;
        else if (inner === 0x22) break;
      }
    } else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) depth--;
  }
  return false;
}

/**
 * Whether a parsed JSON value holds a key that reaches a prototype: `__proto__` anywhere, or
 * `constructor` whose value has a `prototype` key (escaped spellings are decoded by then).
 * Walks iteratively: the depth is already bounded, but no recursion is needed either.
 */
export function hasPrototypeKey(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    if (Object.hasOwn(node, "__proto__")) return true;
    const ctor = (node as { constructor?: unknown }).constructor;
    if (
      Object.hasOwn(node, "constructor") &&
      typeof ctor === "object" &&
      ctor !== null &&
      Object.hasOwn(ctor, "prototype")
    )
      return true;
    for (const key in node) stack.push((node as Record<string, unknown>)[key]);
  }
  return false;
}

/**
 * Could the text hold a prototype key? Only then is the parsed value walked: nearly every
 * body contains neither name nor a `\u` escape (which could spell one).
 */
export function mayHavePrototypeKey(text: string): boolean {
  return text.includes("__proto__") || text.includes("constructor") || text.includes("\\u");
}

export const FORBIDDEN_KEY_DETAIL = "Body contains a forbidden prototype key";

/** the 400 for a JSON body with a `__proto__` or `constructor.prototype` key */
export function prototypeKeyError(): HTTPException {
  return new HTTPException(400, FORBIDDEN_KEY_DETAIL);
}
