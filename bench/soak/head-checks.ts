// `npx tsx bench/soak/head-checks.ts`: what the per-request head checks cost (repeated critical
// headers, content coding) on a typical node request head of 8 header lines.
import { RequestContext } from "../../src/http/context.js";
import { compileRequestChecks } from "../../src/http/request-checks.js";
import { nodeAdapter } from "../../src/server/node-adapter.js";

const rawHeaders = [
  "Host",
  "api.example.com",
  "User-Agent",
  "curl/8.5.0",
  "Accept",
  "*/*",
  "Content-Type",
  "application/json",
  "Content-Length",
  "22",
  "Authorization",
  "Bearer abc",
  "Accept-Encoding",
  "gzip",
  "Connection",
  "keep-alive",
];
const headers: Record<string, string> = {};
for (let i = 0; i < rawHeaders.length; i += 2)
  headers[rawHeaders[i]!.toLowerCase()] = rawHeaders[i + 1]!;
const native = { req: { rawHeaders, headers } };
const ctx = new RequestContext(nodeAdapter, native, "POST", "/items?q=1", headers);
const check = compileRequestChecks();

const N = 1_000_000;
for (let i = 0; i < 100_000; i++) check(ctx);
let start = process.hrtime.bigint();
for (let i = 0; i < N; i++) if (check(ctx) !== undefined) throw new Error("refused");
console.log(
  `head checks: ${(Number(process.hrtime.bigint() - start) / N).toFixed(0)} ns a request`,
);
start = process.hrtime.bigint();
for (let i = 0; i < N; i++)
  new RequestContext(nodeAdapter, native, "GET", "/items/3?q=abc", headers);
console.log(
  `RequestContext with the fragment cut: ${(Number(process.hrtime.bigint() - start) / N).toFixed(0)} ns`,
);
