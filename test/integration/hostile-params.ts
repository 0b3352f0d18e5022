import { get, type HostileCase, manyCookies, manyParams } from "./hostile-wire.js";

/** Hostile query strings: counts, repeats, escapes, sizes, prototype keys. */
export const QUERY_CASES: HostileCase[] = [
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
  // clients never send a fragment; uvicorn's h11 loop keeps it in the query, its httptools
  // loop drops it, as this does: what follows "#" never reaches the query (GHSA-crvj-82cr-hjcx)
  {
    name: "a fragment after the query",
    chunks: [get("/items/1?q=a#frag")],
    status: [200],
    body: '{"item_id":1,"q":"a","limit":10}',
  },
  {
    name: "query params after a fragment",
    chunks: [get("/items/1?q=a#&limit=100000")],
    status: [200],
    body: '{"item_id":1,"q":"a","limit":10}',
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

/** Hostile cookies and header params: malformed pairs, quotes, counts, sizes. */
export const COOKIE_AND_HEADER_PARAM_CASES: HostileCase[] = [
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
    // Starlette's Headers.get reads the first line, as FastAPI does
    body: '{"x_token":"a"}',
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
