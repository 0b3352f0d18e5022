import { codePointLength } from "./coerce.js";
import { linearTest } from "./linear-pattern.js";
import { MSG } from "./messages.js";
import { type Compiled, INVALID, type Run } from "./run.js";
import { checksOf, type ZodCheckLike, type ZodLike } from "./zod-def.js";

type Test = (s: string, input: unknown, run: Run) => boolean;

/** pydantic's wording for the string formats that have a close pydantic type. */
export const FORMAT_ERRORS: Record<
  string,
  (s: string) => [string, string, Record<string, unknown>]
> = {
  uuid: (s) => {
    const error = uuidError(s);
    return ["uuid_parsing", `Input should be a valid UUID, ${error}`, { error }];
  },
  guid: (s) => FORMAT_ERRORS.uuid!(s),
  url: (s) => {
    const error = s.includes(":") ? "invalid URL format" : "relative URL without a base";
    return ["url_parsing", `Input should be a valid URL, ${error}`, { error }];
  },
  email: (s) => {
    const reason = s.includes("@")
      ? "The email address is not valid."
      : "An email address must have an @-sign.";
    return ["value_error", `value is not a valid email address: ${reason}`, { reason }];
  },
  datetime: (s) => {
    const error = s.length < 10 ? "input is too short" : "invalid datetime format";
    return ["datetime_parsing", `Input should be a valid datetime, ${error}`, { error }];
  },
  date: (s) => {
    const error = s.length < 10 ? "input is too short" : "invalid date format";
    return [
      "date_parsing",
      `Input should be a valid date in the format YYYY-MM-DD, ${error}`,
      { error },
    ];
  },
  time: (s) => {
    const error = s.length < 5 ? "input is too short" : "invalid time format";
    return ["time_parsing", `Input should be in a valid time format, ${error}`, { error }];
  },
};

// the uuid crate's messages, which pydantic passes through, for the common mistakes
function uuidError(s: string): string {
  const bad = /[^0-9a-fA-F-]/.exec(s);
  if (bad) {
    return `invalid character: expected an optional prefix of \`urn:uuid:\` followed by [0-9a-fA-F-], found \`${bad[0]}\` at ${bad.index + 1}`;
  }
  if (s.includes("-")) {
    const groups = s.split("-").length;
    if (groups !== 5) return `invalid group count: expected 5, found ${groups}`;
  } else if (s.length !== 32) {
    return `invalid length: expected length 32 for simple format, found ${s.length}`;
  }
  return "invalid format";
}

function formatTest(check: ZodCheckLike, format: string): Test | null {
  const describe = FORMAT_ERRORS[format];
  const run = check._zod.check;
  if (describe === undefined || run === undefined) return null;
  // one payload per compiled check, reused: validation is synchronous
  const payload = { value: "" as unknown, issues: [] as unknown[] };
  return (s, input, r) => {
    payload.value = s;
    payload.issues.length = 0;
    run(payload);
    if (payload.issues.length === 0) return true;
    payload.issues.length = 0;
    const [type, msg, ctx] = describe(s);
    r.fail(type, msg, input, ctx);
    return false;
  };
}

/** `z.string()` with length, pattern and format checks, in pydantic's order. */
export function compileString(schema: ZodLike): { node: Compiled; unknown: ZodCheckLike[] } {
  const unknown: ZodCheckLike[] = [];
  const mins: Test[] = [];
  const maxs: Test[] = [];
  const patterns: Test[] = [];
  const formats: Test[] = [];
  // .trim(), .toLowerCase()…: applied before the constraints, as pydantic's str_strip_whitespace
  const overwrites: ((s: string) => string)[] = [];
  const addMin = (n: number) =>
    mins.push((s, input, run) => {
      if (s.length >= n && codePointLength(s) >= n) return true;
      run.fail(
        "string_too_short",
        `String should have at least ${n} character${n === 1 ? "" : "s"}`,
        input,
        {
          min_length: n,
        },
      );
      return false;
    });
  const addMax = (n: number) =>
    maxs.push((s, input, run) => {
      if (s.length <= n || codePointLength(s) <= n) return true;
      run.fail(
        "string_too_long",
        `String should have at most ${n} character${n === 1 ? "" : "s"}`,
        input,
        {
          max_length: n,
        },
      );
      return false;
    });
  for (const check of checksOf(schema)) {
    const d = check._zod.def;
    if (d.check === "min_length") addMin(d.minimum);
    else if (d.check === "max_length") addMax(d.maximum);
    else if (d.check === "overwrite") overwrites.push(d.tx);
    else if (d.check === "length_equals") {
      addMin(d.length);
      addMax(d.length);
    } else if (d.check === "string_format" && d.format === "regex") {
      const re = d.pattern as RegExp;
      const source = re.source;
      // RE2: linear time whatever the pattern and input (V8 backtracks: `^(a+)+$` on 30
      // characters takes seconds); ~1.3 µs a test against V8's ~0.1 µs (bench/PATTERNS.md)
      const matches = linearTest(re);
      patterns.push((s, input, run) => {
        if (matches(s)) return true;
        run.fail("string_pattern_mismatch", `String should match pattern '${source}'`, input, {
          pattern: source,
        });
        return false;
      });
    } else if (d.check === "string_format") {
      const test = formatTest(check, d.format);
      if (test === null) unknown.push(check);
      else formats.push(test);
    } else {
      unknown.push(check);
    }
  }
  const tests = [...mins, ...maxs, ...patterns, ...formats];
  const fn =
    tests.length === 0 && overwrites.length === 0
      ? toStr
      : (value: unknown, run: Run): unknown => {
          if (typeof value !== "string") return run.fail("string_type", MSG.string_type, value);
          let s = value;
          for (const tx of overwrites) s = tx(s);
          // pydantic reports the first failed constraint only
          for (const test of tests) if (!test(s, value, run)) return INVALID;
          return s;
        };
  return { node: { fn, acceptsUndefined: false }, unknown };
}

function toStr(value: unknown, run: Run): unknown {
  return typeof value === "string" ? value : run.fail("string_type", MSG.string_type, value);
}
