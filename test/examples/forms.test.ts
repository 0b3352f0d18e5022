import { describe, expect, it } from "vitest";
import { app as loginApp } from "../../examples/forms/login.js";
import { app as uploadApp } from "../../examples/forms/upload.js";
import { TestClient } from "../../src/index.js";
import { multipart } from "../params/form-helpers.js";

describe("forms example: login", () => {
  const client = new TestClient(loginApp);

  it("logs in with a form and reports a short password under body", async () => {
    const ok = await client.post("/login", { form: { username: "u", password: "abcd" } });
    expect(await ok.json()).toEqual({ username: "u" });
    const short = await client.post("/login", { form: { username: "u", password: "abc" } });
    expect(await short.text()).toBe(
      '{"detail":[{"type":"string_too_short","loc":["body","password"],"msg":"String should have at least 4 characters","input":"abc","ctx":{"min_length":4}}]}',
    );
  });

  it("fills a form model with converted fields and defaults", async () => {
    const response = await client.post("/signup", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=a%40b.c&newsletter=on&interests=llm&interests=audio",
    });
    expect(await response.json()).toEqual({
      email: "a@b.c",
      newsletter: true,
      interests: ["llm", "audio"],
    });
    const bare = await client.post("/signup", { form: { email: "a@b.c" } });
    expect(await bare.json()).toEqual({ email: "a@b.c", newsletter: false, interests: [] });
  });

  it("issues a token for the OAuth2 password form and refuses a wrong password", async () => {
    const ok = await client.post("/token", {
      form: { username: "alice", password: "wonderland", scope: "read write" },
    });
    expect(await ok.json()).toEqual({
      access_token: "alice",
      token_type: "bearer",
      scopes: ["read", "write"],
    });
    const wrong = await client.post("/token", { form: { username: "alice", password: "nope" } });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ detail: "Incorrect username or password" });
  });
});

describe("forms example: uploads for a model", () => {
  const client = new TestClient(uploadApp);

  it("returns the uploaded audio's filename, size and content type", async () => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(4096)], { type: "audio/wav" }), "clip.wav");
    form.append("language", "fr");
    const response = await client.request("POST", "/transcribe", await multipart(form));
    expect(await response.json()).toEqual({
      filename: "clip.wav",
      content_type: "audio/wav",
      size: 4096,
      read: 4096,
      language: "fr",
    });
  });

  it("refuses a file that is neither audio nor an image", async () => {
    const form = new FormData();
    form.append("file", new Blob(["text"], { type: "text/plain" }), "a.txt");
    const response = await client.request("POST", "/transcribe", await multipart(form));
    expect(response.status).toBe(415);
  });

  it("accepts only one file on /transcribe (route limit)", async () => {
    const form = new FormData();
    form.append("file", new Blob(["a"], { type: "image/png" }), "a.png");
    form.append("other", new Blob(["b"], { type: "image/png" }), "b.png");
    const response = await client.request("POST", "/transcribe", await multipart(form));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      detail: "Too many files. Maximum number of files is 1.",
    });
  });

  it("takes several images and an optional mask", async () => {
    const form = new FormData();
    form.append("images", new Blob([new Uint8Array(3)], { type: "image/png" }), "1.png");
    form.append("images", new Blob([new Uint8Array(5)], { type: "image/png" }), "2.png");
    const response = await client.request("POST", "/batch", await multipart(form));
    expect(await response.json()).toEqual({
      images: [
        { filename: "1.png", bytes: 3 },
        { filename: "2.png", bytes: 5 },
      ],
      has_mask: false,
    });
  });

  it("sniffs a file's first bytes, seeks back and reads it whole", async () => {
    const form = new FormData();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
    form.append("file", new Blob([png], { type: "image/png" }), "a.png");
    const response = await client.request("POST", "/sniff", await multipart(form));
    expect(await response.json()).toEqual({ png: true, size: 6 });
    const text = new FormData();
    text.append("file", new Blob(["plain"]), "a.txt");
    const other = await client.request("POST", "/sniff", await multipart(text));
    expect(await other.json()).toEqual({ png: false, size: 5 });
  });
});
