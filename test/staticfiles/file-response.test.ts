import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { App, FileResponse, TestClient } from "../../src/index.js";
import { infoFromStats } from "../../src/staticfiles/file-stat.js";
import { fileEtag, guessMediaType, lastModified } from "../../src/staticfiles/index.js";
import {
  makeTree,
  RECORDED_ETAG,
  RECORDED_LAST_MODIFIED,
  RECORDED_MTIME,
  withRecordedMiddleware,
} from "./fixtures.js";

const tree = makeTree();
afterAll(() => tree.cleanup());
const hello = join(tree.dir, "hello.txt");
const helloEtag = fileEtag(infoFromStats(statSync(hello, { bigint: true })));

const app = withRecordedMiddleware(new App());
app.get("/file", {}, () => new FileResponse(hello, { filename: "greeting.txt" }));
app.get("/inline", {}, () => new FileResponse(hello));
app.head("/file", {}, () => new FileResponse(hello, { filename: "greeting.txt" }));
app.get("/bin", {}, () => new FileResponse(join(tree.dir, "data.bin")));
app.get(
  "/named/{name}",
  {},
  ({ name }: { name: string }) => new FileResponse(hello, { filename: name }),
);
const client = new TestClient(app);

describe("Starlette's file validators", () => {
  it("gives the recorded etag for the recorded modification time and size", () => {
    expect(fileEtag({ mtime: RECORDED_MTIME, size: 13 })).toBe(RECORDED_ETAG);
    expect(lastModified({ mtime: RECORDED_MTIME, size: 13 })).toBe(RECORDED_LAST_MODIFIED);
  });

  it("writes a whole-second time as Python does, with a trailing .0", () => {
    const md5 = createHash("md5").update("1700000000.0-5").digest("hex");
    expect(fileEtag({ mtime: 1700000000, size: 5 })).toBe(`"${md5}"`);
  });

  it("guesses media types from names and falls back to text/plain", () => {
    expect(guessMediaType("a/b/photo.PNG")).toBe("image/png");
    expect(guessMediaType("app.js")).toBe("text/javascript");
    expect(guessMediaType("README")).toBe("text/plain");
    expect(guessMediaType(".hidden")).toBe("text/plain");
  });
});

