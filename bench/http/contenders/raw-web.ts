// A Web-standard fetch handler with hand-written routing and validation on Bun.serve or
// Deno.serve: the ceiling for the contenders on each runtime (raw-bun, raw-deno).
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

function send(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: JSON_TYPE });
}

function getItem(id: string, search: string): Response {
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
  if (issues.length > 0) return send(422, { detail: issues });
  return send(200, { item_id: Number(id), q, limit });
}

async function postItem(request: Request): Promise<Response> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return send(422, { detail: [{ loc: ["body"], msg: "JSON decode error" }] });
  }
  const issues = validateItem(body);
  if (issues.length > 0) return send(422, { detail: issues });
  const stored = { ...(body as Item), internal_cost: 1 };
  const { name, price, tags, dimensions, in_stock, sku } = stored;
  const { width, height } = dimensions;
  return send(201, { name, price, tags, dimensions: { width, height }, in_stock, sku });
}

async function secure(request: Request): Promise<Response> {
  const key = request.headers.get("x-api-key");
  if (key !== API_KEY) return send(401, { detail: "Invalid API key" });
  const user = await Promise.resolve({ name: "alice", key });
  return send(200, { user: user.name });
}

async function slow(): Promise<Response> {
  await new Promise((r) => setTimeout(r, 100));
  return send(200, { ok: true });
}

function sse(): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < 50; i++) controller.enqueue(encoder.encode(`data: {"i":${i}}\n\n`));
      controller.close();
    },
  });
  return new Response(body, { headers: SSE_HEADERS });
}

function answer(request: Request): Response | Promise<Response> {
  const url = request.url;
  const start = url.indexOf("/", url.indexOf("//") + 2);
  const mark = url.indexOf("?", start);
  const path = mark === -1 ? url.slice(start) : url.slice(start, mark);
  const search = mark === -1 ? "" : url.slice(mark + 1);
  if (request.method === "GET") {
    if (path === "/hello") return send(200, { message: "hello" });
    if (path.startsWith("/items/") && path.indexOf("/", 7) === -1) {
      return getItem(decodeURIComponent(path.slice(7)), search);
    }
    if (path === "/secure") return secure(request);
    if (path === "/slow") return slow();
    if (path === "/sse") return sse();
  } else if (request.method === "POST" && path === "/items") {
    return postItem(request);
  }
  return send(404, { detail: "Not Found" });
}

const runtime = globalThis as {
  Bun?: { serve(options: object): unknown };
  Deno?: { serve(options: object, handler: typeof answer): unknown };
};
if (runtime.Bun) runtime.Bun.serve({ hostname: "127.0.0.1", port, fetch: answer });
else if (runtime.Deno) runtime.Deno.serve({ hostname: "127.0.0.1", port, onListen() {} }, answer);
else throw new Error("raw-web runs on Bun or Deno");
