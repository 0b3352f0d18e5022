// What the serving features cost per request: the same hello route served with the access log
// off, on (JSON lines to stdout, which this script sends to /dev/null) and on with proxy headers
// believed. One contender at a time, interleaved rounds, autocannon in this process. Throughput
// swings with the machine's load; CPU time per request (server and load generator together, the
// latter the same for every variant) is the steadier figure.
//   npx tsx bench/serve/access-log.ts [--duration 5] [--rounds 2] > /dev/null
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { App, type ServeOptions, serve } from "../../src/index.js";

const { values } = parseArgs({
  options: { duration: { type: "string", default: "5" }, rounds: { type: "string", default: "2" } },
});

const app = new App();
app.get("/", {}, () => ({ hello: "world" }));

const VARIANTS: Record<string, ServeOptions> = {
  "access log off, no proxy headers": { accessLog: false, proxyHeaders: false },
  "access log on (request id, JSON line)": { proxyHeaders: false },
  "access log on + proxy headers trusted": { forwardedAllowIps: "127.0.0.1" },
};

const results: Record<string, number[]> = {};
const cpu: Record<string, number[]> = {};
for (let round = 0; round < Number(values.rounds); round++) {
  for (const [name, options] of Object.entries(VARIANTS)) {
    const server = await serve(app, { port: 0, ...options });
    const before = process.cpuUsage();
    const result = await autocannon({
      url: `${server.url}/`,
      connections: 50,
      duration: Number(values.duration),
      headers: { "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https" },
    });
    const used = process.cpuUsage(before);
    await server.close();
    (results[name] ??= []).push(result.requests.average);
    (cpu[name] ??= []).push((used.user + used.system) / result.requests.total);
  }
}
for (const [name, rates] of Object.entries(results)) {
  const best = Math.max(...rates);
  const perRequest = Math.min(...cpu[name]!);
  process.stderr.write(
    `${name.padEnd(40)} ${Math.round(best)} req/s best (rounds: ${rates.map(Math.round).join(", ")}), ${perRequest.toFixed(1)} µs CPU/request\n`,
  );
}
