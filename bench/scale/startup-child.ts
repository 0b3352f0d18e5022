// One start-up measurement in a fresh process: `node --import tsx startup-child.ts <contender>`.
// The contender module (and its framework) is imported before the clock starts, so the loader
// and module evaluation stay out of the figures. Prints one JSON line on stdout.
import { request } from "node:http";
import type { StartFn } from "./contenders/types.js";
import { buildRouteSchemas, sampleRequest } from "./routes.js";

const name = process.argv[2] ?? "floor";
const importStart = performance.now();
const { start } = (await import(`./contenders/${name}.ts`)) as { start: StartFn };
const importMs = performance.now() - importStart;

function send(port: number, index: number): Promise<number> {
  const { method, path, body } = sampleRequest(index);
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, method, path, headers: { "content-type": "application/json" } },
      (res) => {
        res.resume();
        res.on("end", () => {
          if (res.statusCode !== 200) reject(new Error(`${name} ${path}: ${res.statusCode}`));
          else resolve(performance.now() - t);
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

// Warm the client side (http.request, socket code) against a throwaway server first.
{
  const { createServer } = await import("node:http");
  const warm = createServer((_req, res) => res.end("ok"));
  await new Promise<void>((resolve) => warm.listen(0, "127.0.0.1", resolve));
  const address = warm.address();
  if (address !== null && typeof address === "object") {
    await new Promise<void>((resolve, reject) => {
      request({ host: "127.0.0.1", port: address.port, path: "/" }, (res) => {
        res.resume();
        res.on("end", () => resolve());
      })
        .on("error", reject)
        .end();
    });
  }
  await new Promise((resolve) => warm.close(resolve));
}

// tsx turns source-mapped stack traces on; a deployed app (prebuilt JS, plain node) has them off.
process.setSourceMapsEnabled(process.env.SOURCE_MAPS === "1");

// Warm Zod's own code paths the same way for every contender (20 routes' schemas, discarded).
buildRouteSchemas(20);

let buildSchemasMs = 0;
const t0 = performance.now();
const started = await start(() => {
  const t = performance.now();
  const routes = buildRouteSchemas();
  buildSchemasMs = performance.now() - t;
  return routes;
});
const listenMs = performance.now() - t0;
const rssMb = process.memoryUsage().rss / 2 ** 20;
await send(started.port, 0);
const firstResponseMs = performance.now() - t0;

// Never-hit routes: first request vs. a repeat of the same request.
const coldIndices = Array.from({ length: 40 }, (_, i) => 500 + i);
const cold: number[] = [];
const warm: number[] = [];
for (const index of coldIndices) {
  cold.push(await send(started.port, index));
  warm.push(await send(started.port, index));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

console.log(
  JSON.stringify({
    name,
    importMs,
    buildSchemasMs,
    listenMs,
    firstResponseMs,
    rssMb,
    coldRouteMs: median(cold),
    warmRouteMs: median(warm),
    ...started.extra,
  }),
);
process.exit(0);
