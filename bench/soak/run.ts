// `npm run soak`: 60 s of mixed traffic, hostile requests included, against one server process
// on loopback. Reports errors (transport errors, timeouts, 5xx, logged server errors), the
// p99 latency and the server's RSS growth after warm-up. SOAK_SECONDS shortens it.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";

/** the parts of autocannon's programmatic API used here (it ships no types) */
interface LoadRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
interface LoadResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  "5xx": number;
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; max: number };
}
const autocannon = createRequire(import.meta.url)("autocannon") as (options: {
  url: string;
  connections: number;
  duration: number;
  requests: LoadRequest[];
  timeout: number;
}) => Promise<LoadResult>;

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const WARMUP_SECONDS = Math.min(5, Math.floor(SECONDS / 6));
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 32);

const JSON_HEADERS = { "content-type": "application/json" };
const FORM_HEADERS = { "content-type": "application/x-www-form-urlencoded" };
const MULTIPART = "multipart/form-data; boundary=XYZ";

/** one round of the mix: well-formed requests and the attacks the security defaults refuse */
const REQUESTS: LoadRequest[] = [
  { method: "GET", path: "/hello" },
  { method: "GET", path: "/items/3?q=abc&limit=5" },
  { method: "POST", path: "/items", headers: JSON_HEADERS, body: '{"name":"a","price":1}' },
  { method: "POST", path: "/items", headers: JSON_HEADERS, body: '{"name":"","price":-1}' },
  {
    method: "POST",
    path: "/items",
    headers: JSON_HEADERS,
    body: '{"__proto__":{"polluted":1},"name":"a","price":1}',
  },
  {
    method: "POST",
    path: "/echo",
    headers: JSON_HEADERS,
    body: `${"[".repeat(100)}${"]".repeat(100)}`,
  },
  { method: "GET", path: `/pattern?v=${"a".repeat(2000)}!` },
  { method: "GET", path: "/static/.env" },
  { method: "GET", path: "/static/hello.txt" },
  { method: "GET", path: "/hello/", headers: { host: "evil.example" } },
  { method: "POST", path: "/login", headers: FORM_HEADERS, body: "username=u&password=abcd" },
  {
    method: "POST",
    path: "/upload",
    headers: { "content-type": MULTIPART },
    body: `--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n${"x".repeat(512)}\r\n--XYZ--\r\n`,
  },
  {
    method: "POST",
    path: "/upload",
    headers: { "content-type": MULTIPART },
    body: `--XYZ\r\nContent-Disposition: form-data; name="file"; filename="${"f".repeat(2000)}"\r\n\r\nx\r\n--XYZ--\r\n`,
  },
  { method: "GET", path: "/search?tags=a#&tags=b" },
];

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const child = spawn(process.execPath, ["--import", "tsx", "bench/soak/server.ts"], {
  stdio: ["pipe", "pipe", "inherit"],
});
const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
const { port } = JSON.parse((await lines.next()).value as string) as { port: number };

const run = (duration: number) =>
  autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration,
    requests: REQUESTS,
    timeout: 10,
  });

await run(WARMUP_SECONDS);
const rssStart = rssOf(child.pid!);
/** one sample a second: the growth of the second half tells a plateau from a leak */
const samples: number[] = [];
const sampler = setInterval(() => samples.push(rssOf(child.pid!)), 1000);
const result = await run(SECONDS - WARMUP_SECONDS);
clearInterval(sampler);
await new Promise((resolve) => setTimeout(resolve, 1000));
const rssEnd = rssOf(child.pid!);
const rssPeak = Math.max(rssStart, ...samples);
const rssHalf = samples[Math.floor(samples.length / 2)] ?? rssStart;
child.stdin!.write("report\n");
const { logged } = JSON.parse((await lines.next()).value as string) as { logged: number };

const errors = result.errors + result.timeouts + result["5xx"] + logged;
console.log(
  [
    `soak: ${SECONDS} s (${WARMUP_SECONDS} s warm-up not counted), ${CONNECTIONS} connections, ${REQUESTS.length} request kinds`,
    `requests: ${result.requests.total} (${Math.round(result.requests.average)}/s), 2xx ${result["2xx"]}, 3xx+4xx ${result.non2xx - result["5xx"]}`,
    `errors: ${errors} (transport ${result.errors}, timeouts ${result.timeouts}, 5xx ${result["5xx"]}, logged ${logged})`,
    `latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
    `server RSS: ${mib(rssStart)} after warm-up, ${mib(rssHalf)} halfway, ${mib(rssEnd)} at the end (growth ${mib(rssEnd - rssStart)}, second half ${mib(rssEnd - rssHalf)}, peak ${mib(rssPeak)})`,
  ].join("\n"),
);
process.exitCode = errors === 0 ? 0 : 1;
