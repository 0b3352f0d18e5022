// CPU per request of the node:http contenders of bench/http without the kernel: the contender
// files themselves (bench/http/contenders/*.ts) run in this one process, and scenarios A–D are
// emitted on their servers as node's parser delivers them (real IncomingMessage/ServerResponse
// objects over an in-memory socket, each request from its own turn of the event loop). Rounds
// interleave the contenders, each keeps its best: far steadier than wrk on a shared machine.
//   npx tsx bench/pipeline/node-request.bench.ts [--rounds 5] [--requests 10000] [--only A,C]
//     [--contenders raw-node,fastify,tailor,/abs/path/to/another-build-entry.ts]
// Tailor's contender imports "tailor": src/ here, dist/ with TSX_TSCONFIG_PATH=tsconfig.build.json.
import http, { IncomingMessage, type Server, ServerResponse } from "node:http";
import { syncBuiltinESMExports } from "node:module";
import { Duplex } from "node:stream";
import { parseArgs } from "node:util";
import { API_KEY, SCENARIOS } from "../http/scenarios.js";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    requests: { type: "string", default: "10000" },
    only: { type: "string", default: "A,B,C,D" },
    contenders: { type: "string", default: "raw-node,fastify,tailor" },
  },
});
const ROUNDS = Number(values.rounds);
const REQUESTS = Number(values.requests);
const scenarios = SCENARIOS.filter((s) => values.only.split(",").includes(s.id));
const names = values.contenders.split(",");

/** A connection that swallows what is written, as a kept-alive socket from 127.0.0.1. */
class MemorySocket extends Duplex {
  remoteAddress = "127.0.0.1";
  remotePort = 50000;
  override _read(): void {}
  override _write(_chunk: unknown, _encoding: string, done: () => void): void {
    done();
  }
  override _writev(_chunks: unknown[], done: () => void): void {
    done();
  }
  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
}

interface Prepared {
  method: string;
  url: string;
  raw: string[];
  headers: Record<string, string>;
  body: Buffer | undefined;
}

function prepare(id: string): Prepared {
  const { request } = SCENARIOS.find((s) => s.id === id)!;
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const pairs: [string, string][] = [["Host", "127.0.0.1:8000"]];
  for (const [name, value] of Object.entries(request.headers ?? {})) pairs.push([name, value]);
  if (body !== undefined) pairs.push(["Content-Length", String(body.length)]);
  const headers: Record<string, string> = {};
  for (const [name, value] of pairs) headers[name.toLowerCase()] = value;
  return { method: request.method, url: request.path, raw: pairs.flat(), headers, body };
}

/** one request: head, the server's `request` event, then the body and its end */
function send(server: Server, socket: MemorySocket, p: Prepared): Promise<number> {
  const req = new IncomingMessage(socket as never);
  req.method = p.method;
  req.url = p.url;
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  req.httpVersion = "1.1";
  req.rawHeaders = p.raw.slice();
  req.headers = { ...p.headers };
  const res = new ServerResponse(req);
  res.shouldKeepAlive = true;
  res.assignSocket(socket as never);
  const done = new Promise<number>((resolve) =>
    res.once("finish", () => {
      res.detachSocket(socket as never);
      resolve(res.statusCode);
    }),
  );
  server.emit("request", req, res);
  if (p.body !== undefined) req.push(p.body);
  req.complete = true;
  req.push(null);
  return done;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function cpuUsPerRequest(server: Server, id: string, count: number): Promise<number> {
  const p = prepare(id);
  const socket = new MemorySocket();
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    await nextTurn();
    const status = await send(server, socket, p);
    if (status >= 300) throw new Error(`scenario ${id} answered ${status}`);
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
}

// Each contender file creates its server with node:http's createServer and listens on the port
// in argv[2]: the server is caught as it is created, and listens on a free port.
const servers = new Map<string, Server>();
let caught: Server | undefined;
const createServer = http.createServer;
http.createServer = ((...args: Parameters<typeof createServer>) => {
  caught = createServer(...args);
  return caught;
}) as typeof createServer;
syncBuiltinESMExports();
process.argv[2] = "0";
for (const name of names) {
  caught = undefined;
  const file = name.includes("/")
    ? name
    : new URL(`../http/contenders/${name}.ts`, import.meta.url);
  await import(String(file));
  if (caught === undefined) throw new Error(`${name} created no node:http server`);
  servers.set(name, caught);
}
http.createServer = createServer;
syncBuiltinESMExports();

const best = new Map<string, number>();
for (let round = 0; round < ROUNDS; round++) {
  for (const { id } of scenarios) {
    for (const [name, server] of servers) {
      const us = await cpuUsPerRequest(server, id, REQUESTS);
      const key = `${name} ${id}`;
      best.set(key, Math.min(best.get(key) ?? Number.POSITIVE_INFINITY, us));
    }
  }
}

const ids = scenarios.map((s) => s.id);
console.log(
  `CPU µs per request, best of ${ROUNDS} interleaved rounds of ${REQUESTS} (x-api-key ${API_KEY})`,
);
console.log(
  `| contender | ${ids.join(" | ")} | ${ids.map((id) => `${id} above raw-node`).join(" | ")} |`,
);
console.log(`|---|${ids.map(() => "---:|---:|").join("")}`);
for (const name of servers.keys()) {
  const own = ids.map((id) => best.get(`${name} ${id}`)!);
  const above = ids.map((id, i) => own[i]! - (best.get(`raw-node ${id}`) ?? Number.NaN));
  console.log(
    `| ${name} | ${own.map((v) => v.toFixed(2)).join(" | ")} | ${above.map((v) => v.toFixed(2)).join(" | ")} |`,
  );
}
process.exit(0);
