// `npx tsx bench/patterns/run.ts`: what a schema pattern costs per match on V8's RegExp and on
// RE2 (re2js), which of the two validators run for it (src/schema/backtrack-safe.ts), and the time
// each engine takes on a catastrophic pattern as the input grows.
import { RE2JS } from "re2js";
import { isBacktrackSafe } from "../../src/schema/backtrack-safe.js";
import { linearTest } from "../../src/schema/linear-pattern.js";

const PATTERNS: [string, RegExp, string][] = [
  ["slug", /^[a-z0-9]+(?:-[a-z0-9]+)*$/, "hello-tailored-world"],
  ["currency", /^[A-Z]{3}$/, "EUR"],
  ["phone", /^\+?\d{6,14}$/, "+33123456789"],
  ["email-ish", /^[^@\s]+@[^@\s]+\.[^@\s]+$/, "someone@example.com"],
];

function nsPerOp(test: (s: string) => boolean, input: string, iterations = 200_000): number {
  for (let i = 0; i < 10_000; i++) test(input); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) test(input);
  return Number(process.hrtime.bigint() - start) / iterations;
}

// what validators run: V8 for a backtrack-safe pattern (src/schema/backtrack-safe.ts), else RE2
console.log("| pattern | input | V8 ns/match | RE2 ns/match | validators run | their ns/match |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const [name, re, input] of PATTERNS) {
  const v8 = nsPerOp((s) => re.test(s), input);
  const compiled = RE2JS.compile(re.source);
  const re2 = nsPerOp((s) => compiled.test(s), input);
  const chosen = nsPerOp(linearTest(re), input);
  const engine = isBacktrackSafe(re) ? "V8" : "RE2";
  console.log(
    `| ${name} \`${re.source}\` | \`${input}\` | ${v8.toFixed(0)} | ${re2.toFixed(0)} | ${engine} | ${chosen.toFixed(0)} |`,
  );
}

console.log("\n| `^(a+)+$` on `a`×n + `!` | V8 ms | RE2 ms |");
console.log("| --- | --- | --- |");
const catastrophic = /^(a+)+$/;
const linear = linearTest(catastrophic); // not backtrack-safe: RE2
for (const n of [16, 20, 24, 10_000, 100_000, 1_000_000]) {
  const input = `${"a".repeat(n)}!`;
  // V8 doubles its time with each character: past 24 it is only estimated, not run
  let v8 = "not run (doubles per character)";
  if (n <= 24) {
    const start = performance.now();
    catastrophic.test(input);
    v8 = (performance.now() - start).toFixed(1);
  }
  const start = performance.now();
  linear(input);
  console.log(`| ${n} | ${v8} | ${(performance.now() - start).toFixed(1)} |`);
}
