// The six measured scenarios and the answers every contender must give before it is measured.

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Scenario {
  id: string;
  title: string;
  request: LoadRequest;
  connections: number;
}

export interface CheckCase {
  name: string;
  request: LoadRequest;
  status: number | number[];
  /** Prefix the content-type must start with; omitted for bodies that are not checked. */
  contentType?: string;
  /** Expected JSON body (key order ignored) or exact text body. */
  json?: unknown;
  text?: string;
  /** Minimum time the answer must take, in milliseconds. */
  minMs?: number;
}

export const API_KEY = "secret";

export const ITEM = {
  name: "Widget",
  price: 9.99,
  tags: ["tools", "metal"],
  dimensions: { width: 10.5, height: 4 },
  in_stock: true,
  sku: "WID-0042",
};

const JSON_HEADERS = { "content-type": "application/json" };
const ITEM_BODY = JSON.stringify(ITEM);
const BAD_ITEM_BODY = JSON.stringify({
  name: "",
  price: -1,
  tags: "tools",
  dimensions: { width: "wide" },
  in_stock: true,
  sku: "bad",
});

export const SSE_BODY = Array.from({ length: 50 }, (_, i) => `data: {"i":${i}}\n\n`).join("");

export const SCENARIOS: Scenario[] = [
  {
    id: "A",
    title: "GET /hello",
    request: { method: "GET", path: "/hello" },
    connections: 100,
  },
  {
    id: "B",
    title: "GET /items/{item_id}?q=&limit= (path + query validation)",
    request: { method: "GET", path: "/items/42?q=widget&limit=20" },
    connections: 100,
  },
  {
    id: "C",
    title: "POST /items (nested JSON body, 201, response filtering)",
    request: { method: "POST", path: "/items", headers: JSON_HEADERS, body: ITEM_BODY },
    connections: 100,
  },
  {
    id: "D",
    title: "GET /secure (API-key dependency + async user dependency)",
    request: { method: "GET", path: "/secure", headers: { "x-api-key": API_KEY } },
    connections: 100,
  },
  {
    id: "E",
    title: "GET /slow (awaits 100 ms) at 1,000 connections",
    request: { method: "GET", path: "/slow" },
    connections: 1000,
  },
  {
    id: "F",
    title: "GET /sse (50 server-sent events)",
    request: { method: "GET", path: "/sse" },
    connections: 100,
  },
];

const JSON_TYPE = "application/json";

export const CHECKS: CheckCase[] = [
  {
    name: "A hello",
    request: { method: "GET", path: "/hello" },
    status: 200,
    contentType: JSON_TYPE,
    json: { message: "hello" },
  },
  {
    name: "B path + query",
    request: { method: "GET", path: "/items/42?q=widget&limit=20" },
    status: 200,
    contentType: JSON_TYPE,
    json: { item_id: 42, q: "widget", limit: 20 },
  },
  {
    name: "B defaults",
    request: { method: "GET", path: "/items/7" },
    status: 200,
    contentType: JSON_TYPE,
    json: { item_id: 7, q: null, limit: 10 },
  },
  {
    name: "B non-integer path is 422",
    request: { method: "GET", path: "/items/abc" },
    status: 422,
  },
  {
    name: "B limit out of range is 422",
    request: { method: "GET", path: "/items/1?limit=0" },
    status: 422,
  },
  {
    name: "B q longer than 50 is 422",
    request: { method: "GET", path: `/items/1?q=${"x".repeat(51)}` },
    status: 422,
  },
  {
    name: "C valid body is 201 without internal_cost",
    request: { method: "POST", path: "/items", headers: JSON_HEADERS, body: ITEM_BODY },
    status: 201,
    contentType: JSON_TYPE,
    json: ITEM,
  },
  {
    name: "C bad body is 422",
    request: { method: "POST", path: "/items", headers: JSON_HEADERS, body: BAD_ITEM_BODY },
    status: 422,
    contentType: JSON_TYPE,
  },
  {
    name: "D right key",
    request: { method: "GET", path: "/secure", headers: { "x-api-key": API_KEY } },
    status: 200,
    contentType: JSON_TYPE,
    json: { user: "alice" },
  },
  {
    name: "D wrong key is 401",
    request: { method: "GET", path: "/secure", headers: { "x-api-key": "wrong" } },
    status: 401,
    contentType: JSON_TYPE,
  },
  {
    // FastAPI reports a missing required header as 422; a hand-written check says 401.
    name: "D missing key is refused",
    request: { method: "GET", path: "/secure" },
    status: [401, 422],
  },
  {
    name: "E slow",
    request: { method: "GET", path: "/slow" },
    status: 200,
    contentType: JSON_TYPE,
    json: { ok: true },
    minMs: 95,
  },
  {
    name: "F sse",
    request: { method: "GET", path: "/sse" },
    status: 200,
    contentType: "text/event-stream",
    text: SSE_BODY,
  },
];
