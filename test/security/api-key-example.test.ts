import { describe, expect, it } from "vitest";
import { app, legacyApp } from "../../examples/security/api-key.js";
import { TestClient } from "../../src/index.js";

const client = new TestClient(app);
const prompt = { prompt: "hello tailored world", max_tokens: 2 };

describe("the API key example", () => {
  it("serves a completion to a client with the service key", async () => {
    const response = await client.post("/v1/completions", {
      headers: { "X-API-Key": "sk-dev-only" },
      json: prompt,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ model: "echo-1", completion: "tailored hello" });
  });

  it("answers 401 Invalid API key to a wrong key", async () => {
    const response = await client.post("/v1/completions", {
      headers: { "X-API-Key": "sk-guess" },
      json: prompt,
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("APIKey");
    expect(await response.text()).toBe('{"detail":"Invalid API key"}');
  });

  it("answers 401 Not authenticated when the key is missing", async () => {
    const response = await client.post("/v1/completions", { json: prompt });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('{"detail":"Not authenticated"}');
  });

  it("identifies the bearer of a known token and refuses others", async () => {
    const me = await client.get("/v1/me", { headers: { Authorization: "Bearer tok-alice" } });
    expect(await me.json()).toEqual({ name: "alice" });
    const wrong = await client.get("/v1/me", { headers: { Authorization: "Bearer tok-eve" } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toBe('{"detail":"Invalid token"}');
  });

  it("lists preview models only to clients with the key", async () => {
    expect(await (await client.get("/v1/models")).json()).toEqual({ models: ["echo-1"] });
    const keyed = await client.get("/v1/models", { headers: { "X-API-Key": "sk-dev-only" } });
    expect(await keyed.json()).toEqual({ models: ["echo-1", "echo-2-preview"] });
  });

  it("answers a missing bearer token with 403 when the app asks for 0.115 statuses", async () => {
    const response = await new TestClient(legacyApp).get("/v1/me");
    expect(response.status).toBe(403);
    expect(response.headers.get("www-authenticate")).toBeNull();
    expect(await response.text()).toBe('{"detail":"Not authenticated"}');
  });
});
