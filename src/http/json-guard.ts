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

/**
 * true when a parsed JSON value nests arrays and objects more than `limit` deep:
 * `[[[1]]]` is 3 deep. Walks the value iteratively (a quarter of the time a scan of the text
 * takes: 3 ms against 13 ms on a 955 KB body), stopping at the first level past the limit.
 */
export function valueNestsDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  const stack: object[] = [value];
  const depths: number[] = [1];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (typeof item === "object" && item !== null) {
          stack.push(item);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    for (const key in node) {
      const item = (node as Record<string, unknown>)[key];
      if (typeof item === "object" && item !== null) {
        stack.push(item);
        depths.push(depth + 1);
      }
    }
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
