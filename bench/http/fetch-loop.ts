// The fetch exchange's own cost, without sockets: scenarios A–D as Web Requests handed to
// Tailor's `app.fetch` and to Elysia's `app.handle` in one process, on Bun (or Deno).
//
//   node_modules/.bin/bun bench/http/fetch-loop.ts [requests] [only] [in flight]  # "tailor" -> src/
//   node_modules/.bin/bun --tsconfig-override=bench/http/tsconfig.bun.json bench/http/fetch-loop.ts
//   node_modules/.bin/deno run -A --unstable-sloppy-imports bench/http/fetch-loop.ts
//
// Prints CPU µs per request (median of 5 rounds). The Request is built inside the loop, as a
// server builds one per request; its cost is printed alone ("new Request") to subtract.

import { SCENARIOS } from "./scenarios.js";

type Handler = (request: Request) => Response | Promise<Response>;

const requests = Number(process.argv[2] ?? 20_000);
const only = process.argv[3]?.split(",");
/** requests started together, as a server's connections interleave them (1: one after another) */
const inFlight = Number(process.argv[4] ?? 1);
const base = "http://127.0.0.1:9700";

function makeRequest(id: string): () => Request {
  const scenario = SCENARIOS.find((s) => s.id === id)!;
  const { method, path, headers, body } = scenario.request;
  const url = base + path;
  const init: RequestInit = { method };
  if (headers !== undefined) init.headers = headers;
  if (body !== undefined) init.body = body;
  return () => new Request(url, init);
}

async function check(handler: Handler, make: () => Request): Promise<string> {
  const response = await handler(make());
  return `${response.status} ${(await response.text()).slice(0, 40)}`;
}

/**
 * CPU µs per request (the process's user + system time, so other work on the machine counts
 * less than in wall-clock time) for `count` requests answered one after another, each
 * response's body read as a server reads it.
 */
async function round(handler: Handler, make: () => Request, count: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < count; i += inFlight) {
    const batch: Promise<ArrayBuffer>[] = [];
    for (let j = 0; j < inFlight; j++)
      batch.push(Promise.resolve(handler(make())).then((response) => response.arrayBuffer()));
    await Promise.all(batch);
  }
  const spent = process.cpuUsage(start);
  return (spent.user + spent.system) / count;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const contenders: [string, () => Promise<Handler>][] = [
  ["new Request", async () => (request) => new Response(null, { status: request ? 204 : 500 })],
  [
    "tailor",
    async () => {
      const { app } = await import("./contenders/tailor-app.js");
      return app.fetch as Handler;
    },
  ],
];
if ((globalThis as { Bun?: unknown }).Bun !== undefined)
  contenders.push([
    "elysia",
    async () => {
      const { app } = await import("./contenders/elysia-app.js");
      return app.handle as Handler;
    },
  ]);

const ids = only ?? ["A", "B", "C", "D"];
console.log(`${requests} requests a round, median of 5 rounds, µs per request`);
console.log(["contender", ...ids].join("\t"));
for (const [name, load] of contenders) {
  const handler = await load();
  const cells: string[] = [];
  for (const id of ids) {
    const make = makeRequest(id);
    if (process.env.CHECK) console.error(name, id, await check(handler, make));
    await round(handler, make, Math.min(requests, 5000));
    const rounds: number[] = [];
    for (let r = 0; r < 5; r++) rounds.push(await round(handler, make, requests));
    cells.push(median(rounds).toFixed(2));
  }
  console.log([name, ...cells].join("\t"));
}
