import { get, JSON_TYPE, post, raw, request } from "./hostile-wire.js";

/**
 * One hostile request (or a few, pipelined on one connection) and what must come back.
 * `status` lists the final statuses in order; an empty list means the client hangs up after
 * writing and expects nothing. Where an expectation is not recorded in behaviors.md, the
 * comment beside the case says where it comes from.
 */
export interface HostileCase {
  name: string;
  chunks: Buffer[];
  status: number[];
  /** the server must close the connection after answering */
  closes?: boolean;
  /** the server must keep the connection open after answering */
  keepsOpen?: boolean;
  /** the client hangs up right after writing */
  hangUp?: boolean;
  /** the exact body of the last response */
  body?: string;
  /** a part of the last response's body */
  contains?: string;
  /** headers the last response must carry, with these exact values */
  headers?: Record<string, string>;
}

const ITEM = '{"name":"a","price":1}';
const PARSE_ERROR = '{"detail":"There was an error parsing the body"}';
const form = "application/x-www-form-urlencoded";

function nested(depth: number, open: string, close: string, leaf = "1"): string {
  return open.repeat(depth) + leaf + close.repeat(depth);
}

function utf16le(text: string, bom: boolean): Buffer {
  const body = Buffer.from(text, "utf16le");
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

function manyParams(count: number, make: (i: number) => string): string {
  return Array.from({ length: count }, (_, i) => make(i)).join("&");
}

function manyCookies(count: number): string {
  return Array.from({ length: count }, (_, i) => `c${i}=${i}`).join("; ");
}

const CHUNKED: [string, string] = ["Transfer-Encoding", "chunked"];
const JSON_HEADER: [string, string] = ["Content-Type", JSON_TYPE];

// Statuses node's own HTTP parser (llhttp) answers before the app sees a request: 400 for a
// malformed request line, header or chunked framing, 431 for a head over 16 KiB, and then it
// closes the connection. uvicorn (h11/httptools) answers these with a 400 too (they are not
// recorded in behaviors.md: RFC 9112 §2.2, §3, §6.3 say to reject and close).
const requestLine: HostileCase[] = [
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
    name: "an Upgrade to websocket on a plain route",
    chunks: [
      get("/hello", [
        "Connection: Upgrade",
        "Upgrade: websocket",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
      ]),
    ],
    status: [200],
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

const headers: HostileCase[] = [
  {
    name: "two different Content-Length headers",
    chunks: [
      post("/items", JSON_TYPE, ITEM)
        .toString("latin1")
        .replace("Content-Length", "Content-Length: 3\r\nContent-Length"),
    ].map((s) => raw(s)),
    status: [400],
    closes: true,
  },
  {
    name: "two equal Content-Length headers",
    chunks: [
      request(
        "POST /items HTTP/1.1",
        [JSON_HEADER, "Content-Length: 22", "Content-Length: 22"],
        ITEM,
        null,
      ),
    ],
    status: [400],
    closes: true,
  },
  {
    name: "a Content-Length list",
    chunks: [request("POST /items HTTP/1.1", [JSON_HEADER, "Content-Length: 22, 22"], ITEM, null)],
    status: [400],
    closes: true,
  },
  {
    name: "Content-Length together with Transfer-Encoding",
    chunks: [
      request("POST /items HTTP/1.1", [JSON_HEADER, CHUNKED], `16\r\n${ITEM}\r\n0\r\n\r\n`, 22),
    ],
    status: [400],
    closes: true,
  },
  {
    name: "a negative Content-Length",
    chunks: [request("POST /items HTTP/1.1", [JSON_HEADER], ITEM, -1)],
    status: [400],
    closes: true,
  },
  {
    name: "a non-numeric Content-Length",
    chunks: [raw(`POST /items HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n${ITEM}`)],
    status: [400],
    closes: true,
  },
  {
    name: "a non-hex chunk size",
    chunks: [
      request("POST /items HTTP/1.1", [JSON_HEADER, CHUNKED], "zz\r\nabc\r\n0\r\n\r\n", null),
    ],
    status: [400],
    closes: true,
  },
  {
    name: "a chunk without its CRLF",
    chunks: [
      request("POST /items HTTP/1.1", [JSON_HEADER, CHUNKED], `16\r\n${ITEM}XX0\r\n\r\n`, null),
    ],
    status: [400],
    closes: true,
  },
  {
    name: "a chunk size overflowing 64 bits",
    chunks: [
      request("POST /items HTTP/1.1", [JSON_HEADER, CHUNKED], "fffffffffffffffffff\r\n", null),
    ],
    status: [400],
    closes: true,
  },
  {
    name: "a Content-Length with leading zeros",
    chunks: [
      request("POST /items HTTP/1.1", [JSON_HEADER, "Content-Length: 0000000000022"], ITEM, null),
    ],
    status: [200],
    body: ITEM,
  },
  {
    name: "a Content-Length past 64 bits",
    chunks: [
      request(
        "POST /items HTTP/1.1",
        [JSON_HEADER, "Content-Length: 99999999999999999999999"],
        ITEM,
        null,
      ),
    ],
    status: [400],
    closes: true,
  },
  {
    name: "a Content-Length past the body limit",
    chunks: [
      request(
        "POST /items HTTP/1.1",
        [JSON_HEADER, "Content-Length: 9007199254740993"],
        ITEM,
        null,
      ),
    ],
    status: [413],
    closes: true,
  },
  {
    name: "Transfer-Encoding: chunked, chunked",
    chunks: [
      request(
        "POST /items HTTP/1.1",
        [JSON_HEADER, ["Transfer-Encoding", "chunked, chunked"]],
        `16\r\n${ITEM}\r\n0\r\n\r\n`,
        null,
      ),
    ],
    status: [400],
    closes: true,
  },
  {
    name: "a vertical tab before chunked",
    chunks: [
      request(
        "POST /items HTTP/1.1",
        [JSON_HEADER, "Transfer-Encoding: \x0bchunked"],
        `16\r\n${ITEM}\r\n0\r\n\r\n`,
        null,
      ),
    ],
    status: [400],
    closes: true,
  },
  {
    name: "an uppercase Chunked coding",
    chunks: [
      request(
        "POST /items HTTP/1.1",
        [JSON_HEADER, ["Transfer-Encoding", "Chunked"]],
        `16\r\n${ITEM}\r\n0\r\n\r\n`,
        null,
      ),
    ],
    status: [200],
    body: ITEM,
  },
  {
    name: "a chunked body with trailers",
    chunks: [
      request(
        "POST /items HTTP/1.1",
        [JSON_HEADER, CHUNKED],
        `16\r\n${ITEM}\r\n0\r\nX-Trailer: a\r\n\r\n`,
        null,
      ),
    ],
    status: [200],
    body: ITEM,
  },
  // ten thousand 1s parse to Infinity, which JSON writes as null
  {
    name: "10,000 one-byte chunks",
    chunks: [
      request(
        "POST /echo HTTP/1.1",
        [JSON_HEADER, CHUNKED],
        `${"1\r\n1\r\n".repeat(10_000)}0\r\n\r\n`,
        null,
      ),
    ],
    status: [200],
    body: '{"value":null}',
  },
  // chunk extensions are legal (RFC 9112 §7.1.1) and ignored
  {
    name: "a chunk extension",
    chunks: [
      request(
        "POST /items HTTP/1.1",
        [JSON_HEADER, CHUNKED],
        `16;ext=1\r\n${ITEM}\r\n0\r\n\r\n`,
        null,
      ),
    ],
    status: [200],
    body: ITEM,
  },
  {
    name: "an unknown transfer coding",
    chunks: [
      request("POST /items HTTP/1.1", [JSON_HEADER, ["Transfer-Encoding", "gzip"]], ITEM, null),
    ],
    status: [400],
    closes: true,
  },
  {
    name: "1,000 small headers",
    chunks: [
      get(
        "/hello",
        Array.from({ length: 1000 }, (_, i) => `h${i}: v`),
      ),
    ],
    status: [200],
  },
  {
    name: "5,000 headers past the head limit",
    chunks: [
      get(
        "/hello",
        Array.from({ length: 5000 }, (_, i) => `h${i}: v`),
      ),
    ],
    status: [431],
    closes: true,
  },
  // obs-fold is deprecated (RFC 9112 §5.2); llhttp rejects it in strict mode
  {
    name: "an obs-folded header",
    chunks: [get("/header", ["X-Token: a", " b"])],
    status: [400],
    closes: true,
  },
  {
    name: "a header name with a space",
    chunks: [get("/hello", ["X Token: a"])],
    status: [400],
    closes: true,
  },
  {
    name: "a space before the colon",
    chunks: [get("/hello", ["X-Token : a"])],
    status: [400],
    closes: true,
  },
  {
    name: "a header line without a colon",
    chunks: [get("/hello", ["NoColonHere"])],
    status: [400],
    closes: true,
  },
  {
    name: "a NUL byte in a header value",
    chunks: [get("/header", ["X-Token: a\0b"])],
    status: [400],
    closes: true,
  },
  // node keeps the first Host line; uvicorn's httptools keeps both: either way, answered
  { name: "two Host headers", chunks: [get("/hello", ["Host: other"])], status: [200] },
  {
    name: "an empty Host header",
    chunks: [raw("GET /hello HTTP/1.1\r\nHost:\r\n\r\n")],
    status: [200],
  },
  {
    name: "a slash redirect with a non-ASCII Host",
    chunks: [raw("GET /hello/ HTTP/1.1\r\nHost: caf\xe9\r\n\r\n")],
    status: [307],
    headers: { location: "http://caf\xe9/hello" },
  },
  {
    name: "a slash redirect to a path with an encoded CRLF",
    chunks: [get("/items/%0D%0ASet-Cookie:%20x=1/")],
    status: [307],
    headers: { location: "http://127.0.0.1/items/%0D%0ASet-Cookie:%20x=1" },
  },
  // RFC 9112 §3.2: a server must answer 400 to an HTTP/1.1 request without Host
  {
    name: "no Host header on HTTP/1.1",
    chunks: [raw("GET /hello HTTP/1.1\r\n\r\n")],
    status: [400],
    closes: true,
  },
  {
    name: "a slash redirect with a hostile Host",
    chunks: [raw("GET /hello/ HTTP/1.1\r\nHost: a\r\n\r\n")],
    status: [307],
  },
  {
    name: "Expect: 100-continue",
    chunks: [request("POST /items HTTP/1.1", [JSON_HEADER, ["Expect", "100-continue"]], ITEM)],
    status: [200],
    body: ITEM,
  },
  // RFC 9110 §10.1.1: a server may answer 417 to an expectation it does not understand
  {
    name: "an unknown Expect value",
    chunks: [request("POST /items HTTP/1.1", [JSON_HEADER, ["Expect", "teapot"]], ITEM)],
    status: [417],
  },
  {
    name: "Connection: close",
    chunks: [get("/hello", ["Connection: close"])],
    status: [200],
    closes: true,
  },
  {
    name: "HTTP/1.0 without keep-alive",
    chunks: [raw("GET /hello HTTP/1.0\r\n\r\n")],
    status: [200],
    closes: true,
  },
  {
    name: "HTTP/1.0 with keep-alive, two requests",
    chunks: [
      raw("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"),
      raw("GET /items/1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"),
    ],
    status: [200, 200],
    keepsOpen: true,
  },
  {
    name: "pipelined: good, bad JSON, good",
    chunks: [Buffer.concat([get("/hello"), post("/items", JSON_TYPE, "{"), get("/items/2")])],
    status: [200, 422, 200],
    keepsOpen: true,
  },
  // node answers the good request, then closes on the garbage instead of writing a 400 after it
  {
    name: "pipelined: good, then garbage",
    chunks: [Buffer.concat([get("/hello"), raw("GARBAGE\r\n\r\n")])],
    status: [200],
    closes: true,
  },
  {
    name: "pipelined: 404, 405, 422",
    chunks: [Buffer.concat([get("/nope"), request("PUT /hello HTTP/1.1"), get("/items/x")])],
    status: [404, 405, 422],
    keepsOpen: true,
  },
  {
    name: "200 pipelined requests in one write",
    chunks: [Buffer.concat(Array.from({ length: 200 }, () => get("/hello")))],
    status: Array.from({ length: 200 }, () => 200),
    keepsOpen: true,
  },
  {
    name: "pipelined: an unread body on a 404, then a request",
    chunks: [Buffer.concat([post("/nope", JSON_TYPE, "x".repeat(100_000)), get("/hello")])],
    status: [404, 200],
    keepsOpen: true,
  },
  {
    name: "pipelined: an unread body on a 405, then a request",
    chunks: [Buffer.concat([request("PUT /hello HTTP/1.1", [JSON_HEADER], ITEM), get("/hello")])],
    status: [405, 200],
    keepsOpen: true,
  },
  {
    name: "pipelined: an unread body on a path 422, then a request",
    chunks: [Buffer.concat([request("GET /items/x HTTP/1.1", [JSON_HEADER], ITEM), get("/hello")])],
    status: [422, 200],
    keepsOpen: true,
  },
  {
    name: "pipelined: a multipart body without a boundary, then a request",
    chunks: [
      Buffer.concat([post("/login", "multipart/form-data", "--X\r\n".repeat(1000)), get("/hello")]),
    ],
    status: [400, 200],
    keepsOpen: true,
  },
];

const bodies: HostileCase[] = [
  // json.loads on bytes detects a BOM (utf-8-sig): FastAPI parses it
  {
    name: "JSON with a UTF-8 BOM",
    chunks: [post("/items", JSON_TYPE, Buffer.from(`\ufeff${ITEM}`))],
    status: [200],
    body: ITEM,
  },
  // json.loads on bytes detects UTF-16 (with or without BOM) and parses it
  {
    name: "JSON in UTF-16LE with a BOM",
    chunks: [post("/items", JSON_TYPE, utf16le(ITEM, true))],
    status: [200],
    body: ITEM,
  },
  {
    name: "JSON in UTF-16LE without a BOM",
    chunks: [post("/items", JSON_TYPE, utf16le(ITEM, false))],
    status: [200],
    body: ITEM,
  },
  {
    name: "JSON in UTF-16BE with a BOM",
    chunks: [
      post(
        "/items",
        JSON_TYPE,
        Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(ITEM, "utf16le").swap16()]),
      ),
    ],
    status: [200],
    body: ITEM,
  },
  {
    name: "malformed JSON in UTF-16LE",
    chunks: [post("/items", JSON_TYPE, utf16le('{"name":', false))],
    status: [422],
    contains: '"json_invalid"',
  },
  {
    name: "JSON in UTF-32LE (no decoder reads it)",
    chunks: [post("/items", JSON_TYPE, Buffer.from([0x7b, 0, 0, 0, 0x7d, 0, 0, 0]))],
    status: [422],
    contains: '"json_invalid"',
  },
  {
    name: "an escaped lone surrogate",
    chunks: [post("/echo", JSON_TYPE, '"\\ud800"')],
    status: [200],
    body: '{"value":"\\ud800"}',
  },
  {
    name: "1e999 for a number field",
    chunks: [post("/items", JSON_TYPE, '{"name":"a","price":1e999}')],
    status: [422],
  },
  { name: "1e999 echoed", chunks: [post("/echo", JSON_TYPE, "1e999")], status: [200] },
  {
    name: "-0 for a positive field",
    chunks: [post("/items", JSON_TYPE, '{"name":"a","price":-0}')],
    status: [422],
    contains: '"greater_than"',
  },
  {
    name: "a 20-digit integer for a number field",
    chunks: [post("/items", JSON_TYPE, '{"name":"a","price":100000000000000000000}')],
    status: [200],
    body: '{"name":"a","price":100000000000000000000}',
  },
  {
    name: "a 400-digit integer",
    chunks: [post("/echo", JSON_TYPE, "9".repeat(400))],
    status: [200],
  },
  {
    name: "duplicate keys (the last wins)",
    chunks: [post("/items", JSON_TYPE, '{"name":"a","name":"b","price":1}')],
    status: [200],
    body: '{"name":"b","price":1}',
  },
  {
    name: "a __proto__ key",
    chunks: [post("/items", JSON_TYPE, '{"__proto__":{"polluted":1},"name":"a","price":1}')],
    status: [200],
    body: ITEM,
  },
  {
    name: "a __proto__ key echoed",
    chunks: [post("/echo", JSON_TYPE, '{"__proto__":{"polluted":1}}')],
    status: [200],
  },
  {
    name: "a constructor.prototype key",
    chunks: [
      post(
        "/items",
        JSON_TYPE,
        '{"constructor":{"prototype":{"polluted":1}},"name":"a","price":1}',
      ),
    ],
    status: [200],
    body: ITEM,
  },
  // Python's json raises RecursionError past ~1,000 levels: FastAPI answers 400 (§3: a body
  // it cannot decode); V8 parses it, but quoting it in a 422 or echoing it overflows the stack
  {
    name: "objects nested 150,000 deep",
    chunks: [post("/items", JSON_TYPE, nested(150_000, '{"a":', "}"))],
    status: [400],
    body: PARSE_ERROR,
  },
  {
    name: "arrays nested 200,000 deep",
    chunks: [post("/items", JSON_TYPE, nested(200_000, "[", "]"))],
    status: [400],
    body: PARSE_ERROR,
  },
  {
    name: "objects nested 150,000 deep, echoed",
    chunks: [post("/echo", JSON_TYPE, nested(150_000, '{"a":', "}"))],
    status: [400],
    body: PARSE_ERROR,
  },
  {
    name: "arrays nested 10,000 deep, echoed",
    chunks: [post("/echo", JSON_TYPE, nested(10_000, "[", "]"))],
    status: [400],
    body: PARSE_ERROR,
  },
  {
    name: "arrays nested 500 deep, echoed",
    chunks: [post("/echo", JSON_TYPE, nested(500, "[", "]"))],
    status: [200],
  },
  {
    name: "brackets inside a string do not count as nesting",
    chunks: [post("/items", JSON_TYPE, `{"name":"${"[".repeat(10_000)}","price":1}`)],
    status: [200],
  },
  {
    name: "a 2 MB string",
    chunks: [post("/items", JSON_TYPE, `{"name":"${"x".repeat(2 * 1024 * 1024)}","price":1}`)],
    status: [413],
    closes: true,
  },
  {
    name: "a 900 KB string under the limit",
    chunks: [post("/echo", JSON_TYPE, `"${"x".repeat(900_000)}"`)],
    status: [200],
  },
  {
    name: "charset=latin1 with a non-UTF-8 byte",
    chunks: [post("/items", "application/json; charset=latin1", '{"name":"\xe9","price":1}')],
    status: [400],
    body: '{"detail":"There was an error parsing the body"}',
  },
  {
    name: "charset=latin1 with ASCII JSON",
    chunks: [post("/items", "application/json; charset=latin1", ITEM)],
    status: [200],
    body: ITEM,
  },
  {
    name: "an uppercase JSON content type",
    chunks: [post("/items", "APPLICATION/JSON", ITEM)],
    status: [200],
    body: ITEM,
  },
  {
    name: "a form body to a JSON route",
    chunks: [post("/items", form, "name=a&price=1")],
    status: [422],
    contains: '"model_attributes_type"',
  },
  {
    name: "a multipart body to a JSON route",
    chunks: [post("/items", "multipart/form-data; boundary=X", "--X--")],
    status: [422],
    contains: '"model_attributes_type"',
  },
  {
    name: "an empty JSON body with content-length 0",
    chunks: [post("/items", JSON_TYPE, "")],
    status: [422],
    contains: '"missing"',
  },
  {
    name: "JSON null",
    chunks: [post("/items", JSON_TYPE, "null")],
    status: [422],
    contains: '"missing"',
  },
  { name: "a JSON body with no content type", chunks: [post("/items", null, ITEM)], status: [422] },
  {
    name: "invalid UTF-8 in a JSON body",
    chunks: [post("/items", JSON_TYPE, '{"name":"\xff","price":1}')],
    status: [400],
  },
  {
    name: "an escaped NUL in a string",
    chunks: [post("/items", JSON_TYPE, '{"name":"\\u0000","price":1}')],
    status: [200],
  },
  {
    name: "a raw control character in a string",
    chunks: [post("/items", JSON_TYPE, '{"name":"\x01","price":1}')],
    status: [422],
    contains: '"json_invalid"',
  },
  {
    name: "NaN in JSON",
    chunks: [post("/items", JSON_TYPE, '{"name":"a","price":NaN}')],
    status: [422],
    contains: '"json_invalid"',
  },
  {
    name: "a body on GET",
    chunks: [request("GET /hello HTTP/1.1", [JSON_HEADER], ITEM), get("/hello")],
    status: [200, 200],
    keepsOpen: true,
  },
  {
    name: "a chunked JSON body",
    chunks: [
      request(
        "POST /items HTTP/1.1",
        [JSON_HEADER, CHUNKED],
        `5\r\n${ITEM.slice(0, 5)}\r\n11\r\n${ITEM.slice(5)}\r\n0\r\n\r\n`,
        null,
      ),
    ],
    status: [200],
    body: ITEM,
  },
  {
    name: "a truncated body, then the client hangs up",
    chunks: [request("POST /items HTTP/1.1", [JSON_HEADER], '{"name":', 1000)],
    status: [],
    hangUp: true,
  },
  {
    name: "a truncated chunked body, then the client hangs up",
    chunks: [request("POST /items HTTP/1.1", [JSON_HEADER, CHUNKED], "10\r\n{", null)],
    status: [],
    hangUp: true,
  },
  {
    name: "a truncated form body, then the client hangs up",
    chunks: [request("POST /login HTTP/1.1", [["Content-Type", form]], "username=a", 1000)],
    status: [],
    hangUp: true,
  },
  {
    name: "JSON to a form route",
    chunks: [post("/login", JSON_TYPE, '{"username":"u","password":"abcd"}')],
    status: [422],
    contains: '"missing"',
  },
  {
    name: "multipart without a boundary to a form route",
    chunks: [post("/login", "multipart/form-data", "garbage")],
    status: [400],
    body: '{"detail":"Missing boundary in multipart."}',
  },
  // Starlette unquotes form fields leniently and would answer 200 to these two; the form parser
  // refuses a malformed %-escape, which is still a clean 400 in FastAPI's shape
  {
    name: "a form field with an invalid %-escape",
    chunks: [post("/login", form, "username=%zz&password=abcd")],
    status: [400],
    body: PARSE_ERROR,
  },
  {
    name: "a form body ending in %",
    chunks: [post("/login", form, "username=a&password=abcd%")],
    status: [400],
    body: PARSE_ERROR,
  },
  {
    name: "a form body with invalid UTF-8 escapes",
    chunks: [post("/login", form, "username=a&password=%ff%fe%fd%fc")],
    status: [200],
    body: '{"username":"a"}',
  },
];