describe("FileResponse", () => {
  it("answers the recorded file-response case", async () => {
    const r = await client.get("/file");
    expect(r.status).toBe(200);
    expect(await r.text()).toBe("hello static\n");
    expect(Object.fromEntries(r.headers)).toMatchObject({
      "content-type": "text/plain; charset=utf-8",
      "accept-ranges": "bytes",
      "content-disposition": 'attachment; filename="greeting.txt"',
      "content-length": "13",
      "last-modified": RECORDED_LAST_MODIFIED,
      etag: helloEtag,
      "x-first": "1",
      "x-second": "1",
    });
    expect(helloEtag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it("sends no content-disposition without a filename", async () => {
    const r = await client.get("/inline");
    expect(r.headers.has("content-disposition")).toBe(false);
    expect(await r.text()).toBe("hello static\n");
  });

  it("encodes non-ASCII and special file names as RFC 5987 filename*", async () => {
    const r = await client.get(`/named/${encodeURIComponent("résumé 1.txt")}`);
    expect(r.headers.get("content-disposition")).toBe(
      "attachment; filename*=utf-8''r%C3%A9sum%C3%A9%201.txt",
    );
  });

  it("takes the media type from the filename before the path", async () => {
    const r = await client.get("/named/photo.png");
    expect(r.headers.get("content-type")).toBe("image/png");
  });

  it("streams binary files byte for byte", async () => {
    const r = await client.get("/bin");
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect(bytes.length).toBe(256);
    expect(bytes[255]).toBe(255);
  });

  it("answers HEAD with the headers and no body", async () => {
    const r = await client.head("/file");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-length")).toBe("13");
    expect(r.headers.get("etag")).toBe(helloEtag);
    expect(await r.text()).toBe("");
  });

  it("fails with a 500 when the file does not exist", async () => {
    const quiet = new App({ logger: { error: () => {} } });
    quiet.get("/missing", {}, () => new FileResponse(join(tree.dir, "nope.txt")));
    const r = await new TestClient(quiet, { raiseServerExceptions: false }).get("/missing");
    expect(r.status).toBe(500);
  });
});

describe("FileResponse range requests", () => {
  const range = (value: string, extra: Record<string, string> = {}) =>
    client.get("/file", { headers: { range: value, ...extra } });

  it("answers a single range with 206 and content-range", async () => {
    const r = await range("bytes=0-4");
    expect(r.status).toBe(206);
    expect(r.headers.get("content-range")).toBe("bytes 0-4/13");
    expect(r.headers.get("content-length")).toBe("5");
    expect(await r.text()).toBe("hello");
  });

  it("answers open-ended and suffix ranges", async () => {
    expect(await (await range("bytes=6-")).text()).toBe("static\n");
    const suffix = await range("bytes=-4");
    expect(suffix.headers.get("content-range")).toBe("bytes 9-12/13");
    expect(await suffix.text()).toBe("tic\n");
  });

  it("clamps a range running past the end", async () => {
    const r = await range("bytes=10-99");
    expect(r.headers.get("content-range")).toBe("bytes 10-12/13");
    expect(await r.text()).toBe("ic\n");
  });

  it("answers 416 with the size when no range overlaps the file", async () => {
    const r = await range("bytes=13-20");
    expect(r.status).toBe(416);
    expect(r.headers.get("content-range")).toBe("bytes */13");
  });

  it("merges overlapping ranges into one", async () => {
    const r = await range("bytes=0-3, 2-4");
    expect(r.status).toBe(206);
    expect(await r.text()).toBe("hello");
  });

  it("answers several ranges as multipart/byteranges with an exact length", async () => {
    const r = await range("bytes=0-1,6-7");
    expect(r.status).toBe(206);
    const type = r.headers.get("content-type") ?? "";
    const boundary = /^multipart\/byteranges; boundary=(\w+)$/.exec(type)?.[1];
    expect(boundary).toBeDefined();
    const body = await r.text();
    expect(Number(r.headers.get("content-length"))).toBe(Buffer.byteLength(body));
    expect(body).toBe(
      `--${boundary}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-range: bytes 0-1/13\r\n\r\nhe` +
        `\r\n--${boundary}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-range: bytes 6-7/13\r\n\r\nst` +
        `\r\n--${boundary}--\r\n`,
    );
  });

  it("ignores other units and malformed ranges and sends the whole file", async () => {
    for (const value of ["items=0-1", "bytes=4-2", "bytes=abc", "bytes=-"]) {
      const r = await range(value);
      expect(r.status, value).toBe(200);
      expect(await r.text()).toBe("hello static\n");
    }
  });

  it("honours If-Range only when it names the current etag or date", async () => {
    const stale = await range("bytes=0-4", { "if-range": '"0000"' });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe("hello static\n");
    expect((await range("bytes=0-4", { "if-range": helloEtag })).status).toBe(206);
    expect((await range("bytes=0-4", { "if-range": RECORDED_LAST_MODIFIED })).status).toBe(206);
  });
});

describe("FileResponse conditional requests", () => {
  const get = (headers: Record<string, string>) => client.get("/file", { headers });

  it("answers 304 with the etag and no body when If-None-Match names the file", async () => {
    for (const tag of [helloEtag, `W/${helloEtag}`, `"other", ${helloEtag}`, "*"]) {
      const r = await get({ "if-none-match": tag });
      expect(r.status, tag).toBe(304);
      expect(r.headers.get("etag")).toBe(helloEtag);
      expect(r.headers.has("content-disposition")).toBe(false);
      expect(await r.text()).toBe("");
    }
  });

  it("answers 200 when If-None-Match names another version", async () => {
    const r = await get({ "if-none-match": '"stale"' });
    expect(r.status).toBe(200);
  });

  it("answers 304 to If-Modified-Since at or after the modification time", async () => {
    expect((await get({ "if-modified-since": RECORDED_LAST_MODIFIED })).status).toBe(304);
    expect((await get({ "if-modified-since": "Fri, 27 Nov 2026 00:00:00 GMT" })).status).toBe(304);
    expect((await get({ "if-modified-since": "Wed, 25 Nov 2026 00:00:00 GMT" })).status).toBe(200);
    expect((await get({ "if-modified-since": "garbage" })).status).toBe(200);
  });

  it("lets If-None-Match decide over If-Modified-Since", async () => {
    const r = await get({
      "if-none-match": '"stale"',
      "if-modified-since": RECORDED_LAST_MODIFIED,
    });
    expect(r.status).toBe(200);
  });
});
