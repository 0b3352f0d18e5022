// CPU per request of Tailor's node:http path without the kernel: scenarios A–D of bench/http
// run through the exact listeners serve() installs (request id, proxy headers, body timeout),
// on real IncomingMessage/ServerResponse objects over an in-memory socket, against a bare
// node:http listener that answers the same JSON. Far steadier than wrk on a shared machine,
// so it compares builds: `TAILOR_MODULES=/a/dist/index.js,/b/dist/index.js` runs each in turn.
//   npx tsx bench/pipeline/node-request.bench.ts [--rounds 5] [--requests 20000]
import { IncomingMessage, type Server, ServerResponse } from "node:http";
import { Duplex } from "node:stream";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ITEM } from "../http/scenarios.js";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    requests: { type: "string", default: "20000" },
    only: { type: "string" },
  },
});
const ROUNDS = Number(values.rounds);
const REQUESTS = Number(values.requests);
const modules = (process.env.TAILOR_MODULES ?? "../../src/index.js").split(",");

type Tailor = typeof import("../../src/index.js");

/** the bench/http contender's app (scenarios A–D), built with one build of Tailor */
function benchApp(tailor: Tailor) {
  const { App, Body, Depends, dependency, Header, HTTPException, Path, Query } = tailor;
  const app = new App({ title: "bench" });
  app.get("/hello", {}, () => ({ message: "hello" }));
  app.get(
    "/items/{item_id}",
    {
      params: {
        item_id: Path(z.number().int()),
        q: Query(z.string().max(50).optional()),
        limit: Query(z.number().int().min(1).max(100).default(10)),
      },
    },
    ({ item_id, q, limit }) => ({ item_id, q: q ?? null, limit }),
  );
  const Item = z
    .object({
      name: z.string().min(1),
      price: z.number().gt(0),
      tags: z.array(z.string()),
      dimensions: z.object({ width: z.number(), height: z.number() }),
      in_stock: z.boolean(),
      sku: z.string().regex(/^[A-Z]{3}-\d{4}$/),
    })
    .meta({ id: "Item" });
  app.post("/items", { params: { item: Body(Item) }, response: Item, status: 201 }, ({ item }) => ({
    ...item,
    internal_cost: 1,
  }));
  const apiKey = dependency({ key: Header(z.string(), { alias: "x-api-key" }) }, ({ key }) => {
    if (key !== "secret") throw new HTTPException(401, "Invalid API key");
    return key;
  });
  const user = dependency({ key: Depends(apiKey) }, async ({ key }) => ({ name: "alice", key }));
  app.get("/secure", { params: { user: Depends(user) } }, ({ user }) => ({ user: user.name }));
  return app;
}

interface Case {
  id: string;
  method: string;
  url: string;
  headers: [string, string][];
  body?: Buffer;
  expect: number;
}

const BASE_HEADERS: [string, string][] = [["Host", "127.0.0.1:8000"]];
const ITEM_BODY = Buffer.from(JSON.stringify(ITEM));
const ALL_CASES: Case[] = [
  { id: "A", method: "GET", url: "/hello", headers: BASE_HEADERS, expect: 200 },
  {
    id: "B",
    method: "GET",
    url: "/items/42?q=widget&limit=20",
    headers: BASE_HEADERS,
    expect: 200,
  },
  {
    id: "C",
    method: "POST",
    url: "/items",
    headers: [
      ...BASE_HEADERS,
      ["Content-Type", "application/json"],
      ["Content-Length", String(ITEM_BODY.length)],
    ],
    body: ITEM_BODY,
    expect: 201,
  },
  {
    id: "D",
    method: "GET",
    url: "/secure",
    headers: [...BASE_HEADERS, ["X-Api-Key", "secret"]],
    expect: 200,
  },
];

const only = values.only?.split(",");
const CASES = ALL_CASES.filter((c) => only === undefined || only.includes(c.id));

