import { describe, expect, it } from "vitest";
import { TestClient } from "../../src/index.js";
import { createFormApp } from "../params/form-apps.js";

const client = new TestClient(createFormApp());

describe("OAuth2PasswordRequestForm (§10)", () => {
  it("reports username and password missing for an empty form", async () => {
    const response = await client.post("/token", { form: {} });
    expect(response.status).toBe(422);
    expect(await response.text()).toBe(
      '{"detail":[{"type":"missing","loc":["body","username"],"msg":"Field required","input":null},{"type":"missing","loc":["body","password"],"msg":"Field required","input":null}]}',
    );
  });

  it("rejects grant_type=client_credentials with string_pattern_mismatch", async () => {
    const response = await client.post("/token", {
      form: { username: "u", password: "p", grant_type: "client_credentials" },
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      detail: [
        {
          type: "string_pattern_mismatch",
          loc: ["body", "grant_type"],
          msg: "String should match pattern '^password$'",
          input: "client_credentials",
          ctx: { pattern: "^password$" },
        },
      ],
    });
  });

  it("splits scope into scopes and leaves grant_type and client_id null", async () => {
    const response = await client.post("/token", {
      form: { username: "u", password: "p", scope: "read write" },
    });
    expect(await response.json()).toEqual({
      grant_type: null,
      username: "u",
      password: "p",
      scopes: ["read", "write"],
      client_id: null,
      client_secret: null,
    });
  });

  it("passes every field of a full form", async () => {
    const response = await client.post("/token", {
      form: {
        grant_type: "password",
        username: "u",
        password: "p",
        client_id: "c",
        client_secret: "s",
      },
    });
    expect(await response.json()).toEqual({
      grant_type: "password",
      username: "u",
      password: "p",
      scopes: [],
      client_id: "c",
      client_secret: "s",
    });
  });

  it("requires grant_type in the strict form", async () => {
    const response = await client.post("/token-strict", { form: { username: "u", password: "p" } });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      detail: [
        { type: "missing", loc: ["body", "grant_type"], msg: "Field required", input: null },
      ],
    });
  });
});
