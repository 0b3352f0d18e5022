import { RE2JS } from "re2js";
import { isBacktrackSafe } from "./backtrack-safe.js";
import { isZod, type ZodLike } from "./zod-def.js";

/**
 * A schema pattern tested in time linear in the input, so a pattern such as `^(a+)+$` cannot
 * freeze the event loop the way V8's backtracking engine does on "aaaa…b": on V8 itself when
 * the pattern is one V8 provably runs in linear time (`isBacktrackSafe`: 0.1 µs a match), else
 * compiled for RE2 (re2js, 1–4 µs). What RE2 cannot express (backreferences, lookarounds)
 * keeps V8's engine: request params never get here with one, `unsupportedPatterns` refuses
 * them at registration; a response schema (checking the app's own output) may use one.
 *
 * @example linearTest(/^[a-z]+$/i)("Hello") // true
 */
export function linearTest(re: RegExp): (s: string) => boolean {
  if (safeOnV8(re, keyOf(re))) {
    // a copy without g/y: their lastIndex would make `test` stateful
    const own = new RegExp(re.source, re.dotAll ? "s" : "");
    return (s) => own.test(s);
  }
  let pattern: RE2JS;
  try {
    pattern = RE2JS.compile(re.source, flagsOf(re));
  } catch {
    return (s) => {
      re.lastIndex = 0;
      return re.test(s);
    };
  }
  // RegExp#test without the sticky flag searches anywhere in the string, as RE2's find does
  return (s) => pattern.test(s);
}

/** RegExp flags -> RE2JS flags; g, y, d only affect iteration state, never what `test` accepts */
function flagsOf(re: RegExp): number {
  let flags = 0;
  if (re.ignoreCase) flags |= RE2JS.CASE_INSENSITIVE;
  if (re.multiline) flags |= RE2JS.MULTILINE;
  if (re.dotAll) flags |= RE2JS.DOTALL;
  return flags;
}

// Verdicts on the patterns seen so far, by flags and source: a model's pattern is judged once,
// not once per route using the model (isBacktrackSafe costs ~30 µs, an RE2 compile ~350 µs).
// Schemas are declared, not made per request; the cap only bounds an app that makes them.
const CACHED = 4096;
const safeVerdicts = new Map<string, boolean>();
const re2Verdicts = new Map<string, string | null>();

function keyOf(re: RegExp): string {
  return `${re.flags}/${re.source}`;
}

function safeOnV8(re: RegExp, key: string): boolean {
  let safe = safeVerdicts.get(key);
  if (safe === undefined) {
    safe = isBacktrackSafe(re);
    if (safeVerdicts.size < CACHED) safeVerdicts.set(key, safe);
  }
  return safe;
}

/**
 * Why RE2 refuses a pattern ("invalid escape sequence: `\1`"), or null when it runs in linear
 * time: on V8 (`isBacktrackSafe`) or compiled for RE2. Compiling for RE2 was most of a route's
 * registration, so a pattern V8 runs safely is not compiled for it.
 */
export function linearPatternError(re: RegExp): string | null {
  const key = keyOf(re);
  if (safeOnV8(re, key)) return null;
  let verdict = re2Verdicts.get(key);
  if (verdict === undefined) {
    verdict = re2Error(re);
    if (re2Verdicts.size < CACHED) re2Verdicts.set(key, verdict);
  }
  return verdict;
}

function re2Error(re: RegExp): string | null {
  try {
    RE2JS.compile(re.source, flagsOf(re));
    return null;
  } catch (error) {
    return (error as Error).message.replace(/^error parsing regexp: /, "");
  }
}

/**
 * Pushes the schemas a node holds (wrapped, piped, fields, items, members, a lazy schema's
 * target) onto `stack`. The common types name their children; probing every child key of every
 * def (a missed property lookup on defs of a dozen shapes) tripled the walk's cost.
 */
function pushChildren(def: ZodLike["_zod"]["def"], stack: unknown[]): void {
  switch (def.type) {
    case "string":
    case "number":
    case "int":
    case "boolean":
    case "bigint":
    case "literal":
    case "enum":
    case "null":
    case "undefined":
    case "date":
    case "any":
    case "unknown":
      return;
    case "object": {
      if (def.catchall !== undefined) stack.push(def.catchall);
      const shape = def.shape as Record<string, unknown>;
      for (const key in shape) stack.push(shape[key]);
      return;
    }
    case "array":
      stack.push(def.element);
      return;
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
      stack.push(def.innerType);
      return;
  }
  if (def.type === "lazy") stack.push(def.getter());
  for (const key of CHILD_KEYS) if (def[key] !== undefined) stack.push(def[key]);
  const shape = def.shape as Record<string, unknown> | undefined;
  if (shape !== undefined) for (const key in shape) stack.push(shape[key]);
  if (Array.isArray(def.options)) for (const option of def.options) stack.push(option);
  if (Array.isArray(def.items)) for (const item of def.items) stack.push(item);
  if (def.left !== undefined) stack.push(def.left, def.right);
}

const CHILD_KEYS = ["innerType", "in", "out", "element", "keyType", "valueType", "catchall"];

type Found = { pattern: string; reason: string }[];

/** a regex check (or a string format schema) whose pattern cannot run in linear time */
function checkPattern(check: { _zod: { def: Record<string, any> } }, found: Found): void {
  const def = check._zod.def;
  const pattern = def.pattern;
  if (def.format !== "regex" || !(pattern instanceof RegExp)) return;
  const reason = linearPatternError(pattern);
  if (reason !== null) found.push({ pattern: pattern.source, reason });
}

/**
 * The regex patterns of a schema tree that cannot run in linear time, each with RE2's reason:
 * `z.object({ tag: z.string().regex(/(a)\1/) })` -> [{ pattern: "(a)\\1", reason: "…" }].
 */
export function unsupportedPatterns(schema: unknown): Found {
  const found: Found = [];
  const seen = new Set<unknown>();
  const stack = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isZod(node) || seen.has(node)) continue;
    seen.add(node);
    const def = node._zod.def;
    if (typeof def.check === "string") checkPattern(node, found);
    const checks = def.checks;
    if (checks !== undefined) for (const check of checks) checkPattern(check, found);
    pushChildren(def, stack);
  }
  return found;
}
