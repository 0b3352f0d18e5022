import {
  CHUNKED,
  FORM,
  get,
  type HostileCase,
  ITEM,
  JSON_HEADER,
  JSON_TYPE,
  nested,
  PARSE_ERROR,
  post,
  request,
  utf16le,
} from "./hostile-wire.js";

const FORBIDDEN_KEY = '{"detail":"Body contains a forbidden prototype key"}';

/** Hostile bodies: encodings, numbers, keys, nesting, sizes, content types, truncation. */
export const BODY_CASES: HostileCase[] = [
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
  // FastAPI accepts these (Python objects have no prototype to reach); JavaScript code that
  // merges a body into an object does: refused with 400, as Fastify does
  {
    name: "a __proto__ key",
    chunks: [post("/items", JSON_TYPE, '{"__proto__":{"polluted":1},"name":"a","price":1}')],
    status: [400],
    body: FORBIDDEN_KEY,
  },
  {
    name: "a __proto__ key echoed",
    chunks: [post("/echo", JSON_TYPE, '{"__proto__":{"polluted":1}}')],
    status: [400],
    body: FORBIDDEN_KEY,
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
    status: [400],
    body: FORBIDDEN_KEY,
  },
  {
    name: "an escaped __proto__ key",
    chunks: [post("/echo", JSON_TYPE, '{"\\u005f_proto__":{"polluted":1}}')],
    status: [400],
    body: FORBIDDEN_KEY,
  },
  {
    name: "a __proto__ key nested in an array",
    chunks: [post("/echo", JSON_TYPE, '{"a":[1,{"b":{"__proto__":{"polluted":1}}}]}')],
    status: [400],
    body: FORBIDDEN_KEY,
  },
  {
    name: "an escaped constructor.prototype key, nested",
    chunks: [post("/echo", JSON_TYPE, '[{"constructor":{"\\u0070rototype":{"polluted":1}}}]')],
    status: [400],
    body: FORBIDDEN_KEY,
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
  // FastAPI parses up to ~1,000 levels; the default limit is 64 (docs/security.md)
  {
    name: "arrays nested 100 deep, echoed",
    chunks: [post("/echo", JSON_TYPE, nested(100, "[", "]"))],
    status: [400],
    body: PARSE_ERROR,
  },
  {
    name: "objects nested 64 deep, echoed",
    chunks: [post("/echo", JSON_TYPE, nested(63, '{"a":', "}", "[1]"))],
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
    chunks: [post("/items", FORM, "name=a&price=1")],
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
    chunks: [request("POST /login HTTP/1.1", [["Content-Type", FORM]], "username=a", 1000)],
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
  // prototype keys are plain field names in a form (null-prototype maps), never a prototype
  {
    name: "__proto__ and constructor form fields",
    chunks: [
      post(
        "/login",
        FORM,
        "__proto__=x&__proto__[polluted]=1&constructor[prototype][polluted]=1&username=u&password=abcd",
      ),
    ],
    status: [200],
    body: '{"username":"u"}',
  },
  {
    name: "__proto__ multipart fields",
    chunks: [
      post(
        "/upload",
        "multipart/form-data; boundary=B",
        '--B\r\nContent-Disposition: form-data; name="__proto__"\r\n\r\n{"polluted":1}\r\n--B\r\nContent-Disposition: form-data; name="__proto__"; filename="p"\r\n\r\nx\r\n--B\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc\r\n--B--\r\n',
      ),
    ],
    status: [200],
    body: '{"size":3}',
  },
  // Starlette unquotes form fields leniently: a malformed %-escape stays as written
  {
    name: "a form field with an invalid %-escape",
    chunks: [post("/login", FORM, "username=%zz&password=abcd")],
    status: [200],
    body: '{"username":"%zz"}',
  },
  {
    name: "a form body ending in %",
    chunks: [post("/login", FORM, "username=a&password=abcd%")],
    status: [200],
    body: '{"username":"a"}',
  },
  {
    name: "a form body with invalid UTF-8 escapes",
    chunks: [post("/login", FORM, "username=a&password=%ff%fe%fd%fc")],
    status: [200],
    body: '{"username":"a"}',
  },
];
