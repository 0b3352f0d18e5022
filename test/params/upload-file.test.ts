import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { expect, it } from "vitest";
import { App, File, TestClient } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";
import { createFormApp } from "./form-apps.js";
import { multipart } from "./form-helpers.js";

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (const byte of bytes) sum = (sum + byte) % 65521;
  return sum;
}

describeTransports("uploads", createFormApp, (client) => {
  it("hands a text file to the handler with its name, type, size and contents", async () => {
    const form = new FormData();
    form.append("file", new Blob(["héllo"], { type: "text/plain" }), "notes.txt");
    form.append("note", "first");
    const response = await client().request("POST", "/upload", await multipart(form));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      filename: "notes.txt",
      content_type: "text/plain",
      size: 6,
      text: "héllo",
      note: "first",
    });
  });

  it.each([
    ["a small", 1000],
    ["a spooled (over 1 MiB)", 3 * 1024 * 1024 + 17],
  ])("keeps every byte of %s binary file", async (_label, size) => {
    const bytes = randomBytes(size);
    const form = new FormData();
    form.append("file", new Blob([bytes], { type: "application/octet-stream" }), "blob.bin");
    const response = await client().request("POST", "/bytes", await multipart(form));
    expect(await response.json()).toEqual({
      filename: "blob.bin",
      size,
      length: size,
      streamed: size,
      sum: checksum(bytes),
    });
  });

  it("collects several files under one name, and repeated form fields into a list", async () => {
    const form = new FormData();
    form.append("files", new Blob(["a"]), "a.txt");
    form.append("files", new Blob(["bb"]), "b.txt");
    form.append("tags", "x");
    form.append("tags", "y");
    const response = await client().request("POST", "/many", await multipart(form));
    expect(await response.json()).toEqual({
      files: [
        { filename: "a.txt", size: 1 },
        { filename: "b.txt", size: 2 },
      ],
      tags: ["x", "y"],
    });
  });

  it("gives undefined for a left-out optional file and converts form strings to numbers", async () => {
    const form = new FormData();
    form.append("count", "7");
    const response = await client().request("POST", "/optional-file", await multipart(form));
    expect(await response.json()).toEqual({ has_file: false, count: 7 });
  });

  it("applies the default when a form field is sent empty, as FastAPI does", async () => {
    const response = await client().request("POST", "/optional-file", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "count=",
    });
    expect(await response.json()).toEqual({ has_file: false, count: 1 });
  });

  it("fills a form model from every field of the form", async () => {
    const response = await client().request("POST", "/model", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "name=lamp&price=12.5&tags=a&tags=b",
    });
    expect(await response.json()).toEqual({ name: "lamp", price: 12.5, tags: ["a", "b"] });
  });

  it("reports a form model's bad fields under body", async () => {
    const response = await client().request("POST", "/model", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "name=lamp&price=cheap",
    });
    expect(response.status).toBe(422);
    const { detail } = (await response.json()) as { detail: { type: string; loc: unknown[] }[] };
    expect(detail.map((d) => [d.type, d.loc])).toEqual([
      ["float_parsing", ["body", "price"]],
      ["missing", ["body", "tags"]],
    ]);
  });

  it("rejects a plain form value sent where a file is declared", async () => {
    const response = await client().request("POST", "/upload", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "file=not-a-file",
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      detail: [
        {
          type: "value_error",
          loc: ["body", "file"],
          msg: "Value error, Expected UploadFile, received: <class 'str'>",
          input: "not-a-file",
          ctx: { error: {} },
        },
      ],
    });
  });

  it("answers 413 for a file over the route's fileSize and still serves the next request", async () => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(5000)]), "big.bin");
    const response = await client().request("POST", "/small", await multipart(form));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      detail: "File too large. Maximum size is 1024 bytes.",
    });
    const small = new FormData();
    small.append("file", new Blob([new Uint8Array(10)]), "ok.bin");
    const next = await client().request("POST", "/small", await multipart(small));
    expect(await next.json()).toEqual({ size: 10 });
  });
});

it("deletes a spooled upload's temp file once the response is sent", async () => {
  const spooled = () => readdirSync(tmpdir()).filter((name) => name.startsWith("tailor-upload-"));
  let during: string[] = [];
  const app = new App();
  app.post("/keep", { params: { file: File() } }, ({ file }) => {
    during = spooled();
    return { size: file.size };
  });
  const before = new Set(spooled());
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(2 * 1024 * 1024)]), "large.bin");
  const response = await new TestClient(app).request("POST", "/keep", await multipart(form));
  expect(await response.json()).toEqual({ size: 2 * 1024 * 1024 });
  const created = during.filter((name) => !before.has(name));
  expect(created).toHaveLength(1);
  expect(spooled()).not.toContain(created[0]);
});

