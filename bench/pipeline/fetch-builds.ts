// Tailor builds side by side through `app.fetch`, in one process (Bun, Deno or Node): each
// path is a module exporting `app` (a copy of bench/http/contenders/tailor-app.ts importing one
// build), rounds interleave the builds, each keeps its best CPU µs per request. Steadier than
// separate fetch-loop runs on a shared machine.
//   node_modules/.bin/bun bench/pipeline/fetch-builds.ts --apps /abs/a/tailor-app.ts,/abs/b/tailor-app.ts \
//     [--only C] [--rounds 20] [--requests 5000]
import { parseArgs } from "node:util";
import { SCENARIOS } from "../http/scenarios.js";

const { values } = parseArgs({
  options: {
    apps: { type: "string" },
    only: { type: "string", default: "C" },
    rounds: { type: "string", default: "20" },
    requests: { type: "string", default: "5000" },
  },
});
if (values.apps === undefined) throw new Error("--apps /abs/a/tailor-app.ts,/abs/b/tailor-app.ts");
const ROUNDS = Number(values.rounds);
const REQUESTS = Number(values.requests);

type Fetch = (request: Request) => Response | Promise<Response>;
const apps = new Map<string, Fetch>();
for (const path of values.apps.split(",")) {
  const { app } = (await import(path)) as { app: { fetch: Fetch } };
  apps.set(path, (request) => app.fetch(request));
}

async function cpuUsPerRequest(fetch: Fetch, make: () => Request): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < REQUESTS; i++) {
    const response = await fetch(make());
    await response.text();
    if (response.status >= 300) throw new Error(`answered ${response.status}`);
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / REQUESTS;
}

const ids = values.only.split(",");
const best = new Map<string, number>();
for (let round = 0; round < ROUNDS; round++) {
  for (const id of ids) {
    const { method, path, headers, body } = SCENARIOS.find((s) => s.id === id)!.request;
    const init: RequestInit = { method };
    if (headers !== undefined) init.headers = headers;
    if (body !== undefined) init.body = body;
    const make = () => new Request(`http://127.0.0.1:9800${path}`, init);
    for (const [name, fetch] of apps) {
      const us = await cpuUsPerRequest(fetch, make);
      best.set(
        `${name} ${id}`,
        Math.min(best.get(`${name} ${id}`) ?? Number.POSITIVE_INFINITY, us),
      );
    }
  }
}
console.log(`CPU µs per request (Request built inside), best of ${ROUNDS} rounds of ${REQUESTS}`);
console.log(`| app | ${ids.join(" | ")} |\n|---|${ids.map(() => "---:|").join("")}`);
for (const name of apps.keys()) {
  console.log(
    `| ${name} | ${ids.map((id) => best.get(`${name} ${id}`)!.toFixed(2)).join(" | ")} |`,
  );
}
