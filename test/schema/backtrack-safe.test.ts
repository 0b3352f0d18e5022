import { describe, expect, it } from "vitest";
import { isBacktrackSafe } from "../../src/schema/backtrack-safe.js";
import { linearTest } from "../../src/schema/linear-pattern.js";

const SAFE: RegExp[] = [
  /^[A-Z]{3}-\d{4}$/,
  /^\+?\d{6,14}$/,
  /^[a-z0-9_-]{3,16}$/,
  /^\d{3}-\d{4}$/,
  /^[A-Z]{3}$/,
  /^v\d+\.\d+\.\d+$/,
  /^[a-z]+-\d+$/,
  /^[^@\s]+@example\.com$/,
  /^a.c$/s,
  /^\$\d+$/,
  /^[a-z]*$/,
  /^ab?c$/,
  /^[a-z]+/g,
];

const UNSAFE: [string, RegExp][] = [
  ["a quantified group", /^(a+)+$/],
  ["a group at all", /^(?:ab)$/],
  ["an alternation", /^a|b$/],
  ["no leading anchor", /[a-z]+x$/],
  ["two repetitions of the same class", /^\d*\d*$/],
  ["a repetition followed by an optional overlapping atom", /^a+b?a$/],
  ["a repetition whose class holds what follows", /^[^@]+@[^@]+\.[^@]+$/],
  ["a dot before anything", /^.+x$/],
  ["a lazy quantifier", /^a+?b$/],
  ["a backreference", /^(a)\1$/],
  ["a lookahead", /^(?=a)a+$/],
  ["a word boundary", /^\w+\b$/],
  ["case-insensitive matching", /^[a-z]+-\d+$/i],
  ["multiline anchors", /^[a-z]+$/m],
  ["unicode mode", /^\p{L}+$/u],
  ["two classes that both reach beyond ASCII", /^\S+\W$/],
];

describe("isBacktrackSafe", () => {
  it.each(SAFE.map((re) => [String(re), re] as const))("runs %s on V8", (_label, re) => {
    expect(isBacktrackSafe(re)).toBe(true);
  });

  it.each(UNSAFE)("keeps RE2 for %s", (_label, re) => {
    expect(isBacktrackSafe(re)).toBe(false);
  });

  it("answers every pattern it accepts in linear time on inputs built to backtrack", () => {
    // each accepted pattern, against long runs of the characters its repetitions take, ended
    // by a character that fails the match: quadratic backtracking would take seconds
    const hostile = ["a", "0", "-", "+", " ", "@", "x", ".", "A"].map(
      (char) => `${char.repeat(200_000)}!`,
    );
    const start = performance.now();
    for (const re of SAFE) for (const input of hostile) linearTest(re)(input);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe("linearTest on a backtrack-safe pattern", () => {
  it("agrees with RegExp#test, whatever lastIndex a global pattern holds", () => {
    const re = /^[A-Z]{3}-\d{4}$/g;
    const matches = linearTest(re);
    re.lastIndex = 5;
    for (const input of ["WID-0042", "WID-42", "wid-0042", "WIDE-0042", ""]) {
      expect(matches(input), input).toBe(/^[A-Z]{3}-\d{4}$/.test(input));
      expect(matches(input), `${input} again`).toBe(/^[A-Z]{3}-\d{4}$/.test(input));
    }
  });

  it("matches V8's \\s (Unicode spaces) in a negated class", () => {
    expect(linearTest(/^[^\s]+$/)("a\u00a0b")).toBe(false);
  });
});