it("takes form limits from the app, overridden per route", async () => {
  const app = new App({ formLimits: { fields: 2 } });
  const params = { a: File({ optional: true }) };
  app.post("/app-limit", { params }, () => ({ ok: true }));
  app.post("/route-limit", { params, formLimits: { fields: 5 } }, () => ({ ok: true }));
  const client = new TestClient(app);
  const init = {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "x=1&y=2&z=3",
  };
  const limited = await client.request("POST", "/app-limit", init);
  expect(limited.status).toBe(400);
  expect(await limited.json()).toEqual({
    detail: "Too many fields. Maximum number of fields is 2.",
  });
  expect((await client.request("POST", "/route-limit", init)).status).toBe(200);
});

/** An app whose handler works an upload as a Starlette handler does: read, seek, write, close. */
function createFileIoApp(): App {
  const app = new App();
  app.post("/io", { params: { file: File() } }, async ({ file }) => {
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    const head = decode(await file.read(4));
    const next = decode(await file.read(3));
    await file.seek(0);
    const sizeBefore = file.size;
    await file.write("HEAD");
    await file.seek(file.size);
    await file.write("!");
    await file.seek(file.size - 6);
    const tail = decode(await file.read());
    const text = await file.text();
    let streamed = 0;
    for await (const chunk of file.stream()) streamed += chunk.byteLength;
    await file.close();
    let afterClose = "";
    await file.read().catch((error: Error) => {
      afterClose = error.message;
    });
    return {
      head,
      next,
      tail,
      sizeBefore,
      size: file.size,
      streamed,
      start: text.slice(0, 8),
      closed: file.closed,
      afterClose,
      headers: file.headers,
    };
  });
  return app;
}

describeTransports("UploadFile read/seek/write/close", createFileIoApp, (client) => {
  it.each([
    ["a small", 100],
    ["a spooled (over 1 MiB)", 1024 * 1024 + 100],
  ])(
    "reads from a position, writes over and past the end, then refuses use once closed (%s file)",
    async (_label, size) => {
      const content = `abcdefg${"x".repeat(size - 12)}tail.`;
      const form = new FormData();
      form.append("file", new Blob([content], { type: "text/plain" }), "notes.txt");
      const response = await client().request("POST", "/io", await multipart(form));
      expect(await response.json()).toEqual({
        head: "abcd",
        next: "efg",
        tail: "tail.!",
        sizeBefore: size,
        size: size + 1,
        streamed: size + 1,
        start: "HEADefgx",
        closed: true,
        afterClose: "I/O operation on closed file.",
        headers: { "content-type": "text/plain" },
      });
    },
  );
});

it("deletes a spooled upload's temp file when the handler closes it", async () => {
  const spooled = () => readdirSync(tmpdir()).filter((name) => name.startsWith("tailor-upload-"));
  let beforeClose: string[] = [];
  let afterClose: string[] = [];
  const app = new App();
  app.post("/close", { params: { file: File() } }, async ({ file }) => {
    beforeClose = spooled();
    await file.close();
    await file.close();
    afterClose = spooled();
    return { closed: file.closed };
  });
  const before = new Set(spooled());
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(2 * 1024 * 1024)]), "large.bin");
  const response = await new TestClient(app).request("POST", "/close", await multipart(form));
  expect(await response.json()).toEqual({ closed: true });
  const created = beforeClose.filter((name) => !before.has(name));
  expect(created).toHaveLength(1);
  expect(afterClose).not.toContain(created[0]);
});

it("refuses a negative or fractional seek offset", async () => {
  const app = new App();
  app.post("/seek", { params: { file: File() } }, async ({ file }) => {
    const messages: string[] = [];
    for (const offset of [-1, 1.5])
      await file.seek(offset).catch((e: Error) => messages.push(e.message));
    return messages;
  });
  const form = new FormData();
  form.append("file", new Blob(["abc"]), "a.txt");
  const response = await new TestClient(app).request("POST", "/seek", await multipart(form));
  expect(await response.json()).toEqual([
    "seek(): offset must be an integer >= 0, got -1",
    "seek(): offset must be an integer >= 0, got 1.5",
  ]);
});

it("refuses a NaN or fractional read size and keeps the position where it was", async () => {
  const app = new App();
  app.post("/read", { params: { file: File() } }, async ({ file }) => {
    const messages: string[] = [];
    await file.read(1);
    for (const size of [Number.NaN, 1.5])
      await file.read(size).catch((e: Error) => messages.push(e.message));
    return { messages, rest: new TextDecoder().decode(await file.read()) };
  });
  const form = new FormData();
  form.append("file", new Blob(["abc"]), "a.txt");
  const response = await new TestClient(app).request("POST", "/read", await multipart(form));
  expect(await response.json()).toEqual({
    messages: [
      "read(): size must be an integer (negative for the rest), got NaN",
      "read(): size must be an integer (negative for the rest), got 1.5",
    ],
    rest: "bc",
  });
});