/** A connection that swallows what is written, as a kept-alive socket from 127.0.0.1. */
class MemorySocket extends Duplex {
  remoteAddress = "127.0.0.1";
  remotePort = 50000;
  bytes = 0;
  override _read(): void {}
  override _write(chunk: Buffer | string, _encoding: string, done: () => void): void {
    this.bytes += chunk.length;
    done();
  }
  override _writev(chunks: { chunk: Buffer | string }[], done: () => void): void {
    for (const { chunk } of chunks) this.bytes += chunk.length;
    done();
  }
  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
}

type Emit = (req: IncomingMessage, res: ServerResponse) => void;

/** one request as node's parser delivers it: head, `request`, then the body and its end */
function request(emit: Emit, socket: MemorySocket, c: Case): Promise<number> {
  const req = new IncomingMessage(socket as never);
  req.method = c.method;
  req.url = c.url;
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  req.httpVersion = "1.1";
  const raw: string[] = [];
  for (const [name, value] of c.headers) raw.push(name, value);
  req.rawHeaders = raw;
  const headers: Record<string, string> = {};
  for (const [name, value] of c.headers) headers[name.toLowerCase()] = value;
  req.headers = headers;
  const res = new ServerResponse(req);
  res.shouldKeepAlive = true;
  res.assignSocket(socket as never);
  const done = new Promise<number>((resolve) =>
    res.once("finish", () => {
      res.detachSocket(socket as never);
      resolve(res.statusCode);
    }),
  );
  emit(req, res);
  if (c.body !== undefined) req.push(c.body);
  req.complete = true;
  req.push(null);
  return done;
}

/** the floor: a node:http listener that answers each scenario's JSON, nothing else */
const bare: Emit = (req, res) => {
  const answer = (status: number, value: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(value));
  };
  if (req.method === "POST") {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => answer(201, JSON.parse(Buffer.concat(chunks).toString())));
  } else answer(200, { message: "hello" });
};

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function cpuNsPerRequest(emit: Emit, c: Case, count: number): Promise<number> {
  const socket = new MemorySocket();
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    // each request from a turn of the event loop of its own, as a socket read delivers it
    await nextTurn();
    const status = await request(emit, socket, c);
    if (status !== c.expect && emit !== bare) throw new Error(`${c.id}: status ${status}`);
  }
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1000) / count;
}

const contenders: { name: string; emit: Emit; close(): Promise<void> }[] = [];
for (const path of modules) {
  const tailor = (await import(path)) as Tailor;
  const running = await tailor.serve(benchApp(tailor), {
    port: 0,
    accessLog: false,
    logLevel: "warn",
  });
  const server: Server = running.server;
  contenders.push({
    name: path,
    emit: (req, res) => void server.emit("request", req, res),
    close: () => running.close(),
  });
}
contenders.push({ name: "bare node:http", emit: bare, close: async () => {} });

// rounds interleave the contenders (the machine's load drifts); each keeps its best round
const best = new Map<string, number>();
for (let round = 0; round < ROUNDS; round++) {
  for (const c of CASES) {
    for (const contender of contenders) {
      const ns = await cpuNsPerRequest(contender.emit, c, REQUESTS);
      const key = `${contender.name} ${c.id}`;
      best.set(key, Math.min(best.get(key) ?? Number.POSITIVE_INFINITY, ns));
    }
  }
}
for (const contender of contenders) await contender.close();

console.log(`CPU µs per request, best of ${ROUNDS} interleaved rounds of ${REQUESTS} requests`);
console.log(
  `| build | ${CASES.map((c) => c.id).join(" | ")} | ${CASES.map((c) => `${c.id} above bare`).join(" | ")} |`,
);
console.log(
  `|---|${CASES.map(() => "---:|")
    .join("")
    .repeat(2)}`,
);
for (const contender of contenders) {
  const own = CASES.map((c) => best.get(`${contender.name} ${c.id}`)! / 1000);
  const above = CASES.map((c, i) => own[i]! - best.get(`bare node:http ${c.id}`)! / 1000);
  console.log(
    `| ${contender.name} | ${own.map((v) => v.toFixed(2)).join(" | ")} | ${above.map((v) => v.toFixed(2)).join(" | ")} |`,
  );
}
