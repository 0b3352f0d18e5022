/**
 * pydantic's lax string -> number/boolean conversions. Each returns the converted value or
 * a failure marker; the caller reports the error, because only it knows the loc.
 */

// "5", " +5 ", "-12", "5.0", "5." (a zero fraction is dropped) -> integer; "5.5", "1e3", "" fail
const INT_RE = /^[+-]?\d+(?:\.0*)?$/;
const DIGITS_RE = /^[+-]?\d+$/;
// Python's int() refuses longer strings (CVE-2020-10735); pydantic reports int_parsing_size
const MAX_INT_DIGITS = 4300;
// Rust's f64 grammar as pydantic uses it: "1.5", ".5", "5.", "1e3", "+1E-3"
const FLOAT_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE_RE = /^[+-]?(?:inf|infinity|nan)$/i;

export const PARSE_FAILED: unique symbol = Symbol("parse-failed");
export const NOT_FINITE: unique symbol = Symbol("not-finite");
export const TOO_LONG: unique symbol = Symbol("too-long");

/** "1_000" -> "1000": pydantic drops underscores, unless one leads, trails or doubles. */
function stripUnderscores(s: string): string | null {
  if (!s.includes("_") || s.startsWith("_") || s.endsWith("_") || s.includes("__")) return null;
  return s.replaceAll("_", "");
}

export function parseIntString(raw: string): number | typeof PARSE_FAILED | typeof TOO_LONG {
  // plain digits (the common case, "42"): summed directly, no trim, regex or parseInt;
  // 15 digits stay below 2^53
  const length = raw.length;
  if (length > 0 && length < 16) {
    let value = 0;
    let i = 0;
    for (; i < length; i++) {
      const digit = raw.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
    }
    if (i === length) return value;
  }
  const s = raw.trim();
  if (s.length > MAX_INT_DIGITS) return TOO_LONG;
  if (INT_RE.test(s)) return Number.parseInt(s, 10);
  // a zero fraction and underscores never combine ("1_000.0" fails in pydantic too)
  const stripped = s.includes(".") ? null : stripUnderscores(s);
  return stripped !== null && DIGITS_RE.test(stripped)
    ? Number.parseInt(stripped, 10)
    : PARSE_FAILED;
}

export function parseFloatString(raw: string): number | typeof PARSE_FAILED | typeof NOT_FINITE {
  const trimmed = raw.trim();
  const s = FLOAT_RE.test(trimmed) ? trimmed : (stripUnderscores(trimmed) ?? trimmed);
  if (FLOAT_RE.test(s)) {
    const n = Number(s);
    return Number.isFinite(n) ? n : NOT_FINITE;
  }
  return NON_FINITE_RE.test(s) ? NOT_FINITE : PARSE_FAILED;
}

const TRUE_WORDS = new Set(["1", "on", "t", "true", "y", "yes"]);
const FALSE_WORDS = new Set(["0", "off", "f", "false", "n", "no"]);

export function parseBoolString(raw: string): boolean | typeof PARSE_FAILED {
  const s = raw.toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  return PARSE_FAILED;
}

/** Unicode code points, as Python's len() counts them (JS .length counts UTF-16 units). */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const prev = s.charCodeAt(i - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) n--;
    }
  }
  return n;
}
