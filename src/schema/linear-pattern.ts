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
  if (isBacktrackSafe(re)) {
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

/** Why RE2 refuses a pattern ("invalid escape sequence: `\1`"), or null when it compiles. */
export function linearPatternError(re: RegExp): string | null {
  try {
    RE2JS.compile(re.source, flagsOf(re));
    return null;
  } catch (error) {
    return (error as Error).message.replace(/^error parsing regexp: /, "");
  }
}

/** the schemas a node holds: wrapped, piped, fields, items, members, a lazy schema's target */
function childrenOf(def: ZodLike["_zod"]["def"]): unknown[] {
  const children: unknown[] = [];
  if (def.type === "lazy") children.push(def.getter());
  for (const key of ["innerType", "in", "out", "element", "keyType", "valueType", "catchall"])
    if (def[key] !== undefined) children.push(def[key]);
  if (def.shape !== undefined) children.push(...Object.values(def.shape as object));
  for (const key of ["options", "items"]) if (Array.isArray(def[key])) children.push(...def[key]);
  if (def.left !== undefined) children.push(def.left, def.right);
  return children;
}

/**
 * The regex patterns of a schema tree that cannot run in linear time, each with RE2's reason:
 * `z.object({ tag: z.string().regex(/(a)\1/) })` -> [{ pattern: "(a)\\1", reason: "…" }].
 */
export function unsupportedPatterns(schema: unknown): { pattern: string; reason: string }[] {
  const found: { pattern: string; reason: string }[] = [];
  const seen = new Set<unknown>();
  const stack = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isZod(node) || seen.has(node)) continue;
    seen.add(node);
    const def = node._zod.def;
    const checks = def.checks ?? [];
    for (const check of typeof def.check === "string" ? [node, ...checks] : checks) {
      const pattern = check._zod.def.pattern;
      if (check._zod.def.format !== "regex" || !(pattern instanceof RegExp)) continue;
      const reason = linearPatternError(pattern);
      if (reason !== null) found.push({ pattern: pattern.source, reason });
    }
    stack.push(...childrenOf(def));
  }
  return found;
}
