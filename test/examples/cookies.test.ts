import { describe, expect, it } from "vitest";
import { app } from "../../examples/tutorial/cookies.js";
import { parseCookies } from "../../src/http/cookies.js";
import { App, TestClient } from "../../src/index.js";

const client = new TestClient(app);

/** The `expires` of a deleted cookie is the time it was deleted, as Starlette writes it. */
function deletedAt(cookie: string): number {
  const date = /; expires=([^;]+); /.exec(cookie)?.[1];
  expect(date).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  return Date.parse(date!);
}

describe("the cookies tutorial", () => {
  it("reads cookies into typed params, with defaults and aliases", async () => {
    const response = await client.get("/me", {
      headers: { cookie: 'session=s1; __Host-ads="a1"; other=1' },
    });
    expect(await response.json()).toEqual({ session: "s1", theme: "light", ads_id: "a1" });
  });

  it("answers 422 naming the cookie when a value is invalid", async () => {
    const response = await client.get("/me", { headers: { cookie: "session=s1; theme=blue" } });
    expect(response.status).toBe(422);
    expect((await response.json()).detail[0].loc).toEqual(["cookie", "theme"]);
  });

  it("writes every attribute in Starlette's format and order", async () => {
    const response = await client.post("/login");
    expect(response.headers.getSetCookie()).toEqual([
      "sid=abc; HttpOnly; Path=/; SameSite=lax",
      "theme=dark; Domain=example.com; expires=Tue, 01 Jan 2030 00:00:00 GMT; Max-Age=31536000; Path=/; SameSite=strict; Secure",
      "__Host-ads=a1; Partitioned; Path=/; SameSite=none; Secure",
    ]);
  });

  it("deletes cookies as Starlette does: empty quoted value, expires now, Max-Age=0", async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const response = await client.post("/logout");
    const after = Date.now();
    const [sid, theme] = response.headers.getSetCookie();
    expect(sid).toMatch(/^sid=""; expires=[^;]+; Max-Age=0; Path=\/; SameSite=lax$/);
    expect(theme).toMatch(
      /^theme=""; Domain=example\.com; expires=[^;]+; Max-Age=0; Path=\/; SameSite=strict; Secure$/,
    );
    for (const cookie of [sid!, theme!]) {
      expect(deletedAt(cookie)).toBeGreaterThanOrEqual(before);
      expect(deletedAt(cookie)).toBeLessThanOrEqual(after);
    }
  });
});

describe("hostile Cookie headers", () => {
  const echo = new App();
  echo.get("/cookies", {}, (_args, ctx) => ({ cookies: ctx.cookies }));
  const echoClient = new TestClient(echo);

  it("parses malformed chunks as Starlette does, without failing", () => {
    expect(
      parseCookies('=; ;;=x; novalue; sid=abc; theme=dark=er; q="quoted"; "; spaced  =  v  '),
    ).toEqual({ "": '"', sid: "abc", theme: "dark=er", q: "quoted", spaced: "v" });
  });

  it("keeps the last of repeated names and lets no name reach the prototype", async () => {
    const cookies = parseCookies("a=1; __proto__=polluted; constructor=c; a=2");
    expect(cookies.a).toBe("2");
    expect(Object.getPrototypeOf(cookies)).toBeNull();
    expect(Object.keys(cookies)).toEqual(["a", "__proto__", "constructor"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reads a one-megabyte cookie header", async () => {
    const big = "x".repeat(1024 * 1024);
    const response = await client.get("/me", { headers: { cookie: `session=${big}` } });
    expect(response.status).toBe(200);
    expect((await response.json()).session).toHaveLength(big.length);
  });

  it("reads ten thousand cookies in one header", async () => {
    const header = Array.from({ length: 10_000 }, (_, i) => `c${i}=${i}`).join("; ");
    const response = await echoClient.get("/cookies", { headers: { cookie: header } });
    const { cookies } = await response.json();
    expect(Object.keys(cookies)).toHaveLength(10_000);
    expect(cookies.c9999).toBe("9999");
  });

  it("answers a header of only separators and garbage with no cookies", async () => {
    const response = await echoClient.get("/cookies", { headers: { cookie: ";;; ;  ;=;" } });
    expect(await response.json()).toEqual({ cookies: {} });
  });
});
