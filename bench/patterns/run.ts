// `npx tsx bench/patterns/run.ts`: what a schema pattern costs per match on RE2 (re2js, what
// validators run) against V8's RegExp, for patterns routes declare, and the time each engine
// takes on a catastrophic pattern as the input grows.
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

console.log("| pattern | input | V8 ns/match | RE2 ns/match |");
console.log("| --- | --- | --- | --- |");
for (const [name, re, input] of PATTERNS) {
  const v8 = nsPerOp((s) => re.test(s), input);
  const re2 = nsPerOp(linearTest(re), input);
  console.log(`| ${name} \`${re.source}\` | \`${input}\` | ${v8.toFixed(0)} | ${re2.toFixed(0)} |`);
}

console.log("\n| `^(a+)+$` on `a`×n + `!` | V8 ms | RE2 ms |");
console.log("| --- | --- | --- |");
const catastrophic = /^(a+)+$/;
const linear = linearTest(catastrophic);
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
