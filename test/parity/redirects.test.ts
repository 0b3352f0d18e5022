import { describe, expect, it } from "vitest";
import { TestClient } from "../../src/index.js";
import { createRedirectApp, createStrictSlashApp } from "./apps/app-errors.js";
import { CASES } from "./cases.js";
import { expectCase, sendCase } from "./recorded.js";

const client = new TestClient(createRedirectApp());
const strictClient = new TestClient(createStrictSlashApp());

describe("§6 trailing-slash redirects", () => {
  it.each([
    "redirect-add-slash",
    "redirect-add-slash-keeps-query",
    "redirect-add-slash-post",
    "redirect-remove-slash",
    "router-prefix-root-exact",
    "router-prefix-root-noslash",
  ])("%s answers as recorded", async (name) => {
    await expectCase(client, CASES[name]);
  });

  it.each(["redirect-add-slash", "redirect-add-slash-post", "router-prefix-root-noslash"])(
    "%s has no body, content-length 0 and no content-type",
    async (name) => {
      const r = await sendCase(client, CASES[name]!);
      expect(r.headers.get("content-length")).toBe("0");
      expect(r.headers.has("content-type")).toBe(false);
      expect(await r.text()).toBe("");
    },
  );

  it("redirect-slashes-disabled answers a plain 404", async () => {
    await expectCase(strictClient, CASES["redirect-slashes-disabled"]);
  });

  it("the redirect Location is built from the Host header when the app trusts that host", async () => {
    const r = await client.get("/slash", { headers: { host: "api.example.com" } });
    expect(r.headers.get("location")).toBe("http://api.example.com/slash/");
  });

  // security divergence (docs/coming-from-fastapi.md): FastAPI writes http://evil.example/…
  it("the redirect Location is a path for a host the app does not trust", async () => {
    const r = await client.get("/slash?x=1", { headers: { host: "evil.example" } });
    expect(r.status).toBe(307);
    expect(r.headers.get("location")).toBe("/slash/?x=1");
  });
});
