// node:http with hand-written routing and validation: the practical ceiling for the other contenders.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type Issue, type Item, validateItem } from "./raw-validation.js";

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
const API_KEY = "secret";
const INT = /^-?\d+$/;
const JSON_TYPE = { "content-type": "application/json" };
const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  "x-accel-buffering": "no",
};

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, JSON_TYPE);
  res.end(JSON.stringify(body));
}

function getItem(res: ServerResponse, id: string, search: string): void {
  const query = new URLSearchParams(search);
  const q = query.get("q");
  const limitRaw = query.get("limit");
  const issues: Issue[] = [];
  if (!INT.test(id)) issues.push({ loc: ["path", "item_id"], msg: "Input should be an integer" });
  let limit = 10;
  if (limitRaw !== null) {
    limit = INT.test(limitRaw) ? Number(limitRaw) : Number.NaN;
    if (!(limit >= 1 && limit <= 100)) {
      issues.push({ loc: ["query", "limit"], msg: "Input should be an integer in 1..100" });
    }
  }
  if (q !== null && q.length > 50) {
    issues.push({ loc: ["query", "q"], msg: "String should have at most 50 characters" });
  }
  if (issues.length > 0) send(res, 422, { detail: issues });
  else send(res, 200, { item_id: Number(id), q, limit });
}

function postItem(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return send(res, 422, { detail: [{ loc: ["body"], msg: "JSON decode error" }] });
    }
    const issues = validateItem(body);
    if (issues.length > 0) return send(res, 422, { detail: issues });
    const stored = { ...(body as Item), internal_cost: 1 };
    const { name, price, tags, dimensions, in_stock, sku } = stored;
    const { width, height } = dimensions;
    send(res, 201, { name, price, tags, dimensions: { width, height }, in_stock, sku });
  });
}

async function lookupUser(key: string): Promise<{ name: string; key: string }> {
  return { name: "alice", key };
}

async function secure(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const key = req.headers["x-api-key"];
  if (key !== API_KEY) return send(res, 401, { detail: "Invalid API key" });
  const user = await lookupUser(key);
  send(res, 200, { user: user.name });
}

async function slow(res: ServerResponse): Promise<void> {
  await new Promise((r) => setTimeout(r, 100));
  send(res, 200, { ok: true });
}

async function sse(res: ServerResponse): Promise<void> {
  res.writeHead(200, SSE_HEADERS);
  for (let i = 0; i < 50; i++) res.write(`data: ${JSON.stringify({ i })}\n\n`);
  res.end();
}

const server = createServer((req, res) => {
  const url = req.url ?? "/";
  const mark = url.indexOf("?");
  const path = mark === -1 ? url : url.slice(0, mark);
  const search = mark === -1 ? "" : url.slice(mark + 1);
  if (req.method === "GET") {
    if (path === "/hello") return send(res, 200, { message: "hello" });
    if (path.startsWith("/items/") && path.indexOf("/", 7) === -1) {
      return getItem(res, decodeURIComponent(path.slice(7)), search);
    }
    if (path === "/secure") return void secure(req, res);
    if (path === "/slow") return void slow(res);
    if (path === "/sse") return void sse(res);
  } else if (req.method === "POST" && path === "/items") {
    return postItem(req, res);
  }
  send(res, 404, { detail: "Not Found" });
});
server.listen(port, "127.0.0.1");