const queries: HostileCase[] = [
  {
    name: "10,000 query params",
    chunks: [get(`/items/1?${manyParams(10_000, (i) => `k${i}=v`)}`)],
    status: [431],
    closes: true,
  },
  {
    name: "1,500 query params under the head limit",
    chunks: [get(`/items/1?${manyParams(1500, (i) => `k${i}`)}`)],
    status: [200],
  },
  {
    name: "a key repeated 1,000 times (the last wins)",
    chunks: [get(`/items/1?${manyParams(1000, (i) => `limit=${(i % 100) + 1}`)}`)],
    status: [200],
    body: '{"item_id":1,"q":null,"limit":100}',
  },
  {
    name: "a list param past its max length",
    chunks: [get(`/search?${manyParams(1000, () => "tags=a")}`)],
    status: [422],
    contains: '"too_long"',
  },
  {
    name: "a lone % at the end of the query",
    chunks: [get("/items/1?q=%")],
    status: [200],
    body: '{"item_id":1,"q":"%","limit":10}',
  },
  {
    name: "+ and %2B in a query value",
    chunks: [get("/items/1?q=a+b%2Bc")],
    status: [200],
    body: '{"item_id":1,"q":"a b+c","limit":10}',
  },
  {
    name: "a key without =",
    chunks: [get("/items/1?q")],
    status: [200],
    body: '{"item_id":1,"q":"","limit":10}',
  },
  {
    name: "an empty int query value",
    chunks: [get("/items/1?limit=")],
    status: [422],
    contains: '"int_parsing"',
  },
  {
    name: "a huge query value",
    chunks: [get(`/items/1?q=${"x".repeat(10_000)}`)],
    status: [422],
    contains: '"string_too_long"',
  },
  {
    name: "a 30-digit int query value",
    chunks: [get("/items/1?limit=999999999999999999999999999999")],
    status: [422],
  },
  {
    name: "Infinity for an int query value",
    chunks: [get("/items/1?limit=Infinity")],
    status: [422],
    contains: '"int_parsing"',
  },
  {
    name: "1e2 for an int query value",
    chunks: [get("/items/1?limit=1e2")],
    status: [422],
    contains: '"int_parsing"',
  },
  {
    name: "invalid UTF-8 escapes in the query",
    chunks: [get("/items/1?q=%ff%fe")],
    status: [200],
    body: '{"item_id":1,"q":"\uFFFD\uFFFD","limit":10}',
  },
  {
    name: "__proto__ and constructor query keys",
    chunks: [get("/items/1?__proto__=x&constructor=y&toString=z")],
    status: [200],
  },
  { name: "only separators in the query", chunks: [get("/items/1?&&&==&=")], status: [200] },
  // clients never send a fragment; uvicorn's h11 loop keeps it in the query as this does
  // (its httptools loop drops it)
  {
    name: "a fragment after the query",
    chunks: [get("/items/1?q=a#frag")],
    status: [200],
    body: '{"item_id":1,"q":"a#frag","limit":10}',
  },
  // Python ints are unbounded; an int here stops at Number.MAX_SAFE_INTEGER (the documented
  // limit of §1), so past it the answer is a 422 and never a wrong number
  {
    name: "a 30-digit path int",
    chunks: [get("/items/999999999999999999999999999999")],
    status: [422],
    contains: '"less_than_equal"',
  },
];

