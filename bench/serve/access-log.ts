// What the serving features cost per request: the same hello route served with the access log
// off, on (JSON lines to stdout, which this script sends to /dev/null) and on with proxy headers
// believed. One contender at a time, interleaved rounds, autocannon in this process.
//   npx tsx bench/serve/access-log.ts [--duration 5] [--rounds 2] > /dev/null
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { App, logger, type ServeOptions, serve } from "../../src/index.js";

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
for (let round = 0; round < Number(values.rounds); round++) {
  for (const [name, options] of Object.entries(VARIANTS)) {
    const server = await serve(app, { port: 0, ...options });
    const result = await autocannon({
      url: `${server.url}/`,
      connections: 50,
      duration: Number(values.duration),
      headers: { "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https" },
    });
    await server.close();
    (results[name] ??= []).push(result.requests.average);
  }
}
logger.configure({ destination: process.stderr, format: "pretty", level: "info" });
for (const [name, rates] of Object.entries(results)) {
  const best = Math.max(...rates);
  process.stderr.write(
    `${name.padEnd(40)} ${Math.round(best)} req/s (rounds: ${rates.map(Math.round).join(", ")})\n`,
  );
}
