// node:http with hand-written routing and validation: the practical ceiling for the other contenders.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
const API_KEY = "secret";
const INT = /^-?\d+$/;
const SKU = /^[A-Z]{3}-\d{4}$/;
const JSON_TYPE = { "content-type": "application/json" };
const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  "x-accel-buffering": "no",
};

type Issue = { loc: (string | number)[]; msg: string };
type Item = {
  name: string;
  price: number;
  tags: string[];
  dimensions: { width: number; height: number };
  in_stock: boolean;
  sku: string;
};

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, JSON_TYPE);
  res.end(JSON.stringify(body));
}

function isNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function validateItem(v: unknown): Issue[] {
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    return [{ loc: ["body"], msg: "Input should be a valid dictionary" }];
  }
  const o = v as Record<string, unknown>;
  const issues: Issue[] = [];
  if (typeof o.name !== "string" || o.name.length < 1) {
    issues.push({ loc: ["body", "name"], msg: "String should have at least 1 character" });
  }
  if (!isNumber(o.price) || o.price <= 0) {
    issues.push({ loc: ["body", "price"], msg: "Input should be greater than 0" });
  }
  if (!Array.isArray(o.tags) || !o.tags.every((t) => typeof t === "string")) {
    issues.push({ loc: ["body", "tags"], msg: "Input should be a valid list of strings" });
  }
  const d = o.dimensions as Record<string, unknown> | null | undefined;
  if (typeof d !== "object" || d === null || !isNumber(d.width) || !isNumber(d.height)) {
    issues.push({ loc: ["body", "dimensions"], msg: "Input should be {width, height} numbers" });
  }
  if (typeof o.in_stock !== "boolean") {
    issues.push({ loc: ["body", "in_stock"], msg: "Input should be a valid boolean" });
  }
  if (typeof o.sku !== "string" || !SKU.test(o.sku)) {
    issues.push({ loc: ["body", "sku"], msg: "String should match pattern" });
  }
  return issues;
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
