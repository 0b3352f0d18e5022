import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { app, assets, createDevApp } from "../../examples/security/hardened.js";
import { TestClient } from "../../src/index.js";

const client = new TestClient(app);
afterAll(() => rmSync(assets, { recursive: true, force: true }));

describe("the hardened example", () => {
  it("answers a catastrophic-pattern attack on the slug with a quick 422", async () => {
    const started = performance.now();
    const response = await client.get(`/articles?slug=${"a".repeat(5000)}!`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(response.status).toBe(422);
    expect((await client.get("/articles?slug=hello-world")).status).toBe(200);
  });

  it("refuses a __proto__ key and deep nesting with 400", async () => {
    const send = (body: string) =>
      client.post("/notes", { headers: { "content-type": "application/json" }, body });
    expect((await send('{"text":"hi","__proto__":{"admin":true}}')).status).toBe(400);
    expect((await send(`{"text":"hi","x":${"[".repeat(70)}${"]".repeat(70)}}`)).status).toBe(400);
    expect((await send('{"text":"hi"}')).status).toBe(200);
  });

  it("refuses a gzip body with 415", async () => {
    const response = await client.post("/notes", {
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      body: "{}",
    });
    expect(response.status).toBe(415);
  });

  it("serves the page but never the .env next to it", async () => {
    expect(await (await client.get("/assets/")).text()).toContain("Hardened API");
    const secret = await client.get("/assets/.env");
    expect(secret.status).toBe(404);
    expect(await secret.text()).not.toContain("hunter2");
  });

  it("redirects with a path unless the Host is trusted", async () => {
    const forged = await client.get("/assets", { headers: { host: "evil.example" } });
    expect(forged.headers.get("location")).toBe("/assets/");
    const trusted = await client.get("/assets", { headers: { host: "api.example.com" } });
    expect(trusted.headers.get("location")).toBe("http://api.example.com/assets/");
  });

  it("answers 413 to an avatar over the route's file size", async () => {
    const body = `--B\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\n\r\n${"x".repeat(300 * 1024)}\r\n--B--\r\n`;
    const response = await client.post("/avatars", {
      headers: { "content-type": "multipart/form-data; boundary=B" },
      body,
    });
    expect(response.status).toBe(413);
  });

  it("shows a 500's traceback only when TAILOR_DEBUG=1 turns debug on", async () => {
    const options = { raiseServerExceptions: false };
    const dev = new TestClient(createDevApp({ TAILOR_DEBUG: "1" }), options);
    const shown = await dev.get("/reports/7");
    expect(shown.status).toBe(500);
    expect(await shown.text()).toMatch(
      /^Error: report 7 is missing from the cache\n {4}at readReport/,
    );
    const prod = new TestClient(createDevApp({}), options);
    expect(await (await prod.get("/reports/7")).text()).toBe("Internal Server Error");
  });
});
