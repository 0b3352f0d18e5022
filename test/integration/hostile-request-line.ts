import { get, type HostileCase, raw, request } from "./hostile-wire.js";

// Statuses node's own HTTP parser (llhttp) refuses before the app sees a request: 400 for a
// malformed request line, header or chunked framing (written as uvicorn writes it, text
// "Invalid HTTP request received.": src/server/client-errors.ts), 431 for a head over 16 KiB,
// and then the connection closes (RFC 9112 §2.2, §3, §6.3 say to reject and close).
/** Hostile request lines: methods, target forms, lengths, bytes, paths. */
export const REQUEST_LINE_CASES: HostileCase[] = [
  {
    name: "a method with a non-token byte",
    chunks: [raw("G@T /hello HTTP/1.1\r\nHost: x\r\n\r\n")],
    status: [400],
    closes: true,
  },
  {
    name: "an unknown method",
    chunks: [raw("BREW /hello HTTP/1.1\r\nHost: x\r\n\r\n")],
    status: [400],
    closes: true,
  },
  {
    name: "a lowercase method",
    chunks: [raw("get /hello HTTP/1.1\r\nHost: x\r\n\r\n")],
    status: [400],
    closes: true,
  },
  {
    name: "a known method the route lacks",
    chunks: [request("PATCH /hello HTTP/1.1")],
    status: [405],
    body: '{"detail":"Method Not Allowed"}',
  },
  {
    name: "an absolute-form target",
    chunks: [get("http://127.0.0.1/items/3?q=x")],
    status: [200],
    body: '{"item_id":3,"q":"x","limit":10}',
  },
  {
    name: "an absolute-form target without a path",
    chunks: [get("http://127.0.0.1")],
    status: [404],
    body: '{"detail":"Not Found"}',
  },
  // Starlette routes "*" like any other path: no route matches it
  {
    name: "an asterisk-form OPTIONS",
    chunks: [request("OPTIONS * HTTP/1.1")],
    status: [404],
    body: '{"detail":"Not Found"}',
  },
  {
    name: "an asterisk-form GET",
    chunks: [get("*")],
    status: [404],
    body: '{"detail":"Not Found"}',
  },
  {
    name: "a 100 KB URL",
    chunks: [get(`/hello?q=${"a".repeat(100_000)}`)],
    status: [431],
    closes: true,
  },
  {
    name: "an 8 KB path under the head limit",
    chunks: [get(`/${"a".repeat(8000)}`)],
    status: [404],
  },
  {
    name: "a NUL byte in the target",
    chunks: [raw("GET /hel\0lo HTTP/1.1\r\nHost: x\r\n\r\n")],
    status: [400],
    closes: true,
  },
  {
    name: "a control byte in the target",
    chunks: [raw("GET /hel\x01lo HTTP/1.1\r\nHost: x\r\n\r\n")],
    status: [400],
    closes: true,
  },
  {
    name: "a DEL byte in the target",
    chunks: [raw("GET /hel\x7flo HTTP/1.1\r\nHost: x\r\n\r\n")],
    status: [400],
    closes: true,
  },
  // a target must be ASCII (RFC 3986); llhttp, which uvicorn's httptools loop also uses, refuses it
  {
    name: "raw non-ASCII bytes in the path",
    chunks: [get("/caf\xc3\xa9")],
    status: [400],
    closes: true,
  },
  {
    name: "raw non-ASCII bytes in a path param",
    chunks: [get("/items/\xff\xfe")],
    status: [400],
    closes: true,
  },
  { name: "a path of 7,000 segments", chunks: [get(`/items/${"a/".repeat(7000)}`)], status: [404] },
  {
    name: "a path of 4,000 encoded characters",
    chunks: [get(`/items/${"%C3%A9".repeat(2000)}`)],
    status: [422],
    contains: '"int_parsing"',
  },
  {
    name: "a //-prefixed path",
    chunks: [get("//hello")],
    status: [404],
    body: '{"detail":"Not Found"}',
  },
  { name: "a //host-looking path", chunks: [get("//evil.example/hello")], status: [404] },
  { name: "an encoded slash in a path param", chunks: [get("/items/1%2F2")], status: [404] },
  { name: "encoded dot segments", chunks: [get("/%2e%2e/%2e%2e/hello")], status: [404] },
  {
    name: "overlong UTF-8 dots in a path param",
    chunks: [get("/items/%C0%AE%C0%AE")],
    status: [422],
    contains: '"input":"\uFFFD\uFFFD\uFFFD\uFFFD"',
  },
  {
    name: "an invalid UTF-8 escape in a path param",
    chunks: [get("/items/%ff")],
    status: [422],
    contains: '"input":"\uFFFD"',
  },
  {
    name: "a lone % as a path param",
    chunks: [get("/items/%")],
    status: [422],
    contains: '"input":"%"',
  },
  {
    name: "an encoded NUL in a path param",
    chunks: [get("/items/%00")],
    status: [422],
    contains: '"input":"\\u0000"',
  },
  // a tunnel request to a server that is no proxy: the 400 node gives other non-path targets
  {
    name: "a CONNECT request",
    chunks: [raw("CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: 127.0.0.1:80\r\n\r\n")],
    status: [400],
    closes: true,
  },
  {
    name: "a CONNECT, then the client hangs up",
    chunks: [raw("CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: x\r\n\r\n")],
    status: [],
    hangUp: true,
  },
  {
    name: "a CONNECT request with bytes after it",
    chunks: [raw("CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\n\r\n")],
    status: [400],
    closes: true,
  },
  {
    name: "a request target without a leading slash",
    chunks: [raw("GET hello HTTP/1.1\r\nHost: x\r\n\r\n")],
    status: [400],
    closes: true,
  },
  {
    name: "an HTTP/2 connection preface",
    chunks: [raw("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")],
    status: [400],
    closes: true,
  },
  // RFC 9110 §9.3.8; FastAPI routes have no TRACE (§5: unknown method on a known path)
  {
    name: "a TRACE request",
    chunks: [raw("TRACE /hello HTTP/1.1\r\nHost: x\r\n\r\n")],
    status: [405],
    body: '{"detail":"Method Not Allowed"}',
    headers: { allow: "GET" },
  },
  {
    name: "an Upgrade to websocket on a plain route (no WebSocket route)",
    chunks: [
      get("/hello", [
        "Connection: Upgrade",
        "Upgrade: websocket",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
      ]),
    ],
    // no WebSocket route has the path: refused as uvicorn refuses it, not served as plain HTTP
    status: [403],
  },
  {
    name: "an absolute-form target with userinfo",
    chunks: [get("http://u:p@127.0.0.1/hello")],
    status: [200],
  },
  // llhttp reads a request line without a version as HTTP/0.9: answered once, then closed
  {
    name: "an HTTP/0.9 request line",
    chunks: [raw("GET /hello\r\n\r\n")],
    status: [200],
    closes: true,
  },
  {
    name: "an unsupported HTTP version",
    chunks: [raw("GET /hello HTTP/3.7\r\nHost: x\r\n\r\n")],
    status: [400],
    closes: true,
  },
  {
    name: "trailing garbage after the version",
    chunks: [raw("GET /hello HTTP/1.1 x\r\nHost: x\r\n\r\n")],
    status: [400],
    closes: true,
  },
];
