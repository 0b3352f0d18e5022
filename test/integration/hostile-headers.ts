import {
  CHUNKED,
  get,
  type HostileCase,
  ITEM,
  JSON_HEADER,
  JSON_TYPE,
  post,
  raw,
  request,
} from "./hostile-wire.js";

/** Hostile headers: framing (Content-Length, chunked), folding, Host, Expect, Connection, pipelining. */
export const HEADER_CASES: HostileCase[] = [
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
  // RFC 9112 §3.2: more than one Host line is a 400 (uvicorn answers; a proxy and the app
  // could each believe a different host), and the connection closes
  {
    name: "two Host headers",
    chunks: [get("/hello", ["Host: other"])],
    status: [400],
    body: '{"detail":"Duplicate Host header"}',
    closes: true,
  },
  {
    name: "an empty Host header",
    chunks: [raw("GET /hello HTTP/1.1\r\nHost:\r\n\r\n")],
    status: [200],
  },
  {
    name: "a slash redirect with a non-ASCII Host",
    chunks: [raw("GET /hello/ HTTP/1.1\r\nHost: caf\xe9\r\n\r\n")],
    status: [307],
    headers: { location: "/hello" },
  },
  {
    name: "a slash redirect to a path with an encoded CRLF",
    chunks: [get("/items/%0D%0ASet-Cookie:%20x=1/")],
    status: [307],
    headers: { location: "/items/%0D%0ASet-Cookie:%20x=1" },
  },
  // RFC 9112 §3.2: a server must answer 400 to an HTTP/1.1 request without Host
  {
    name: "no Host header on HTTP/1.1",
    chunks: [raw("GET /hello HTTP/1.1\r\n\r\n")],
    status: [400],
    closes: true,
  },
  // FastAPI answers "http://evil.example/hello": an open redirect and a cache-poisoning shape
  {
    name: "a slash redirect with a hostile Host",
    chunks: [raw("GET /hello/ HTTP/1.1\r\nHost: evil.example\r\n\r\n")],
    status: [307],
    headers: { location: "/hello" },
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
    // uvicorn answers the good request, then refuses the garbage
    status: [200, 400],
    body: "Invalid HTTP request received.",
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
  // a body still arriving when the answer is sent is never read: the connection closes, so
  // nothing after it is parsed (or answered) as a next request
  {
    name: "pipelined: an unread 100 KB body on a 404, then a request",
    chunks: [Buffer.concat([post("/nope", JSON_TYPE, "x".repeat(100_000)), get("/hello")])],
    status: [404],
    closes: true,
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
  {
    name: "a request, then the client ends its side",
    chunks: [get("/hello")],
    status: [200],
    halfClose: true,
    closes: true,
  },
  {
    name: "two pipelined requests, then the client ends its side",
    chunks: [Buffer.concat([get("/hello"), get("/items/1")])],
    status: [200, 200],
    halfClose: true,
    closes: true,
  },
  // the body ends early: llhttp's own 400, as for other framing errors
  {
    name: "a truncated body, then the client ends its side",
    chunks: [request("POST /items HTTP/1.1", [JSON_HEADER], '{"name":', 100)],
    status: [400],
    halfClose: true,
    closes: true,
  },
];