const cookiesAndParams: HostileCase[] = [
  {
    name: "a missing header param",
    chunks: [get("/header")],
    status: [422],
    contains: '"missing"',
  },
  {
    name: "a header param past its max length",
    chunks: [get("/header", [`X-Token: ${"t".repeat(5000)}`])],
    status: [422],
    contains: '"string_too_long"',
  },
  {
    name: "a header param sent twice",
    chunks: [get("/header", ["X-Token: a", "X-Token: b"])],
    status: [200],
    body: '{"x_token":"a, b"}',
  },
  {
    name: "a header param with non-ASCII bytes",
    chunks: [get("/header", ["X-Token: caf\xe9"])],
    status: [200],
  },
  {
    name: "malformed cookie pairs",
    chunks: [get("/cookie", ["Cookie: session; =; ==; ;;; a"])],
    status: [422],
    contains: '"missing"',
  },
  {
    name: "a quoted cookie",
    chunks: [get("/cookie", ['Cookie: session="abc"'])],
    status: [200],
    body: '{"session":"abc"}',
  },
  {
    name: "a cookie with a lone quote",
    chunks: [get("/cookie", ['Cookie: session="abc'])],
    status: [200],
    body: '{"session":"\\"abc"}',
  },
  {
    name: "1,000 cookies",
    chunks: [get("/cookie", [`Cookie: ${manyCookies(1000)}; session=s`])],
    status: [200],
    body: '{"session":"s"}',
  },
  {
    name: "5,000 cookies past the head limit",
    chunks: [get("/cookie", [`Cookie: ${manyCookies(5000)}`])],
    status: [431],
    closes: true,
  },
  {
    name: "a cookie past its max length",
    chunks: [get("/cookie", [`Cookie: session=${"s".repeat(5000)}`])],
    status: [422],
    contains: '"string_too_long"',
  },
  {
    name: "__proto__ and constructor cookies",
    chunks: [get("/cookie", ["Cookie: __proto__=x; constructor=y; session=s"])],
    status: [200],
    body: '{"session":"s"}',
  },
  {
    name: "two Cookie header lines",
    chunks: [get("/cookie", ["Cookie: a=1", "Cookie: session=s"])],
    status: [200],
    body: '{"session":"s"}',
  },
];

export const HOSTILE_CASES: HostileCase[] = [
  ...requestLine,
  ...headers,
  ...bodies,
  ...queries,
  ...cookiesAndParams,
];
